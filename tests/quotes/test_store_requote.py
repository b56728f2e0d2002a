"""`briefbot store requote`: stored articles' attributions replaced by what extraction gives now, one transaction per
article (an error half-way leaves each article old or new, nothing lost or doubled), within --since, counted by
--dry-run without writing, refused while a bot holds the run lock; whosaid finds the new speakers. SQLite and
PostgreSQL."""

from __future__ import annotations

import asyncio
import re
from datetime import timedelta
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.clock import ManualClock
from bot.models import Article, Attribution
from bot.nlp.attributors import default_attributor
from bot.requote import requote
from bot.store.articles import ArticleStore
from bot.store.db import Database
from bot.store.quotes import QuoteStore
from bot.store.run_lock import RunLock
from bot.store.schema import articles, quote_speakers
from tests.core.store_copy_fill import cli
from tests.quotes.conftest import NOW, make_article

_SAID = re.compile(r"([A-Z][a-z]+ [A-Z][a-z]+) said ([^.]+)\.")
TEXTS = {
    "rq-1": "Ilse Marrow said the bridge would reopen in spring. Teodor Klay said the tolls would stay.",
    "rq-2": "Hanna Vettle said the library needed a new roof.",
    "rq-3": "Osric Penn said the harvest came early this year.",
}


def fresh_extraction(article: Article) -> tuple[Attribution, ...]:
    """The "upgraded" extractor of these tests: every "First Last said X." as an indirect quote."""
    out = []
    for m in _SAID.finditer(article.text):
        sentence = next(s.index for s in article.sentences if s.start <= m.start(2) < s.end)
        out.append(Attribution(article.id, m.group(1), m.group(1), "said", m.group(2), "indirect", sentence,
                               m.start(2), m.end(2)))
    return tuple(out)


def stale(article: Article) -> tuple[Attribution, ...]:
    """What an older extractor stored: a wrong speaker for the first statement, the others missed."""
    first = fresh_extraction(article)[0]
    return (Attribution(article.id, "Spring Officials", "officials", first.cue, first.content, first.kind,
                        first.sentence, first.start, first.end),)


async def _fill(db: Database, *, old_days: int = 0) -> dict[str, Article]:
    """rq-1 and rq-2 with stale attributions, rq-3 already as extraction gives it now; rq-1 published and stored
    ``old_days`` before NOW."""
    store, quotes = ArticleStore(db), QuoteStore(db)
    made = {}
    for article_id, text in TEXTS.items():
        when = NOW - timedelta(days=old_days if article_id == "rq-1" else 0)
        article = make_article(article_id, text, published=when)
        await store.save(article, now=when)
        await quotes.replace(article_id, fresh_extraction(article) if article_id == "rq-3" else stale(article))
        made[article_id] = article
    return made


async def _stored(db: Database) -> dict[str, list[tuple[str, str]]]:
    found: dict[str, list[tuple[str, str]]] = {}
    for a in await QuoteStore(db).for_articles(sorted(TEXTS)):
        found.setdefault(a.article_id, []).append((a.speaker, a.content))
    return found


async def _mentions(db: Database) -> dict[str, int]:
    async with db.connect() as conn:
        rows = (await conn.execute(sa.select(quote_speakers.c.canonical, quote_speakers.c.mentions))).all()
    return {str(r[0]): int(r[1]) for r in rows}


def _expected(made: dict[str, Article]) -> dict[str, list[tuple[str, str]]]:
    return {i: [(a.speaker, a.content) for a in fresh_extraction(made[i])] for i in sorted(made)}


async def test_requote_replaces_stale_attributions_with_what_extraction_gives_now(db: Database) -> None:
    made = await _fill(db)
    report = await requote(db, fresh_extraction)
    assert await _stored(db) == _expected(made)
    assert (report.articles, report.before, report.after, report.unchanged) == (3, 3, 4, 1)
    assert report.summary(dry_run=False) == "requoted 3 articles: 3 attributions before, 4 after, 1 unchanged"
    # the stale speaker is gone from the counts canonical names are chosen by; a second run changes nothing
    assert await _mentions(db) == {"Ilse Marrow": 1, "Teodor Klay": 1, "Hanna Vettle": 1, "Osric Penn": 1}
    again = await requote(db, fresh_extraction)
    assert (again.before, again.after, again.unchanged) == (4, 4, 3)
    assert await _mentions(db) == {"Ilse Marrow": 1, "Teodor Klay": 1, "Hanna Vettle": 1, "Osric Penn": 1}


async def test_whosaid_finds_the_new_attributions_and_not_the_stale_ones(db: Database) -> None:
    await _fill(db)
    quotes = QuoteStore(db)
    assert [h.attribution.speaker for h in await quotes.search("bridge")] == ["Spring Officials"]
    await requote(db, fresh_extraction)
    assert await quotes.speakers_named("Klay") == ["Teodor Klay"]
    assert await quotes.speakers_named("Spring Officials") == []
    hits = await quotes.search("", speakers=["Teodor Klay"])
    assert [(h.attribution.article_id, h.attribution.content) for h in hits] == [("rq-1", "the tolls would stay")]
    assert [h.attribution.speaker for h in await quotes.search("bridge")] == ["Ilse Marrow"]  # full text too


async def test_since_limits_the_articles_requoted(db: Database) -> None:
    made = await _fill(db, old_days=10)
    report = await requote(db, fresh_extraction, since=NOW - timedelta(days=2))
    assert (report.articles, report.before, report.after, report.unchanged) == (2, 2, 2, 1)
    stored = await _stored(db)
    assert stored["rq-1"] == [(a.speaker, a.content) for a in stale(made["rq-1"])]  # published and stored before
    assert stored["rq-2"] == _expected(made)["rq-2"]


