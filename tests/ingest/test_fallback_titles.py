"""A record with no title is headed by its first real sentence (not a byline, dateline or photo credit), and a long
one is cut at a word's end with "…"; an answer's citation cuts a long headline the same way (bot/text_cut.py)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, cast

from bot.answer.respond import _source_line
from bot.config import IngestConfig
from bot.ingest.normalise import RawArticle, build_article
from bot.store.quotes import QuoteHit
from bot.text_cut import clipped

NOW = datetime(2026, 3, 4, 12, 0, tzinfo=UTC)
REAL = "The harbour board of Lindholt voted on Monday to rebuild the old quay wall before the summer ferries start."
LONG = ("Lindholt's harbour board voted on Monday to rebuild the old quay wall, close the northern footpath for six "
        "weeks and moor the ferries at the eastern pier while divers work.")


def _title(text: str) -> str:
    raw = RawArticle(title="", text=text, url="https://lindholt-courier.test/a/1")
    return build_article(raw, source="records.json", now=NOW, config=IngestConfig()).title


def test_a_byline_and_datelines_are_skipped() -> None:
    text = ("By . Edda Vinter . PUBLISHED: . 10:02 EST, 3 March 2026 . | . UPDATED: . 11:40 EST, 3 March 2026 . "
            + REAL + " The county will share the cost.")
    assert _title(text) == REAL


def test_a_byline_in_spaced_pieces_is_skipped() -> None:
    text = "By . Coast Wire Reporter . PUBLISHED: . 10:02 EST, 3 March 2026 . " + REAL
    assert _title(text) == REAL


def test_a_short_sentence_heads_a_text() -> None:
    assert _title("Ferries resume on Monday. " + REAL) == "Ferries resume on Monday."
    korean = "강변마을 새 다리가 오늘 개통됐다. 김하늘 군수는 공사가 2년 걸렸다고 말했다."
    assert _title(korean) == "강변마을 새 다리가 오늘 개통됐다."


def test_a_photo_credit_and_last_updated_line_are_skipped() -> None:
    text = "Last updated: 3 March 2026.\n\nPhoto credit: Getty Images.\n\n" + REAL + "\n\nThe county will share it."
    assert _title(text) == REAL


def test_a_long_first_sentence_is_cut_at_a_word_with_an_ellipsis() -> None:
    title = _title(LONG + " The county will share the cost.")
    assert len(title) <= 120 and title.endswith("…")
    kept = title[:-1]
    assert LONG.startswith(kept) and LONG[len(kept)] == " " and not kept.endswith((" ", ","))


def test_a_text_of_junk_alone_keeps_its_first_sentence() -> None:
    assert _title("By . Edda Vinter . Quay works") == "By ."


def test_clipped() -> None:
    assert clipped("Quay wall repairs", 40) == "Quay wall repairs"
    assert clipped("Quay wall repairs start", 17) == "Quay wall…"
    assert clipped("Quay wall repairs start", 18) == "Quay wall repairs…"
    assert clipped("Quay wall, repairs start", 12) == "Quay wall…"
    assert clipped("港" * 50, 10) == "港" * 9 + "…"  # no spaces to cut at: cut anywhere
    assert clipped("Unbreakablewordthatgoesonandon here", 20) == "Unbreakablewordthat…"


def test_a_citation_cuts_a_long_headline_at_a_word() -> None:
    hit = QuoteHit(attribution=cast(Any, None), outlet="Lindholt Courier", title=LONG, url="", published=None)
    line = _source_line(hit)
    cited = line.split("”", 1)[0].lstrip("“")
    assert cited.endswith("…") and len(cited) <= 100
    assert LONG.startswith(cited[:-1]) and LONG[len(cited) - 1] == " "
