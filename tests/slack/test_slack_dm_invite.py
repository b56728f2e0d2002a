"""A set-up command typed in a direct message the bot is not in (one between two people, where Slack still delivers
``/brief``) is warned that the bot cannot post there, as an uninvited channel is; the bot's own DM is fine. With a bot
token, conversations.info answers ``channel_not_found`` for a DM or group DM the bot is not in (Slack shows bots only
the conversations they are members of), and ``is_im`` with the person for the bot's own DM."""

from __future__ import annotations

from pathlib import Path

from fake_slack import Failure, FakeSlack, slash_payload
from slack_helpers import NOW, RecordingSleep, Running, make_adapter, run_adapter
from test_slack_subscribe_invite import ADMIN, channel_lookups, subscribe_in

from bot.commands import build_dispatcher
from bot.commands.deps import CommandDeps
from bot.config import BriefingConfig, Config
from bot.store.db import Database

PAIR_DM = "D0PAIR"  # a DM between the admin and a colleague: the bot is not (and cannot be) in it


async def test_a_dm_between_two_people_says_the_bot_cannot_post_there(fake: FakeSlack, running: Running) -> None:
    fake.missing_channels.add(PAIR_DM)  # as Slack answers a bot token for a DM it is not in
    [inv] = await subscribe_in(fake, running, PAIR_DM)
    assert inv.can_manage and inv.post_problem is not None
    assert "direct message" in inv.post_problem and "channel it is in" in inv.post_problem
    assert "/invite" not in inv.post_problem  # nobody can invite a bot into a DM between two people
    assert channel_lookups(fake) == [PAIR_DM]


async def test_the_bots_own_dm_has_no_warning(fake: FakeSlack, running: Running) -> None:
    fake.direct_messages["D0ADMIN"] = ADMIN  # conversations.info: is_im, with the admin
    [inv] = await subscribe_in(fake, running, "D0ADMIN")
    assert inv.post_problem is None


async def test_a_dm_the_token_may_not_look_up_is_not_warned_about(fake: FakeSlack, running: Running) -> None:
    """No im:read (an app from an old manifest): unknown, so no warning rather than a wrong one."""
    fake.fail_next("conversations.info", Failure(error="missing_scope"))
    [inv] = await subscribe_in(fake, running, PAIR_DM)
    assert inv.post_problem is None and channel_lookups(fake) == [PAIR_DM]


async def test_a_group_dm_the_bot_is_not_in_says_to_invite_it(fake: FakeSlack, running: Running) -> None:
    fake.missing_channels.add("G0GROUP")  # a group DM (mpdm-...) without the bot: channel_not_found as well
    [inv] = await subscribe_in(fake, running, "G0GROUP")
    assert inv.post_problem is not None and "/invite @briefbot" in inv.post_problem


async def test_the_real_subscribe_in_a_dm_between_two_people_is_kept_with_the_warning(
        fake: FakeSlack, running: Running, tmp_path: Path) -> None:
    fake.users = {ADMIN: {"id": ADMIN, "is_admin": True}}
    fake.missing_channels.add(PAIR_DM)
    db = await Database.open(f"sqlite:///{tmp_path / 'dm.db'}")
    try:
        dispatch = build_dispatcher(CommandDeps(Config(briefing=BriefingConfig(timezone="UTC")), db, lambda: NOW))
        await run_adapter(running, make_adapter(fake, RecordingSleep(), mode="socket"), dispatch)
        await fake.push_slash_command(slash_payload("subscribe harbour", response_url=fake.response_url(),
                                                    channel_id=PAIR_DM, user_id=ADMIN))
        await fake.wait_for(lambda: len(fake.responses) == 1)
    finally:
        await db.close()
    [subscribed] = (r["text"] for r in fake.responses)
    assert "harbour" in subscribed and "Warning: the bot is not in this direct message" in subscribed
    assert "cannot be posted" in subscribed
