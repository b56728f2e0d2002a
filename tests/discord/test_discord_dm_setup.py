"""Set-up verbs typed in a DM with the bot run there (the person's own briefing channel, as ``/brief`` does in it);
a mention in a server channel still only answers questions."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from discord_harness import Recorder
from fake_discord import BOT_ID, CHANNEL_ID, FakeDiscord
from mention_messages import READER, answering, assert_reply_to, push_message, replies

from bot.clock import ManualClock
from bot.commands import build_dispatcher
from bot.commands.deps import CommandDeps
from bot.config import Config
from bot.models import ChannelRef
from bot.store.channels import ChannelStore
from bot.store.db import Database

DM_CHANNEL = "900000000000000088"
NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)


async def test_set_up_verbs_typed_in_a_dm_change_that_dm_and_a_server_mention_still_refuses(
        fake: FakeDiscord, tmp_path: Path) -> None:
    db = await Database.open(f"sqlite:///{tmp_path / 'dm.db'}")
    try:
        dispatch = build_dispatcher(CommandDeps(Config(), db, ManualClock(NOW)))
        async with answering(fake, dispatch, clock=lambda: NOW):
            typed = ("schedule weekdays 07:30", "subscribe NATO", "alerts 3")
            for count, text in enumerate(typed, start=1):
                await push_message(fake, text, mentions=(), channel_id=DM_CHANNEL, dm=True)
                await fake.wait_for(lambda n=count: len(replies(fake, DM_CHANNEL)) == n, timeout=30)
            asked = await push_message(fake, f"<@{BOT_ID}> schedule weekdays 09:00")
            await fake.wait_for(lambda: len(replies(fake)) == 1, timeout=30)
        stored = ChannelStore(db)
        mine = await stored.get(ChannelRef("discord", DM_CHANNEL))
        server_channel = await stored.get(ChannelRef("discord", CHANNEL_ID))
    finally:
        await db.close()
    scheduled, subscribed, alerted = (body["content"] for body in replies(fake, DM_CHANNEL))
    assert "weekdays 07:30" in scheduled and "NATO" in subscribed, (scheduled, subscribed)
    for answer in (scheduled, subscribed, alerted):
        assert "A mention only answers questions" not in answer
        assert "needs the channel-management permission" not in answer
    assert mine is not None and mine.schedule == "weekdays 07:30" and mine.topics == ("NATO",)
    assert mine.alert_outlets == 3
    [refused] = replies(fake)
    assert_reply_to(refused, asked)
    assert "A mention only answers questions" in refused["content"] and "`/brief schedule …`" in refused["content"]
    assert server_channel is None or server_channel.schedule != "weekdays 09:00"


async def test_a_dm_runs_set_up_verbs_as_the_person_who_may(fake: FakeDiscord, recorder: Recorder) -> None:
    async with answering(fake, recorder.dispatcher):
        await push_message(fake, "subscribe NATO", mentions=(), channel_id=DM_CHANNEL, dm=True)
        await fake.wait_for(lambda: len(replies(fake, DM_CHANNEL)) == 1)
        await push_message(fake, f"<@{BOT_ID}> subscribe Riga")  # in the server's channel
        await fake.wait_for(lambda: len(replies(fake)) == 1)
    assert [(i.command, i.args, i.user, i.channel.key, i.can_manage) for i in recorder.seen] == [
        ("subscribe", "NATO", READER, f"discord:{DM_CHANNEL}", True)]  # the slash command's rule in a DM
    assert replies(fake, DM_CHANNEL)[0]["content"].startswith("subscribe:")
    assert "`/brief subscribe …`" in replies(fake)[0]["content"]
