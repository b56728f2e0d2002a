"""A `whosaid` answer on Slack: the bot's own source link is a clickable Slack link, the feed text beside it inert."""

from __future__ import annotations

from bot.answer.respond import render_text
from digests.render_slack import markdown_to_mrkdwn
from digests.render_slack import render_text as slack_text
from tests.quotes.test_answer_untrusted_markup import hostile_answer


def _shown(url: str = "https://example.org/a") -> str:
    messages = slack_text(render_text(hostile_answer(url=url)))
    return "".join(block["text"]["text"] for m in messages for block in m.blocks)


def test_the_source_link_of_a_slack_answer_is_a_link() -> None:
    text = _shown()
    assert "<https://example.org/a|Harbor \u2217Gazette\u2217>" in text, text  # its outlet as the label
    assert "&lt;https://" not in text, text
    # the feed text around it is still inert: mentions escaped, markers as look-alikes
    assert "&lt;@&amp;123&gt;" in text and "\u02cbx\u02cb" in text and "@everyone" not in text


def test_a_source_url_is_encoded_as_slack_links_are() -> None:
    assert markdown_to_mrkdwn("see <https://example.org/a&b>") == "see <https://example.org/a&amp;b>"


def test_an_escaped_angle_bracket_makes_no_link() -> None:
    assert markdown_to_mrkdwn(r"\<https://phish.example\>") == "&lt;https://phish.example&gt;"


def test_a_bare_link_gets_no_label_of_its_own() -> None:
    assert markdown_to_mrkdwn("<https://x.example/a|Official>") == "<https://x.example/a%7COfficial>"
