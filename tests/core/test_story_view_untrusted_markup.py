"""`/brief story`: what the articles say (titles, outlets, summary, quotes, speakers) is text, never markup."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.models import Attribution, SourceRef, Story, SummarySentence
from digests.render_slack import markdown_to_mrkdwn
from digests.story_view import render_story

PUBLISHED = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


def _story() -> Story:
    source = SourceRef("a1", "Quay *Times*", "https://post.example/quay", "[Click](https://evil.example) now",
                       PUBLISHED)
    quotes = (
        Attribution("a1", "Ilse Marovic", "Marovic", "said", "Read **this** at <https://evil.example|here> @everyone",
                    "direct", 1, 0, 10, role="mayor_of_x"),
    )
    summary = (SummarySentence("Ferry ||spoiler|| `code` text.", "a1", 0, 0, 10),)
    return Story("s1", "Quay [opens](https://evil.example)", (source,), summary, quotes=quotes)


def test_article_text_in_the_story_view_makes_no_link_bold_or_mention() -> None:
    text = render_story(_story(), tz=UTC)
    assert "](https://evil.example)" not in text.replace("\\]", ""), text
    assert "**this**" not in text and "@everyone" not in text, text
    assert "||spoiler||" not in text and "`code`" not in text, text
    assert "*Times*" not in text, text


def test_the_story_view_on_slack_shows_the_article_text_as_written() -> None:
    mrkdwn = markdown_to_mrkdwn(render_story(_story(), tz=UTC))
    assert "<https://evil.example|opens>" not in mrkdwn and "<https://evil.example|Click>" not in mrkdwn, mrkdwn
    assert "Quay [opens](https://evil.example)" in mrkdwn, mrkdwn
    assert "*Ilse Marovic*" in mrkdwn, mrkdwn  # the view's own bold kept
