"""On-demand briefings rank outlines and load only what they show whole: the same briefing as loading every story of
the period whole and composing it, on randomised stores, for every since, topic, length and cap."""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from bot import briefings, story_feed
from bot.app import App
from bot.briefings import build_briefing, news_only
from bot.cli_core import run_brief
from bot.clock import ManualClock
from bot.config import BriefingConfig, Config
from bot.models import Briefing, BriefingItem, BriefingLength, Story, SummarySentence
from bot.store.db import Database
from bot.store.quotes import QuoteStore
from bot.store.schema import article_revisions, articles, stories
from bot.store.stories import StoryStore, summary_to_json
from bot.story_loader import stories_from_rows
from digests.compose import Matcher, compose
from digests.render_discord import render_discord
from digests.render_json import briefing_to_dict
from digests.render_slack import render_briefing
from digests.render_text import render_markdown, render_text
from tests import pg
from tests.core.topic_story import article_matcher

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
GRACE = timedelta(hours=48)
CONFIG = Config(briefing=BriefingConfig(max_stories=10, publication_grace="48h"))
# sites: subdomains of one site are one outlet; an outlet without a URL is known by its name
SITES = (("Harbour Post", "https://www.harbour.test"), ("Harbour Post", "https://news.harbour.test"),
         ("Coast Wire", "https://coast.test"), ("Valley Times", "https://valley.example.org"),
         ("North Desk", ""), ("River Daily", "https://river.example.co.uk"))
WORDS = ("ferry", "timetable", "winter", "lighthouse", "council", "harbour", "crossing", "keepers", "budget",
         "storm", "pier", "tide", "NATO", "volunteers", "bridge", "schedule", "tourists", "Skarvik")
SPEAKERS = ("Agnes Marlowe", "Tomas Brink", "the ministry", "unnamed harbour official", "Lena Quist")
TOPICS = (None, "Marlowe", "ferry OR lighthouse -Brink", '"winter timetable" from:Coast', "NATO")
SINCES = (None, NOW - timedelta(hours=24), NOW - timedelta(days=5))
LENGTHS: tuple[BriefingLength, ...] = ("full", "short", "headlines")
CAPS = (0, 3)


@pytest.fixture(params=["sqlite", "postgresql"])
async def db(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Database]:
    url = (f"sqlite:///{tmp_path / 'equivalence.db'}" if request.param == "sqlite"
           else await pg.fresh_database("briefbot_test_brief_equivalence"))
    database = await Database.open(url)
    yield database
    await database.close()


def sentence(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 12))).capitalize() + "."


def body(rng: random.Random) -> str:
    return " ".join(sentence(rng) for _ in range(8))


async def fill(db: Database, rng: random.Random, count: int) -> None:
    """``count`` stories of 1-4 articles written straight into the tables: many sharing a change time, some old
    news, some undated; copies marked, marked independent or not marked yet (worked out from the texts); 0-3
    quotes an article; some articles edited in a way that matters. Story 0 matches "Marlowe" only by a speaker."""
    story_rows: list[dict[str, Any]] = []
    article_rows: list[dict[str, Any]] = []
    quote_rows: list[dict[str, Any]] = []
    revision_rows: list[dict[str, Any]] = []
    for s in range(count):
        story_id = f"s-{s:03d}"
        changed = NOW - timedelta(hours=1 if s == 0 else rng.choice([1, 2, 2, 6, 30, 30, 90, 200]))
        published = changed - timedelta(days=0 if s == 0 else rng.choice([0, 0, 0, 1, 4]))
        texts: list[str] = []
        for n in range(rng.randint(1, 4)):
            article_id = f"{story_id}-a{n}"
            name, site = rng.choice(SITES)
            copied = texts and rng.random() < 0.4
            text = f"HARBOURTON - {texts[0]} Follow us for more." if copied else body(rng)
            mark = rng.choice([f"{story_id}-a0", None]) if copied else rng.choice(["", "", None])
            texts.append(text)
            article_rows.append({
                "id": article_id, "url": f"{site}/{article_id}" if site else "", "title": sentence(rng)[:60],
                "outlet": name, "published": None if rng.random() < 0.1 else published + timedelta(minutes=n),
                "text": text, "content_hash": article_id, "source": f"{site}/feed", "stored_at": changed,
                "updated_at": changed, "story_id": story_id, "copy_of": mark})
            for q in range((0 if n else 1) if s == 0 else rng.randint(0, 3)):
                speaker = "Agnes Marlowe" if s == 0 else rng.choice(SPEAKERS)
                content = "“The crossings will run as planned,”" if s == 0 else f"“{sentence(rng)}”"
                quote_rows.append({
                    "id": len(quote_rows) + 1, "article_id": article_id, "speaker": speaker,
                    "speaker_as_written": speaker.split()[-1], "cue": "said", "content": content,
                    "kind": rng.choice(["direct", "reported"]), "sentence": q, "char_start": 10 * q,
                    "char_end": 10 * q + len(content), "role": rng.choice([None, "mayor"]),
                    "topic_text": content})
            if rng.random() < 0.25:
                revision_rows.append({
                    "article_id": article_id, "seen_at": changed - timedelta(minutes=5), "revision": 2,
                    "title_before": None, "title_after": None, "omitted": 0, "expanded": False,
                    "changes": json.dumps([["Crossings take 20 minutes.", "Crossings take 40 minutes.", "number"]]),
                    "why": "number", "substantive": rng.random() < 0.8})
        headline = "Harbour council meets" if s == 0 else sentence(rng)[:70]
        first = texts[0].split(". ")[0] + "." if s else "The council met on Monday."
        summary = [SummarySentence(first, f"{story_id}-a0", 0, 0, len(first))]
        story_rows.append({"id": story_id, "headline": headline, "url": rng.choice(["", f"https://x.test/{s}"]),
                           "first_seen": published, "updated": published, "changed_at": changed,
                           "size": len(texts), "profile": "", "summary": summary_to_json(summary)})
    async with db.begin() as conn:
        await conn.execute(articles.insert(), article_rows)
        await conn.execute(stories.insert(), story_rows)
        await QuoteStore(db).write_rows(conn, quote_rows)
        await conn.execute(article_revisions.insert(), revision_rows)


