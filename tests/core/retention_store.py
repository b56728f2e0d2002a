"""Test helper: a store with old and recent stories, quotes and deliveries, built through the real pipeline."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa

from bot.app import App, make_pipeline
from bot.clock import ManualClock
from bot.config import Config
from bot.ingest.canonical import article_id, content_hash
from bot.ingest.sources import SourceResult
from bot.models import Article
from bot.nlp.sentences import split_sentences
from bot.pipeline import IngestReport
from bot.store.articles import ArticleStore
from bot.store.db import Database
from bot.store.ledger import Carried, DeliveryLedger, Planned

NOW = datetime(2031, 3, 1, 9, 0, tzinfo=UTC)
KEEP_DAYS = 30
BEFORE = NOW - timedelta(days=KEEP_DAYS)
OLD = NOW - timedelta(days=120)
RECENT = NOW - timedelta(days=2)

# Self-written stories, one distinctive word each, every one with a quote the extractor finds.
OLD_TEXTS = {
    "lighthouse": ('Volunteers repainted the lighthouse on Kessel Point over the weekend. "The lighthouse will shine '
                   'again before the winter storms," said Ilse Varga, the harbour master. The lamp was last lit '
                   'in the nineteen-nineties.'),
    "lighthouse-again": ('Kessel Point lighthouse was repainted by volunteers this weekend. "The lighthouse will '
                         'shine again before the winter storms," Ilse Varga, the harbour master, told reporters. '
                         'Its lamp has been dark since the nineteen-nineties.'),
    "orchard": ('The town council bought the abandoned orchard behind the station. "Every pear tree in the orchard '
                'will be saved," said Tomas Brell, the council leader. Planting starts in the autumn.'),
    "observatory": ('The hilltop observatory reopened after a long repair of its dome. "Schoolchildren can use the '
                    'observatory telescope for free," said Mira Okafor, its director. Tickets went on sale today.'),
    "glacier": ('Researchers measured the retreat of the Valtra glacier for a tenth summer. "The glacier lost more '
                'ice this year than in any year we recorded," said Jonas Pekkala, a geologist. The data will be '
                'published in spring.'),
    "ferryboat": ('A new electric ferryboat began crossing the Lind estuary. "The ferryboat cuts the crossing to '
                  'twelve minutes," said Rosa Meunier, the operator. It carries forty cars.'),
}
RECENT_TEXTS = {
    "tramway": ('The city opened its first tramway line to the university campus. "The tramway will carry ten '
                'thousand riders a day," said Aiko Brandt, the transport director. Trams run every six minutes.'),
    "library": ('The central library extended its opening hours to midnight during exams. "Students asked for a '
                'quiet library at night," said Pavel Duric, the head librarian. The trial lasts a month.'),
}
# Published long ago but only stored now: its story changed recently, so it stays.
LATE_TEXT = ('An archive of harbour photographs was digitised by the museum. "The photographs show the harbour '
             'before the flood," said Lena Soltau, the curator. They are online now.')
LOOSE_OLD = "A parish bulletin about the bellringers' rota was posted on the noticeboard. It lists every Sunday."
LOOSE_RECENT = "The swimming pool timetable changed for the holidays. Early lanes open at six."


def make_article(key: str, text: str, *, published: datetime | None, outlet: str = "Test Wire") -> Article:
    h = content_hash(text)
    url = f"https://news.test/{key}"
    return Article(id=article_id(None, url, h), url=url, title=f"{key.title()} news", outlet=outlet, text=text,
                   sentences=split_sentences(text), published=published, source="https://feeds.test/wire.xml",
                   content_hash=h)


@dataclass
class Built:
    """The store and the ids it holds, by age."""

    app: App
    db: Database
    clock: ManualClock
    old_ids: dict[str, str]  # word -> article id
    recent_ids: dict[str, str]
    late_id: str
    loose_old_id: str
    loose_recent_id: str


async def ingest_at(app: App, clock: ManualClock, when: datetime, found: Sequence[Article]) -> IngestReport:
    """Store and process articles through the pipeline with the clock at ``when``."""
    clock.set(when)
    pipeline = await make_pipeline(app)
    report = IngestReport()
    await pipeline.store_result(SourceResult("https://feeds.test/wire.xml", "feed", "Wire", tuple(found), ()), report)
    await pipeline.refresh_stories(report.new_ids)
    return report


async def build(url: str) -> Built:
    clock = ManualClock(OLD)
    app = App(config=Config(), db_url=url, clock=clock)
    db = await app.db()
    old = {w: make_article(w, t, published=OLD) for w, t in OLD_TEXTS.items()}
    await ingest_at(app, clock, OLD, list(old.values()))
    loose_old = make_article("bells", LOOSE_OLD, published=OLD)
    await ArticleStore(db).save(loose_old, now=OLD)  # stored, never clustered
    recent = {w: make_article(w, t, published=RECENT) for w, t in RECENT_TEXTS.items()}
    await ingest_at(app, clock, RECENT, list(recent.values()))
    late = make_article("archive", LATE_TEXT, published=OLD)
    await ingest_at(app, clock, RECENT, [late])
    loose_recent = make_article("pool", LOOSE_RECENT, published=RECENT)
    await ArticleStore(db).save(loose_recent, now=RECENT)
    clock.set(NOW)
    return Built(app, db, clock, {w: a.id for w, a in old.items()}, {w: a.id for w, a in recent.items()},
                 late.id, loose_old.id, loose_recent.id)


async def deliver(db: Database, channel: str, slot: datetime, story_ids: Sequence[str], *,
                  finish: bool = True) -> None:
    """Claim a slot carrying these stories (their articles shown) and, with ``finish``, deliver it."""
    ledger = DeliveryLedger(db)
    carried = []
    for story_id in story_ids:
        ids = await ArticleStore(db).ids_for_story(story_id)
        carried.append(Carried(story_id, tuple(ids), f"headline {story_id}", "", ()))
    entry = await ledger.plan(channel, slot, kind="scheduled", cutoff=slot, story_ids=list(story_ids),
                              planned=Planned("Briefing", None, tuple(carried)), now=slot)
    assert entry is not None
    if finish and story_ids:
        await ledger.complete(entry, message_ids=["m1"], now=slot)


async def rows(db: Database, sql: str, **params: Any) -> list[tuple[Any, ...]]:
    async with db.connect() as conn:
        return [tuple(r) for r in (await conn.execute(sa.text(sql), params)).all()]


TABLES = ("articles", "sentences", "attributions", "stories", "channel_stories", "channel_articles", "deliveries",
          "delivery_contents", "sources", "channels", "quote_speakers")
FTS_TABLES = ("article_fts", "sentence_fts", "attribution_fts")


async def table_counts(db: Database) -> dict[str, int]:
    names = TABLES + (FTS_TABLES if db.dialect == "sqlite" else ())
    return {name: (await rows(db, f"SELECT count(*) FROM {name}"))[0][0] for name in names}


async def fts_mismatches(db: Database) -> list[str]:
    """Full-text rows without their row, or rows without their full-text row (SQLite); children without
    their article (both)."""
    problems: list[str] = []
    checks = [
        ("sentences without article",
         "SELECT count(*) FROM sentences WHERE article_id NOT IN (SELECT id FROM articles)"),
        ("attributions without article",
         "SELECT count(*) FROM attributions WHERE article_id NOT IN (SELECT id FROM articles)"),
        ("channel_articles without article",
         "SELECT count(*) FROM channel_articles WHERE article_id NOT IN (SELECT id FROM articles)"),
    ]
    if db.dialect == "sqlite":
        checks += [
            ("article_fts orphans",
             "SELECT count(*) FROM article_fts WHERE article_id NOT IN (SELECT id FROM articles)"),
            ("articles without article_fts",
             "SELECT count(*) FROM articles WHERE id NOT IN (SELECT article_id FROM article_fts)"),
            ("sentence_fts orphans", "SELECT count(*) FROM sentence_fts f WHERE NOT EXISTS "
             "(SELECT 1 FROM sentences s WHERE s.article_id = f.article_id AND s.idx = f.idx)"),
            ("sentences without sentence_fts", "SELECT count(*) FROM sentences s WHERE NOT EXISTS "
             "(SELECT 1 FROM sentence_fts f WHERE f.article_id = s.article_id AND f.idx = s.idx)"),
            ("attribution_fts orphans",
             "SELECT count(*) FROM attribution_fts WHERE attr_id NOT IN (SELECT id FROM attributions)"),
            ("attributions without attribution_fts",
             "SELECT count(*) FROM attributions WHERE id NOT IN (SELECT attr_id FROM attribution_fts)"),
        ]
    for name, sql in checks:
        n = (await rows(db, sql))[0][0]
        if n:
            problems.append(f"{name}: {n}")
    return problems
