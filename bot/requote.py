"""Re-running quote extraction over stored articles, one transaction per article (`briefbot store requote`)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from bot.nlp.attributors import Attributor, ByLanguage, by_language
from bot.store.articles import ArticleStore
from bot.store.db import Database
from bot.store.dedupe import chunked
from bot.store.requote import candidates, swap

log = logging.getLogger(__name__)

LOAD_BATCH = 50  # articles read from the store at a time (their texts and sentences held in memory together)
Progress = Callable[[int, int], None]  # articles done, articles in all


@dataclass
class RequoteReport:
    """What a requote did: articles read, attributions before and after, articles whose set was the same, and the
    articles left as they were because their text is gone (id, title)."""

    articles: int = 0
    before: int = 0
    after: int = 0
    unchanged: int = 0
    no_text: list[tuple[str, str]] = field(default_factory=list)
    failed: list[tuple[str, str, str]] = field(default_factory=list)

    def summary(self, *, dry_run: bool) -> str:
        counts = (f"{self.articles} article{'' if self.articles == 1 else 's'}: {self.before} attributions before, "
                  f"{self.after} after, {self.unchanged} unchanged")
        failed = f", {len(self.failed)} failed (kept as stored)" if self.failed else ""
        return (f"would requote {counts}{failed} (dry run: nothing written)" if dry_run
                else f"requoted {counts}{failed}")


async def requote(db: Database, attributor: Attributor | ByLanguage, *, since: datetime | None = None,
                  dry_run: bool = False, progress: Progress | None = None) -> RequoteReport:
    """Extract the quotes of every stored article published or stored since ``since`` (all for None) again, as
    ingest does (each language its extractor, in a worker thread, within the parse budget the extractor keeps),
    and replace each article's attributions with them in a transaction of its own: an error or an interrupt
    leaves each article with its old set or its new one, never none or both. An article whose extraction raises is
    named in ``failed``, logged and kept as stored, and the run goes on. ``dry_run`` counts, writing nothing."""
    extractors = by_language(attributor)
    report = RequoteReport()
    found = await candidates(db, since)
    report.no_text = [(c.article_id, c.title) for c in found if not c.has_text]
    ids = [c.article_id for c in found if c.has_text]
    store = ArticleStore(db)
    done = 0
    for chunk in chunked(ids, LOAD_BATCH):
        for article in await store.get_many(chunk):
            extractor = extractors.for_language(article.language)  # none for a language without one, as ingest
            try:
                said = await asyncio.to_thread(extractor, article) if extractor is not None else ()
            except Exception as exc:  # one text the extractor cannot read: name it, keep its old set, go on
                log.warning("requote: quotes of %s (%r) not extracted, kept as stored: %s", article.id,
                            article.title, exc, exc_info=True)
                report.failed.append((article.id, article.title, f"{type(exc).__name__}: {exc}"))
                done += 1
                if progress is not None:
                    progress(done, len(ids))
                continue
            result = await swap(db, article.id, said, write=not dry_run)
            report.articles += 1
            report.before += result.before
            report.after += result.after
            report.unchanged += not result.changed
            done += 1
            if progress is not None:
                progress(done, len(ids))
    return report
