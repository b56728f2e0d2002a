"""Pure translations: slash payload -> Invocation, Reply -> messages, failures -> what to do."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from slack_helpers import NOW, command_dispatcher, make_briefing

from adapters.slack.translate import (
    ButtonClick,
    classify_failure,
    click_invocation,
    is_workspace_manager,
    message_payload,
    parse_button_click,
    parse_slash_command,
    reply_messages,
    response_type,
    retry_delay,
    to_invocation,
)
from bot.commands.base import Reply
from bot.config import SlackConfig
from bot.models import ChannelRef

MANIFEST = Path(__file__).resolve().parents[2] / "adapters" / "slack_manifest.yaml"


@pytest.mark.parametrize(("text", "verb", "args"), [
    ("whosaid Bucharest", "whosaid", "Bucharest"),
    ("  WHOSAID  NATO summit ", "whosaid", "NATO summit"),
    ("NATO since monday", "brief", "NATO since monday"),
    ("", "brief", ""),
    ("help", "help", ""),
])
def test_slash_text_becomes_an_invocation(text: str, verb: str, args: str) -> None:
    cmd = parse_slash_command({"command": "/brief", "text": text, "user_id": "U1", "channel_id": "C1",
                               "team_id": "T1", "response_url": "https://hooks.example/r"})
    inv = to_invocation(cmd, command_dispatcher().verbs, can_manage=True, now=NOW)
    assert (inv.command, inv.args, inv.user, inv.channel, inv.can_manage, inv.now) == (
        verb, args, "U1", ChannelRef("slack", "C1"), True, NOW)


def test_odd_payload_fields_are_ignored_not_trusted() -> None:
    cmd = parse_slash_command({"text": ["not", "a", "string"], "user_id": 5})
    assert (cmd.text, cmd.user_id, cmd.channel_id) == ("", "", "")


@pytest.mark.parametrize(("reply", "kind"), [
    (Reply("answer"), "in_channel"), (Reply("help", ephemeral=True), "ephemeral"),
    (Reply("oops", error=True), "ephemeral"),
])
def test_errors_and_help_are_ephemeral(reply: Reply, kind: str) -> None:
    assert response_type(reply) == kind


def test_briefing_reply_keeps_its_intro_and_is_rendered_as_blocks() -> None:
    messages = reply_messages(Reply("Asked about **NATO**", briefing=make_briefing(2)))
    assert messages[0].blocks[0]["type"] == "header"
    assert "Asked about *NATO*" in messages[0].text


def test_payload_never_asks_slack_to_parse_mentions() -> None:
    message = reply_messages(Reply("hi @here"))[0]
    payload = message_payload(message, thread_ts="1.2")
    assert "parse" not in payload and "link_names" not in payload
    assert payload["thread_ts"] == "1.2" and payload["text"] == "hi @\u200bhere"
    assert "blocks" not in message_payload(message, text_only=True)


@pytest.mark.parametrize(("status", "error", "outcome"), [
    (429, "ratelimited", "retryable"), (500, "", "retryable"), (503, "", "retryable"),
    (200, "not_in_channel", "permanent"), (200, "channel_not_found", "permanent"),
    (200, "invalid_auth", "permanent"), (200, "invalid_blocks", "text_only"),
    (200, "msg_blocks_too_long", "text_only"), (200, "internal_error", "retryable"),
    (200, "some_new_error", "permanent"),
])
def test_failures_are_classified(status: int, error: str, outcome: str) -> None:
    assert classify_failure(status, error) == outcome


def test_retry_delay_prefers_retry_after_then_backs_off_to_a_cap() -> None:
    assert retry_delay(0, 7.0) == 7.0
    assert [retry_delay(n, None) for n in range(7)] == [1.0, 2.0, 4.0, 8.0, 16.0, 30.0, 30.0]


def test_workspace_managers() -> None:
    assert is_workspace_manager({"is_owner": True}) and is_workspace_manager({"is_admin": True})
    assert not is_workspace_manager({"is_admin": False, "is_bot": True})


def test_manifest_declares_the_configured_command_socket_mode_and_only_needed_scopes() -> None:
    text = MANIFEST.read_text(encoding="utf-8")
    assert f"- command: {SlackConfig().command}" in text
    assert re.search(r"^\s+socket_mode_enabled: true", text, re.MULTILINE)
    assert re.search(r"^\s+interactivity:\n\s+is_enabled: true", text, re.MULTILINE)
    scopes = re.findall(r"^\s+- ([a-z:.]+)\s", text.split("\n    bot:\n", 1)[1].split("settings:", 1)[0], re.MULTILINE)
    assert scopes == ["commands", "chat:write", "users:read", "channels:read", "groups:read", "im:read", "im:history",
                      "channels:history", "groups:history"]
    assert "/slack/events" in text


def test_a_button_click_becomes_the_typed_command() -> None:
    body = {"type": "block_actions", "user": {"id": "U1"}, "channel": {"id": "C1"},
            "container": {"type": "message", "channel_id": "C1", "message_ts": "1.2"},
            "response_url": "https://hooks.example/a", "actions": [{"action_id": "brief:mute:s-9f", "value": "s-9f"}]}
    click = parse_button_click(body)
    assert click == ButtonClick("brief:mute:s-9f", "U1", "C1", "https://hooks.example/a")
    inv = click_invocation(click, can_manage=True, now=NOW)
    assert inv is not None
    assert (inv.command, inv.args, dict(inv.options), inv.user, inv.channel, inv.can_manage, inv.now) == (
        "mute", "s-9f", {}, "U1", ChannelRef("slack", "C1"), True, NOW)  # options parsed by the dispatcher
    # no channel object: the container names it
    assert parse_button_click({**body, "channel": None}).channel_id == "C1"


@pytest.mark.parametrize("body", [
    {},
    {"actions": [], "user": {"id": "U1"}, "channel": {"id": "C1"}},
    {"actions": [{"action_id": "approve"}], "user": {"id": "U1"}, "channel": {"id": "C1"}},
    {"actions": [{"action_id": "brief:delete:s-1"}], "user": {"id": "U1"}, "channel": {"id": "C1"}},
    {"actions": [{"action_id": "brief:story:s-1"}], "user": {"id": "U1"}},  # no channel to answer about
    {"actions": [{"action_id": "brief:story:s-1"}], "user": "U1", "channel": {"id": "C1"}},
    {"actions": [{"action_id": 7}], "user": {"id": "U1"}, "channel": {"id": "C1"}},
])
def test_clicks_that_are_not_our_buttons_make_no_invocation(body: dict[str, object]) -> None:
    assert click_invocation(parse_button_click(body), can_manage=False, now=NOW) is None
