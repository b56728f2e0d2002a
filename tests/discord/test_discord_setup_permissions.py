"""Who may change a channel's set-up through ``/brief``, end to end: the real command list over the local Discord.

Discord takes ``default_member_permissions`` only on a top-level command, and ``/brief`` is one command whose
subcommands both read (brief, ask, topics, ``schedule`` with nothing after it ...) and change the channel (subscribe,
``schedule <spec>``, pause, ``sources add`` ...). So ``/brief`` is open to every member, and each change is checked
when it runs: it needs Manage Channels (or Administrator) in that channel, as Discord resolves it in the interaction's
``member.permissions`` (or a ``[discord] admins`` id). A member without it gets a private refusal and nothing
changes; reading works for everyone."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from discord_harness import discord_config, start, stop
from fake_discord import APP_ID, CHANNEL_ID, GUILD_ID, FakeDiscord
from mention_messages import READER

from adapters.discord import DiscordAdapter
from bot.clock import ManualClock
from bot.commands import build_dispatcher
from bot.commands.deps import CommandDeps
from bot.commands.dispatch import Dispatcher
from bot.config import Config
from bot.models import ChannelRef
from bot.store.channels import ChannelStore
from bot.store.db import Database

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
MANAGE_CHANNELS = 1 << 4
ADMINISTRATOR = 1 << 3
SEND_AND_READ = (1 << 10) | (1 << 11) | (1 << 16)  # View Channel, Send Messages, Read Message History
EPHEMERAL = 1 << 6
EDITOR = "43"
ADMIN = "1001"  # in [discord] admins
CHANNEL = ChannelRef("discord", CHANNEL_ID)
REFUSED = "needs the channel-management permission"
FEED = "https://feeds.kestrel-bay.test/rss.xml"

# every way /brief changes a channel: each subcommand that manages it, and each "show or set" one given a value
CHANGES: list[tuple[str, dict[str, Any]]] = [
    ("subscribe", {"topic": "Kestrel Bay harbour"}),
    ("unsubscribe", {"topic": "Orrin Valley"}),
    ("schedule", {"spec": "weekdays 06:45"}),
    ("schedule", {"tz": "Europe/Oslo"}),
    ("schedule", {"quiet": "22:00-07:00"}),
    ("schedule", {"max": 3}),
    ("alerts", {"outlets": "3"}),
    ("length", {"length": "headlines"}),
    ("languages", {"codes": "fr"}),
    ("pause", {}),
    ("resume", {}),
    ("mute", {"story": "1"}),
    ("unmute", {"story": "1"}),
    ("track", {"story": "1"}),
    ("untrack", {"story": "1"}),
    ("sources", {"action": "add", "target": FEED}),
    ("sources", {"action": "remove", "target": FEED}),
    ("sources", {"action": "import", "target": "<opml version='2.0'><body/></opml>"}),
]
# what every member may do: the same subcommands with nothing to set, and the read-only ones
READS: list[tuple[str, dict[str, Any]]] = [
    ("topics", {}), ("schedule", {}), ("alerts", {}), ("length", {}), ("languages", {}), ("mute", {}),
    ("track", {}), ("sources", {"action": "list"}), ("sources", {"action": "export"}), ("help", {}),
]


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = await Database.open(f"sqlite:///{tmp_path / 'permissions.db'}")
    yield database
    await database.close()


@pytest.fixture
async def newsroom(fake: FakeDiscord, db: Database) -> AsyncIterator[Dispatcher]:
    """The real adapter serving the real commands, connected to the local Discord."""
    dispatch = build_dispatcher(CommandDeps(Config(), db, ManualClock(NOW)))
    adapter = DiscordAdapter(discord_config(fake, admins=(ADMIN,)), clock=lambda: NOW, guild_ready_timeout=0.05)
    task = await start(adapter, fake, dispatch)
    try:
        yield dispatch
    finally:
        await stop(task, adapter)


async def answer(fake: FakeDiscord, sub: str, options: dict[str, Any], *, user: str,
                 permissions: int) -> tuple[str, bool]:
    """``/brief sub ...`` by ``user`` with ``permissions`` in the channel: the answer's text and whether only they
    see it (an immediate reply, or the follow-up of a deferred one)."""
    inter = await fake.push_command(sub, options, user_id=user, permissions=permissions)

    def bodies() -> list[dict[str, Any]]:
        replied = [r.body["data"] for r in fake.calls("POST", rf"/interactions/{inter}/[^/]+/callback")
                   if r.body["type"] == 4]
        return replied + [r.body for r in fake.calls("POST", rf"/webhooks/{APP_ID}/tok{inter}")]

    await fake.wait_for(lambda: bool(bodies()), timeout=30)
    body = bodies()[0]
    return str(body.get("content") or ""), bool(body.get("flags", 0) & EPHEMERAL)


async def set_up(db: Database) -> tuple[Any, ...]:
    """The channel's set-up as stored, mutes and tracks included."""
    store = ChannelStore(db)
    return await store.get(CHANNEL), await store.muted(CHANNEL), await store.tracked(CHANNEL)


