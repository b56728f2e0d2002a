"""Bidi controls, invisible characters, tabs and line breaks in a feed's title, outlet and body never reach a stored
article, so no summary line, quote, speaker, headline or outlet name the renderers show can carry them."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.config import IngestConfig
from bot.ingest.normalise import RawArticle, build_article

NOW = datetime(2026, 11, 24, 5, 0, tzinfo=UTC)
RLO, PDF, LRI, PDI, ZWSP = "\u202e", "\u202c", "\u2066", "\u2069", "\u200b"
HIDDEN = (RLO, PDF, LRI, PDI, ZWSP, "\u2060", "\ufeff")
# invented: a line whose middle would show reversed, and a speaker whose name hides a gap
LINE = f"Harbour master Tove{ZWSP}Lindqvar of Quorrin said the {RLO}llaf lliw{PDF} ferry fares {LRI}from{PDI} May."
BODY = f"{LINE} The council of Quorrin met on Tuesday and agreed a new timetable for the two harbour boats."


def test_body_title_and_outlet_lose_bidi_controls_and_invisible_characters_at_ingest() -> None:
    article = build_article(RawArticle(title=f"Quorrin {RLO}fares{PDF}\tto\nchange", text=BODY,
                                       url="http://127.0.0.1:8000/p/q", outlet=f"Quorrin{ZWSP} Gazette{RLO}"),
                            source="s", now=NOW, config=IngestConfig())
    for field in (article.title, article.text, article.outlet):  # type: ignore[attr-defined]
        assert not [c for c in field if c in HIDDEN], repr(field)
    assert article.title == "Quorrin fares to change"  # type: ignore[attr-defined]  # one line: no tab, no break
    assert article.outlet == "Quorrin Gazette"  # type: ignore[attr-defined]
    assert "said the llaf lliw ferry fares from May." in article.text  # type: ignore[attr-defined]
