"""What is typed in a DM with the bot (message.im events over Socket Mode and signed HTTP): answered there like a
mention, set-up verbs included, with the permission ``/brief`` gets in that DM."""

from __future__ import annotations

import json
import logging
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from fake_slack import SERVER_ERROR, FakeSlack, im_message_event, pings
from mention_store import SEED_NOW, real_dispatcher, seed_store
from slack_helpers import RecordingSleep, Running, command_dispatcher, run_adapter, slack_config

from adapters.slack import SlackAdapter, build_slack_adapter
from adapters.slack.post import RetryPolicy
from adapters.slack.translate import in_direct_message, parse_direct_message
from bot.clock import ManualClock
from bot.commands.base import Invocation
from bot.commands.dispatch import Dispatcher
from bot.config import BriefingConfig, Config
from bot.delivery import Delivery
from bot.models import ChannelRef
from bot.scheduler import Scheduler
from bot.store.channels import ChannelStore
from bot.store.db import Database

MODES = ["socket", "http"]
DM = "D0ALICE"
ALICE = "U0ALICE"


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return seed_store(tmp_path_factory.mktemp("slack-dms"))


async def start(running: Running, fake: FakeSlack, mode: str, dispatch: Dispatcher) -> SlackAdapter:
    fake.direct_messages[DM] = ALICE  # conversations.info: the app's DM with Alice
    fake.users = {ALICE: {"id": ALICE}, "U0BOB": {"id": "U0BOB"}}  # users.info: neither is a workspace admin
    adapter = build_slack_adapter(slack_config(fake, mode=mode), clock=lambda: SEED_NOW, sleep=RecordingSleep(),
                                  policy=RetryPolicy(attempts=3), connect_timeout=5.0)
    return await run_adapter(running, adapter, dispatch)


async def send(fake: FakeSlack, adapter: SlackAdapter, mode: str, event: dict[str, Any], *, retry: int = 0) -> None:
    await fake.send_event(event, http_port=adapter.http_port if mode == "http" else None, retry=retry)


def in_dm(fake: FakeSlack) -> list[dict[str, Any]]:
    return [m for m in fake.messages if m.get("channel") == DM]


def shown(message: dict[str, Any]) -> str:
    blocks = message.get("blocks") or []
    return str(message.get("text", "")) + json.dumps(json.loads(blocks) if isinstance(blocks, str) else blocks)


@pytest.mark.parametrize("mode", MODES)
async def test_a_question_typed_in_the_dm_is_answered_there(fake: FakeSlack, running: Running, seeded: Path,
                                                            tmp_path: Path, mode: str) -> None:
    async with real_dispatcher(seeded, tmp_path) as dispatch:
        adapter = await start(running, fake, mode, dispatch)
        await send(fake, adapter, mode, im_message_event("who said what about Bucharest?"))
        await fake.wait_for(lambda: len(in_dm(fake)) >= 1, timeout=30)
    [answer] = in_dm(fake)
    assert "thread_ts" not in answer  # a chat with the bot: the answer follows the question, not in a thread
    text = shown(answer)
    assert "Who said what about Bucharest" in text and "Izvestia" in text
    assert pings(answer) == [] and fake.ephemerals == [] and fake.rejected == []
    # a question changes nothing: no permission was looked up
    assert not {m for m, _ in fake.calls} & {"users.info", "conversations.info"}


@pytest.mark.parametrize("mode", MODES)
async def test_a_dm_in_a_thread_is_answered_in_it_and_help_is_an_ordinary_message(
        fake: FakeSlack, running: Running, mode: str) -> None:
    seen: list[Invocation] = []
    adapter = await start(running, fake, mode, command_dispatcher(seen))
    asked = im_message_event("whosaid Riga", thread_ts="1764099999.000100")
    await send(fake, adapter, mode, asked)
    await fake.wait_for(lambda: len(in_dm(fake)) == 1)
    await send(fake, adapter, mode, im_message_event("<@U0BOT>"))  # only the bot's own mention: the help
    await fake.wait_for(lambda: len(in_dm(fake)) == 2)
    threaded, help_answer = in_dm(fake)
    assert threaded["thread_ts"] == "1764099999.000100" and "Who said what about Riga" in threaded["text"]
    assert "Commands:" in help_answer["text"] and "thread_ts" not in help_answer
    assert fake.ephemerals == []  # nobody else reads a DM: no "only visible to you" message that vanishes
    assert [(i.command, i.args, i.user, i.channel, i.can_manage) for i in seen] == [
        ("whosaid", "Riga", ALICE, ChannelRef("slack", DM), False)]


