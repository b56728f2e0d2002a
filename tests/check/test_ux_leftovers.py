"""Leftovers of the new-user audit: story numbers after `mute`, a dangling `since`, a silent `run --once`,
`store copy --to` with a bad URL, and a truncated feed's two error lines for one bad entry."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.cli import _run, main, parse_args
from bot.commands import build_dispatcher
from bot.commands.base import Invocation
from bot.commands.deps import CommandDeps
from bot.commands.dispatch import help_text
from bot.config import BriefingConfig, Config, IngestConfig, SchedulerConfig
from bot.delivery import Delivery, Outcome
from bot.ingest.files import read_file
from bot.ingest.sources import read_source
from bot.once_summary import RoundRecorder, once_summary
from bot.poller import PollRound
from bot.scheduler import Scheduler
from bot.store.channels import ChannelDefaults, ChannelStore
from bot.store.db import Database
from tests.channels.test_followups import BERTH_D, DAY1, FIRE_A, FIRE_B, REF, CapturingAdapter, World
from tests.polling.feedserver import Feed, FeedServer, Item

BRIEFED = DAY1 + timedelta(hours=8)


@pytest.fixture
def config() -> Config:
    return Config(briefing=BriefingConfig(max_stories=10, timezone="UTC", default_since="24h"),
                  scheduler=SchedulerConfig(catch_up_grace="6h"))


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = await Database.open(f"sqlite:///{tmp_path / 'ux.db'}")
    yield database
    await database.close()


class Chat:
    """Typed lines through the real dispatcher (options parsed from the text), in REF, on the world's clock."""

    def __init__(self, db: Database, config: Config, world: World) -> None:
        self.world = world
        self.dispatcher = build_dispatcher(CommandDeps(config, db, world.clock))

    async def say(self, text: str) -> str:
        verb, _, args = text.partition(" ")
        inv = Invocation(verb, args, "U7", REF, can_manage=True, now=self.world.clock())
        return (await self.dispatcher(inv)).text


async def two_stories(db: Database, config: Config, tmp_path: Path) -> tuple[World, Chat, list[str]]:
    """The fire and the berth stories, ingested at 06:00; the ids in the order of the next briefing."""
    world = World(db, config, tmp_path)
    await ChannelStore(db).ensure(REF, ChannelDefaults("daily 08:00", "UTC"), now=DAY1)
    await world.ingest(DAY1 + timedelta(hours=6), FIRE_A, FIRE_B, BERTH_D)
    preview = await Delivery(db, config, {}).preview((await ChannelStore(db).get(REF)), world.clock())  # type: ignore[arg-type]
    ids = [i.story.id for i in preview.items]
    assert sorted(ids) == sorted([await world.story_of(FIRE_A), await world.story_of(BERTH_D)])
    return world, Chat(db, config, world), ids


# ---- 1. numbers after mute -------------------------------------------------------------------------------

async def test_unmute_takes_the_number_the_story_was_muted_by_when_no_briefing_was_posted(
        db: Database, config: Config, tmp_path: Path) -> None:
    _world, chat, ids = await two_stories(db, config, tmp_path)
    muted = await chat.say("mute 1")
    assert muted.startswith("Muted *") and f"(`{ids[0]}`)" in muted and "(`unmute 1` brings it back)" in muted
    listed = await chat.say("mute")
    assert listed.startswith("Muted stories (`unmute <number>` or `unmute <id>` brings one back):\n1. *")
    assert listed.endswith(f"(`{ids[0]}`)")
    # the preview has moved on (the muted story left it): `track 1` says why its number 1 is gone or different
    assert "has no story number 2 (muted stories are left out of it: `mute` lists them)" in await chat.say("track 2")
    assert (await chat.say("unmute 1")).startswith("Unmuted *")
    assert await ChannelStore(db).muted(REF) == []
    assert "No story is muted here" in await chat.say("mute")


