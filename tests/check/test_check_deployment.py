"""``briefbot check`` end to end against local Slack, Discord, feeds and a SQLite store: a healthy deployment
passes; each mistake is one named ``fail`` line while the other checks still run; nothing is changed."""

from __future__ import annotations

import pytest
from check_harness import Deployment, as_json, file_state, lines
from fake_discord import GUILD_ID
from fake_slack import BOT_TOKEN

from bot.check.result import CheckResult
from bot.cli_check import show


def assert_all_checked_ok(found: dict[str, tuple[str, str]], *, but: set[str]) -> None:
    """Every check other than those in ``but`` ran and passed."""
    expected = {"config", "channels[0] slack:C0NEWS", f"channels[1] discord:{GUILD_ID}", "store", "slack bot token",
                "slack app token", "slack auth", "slack scopes", "slack socket mode", "discord token", "discord auth",
                "discord application", "discord servers"}
    for check in expected - but:
        assert found.get(check, ("missing", ""))[0] == "ok", (check, found.get(check))


async def test_a_healthy_deployment_passes_every_check_and_changes_nothing(
        deployment: Deployment, capsys: pytest.CaptureFixture[str]) -> None:
    before = file_state(deployment.store)
    code = await deployment.run()
    out = capsys.readouterr().out
    found = lines(out)
    assert code == 0, out
    assert_all_checked_ok(found, but=set())
    assert "workspace Example (T0TEAM) as briefbot (U0BOT)" in found["slack auth"][1]
    assert "bot briefbot (900000000000000001)" in found["discord auth"][1]
    assert "Test guild" in found["discord servers"][1]
    assert found[f"source {deployment.config_url}"] == ("ok", "feed 'wire.xml': 2 articles (HTTP 200)")
    # the store's source is asked conditionally, with the ETag polling stored: the feed did not change
    assert found[f"source {deployment.followed_url}"][0] == "ok"
    assert "not modified" in found[f"source {deployment.followed_url}"][1]
    assert deployment.feeds.requests_to(deployment.followed_url)[0][2] is not None
    assert out.strip().splitlines()[-1].endswith(", 0 failed")
    # read-only: same bytes, no file left beside the store, nothing posted, no websocket, nothing registered
    assert file_state(deployment.store) == before
    slack_methods = {method for method, _ in deployment.slack.calls}
    assert slack_methods == {"auth.test", "apps.connections.open"}
    assert deployment.slack.socket_connections == 0 and deployment.slack.messages == []
    assert {(r.method, r.path) for r in deployment.discord.requests} == {
        ("GET", "/users/@me"), ("GET", "/oauth2/applications/@me"), ("GET", "/users/@me/guilds")}
    assert deployment.discord.identifies == 0