@pytest.mark.parametrize("mode", MODES)
async def test_set_up_verbs_typed_in_ones_own_dm_run_with_the_slash_commands_permission(
        fake: FakeSlack, running: Running, mode: str) -> None:
    seen: list[Invocation] = []
    adapter = await start(running, fake, mode, command_dispatcher(seen))
    await send(fake, adapter, mode, im_message_event("subscribe NATO"))
    await fake.wait_for(lambda: len(in_dm(fake)) == 1)
    # someone who is not the DM's person (conversations.info names Alice) may not: /brief's refusal
    await send(fake, adapter, mode, im_message_event("subscribe Riga", user="U0BOB"))
    await fake.wait_for(lambda: len(in_dm(fake)) == 2)
    done, refused = in_dm(fake)
    assert "Subscribed this channel to NATO" in done["text"]
    assert "Nothing was changed" in refused["text"] and "A mention only answers questions" not in refused["text"]
    assert [(i.command, i.args, i.user, i.channel, i.can_manage) for i in seen] == [
        ("subscribe", "NATO", ALICE, ChannelRef("slack", DM), True)]
    looked_up = [(m, p.get("channel") or p.get("user")) for m, p in fake.calls
                 if m in ("users.info", "conversations.info")]
    assert looked_up == [("users.info", ALICE), ("conversations.info", DM),
                         ("users.info", "U0BOB"), ("conversations.info", DM)]


async def test_subscribing_in_the_dm_sets_it_up_and_its_scheduled_briefing_goes_there(
        fake: FakeSlack, running: Running, seeded: Path, tmp_path: Path) -> None:
    clock = ManualClock(SEED_NOW)
    async with real_dispatcher(seeded, tmp_path) as dispatch:
        adapter = await start(running, fake, "socket", dispatch)
        for count, text in enumerate(("subscribe NATO", "schedule daily 10:00"), start=1):
            await send(fake, adapter, "socket", im_message_event(text))
            await fake.wait_for(lambda n=count: len(in_dm(fake)) == n, timeout=30)
        subscribed, scheduled = (m["text"] for m in in_dm(fake))
        assert "NATO" in subscribed and "10:00" in scheduled, (subscribed, scheduled)
        db = await Database.open(f"sqlite:///{tmp_path / 'store.db'}")  # the dispatcher's own copy
        try:
            channel = await ChannelStore(db).get(ChannelRef("slack", DM))
            assert channel is not None and channel.topics == ("NATO",) and channel.schedule == "daily 10:00"
            config = Config(briefing=BriefingConfig(default_since="30d"))  # the seed articles are days old
            scheduler = Scheduler(Delivery(db, config, {"slack": adapter}), clock)
            outcomes = await scheduler.tick(SEED_NOW + timedelta(hours=1, minutes=1))
        finally:
            await db.close()
    assert [(o.channel, o.state) for o in outcomes] == [(f"slack:{DM}", "delivered")]
    briefing = in_dm(fake)[2:]
    assert briefing and "Briefing: NATO" in shown(briefing[0]) and "NATO-guarantees" in shown(briefing[0])
    assert "thread_ts" not in briefing[0] and fake.rejected == []


@pytest.mark.parametrize("mode", MODES)
async def test_bots_edits_other_subtypes_channels_and_redeliveries_are_ignored(
        fake: FakeSlack, running: Running, mode: str) -> None:
    seen: list[Invocation] = []
    adapter = await start(running, fake, mode, command_dispatcher(seen))
    wanted = im_message_event("whosaid Riga")
    ignored = [
        im_message_event("whosaid Oslo", user="U0BOT", bot_id="B0BOT"),  # the bot's own message in the DM
        im_message_event("whosaid Bergen", bot_id="B0OTHER", subtype="bot_message"),
        im_message_event("", subtype="message_changed", hidden=True,
                         message={"type": "message", "user": ALICE, "text": "whosaid Tromso", "ts": "1.000001",
                                  "edited": {"user": ALICE, "ts": "1.000002"}}),
        im_message_event("", subtype="message_deleted", hidden=True, deleted_ts="1.000001"),
        im_message_event("<@U0ALICE> has joined the channel", subtype="channel_join"),
        im_message_event("whosaid Bodo", edited={"user": ALICE, "ts": "1764100001.000000"}),
        im_message_event("whosaid Narvik", channel="C0CHAN", channel_type="channel"),  # not a DM
        im_message_event("whosaid Alta", channel="G0GROUP", channel_type="mpim"),  # a group DM
        wanted,
    ]
    for event in ignored:
        await send(fake, adapter, mode, event)
    await send(fake, adapter, mode, wanted, retry=1)  # Slack thought the first delivery went unanswered
    last = im_message_event("whosaid Vilnius")
    await send(fake, adapter, mode, last)
    await fake.wait_for(lambda: len(fake.messages) >= 2)
    assert [i.args for i in seen] == ["Riga", "Vilnius"]
    assert [m["channel"] for m in fake.messages] == [DM, DM]