async def fully_loaded(db: Database, since: datetime | None) -> list[Story]:
    """Every story of the period loaded whole (without a since: the latest), news only."""
    limit = briefings.UNDATED_MAX_STORIES if since is None else 100_000
    rows = await StoryStore(db).changed_since(since, limit=limit)
    return await stories_from_rows(db, rows if since is None else news_only(rows, since, GRACE))


def composed(loaded: list[Story], *, since: datetime | None, topic: str | None, length: BriefingLength,
             cap: int, matcher: Matcher | None = None) -> Briefing:
    """What compose makes of stories loaded whole: topic (``matcher``: each story matched with its articles, as
    alerts and scheduled briefings match it), rank, cap."""
    return compose(loaded, now=NOW, title=f"Briefing: {topic}" if topic else "Briefing", since=since, topic=topic,
                   matcher=matcher, max_stories=cap, length=length)


def headline_only(item: BriefingItem) -> BriefingItem:
    """A story past the cap as chat and text briefings carry it: without its quotes and revisions."""
    return replace(item, story=replace(item.story, quotes=(), revisions=()))


def rendered(briefing: Briefing) -> tuple[object, ...]:
    return (render_text(briefing), render_markdown(briefing), render_briefing(briefing), render_discord(briefing))


@pytest.mark.parametrize("seed", [1, 2])
async def test_two_phase_briefings_equal_full_loading(db: Database, seed: int,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(story_feed, "PAGE_SIZE", 7)  # many pages, cut in the middle of ties in change time
    monkeypatch.setattr(briefings, "UNDATED_MAX_STORIES", 40)  # without a since: the 40 latest of 55
    await fill(db, random.Random(seed), 55)
    seen = {"items": 0, "more": 0, "quotes shown": 0, "revisions shown": 0}
    for since in SINCES:
        loaded = await fully_loaded(db, since)
        for topic in TOPICS:
            matcher = await article_matcher(db, loaded, topic) if topic else None
            for length in LENGTHS:
                for cap in CAPS:
                    case = (since, topic, length, cap)
                    want = composed(loaded, since=since, topic=topic, length=length, cap=cap, matcher=matcher)
                    got = await build_briefing(db, CONFIG, now=NOW, since=since, topic=topic, max_stories=cap,
                                               length=length)
                    assert got.items == want.items, case  # scores, why, summaries, quotes, revisions, sources
                    assert got.more == tuple(map(headline_only, want.more)), case  # same stories, order, scores
                    assert replace(got, items=(), more=()) == replace(want, items=(), more=()), case
                    assert rendered(got) == rendered(want), case  # what chat and text show of "more" too
                    if length == "full":  # the length changes nothing loaded
                        whole = await build_briefing(db, CONFIG, now=NOW, since=since, topic=topic,
                                                     max_stories=cap, whole_more=True)
                        assert whole == want, case  # the JSON output's "more" is whole
                    seen["items"] += len(got.items)
                    seen["more"] += len(got.more)
                    seen["quotes shown"] += sum(len(i.story.quotes) for i in got.items)
                    seen["revisions shown"] += sum(len(i.story.revisions) for i in got.items)
    assert all(seen.values()), seen  # the comparisons covered stories with quotes and edits, and "more" lists
    marlowe = await build_briefing(db, CONFIG, now=NOW, since=NOW - timedelta(hours=2), topic="Marlowe",
                                   max_stories=0)
    found = {i.story.id: i for i in marlowe.items}
    assert found["s-000"].why == "matched: Marlowe — in 1 quote"  # found by its quoted speaker alone
    assert [q.speaker for q in found["s-000"].story.quotes] == ["Agnes Marlowe"]


async def test_the_json_output_lists_the_stories_past_the_cap_whole(tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path / 'json.db'}"
    database = await Database.open(url)
    await fill(database, random.Random(3), 30)
    want = composed(await fully_loaded(database, NOW - timedelta(days=5)), since=NOW - timedelta(days=5),
                    topic=None, length="full", cap=2)
    await database.close()
    app = App(config=CONFIG, db_url=url, clock=ManualClock(NOW))
    args = argparse.Namespace(since="2026-05-27 12:00", topic=None, format="json", max_stories=2, length="full",
                              languages="")
    try:
        assert await run_brief(args, app) == 0
    finally:
        await app.close()
    printed = json.loads(capsys.readouterr().out)
    assert printed["more"] == briefing_to_dict(want)["more"]  # quotes and edits of every story past the cap
    assert any(story["quotes"] for story in printed["more"]) and len(printed["more"]) > 10
