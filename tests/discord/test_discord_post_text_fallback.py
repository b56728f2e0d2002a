"""A part whose layout Discord refuses (400, code 50035) goes out as plain text, and the rest of the briefing too."""

from __future__ import annotations

import pytest
from discord_harness import AdapterFactory, real_briefing
from fake_discord import CHANNEL_ID, FakeDiscord

from adapters.discord.text_fallback import SHORTENED, text_version
from bot.adapter import PostError
from bot.models import ChannelRef
from digests.render_discord import render_discord

CHANNEL = ChannelRef("discord", CHANNEL_ID)
MESSAGES = rf"/channels/{CHANNEL_ID}/messages"
INVALID_FORM_BODY = 50035


async def test_a_refused_layout_is_sent_as_plain_text_and_the_rest_follows(
        fake: FakeDiscord, make_adapter: AdapterFactory, caplog: pytest.LogCaptureFixture) -> None:
    briefing = real_briefing(60)
    rendered = render_discord(briefing)
    fake.fail("POST", MESSAGES, 400, code=INVALID_FORM_BODY, skip=1)  # part 2's embeds refused (50035)
    ids = await make_adapter().post(CHANNEL, briefing, key="slot-0")
    posted = fake.messages[CHANNEL_ID]
    assert ids == [m["id"] for m in posted] and len(ids) == len(rendered)
    assert posted[1]["embeds"] == [] and len(posted[1]["content"]) <= 2000
    assert f"**{rendered[1]['embeds'][0]['title']}**" in posted[1]["content"]
    assert all(m["embeds"] for i, m in enumerate(posted) if i != 1)
    assert "refused a part's layout" in caplog.text


async def test_a_refused_plain_text_version_fails_the_post_for_good(
        fake: FakeDiscord, make_adapter: AdapterFactory) -> None:
    fake.fail("POST", MESSAGES, 400, code=INVALID_FORM_BODY, skip=1, count=2)
    with pytest.raises(PostError) as failed:
        await make_adapter().post(CHANNEL, real_briefing(60), key="slot-0")
    assert failed.value.kind == "permanent" and failed.value.channel_refused is False
    assert list(failed.value.posted) == [fake.messages[CHANNEL_ID][0]["id"]]


def test_a_plain_text_version_stays_one_message() -> None:
    embed = {"title": "Kelby harbour", "url": "https://news.test/" + "x" * 3000, "description": "d" * 4000,
             "fields": [{"name": "Sources", "value": "Test Wire"}], "footer": {"text": "Updated today"}}
    text = text_version({"content": "Morning briefing", "embeds": [embed, embed], "components": [{"type": 1}]})
    assert set(text) == {"content", "embeds"} and text["embeds"] == []
    assert len(text["content"]) <= 2000 and text["content"].startswith("Morning briefing\n**Kelby harbour**")
    assert text["content"].endswith(SHORTENED)
