"""A feed that moved for good (301) keeps its items' ids: read again at the new address, the stored items are the
stored articles (no second copy) and an item retention removed stays removed (``pruned_articles``)."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from bot.store.retention import prune
from bot.store.schema import articles, pruned_articles
from tests.polling.conftest import START, PollerFactory
from tests.polling.feedserver import Feed, FeedServer, Item, Reply

TEXTS = [
    "The orchestra of Velmar announced a winter season of nine concerts. Tickets go on sale next week at the hall.",
    "A new cycle lane opened along the canal in Brisk on Monday. The council said it cost less than planned.",
    "Farmers near Oldham Ridge reported an early apple harvest. Cooler nights helped the fruit ripen evenly.",
]


LATER = START + timedelta(days=10)


def items() -> list[Item]:
    """Two items of ``LATER`` and one published a month before the first poll (the one retention removes)."""
    return [Item(guid=f"desk-{n}", link=f"http://news.example/desk/{n}", title=f"Desk report {n}", text=text,
                 published=START - timedelta(days=30) if n == 2 else LATER)
            for n, text in enumerate(TEXTS)]


async def test_a_moved_feed_keeps_its_items_and_its_pruned_ones(server: FeedServer,
                                                                make_poller: PollerFactory) -> None:
    h = await make_poller()
    old = server.add(0, "old", Feed(items=items()[2:]))
    await h.pipeline.sources.ensure(old, kind="feed", now=h.clock())
    assert (await h.poller.poll_due()).added == 1
    h.clock.advance(timedelta(days=10))
    server.feed(old).items = items()
    assert (await h.poller.poll_due()).added == 2
    async with h.pipeline.db.connect() as conn:
        stored = {str(r.guid): str(r.id) for r in await conn.execute(sa.select(articles.c.guid, articles.c.id))}

    report = await prune(h.pipeline.db, before=START + timedelta(days=1))  # the month-old item only
    assert report.articles == 1
    h.clock.advance(timedelta(days=1))
    again = await h.poller.poll_due()  # the old address still carries it: it stays removed
    assert (again.ok, again.added) == (1, 0)

    new = server.add(1, "new", Feed(items=items()))
    server.feed(old).failing = Reply(301, (("Location", new),))
    h.clock.advance(timedelta(days=1))
    moved = await h.poller.poll_due()  # read at the old address, which moves the source
    assert (moved.ok, moved.added) == (1, 0)
    extra = Item(guid="desk-3", link="http://news.example/desk/3", title="Desk report 3", published=LATER,
                 text="The ferry to Corran Isle will run on Sundays from March. The operator hired four new crew.")
    server.feed(new).items = [*items(), extra]  # the feed changed: its items are read again at the new address
    h.clock.advance(timedelta(days=1))
    polled = await h.poller.poll_due()
    assert (polled.ok, polled.added) == (1, 1)
    assert [s.key for s in await h.pipeline.sources.list()] == [new]
    async with h.pipeline.db.connect() as conn:
        rows = (await conn.execute(sa.select(articles.c.guid, articles.c.id, articles.c.source))).all()
        pruned = set((await conn.execute(sa.select(pruned_articles.c.article_id))).scalars())
    assert sorted((str(r.guid), str(r.id), str(r.source)) for r in rows) == [
        ("desk-0", stored["desk-0"], new), ("desk-1", stored["desk-1"], new),
        ("desk-3", polled.new_article_ids[0], new)]
    assert pruned == {stored["desk-2"]}
