"""The footers blogging platforms add to every item's text are page junk, not the article's last sentence:
WordPress's "The post X appeared first on Y." and Substack's "Thanks for reading X! Subscribe for free ...",
"This post is public so feel free to share it."; a sentence that merely opens so is kept."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.config import IngestConfig
from bot.ingest.feeds import parse_feed
from bot.ingest.junk import clean_text
from bot.ingest.normalise import build_all

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
FIRST = "<p>The harbour board said on Monday it would keep mooring fees at this year&#8217;s level.</p>"
LAST = "<p>Board chair Tove Lindqvist said the repairs would be paid from reserves.</p>"


def _text(footer: str) -> str:
    body = f"{FIRST}{footer}{LAST}" if footer.startswith("<div") else f"{FIRST}{LAST}{footer}"
    data = ("<?xml version='1.0'?><rss version='2.0' xmlns:content='http://purl.org/rss/1.0/modules/content/'>"
            "<channel><title>Velmora Ledger</title><item><title>Harbour board &#8220;will not&#8221; raise fees"
            f"</title><link>https://ledger.example/fees/</link><content:encoded><![CDATA[{body}]]></content:encoded>"
            "</item></channel></rss>").encode()
    [article], problems = build_all(parse_feed(data).entries, source="s", input_name="s", now=NOW,
                                    config=IngestConfig())
    assert problems == []
    return article.text


@pytest.mark.parametrize("footer", [
    "<p>The post <a rel='nofollow' href='https://ledger.example/fees/'>Harbour board &#8220;will not&#8221; raise "
    "fees</a> appeared first on <a rel='nofollow' href='https://ledger.example'>Velmora Ledger</a>.</p>",
    "<p>The post Harbour board will not raise fees first appeared on Velmora Ledger.</p>",
    "<div class='subscription-widget-wrap'><p class='cta-caption'>Thanks for reading Velmora Ledger! Subscribe for "
    "free to receive new posts and support my work.</p><form><input type='email'/></form></div>",
    "<p>Thanks for reading Velmora Ledger! This post is public so feel free to share it.</p>",
    "<p>This post is public so feel free to share it.</p>",
])
def test_a_platform_footer_is_not_stored(footer: str) -> None:
    assert _text(footer) == ("The harbour board said on Monday it would keep mooring fees at this year’s level.\n\n"
                             "Board chair Tove Lindqvist said the repairs would be paid from reserves.")


@pytest.mark.parametrize("line", [
    "The post office on the quay appeared first on the council's list of closures, the union said.",
    "Thanks for reading the report aloud, the mayor told the clerk, before the vote was taken.",
])
def test_sentences_that_open_alike_are_kept(line: str) -> None:
    assert clean_text(f"The council met on Monday.\n\n{line}") == f"The council met on Monday.\n\n{line}"
