"""Story buttons end to end: a briefing posted by the real adapter, its buttons clicked over Socket Mode and HTTP."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from fake_slack import FakeSlack, button_click_payload, form_body, sign, slash_payload, validate_blocks
from slack_helpers import RecordingSleep, Running, make_briefing, run_adapter, slack_config

from adapters.slack import SlackAdapter, build_slack_adapter
from adapters.slack.post import RetryPolicy
from bot.commands import build_dispatcher
from bot.commands.base import Command, Dispatch, Invocation, Option, Reply
from bot.commands.deps import CommandDeps
from bot.commands.dispatch import Dispatcher
from bot.config import BriefingConfig, Config, SchedulerConfig
from bot.delivery import Delivery
from bot.models import ChannelRef
from bot.scheduler import Scheduler
from bot.store.channels import ChannelDefaults, ChannelStore
from bot.store.db import Database
from digests.story_actions import STORY_ACTIONS, action_id, parse_action_id
from tests.channels.test_alerts import VOTE
from tests.channels.test_followups import BERTH_D, DAY1, FIRE_A, FIRE_B, FIRE_C, World

MODES = ["socket", "http"]
CHANNEL = ChannelRef("slack", "C0CHAN")
OTHER = ChannelRef("slack", "C0OTHER")  # not muted: shows the story would have come back
READER, BOSS, LISTED = "U0READER", "U0BOSS", "U0LISTED"


@pytest.fixture
async def world(tmp_path: Path) -> AsyncIterator[World]:
    db = await Database.open(f"sqlite:///{tmp_path / 'buttons.db'}")
    config = Config(briefing=BriefingConfig(max_stories=10, timezone="UTC", default_since="24h"),
                    scheduler=SchedulerConfig(catch_up_grace="6h"))
    for ref in (CHANNEL, OTHER):
        await ChannelStore(db).ensure(ref, ChannelDefaults("daily 08:00", "UTC"), now=DAY1)
    yield World(db, config, tmp_path)
    await db.close()


@pytest.fixture
async def fake(world: World) -> AsyncIterator[FakeSlack]:
    server = FakeSlack(clock=lambda: world.clock().timestamp())  # message ts on the test's clock, like Slack's
    await server.start()
    server.users = {READER: {"id": READER}, BOSS: {"id": BOSS, "is_admin": True}, LISTED: {"id": LISTED}}
    try:
        yield server
    finally:
        await server.stop()


async def start(running: Running, fake: FakeSlack, world: World, mode: str, dispatch: Dispatch) -> SlackAdapter:
    config = slack_config(fake, mode=mode, admins=(LISTED,))
    adapter = build_slack_adapter(config, clock=world.clock, sleep=RecordingSleep(), policy=RetryPolicy(attempts=4),
                                  connect_timeout=5.0)
    return await run_adapter(running, adapter, dispatch)  # type: ignore[arg-type]


async def post_signed(adapter: SlackAdapter, body: str, headers: dict[str, str]) -> int:
    async with aiohttp.ClientSession() as session, session.post(
        f"http://127.0.0.1:{adapter.http_port}/slack/events", data=body.encode(), headers=headers,
    ) as response:
        assert await response.text() == "" or response.status != 200  # a click is acked with an empty body
        return response.status


async def click(fake: FakeSlack, adapter: SlackAdapter, message: dict[str, Any], action: str, *, user: str,
                headers: dict[str, str] | None = None, tamper: bool = False) -> int:
    """Click ``action`` on ``message`` as ``user``: acked over Socket Mode, or the HTTP status of the POST."""
    payload = button_click_payload(message, action, response_url=fake.response_url(), user_id=user)
    if adapter.config.mode == "socket":
        envelope = await fake.push_interactive(payload)
        await fake.wait_for(lambda: any(a["envelope_id"] == envelope for a in fake.socket_acks))
        return 200
    body = form_body({"payload": json.dumps(payload)})
    signed = headers if headers is not None else sign(body)
    return await post_signed(adapter, body.replace("brief%3Astory", "brief%3Amute") if tamper else body, signed)


def buttons(messages: list[dict[str, Any]]) -> dict[tuple[str, str], tuple[dict[str, Any], str]]:
    """(verb, story id) -> (the message carrying the button, its action_id), from what Slack received."""
    found: dict[tuple[str, str], tuple[dict[str, Any], str]] = {}
    for message in messages:
        blocks = message["blocks"]
        for block in json.loads(blocks) if isinstance(blocks, str) else blocks:
            for element in block.get("elements", []) if block["type"] == "actions" else []:
                parsed = parse_action_id(element["action_id"])
                assert parsed is not None and parsed[1] == element["value"]
                found[parsed] = (message, element["action_id"])
    return found


def posted_in(fake: FakeSlack, channel: ChannelRef) -> list[dict[str, Any]]:
    return [m for m in fake.messages if m.get("channel") == channel.id]


async def answer(fake: FakeSlack, count: int) -> dict[str, Any]:
    """The ``count``-th response_url answer, once it has come; it must be for the clicker alone."""
    await fake.wait_for(lambda: len(fake.responses) >= count)
    reply = fake.responses[count - 1]
    assert reply["response_type"] == "ephemeral" and reply["replace_original"] is False
    return reply


@pytest.mark.parametrize("mode", MODES)
async def test_full_story_and_mute_buttons_end_to_end(world: World, fake: FakeSlack, running: Running,
                                                      mode: str) -> None:
    adapter = await start(running, fake, world, mode, build_dispatcher(CommandDeps(world.config, world.db,
                                                                                   world.clock)))
    scheduler = Scheduler(Delivery(world.db, world.config, {"slack": adapter}), world.clock)
    store = ChannelStore(world.db)
    await world.ingest(DAY1 + timedelta(hours=6), FIRE_A, FIRE_B, BERTH_D)
    fire, berth = await world.story_of(FIRE_A), await world.story_of(BERTH_D)
    world.clock.set(DAY1 + timedelta(hours=8))
    assert {o.state for o in await scheduler.tick(world.clock())} == {"delivered"}

    # the buttons under each story, as Slack received them with the real adapter's post
    first = posted_in(fake, CHANNEL)
    assert first and all(validate_blocks(m["blocks"]) is None for m in first)
    found = buttons(first)
    other_first = len(posted_in(fake, OTHER))
    assert set(found) == {(verb, story) for verb in ("story", "track", "mute") for story in (fire, berth)}
    posted = len(fake.messages)

    # Full story: the story in full, only to the clicker
    message, full = found[("story", fire)]
    assert full == action_id("story", fire)
    assert await click(fake, adapter, message, full, user=READER) == 200
    reply = await answer(fake, 1)
    assert "Fire destroys grain terminal at Valdmere port" in reply["text"] and fire in reply["text"]
    assert "Coverage:" in reply["text"] and "Harbour Gazette" in reply["text"] and "Coastal Times" in reply["text"]
    assert validate_blocks(reply["blocks"]) is None

    # Mute by someone who may not change the channel: a polite refusal, nothing muted
    message, mute = found[("mute", fire)]
    await click(fake, adapter, message, mute, user=READER)
    reply = await answer(fake, 2)
    assert "needs the channel-management permission" in reply["text"] and "Nothing was changed" in reply["text"]
    assert await store.muted(CHANNEL) == []

    # Mute by a workspace admin (users.info says so, as for a typed `/brief mute`): muted here only
    await click(fake, adapter, message, mute, user=BOSS)
    reply = await answer(fake, 3)
    assert reply["text"].startswith("Muted *Fire destroys grain terminal at Valdmere port*")
    assert await store.muted(CHANNEL) == [fire] and await store.muted(OTHER) == []
    assert ("users.info", {"user": BOSS}) in [(m, {"user": p.get("user")}) for m, p in fake.calls]
    assert len(fake.messages) == posted  # every answer went to the clicker, nothing into the channel

    # the next briefing: the fire's follow-up reaches the other channel, not this one; other news does
    await world.ingest(DAY1 + timedelta(days=1, hours=6), FIRE_C, *VOTE)
    assert await world.story_of(FIRE_C) == fire
    world.clock.set(DAY1 + timedelta(days=1, hours=8))
    assert {o.state for o in await scheduler.tick(world.clock())} == {"delivered"}
    here = posted_in(fake, CHANNEL)[len(first):]
    assert here and "Korsholt council votes" in json.dumps([m["blocks"] for m in here])
    assert fire not in {story for _verb, story in buttons(here)}
    assert "Valdmere grain terminal" not in json.dumps([m["blocks"] for m in here])
    assert fire in {story for _verb, story in buttons(posted_in(fake, OTHER)[other_first:])}
    assert fake.rejected == []


async def typed(fake: FakeSlack, adapter: SlackAdapter, text: str, *, user: str) -> None:
    """``/brief <text>`` typed in CHANNEL by ``user``, over Socket Mode or a signed HTTP POST."""
    payload = slash_payload(text, response_url=fake.response_url(), user_id=user, channel_id=CHANNEL.id)
    if adapter.config.mode == "socket":
        envelope = await fake.push_slash_command(payload)
        await fake.wait_for(lambda: any(a["envelope_id"] == envelope for a in fake.socket_acks))
        return
    body = form_body(payload)
    assert await post_signed(adapter, body, sign(body)) == 200


@pytest.mark.parametrize("mode", MODES)
async def test_track_button_end_to_end(world: World, fake: FakeSlack, running: Running, mode: str) -> None:
    adapter = await start(running, fake, world, mode, build_dispatcher(CommandDeps(world.config, world.db,
                                                                                   world.clock)))
    scheduler = Scheduler(Delivery(world.db, world.config, {"slack": adapter}), world.clock)
    store = ChannelStore(world.db)
    await world.ingest(DAY1 + timedelta(hours=6), FIRE_A, FIRE_B, BERTH_D)
    fire = await world.story_of(FIRE_A)
    world.clock.set(DAY1 + timedelta(hours=8))
    assert {o.state for o in await scheduler.tick(world.clock())} == {"delivered"}
    message, track = buttons(posted_in(fake, CHANNEL))[("track", fire)]
    assert track == action_id("track", fire)
    posted = len(fake.messages)

    # Track by someone who may not change the channel: refused, only to them, nothing tracked
    await click(fake, adapter, message, track, user=READER)
    reply = await answer(fake, 1)
    assert reply["text"] == ("Sorry, `track &lt;story&gt;` changes this channel's set-up and needs the "
                             "channel-management permission. Nothing was changed.")
    assert await store.tracked(CHANNEL) == []
    assert ("users.info", READER) in [(m, p.get("user")) for m, p in fake.calls]  # looked up, as for mute

    # by a workspace admin: tracked here only, said to the clicker alone
    await click(fake, adapter, message, track, user=BOSS)
    reply = await answer(fake, 2)
    assert reply["text"].startswith("Tracking *Fire destroys grain terminal at Valdmere port*")
    assert fire in reply["text"]
    assert await store.tracked(CHANNEL) == [fire] and await store.tracked(OTHER) == []

    # the typed `/brief track` (no argument: anyone may list) now shows it
    await typed(fake, adapter, "track", user=READER)
    reply = await answer(fake, 3)
    assert reply["text"].startswith("Tracked stories") and f"(`{fire}`)" in reply["text"]
    assert "Fire destroys grain terminal at Valdmere port" in reply["text"]
    assert len(fake.messages) == posted and fake.rejected == []  # nothing went into the channel


@pytest.mark.parametrize("length", ["full", "short", "headlines"])
async def test_a_ten_story_briefing_posts_every_storys_three_buttons_within_slacks_limits(
        world: World, fake: FakeSlack, length: str) -> None:
    adapter = build_slack_adapter(slack_config(fake), clock=world.clock, sleep=RecordingSleep())
    briefing = replace(make_briefing(10), length=length)
    ids = await adapter.post(CHANNEL, briefing, key=f"ten-{length}")
    sent = posted_in(fake, CHANNEL)
    assert len(sent) == len(ids) and fake.rejected == []  # the fake checks Block Kit's limits on every message
    for message in sent:
        blocks = message["blocks"]
        blocks = json.loads(blocks) if isinstance(blocks, str) else blocks
        assert validate_blocks(blocks) is None and len(blocks) <= 50
        assert all(len(b["elements"]) == len(STORY_ACTIONS) <= 25 for b in blocks if b["type"] == "actions")
    found = buttons(sent)
    assert set(found) == {(a.verb, i.story.id) for i in briefing.items for a in STORY_ACTIONS}


def recording_dispatcher(seen: list[Invocation]) -> Dispatcher:
    """`story` and `mute` that only record what reached them."""
    async def story(inv: Invocation) -> Reply:
        seen.append(inv)
        return Reply(f"The story {inv.options['story']} in full.", ephemeral=True)

    async def mute(inv: Invocation) -> Reply:
        seen.append(inv)
        return Reply(f"Muted {inv.options['story']}." if inv.can_manage else "Sorry, no.", ephemeral=True)

    option = (Option("story", "a story", required=True, rest=True),)
    return Dispatcher([Command("story", "In full.", story, option, slow=True),
                       Command("mute", "Mute.", mute, option, slow=True)])


BRIEFING_MESSAGE = {"channel": CHANNEL.id, "ts": "1700000000.000100", "text": "Morning briefing",
                    "blocks": [{"type": "actions", "elements": [
                        {"type": "button", "action_id": "brief:story:s-abc", "value": "s-abc",
                         "text": {"type": "plain_text", "text": "Full story"}},
                        {"type": "button", "action_id": "brief:mute:s-abc", "value": "s-abc",
                         "text": {"type": "plain_text", "text": "Mute"}}]}]}


@pytest.mark.parametrize("mode", MODES)
async def test_a_click_is_the_typed_command(world: World, fake: FakeSlack, running: Running, mode: str) -> None:
    seen: list[Invocation] = []
    adapter = await start(running, fake, world, mode, recording_dispatcher(seen))
    await click(fake, adapter, BRIEFING_MESSAGE, "brief:story:s-abc", user=READER)
    assert (await answer(fake, 1))["text"] == "The story s-abc in full."
    await click(fake, adapter, BRIEFING_MESSAGE, "brief:mute:s-abc", user=LISTED)  # in slack.admins
    assert (await answer(fake, 2))["text"] == "Muted s-abc."
    assert [(i.command, i.args, dict(i.options), i.user, i.channel, i.can_manage, i.now) for i in seen] == [
        ("story", "s-abc", {"story": "s-abc"}, READER, CHANNEL, False, world.clock()),
        ("mute", "s-abc", {"story": "s-abc"}, LISTED, CHANNEL, True, world.clock())]


@pytest.mark.parametrize("forgery", ["unsigned", "tampered", "stale", "wrong_secret"])
async def test_a_forged_http_click_gets_401_and_runs_nothing(world: World, fake: FakeSlack, running: Running,
                                                             forgery: str) -> None:
    seen: list[Invocation] = []
    adapter = await start(running, fake, world, "http", recording_dispatcher(seen))
    payload = button_click_payload(BRIEFING_MESSAGE, "brief:story:s-abc", response_url=fake.response_url(),
                                   user_id=READER)
    body = form_body({"payload": json.dumps(payload)})
    headers = {
        "unsigned": {"Content-Type": "application/x-www-form-urlencoded"},
        "tampered": sign(body),
        "stale": sign(body, timestamp=int(time.time()) - 6 * 60),
        "wrong_secret": sign(body, secret="not-the-secret"),
    }[forgery]
    status = await click(fake, adapter, BRIEFING_MESSAGE, "brief:story:s-abc", user=READER, headers=headers,
                         tamper=forgery == "tampered")
    assert status == 401
    # a genuine click right after is answered, and it is the only thing that ran
    assert await click(fake, adapter, BRIEFING_MESSAGE, "brief:story:s-abc", user=READER) == 200
    await answer(fake, 1)
    assert [(i.command, i.user) for i in seen] == [("story", READER)] and len(fake.responses) == 1


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("foreign", ["other_app_button", "brief:delete:s-abc", "brief:story:", "brief:story:a:b"])
async def test_a_foreign_button_is_acked_and_ignored(world: World, fake: FakeSlack, running: Running, mode: str,
                                                     foreign: str, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="adapters.slack.app")
    seen: list[Invocation] = []
    adapter = await start(running, fake, world, mode, recording_dispatcher(seen))
    assert await click(fake, adapter, BRIEFING_MESSAGE, foreign, user=BOSS) == 200  # acked, so Slack shows no error
    await click(fake, adapter, BRIEFING_MESSAGE, "brief:story:s-abc", user=READER)
    await answer(fake, 1)
    assert [(i.command, i.user) for i in seen] == [("story", READER)] and len(fake.responses) == 1
    assert not [m for m, p in fake.calls if p.get("user") == BOSS]  # not even a permission check
    ignored = [r for r in caplog.records if "ignored a click on an unknown button" in r.getMessage()]
    assert len(ignored) == 1 and repr(foreign) in ignored[0].getMessage()


@pytest.mark.parametrize("mode", MODES)
async def test_a_failing_click_gets_the_polite_error(world: World, fake: FakeSlack, running: Running,
                                                     mode: str) -> None:
    async def broken(_inv: Invocation) -> Reply:
        raise RuntimeError("the store is on fire")

    adapter = await start(running, fake, world, mode, broken)
    await click(fake, adapter, BRIEFING_MESSAGE, "brief:story:s-abc", user=READER)
    reply = await answer(fake, 1)
    assert reply["text"] == "Something went wrong answering that; it has been logged."
    assert "on fire" not in json.dumps(fake.responses)
