"""One property suite over both chat renderers: hostile titles, summaries, outlets, quotes and speakers
never mention, broadcast or inject markup on Slack or Discord."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings

from benchmarks.reliability_inputs import hostile_text
from benchmarks.reliability_render import (
    LONG,
    LONG_BRIEFING,
    assert_discord_safe,
    assert_slack_safe,
    briefings,
    strings,
)
from bot.models import Briefing

FUZZ = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _slack() -> Any:
    return pytest.importorskip("digests.render_slack", reason="the Slack renderer is not written yet")


@FUZZ
@given(briefings, hostile_text)
@example(LONG_BRIEFING, LONG)
def test_slack_briefings_and_replies_never_mention(briefing: Briefing, reply: str) -> None:
    render = _slack()
    messages = [*render.render_briefing(briefing, intro=reply), *render.render_text(reply)]
    assert messages
    for message in messages:
        for text in strings(message):
            assert_slack_safe(text)
        json.dumps(message.blocks)  # plain JSON, as posted


# ---- Discord -----------------------------------------------------------------------------------------

def _discord() -> Any:
    return pytest.importorskip("digests.render_discord", reason="the Discord renderer is not written yet")


@FUZZ
@given(briefings)
@example(LONG_BRIEFING)
def test_discord_briefings_never_mention(briefing: Briefing) -> None:
    render = _discord()
    messages = render.render_discord(briefing)
    assert messages
    for message in messages:
        assert_discord_safe(message["content"], content=True)
        for text in strings(message["embeds"]):
            assert_discord_safe(text, content=False)


def test_discord_client_sends_no_allowed_mentions() -> None:
    """Reply text from commands is sent as plain content, so the client itself must refuse every ping."""
    pytest.importorskip("adapters.discord.client", reason="the Discord adapter is not written yet")
    from adapters.discord.client import make_client
    from bot.config import DiscordConfig

    client = make_client(DiscordConfig())
    allowed = client.allowed_mentions
    assert allowed is not None
    assert dict(allowed.to_dict()) == {"parse": []}
