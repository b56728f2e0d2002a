"""HTTP mode end to end: signed slash-command POSTs through real slack-bolt against the local Slack."""

from __future__ import annotations

import asyncio
import logging
import time

import aiohttp
import pytest
from fake_slack import APP_TOKEN, BOT_TOKEN, SIGNING_SECRET, FakeSlack, form_body, pings, sign, slash_payload
from slack_helpers import NOW, Running, command_dispatcher, make_adapter, make_briefing, run_adapter

from adapters.slack import SlackAdapter, SlackStartupError
from bot.commands.base import Command, Invocation, Option, Reply
from bot.commands.dispatch import Dispatcher
from bot.models import ChannelRef
from digests.render_slack import render_briefing


async def post_command(adapter: SlackAdapter, fake: FakeSlack, text: str, *, user: str = "U0USER",
                       headers: dict[str, str] | None = None, body: str | None = None) -> tuple[int, str]:
    body = body if body is not None else form_body(slash_payload(text, response_url=fake.response_url(),
                                                                 user_id=user))
    async with aiohttp.ClientSession() as session, session.post(
        f"http://127.0.0.1:{adapter.http_port}/slack/events", data=body.encode(),
        headers=headers if headers is not None else sign(body),
    ) as response:
        return response.status, await response.text()


async def test_signed_whosaid_is_acked_then_answered_in_channel(fake: FakeSlack, running: Running) -> None:
    seen: list[Invocation] = []
    adapter = await run_adapter(running, make_adapter(fake), command_dispatcher(seen))
    status, body = await post_command(adapter, fake, "whosaid Bucharest")
    assert (status, body) == (200, "")
    await fake.wait_for(lambda: len(fake.responses) == 1)
    answer = fake.responses[0]
    assert answer["response_type"] == "in_channel"
    assert "*Who said what about Bucharest*" in answer["text"]
    assert pings(answer) == []
    assert len(seen) == 1
    inv = seen[0]
    assert (inv.command, inv.args, dict(inv.options)) == ("whosaid", "Bucharest", {"topic": "Bucharest"})
    assert (inv.user, inv.channel, inv.now, inv.can_manage) == ("U0USER", ChannelRef("slack", "C0CHAN"), NOW,
                                                                 False)
    assert ("auth.test", {}) in [(m, {}) for m, _ in fake.calls]


@pytest.mark.parametrize("forgery", ["unsigned", "tampered", "stale", "wrong_secret"])
async def test_forged_and_stale_requests_get_401(fake: FakeSlack, running: Running, forgery: str) -> None:
    seen: list[Invocation] = []
    adapter = await run_adapter(running, make_adapter(fake), command_dispatcher(seen))
    body = form_body(slash_payload("whosaid Bucharest", response_url=fake.response_url()))
    headers = {
        "unsigned": {"Content-Type": "application/x-www-form-urlencoded"},
        "tampered": sign(body),
        "stale": sign(body, timestamp=int(time.time()) - 6 * 60),
        "wrong_secret": sign(body, secret="not-the-secret"),
    }[forgery]
    sent = body.replace("Bucharest", "Budapest") if forgery == "tampered" else body
    status, _ = await post_command(adapter, fake, "", headers=headers, body=sent)
    assert status == 401
    # a valid request right after still works, so nothing was left half-handled
    assert (await post_command(adapter, fake, "whosaid Sofia"))[0] == 200
    await fake.wait_for(lambda: len(fake.responses) == 1)
    assert [inv.args for inv in seen] == ["Sofia"]


async def test_ack_comes_before_slow_work(fake: FakeSlack, running: Running) -> None:
    release = asyncio.Event()

    async def slow(_inv: Invocation) -> Reply:
        await release.wait()
        return Reply("done at last")

    adapter = await run_adapter(running, make_adapter(fake),
                                Dispatcher([Command("brief", "Slow.", slow, slow=True)]))
    status, _ = await post_command(adapter, fake, "")
    assert status == 200 and fake.responses == []  # acked while the command is still working
    release.set()
    await fake.wait_for(lambda: len(fake.responses) == 1)
    assert fake.responses[0]["text"] == "done at last"


