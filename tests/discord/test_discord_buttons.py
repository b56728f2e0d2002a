"""Story buttons end to end: a briefing posted by the real adapter to the local Discord, its buttons clicked over
the local gateway (INTERACTION_CREATE type 3), answered through the same dispatch as ``/brief``."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, replace
from datetime import timedelta
from pathlib import Path
from typing import Any

import discord
import pytest
from discord_harness import NOW, AdapterFactory, discord_config, real_briefing, start, stop
from discord_logs import Seen
from fake_discord import APP_ID, CHANNEL_ID, FORUM_ID, FakeDiscord

from adapters.discord import DiscordAdapter
from adapters.discord.client import STALE_BUTTON
from bot.commands import build_dispatcher
from bot.commands.base import Command, Invocation, Option, Reply
from bot.commands.deps import CommandDeps
from bot.commands.dispatch import Dispatcher
from bot.config import BriefingConfig, Config, SchedulerConfig
from bot.delivery import Delivery
from bot.models import Briefing, BriefingItem, ChannelRef, SourceRef, Story, SummarySentence
from bot.scheduler import Scheduler
from bot.store.channels import ChannelDefaults, ChannelStore
from bot.store.db import Database
from digests.story_actions import STORY_ACTIONS, parse_action_id
from tests.channels.test_alerts import VOTE
from tests.channels.test_followups import BERTH_D, DAY1, FIRE_A, FIRE_B, FIRE_C, World

EPHEMERAL = 1 << 6
MANAGE_CHANNELS = 1 << 4
ADMINISTRATOR = 1 << 3
CHANNEL = ChannelRef("discord", CHANNEL_ID)


def callbacks(fake: FakeDiscord, inter: str) -> list[Any]:
    return [r.body for r in fake.calls("POST", rf"/interactions/{inter}/[^/]+/callback")]


def followups(fake: FakeDiscord, inter: str) -> list[Any]:
    return [r.body for r in fake.calls("POST", rf"/webhooks/{APP_ID}/tok{inter}")]


def button(fake: FakeDiscord, label: str, channel: str = CHANNEL_ID) -> tuple[str, dict[str, Any]]:
    """(custom_id, the stored message it is under) of the button labelled ``label``, as a user sees it."""
    for message in fake.messages[channel]:
        for row in message["components"]:
            for b in row["components"]:
                if b["label"] == label:
                    return b["custom_id"], message
    raise AssertionError(f"no button {label!r} in {channel}")


class StoryVerbs:
    """Quick stand-ins for `story` and `mute` (and a briefing reply), over the real Dispatcher."""

    def __init__(self) -> None:
        self.seen: list[Invocation] = []
        opt = (Option("story", "its number, id or headline words", required=True, rest=True),)
        self.dispatcher = Dispatcher([Command("story", "One story in full.", self._record, opt),
                                      Command("mute", "Stop a story here.", self._record, opt),
                                      Command("preview", "A briefing.", self._preview)])

    async def _record(self, inv: Invocation) -> Reply:
        self.seen.append(inv)
        return Reply(f"{inv.command} {inv.options.get('story')} manage={inv.can_manage}")

    async def _preview(self, inv: Invocation) -> Reply:
        return Reply("Preview", briefing=real_briefing(2), ephemeral=True)


@pytest.fixture
def verbs() -> StoryVerbs:
    return StoryVerbs()


async def test_a_click_after_a_restart_runs_the_verb_as_typed_and_answers_only_the_clicker(
        fake: FakeDiscord, make_adapter: AdapterFactory, verbs: StoryVerbs) -> None:
    briefing = real_briefing(3)
    poster = make_adapter()
    await poster.post(CHANNEL, briefing, key="slot")
    await poster.close()  # the process that posted is gone: nothing of it is needed to answer a click
    adapter = make_adapter()
    task = await start(adapter, fake, verbs.dispatcher)
    try:
        custom_id, message = button(fake, "2 · Full story")
        story_id = briefing.items[1].story.id
        assert parse_action_id(custom_id) == ("story", story_id)
        inter = await fake.push_click(custom_id, message, user_id="77")
        await fake.wait_for(lambda: bool(callbacks(fake, inter)))
        [body] = callbacks(fake, inter)
        assert body["type"] == 4 and body["data"]["flags"] & EPHEMERAL  # only the clicker sees it
        assert body["data"]["content"] == f"story {story_id} manage=False"
        assert body["data"]["allowed_mentions"] == {"parse": []}
        [clicked] = verbs.seen
        assert (clicked.command, clicked.args, dict(clicked.options)) == ("story", story_id, {"story": story_id})
        assert (clicked.user, clicked.channel, clicked.now, clicked.can_manage) == ("77", CHANNEL, NOW, False)

        typed = await fake.push_command("story", {"story": story_id}, user_id="77")  # /brief story <id>
        await fake.wait_for(lambda: bool(callbacks(fake, typed)))
        assert verbs.seen[1] == clicked
    finally:
        await stop(task, adapter)


@pytest.mark.parametrize(("permissions", "user", "allowed"), [
    (0, "42", False), (MANAGE_CHANNELS, "42", True), (ADMINISTRATOR, "42", True), (0, "1001", True)])
async def test_mute_click_computes_the_permission_as_the_slash_command_does(
        fake: FakeDiscord, make_adapter: AdapterFactory, verbs: StoryVerbs, permissions: int, user: str,
        allowed: bool) -> None:
    adapter = make_adapter(admins=("1001",))
    task = await start(adapter, fake, verbs.dispatcher)
    try:
        await adapter.post(CHANNEL, real_briefing(2))
        custom_id, message = button(fake, "1 · Mute")
        inter = await fake.push_click(custom_id, message, user_id=user, permissions=permissions)
        await fake.wait_for(lambda: bool(callbacks(fake, inter)))
        typed = await fake.push_command("mute", {"story": "1"}, user_id=user, permissions=permissions)
        await fake.wait_for(lambda: bool(callbacks(fake, typed)))
        assert [i.can_manage for i in verbs.seen] == [allowed, allowed]
        assert callbacks(fake, inter)[0]["data"]["content"].endswith(f"manage={allowed}")
    finally:
        await stop(task, adapter)


async def test_a_button_of_an_unknown_format_runs_nothing_and_tells_only_the_clicker_what_to_type(
        fake: FakeDiscord, make_adapter: AdapterFactory, verbs: StoryVerbs, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="adapters.discord.client")
    adapter = make_adapter()
    task = await start(adapter, fake, verbs.dispatcher)
    try:
        await adapter.post(CHANNEL, real_briefing(1))
        custom_id, message = button(fake, "1 · Full story")
        stale = [await fake.push_click(cid, message) for cid in ("poll:vote:3", "brief:delete:s-1", "brief:story:")]
        inter = await fake.push_click(custom_id, message)  # gateway events are handled in order
        await fake.wait_for(lambda: all(callbacks(fake, i) for i in (*stale, inter)))
        for answered in stale:  # exactly one answer each, a plain private message: no "This interaction failed"
            [body] = callbacks(fake, answered)
            assert body["type"] == 4 and body["data"]["flags"] & EPHEMERAL
            assert body["data"]["content"] == STALE_BUTTON and "`/brief story <n>`" in STALE_BUTTON
            assert body["data"]["allowed_mentions"] == {"parse": []}
            assert followups(fake, answered) == []
        assert [(i.command, i.args) for i in verbs.seen] == [parse_action_id(custom_id)]
        ignored = [r for r in caplog.records if "did not make" in r.getMessage()]
        assert len(ignored) == 3 and "poll:vote:3" in ignored[0].getMessage()
    finally:
        await stop(task, adapter)


async def test_a_component_a_discord_view_listens_to_is_left_to_that_view(
        fake: FakeDiscord, make_adapter: AdapterFactory, verbs: StoryVerbs) -> None:
    class Poll(discord.ui.View):
        def __init__(self) -> None:
            super().__init__(timeout=None)

        @discord.ui.button(label="Vote", custom_id="poll:vote:3")
        async def vote(self, interaction: discord.Interaction, _: discord.ui.Button[Poll]) -> None:
            await interaction.response.send_message("counted", ephemeral=True)

    adapter = make_adapter()
    adapter.client.add_view(Poll())  # a persistent view: discord.py's view store answers its clicks
    task = await start(adapter, fake, verbs.dispatcher)
    try:
        await adapter.post(CHANNEL, real_briefing(1))
        custom_id, message = button(fake, "1 · Full story")
        vote = await fake.push_click("poll:vote:3", message)
        inter = await fake.push_click(custom_id, message)
        await fake.wait_for(lambda: bool(callbacks(fake, vote)) and bool(callbacks(fake, inter)))
        [body] = callbacks(fake, vote)  # the view's answer only: no second response from the adapter
        assert body["data"]["content"] == "counted"
    finally:
        await stop(task, adapter)


async def test_a_failing_dispatch_gets_the_slash_commands_polite_error(
        fake: FakeDiscord, make_adapter: AdapterFactory, verbs: StoryVerbs) -> None:
    class Broken:
        commands = verbs.dispatcher.commands

        async def __call__(self, invocation: Invocation) -> Reply:
            raise RuntimeError("boom")

    adapter = make_adapter()
    task = await start(adapter, fake, Broken())
    try:
        await adapter.post(CHANNEL, real_briefing(1))
        inter = await fake.push_click(*button(fake, "1 · Full story"))
        await fake.wait_for(lambda: bool(callbacks(fake, inter)))
        [body] = callbacks(fake, inter)
        assert body["data"]["content"] == "Something went wrong answering that; it has been logged."
        assert body["data"]["flags"] & EPHEMERAL
    finally:
        await stop(task, adapter)


async def test_buttons_ride_on_replies_threads_and_forum_posts(
        fake: FakeDiscord, make_adapter: AdapterFactory, verbs: StoryVerbs) -> None:
    adapter = make_adapter(thread_per_briefing=True)
    task = await start(adapter, fake, verbs.dispatcher)
    try:
        inter = await fake.push_command("preview", {})  # a command's briefing reply (interaction response)
        await fake.wait_for(lambda: bool(callbacks(fake, inter)))
        labels = [b["label"] for row in callbacks(fake, inter)[0]["data"]["components"] for b in row["components"]]
        assert labels == ["1 · Full story", "1 · Track", "1 · Mute", "2 · Full story", "2 · Track", "2 · Mute"]
        ids = await adapter.post(CHANNEL, real_briefing(12), key="t")  # first message opens a thread
        assert button(fake, "1 · Mute")[1]["id"] == ids[0]
        assert button(fake, "12 · Mute", channel=ids[0])  # the rest, inside the thread
        await adapter.post(ChannelRef("discord", FORUM_ID), real_briefing(2))  # a forum post
        [created] = fake.calls("POST", rf"/channels/{FORUM_ID}/threads")
        assert [len(row["components"]) for row in created.body["message"]["components"]] == [3, 3]
    finally:
        await stop(task, adapter)


# ---- against the real commands, store and scheduler --------------------------------------------------------------

@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = await Database.open(f"sqlite:///{tmp_path / 'buttons.db'}")
    yield database
    await database.close()


@dataclass
class Posted:
    """A briefing with the harbour fire story posted to the channel by the real scheduler and adapter."""

    world: World
    store: ChannelStore
    scheduler: Scheduler
    fire: str  # the story's id
    number: str  # its number in the posted briefing


@asynccontextmanager
async def fire_briefing_posted(fake: FakeDiscord, db: Database, tmp_path: Path) -> AsyncIterator[Posted]:
    """Ingest the fire story, post the 08:00 briefing through the real commands, yield, then stop the adapter."""
    config = Config(briefing=BriefingConfig(max_stories=10, timezone="UTC", default_since="24h"),
                    scheduler=SchedulerConfig(catch_up_grace="6h"), discord=discord_config(fake))
    world = World(db, config, tmp_path)
    store = ChannelStore(db)
    await store.ensure(CHANNEL, ChannelDefaults("daily 08:00", "UTC"), now=DAY1)
    await world.ingest(DAY1 + timedelta(hours=6), FIRE_A, FIRE_B, BERTH_D)
    fire = await world.story_of(FIRE_A)
    adapter = DiscordAdapter(discord_config(fake), clock=world.clock, guild_ready_timeout=0.05)
    scheduler = Scheduler(Delivery(db, config, {"discord": adapter}), world.clock)
    task = await start(adapter, fake, build_dispatcher(CommandDeps(config, db, world.clock)))
    try:
        world.clock.set(DAY1 + timedelta(hours=8))
        assert [o.state for o in await scheduler.tick(world.clock())] == ["delivered"]
        titles = [e["title"] for m in fake.messages[CHANNEL_ID] for e in m["embeds"]]
        [number] = [t.split(". ", 1)[0] for t in titles if t.endswith(". " + FIRE_A["title"])]
        yield Posted(world, store, scheduler, fire, number)
    finally:
        await stop(task, adapter)


async def test_full_story_and_mute_buttons_with_the_real_commands(
        fake: FakeDiscord, db: Database, tmp_path: Path) -> None:
    async with fire_briefing_posted(fake, db, tmp_path) as posted:
        world, store, scheduler, fire, number = (posted.world, posted.store, posted.scheduler, posted.fire,
                                                 posted.number)
        # Full story: slow, so deferred privately ("thinking…" only the clicker sees), then the story in full
        story_id, message = button(fake, f"{number} · Full story")
        assert parse_action_id(story_id) == ("story", fire)
        inter = await fake.push_click(story_id, message, user_id="77")
        await fake.wait_for(lambda: bool(followups(fake, inter)))
        [deferral] = callbacks(fake, inter)
        assert deferral["type"] == 5 and deferral["data"]["flags"] & EPHEMERAL
        answer = "".join(f["content"] for f in followups(fake, inter))
        assert answer.startswith(f"*{FIRE_A['title']}* (`{fire}`): 2 outlets")
        assert "Harbour Gazette" in answer and "Coastal Times" in answer and FIRE_B["url"] in answer
        assert all(f["flags"] & EPHEMERAL for f in followups(fake, inter))

        # Mute without Manage Channels: refused politely, privately, nothing muted
        mute_id, message = button(fake, f"{number} · Mute")
        inter = await fake.push_click(mute_id, message, user_id="77", permissions=0)
        await fake.wait_for(lambda: bool(followups(fake, inter)))
        [refusal] = followups(fake, inter)
        assert "needs the channel-management permission. Nothing was changed." in refusal["content"]
        assert refusal["flags"] & EPHEMERAL
        assert await store.muted(CHANNEL) == []

        # with it: muted, said to the clicker only
        inter = await fake.push_click(mute_id, message, user_id="78", permissions=MANAGE_CHANNELS)
        await fake.wait_for(lambda: bool(followups(fake, inter)))
        [done] = followups(fake, inter)
        assert done["content"].startswith(f"Muted *{FIRE_A['title']}* (`{fire}`)") and done["flags"] & EPHEMERAL
        assert await store.muted(CHANNEL) == [fire]

        # the next briefing leaves it out: its follow-up arrives with a new story, only the new story is posted
        before = len(fake.messages[CHANNEL_ID])
        await world.ingest(DAY1 + timedelta(days=1, hours=6), FIRE_C, *VOTE)
        world.clock.set(DAY1 + timedelta(days=1, hours=8))
        assert [o.state for o in await scheduler.tick(world.clock())] == ["delivered"]
        later = fake.messages[CHANNEL_ID][before:]
        titles = [e["title"] for m in later for e in m["embeds"]]
        assert any("Korsholt council votes" in t for t in titles)
        assert not any("grain terminal" in t for t in titles)
        ids = [parse_action_id(b["custom_id"]) for m in later for row in m["components"] for b in row["components"]]
        assert ids and ("story", fire) not in ids


def said(fake: FakeDiscord, inter: str) -> str:
    """Everything the clicker or caller was shown for ``inter``: the callback's content and the follow-ups."""
    shown = [b.get("data", {}).get("content", "") for b in callbacks(fake, inter)]
    return "\n".join(shown + [f["content"] for f in followups(fake, inter)])