async def test_a_refused_slack_token_fails_and_the_other_checks_still_run(
        deployment: Deployment, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHECK_SLACK_BOT", "xoxb-revoked-token-000000")
    code = await deployment.run()
    found = lines(capsys.readouterr().out)
    assert code == 1
    status, detail = found["slack auth"]
    assert status == "fail" and "invalid_auth" in detail and "$CHECK_SLACK_BOT" in detail
    assert "xoxb-revoked" not in detail
    assert_all_checked_ok(found, but={"slack auth", "slack scopes"})
    assert found[f"source {deployment.config_url}"][0] == "ok"


async def test_each_missing_scope_is_named(deployment: Deployment, capsys: pytest.CaptureFixture[str]) -> None:
    deployment.slack.scopes.remove("channels:history")
    deployment.slack.scopes.remove("app_mentions:read")
    code = await deployment.run()
    found = lines(capsys.readouterr().out)
    assert code == 1
    status, detail = found["slack scopes"]
    assert status == "fail" and detail.startswith("missing app_mentions:read, channels:history: ")
    assert "reinstall" in detail
    assert_all_checked_ok(found, but={"slack scopes"})


async def test_a_refused_app_level_token_fails_socket_mode(
        deployment: Deployment, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHECK_SLACK_APP", "xapp-from-another-app-1111")
    code = await deployment.run()
    found = lines(capsys.readouterr().out)
    assert code == 1
    assert found["slack socket mode"][0] == "fail" and "connections:write" in found["slack socket mode"][1]
    assert_all_checked_ok(found, but={"slack socket mode"})


async def test_http_mode_needs_the_signing_secret_and_opens_no_connection(
        deployment: Deployment, capsys: pytest.CaptureFixture[str]) -> None:
    deployment.slack_mode = "http"
    code = await deployment.run()
    found = lines(capsys.readouterr().out)
    assert code == 1
    assert found["slack signing secret"] == (
        "fail", "$CHECK_SLACK_SECRET is not set or empty: set it to the Signing Secret from Basic Information")
    assert "slack socket mode" not in found and "slack app token" not in found
    assert {method for method, _ in deployment.slack.calls} == {"auth.test"}


async def test_a_refused_discord_token_fails(deployment: Deployment, capsys: pytest.CaptureFixture[str]) -> None:
    deployment.discord.fail("GET", "/users/@me", 401)
    code = await deployment.run()
    found = lines(capsys.readouterr().out)
    assert code == 1
    assert found["discord auth"][0] == "fail" and "$CHECK_DISCORD" in found["discord auth"][1]
    assert "discord servers" not in found
    assert_all_checked_ok(found, but={"discord auth", "discord application", "discord servers"})


async def test_a_token_of_another_application_and_a_server_the_bot_is_not_in_fail(
        deployment: Deployment, capsys: pytest.CaptureFixture[str]) -> None:
    deployment.guild_ids = [GUILD_ID, "123456789012345678"]
    deployment.application_id = "111111111111111111"
    code = await deployment.run()
    found = lines(capsys.readouterr().out)
    assert code == 1
    status, detail = found["discord application"]
    assert status == "fail" and "111111111111111111" in detail and 'application_id = "900000000000000002"' in detail
    status, detail = found["discord servers"]
    assert status == "fail" and "123456789012345678" in detail and GUILD_ID not in detail
    assert found["discord auth"][0] == "ok"


async def test_a_dead_feed_fails_by_name(deployment: Deployment, capsys: pytest.CaptureFixture[str]) -> None:
    gone = deployment.feeds.url(0, "gone.xml")
    deployment.extra_toml = f'\n[[sources]]\nurl = "{gone}"\n'
    code = await deployment.run()
    found = lines(capsys.readouterr().out)
    assert code == 1
    status, detail = found[f"source {gone}"]
    assert status == "fail" and detail.startswith("HTTP 404") and "the address is gone" in detail
    assert found[f"source {deployment.config_url}"][0] == "ok"
    assert_all_checked_ok(found, but=set())


async def test_a_bad_timezone_fails_its_channel(deployment: Deployment, capsys: pytest.CaptureFixture[str]) -> None:
    deployment.extra_toml = '\n[[channels]]\nid = "slack:C0LOCAL"\ntimezone = "Europe/Brusels"\n'
    code = await deployment.run()
    found = lines(capsys.readouterr().out)
    assert code == 1
    status, detail = found["channels[2] slack:C0LOCAL"]
    assert status == "fail" and 'timezone: unknown timezone "Europe/Brusels"' in detail
    assert "Europe/Brussels" in detail
    assert_all_checked_ok(found, but=set())


async def test_unset_variables_fail_by_name(deployment: Deployment, capsys: pytest.CaptureFixture[str]) -> None:
    keyed = deployment.feeds.url(1, "keyed.xml")
    deployment.extra_toml = (f'\n[health]\nlisten = "127.0.0.1:8081"\ntoken_env = "CHECK_HEALTH_TOKEN"\n\n'
                             f'[[sources]]\nurl = "{keyed}"\nheaders_env = {{ "X-Api-Key" = "CHECK_WIRE_KEY" }}\n')
    code = await deployment.run()
    found = lines(capsys.readouterr().out)
    assert code == 1
    assert found["health"][0] == "fail" and "CHECK_HEALTH_TOKEN is not set" in found["health"][1]
    status, detail = found["sources[1] headers"]
    assert status == "fail" and "CHECK_WIRE_KEY" in detail and keyed in detail
    assert f"source {keyed}" not in found  # never polled without its key, so not fetched either
    assert deployment.feeds.requests_to(keyed) == []
    assert_all_checked_ok(found, but=set())


async def test_unset_platform_tokens_fail_without_asking_the_platforms(
        deployment: Deployment, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CHECK_SLACK_BOT")
    monkeypatch.delenv("CHECK_DISCORD")
    code = await deployment.run()
    found = lines(capsys.readouterr().out)
    assert code == 1
    assert found["slack bot token"][0] == "fail" and "$CHECK_SLACK_BOT is not set" in found["slack bot token"][1]
    assert found["discord token"][0] == "fail" and "$CHECK_DISCORD is not set" in found["discord token"][1]
    assert "slack auth" not in found and "discord auth" not in found
    assert [m for m, _ in deployment.slack.calls] == ["apps.connections.open"]
    assert deployment.discord.requests == []


async def test_offline_makes_no_request_and_says_what_it_skipped(
        deployment: Deployment, capsys: pytest.CaptureFixture[str]) -> None:
    before = file_state(deployment.store)
    code = await deployment.run("--offline")
    out = capsys.readouterr().out
    found = lines(out)
    assert code == 0
    assert deployment.slack.calls == [] and deployment.discord.requests == [] and deployment.feeds.log == []
    assert found["slack"] == ("skip", "not asked (--offline): the token and the app's set-up are unchecked")
    assert found["discord"][0] == "skip"
    assert found["sources"] == ("skip", "2 sources not fetched (--offline)")
    assert found["store"][0] == "ok" and found["slack bot token"][0] == "ok"
    # skipped is counted apart, never as a warning
    statuses = [status for status, _ in found.values()]
    assert "warn" not in statuses and statuses.count("skip") == 3
    assert out.strip().splitlines()[-1] == f"{statuses.count('ok')} ok, 0 warnings, 0 failed, 3 skipped"
    assert file_state(deployment.store) == before
    code = await deployment.run("--offline", "--json")
    skipped = {item["check"]: item["status"] for item in as_json(capsys.readouterr().out) if item["status"] != "ok"}
    assert code == 0 and skipped == {"slack": "skip", "discord": "skip", "sources": "skip"}


async def test_a_failure_still_fails_offline_beside_the_skipped_checks(
        deployment: Deployment, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CHECK_DISCORD")
    code = await deployment.run("--offline")
    out = capsys.readouterr().out
    assert code == 1
    assert lines(out)["discord token"][0] == "fail"
    assert out.strip().splitlines()[-1].endswith(", 0 warnings, 1 failed, 3 skipped")


async def test_json_is_a_list_of_check_status_detail(deployment: Deployment,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    deployment.slack.scopes.remove("commands")
    code = await deployment.run("--json")
    data = as_json(capsys.readouterr().out)
    assert code == 1
    assert all(set(item) == {"check", "status", "detail"} for item in data)
    assert {item["status"] for item in data} <= {"ok", "warn", "fail", "skip"}
    failed = [item for item in data if item["status"] == "fail"]
    assert [item["check"] for item in failed] == ["slack scopes"]
    assert failed[0]["detail"].startswith("missing commands: ")


async def test_a_config_that_does_not_parse_is_one_failed_check(
        deployment: Deployment, capsys: pytest.CaptureFixture[str]) -> None:
    deployment.extra_toml = "\n[slack]\nenabled = false\n"  # a table given twice
    code = await deployment.run("--json")
    data = as_json(capsys.readouterr().out)
    assert code == 1
    assert len(data) == 1 and data[0]["check"] == "config" and data[0]["status"] == "fail"
    assert "not valid TOML" in data[0]["detail"]
    assert deployment.slack.calls == [] and deployment.feeds.log == []


def test_a_secret_a_server_echoes_back_is_masked(capsys: pytest.CaptureFixture[str]) -> None:
    echoed = CheckResult("slack auth", "fail", f"Slack refused it (invalid_auth for {BOT_TOKEN})")
    for as_json_output in (False, True):
        show([echoed], as_json=as_json_output, secrets=[BOT_TOKEN])
        out = capsys.readouterr().out
        assert BOT_TOKEN not in out and "invalid_auth for [redacted]" in out

