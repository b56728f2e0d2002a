"""``story <id>``: a role's sentence-start capital goes as the article's own text decides ("Outgoing mayor" ->
"outgoing mayor": the article never writes "Outgoing" mid-sentence), where the story's summary alone cannot tell."""

from __future__ import annotations

from datetime import timedelta

from bot.config import Config
from bot.models import Attribution
from bot.store.articles import ArticleStore
from bot.store.db import Database
from bot.store.quotes import QuoteStore
from tests.channels.channel_fakes import add_story
from tests.channels.test_followups import DAY1
from tests.channels.test_preview_numbers import say

# Written for this test: an invented harbour town.
TEXT = ("Outgoing mayor Per Alm said the Orrin quay would reopen in May. The quay has been shut since March. "
        "Repairs cost the Orrin council more than planned, and the ferries moored at the old pier meanwhile.")
SAID = "the Orrin quay would reopen in May"


async def test_the_story_view_lowers_a_role_capital_its_article_writes_as_no_name(
        db: Database, config: Config) -> None:
    story_id = await add_story(db, "s-orrin", text=TEXT, title="Orrin quay to reopen in May", now=DAY1)
    [article_id] = await ArticleStore(db).ids_for_story(story_id)
    start = TEXT.index(SAID)
    await QuoteStore(db).replace(article_id, [Attribution(article_id, "Per Alm", "Per Alm", "said", SAID, "indirect",
                                                          0, start, start + len(SAID), "Outgoing mayor")])

    class World:
        def clock(self) -> object:
            return DAY1 + timedelta(hours=1)

    shown = await say(db, config, World(), f"story {story_id}")  # type: ignore[arg-type]
    assert "*Per Alm* (outgoing mayor)" in shown, shown