async def test_unmute_numbers_of_a_posted_briefing_and_of_the_list_and_when_they_disagree(
        db: Database, config: Config, tmp_path: Path) -> None:
    world, chat, _ids = await two_stories(db, config, tmp_path)
    adapter = CapturingAdapter(clock=world.clock)
    assert [o.state for o in await Scheduler(Delivery(db, config, {"console": adapter}), world.clock).tick(
        BRIEFED)] == ["delivered"]
    posted = [i.story.id for i in adapter.briefings[0].items]
    assert len(posted) == 2
    world.clock.set(BRIEFED + timedelta(minutes=1))
    assert "(`unmute 1` brings it back)" in await chat.say("mute 2")  # muted first: the list's number 1
    world.clock.set(BRIEFED + timedelta(minutes=2))
    assert "(`unmute 2` brings it back)" in await chat.say("mute 1")
    assert await ChannelStore(db).muted(REF) == [posted[1], posted[0]]
    # number 1 of the list and number 1 of the posted briefing are two different muted stories: no guess
    ambiguous = await chat.say("unmute 1")
    assert ambiguous.startswith("`1` is ambiguous: number 1 of the `mute` list is ") and "give the id" in ambiguous
    assert posted[0] in ambiguous and posted[1] in ambiguous
    assert len(await ChannelStore(db).muted(REF)) == 2
    missing = await chat.say("unmute 3")
    assert missing.startswith("The `mute` list numbers 1 to 2, and the briefing posted ")
    assert "has no story number 3" in missing
    assert (await chat.say(f"unmute {posted[1]}")).startswith("Unmuted *")  # ids still work
    # now number 1 of the list and of the briefing are the same story
    assert f"(`{posted[0]}`)" in await chat.say("unmute 1")
    assert await ChannelStore(db).muted(REF) == []
    # untrack takes the `track` list's numbers the same way; headline words still work
    assert (await chat.say("track 2")).startswith("Tracking *")
    assert (await chat.say("track")).startswith(
        "Tracked stories (`untrack <number>` or `untrack <id>` stops one):\n1. *")
    second = adapter.briefings[0].items[1].story.headline
    assert (await chat.say("untrack 1")).startswith(f"Stopped tracking *{second}*")
    assert (await chat.say("mute grain terminal")).startswith("Muted *Fire destroys grain terminal")
    assert (await chat.say("unmute grain terminal")).startswith("Unmuted *Fire destroys grain terminal")


def test_the_help_names_the_list_numbers() -> None:
    from bot.commands.story_commands import commands

    config = Config()
    verbs = {c.name: c for c in commands(CommandDeps(config, None, lambda: DAY1))}  # type: ignore[arg-type]
    assert "`mute` lists it" in verbs["unmute"].options[0].description
    assert "`track` lists it" in verbs["untrack"].options[0].description
    assert all(len(o.description) <= 100 for c in verbs.values() for o in c.options)  # Discord's limit
    assert "`/brief unmute <story>`" in help_text(list(verbs.values()))


# ---- 2. a dangling `since`; an unknown single word ---------------------------------------------------------

async def test_a_dangling_since_is_a_usage_error_and_a_lone_unknown_word_hints_at_help(
        db: Database, config: Config, tmp_path: Path) -> None:
    _world, chat, _ids = await two_stories(db, config, tmp_path)
    for line in ("brief since", "brief harbour since", "whosaid harbour since"):
        reply = await chat.say(line)
        assert reply.startswith("`since` needs a value (how far back: "), line
        assert "Usage: `/brief " in reply and "[since <when>]`" in reply
    nothing = await chat.say("brief frobnicate")
    assert nothing.startswith("No stories on frobnicate since ")
    assert nothing.endswith("(`frobnicate` was searched as a topic: `/brief help` lists the commands.)")
    assert "help" not in await chat.say("brief frobnicate since 2d")  # asked with a time: plainly a topic
    assert "help" not in await chat.say("brief grain terminal")  # found: a briefing, no hint
    assert not (await chat.say("brief grain since 3d")).startswith("`since`")  # `since` with a value still works


# ---- 3. run --once says what it did ------------------------------------------------------------------------

def test_run_once_with_nothing_due_prints_one_summary_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "config.toml"
    config.write_text("", encoding="utf-8")
    assert main(["run", "--once", "--config", str(config), "--db", str(tmp_path / "x.db")]) == 0
    assert capsys.readouterr().out == "Done: no source was due; nothing due to deliver.\n"


