"""A follow-up's source links mark the report(s) the channel has not seen, and put them first in their outlet's
links, on Slack, Discord, text, Markdown and JSON."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from bot.followups import replay
from bot.models import Briefing, BriefingItem, SourceRef, Story, SummarySentence
from bot.store.ledger import Carried, Planned
from digests.render_discord import render_discord
from digests.render_json import briefing_to_dict
from digests.render_slack import render_briefing
from digests.render_text import render_markdown, render_text

NOW = datetime(2031, 7, 9, 8, 0, tzinfo=UTC)
OLD = SourceRef("a", "Kestrel Gazette", "https://kestrel.test/mill-fire", "Mill fire", NOW)
NEW = SourceRef("b", "Kestrel Gazette", "https://kestrel.test/mill-reopens", "Mill reopens", NOW)
OTHER = SourceRef("c", "Fenby Echo", "https://fenby.test/mill", "Mill", NOW)
LINE = "The paper mill reopened after repairs to its drying hall."


def followup(new: tuple[str, ...] = ("b",)) -> Briefing:
    story = Story("s-mill", "Mill reopens", (OLD, NEW, OTHER), (), (), updated=NOW)
    item = BriefingItem(story, 1.0, new_since=(SummarySentence(LINE, "b", 0, 0, len(LINE)),), new=new)
    return Briefing("Briefing", NOW, (item,))


def test_text_marks_the_new_report_and_lists_it_first() -> None:
    text = render_text(followup())
    assert ("     Kestrel Gazette (new): https://kestrel.test/mill-reopens\n"
            "     Kestrel Gazette: https://kestrel.test/mill-fire\n"
            "     Fenby Echo: https://fenby.test/mill\n") in text
    short = render_text(Briefing("Briefing", NOW, followup().items, length="short"))
    assert ("Kestrel Gazette <https://kestrel.test/mill-reopens> (new) <https://kestrel.test/mill-fire> · "
            "Fenby Echo <https://fenby.test/mill>") in short


def test_chat_and_markdown_label_the_new_link() -> None:
    assert ("Sources: [Kestrel Gazette (new)](https://kestrel.test/mill-reopens) "
            "[2](https://kestrel.test/mill-fire), [Fenby Echo](https://fenby.test/mill)") in render_markdown(followup())
    slack = json.dumps([m.blocks for m in render_briefing(followup())])
    assert ("Sources: <https://kestrel.test/mill-reopens|Kestrel Gazette (new)> <https://kestrel.test/mill-fire|2> "
            "\\u00b7 <https://fenby.test/mill|Fenby Echo>") in slack
    fields = [f for m in render_discord(followup()) for e in m["embeds"] for f in e.get("fields", [])]
    assert {"name": "Sources", "inline": False, "value": (
        "[Kestrel Gazette (new)](https://kestrel.test/mill-reopens) [2](https://kestrel.test/mill-fire) · "
        "[Fenby Echo](https://fenby.test/mill)")} in fields


def test_a_briefing_that_is_no_followup_marks_nothing() -> None:
    assert "(new)" not in render_text(followup(())) + render_markdown(followup(()))
    assert "(new)" not in json.dumps([m.blocks for m in render_briefing(followup(()))])


def test_json_gives_each_source_whether_it_is_new() -> None:
    sources = briefing_to_dict(followup())["stories"][0]["sources"]
    assert [(s["article"], s["new"]) for s in sources] == [("a", False), ("b", True), ("c", False)]


def test_a_replayed_followup_keeps_its_new_reports() -> None:
    story = followup().items[0].story
    planned = Planned("Briefing", None, (Carried("s-mill", ("a", "b", "c"), "Mill reopens", NEW.url, (), ("b",)),))
    assert replay(planned, [story], NOW).items[0].new == ("b",)
