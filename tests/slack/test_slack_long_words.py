"""A 5,000-character word in a headline, a summary line, an outlet's name and a story's reason: every Slack message
passes Block Kit's limits (3,000 per section, 150 per header) and the word is shown whole, cut across sections."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from fake_slack import validate_blocks

from adapters.slack.translate import message_payload
from bot.models import Briefing, BriefingItem, SourceRef, Story, SummarySentence
from digests.render_slack import render_briefing

NOW = datetime(2026, 11, 24, 5, 0, tzinfo=UTC)
HEADLINE, LINE, OUTLET = "ц" * 5000, "ж" * 5000, "ф" * 5000  # invented: one letter each, no space to cut at


def test_a_five_thousand_character_word_stays_within_slack_limits_and_whole() -> None:
    story = Story(id="w1", headline=HEADLINE, url="https://news.example/w1", first_seen=NOW,
                  sources=(SourceRef("a1", OUTLET, "https://news.example/w1", HEADLINE, NOW),),
                  summary=(SummarySentence(LINE, "a1", 0, 0, len(LINE)),))
    briefing = Briefing(title=HEADLINE, generated=NOW, items=(BriefingItem(story, 1.0, why="ш" * 5000),))
    blocks_text = ""
    for message in render_briefing(briefing):
        payload = message_payload(message)
        assert validate_blocks(payload["blocks"]) is None
        blocks_text += json.dumps(payload["blocks"], ensure_ascii=False)
    for word in (HEADLINE, LINE, OUTLET, "ш" * 5000):
        assert blocks_text.count(word[0]) >= len(word)
