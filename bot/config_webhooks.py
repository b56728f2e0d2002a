"""Config checks of webhook channels: the variable holding the URL, and an URL of its platform's shape."""

from __future__ import annotations

from bot.config import ChannelConfig, ConfigError
from bot.webhook_urls import WEBHOOK_NAME, WEBHOOK_PLATFORMS, webhook_url_problem


def check_webhook_channel(i: int, channel: ChannelConfig) -> None:
    """A webhook channel names a variable holding an URL of its platform's shape; any other has no webhook.
    An unset variable is no error here (``briefbot channels`` from a shell without the service's environment
    still works): ``briefbot check`` fails on it, and the channel's posts fail with its name."""
    platform, _, name = channel.id.partition(":")
    env = channel.webhook_url.env_name
    if platform not in WEBHOOK_PLATFORMS:
        if env:
            raise ConfigError(f"channels[{i}].webhook_url_env: only a slack-webhook: or discord-webhook: channel "
                              f"posts through a webhook; {channel.id!r} is reached by the {platform} adapter")
        return
    if not WEBHOOK_NAME.fullmatch(name):
        raise ConfigError(f"channels[{i}].id: a webhook channel's name is letters, digits, '.', '_' and '-' "
                          f"(e.g. \"{platform}:newsdesk\"), got {channel.id!r}")
    if not env:
        raise ConfigError(f"channels[{i}].webhook_url_env: required for a {platform} channel: the name of the "
                          f"environment variable holding the webhook's URL, e.g. \"NEWSDESK_WEBHOOK_URL\"")
    # capitals only, so a pasted URL is refused rather than looked up (and never echoed: it is the secret)
    if not env.isascii() or not env.isidentifier() or env != env.upper():
        raise ConfigError(f"channels[{i}].webhook_url_env: must be the name of an environment variable in "
                          "capitals, digits and _ (e.g. NEWSDESK_WEBHOOK_URL), not the URL itself; the value "
                          "given is not shown")
    if channel.webhook_url:
        problem = webhook_url_problem(platform, channel.webhook_url.value)
        if problem:
            raise ConfigError(f"channels[{i}].webhook_url_env: the URL in ${env} is refused: {problem} (the URL "
                              "is not shown: it carries the webhook's token)")
