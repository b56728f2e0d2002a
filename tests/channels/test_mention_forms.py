"""Every mention form either platform reads is defused by ``bot.answer.mentions.defused``, also those the sources
list test does not write (Slack's user groups and labelled user mentions, Discord's role and nickname mentions),
and Slack's entity-escaped ``&lt;!channel&gt;`` stays text through the Slack renderer."""

from __future__ import annotations

import re

import pytest

from bot.answer.mentions import defused
from bot.answer.plain import ZWSP
from digests.render_slack import render_text

LIVE = re.compile(r"@(?:everyone|here|channel)|<[!@#]", re.IGNORECASE)


@pytest.mark.parametrize(("mention", "shown"), [
    ("<!subteam^S0123|@harbour-ops>", f"<{ZWSP}!subteam^S0123|@harbour-ops>"),
    ("<@U0123|ada>", f"<{ZWSP}@U0123|ada>"),
    ("<@&4567>", f"<{ZWSP}@&4567>"),
    ("<@!4567>", f"<{ZWSP}@!4567>"),
    ("<!here|here>", f"<{ZWSP}!here|here>"),
    ("@HERE", f"@{ZWSP}HERE"),
])
def test_each_mention_form_is_defused(mention: str, shown: str) -> None:
    text = f"HTTP 403 ask {mention} for access"
    assert defused(text) == f"HTTP 403 ask {shown} for access"
    assert LIVE.search(defused(text)) is None


def test_an_entity_escaped_mention_stays_text_on_slack() -> None:
    text = defused("HTTP 502 &lt;!channel&gt; and <!channel>")
    [message] = render_text(f"last error: {text}")
    assert "<!channel>" not in message.text and "&amp;lt;!channel&amp;gt;" in message.text
