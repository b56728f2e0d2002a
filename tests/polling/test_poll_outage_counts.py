"""A poll round a store outage stops part way through a source's articles: the chunks it committed are in the
source's article count (`briefbot sources`), and the next poll counts only the rest. SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from bot.store import articles as article_store
from bot.store.articles import ArticleStore
from bot.store.db import Database
from tests.pg import fresh_database
from tests.polling.conftest import PollerFactory, make_feed
from tests.polling.feedserver import FeedServer


@pytest.fixture(params=["sqlite", "postgresql"])
async def db(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Database]:
    """The store the polling harness uses (tests/polling/conftest.py), of both kinds."""
    url = (
        f"sqlite:///{tmp_path}/store.db"
        if request.param == "sqlite"
        else await fresh_database("briefbot_test_poll_counts")
    )
    database = await Database.open(url)
    yield database
    await database.close()


async def test_a_poll_stopped_by_an_outage_counts_the_chunks_it_saved(
    server: FeedServer, make_poller: PollerFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    h = await make_poller()
    url = server.add(0, "wharf.xml", make_feed("wharf", 5))
    await h.pipeline.sources.ensure(url, kind="feed", now=h.clock())
    real = ArticleStore._save_chunk
    calls: list[int] = []

    async def down_from_the_third(self: ArticleStore, conn: Any, chunk: Sequence[Any], now: datetime,
                                  **kw: Any) -> Any:
        calls.append(len(chunk))
        if len(calls) >= 3:
            raise OSError(111, "Connect call failed")  # the store went away mid-round
        return await real(self, conn, chunk, now, **kw)

    monkeypatch.setattr(article_store, "SAVE_CHUNK", 2)
    with monkeypatch.context() as patch:
        patch.setattr(ArticleStore, "_save_chunk", down_from_the_third)
        with pytest.raises(OSError):
            await h.poller.poll_due()
    state = await h.pipeline.sources.get(url)
    assert state is not None and state.articles == 4

    await h.poller.poll_due()  # the store is back; the source was never scheduled past now
    state = await h.pipeline.sources.get(url)
    assert state is not None and state.articles == 5
