"""An article stored before spaced full stops were closed up ("the harbour authority said .") is read again: its
text is stored closed up (a new content hash, once), but the change is punctuation only, so no reader hears of it: no
"Updated:" follow-up in the next briefing, no alert for a tracked story, no edit in the story view. The ingest
report says it was stored again for a change in punctuation and spacing only, not as an edited republication. Texts
written for this test."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.config import Config
from bot.pipeline import IngestReport
from bot.store.articles import ArticleStore
from bot.store.channels import ChannelStore
from bot.store.db import Database
from bot.store.revisions import RevisionStore
from tests.channels.test_revisions import CRANE_V1, DAY1, REF, Newsroom, only, open_newsroom
from tests.channels.test_tracks import Chat

SPACED = (CRANE_V1.replace("the harbour authority said.", "the harbour authority said .")
          .replace("for the rest of the day.", "for the rest of the day ."))


async def read(room: Newsroom, hours: float) -> IngestReport:
    room.clock.set(DAY1 + timedelta(hours=hours))
    report = await room.pipeline.ingest([room.outlet.url], room.fetcher)
    assert not report.problems, report.lines
    return report


async def stored_text(room: Newsroom) -> str:
    article = await ArticleStore(room.db).get(await room.article_id())
    assert article is not None
    return article.text


async def test_a_text_stored_with_spaced_stops_read_again_tells_no_reader_of_an_edit(
        db: Database, config: Config, monkeypatch: pytest.MonkeyPatch) -> None:
    async with open_newsroom(db, config) as room:
        room.outlet.text = SPACED
        with monkeypatch.context() as before_the_rule:  # the version that stored spaced stops as written
            before_the_rule.setattr("bot.ingest.normalise.closed_stops", lambda text: text)
            await read(room, 6)
        assert "the harbour authority said ." in await stored_text(room)
        assert await room.tick(DAY1 + timedelta(hours=8)) == ["delivered"]
        story_id = only(room.adapter.briefings[0]).story.id
        assert await ChannelStore(room.db).track(REF, story_id, user="U1", now=DAY1 + timedelta(hours=9))

        report = await read(room, 14)  # the same item, now closed up before it is stored
        text = await stored_text(room)
        assert " ." not in text and "the harbour authority said. The terminal" in text
        assert report.updated == 1 and report.added == 0
        (line,) = [line for line in report.lines if line.startswith("updated")]
        assert line.endswith("(punctuation and spacing only)") and "edited republication" not in line
        assert await RevisionStore(room.db).for_article(await room.article_id()) == []  # no edit kept: none to tell

        assert await room.scheduler.alert_round(DAY1 + timedelta(hours=14, minutes=5)) == []  # tracked: no alert
        assert await room.tick(DAY1 + timedelta(days=1, hours=8)) == ["empty"]  # no "Updated:" follow-up
        assert len(room.adapter.briefings) == 1
        view = await Chat(room.db, room.config, room).say("story", story_id, manage=False)  # type: ignore[arg-type]
        assert "edited" not in view and "Updated" not in view

        again = await read(room, 20)  # its hash holds from now on
        assert (again.updated, again.unchanged) == (0, 1)