@pytest.mark.parametrize("mode", MODES)
async def test_a_message_delivered_as_a_mention_and_a_dm_is_answered_once_by_the_dms_rules(
        fake: FakeSlack, running: Running, mode: str) -> None:
    seen: list[Invocation] = []
    adapter = await start(running, fake, mode, command_dispatcher(seen))
    typed = im_message_event("<@U0BOT> subscribe NATO")
    as_mention = {k: v for k, v in typed.items() if k != "channel_type"} | {"type": "app_mention"}
    await send(fake, adapter, mode, as_mention)  # Slack sends none from a DM; should it, the DM's rules hold
    await send(fake, adapter, mode, typed)
    await send(fake, adapter, mode, im_message_event("whosaid Riga"))
    await fake.wait_for(lambda: len(in_dm(fake)) == 2)
    # the listeners run side by side: the permission look-up makes the subscribe's answer come second
    assert sorted((i.command, i.args, i.can_manage) for i in seen) == [("subscribe", "NATO", True),
                                                                       ("whosaid", "Riga", False)]
    assert sum("Subscribed this channel to NATO" in m["text"] for m in in_dm(fake)) == 1 and fake.ephemerals == []


async def test_an_answer_slack_keeps_refusing_is_dropped_with_one_line(
        fake: FakeSlack, running: Running, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    fake.fail_next("chat.postMessage", SERVER_ERROR, SERVER_ERROR, SERVER_ERROR)
    adapter = await start(running, fake, "socket", command_dispatcher())
    await send(fake, adapter, "socket", im_message_event("whosaid Riga"))
    await fake.wait_for(lambda: len(fake.rejected) == 3)
    await send(fake, adapter, "socket", im_message_event("whosaid Vilnius"))
    await fake.wait_for(lambda: len(in_dm(fake)) == 1)  # the adapter carries on
    assert "Vilnius" in in_dm(fake)[0]["text"]
    problems = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(problems) == 1 and f"slack:{DM}" in problems[0] and "dropped" in problems[0]


@pytest.mark.parametrize(("event", "direct"), [
    (im_message_event("hi"), True),
    (im_message_event("hi", channel_type="channel", channel="C1"), False),
    (im_message_event("hi", channel_type="mpim", channel="G1"), False),
    ({k: v for k, v in im_message_event("hi").items() if k != "channel_type"}, False),  # a message must say "im"
    ({"type": "app_mention", "channel": "D1", "user": "U1", "text": "hi", "ts": "1.1"}, True),
    ({"type": "app_mention", "channel": "C1", "user": "U1", "text": "hi", "ts": "1.1"}, False),
])
def test_what_counts_as_a_direct_message(event: dict[str, Any], direct: bool) -> None:
    assert in_direct_message(event) is direct
    assert (parse_direct_message(event) is not None) is direct


def test_a_direct_message_is_answered_in_its_thread_or_in_the_dm() -> None:
    plain = parse_direct_message(im_message_event("hi"))
    threaded = parse_direct_message(im_message_event("hi", thread_ts="5.5"))
    assert plain is not None and plain.thread_ts == ""
    assert threaded is not None and threaded.thread_ts == "5.5"
    assert parse_direct_message(im_message_event("hi", subtype="thread_broadcast")) is not None  # still a person


def test_the_manifest_reads_the_messages_tab() -> None:
    manifest = (Path(__file__).resolve().parents[2] / "adapters" / "slack_manifest.yaml").read_text(encoding="utf-8")
    assert "- im:history" in manifest and "messages_tab_read_only_enabled: false" in manifest
    events = manifest.split("bot_events:")[1].split("interactivity:")[0]
    assert "- message.im " in events and "- app_mention " in events
    assert "typed messages are not read" not in manifest
