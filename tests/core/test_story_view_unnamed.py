"""`/brief story`'s "Who said what" names an unnamed speaker as answers and key quotes do: "unnamed officials",
not the stored "unnamed Officials" (the capital of the article's sentence start); an unresolved pronoun as
"unnamed source"; a name with its capitals."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.models import Attribution, SourceRef, Story
from digests.story_view import render_story

PUBLISHED = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


# Written for this test: invented outlet, speakers and statements.
def test_unnamed_speakers_read_as_answers_show_them() -> None:
    source = SourceRef("a1", "Tarnholm Post", "https://post.example/quay", "Quay opens", PUBLISHED)
    quotes = (
        Attribution("a1", "unnamed Officials", "Officials", "said", "the quay would open in the spring", "indirect",
                    2, 0, 10),
        Attribution("a1", "unnamed Pentagon officials", "Pentagon officials", "said",
                    "the harbour survey was finished", "indirect", 3, 20, 30),
        Attribution("a1", "It", "It", "said", "the ferry would run every hour", "indirect", 4, 40, 50),
    )
    text = render_story(Story("s1", "Quay opens", (source,), (), quotes=quotes), tz=UTC)
    lines = text.splitlines()
    assert "• *unnamed officials* said: the quay would open in the spring (Tarnholm Post)" in lines, text
    assert "• *unnamed Pentagon officials* said: the harbour survey was finished (Tarnholm Post)" in lines, text
    assert "• *unnamed source* said: the ferry would run every hour (Tarnholm Post)" in lines, text
    assert "Officials*" not in text
