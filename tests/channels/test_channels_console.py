"""The console adapter: /brief lines in, replies and briefings out, a retried slot printed once."""

from __future__ import annotations

import io
from datetime import UTC, datetime

from adapters.console import ConsoleAdapter
from bot.commands.base import Invocation, Reply
from bot.models import Briefing, BriefingItem, ChannelRef, Story

NOW = datetime(2026, 6, 1, 8, 0, tzinfo=UTC)


def briefing() -> Briefing:
    story = Story(id="s1", headline="Harbour reopens", sources=(), summary=())
    item = BriefingItem(story, 1.0, "matched: harbour — in 1 sentence")
    return Briefing(title="Briefing", generated=NOW, items=(item,))


async def test_lines_become_invocations_and_replies_are_printed() -> None:
    out = io.StringIO()
    adapter = ConsoleAdapter(stdin=io.StringIO("/brief subscribe NATO -sport\n\nNATO since 3d\n"), stdout=out,
                             verbs=("brief", "subscribe"))
    seen: list[Invocation] = []

    async def dispatch(inv: Invocation) -> Reply:
        seen.append(inv)
        return Reply(f"ok {inv.command}", briefing=briefing() if inv.command == "brief" else None)

    await adapter.run(dispatch)
    assert [(i.command, i.args, i.can_manage, i.channel.key) for i in seen] == [
        ("subscribe", "NATO -sport", True, "console:main"), ("brief", "NATO since 3d", True, "console:main")]
    text = out.getvalue()
    assert "ok subscribe" in text and "1. Harbour reopens" in text and "(matched: harbour — in 1 sentence)" in text


async def test_post_prints_once_per_key_and_notices_are_marked() -> None:
    out = io.StringIO()
    adapter = ConsoleAdapter(stdout=out)
    ref = ChannelRef("console", "main")
    first = await adapter.post(ref, briefing(), key="console:main|2026-06-01T08:00:00+00:00")
    again = await adapter.post(ref, briefing(), key="console:main|2026-06-01T08:00:00+00:00")
    assert first == again == ["console-1"]
    assert out.getvalue().count("===== console:main =====") == 1
    await adapter.notify(ref, "source https://feeds.test/x.xml is failing")
    assert "[notice console:main] source https://feeds.test/x.xml is failing" in out.getvalue()


async def test_a_bare_brief_is_a_briefing_now_and_blank_lines_are_skipped() -> None:
    seen: list[Invocation] = []

    async def dispatch(inv: Invocation) -> Reply:
        seen.append(inv)
        return Reply("Briefing", briefing=briefing())

    for verbs in (("brief", "subscribe"), ()):
        seen.clear()
        out = io.StringIO()
        adapter = ConsoleAdapter(stdin=io.StringIO("/brief\n   \n  /brief  \n"), stdout=out, verbs=verbs)
        await adapter.run(dispatch)
        assert [(i.command, i.args) for i in seen] == [("brief", ""), ("brief", "")], verbs
        assert out.getvalue().count("1. Harbour reopens") == 2


def test_only_the_command_word_itself_is_taken_as_the_prefix() -> None:
    adapter = ConsoleAdapter(verbs=("brief", "subscribe"))
    with_tab = adapter.invocation("/brief\tsubscribe NATO")
    glued = adapter.invocation("/briefing")
    assert with_tab is not None and (with_tab.command, with_tab.args) == ("subscribe", "NATO")
    assert glued is not None and glued.command != "ing"  # "/briefing" is not "/brief ing"
