"""A Discord token refused at log-in or while posting, with the config's own token variable (``token_env``): the
post fails as a refused token (bot-wide: the delivery keeps the slot and sends no notice) and every reason names
that variable, not $DISCORD_TOKEN."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from discord_harness import TOKEN, Recorder, discord_config
from fake_discord import CHANNEL_ID, FakeDiscord

from adapters.discord import DiscordAdapter
from bot.adapter import PlatformLost, PostError
from bot.config_model import Secret
from bot.models import Briefing, ChannelRef

REF = ChannelRef("discord", CHANNEL_ID)
NOW = datetime(2026, 5, 4, 8, 0, tzinfo=UTC)
BRIEFING = Briefing(title="Harbour news", generated=NOW, items=())
MESSAGES = r"/channels/\d+/messages"


def adapter_with_own_variable(fake: FakeDiscord) -> DiscordAdapter:
    config = discord_config(fake, token=Secret("ORRIN_DISCORD_KEY", TOKEN))
    return DiscordAdapter(config, clock=lambda: NOW, guild_ready_timeout=0.05)


async def test_a_token_refused_at_log_in_while_posting_is_a_refused_token_naming_the_variable(
    fake: FakeDiscord,
) -> None:
    fake.fail("GET", r"/users/@me$", 401, count=5)
    adapter = adapter_with_own_variable(fake)
    try:
        with pytest.raises(PostError) as failed:
            await adapter.post(REF, BRIEFING, key="k1")
    finally:
        await adapter.close()
    assert failed.value.token_refused and failed.value.kind == "permanent"
    assert "$ORRIN_DISCORD_KEY" in failed.value.reason and "$DISCORD_TOKEN" not in failed.value.reason
    assert "Reset Token" in failed.value.reason


async def test_a_token_refused_by_a_post_names_the_configured_variable(fake: FakeDiscord) -> None:
    fake.fail("POST", MESSAGES, 401, count=1, code=0)
    adapter = adapter_with_own_variable(fake)
    try:
        with pytest.raises(PostError) as failed:
            await adapter.notify(REF, "The Orrin ferry runs again.")
    finally:
        await adapter.close()
    assert failed.value.token_refused
    assert "$ORRIN_DISCORD_KEY" in failed.value.reason and "$DISCORD_TOKEN" not in failed.value.reason


async def test_a_token_refused_when_the_adapter_starts_names_the_configured_variable(
    fake: FakeDiscord, recorder: Recorder
) -> None:
    fake.fail("GET", r"/users/@me$", 401, count=5)
    adapter = adapter_with_own_variable(fake)
    try:
        with pytest.raises(PlatformLost) as lost:
            await adapter.run(recorder.dispatcher)
    finally:
        await adapter.close()
    assert "$ORRIN_DISCORD_KEY" in str(lost.value) and "$DISCORD_TOKEN" not in str(lost.value)
    assert adapter.problem == str(lost.value)
