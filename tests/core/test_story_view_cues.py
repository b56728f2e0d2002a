"""`/brief story`'s "Who said what" lines read as sentences: "according to" goes before the speaker."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.models import Attribution, SourceRef, Story
from digests.story_view import render_story

PUBLISHED = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


def test_according_to_is_written_before_the_speaker() -> None:
    source = SourceRef("a1", "Tarnholm Post", "https://post.example/quay", "Quay opens", PUBLISHED)
    quotes = (
        Attribution("a1", "Jonas Vell", "Vell", "according to", "the quay can take ships twice the size", "reported",
                    2, 0, 10, role="harbour master"),
        Attribution("a1", "Ilse Marovic", "Marovic", "said", "The ferry will run every hour", "direct", 1, 0, 10,
                    role="mayor"),
    )
    text = render_story(Story("s1", "Quay opens", (source,), (), quotes=quotes), tz=UTC)
    lines = text.splitlines()
    assert ("• according to *Jonas Vell* (harbour master): the quay can take ships twice the size (Tarnholm Post)"
            in lines), text
    assert "• *Ilse Marovic* (mayor) said: “The ferry will run every hour” (Tarnholm Post)" in lines, text
