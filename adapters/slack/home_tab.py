"""The Home tab: when a person opens it (``app_home_opened``, tab "home") their page is published with views.publish;
a failure is one warning and touches nothing else."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.home import render_home
from adapters.slack.post import slack_error
from adapters.slack.socket_mode import UNREACHABLE, failure
from bot.commands.base import DEFAULT_PREFIX
from bot.home import HomeSource
from bot.models import ChannelRef

log = logging.getLogger(__name__)

HINTS = {"not_enabled": " (turn the Home tab on under App Home: docs/SLACK.md, \"Home tab\")"}


@dataclass(frozen=True, slots=True)
class HomeOpened:
    """A person opened the app's Home tab; ``channel_id`` is their direct message with the app ("D..."), if sent."""

    user_id: str
    channel_id: str


def parse_home_opened(event: Mapping[str, Any]) -> HomeOpened | None:
    """The Home tab opened by a person; None for the Messages tab (or an event without a user)."""
    if event.get("type") != "app_home_opened" or event.get("tab") != "home":
        return None
    user, channel = event.get("user"), event.get("channel")
    if not isinstance(user, str) or not user:
        return None
    return HomeOpened(user, channel if isinstance(channel, str) else "")


@dataclass
class HomeTab:
    """One ``app_home_opened`` event, start to finish: build the person's view, render it, publish it.

    Only the Home tab is answered; opening the Messages tab publishes nothing. Bolt has acknowledged the event
    before this runs. Nothing here raises."""

    client: AsyncWebClient
    views: HomeSource
    command: str = DEFAULT_PREFIX  # [slack] command, which the page names

    async def __call__(self, event: Mapping[str, Any]) -> None:
        opened = parse_home_opened(event)
        if opened is None:
            log.debug("slack: ignored an app_home_opened event that is not the Home tab")
            return
        personal = ChannelRef("slack", opened.channel_id) if opened.channel_id else None
        try:
            view = render_home(await self.views(platform="slack", user=opened.user_id, personal=personal),
                               command=self.command)
        except Exception:
            log.exception("slack: building the Home tab for %s failed", opened.user_id)
            return
        try:
            await self.client.views_publish(user_id=opened.user_id, view=view)
        except SlackApiError as exc:
            reason = slack_error(exc)
            log.warning("slack: could not publish the Home tab for %s: %s%s", opened.user_id, reason,
                        HINTS.get(reason, ""))
        except UNREACHABLE as exc:  # no answer, a broken connection: the next opening publishes again
            log.warning("slack: could not publish the Home tab for %s: Slack out of reach (views.publish: %s); it is "
                        "published again the next time they open the tab", opened.user_id,
                        failure(exc, self.client.timeout))
        except Exception as exc:  # anything else: the next opening publishes again
            log.warning("slack: could not publish the Home tab for %s: %s", opened.user_id, type(exc).__name__)
