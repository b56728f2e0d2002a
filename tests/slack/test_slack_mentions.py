"""``@briefbot ...`` end to end: app_mention events over Socket Mode and signed HTTP, answered in the thread."""

from __future__ import annotations

import itertools
import json
import logging
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from fake_slack import SERVER_ERROR, Failure, FakeSlack, event_callback_payload, pings, sign
from mention_store import SEED_NOW, real_dispatcher, seed_store
from slack_helpers import RecordingSleep, Running, command_dispatcher, run_adapter, slack_config

from adapters.slack import SlackAdapter, build_slack_adapter
from adapters.slack.post import RetryPolicy
from adapters.slack.translate import mention_text, parse_mention
from bot.commands.base import Invocation
from bot.commands.dispatch import Dispatcher
from bot.models import ChannelRef

MODES = ["socket", "http"]
MANIFEST = Path(__file__).resolve().parents[2] / "adapters" / "slack_manifest.yaml"
BOT = "<@U0BOT>"
_ts = itertools.count(1)


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return seed_store(tmp_path_factory.mktemp("slack-mentions"))


def mention(text: str, *, user: str = "U0READER", channel: str = "C0CHAN", thread_ts: str | None = None,
            **extra: Any) -> dict[str, Any]:
    """An ``app_mention`` event as Slack sends it (a fresh ts each time)."""
    ts = f"1764000000.{next(_ts):06d}"
    event: dict[str, Any] = {"type": "app_mention", "user": user, "text": text, "ts": ts, "channel": channel,
                             "event_ts": ts, "team": "T0TEAM", "client_msg_id": f"m-{ts}"}
    if thread_ts:
        event["thread_ts"] = thread_ts
    return {**event, **extra}


async def start(running: Running, fake: FakeSlack, mode: str, dispatch: Dispatcher) -> SlackAdapter:
    adapter = build_slack_adapter(slack_config(fake, mode=mode), clock=lambda: SEED_NOW, sleep=RecordingSleep(),
                                  policy=RetryPolicy(attempts=3), connect_timeout=5.0)
    return await run_adapter(running, adapter, dispatch)


async def send(fake: FakeSlack, adapter: SlackAdapter, mode: str, event: dict[str, Any]) -> None:
    """Deliver the event as Slack would in ``mode``: acked over the socket, or a signed JSON POST answered 200."""
    payload = event_callback_payload(event, event_id=f"Ev{event['ts'].replace('.', '')}")
    if mode == "socket":
        envelope = await fake.push_event(payload)
        await fake.wait_for(lambda: any(a["envelope_id"] == envelope for a in fake.socket_acks))
        return
    body = json.dumps(payload)
    headers = {**sign(body), "Content-Type": "application/json"}
    async with aiohttp.ClientSession() as session, session.post(
            f"http://127.0.0.1:{adapter.http_port}/slack/events", data=body.encode(), headers=headers) as response:
        assert response.status == 200


def answers(fake: FakeSlack, channel: str = "C0CHAN") -> list[dict[str, Any]]:
    return [m for m in fake.messages if m.get("channel") == channel]


def shown(message: dict[str, Any]) -> str:
    blocks = message.get("blocks") or []
    return str(message.get("text", "")) + json.dumps(json.loads(blocks) if isinstance(blocks, str) else blocks)


@pytest.mark.parametrize("mode", MODES)
async def test_a_question_gets_one_threaded_answer_naming_the_speakers(
        fake: FakeSlack, running: Running, seeded: Path, tmp_path: Path, mode: str) -> None:
    async with real_dispatcher(seeded, tmp_path) as dispatch:
        adapter = await start(running, fake, mode, dispatch)
        event = mention(f"{BOT} who said what about Bucharest?")
        await send(fake, adapter, mode, event)
        await fake.wait_for(lambda: len(answers(fake)) >= 1, timeout=30)
        [answer] = answers(fake)
        assert answer["thread_ts"] == event["ts"]  # in the thread of the mention, not in the channel
        text = shown(answer)
        assert "Who said what about Bucharest" in text
        assert "Izvestia" in text and "unnamed Russian embassy spokesperson" in text
        assert "nullification" in text
        assert pings(answer) == [] and fake.rejected == []
        assert fake.ephemerals == []  # an answer is for the thread, not only for the person who asked


