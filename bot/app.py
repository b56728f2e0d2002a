"""The composition root's context: config read once, the clock, and the store opened on first use."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import TYPE_CHECKING

from bot.clock import Clock, system_clock
from bot.config import Config, default_database_url
from bot.store.db import Database

if TYPE_CHECKING:
    from bot.ingest.full_text import FullText
    from bot.pipeline import Pipeline

# Feed items published longer ago than this (plus briefing.publication_grace) are never briefed by a weekly
# schedule either, so their pages are not fetched.
FULL_TEXT_MAX_AGE = timedelta(days=7)


@dataclass
class App:
    """What a CLI command is handed. Owns nothing but the database handle it opens lazily."""

    config: Config
    db_url: str = ""
    clock: Clock = system_clock
    _db: Database | None = field(default=None, repr=False)

    @property
    def database_url(self) -> str:
        return self.db_url or self.config.database.url or default_database_url()

    async def db(self) -> Database:
        if self._db is None:
            self._db = await Database.open(
                self.database_url,
                migration_statement_seconds=self.config.database.migration_statement_timeout_seconds)
        return self._db

    async def close(self) -> None:
        if self._db is not None:
            await self._db.close()
            self._db = None


async def make_pipeline(app: App, *, with_quotes: bool = True) -> Pipeline:
    """The pipeline with its default collaborators: sumy-based summariser, rule-based quote finders by language."""
    from bot.ingest.credentials import SourceCredentials
    from bot.nlp.summarise import default_summariser
    from bot.pipeline import Pipeline

    attributor = None
    if with_quotes:  # imported only when used: it loads spaCy (~100 MB)
        from bot.nlp.attributors import default_attributor

        attributor = default_attributor()  # English by spaCy; fr, de, es, it, pt quotes and reported speech by rules
    db = await app.db()
    return Pipeline(db, app.config, app.clock, default_summariser(), attributor, full_text=make_full_text(app, db),
                    credentials=SourceCredentials.from_config(app.config.sources))


def make_full_text(app: App, db: Database | None = None) -> FullText | None:
    """Teaser completion as configured (``ingest.full_text``), robots.txt honoured unless turned off; its
    list of pages to ask for again is kept in ``db`` (in memory without one)."""
    if not app.config.ingest.full_text:
        return None
    from bot.backoff import parse_duration
    from bot.ingest.full_text import FullText
    from bot.ingest.robots import RobotsRules
    from bot.store.page_retries import PageRetryStore

    ingest = app.config.ingest
    robots = RobotsRules(app.clock, user_agent=ingest.user_agent) if ingest.respect_robots else None
    grace = parse_duration(app.config.briefing.publication_grace, key="briefing.publication_grace")
    return FullText(ingest, max_age=FULL_TEXT_MAX_AGE + grace, robots=robots,
                    retries=PageRetryStore(db) if db is not None else None)