async def test_brief_is_open_to_every_member_and_each_changing_subcommand_says_it_needs_manage_channels(
        fake: FakeDiscord, newsroom: Dispatcher) -> None:
    [sync] = fake.calls("PUT", rf"/applications/{APP_ID}/guilds/{GUILD_ID}/commands")
    [brief] = sync.body
    assert brief["name"] == "brief" and brief.get("default_member_permissions") is None  # reading is for everyone
    described = {o["name"]: o["description"] for o in brief["options"]}
    managing = {c.name for c in newsroom.commands if c.manages_channel}
    assert managing == {"subscribe", "unsubscribe", "pause", "resume", "unmute", "untrack"}
    assert {n for n, d in described.items() if d.endswith(" (needs Manage Channels)")} == managing
    showing_or_setting = {c.name for c in newsroom.commands if c.manages_with_args}
    assert showing_or_setting == {"schedule", "alerts", "length", "languages", "mute", "track", "sources"}
    assert {n for n, d in described.items() if d.endswith(" (changing needs Manage Channels)")} == showing_or_setting
    assert all(len(d) <= 100 for d in described.values())  # the long helps were shortened, not the note


async def test_a_member_without_manage_channels_changes_nothing(fake: FakeDiscord, db: Database,
                                                               newsroom: Dispatcher) -> None:
    # an editor sets the channel up first, so that there is something to unsubscribe, pause, resume ...
    for sub, options in [("subscribe", {"topic": "Orrin Valley"}), ("schedule", {"spec": "daily 07:00"})]:
        text, _ = await answer(fake, sub, options, user=EDITOR, permissions=MANAGE_CHANNELS)
        assert REFUSED not in text, text
    before = await set_up(db)
    assert before[0] is not None and before[0].topics == ("Orrin Valley",) and before[0].schedule == "daily 07:00"
    for sub, options in CHANGES:
        text, private = await answer(fake, sub, options, user=READER, permissions=SEND_AND_READ)
        assert REFUSED in text and "Nothing was changed" in text and private, (sub, options, text)
    assert await set_up(db) == before
    assert not fake.calls("GET", r"/.*kestrel.*")  # sources add was refused before fetching anything


@pytest.mark.parametrize(("user", "permissions"), [
    (EDITOR, MANAGE_CHANNELS), (EDITOR, ADMINISTRATOR), (ADMIN, SEND_AND_READ)])
async def test_manage_channels_administrator_or_a_configured_admin_may_change_it(
        fake: FakeDiscord, db: Database, newsroom: Dispatcher, user: str, permissions: int) -> None:
    for sub, options in [("subscribe", {"topic": "Kestrel Bay harbour"}), ("schedule", {"spec": "weekdays 06:45"}),
                         ("alerts", {"outlets": "3"}), ("pause", {})]:
        text, _ = await answer(fake, sub, options, user=user, permissions=permissions)
        assert REFUSED not in text, (sub, text)
    channel, _, _ = await set_up(db)
    assert channel is not None
    assert (channel.topics, channel.schedule, channel.alert_outlets, channel.paused) == (
        ("Kestrel Bay harbour",), "weekdays 06:45", 3, True)


async def test_every_member_may_read(fake: FakeDiscord, newsroom: Dispatcher) -> None:
    for sub, options in READS:
        text, _ = await answer(fake, sub, options, user=READER, permissions=SEND_AND_READ)
        assert text and REFUSED not in text, (sub, options, text)