async def test_track_button_with_the_real_commands(fake: FakeDiscord, db: Database, tmp_path: Path) -> None:
    async with fire_briefing_posted(fake, db, tmp_path) as posted:
        store, fire, number = posted.store, posted.fire, posted.number
        before = len(fake.messages[CHANNEL_ID])

        # Track without Manage Channels: refused politely, privately, nothing tracked
        track_id, message = button(fake, f"{number} · Track")
        assert parse_action_id(track_id) == ("track", fire)
        inter = await fake.push_click(track_id, message, user_id="77", permissions=0)
        await fake.wait_for(lambda: bool(followups(fake, inter)))
        [refusal] = followups(fake, inter)
        assert refusal["content"] == ("Sorry, `track <story>` changes this channel's set-up and needs the "
                                      "channel-management permission. Nothing was changed.")
        assert refusal["flags"] & EPHEMERAL and callbacks(fake, inter)[0]["data"]["flags"] & EPHEMERAL
        assert await store.tracked(CHANNEL) == []

        # with it: tracked, said to the clicker only; the typed `/brief track` then lists it, for anyone
        inter = await fake.push_click(track_id, message, user_id="78", permissions=MANAGE_CHANNELS)
        await fake.wait_for(lambda: bool(followups(fake, inter)))
        [done] = followups(fake, inter)
        assert done["content"].startswith(f"Tracking *{FIRE_A['title']}* (`{fire}`)") and done["flags"] & EPHEMERAL
        assert await store.tracked(CHANNEL) == [fire]
        typed = await fake.push_command("track", {}, user_id="77", permissions=0)
        await fake.wait_for(lambda: bool(followups(fake, typed)))
        listed = said(fake, typed)
        assert "Tracked stories" in listed and f"*{FIRE_A['title']}* (`{fire}`)" in listed
        assert len(fake.messages[CHANNEL_ID]) == before  # every answer went to the person, none to the channel


