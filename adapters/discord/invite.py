"""The link that adds the bot to a server, asking only for the permissions it uses."""

from __future__ import annotations

from urllib.parse import urlencode

VIEW_CHANNEL = 1 << 10
SEND_MESSAGES = 1 << 11
EMBED_LINKS = 1 << 14
READ_MESSAGE_HISTORY = 1 << 16  # a reply to a message (the answer to an @mention), and the catch-up at start
CREATE_PUBLIC_THREADS = 1 << 35
SEND_MESSAGES_IN_THREADS = 1 << 38
SCOPES = ("bot", "applications.commands")


def permissions(threads: bool = False) -> int:
    """See channels, post embeds, reply to mentions and read the last hour for the ones sent while the bot was down,
    answer in threads; create threads only when briefings get one each."""
    value = VIEW_CHANNEL | SEND_MESSAGES | EMBED_LINKS | READ_MESSAGE_HISTORY | SEND_MESSAGES_IN_THREADS
    return value | CREATE_PUBLIC_THREADS if threads else value


def invite_url(application_id: str, *, threads: bool = False) -> str:
    """``https://discord.com/oauth2/authorize?...`` with the bot and applications.commands scopes."""
    if not application_id.strip().isdigit():
        raise ValueError(f"discord.application_id: expected the application's numeric id, got {application_id!r}")
    query = urlencode({"client_id": application_id.strip(), "scope": " ".join(SCOPES),
                       "permissions": str(permissions(threads))})
    return f"https://discord.com/oauth2/authorize?{query}"
