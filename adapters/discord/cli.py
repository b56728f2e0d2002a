"""``briefbot discord invite-url``: the Discord set-up commands, added by bot.cli through ``register``."""

from __future__ import annotations

import argparse

from adapters.discord.invite import invite_url
from bot.app import App
from bot.cli_common import add_command, err
from bot.config import DiscordConfig


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``briefbot discord invite-url [--application-id ID]``."""
    group = sub.add_parser("discord", help="Discord set-up helpers", description="Discord set-up helpers")
    nested = group.add_subparsers(dest="discord_command", metavar="COMMAND")
    nested.required = True
    p = add_command(nested, "invite-url", "Print the link that adds the bot to a server, with the bot and "
                    "applications.commands scopes and only the permissions it needs.", run_invite_url)
    p.add_argument("--application-id", default="", help="default: discord.application_id from the config")


def invite_line(config: DiscordConfig, application_id: str = "") -> str:
    """The invite URL for this config; raises ValueError with what to set when it cannot be made."""
    app_id = application_id or config.application_id
    if not app_id:
        raise ValueError("set discord.application_id in the config or pass --application-id (Developer "
                         "Portal > your application > General Information > Application ID)")
    return invite_url(app_id, threads=config.thread_per_briefing)


async def run_invite_url(args: argparse.Namespace, app: App) -> int:
    try:
        print(invite_line(app.config.discord, args.application_id))
    except ValueError as exc:
        err(f"briefbot: {exc}")
        return 2
    return 0