@pytest.mark.parametrize("mode", MODES)
async def test_a_verb_runs_that_verb_and_a_mention_in_a_thread_is_answered_there(
        fake: FakeSlack, running: Running, seeded: Path, tmp_path: Path, mode: str) -> None:
    async with real_dispatcher(seeded, tmp_path) as dispatch:
        adapter = await start(running, fake, mode, dispatch)
        event = mention(f"{BOT} whosaid Bucharest since Monday", thread_ts="1763999999.000100")
        await send(fake, adapter, mode, event)
        await fake.wait_for(lambda: len(answers(fake)) >= 1, timeout=30)
        [answer] = answers(fake)
        assert answer["thread_ts"] == "1763999999.000100"
        assert "Who said what about Bucharest since Mon 16 Nov 2026" in shown(answer)


@pytest.mark.parametrize("mode", MODES)
async def test_set_up_verbs_are_refused_without_permission_lookups(fake: FakeSlack, running: Running,
                                                                   mode: str) -> None:
    seen: list[Invocation] = []
    adapter = await start(running, fake, mode, command_dispatcher(seen))
    asked = mention(f"{BOT} subscribe NATO", thread_ts="1763999999.000200")
    await send(fake, adapter, mode, asked)
    await send(fake, adapter, mode, mention(f"{BOT}: whosaid Riga"))
    await fake.wait_for(lambda: len(answers(fake)) == 1 and len(fake.ephemerals) == 1)
    # the refusal goes to the person who asked alone, in the thread they wrote in; the answer is public
    [refused] = fake.ephemerals
    assert (refused["channel"], refused["user"], refused["thread_ts"]) == ("C0CHAN", "U0READER", "1763999999.000200")
    assert "`/brief subscribe …`" in refused["text"] and "subscribe" not in json.dumps(answers(fake))
    assert "Who said what about Riga" in answers(fake)[0]["text"]
    # only whosaid ran, read-only, for the person who wrote the mention
    assert [(i.command, i.args, i.user, i.channel, i.can_manage, i.now) for i in seen] == [
        ("whosaid", "Riga", "U0READER", ChannelRef("slack", "C0CHAN"), False, SEED_NOW)]
    assert not {m for m, _ in fake.calls} & {"users.info", "conversations.info"}


@pytest.mark.parametrize("mode", MODES)
async def test_bots_edits_and_repeats_are_ignored(fake: FakeSlack, running: Running, mode: str) -> None:
    seen: list[Invocation] = []
    adapter = await start(running, fake, mode, command_dispatcher(seen))
    own = mention(f"{BOT} whosaid Oslo", user="U0BOT", bot_id="B0BOT")
    other_bot = mention(f"{BOT} whosaid Bergen", bot_id="B0OTHER", subtype="bot_message")
    edited = mention(f"{BOT} whosaid Tromso", edited={"user": "U0READER", "ts": "1764000001.000000"})
    changed = mention(f"{BOT} whosaid Bodo", subtype="message_changed")
    wanted = mention(f"{BOT} whosaid Riga")
    for event in (own, other_bot, edited, changed, wanted, wanted):  # the last one delivered twice
        await send(fake, adapter, mode, event)
    last = mention(f"{BOT} whosaid Vilnius")
    await send(fake, adapter, mode, last)
    await fake.wait_for(lambda: len(answers(fake)) >= 2)
    assert [i.args for i in seen] == ["Riga", "Vilnius"]
    assert sorted(m["thread_ts"] for m in answers(fake)) == [wanted["ts"], last["ts"]]