async def test_help_and_errors_are_ephemeral(fake: FakeSlack, running: Running) -> None:
    adapter = await run_adapter(running, make_adapter(fake), command_dispatcher())
    await post_command(adapter, fake, "help")
    await post_command(adapter, fake, "whosaid")  # missing topic: a usage error
    await fake.wait_for(lambda: len(fake.responses) == 2)
    by_text = {r["text"].split()[0]: r for r in fake.responses}
    assert all(r["response_type"] == "ephemeral" for r in fake.responses)
    help_reply = next(r for r in fake.responses if "Commands:" in r["text"])
    assert "/brief whosaid &lt;topic&gt;" in help_reply["text"]
    assert any(r["text"].startswith("Missing") for r in by_text.values())  # the usage error, capitalised


@pytest.mark.parametrize(("who", "allowed"), [("U0PLAIN", False), ("U0LISTED", True), ("U0WSADMIN", True),
                                               ("U0CREATOR", True)])
async def test_who_may_change_a_channel(fake: FakeSlack, running: Running, who: str, allowed: bool) -> None:
    fake.users = {"U0PLAIN": {"id": "U0PLAIN"}, "U0WSADMIN": {"id": "U0WSADMIN", "is_admin": True},
                  "U0CREATOR": {"id": "U0CREATOR"}}
    fake.channel_creators["C0CHAN"] = "U0CREATOR"
    seen: list[Invocation] = []
    adapter = await run_adapter(running, make_adapter(fake, admins=("U0LISTED",)), command_dispatcher(seen))
    await post_command(adapter, fake, "subscribe NATO", user=who)
    await fake.wait_for(lambda: len(fake.responses) == 1)
    reply = fake.responses[0]
    if allowed:
        assert reply["response_type"] == "in_channel" and "Subscribed this channel to NATO" in reply["text"]
        assert seen[0].can_manage
    else:
        assert reply["response_type"] == "ephemeral" and "Nothing was changed" in reply["text"]
        assert seen == []


@pytest.mark.parametrize(("who", "allowed"), [("U0ALICE", True), ("U0BOB", False)])
async def test_a_person_may_set_up_their_own_direct_messages_with_the_bot(
        fake: FakeSlack, running: Running, who: str, allowed: bool) -> None:
    fake.users = {"U0ALICE": {"id": "U0ALICE"}, "U0BOB": {"id": "U0BOB"}}
    fake.direct_messages["D0ALICE"] = "U0ALICE"
    seen: list[Invocation] = []
    adapter = await run_adapter(running, make_adapter(fake), command_dispatcher(seen))
    body = form_body(slash_payload("subscribe NATO", response_url=fake.response_url(), user_id=who,
                                   channel_id="D0ALICE"))
    assert (await post_command(adapter, fake, "", body=body))[0] == 200
    await fake.wait_for(lambda: len(fake.responses) == 1)
    if allowed:  # a personal briefing: subscribed in her own DM with the bot
        assert "Subscribed this channel to NATO" in fake.responses[0]["text"] and seen[0].can_manage
        assert seen[0].channel == ChannelRef("slack", "D0ALICE")
    else:
        assert "Nothing was changed" in fake.responses[0]["text"] and seen == []


async def test_showing_sources_looks_up_no_permission_and_changing_them_does(fake: FakeSlack,
                                                                            running: Running) -> None:
    seen: list[Invocation] = []

    async def sources(inv: Invocation) -> Reply:
        seen.append(inv)
        return Reply(f"sources {inv.args}")

    fake.users = {"U0USER": {"id": "U0USER"}}
    dispatch = Dispatcher([Command("sources", "Sources.", sources, options=(Option("action", "what", rest=True),),
                                   manages_with_args=True, read_only_actions=frozenset({"list", "export"}))])
    adapter = await run_adapter(running, make_adapter(fake), dispatch)
    for count, text in enumerate(("sources list", "sources", "sources export",
                                  "sources add https://feeds.example/x.xml"), start=1):
        await post_command(adapter, fake, text)
        await fake.wait_for(lambda n=count: len(fake.responses) == n)
    looked_up = [(m, p.get("user") or p.get("channel")) for m, p in fake.calls
                 if m in ("users.info", "conversations.info")]
    assert looked_up == [("users.info", "U0USER"), ("conversations.info", "C0CHAN")]  # for the add alone
    assert [(i.args, i.can_manage) for i in seen] == [("list", False), ("", False), ("export", False),
                                                      ("add https://feeds.example/x.xml", False)]


