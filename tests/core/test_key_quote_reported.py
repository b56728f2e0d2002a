"""A briefing whose key quote is reported speech shows it as reported speech, never inside quotation marks, in every
format (text, Markdown, Slack, Discord); JSON says each quote's kind."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from bot.models import Attribution, Briefing, SourceRef, Story, SummarySentence
from digests.compose import compose
from digests.key_quote import key_quote
from digests.render_discord import render_discord
from digests.render_json import briefing_to_dict
from digests.render_slack import render_briefing
from digests.render_text import render_markdown, render_text

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
LEAD = '"The quay has been silting up for twenty years," harbour chief Olle Brandvik said.'
REPORTED = "Net menders in Skarvik said that the dredging came too late for the boats that had moved away."
TEXT = f"{LEAD} {REPORTED}"
DIRECT = Attribution("k-1", "Olle Brandvik", "Olle Brandvik", "said",
                     '"The quay has been silting up for twenty years,"', "direct", 0, 0, 49)
PARAPHRASE = Attribution("k-1", "Net menders in Skarvik", "Net menders in Skarvik", "said",
                         "that the dredging came too late for the boats that had moved away", "indirect", 1,
                         TEXT.index("that the"), len(TEXT) - 1)
SHOWN = "the dredging came too late for the boats that had moved away"


def briefing(*quotes: Attribution) -> Briefing:
    source = SourceRef("k-1", "Skarvik Post", "https://skarvik.example/quay", "Skarvik quay to be dredged", NOW)
    summary = (SummarySentence(LEAD, "k-1", 0, 0, len(LEAD)),)  # the direct quote is already in the summary
    story = Story(id="s-quay", headline="Skarvik quay to be dredged", sources=(source,), summary=summary,
                  quotes=quotes, updated=NOW, url=source.url)
    return compose([story], now=NOW, title="Harbour news")


def test_the_fallback_key_quote_is_the_reported_speech() -> None:
    assert TEXT[PARAPHRASE.start:PARAPHRASE.end] == PARAPHRASE.content
    assert key_quote(briefing(DIRECT, PARAPHRASE).items[0].story) == PARAPHRASE


def _no_marks_around(text: str) -> None:
    for mark in ("“the dredging", "“that the dredging", "moved away”", '"the dredging'):
        assert mark not in text, text


def test_text_and_markdown_show_reported_speech_without_quotation_marks() -> None:
    text = render_text(briefing(DIRECT, PARAPHRASE))
    _no_marks_around(text)
    assert f"   Net menders in Skarvik said {SHOWN}.\n" in text
    markdown = render_markdown(briefing(DIRECT, PARAPHRASE))
    _no_marks_around(markdown)
    assert f"> **Net menders in Skarvik** said {SHOWN}.\n" in markdown


def test_slack_and_discord_show_reported_speech_without_quotation_marks() -> None:
    slack = json.dumps([m.blocks for m in render_briefing(briefing(DIRECT, PARAPHRASE))], ensure_ascii=False)
    _no_marks_around(slack)
    assert f"> *Net menders in Skarvik* said {SHOWN}." in slack
    discord = render_discord(briefing(DIRECT, PARAPHRASE))
    fields = [f for m in discord for e in m["embeds"] for f in e.get("fields", [])]
    quote_fields = [f for f in fields if f["name"].startswith("Key")]
    assert [(f["name"], f["value"]) for f in quote_fields] == [
        ("Key quote (reported speech)", f"**Net menders in Skarvik** said {SHOWN}.")]


def test_a_direct_key_quote_keeps_its_marks_everywhere() -> None:
    story = briefing(DIRECT).items[0].story  # without the summary that carries it, the direct quote is shown
    unsummarised = Story(**{**{f: getattr(story, f) for f in story.__dataclass_fields__}, "summary": ()})
    shown = compose([unsummarised], now=NOW, title="Harbour news")
    assert "   “The quay has been silting up for twenty years” — Olle Brandvik" in render_text(shown)
    assert "> “The quay has been silting up for twenty years” — **Olle Brandvik**" in render_markdown(shown)
    slack = json.dumps([m.blocks for m in render_briefing(shown)], ensure_ascii=False)
    assert "> “The quay has been silting up for twenty years” — *Olle Brandvik*" in slack
    fields = [f for m in render_discord(shown) for e in m["embeds"] for f in e.get("fields", [])]
    assert {"name": "Key quote", "value": "**Olle Brandvik**: “The quay has been silting up for twenty years”",
            "inline": False} in fields


def test_reported_speech_with_a_cue_written_before_the_name() -> None:
    according = Attribution("k-1", "the port authority", "the port authority", "according to",
                             "dredging would start in spring", "indirect", 1, 90, 120)
    text = render_text(briefing(DIRECT, according))
    assert "   According to the port authority, dredging would start in spring.\n" in text


def test_json_says_which_kind_each_quote_is() -> None:
    data = briefing_to_dict(briefing(DIRECT, PARAPHRASE))
    kinds = {(q["speaker"], q["kind"]) for q in data["stories"][0]["quotes"]}
    assert kinds == {("Olle Brandvik", "direct"), ("Net menders in Skarvik", "indirect")}


def test_a_paraphrase_with_a_quoted_fragment_is_not_put_in_quotation_marks() -> None:
    mixed = Attribution("k-1", "Olle Brandvik", "Brandvik", "called",
                        'the old quay "a trap for every keel in the bay"', "mixed", 1, 90, 135)
    text = render_text(briefing(DIRECT, mixed))
    assert '   Olle Brandvik called the old quay "a trap for every keel in the bay".\n' in text
    assert "“the old quay" not in text
