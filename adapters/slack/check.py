"""``briefbot check`` for Slack: the tokens answer (auth.test, apps.connections.open) and the bot has the manifest's
scopes. Read-only: nothing is posted and no Socket Mode connection is made."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import Any

import aiohttp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.web.async_slack_response import AsyncSlackResponse

from adapters.slack.adapter import build_client
from adapters.slack.post import slack_error
from adapters.slack.scopes import required_scopes
from bot.check.result import CheckResult, fail, ok, warn
from bot.config import SlackConfig

SCOPES_HEADER = "x-oauth-scopes"
REINSTALL = ("add them under OAuth & Permissions > Scopes > Bot Token Scopes (or create the app again from "
             "adapters/slack_manifest.yaml), then reinstall the app to the workspace")


def granted_scopes(headers: Mapping[str, Any]) -> set[str] | None:
    """The token's scopes from Slack's ``x-oauth-scopes`` response header; None when it is absent."""
    for name, value in headers.items():
        if str(name).lower() == SCOPES_HEADER:
            return {s.strip() for s in str(value).split(",") if s.strip()}
    return None


async def _ask(check: str, call: Callable[[], Awaitable[AsyncSlackResponse]],
               refused: str) -> AsyncSlackResponse | CheckResult:
    """The response, or the ``fail`` line saying why there is none (``refused``: what to do when Slack says no)."""
    try:
        return await call()
    except SlackApiError as exc:
        return fail(check, f"Slack refused it ({slack_error(exc)}): {refused}")
    except (TimeoutError, aiohttp.ClientError, OSError) as exc:
        return fail(check, f"could not reach Slack ({type(exc).__name__}: {str(exc)[:200]}); check the network "
                           "and any proxy between this host and slack.com")


class SlackCheck:
    """The Slack checks for one ``[slack]`` section, through the same Web API client the adapter uses."""

    name = "slack"

    def __init__(self, config: SlackConfig, *, client: AsyncWebClient | None = None,
                 scopes: tuple[str, ...] | None = None) -> None:
        self.config = config
        self.client = client or build_client(config)
        self.scopes = scopes if scopes is not None else required_scopes()

    def settings(self) -> list[CheckResult]:
        """The variables this mode needs are set."""
        config = self.config
        results = [self._variable("slack bot token", config.bot_token.env_name, bool(config.bot_token),
                                  "the Bot User OAuth Token (xoxb-...) from OAuth & Permissions")]
        if config.mode == "socket":
            results.append(self._variable("slack app token", config.app_token.env_name, bool(config.app_token),
                                          "an app-level token (xapp-...) with connections:write, from Basic "
                                          "Information > App-Level Tokens"))
        else:
            secret = self._variable("slack signing secret", config.signing_secret.env_name,
                                    bool(config.signing_secret), "the Signing Secret from Basic Information")
            where = f"; Slack's Request URL must reach {config.http_host}:{config.http_port}/slack/events"
            results.append(ok(secret.check, secret.detail + where) if secret.status == "ok" else secret)
        return results

    @staticmethod
    def _variable(check: str, env_name: str, present: bool, what: str) -> CheckResult:
        if present:
            return ok(check, f"${env_name} is set")
        return fail(check, f"${env_name} is not set or empty: set it to {what}")

    async def connect(self) -> list[CheckResult]:
        """auth.test (who the bot is, and its scopes); in Socket Mode, apps.connections.open (a URL, unused)."""
        results: list[CheckResult] = []
        if self.config.bot_token:
            results += await self.auth()
        if self.config.mode == "socket" and self.config.app_token:
            results.append(await self.socket_mode())
        return results

    async def auth(self) -> list[CheckResult]:
        env = self.config.bot_token.env_name
        answer = await _ask("slack auth", self.client.auth_test,
                            f"copy the Bot User OAuth Token into ${env} again, or reinstall the app")
        if isinstance(answer, CheckResult):
            return [answer]
        data: Mapping[str, Any] = answer.data if isinstance(answer.data, dict) else {}
        who = (f"workspace {data.get('team', '?')} ({data.get('team_id', '?')}) as {data.get('user', '?')} "
               f"({data.get('user_id', '?')})")
        if not data.get("bot_id"):
            return [fail("slack auth", f"${env} is not a bot token ({who}): use the Bot User OAuth Token (xoxb-...)")]
        return [ok("slack auth", who), self.scope_result(granted_scopes(answer.headers))]

    def scope_result(self, granted: set[str] | None) -> CheckResult:
        if granted is None:
            return warn("slack scopes", f"Slack did not say which scopes the token has; briefbot needs "
                                        f"{', '.join(self.scopes)}")
        missing = [s for s in self.scopes if s not in granted]
        if missing:
            return fail("slack scopes", f"missing {', '.join(missing)}: {REINSTALL}")
        return ok("slack scopes", f"all {len(self.scopes)} the manifest lists")

    async def socket_mode(self) -> CheckResult:
        env = self.config.app_token.env_name
        answer = await _ask("slack socket mode",
                            lambda: self.client.apps_connections_open(app_token=self.config.app_token.value),
                            f"create an app-level token with the connections:write scope under Basic Information "
                            f"> App-Level Tokens, put it in ${env}, and enable Socket Mode")
        if isinstance(answer, CheckResult):
            return answer
        return ok("slack socket mode", "the app-level token opens a connection (not connected by the check)")