def ten_stories() -> Briefing:
    """Ten stories written for this test, each with a summary long enough to take some room."""
    items = []
    for n in range(10):
        summary = tuple(SummarySentence(f"Ferry story {n}, sentence {k}: the crossing timetable changed again.",
                                        f"f{n}", k, 0, 40) for k in range(3))
        sources = tuple(SourceRef(f"f{n}-{k}", f"Outlet {k}", f"https://ferry{k}.example/{n}", f"Title {k}", NOW)
                        for k in range(2))
        items.append(BriefingItem(Story(f"s-ferry-{n}", f"Ferry story {n}", sources, summary,
                                        url=f"https://ferry0.example/{n}"), 1.0))
    return Briefing("Ferries", NOW, tuple(items))


@pytest.mark.parametrize("length", ["full", "headlines"])
async def test_a_ten_story_briefing_posts_every_storys_three_buttons_within_discords_limits(
        fake: FakeDiscord, make_adapter: AdapterFactory, length: str) -> None:
    adapter = make_adapter()
    briefing = replace(ten_stories(), length=length)
    ids = await adapter.post(CHANNEL, briefing, key=f"ten-{length}")
    messages = fake.messages[CHANNEL_ID]
    assert len(messages) == len(ids) >= 2  # the fake refused nothing: each passed Discord's limits
    found: list[tuple[str, str]] = []
    for message in messages:
        numbers = [e["title"].split(". ", 1)[0] for e in message["embeds"] if "(continued)" not in e["title"]]
        rows = [[b["label"] for b in row["components"]] for row in message["components"]]
        assert len(rows) <= 5 and rows == [[f"{n} · {a.label}" for a in STORY_ACTIONS] for n in numbers]
        found += [a for row in message["components"] for b in row["components"]
                  if (a := parse_action_id(b["custom_id"]))]
    assert found == [(a.verb, f"s-ferry-{n}") for n in range(10) for a in STORY_ACTIONS]