@pytest.mark.parametrize("mode", MODES)
async def test_an_empty_or_markup_only_mention_gets_the_help(fake: FakeSlack, running: Running, mode: str) -> None:
    adapter = await start(running, fake, mode, command_dispatcher())
    bare = mention(BOT, user="U0ASKER")
    await send(fake, adapter, mode, bare)
    await send(fake, adapter, mode, mention(f"{BOT} <!here> <!channel> {BOT}"))
    await fake.wait_for(lambda: len(fake.ephemerals) == 2)
    for answer in fake.ephemerals:  # only the person who asked sees the help, in the mention's thread
        assert "Commands:" in answer["text"] and "whosaid" in answer["text"]
        assert pings(answer) == [] and answer["channel"] == "C0CHAN"
    first = fake.ephemerals[0]
    assert (first["user"], first["thread_ts"]) == ("U0ASKER", bare["ts"])
    assert answers(fake) == [] and "unfurl_links" not in first  # nothing public; postEphemeral takes no unfurls


async def test_a_very_long_mention_is_answered_briefly(fake: FakeSlack, running: Running) -> None:
    seen: list[Invocation] = []
    adapter = await start(running, fake, "socket", command_dispatcher(seen))
    await send(fake, adapter, "socket", mention(f"{BOT} whosaid " + "Bucharest " * 3000))
    await fake.wait_for(lambda: len(fake.ephemerals) == 1)
    assert "too long" in fake.ephemerals[0]["text"] and seen == [] and answers(fake) == []


