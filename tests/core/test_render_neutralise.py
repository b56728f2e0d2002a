"""Feed text cannot format or hijack what the bot posts: Slack markers inert, Markdown links not hijacked, console
output plain (invented titles and names throughout)."""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime

from bot.answer.plain import plain
from bot.commands.base import Reply
from bot.models import Attribution, Briefing, BriefingItem, SourceRef, Story, SummarySentence
from digests.render_slack import link, markdown_to_mrkdwn, render_briefing
from digests.render_text import render_markdown
from digests.story_view import render_story

NOW = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
HOSTILE = "*bold* _it_ ~strike~ `code` ```block``` Dunmore"
EVIL = "http://127.0.0.1:8767/p/g)](http://evil.example)"


def _story(headline: str = HOSTILE, url: str = "https://quay.example/p/mk3", summary: str = "Quay fees rise.",
           outlet: str = "_Quay Post_", speaker: str = "*Ines Varga*") -> Story:
    source = SourceRef("a1", outlet, url, headline, NOW)
    quote = Attribution("a1", speaker, speaker, "said", "Fees go ~up~ at *dawn*", "direct", 3, 100, 122,
                        role="`harbour` _master_")
    return Story("s1", headline, (source,), (SummarySentence(summary, "a1", 0, 0, 10),), quotes=(quote,), url=url)


def _briefing(story: Story, why: str = "") -> Briefing:
    return Briefing("Harbour brief", NOW, (BriefingItem(story, 1.0, why=why),))


def _slack_texts(story: Story, why: str = "") -> list[str]:
    texts: list[str] = []
    for message in render_briefing(_briefing(story, why)):
        for block in message.blocks:
            if "text" in block and block["type"] != "header":
                texts.append(str(block["text"]["text"]))
            texts += [str(e.get("text", "")) for e in block.get("elements", ()) if isinstance(e.get("text"), str)]
    return texts


# a Slack marker that can open or close formatting: not between two ASCII letters or digits
_OPEN = re.compile(r"(?<![A-Za-z0-9])[*_~][^\s*_~]")
_CLOSE = re.compile(r"[^\s*_~][*_~](?![A-Za-z0-9])")


def _feed_markers(text: str) -> list[str]:
    """Markers left in ``text`` once the bot's own ``*<url|…>*`` bold and ``_New:_``-style labels are removed."""
    own = re.sub(r"^\*(?:\d+\. )?(<[^>]*>)\*", r"\1", text, flags=re.MULTILINE)
    own = own.replace("— *", "— ").replace("*\n", "\n")
    own = re.sub(r"\*$", "", own)
    return _OPEN.findall(own) + _CLOSE.findall(own) + (["`"] if "`" in own else [])


def test_slack_headline_markers_are_inert() -> None:
    section = _slack_texts(_story(speaker="Ines Varga"))[0]
    headline = section.split("\n")[0]
    assert "*bold*" not in headline and "_it_" not in headline and "~strike~" not in headline, headline
    assert "`" not in headline, headline
    assert "∗bold∗ ˍitˍ ∼strike∼ ˋcodeˋ ˋˋˋblockˋˋˋ Dunmore" in headline, headline
    assert headline.startswith("*1. <https://quay.example/p/mk3|") and headline.endswith(">*"), headline  # own bold


def test_slack_every_feed_string_is_neutralised() -> None:
    story = _story(headline="Quay vote", summary="*Tolls* double _again_.", outlet="~Quay~ Post")
    texts = _slack_texts(story, why="matched: `ferry`")
    joined = "\n".join(texts)
    assert not _feed_markers(joined), (_feed_markers(joined), joined)
    assert "∗Tolls∗ double ˍagainˍ." in joined and "∗Ines Varga∗" in joined and "∼Quay∼ Post" in joined, joined


def test_slack_feed_text_cannot_start_a_block_quote() -> None:
    story = _story(headline="Quay vote", summary="> Tolls double\n> again &gt; now")
    section = _slack_texts(story)[0]
    feed_lines = [line for line in section.split("\n") if "Tolls" in line]
    assert feed_lines and all(not line.startswith(("&gt;", ">")) for line in feed_lines), section
    assert len(feed_lines) == 1, section  # a newline in feed text does not begin a line of its own


def test_slack_mid_word_markers_are_left_alone() -> None:
    section = _slack_texts(_story(headline="snake_case files and 5*3 rule", speaker="Ines Varga"))[0]
    assert "snake_case files and 5*3 rule" in section, section


def test_slack_escaped_reply_text_shows_markers_inertly() -> None:
    mrkdwn = markdown_to_mrkdwn(f"**Story:** {plain('*Quay* _vote_ ~off~ `x`')}")
    assert mrkdwn.startswith("*Story:* "), mrkdwn  # the bot's own bold converted
    assert "*Quay*" not in mrkdwn and "_vote_" not in mrkdwn and "~off~" not in mrkdwn and "`" not in mrkdwn, mrkdwn


def test_slack_link_encodes_spaces_and_bidi_controls() -> None:
    assert link("https://quay.example/a b", "Quay") == "<https://quay.example/a%20b|Quay>"
    assert link("https://quay.example/e\u202egnp.exe", "Quay") == "<https://quay.example/e%E2%80%AEgnp.exe|Quay>"
    assert link("https://quay.example/a|b>c", "Quay") == "<https://quay.example/a%7Cb&gt;c|Quay>"


def test_markdown_link_url_cannot_close_the_link() -> None:
    text = render_markdown(_briefing(_story(headline="Quay [vote]", url=EVIL)))
    assert "](http://evil.example)" not in text, text
    assert "(http://127.0.0.1:8767/p/g%29%5D%28http://evil.example%29)" in text, text
    assert "[Quay \\[vote\\]](" in text, text


def test_markdown_link_url_spaces_and_angles_are_encoded() -> None:
    text = render_markdown(_briefing(_story(headline="Quay", url="https://quay.example/a b<c>")))
    assert "(https://quay.example/a%20b%3Cc%3E)" in text, text


def test_markdown_non_http_url_makes_no_link() -> None:
    text = render_markdown(_briefing(_story(headline="Quay", url="javascript:alert(1)")))
    assert "javascript:" not in text and "## Quay" in text, text


def test_console_story_view_is_plain_text() -> None:
    from adapters.console import ConsoleAdapter

    out = io.StringIO()
    ConsoleAdapter(stdout=out).show(Reply(render_story(_story(headline="Quay *vote*", speaker="Ines Varga"), tz=UTC)))
    shown = out.getvalue()
    assert "Quay *vote* (s1)" in shown, shown  # the headline as written, the view's bold and code marks gone
    assert "• Ines Varga (`harbour` _master_) said" in shown and "*Ines Varga*" not in shown, shown
    assert "\\" not in shown, shown