async def test_run_once_counts_sources_and_articles(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    now = datetime.now(UTC)  # `briefbot run` reads the system clock
    server = await FeedServer(hosts=1).start()
    try:
        items = [Item(f"g{n}", f"http://example.invalid/{n}", f"Tram line {n} reopens after repairs",
                      f"The number {n} tram ran again on Friday after two weeks of track repairs, the city said. "
                      "Passengers had used buses in the meantime. The works finished a day early.", now)
                 for n in (1, 2)]
        url = server.add(0, "wire.xml", Feed(items=items))
        config = tmp_path / "config.toml"
        config.write_text(f'[ingest]\nallow_private_networks = true\nfull_text = false\n\n[[sources]]\nurl = "{url}"\n',
                          encoding="utf-8")
        store = str(tmp_path / "x.db")
        assert await _run(parse_args(["run", "--once", "--config", str(config), "--db", store])) == 0
        assert capsys.readouterr().out.splitlines()[-1] == (
            "Done: polled 1 source, 2 articles added; nothing due to deliver.")
    finally:
        await server.close()


def test_the_summary_line_counts_deliveries_and_failures() -> None:
    async def poll(now: datetime) -> PollRound:
        return PollRound(polled=3, ok=1, failed=1, not_modified=1, added=1, notices=(), new_article_ids=("a",))

    recorder = RoundRecorder(poll)
    asyncio.run(recorder(DAY1))
    outcomes = [Outcome("console:a", "delivered"), Outcome("console:b", "delivered"), Outcome("console:c", "retry")]
    assert once_summary(recorder.poll_line(failed=False), outcomes) == (
        "Done: polled 3 sources (1 failed, 1 not modified), 1 article added; 2 deliveries made, 1 other outcome above.")
    assert once_summary(recorder.poll_line(failed=True), outcomes[:1]) == (
        "Done: polling failed (see the log); 1 delivery made.")


# ---- 4. store copy --to a URL it cannot use ------------------------------------------------------------------

def test_store_copy_to_a_bad_url_names_to_and_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "x.db")

    async def make_store() -> None:
        await (await Database.open(f"sqlite:///{db}")).close()

    asyncio.run(make_store())
    assert main(["store", "copy", "--db", db, "--to", "mysql://u:hunter2@db.example/news"]) == 2
    err = capsys.readouterr().err
    assert err == ("briefbot store copy: --to: expected a SQLite path, a sqlite:/// URL or a postgresql:// URL, got "
                   "'mysql://u:***@db.example/news'\n")
    assert main(["store", "copy", "--db", "mysql://x", "--to", str(tmp_path / "y.db")]) == 2
    assert capsys.readouterr().err.startswith("briefbot store copy: --db: expected a SQLite path")
    assert not (tmp_path / "y.db").exists()


# ---- 5. a truncated feed: one error line, for the entry without text ---------------------------------------

TRUNCATED = (b"<?xml version='1.0'?><rss version='2.0'><channel><title>Quay Notes</title>"
             b"<item><title>Night ferry gets a second crew</title><link>https://quay.example/1</link>"
             b"<description>The night ferry will sail with a second crew from March, the operator said on Monday. "
             b"Crossings had been cancelled twice this winter when a crew member fell ill. The union welcomed the "
             b"change.</description></item>"
             b"<item><title>Harbour cafe to close for the winter</title><link>https://quay.ex")


def test_a_truncated_feed_gives_a_note_and_one_error_for_the_entry_without_text(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "quay.rss"
    path.write_bytes(TRUNCATED)
    outcome = read_file(path, config=IngestConfig(), now=datetime.now(UTC))
    assert len(outcome.articles) == 1
    notes = [p for p in outcome.problems if p.kept]
    errors = [p for p in outcome.problems if not p.kept]
    assert [n.reason.split(" (")[0] for n in notes] == ["feed is not well-formed"]
    assert notes[0].reason.endswith("; 2 entries read anyway")
    assert [e.reason for e in errors] == ["no article text found"] and "Harbour cafe" in errors[0].input
    code = main(["ingest", str(path), "--no-quotes", "--db", str(tmp_path / "x.db")])
    out = capsys.readouterr().out.splitlines()
    assert code == 0
    assert [line.split()[0] for line in out] == ["added", "note", "error", "1"]
    assert out[-1] == "1 added, 0 updated, 0 skipped, 1 error, 1 note"


def test_a_truncated_feed_from_a_url_is_a_note_too() -> None:
    async def scenario() -> list[tuple[str, bool]]:
        from bot.ingest.fetch import Fetcher

        server = await FeedServer(hosts=1).start()

        async def raw(_request: object) -> object:
            from aiohttp import web

            return web.Response(body=TRUNCATED, content_type="application/rss+xml")

        try:
            url = server.add(0, "quay.xml", Feed(raw=raw))  # type: ignore[arg-type]
            async with Fetcher(IngestConfig(allow_private_networks=True)) as fetcher:
                result = await read_source(url, fetcher=fetcher, config=IngestConfig(allow_private_networks=True),
                                           now=datetime.now(UTC))
            return [(p.reason.split(" (")[0], p.kept) for p in result.problems]
        finally:
            await server.close()

    assert asyncio.run(scenario()) == [("feed is not well-formed", True), ("no article text found", False)]