async def test_a_channel_the_bot_cannot_post_to_is_one_log_line(fake: FakeSlack, running: Running,
                                                                 caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    fake.not_in_channel.add("C0LOCKED")
    adapter = await start(running, fake, "socket", command_dispatcher())
    await send(fake, adapter, "socket", mention(f"{BOT} whosaid Riga", channel="C0LOCKED"))
    await fake.wait_for(lambda: ("chat.postMessage", "not_in_channel") in fake.rejected)
    await send(fake, adapter, "socket", mention(f"{BOT} whosaid Vilnius"))
    await fake.wait_for(lambda: len(answers(fake)) == 1)  # the adapter carries on
    problems = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(problems) == 1 and "slack:C0LOCKED" in problems[0].getMessage()
    assert not any(r.exc_info for r in caplog.records)


async def test_a_private_answer_to_someone_not_in_the_channel_is_one_log_line_and_dropped(
        fake: FakeSlack, running: Running, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    fake.fail_next("chat.postEphemeral", Failure(error="user_not_in_channel"))
    adapter = await start(running, fake, "socket", command_dispatcher())
    await send(fake, adapter, "socket", mention(f"{BOT} subscribe NATO", user="U0GONE"))
    await fake.wait_for(lambda: ("chat.postEphemeral", "user_not_in_channel") in fake.rejected)
    await send(fake, adapter, "socket", mention(f"{BOT} whosaid Vilnius"))
    await fake.wait_for(lambda: len(answers(fake)) == 1)  # the adapter carries on
    assert "Vilnius" in answers(fake)[0]["text"] and "subscribe" not in json.dumps(answers(fake))  # no public copy
    assert [m for m, _ in fake.calls if m == "chat.postEphemeral"] == ["chat.postEphemeral"]  # not retried
    dropped = [r.getMessage() for r in caplog.records if "user_not_in_channel" in r.getMessage()]
    assert len(dropped) == 1 and "U0GONE" in dropped[0] and "slack:C0CHAN" in dropped[0]
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING or r.exc_info]


async def test_a_platform_error_while_answering_is_logged_with_the_channel(
        fake: FakeSlack, running: Running, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    fake.fail_next("chat.postMessage", SERVER_ERROR, SERVER_ERROR, SERVER_ERROR)
    adapter = await start(running, fake, "http", command_dispatcher())
    await send(fake, adapter, "http", mention(f"{BOT} whosaid Riga"))
    await fake.wait_for(lambda: len(fake.rejected) == 3)
    await send(fake, adapter, "http", mention(f"{BOT} whosaid Vilnius"))
    await fake.wait_for(lambda: len(answers(fake)) == 1)
    assert "Vilnius" in answers(fake)[0]["text"]
    dropped = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(dropped) == 1 and "slack:C0CHAN" in dropped[0] and "dropped" in dropped[0]


async def test_http_mode_answers_slacks_url_verification(fake: FakeSlack, running: Running) -> None:
    adapter = await start(running, fake, "http", command_dispatcher())
    body = json.dumps({"token": "deprecated", "challenge": "c-123", "type": "url_verification"})
    async with aiohttp.ClientSession() as session, session.post(
            f"http://127.0.0.1:{adapter.http_port}/slack/events", data=body.encode(),
            headers={**sign(body), "Content-Type": "application/json"}) as response:
        assert response.status == 200 and "c-123" in await response.text()


@pytest.mark.parametrize(("text", "words"), [
    ("<@U0BOT> who said what about Bucharest?", " who said what about Bucharest?"),
    ("<@U0BOT|briefbot> whosaid NATO &amp; EU", " whosaid NATO & EU"),
    ("<!here> <@U0BOT> <!subteam^S01|@desk> hi", "   hi"),
    ("what did <@U0ANA|ana> say in <#C0CHAN|news> about <https://news.example/a|this>",
     "what did ana say in #news about this"),
    ("&lt;@U0BOT&gt; is text, not a mention", "<@U0BOT> is text, not a mention"),
])
def test_mention_text_keeps_the_words(text: str, words: str) -> None:
    assert mention_text(text, "U0BOT") == words


def test_mentions_from_bots_and_edits_are_not_parsed() -> None:
    ok = parse_mention(mention("<@U0BOT> hi", thread_ts="1.5"))
    assert ok is not None and ok.thread_ts == "1.5"
    assert parse_mention(mention("<@U0BOT> hi", subtype="thread_broadcast")) is not None
    for extra in ({"bot_id": "B1"}, {"subtype": "bot_message"}, {"edited": {"ts": "1"}},
                  {"subtype": "message_changed"}, {"user": ""}, {"channel": 5}):
        assert parse_mention(mention("<@U0BOT> hi", **extra)) is None


def test_the_manifest_subscribes_to_mentions() -> None:
    manifest = MANIFEST.read_text(encoding="utf-8")
    assert "- app_mentions:read" in manifest
    events = manifest.split("bot_events:")[1]
    assert events.lstrip().startswith("- app_mention ")


@pytest.mark.parametrize("text", ["<" * 50_000, "<@" * 20_000, "<@U0BOT" * 5000 + ">", "&amp;lt;" * 1000,
                                  "<!date^1|\x00>", "<|>", "<>"])
def test_hostile_mention_text_is_read_without_failing(text: str) -> None:
    assert isinstance(mention_text(text, "U0BOT"), str)


async def test_showing_the_channels_sources_runs_and_changing_them_is_refused(
        fake: FakeSlack, running: Running, seeded: Path, tmp_path: Path) -> None:
    async with real_dispatcher(seeded, tmp_path) as dispatch:
        here = ChannelRef("slack", "C0CHAN")
        followed = await dispatch(dispatch.from_text("sources add https://feeds.example/wire.xml", user="U0ADMIN",
                                                     channel=here, can_manage=True, now=SEED_NOW))
        assert not followed.error, followed.text
        adapter = await start(running, fake, "socket", dispatch)
        texts = ("sources list", "sources export", "sources remove https://feeds.example/wire.xml", "sources list")
        for count, text in enumerate(texts, start=1):  # one at a time: the answers come in the order asked
            await send(fake, adapter, "socket", mention(f"{BOT} {text}"))
            await fake.wait_for(lambda n=count: len(fake.ephemerals) == n, timeout=30)
    listed, exported, refused, listed_again = (m["text"] for m in fake.ephemerals)  # to the asker alone
    assert "https://feeds.example/wire.xml" in listed and "last fetch never" in listed
    assert "opml" in exported and "https://feeds.example/wire.xml" in exported
    assert "`/brief sources …`" in refused
    assert listed_again == listed  # the refused mention removed nothing
    assert answers(fake) == [] and {m["user"] for m in fake.ephemerals} == {"U0READER"}
    assert not {m for m, _ in fake.calls} & {"users.info", "conversations.info"}  # no permission looked up
