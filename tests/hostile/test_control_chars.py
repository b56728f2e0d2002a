"""Terminal escapes, control characters, bidi overrides and zero-width characters removed at ingest."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.config import IngestConfig
from bot.ingest.normalise import RawArticle, build_article
from bot.ingest.safe_text import clean_title, safe_url, without_escapes

NOW = datetime(2026, 11, 24, 5, 0, tzinfo=UTC)
BODY = "The harbour council of Dunmore met on Tuesday and agreed a new plan for the market square."


def _article(title: str, text: str = BODY, url: str = "http://127.0.0.1:8000/p/x") -> object:
    return build_article(RawArticle(title=title, text=text, url=url), source="s", now=NOW, config=IngestConfig())


def test_ansi_escapes_and_controls_removed_from_titles() -> None:
    article = _article("Ctl \x1b[31mRED\x1b[0m \x07bell title Dunmore\x85\x9b")
    assert article.title == "Ctl RED bell title Dunmore"  # type: ignore[attr-defined]


def test_ansi_escapes_removed_whole_from_body_but_newlines_and_tabs_kept() -> None:
    text = f"\x1b[31m{BODY}\x1b[0m\x07\n\nCouncillor Ada Brim said\tthe plan\x1b]0;pwned\x07 would bring traders back."
    article = _article("Dunmore plan", text)
    assert "[31m" not in article.text and "[0m" not in article.text  # type: ignore[attr-defined]
    assert "\x1b" not in article.text and "\x07" not in article.text and "pwned" not in article.text  # type: ignore
    assert "Councillor Ada Brim" in article.text  # type: ignore[attr-defined]


def test_bidi_overrides_and_zero_width_removed_from_titles() -> None:
    assert clean_title("zero\u200bwidth and \u202eRTL override\u202c \u2066iso\u2069 Dunmore\ufeff") == \
        "zerowidth and RTL override iso Dunmore"


def test_zwj_and_zwnj_kept_in_titles_and_body() -> None:
    persian = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"  # "mi-khaham": ZWNJ between the prefix and verb
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    assert clean_title(f"{persian} {family}") == f"{persian} {family}"
    assert without_escapes(f"{BODY} {persian} {family}\x07") == f"{BODY} {persian} {family}"
    article = _article(f"{persian} Dunmore", BODY)
    assert article.title == f"{persian} Dunmore"  # type: ignore[attr-defined]


def test_urls_percent_encode_bidi_zero_width_spaces_pipes_and_angles() -> None:
    assert safe_url("http://127.0.0.1:8000/p/e\u202egnp.exe") == "http://127.0.0.1:8000/p/e%E2%80%AEgnp.exe"
    assert safe_url("http://127.0.0.1:8000/p/a|<!channel> click") == \
        "http://127.0.0.1:8000/p/a%7C%3C!channel%3E%20click"
    assert safe_url("http://127.0.0.1:8000/p/\u200bx\x07") == "http://127.0.0.1:8000/p/%E2%80%8Bx%07"
    assert safe_url("http://127.0.0.1:8000/p/caf%C3%A9?q=1#top") == "http://127.0.0.1:8000/p/caf%C3%A9?q=1#top"


def test_stored_article_url_is_percent_encoded() -> None:
    article = _article("Dunmore", url="http://127.0.0.1:8000/p/a|<!channel> click")
    assert article.url.startswith("http://127.0.0.1:8000/p/a%7C%3C!channel%3E%20click")  # type: ignore[attr-defined]
    article = _article("Dunmore", url="http://127.0.0.1:8000/p/e\u202egnp.exe")
    assert "\u202e" not in article.url  # type: ignore[attr-defined]