async def test_an_unknown_buttons_answer_discord_refuses_is_one_error_with_its_status(
        fake: FakeDiscord, make_adapter: AdapterFactory, verbs: StoryVerbs, caplog: pytest.LogCaptureFixture) -> None:
    """The private "this button is not one of mine" answer refused (the click's token gone: 404, code 10062): the
    ERROR says what Discord answered and what the clicker sees, not a bare "(HTTPException)"."""
    adapter = make_adapter()
    seen = Seen("could not answer a click on an unknown button")
    logging.getLogger("adapters.discord").addHandler(seen)
    task = await start(adapter, fake, verbs.dispatcher)
    try:
        await adapter.post(CHANNEL, real_briefing(1))
        _, message = button(fake, "1 · Full story")
        fake.fail("POST", r"/interactions/\d+/[^/]+/callback", 404, code=10062)
        await fake.push_click("poll:vote:3", message)
        await seen.event.wait()
    finally:
        logging.getLogger("adapters.discord").removeHandler(seen)
        await stop(task, adapter)
    [told] = [r for r in caplog.records if "could not answer a click on an unknown button" in r.getMessage()]
    assert told.levelno == logging.ERROR
    assert told.getMessage().startswith(
        "discord: could not answer a click on an unknown button (HTTP 404, code 10062: ")
    assert told.getMessage().endswith("); the clicker sees Discord's \"This interaction failed\"")
