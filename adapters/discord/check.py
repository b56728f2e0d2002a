"""``briefbot check`` for Discord: the token logs in over REST (the bot, its application) and the bot is in the
configured servers. Read-only: no gateway connection, no command sync, nothing posted."""

from __future__ import annotations

import asyncio

import aiohttp
import discord

from adapters.discord.client import make_client, point_at
from bot.check.result import CheckResult, fail, ok, warn
from bot.config import DiscordConfig

TIMEOUT_SECONDS = 30.0
INVITE = "invite it with the link `briefbot discord invite-url` prints"


class DiscordCheck:
    """The Discord checks for one ``[discord]`` section, through discord.py's HTTP client as the adapter uses it."""

    name = "discord"

    def __init__(self, config: DiscordConfig, *, timeout: float = TIMEOUT_SECONDS) -> None:
        self.config = config
        self.timeout = timeout

    def settings(self) -> list[CheckResult]:
        """The token variable is set and the ids in the config are ids."""
        config = self.config
        env = config.token.env_name
        results = [ok("discord token", f"${env} is set") if config.token else
                   fail("discord token", f"${env} is not set or empty: set it to the bot token (Developer Portal > "
                                         "your application > Bot > Reset Token)")]
        bad = [g for g in config.guild_ids if not g.strip().isdigit()]
        if config.application_id and not config.application_id.strip().isdigit():
            bad.insert(0, f"application_id {config.application_id!r}")
        if bad:
            results.append(fail("discord ids", f"not numeric ids: {', '.join(bad)}; copy them with Developer Mode "
                                               "on (User Settings > Advanced), right-click > Copy ID"))
        return results

    async def connect(self) -> list[CheckResult]:
        """Log in over REST (GET /users/@me, the application), then list the bot's servers."""
        if not self.config.token:
            return []
        point_at(self.config)
        client = make_client(self.config)
        try:
            async with asyncio.timeout(self.timeout):
                return await self._ask(client)
        except TimeoutError:
            return [fail("discord auth", f"Discord did not answer within {self.timeout:g} s; check the network")]
        finally:
            await client.close()

    async def _ask(self, client: discord.Client) -> list[CheckResult]:
        env = self.config.token.env_name
        try:
            await client.login(self.config.token.value)
        except discord.LoginFailure:
            return [fail("discord auth", f"Discord refused the token from ${env} (401): reset it under Developer "
                                         "Portal > your application > Bot > Reset Token and set the variable again")]
        except discord.HTTPException as exc:
            return [fail("discord auth", f"Discord answered HTTP {exc.status} ({exc.text[:200]}); try again later")]
        except discord.RateLimited as exc:
            return [fail("discord auth", f"Discord rate limited the bot for {exc.retry_after:.0f} s; try again then")]
        except (aiohttp.ClientError, OSError) as exc:
            return [fail("discord auth", f"could not reach Discord ({type(exc).__name__}: {str(exc)[:200]}); "
                                         "check the network")]
        user = client.user
        app_id = str(client.application_id or "")
        results = [ok("discord auth", f"bot {user.name if user else '?'} ({user.id if user else '?'}) of "
                                      f"application {app_id or '?'}")]
        results += self.application(app_id)
        results.append(await self.guilds(client))
        return results

    def application(self, app_id: str) -> list[CheckResult]:
        """``discord.application_id`` names the application the token belongs to."""
        configured = self.config.application_id.strip()
        if not configured or not app_id:
            return []
        if configured != app_id:
            return [fail("discord application", f"discord.application_id is {configured} but the token is the bot "
                                                f"of application {app_id}: use that application's bot token, or set "
                                                f"application_id = \"{app_id}\"")]
        return [ok("discord application", f"discord.application_id {configured} matches the token")]

    async def guilds(self, client: discord.Client) -> CheckResult:
        """The servers the bot is in (GET /users/@me/guilds) hold every configured ``guild_ids``."""
        try:
            joined = {str(g.id): g.name async for g in client.fetch_guilds(limit=None, with_counts=False)}
        except discord.HTTPException as exc:
            return fail("discord servers", f"listing the bot's servers failed (HTTP {exc.status}: {exc.text[:200]})")
        except discord.RateLimited as exc:
            return fail("discord servers", f"listing the bot's servers was rate limited for {exc.retry_after:.0f} s; "
                                           "try again then")
        wanted = [g.strip() for g in self.config.guild_ids]
        missing = [g for g in wanted if g not in joined]
        if missing:
            return fail("discord servers", f"the bot is not in server(s) {', '.join(missing)} (discord.guild_ids): "
                                           f"{INVITE}, or fix the ids")
        if not joined:
            return warn("discord servers", f"the bot is in no server yet: {INVITE}")
        if wanted:
            names = ", ".join(f"{joined[g]} ({g})" for g in wanted)
            return ok("discord servers", f"in {names}; /brief is synced there")
        return ok("discord servers", f"in {len(joined)} server(s); /brief is synced globally (discord.guild_ids is "
                                     "empty)")