async def test_briefing_reply_is_block_kit_in_channel(fake: FakeSlack, running: Running) -> None:
    adapter = await run_adapter(running, make_adapter(fake), command_dispatcher())
    await post_command(adapter, fake, "brief 8")
    await fake.wait_for(lambda: len(fake.responses) >= 1)
    reply = fake.responses[0]
    assert reply["response_type"] == "in_channel"
    assert reply["blocks"][0]["type"] == "header"
    assert sum(1 for b in reply["blocks"] if b["type"] == "section") == 8
    assert fake.rejected == []


async def test_long_briefing_reply_is_posted_whole_in_a_thread(fake: FakeSlack, running: Running) -> None:
    adapter = await run_adapter(running, make_adapter(fake), command_dispatcher())
    await post_command(adapter, fake, "brief 200")
    expected = len(render_briefing(make_briefing(200)))
    assert expected > 5
    await fake.wait_for(lambda: len(fake.messages) == expected)
    first, *rest = fake.messages
    assert "thread_ts" not in first and all(m["thread_ts"] == first["ts"] for m in rest)
    text = " ".join(m["text"] for m in fake.messages)
    assert all(f"Story number {n} about the summit" in text for n in range(200))
    assert fake.responses == []


async def test_long_reply_where_the_bot_is_not_invited_ends_with_a_note(fake: FakeSlack,
                                                                         running: Running) -> None:
    fake.not_in_channel.add("C0CHAN")
    adapter = await run_adapter(running, make_adapter(fake), command_dispatcher())
    await post_command(adapter, fake, "brief 200")
    await fake.wait_for(lambda: len(fake.responses) == 5)
    assert "/invite @briefbot" in fake.responses[-1]["text"]
    assert fake.messages == []


async def test_bad_token_stops_start_up_with_a_clear_message(fake: FakeSlack, running: Running) -> None:
    adapter = make_adapter(fake, bot_token="xoxb-revoked-0000")
    with pytest.raises(SlackStartupError) as error:
        await run_adapter(running, adapter, command_dispatcher())
    message = str(error.value)
    assert "auth.test: invalid_auth" in message and "$SLACK_BOT_TOKEN" in message
    assert "xoxb-revoked-0000" not in message
    assert adapter.http_port is None  # no server was started


async def test_missing_signing_secret_stops_http_mode(fake: FakeSlack, running: Running) -> None:
    adapter = make_adapter(fake)
    adapter.config = type(adapter.config)(enabled=True, mode="http", bot_token=adapter.config.bot_token,
                                          api_base_url=fake.api_url)
    with pytest.raises(SlackStartupError, match=r"\$SLACK_SIGNING_SECRET is empty"):
        await run_adapter(running, adapter, command_dispatcher())


async def test_secrets_never_reach_the_logs(fake: FakeSlack, running: Running,
                                            caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    adapter = await run_adapter(running, make_adapter(fake), command_dispatcher())
    await post_command(adapter, fake, "whosaid Bucharest")
    await post_command(adapter, fake, "help", headers={"Content-Type": "application/x-www-form-urlencoded"})
    await fake.wait_for(lambda: len(fake.responses) == 1)
    fake.not_in_channel.add("C0GONE")
    with pytest.raises(Exception):  # noqa: B017 - any failure is fine here; we look at the logs
        await adapter.post(ChannelRef("slack", "C0GONE"), make_briefing(1))
    logged = caplog.text + " ".join(repr(r.args) for r in caplog.records)
    assert len(caplog.records) > 5  # the debug logging of slack-sdk and bolt was really captured
    for secret in (BOT_TOKEN, APP_TOKEN, SIGNING_SECRET):
        assert secret not in logged