async def test_dry_run_counts_and_writes_nothing(db: Database) -> None:
    await _fill(db)
    before, mentions = await _stored(db), await _mentions(db)
    report = await requote(db, fresh_extraction, dry_run=True)
    assert (report.articles, report.before, report.after, report.unchanged) == (3, 3, 4, 1)
    assert report.summary(dry_run=True) == ("would requote 3 articles: 3 attributions before, 4 after, 1 unchanged "
                                            "(dry run: nothing written)")
    assert await _stored(db) == before
    assert await _mentions(db) == mentions


async def test_an_error_on_the_second_article_keeps_it_as_stored_and_the_run_goes_on(db: Database) -> None:
    made = await _fill(db)
    seen: list[str] = []

    def breaks_on_second(article: Article) -> tuple[Attribution, ...]:
        seen.append(article.id)
        if len(seen) == 2:
            raise RuntimeError("extractor broke")
        return fresh_extraction(article)

    report = await requote(db, breaks_on_second)
    stored = await _stored(db)
    assert seen == ["rq-1", "rq-2", "rq-3"]  # the third is still read
    assert [(article_id, why) for article_id, _, why in report.failed] == [("rq-2", "RuntimeError: extractor broke")]
    assert report.summary(dry_run=False).endswith(", 1 failed (kept as stored)")
    assert stored["rq-1"] == _expected(made)["rq-1"]
    assert stored["rq-2"] == [(a.speaker, a.content) for a in stale(made["rq-2"])]
    assert stored["rq-3"] == _expected(made)["rq-3"]
    assert (await QuoteStore(db).search("roof"))[0].attribution.speaker == "Spring Officials"  # its index too
    # run again, it finishes the job
    report = await requote(db, fresh_extraction)
    assert await _stored(db) == _expected(made)
    assert report.failed == []
    assert (report.before, report.after, report.unchanged) == (4, 4, 2)


@pytest.mark.parametrize("failure", [RuntimeError("disk full"), asyncio.CancelledError()])
async def test_a_write_failing_after_the_delete_rolls_the_article_back(db: Database, failure: BaseException,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    made = await _fill(db)
    write_rows = QuoteStore.write_rows
    writes: list[str] = []

    async def fails_on_second(self: QuoteStore, conn: AsyncConnection, rows: list[dict[str, Any]]) -> None:
        writes.append(rows[0]["article_id"])
        if len(writes) == 2:  # the old rows are deleted in this transaction already: an error or a Ctrl-C now
            raise failure
        await write_rows(self, conn, rows)

    monkeypatch.setattr(QuoteStore, "write_rows", fails_on_second)
    with pytest.raises(type(failure)):
        await requote(db, fresh_extraction)
    stored = await _stored(db)
    assert stored["rq-1"] == _expected(made)["rq-1"]
    assert stored["rq-2"] == [(a.speaker, a.content) for a in stale(made["rq-2"])]  # not empty, not doubled
    assert (await QuoteStore(db).search("roof"))[0].attribution.speaker == "Spring Officials"
    assert (await _mentions(db))["Spring Officials"] == 1  # rq-2's count back too (rq-1's went with its swap)


async def test_an_article_whose_text_is_gone_is_kept_and_named(db: Database) -> None:
    made = await _fill(db)
    async with db.begin() as conn:
        await conn.execute(articles.update().where(articles.c.id == "rq-2").values(text=""))
    report = await requote(db, fresh_extraction)
    assert report.no_text == [("rq-2", "rq-2")]
    assert report.articles == 2
    assert (await _stored(db))["rq-2"] == [(a.speaker, a.content) for a in stale(made["rq-2"])]


async def test_the_command_uses_the_real_extractor_and_refuses_while_the_bot_runs(db: Database) -> None:
    made = await _fill(db)
    clock = ManualClock(NOW)
    lock = RunLock(db)
    await lock.acquire()
    try:
        refused = await cli("store", "requote", "--db", db.url, clock=clock)
        assert refused.code == 3 and "a `briefbot run` is using this store" in refused.err
        counted = await cli("store", "requote", "--dry-run", "--db", db.url, clock=clock)
        assert counted.code == 0, counted.err
        assert counted.out.startswith("would requote 3 articles: 3 attributions before")
    finally:
        await lock.release()
    done = await cli("store", "requote", "--since", "1d", "--db", db.url, clock=clock)
    assert done.code == 0, done.err
    assert done.out.startswith("requoted 3 articles: 3 attributions before")
    assert "requoting: 3 of 3 articles" in done.err
    now = default_attributor()
    assert await _stored(db) == {i: [(a.speaker, a.content) for a in now(made[i])] for i in sorted(made)}
    bad = await cli("store", "requote", "--since", "soon", "--db", db.url, clock=clock)
    assert bad.code == 2 and "--since" in bad.err


async def test_extracting_an_article_again_at_ingest_does_not_inflate_speaker_counts(db: Database) -> None:
    """``QuoteStore.replace`` (ingest re-extracting an edited article) takes the old set out of the counts too."""
    made = await _fill(db)
    quotes = QuoteStore(db)
    for _ in range(3):
        await quotes.replace("rq-1", fresh_extraction(made["rq-1"]))
    await quotes.replace("rq-2", fresh_extraction(made["rq-2"]))
    assert await _mentions(db) == {"Ilse Marrow": 1, "Teodor Klay": 1, "Hanna Vettle": 1, "Osric Penn": 1}
    await quotes.replace("rq-3", ())
    assert "Osric Penn" not in await _mentions(db)
