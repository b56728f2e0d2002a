"""``story <id>`` in a channel that was shown the story marks the reports it has not seen "(new)", as a follow-up's
links are marked; a channel never shown the story, and one shown every report, get no mark."""

from __future__ import annotations

from datetime import UTC, timedelta
from pathlib import Path

from bot.commands import build_dispatcher
from bot.commands.base import Invocation
from bot.commands.deps import CommandDeps
from bot.config import Config
from bot.models import ChannelRef, SourceRef, Story
from bot.store.channels import ChannelDefaults, ChannelStore
from bot.store.db import Database
from digests.story_view import MAX_SOURCES, render_story
from tests.channels.test_followups import DAY1, FIRE_A, FIRE_B, FIRE_C, REF, CapturingAdapter, World
from tests.channels.test_preview_numbers import say

OTHER = ChannelRef("console", "other")  # a channel that never had a briefing


def coverage(view: str) -> dict[str, str]:
    """Outlet name -> its coverage line, from the lines between "Coverage:" and the next heading."""
    lines = view.split("Coverage:\n", 1)[1].splitlines()
    found = [line for line in lines if line.startswith("• ") and ": " in line and "“" in line]
    return {line.split(": ", 1)[1].split(",", 1)[0].removesuffix(" (new)"): line for line in found}


async def test_the_story_view_marks_the_reports_the_channel_has_not_seen(
        db: Database, config: Config, tmp_path: Path) -> None:
    world = World(db, config, tmp_path)
    await ChannelStore(db).ensure(REF, ChannelDefaults("daily 08:00", "UTC"), now=DAY1)
    await world.ingest(DAY1 + timedelta(hours=6), FIRE_A, FIRE_B)
    fire = await world.story_of(FIRE_A)
    before = await say(db, config, world, f"story {fire}")
    assert "(new)" not in before  # not yet shown here: every report is as new as the others, none marked

    adapter = CapturingAdapter()
    assert await world.deliver(db, adapter, DAY1 + timedelta(hours=8)) == ["delivered"]
    await world.ingest(DAY1 + timedelta(days=1, hours=6), FIRE_C)
    assert await world.story_of(FIRE_C) == fire
    world.clock.set(DAY1 + timedelta(days=1, hours=7))

    lines = coverage(await say(db, config, world, f"story {fire}"))
    assert set(lines) == {"Harbour Gazette", "Coastal Times", "Northern Ledger"}, lines
    assert "Northern Ledger (new), “" in lines["Northern Ledger"]
    assert "(new)" not in lines["Harbour Gazette"] + lines["Coastal Times"]

    dispatcher = build_dispatcher(CommandDeps(config, db, world.clock))
    elsewhere = await dispatcher(Invocation("story", fire, "U7", OTHER, now=world.clock()))
    assert "Northern Ledger, “" in elsewhere.text and "(new)" not in elsewhere.text  # never shown it there

    assert await world.deliver(db, adapter, DAY1 + timedelta(days=1, hours=8)) == ["delivered"]  # the follow-up
    after = await say(db, config, world, f"story {fire}")
    assert "Northern Ledger, “" in after and "(new)" not in after  # now seen here too


def test_reports_past_the_shown_ones_count_their_new_ones() -> None:
    sources = tuple(SourceRef(f"a-{n}", f"Outlet {n}", f"https://o{n}.test/quay", f"Quay story {n}",
                              DAY1 + timedelta(hours=n)) for n in range(MAX_SOURCES + 3))
    story = Story("s-quay", "Quay reopens", sources, ())
    text = render_story(story, tz=UTC, new=(f"a-{MAX_SOURCES + 1}", f"a-{MAX_SOURCES + 2}", "a-0"))
    assert "• Mon 03 Mar 00:00: Outlet 0 (new), “Quay story 0”" in text
    assert text.count("(new)") == 1 and text.endswith("… and 3 more articles (2 new)")
    assert render_story(story, tz=UTC).endswith("… and 3 more articles")
