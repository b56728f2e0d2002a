"""What articles say (quote, speaker, role, title, outlet, link) reaches a `whosaid`/`ask` answer as text: on Discord
and Slack it shows as written and never becomes a masked link, spoiler, code, heading or mention; only the bot's own
words keep their bold."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from bot.answer.question import Question
from bot.answer.respond import Answer, ask, render_text
from bot.models import Attribution
from bot.store.articles import ArticleStore
from bot.store.db import Database
from bot.store.quotes import QuoteHit, QuoteStore
from digests.render_discord import render_text_messages
from digests.render_slack import render_text as slack_text

from .conftest import NOW, make_article

EVIL = "we will [claim your refund](https://phish.example/login) ||secret|| `x` <@&123> @everyone"
TITLE = "# Big [news](https://phish.example) **now**"
ZWSP = "\u200b"


def hostile_answer(content: str = EVIL, url: str = "https://harbor.example/1") -> Answer:
    said = Attribution("a1", "Mayor [Ilse](https://phish.example) Varn", "Varn", "said", content, "direct", 0, 0,
                       len(content), role="mayor of ||Tarn||")
    hit = QuoteHit(said, "Harbor *Gazette*", TITLE, url, datetime(2026, 3, 1, tzinfo=UTC))
    return Answer("Who said what about **Varn**:", groups=(("Mayor [Ilse](https://phish.example) Varn", (hit,)),),
                  question=Question("whosaid", topic="Varn"))


def _unescaped(text: str) -> str:
    """What Discord reads as markup: the text without its backslash-escaped characters."""
    return re.sub(r"\\.", "", text)


def test_discord_shows_article_text_as_written() -> None:
    content = "".join(render_text_messages(render_text(hostile_answer())))
    bare = _unescaped(content.replace("](<https://harbor.example/1>)", ""))  # all but the bot's own source link
    for markup in ("](", "||", "`", "<@", "**now", "*Gazette*"):
        assert markup not in bare, (markup, content)
    assert "@everyone" not in content and f"@{ZWSP}everyone" in content
    assert "\\[claim your refund\\](https://phish.example/login)" in content  # shown, as text
    assert content.startswith("Who said what about **Varn**:")  # the bot's own bold is kept
    assert "[Harbor \\*Gazette\\*](<https://harbor.example/1>)" in content  # the source link, as the bot writes it


def test_slack_turns_no_article_text_into_a_link() -> None:
    text = "".join(block["text"]["text"] for m in slack_text(render_text(hostile_answer())) for block in m.blocks)
    assert "<https://phish.example" not in text and "|claim your refund>" not in text, text
    # a backtick shows as its look-alike "ˋ" (mrkdwn has no escape; digests/render_slack.py LOOKALIKE)
    assert "[claim your refund](https://phish.example/login) ||secret|| \u02cbx\u02cb &lt;@&amp;123&gt;" in text
    assert "Mayor [Ilse](https://phish.example) Varn" in text and "\\" not in text  # as written, no backslashes
    assert "@everyone" not in text
    assert text.startswith("Who said what about *Varn*:")  # the bot's **bold** still converted


def test_article_text_cannot_start_a_line_or_forge_a_link() -> None:
    layout = "fine words\n# Heading\n> a block quote\n- a list"
    forged = "https://x.example/a> [go](https://phish.example)"
    content = "".join(render_text_messages(render_text(hostile_answer(layout, url=forged))))
    lines = content.splitlines()
    assert not any(line.lstrip().startswith(("#", ">", "- ")) for line in lines), content
    assert "fine words # Heading" in content
    assert "x.example" not in content  # a link that is no URL is left out


async def test_whats_new_lists_article_titles_as_text(db: Database) -> None:
    article = make_article("n-1", "The ferry board met on Tuesday and agreed the refund plan for passengers.",
                           title="Refund [click here](https://phish.example) ||now||", outlet="`Coast` Post",
                           published=datetime(2026, 11, 19, 9, 0, tzinfo=UTC))
    await ArticleStore(db).save(article, now=NOW)
    result = await ask("what's new on refund", QuoteStore(db), ArticleStore(db), NOW)
    assert result.ok
    bare = _unescaped("".join(render_text_messages(render_text(result))))
    assert "](" not in bare and "||" not in bare and "`" not in bare
    text = "".join(block["text"]["text"] for m in slack_text(render_text(result)) for block in m.blocks)
    assert "<https://phish.example" not in text and "Refund [click here](https://phish.example) ||now||" in text
