"""A 5,000-character word in a headline, a summary line, an outlet's name and a story's reason: every Discord message
passes its limits (256 per title, 4,096 per description, 1,024 per field, 6,000 a message), the word kept whole."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from discord_limits import embed_problems

from bot.models import Briefing, BriefingItem, SourceRef, Story, SummarySentence
from digests.render_discord import render_discord

NOW = datetime(2026, 11, 24, 5, 0, tzinfo=UTC)
HEADLINE, LINE, OUTLET, WHY = "ц" * 5000, "ж" * 5000, "ф" * 5000, "ш" * 5000  # invented: no space to cut at


def test_a_five_thousand_character_word_stays_within_discord_limits_and_whole() -> None:
    story = Story(id="w1", headline=HEADLINE, url="https://news.example/w1", first_seen=NOW,
                  sources=(SourceRef("a1", OUTLET, "https://news.example/w1", HEADLINE, NOW),),
                  summary=(SummarySentence(LINE, "a1", 0, 0, len(LINE)),))
    messages = render_discord(Briefing(title=HEADLINE, generated=NOW, items=(BriefingItem(story, 1.0, why=WHY),)))
    for message in messages:
        assert embed_problems(message) == []
    posted = json.dumps(messages, ensure_ascii=False)
    for word in (HEADLINE, LINE, OUTLET, WHY):
        assert posted.count(word[0]) >= len(word)
