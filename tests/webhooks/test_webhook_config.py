"""Webhook channels in the config: their shape, the errors that name the key path, the URL kept secret (masked in
logs, never echoed), and what ``briefbot check`` says of them without sending anything."""

from __future__ import annotations

import logging
import re
import tomllib
from pathlib import Path

import pytest

from bot.check.config_checks import channels as channel_checks
from bot.check.runner import chat_line
from bot.config import ConfigError, parse_config
from bot.models import ChannelRef
from bot.redact import MASK, RedactingFormatter, secret_values

SLACK_URL = "https://hooks.slack.com/services/T0TEAM/B0HOOK/s3cretWebhookToken0123"
DISCORD_URL = "https://discord.com/api/webhooks/123456789012345678/Tok3n-of_the.webhook-0123456789"
ENV = {"NEWS_SLACK_URL": SLACK_URL, "NEWS_DISCORD_URL": DISCORD_URL}
GOOD = ('[[channels]]\nid = "slack-webhook:newsdesk"\nwebhook_url_env = "NEWS_SLACK_URL"\ntopics = ["harbour"]\n'
        'schedule = "weekdays 07:30"\ntimezone = "Europe/Brussels"\nlength = "short"\nalerts = 3\n'
        '[[channels]]\nid = "discord-webhook:newsdesk"\nwebhook_url_env = "NEWS_DISCORD_URL"\n')


def test_a_webhook_channel_is_a_channels_entry_with_the_variable_holding_its_url() -> None:
    config = parse_config(tomllib.loads(GOOD), ENV)
    slack, discord = config.channels
    assert (slack.id, slack.topics, slack.schedule, slack.length, slack.alerts) == (
        "slack-webhook:newsdesk", ("harbour",), "weekdays 07:30", "short", 3)
    assert slack.webhook_url.env_name == "NEWS_SLACK_URL" and slack.webhook_url.value == SLACK_URL
    assert discord.webhook_url.value == DISCORD_URL
    assert SLACK_URL not in repr(config) and DISCORD_URL not in repr(config) and "s3cret" not in str(slack)
    assert ChannelRef.parse(slack.id) == ChannelRef("slack-webhook", "newsdesk")
    assert ChannelRef.parse(discord.id).key == "discord-webhook:newsdesk"


def test_an_unset_variable_is_no_load_error_so_admin_commands_still_read_the_file() -> None:
    config = parse_config(tomllib.loads(GOOD), {})
    assert not config.channels[0].webhook_url and config.channels[0].webhook_url.env_name == "NEWS_SLACK_URL"


@pytest.mark.parametrize(
    ("toml", "env", "message"),
    [
        ('[[channels]]\nid = "teams-webhook:newsdesk"', {},
         r'channels\[0\]\.id: expected "slack:ID", "discord:ID", "console:NAME", "slack-webhook:NAME" or '
         r"\"discord-webhook:NAME\", got 'teams-webhook:newsdesk'"),
        ('[[channels]]\nid = "slack-webhook:"', {}, r"channels\[0\]\.id: expected"),
        ('[[channels]]\nid = "slack-webhook:newsdesk"', {},
         r"channels\[0\]\.webhook_url_env: required for a slack-webhook channel"),
        ('[[channels]]\nid = "slack-webhook:newsdesk"\nwebhook_url = "https://hooks.slack.com/services/A/B/C"', {},
         r"channels\[0\]\.webhook_url: secrets are never written in the file; set webhook_url_env"),
        ('[[channels]]\nid = "slack:C0123"\nwebhook_url_env = "NEWS_SLACK_URL"', ENV,
         r"channels\[0\]\.webhook_url_env: only a slack-webhook: or discord-webhook: channel posts through a "
         r"webhook"),
        ('[[channels]]\nid = "discord-webhook:news desk"\nwebhook_url_env = "NEWS_DISCORD_URL"', ENV,
         r"channels\[0\]\.id: a webhook channel's name is letters, digits"),
        ('[[channels]]\nid = "slack-webhook:a"\nwebhook_url_env = "A_URL"\n'
         '[[channels]]\nid = "slack-webhook:a"\nwebhook_url_env = "B_URL"', {},
         r"channels\[1\]\.id: slack-webhook:a is already channels\[0\]"),
        ('[[channels]]\nid = "slack-webhook:a"\nwebhook_url_env = "A_URL"', {"A_URL": "http://hooks.slack.com/services/T/B/X"},
         r"channels\[0\]\.webhook_url_env: the URL in \$A_URL is refused: it is not https"),
        ('[[channels]]\nid = "slack-webhook:a"\nwebhook_url_env = "A_URL"', {"A_URL": DISCORD_URL},
         r"the URL in \$A_URL is refused: it is not a Slack webhook URL \(expected "
         r"https://hooks\.slack\.com/services/T\.\.\./B\.\.\./\.\.\.\)"),
        ('[[channels]]\nid = "discord-webhook:a"\nwebhook_url_env = "A_URL"', {"A_URL": SLACK_URL},
         r"it is not a Discord webhook URL"),
        ('[[channels]]\nid = "discord-webhook:a"\nwebhook_url_env = "A_URL"',
         {"A_URL": "https://user:pw@discord.com/api/webhooks/1/abc"}, r"it carries a user name or password"),
        ('[[channels]]\nid = "discord-webhook:a"\nwebhook_url_env = "A_URL"', {"A_URL": "not a url at all"},
         r"the URL in \$A_URL is refused: it is not a URL"),
    ],
)
def test_bad_webhook_channels_name_the_key_path_and_the_reason(toml: str, env: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=message) as caught:
        parse_config(tomllib.loads(toml), env)
    for url in env.values():  # the URL is the secret: never repeated in an error
        assert url not in str(caught.value)


