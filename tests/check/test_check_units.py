"""The pieces of ``briefbot check`` without a deployment: the manifest's scope list, the output's one line."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from adapters.slack.scopes import manifest_bot_scopes, required_scopes
from bot.check import config_checks
from bot.check.result import CheckResult
from bot.check.runner import CheckPlan, run_checks, summary
from bot.config import Config, parse_config

MANIFEST = """\
# a comment: scopes: not this
oauth_config:
  redirect_urls:
    - https://example.org/callback
  scopes:
    user:
      - search:read
    bot:
      - commands        # the slash command
      - "chat:write"
      - users:read
settings:
  event_subscriptions:
    bot_events:
      - app_mention
"""


def test_the_bot_scopes_are_read_from_the_manifest_and_nothing_else() -> None:
    assert manifest_bot_scopes(MANIFEST) == ("commands", "chat:write", "users:read")


def test_the_shipped_manifest_lists_what_the_adapter_calls_need() -> None:
    assert {"commands", "app_mentions:read", "chat:write", "users:read", "channels:read", "groups:read", "im:read",
            "channels:history", "groups:history"} <= set(required_scopes())


def test_a_manifest_without_bot_scopes_is_refused() -> None:
    with pytest.raises(ValueError, match=r"oauth_config\.scopes\.bot"):
        manifest_bot_scopes("oauth_config:\n  scopes:\n    user:\n      - search:read\n")


def test_a_result_is_one_line_whatever_its_detail_holds() -> None:
    result = CheckResult("source https://example.org/feed", "fail", "HTTP 500\nInternal  Server Error")
    assert result.line() == "fail  source https://example.org/feed: HTTP 500 Internal Server Error"
    assert summary([result, CheckResult("x", "warn", ""), CheckResult("y", "ok", "")]) == \
        "1 ok, 1 warning, 1 failed"
    skipped = [CheckResult("slack", "skip", "not asked"), CheckResult("sources", "skip", "not fetched")]
    assert summary([*skipped, CheckResult("y", "ok", "")]) == "1 ok, 0 warnings, 0 failed, 2 skipped"
    assert skipped[0].line() == "skip  slack: not asked"


def test_a_channel_on_a_platform_that_is_not_enabled_is_a_warning_and_every_problem_is_named() -> None:
    # ("22-7" was the bad quiet hours here until the config read chat's forms, which take it as 22:00-07:00)
    config = parse_config(tomllib.loads(
        '[[channels]]\nid = "discord:123"\n\n'
        '[[channels]]\nid = "console:main"\nschedule = "dialy 8"\nquiet_hours = "late"\ntopics = ["\\"open"]\n'), {})
    first, second = config_checks.channels(config)
    assert first.status == "warn" and "[discord] is not enabled" in first.detail
    assert second.status == "fail" and second.check == "channels[1] console:main"
    assert "schedule: expected" in second.detail and "quiet_hours: quiet hours" in second.detail
    assert "topics[0]" in second.detail


class BrokenPlatform:
    """A platform check with a bug: its settings are fine, asking the platform raises."""

    name = "broken"

    def settings(self) -> list[CheckResult]:
        return [CheckResult("broken token", "ok", "$BROKEN is set")]

    async def connect(self) -> list[CheckResult]:
        raise KeyError("team")


async def test_a_check_that_raises_is_one_failed_line_and_the_others_still_run(tmp_path: Path) -> None:
    plan = CheckPlan(config=Config(), config_path=None, database_url=str(tmp_path / "none.db"))
    results = await run_checks(plan, [BrokenPlatform()])
    by_check = {r.check: r for r in results}
    assert by_check["broken"].status == "fail" and "KeyError" in by_check["broken"].detail
    assert by_check["broken token"].status == "ok" and by_check["store"].status == "warn"
    assert not (tmp_path / "none.db").exists()
