"""A set-up command typed in a channel the bot is not in is told why its briefings could not be posted there
(``Invocation.post_problem``, from conversations.info's is_member, asked through the adapter)."""

from __future__ import annotations

from pathlib import Path

from fake_slack import FakeSlack, slash_payload
from slack_helpers import NOW, RecordingSleep, Running, command_dispatcher, make_adapter, run_adapter

from bot.commands import build_dispatcher
from bot.commands.base import Invocation
from bot.commands.deps import CommandDeps
from bot.config import BriefingConfig, Config
from bot.store.db import Database

ADMIN = "U0ADMIN"


async def subscribe_in(fake: FakeSlack, running: Running, channel: str, *, user: str = ADMIN,
                       text: str = "subscribe harbour") -> list[Invocation]:
    fake.users = {ADMIN: {"id": ADMIN, "is_admin": True}, "U0PLAIN": {"id": "U0PLAIN"}}
    seen: list[Invocation] = []
    await run_adapter(running, make_adapter(fake, RecordingSleep(), mode="socket"), command_dispatcher(seen))
    await fake.push_slash_command(slash_payload(text, response_url=fake.response_url(), channel_id=channel,
                                                user_id=user))
    await fake.wait_for(lambda: len(fake.responses) == 1)
    return seen


def channel_lookups(fake: FakeSlack) -> list[str]:
    return [str(p.get("channel")) for m, p in fake.calls if m == "conversations.info"]


async def test_a_channel_the_bot_was_not_invited_to_says_to_invite_it(fake: FakeSlack, running: Running) -> None:
    fake.not_in_channel.add("C0RANDOM")
    [inv] = await subscribe_in(fake, running, "C0RANDOM")
    assert inv.can_manage and inv.post_problem is not None
    assert "/invite @briefbot" in inv.post_problem  # the bot's name, as auth.test gives it


async def test_a_private_channel_the_bot_cannot_see_says_to_invite_it(fake: FakeSlack, running: Running) -> None:
    fake.missing_channels.add("C0HIDDEN")  # conversations.info: channel_not_found, as for a private channel
    [inv] = await subscribe_in(fake, running, "C0HIDDEN")
    assert inv.post_problem is not None and "/invite @briefbot" in inv.post_problem


async def test_a_channel_the_bot_is_in_has_no_problem(fake: FakeSlack, running: Running) -> None:
    [inv] = await subscribe_in(fake, running, "C0CHAN")
    assert inv.can_manage and inv.post_problem is None
    assert channel_lookups(fake) == ["C0CHAN"]


async def test_the_apps_own_dm_has_no_problem(fake: FakeSlack, running: Running) -> None:
    fake.direct_messages["D0ADMIN"] = ADMIN  # looked up (a DM between people is not the bot's): is_im, fine
    [inv] = await subscribe_in(fake, running, "D0ADMIN")
    assert inv.post_problem is None and channel_lookups(fake) == ["D0ADMIN"]


async def test_nothing_is_looked_up_for_a_refused_or_read_only_command(fake: FakeSlack, running: Running) -> None:
    fake.not_in_channel.add("C0RANDOM")
    seen = await subscribe_in(fake, running, "C0RANDOM", text="whosaid harbour")
    assert [i.post_problem for i in seen] == [None] and channel_lookups(fake) == []


async def test_subscribe_and_schedule_accept_and_say_to_invite_the_bot(fake: FakeSlack, running: Running,
                                                                      tmp_path: Path) -> None:
    """The real commands: the set-up is kept (the bot may be invited afterwards) and the reply says what to do."""
    fake.users = {ADMIN: {"id": ADMIN, "is_admin": True}}
    fake.not_in_channel.add("C0RANDOM")
    db = await Database.open(f"sqlite:///{tmp_path / 'invite.db'}")
    try:
        dispatch = build_dispatcher(CommandDeps(Config(briefing=BriefingConfig(timezone="UTC")), db, lambda: NOW))
        await run_adapter(running, make_adapter(fake, RecordingSleep(), mode="socket"), dispatch)
        for count, text in enumerate(("subscribe harbour", "schedule daily 08:00", "topics"), start=1):
            await fake.push_slash_command(slash_payload(text, response_url=fake.response_url(),
                                                        channel_id="C0RANDOM", user_id=ADMIN))
            await fake.wait_for(lambda n=count: len(fake.responses) == n)  # type: ignore[misc]
    finally:
        await db.close()
    subscribed, scheduled, topics = (r["text"] for r in fake.responses)
    assert "harbour" in subscribed and "/invite @briefbot" in subscribed
    assert "daily 08:00" in scheduled and "/invite @briefbot" in scheduled
    assert "harbour" in topics  # kept all the same