def test_a_url_pasted_where_the_variable_name_goes_is_refused_and_not_echoed() -> None:
    toml = f'[[channels]]\nid = "slack-webhook:newsdesk"\nwebhook_url_env = "{SLACK_URL}"'
    with pytest.raises(ConfigError, match=r"channels\[0\]\.webhook_url_env: must be the name of an environment "
                                          r"variable in capitals.*the value given is not shown") as caught:
        parse_config(tomllib.loads(toml), {})
    assert SLACK_URL not in str(caught.value) and "s3cret" not in str(caught.value)


@pytest.mark.parametrize("url", ["http://127.0.0.1:8080/services/T0/B0/abc123", "http://localhost/services/T/B/x",
                                 "https://discord.com/api/v10/webhooks/1/abc?thread_id=2"])
def test_plain_http_only_to_this_machine_and_api_versions_and_threads_are_accepted(url: str) -> None:
    platform = "discord-webhook" if "webhooks" in url else "slack-webhook"
    config = parse_config({"channels": [{"id": f"{platform}:t", "webhook_url_env": "T_URL"}]}, {"T_URL": url})
    assert config.channels[0].webhook_url.value == url


def test_log_lines_mask_the_webhook_url_and_its_token() -> None:
    config = parse_config(tomllib.loads(GOOD), ENV)
    secrets = secret_values(config)
    assert SLACK_URL in secrets and "s3cretWebhookToken0123" in secrets
    assert DISCORD_URL in secrets and "Tok3n-of_the.webhook-0123456789" in secrets
    formatter = RedactingFormatter("%(message)s", secrets)
    for text in (f"POST {SLACK_URL} failed", "token s3cretWebhookToken0123 echoed", f"{DISCORD_URL}?wait=true"):
        line = formatter.format(logging.LogRecord("t", logging.INFO, __file__, 1, text, None, None))
        assert MASK in line and "s3cret" not in line and "Tok3n" not in line


def test_check_tells_each_webhook_channel_without_sending_anything() -> None:
    env = {**ENV, "NEWS_DISCORD_URL": "https://relay.example.net/api/webhooks/1/abcdef"}
    config = parse_config(tomllib.loads(GOOD + '[[channels]]\nid = "slack-webhook:sports"\n'
                                               'webhook_url_env = "SPORTS_SLACK_URL"\n'), env)
    lines = {r.check: r for r in channel_checks(config)}
    slack = lines["channels[0] slack-webhook:newsdesk"]
    assert slack.status == "ok" and slack.detail == (
        "weekdays 07:30 (Europe/Brussels), 1 topic; posts through the Slack webhook in $NEWS_SLACK_URL "
        "(post-only; check sent it nothing)")
    relay = lines["channels[1] discord-webhook:newsdesk"]
    assert relay.status == "warn" and "not on Discord's host (discord.com) but on relay.example.net" in relay.detail
    unset = lines["channels[2] slack-webhook:sports"]
    assert unset.status == "fail" and "webhook_url_env: $SPORTS_SLACK_URL is not set or empty" in unset.detail
    for result in lines.values():
        assert SLACK_URL not in result.detail and "abcdef" not in result.detail
    [chat] = chat_line([], config)  # no app enabled: only webhooks, so no console either
    assert chat.status == "ok" and "only webhook channels" in chat.detail


def test_the_commented_example_in_config_example_toml_loads_once_uncommented() -> None:
    text = (Path(__file__).parents[2] / "config.example.toml").read_text(encoding="utf-8")
    block = text[text.index("# A channel reached only through a webhook"):]
    lines = [line.removeprefix("# ") for line in block.splitlines()
             if line.startswith("# [[") or re.match(r"# [a-z_]+ = ", line)]
    config = parse_config(tomllib.loads("\n".join(lines)), {"NEWSDESK_WEBHOOK_URL": SLACK_URL})
    [channel] = config.channels
    assert channel.id == "slack-webhook:newsdesk" and channel.webhook_url.value == SLACK_URL
