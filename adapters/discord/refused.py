"""Discord refusing the bot itself (its token at log-in or at the gateway, its intents) as a sentence with the fix."""

from __future__ import annotations

import discord

from bot.adapter import PlatformLost

INTENTS = "Guilds, Guild Messages and Direct Messages"  # make_client's; none is privileged
TOKEN_FIX = (
    "reset the bot's token in the Discord Developer Portal (Applications -> your app -> Bot -> Reset Token) "
    "and put the new one in ${env}, then restart briefbot"
)
INTENTS_FIX = (
    f"briefbot asks only for the {INTENTS} intents, none of them privileged: check the application's "
    "Bot -> Privileged Gateway Intents page in the Discord Developer Portal (a bot in 100 or more servers "
    "needs Discord's approval for any privileged intent) and that this briefbot's discord.py is not older "
    "than the gateway version it connects to"
)


def token_refused(env_name: str, where: str) -> PlatformLost:
    """The token in ``env_name`` was refused ``where`` ("at log-in (HTTP 401)", "by the gateway (close 4004)")."""
    return PlatformLost(
        f"Discord refused the bot token from ${env_name} {where}: it was reset, revoked or mistyped; "
        + TOKEN_FIX.replace("${env}", f"${env_name}")
    )


def gateway_refused(exc: Exception, env_name: str) -> PlatformLost | None:
    """What a gateway close that no reconnect can mend says, or None for another error (raised as it is)."""
    if isinstance(exc, discord.PrivilegedIntentsRequired):
        return PlatformLost(f"Discord's gateway refused the bot's intents as disallowed (close 4014): {INTENTS_FIX}")
    if not isinstance(exc, discord.ConnectionClosed):
        return None
    if exc.code == 4004:
        return token_refused(env_name, "at the gateway (close 4004, authentication failed)")
    if exc.code == 4013:
        return PlatformLost(f"Discord's gateway refused the bot's intents as invalid (close 4013): {INTENTS_FIX}")
    if exc.code == 4014:
        return PlatformLost(f"Discord's gateway refused the bot's intents as disallowed (close 4014): {INTENTS_FIX}")
    return None
