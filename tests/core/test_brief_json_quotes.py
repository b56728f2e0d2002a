"""`briefbot brief --format json` prints every story past the cap whole (its quotes and edits), so it loads their
quotes: read by position and without their topic text, they print byte for byte what the plain read of whole rows
printed."""

from __future__ import annotations

import argparse
import random
from collections.abc import AsyncIterator, Sequence
from pathlib import Path

import pytest
import sqlalchemy as sa

from bot.app import App
from bot.cli_core import run_brief
from bot.clock import ManualClock
from bot.models import Attribution
from bot.store.db import Database
from bot.store.quotes import QuoteStore, _row_to_attribution, attr
from bot.store.schema import articles
from tests import pg
from tests.core.test_brief_equivalence import CONFIG, NOW, fill


async def plain_for_articles(self: QuoteStore, article_ids: Sequence[str]) -> list[Attribution]:
    """The definition: every column of each attribution row of these articles, in article then text order."""
    found: list[Attribution] = []
    async with self.db.connect() as conn:
        for article_id in dict.fromkeys(article_ids):
            rows = await conn.execute(sa.select(attr).where(attr.c.article_id == article_id)
                                      .order_by(attr.c.char_start))
            found += [_row_to_attribution(r) for r in rows]
    return found


@pytest.fixture(params=["sqlite", "postgresql"])
async def url(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    url = (f"sqlite:///{tmp_path / 'json.db'}" if request.param == "sqlite"
           else await pg.fresh_database("briefbot_test_brief_json_quotes"))
    database = await Database.open(url)
    await fill(database, random.Random(7), 60)
    await database.close()
    yield url


async def test_quotes_read_by_position_are_the_plain_rows(url: str) -> None:
    database = await Database.open(url)
    try:
        async with database.connect() as conn:
            ids = [str(i) for i in (await conn.execute(sa.select(articles.c.id))).scalars()]
        rng = random.Random(2)
        for _ in range(5):
            wanted = [*rng.sample(ids, rng.randint(0, len(ids))), "no-such-article"]
            got = await QuoteStore(database).for_articles(wanted)
            assert got == await plain_for_articles(QuoteStore(database), wanted)
        assert any(q.role is None for q in got) and any(q.role for q in got)
    finally:
        await database.close()


async def brief_json(url: str, capsys: pytest.CaptureFixture[str], **given: object) -> str:
    app = App(config=CONFIG, db_url=url, clock=ManualClock(NOW))
    values: dict[str, object] = {"since": "2026-05-27 12:00", "topic": None, "format": "json", "max_stories": 2,
                                 "length": "full", "languages": ""}
    values.update(given)
    try:
        assert await run_brief(argparse.Namespace(**values), app) == 0
    finally:
        await app.close()
    return capsys.readouterr().out


@pytest.mark.parametrize("topic", [None, "ferry OR lighthouse", "Marlowe"])
async def test_the_json_output_is_byte_identical_to_the_plain_read(url: str, topic: str | None,
                                                                   capsys: pytest.CaptureFixture[str],
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    got = await brief_json(url, capsys, topic=topic)
    monkeypatch.setattr(QuoteStore, "for_articles", plain_for_articles)
    want = await brief_json(url, capsys, topic=topic)
    assert got.encode() == want.encode()
    assert '"quotes": [\n' in got  # the stories printed carry quotes
    if topic is None:
        assert got.count('"id": "s-') > 20  # most of them past the cap
