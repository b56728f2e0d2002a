"""A forum post whose first part's layout Discord refuses (400, 50035) opens with that part as plain text."""

from __future__ import annotations

from discord_harness import AdapterFactory, real_briefing
from fake_discord import FORUM_ID, FakeDiscord

from bot.models import ChannelRef
from digests.render_discord import render_discord

FORUM = ChannelRef("discord", FORUM_ID)
INVALID_FORM_BODY = 50035


async def test_a_forum_posts_refused_first_layout_goes_out_as_plain_text_and_the_rest_follows(
        fake: FakeDiscord, make_adapter: AdapterFactory) -> None:
    briefing = real_briefing(40)
    rendered = render_discord(briefing)
    fake.fail("POST", rf"/channels/{FORUM_ID}/threads", 400, code=INVALID_FORM_BODY)  # the first part's embeds
    ids = await make_adapter(thread_per_briefing=True).post(FORUM, briefing, key="slot-f")
    opened = fake.calls("POST", rf"/channels/{FORUM_ID}/threads")
    assert len(opened) == 2  # the refused forum post, then its plain-text version: one forum post in all
    posted = fake.messages[ids[0]]
    assert ids == [m["id"] for m in posted] and len(ids) == len(rendered)
    assert posted[0]["embeds"] == [] and f"**{rendered[0]['embeds'][0]['title']}**" in posted[0]["content"]
    assert all(m["embeds"] for m in posted[1:])
