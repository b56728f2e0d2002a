"""Test helpers for channels: a recording adapter (idempotent by key, like a platform nonce) and story writers."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from bot.adapter import PostError
from bot.commands.base import Dispatch
from bot.ingest.canonical import article_id, content_hash
from bot.models import Article, Briefing, ChannelRef, SummarySentence
from bot.nlp.sentences import split_sentences
from bot.store.articles import ArticleStore
from bot.store.db import Database
from bot.store.stories import StoryStore


class Crash(BaseException):
    """A simulated process death: not an Exception, so nothing in the bot catches it."""


@dataclass
class Post:
    key: str
    channel: str
    part: int
    story_ids: tuple[str, ...]
    at: datetime | None


@dataclass
class RecordingAdapter:
    """Records what reaches the 'platform'. Parts already seen for a key are not posted again (the
    platform-side idempotency a Discord nonce gives); ``attempts`` counts every call anyway.
    With ``log_file``, posts persist across processes (the platform outlives the bot)."""

    name: str = "console"
    parts: int = 1
    clock: object = None
    log_file: Path | None = None
    posts: list[Post] = field(default_factory=list)
    attempts: int = 0
    deduped: int = 0
    notices: list[tuple[str, str]] = field(default_factory=list)
    errors: list[PostError] = field(default_factory=list)  # raised one per call, first first
    crash_after_part: int | None = None  # die (Crash) after this many parts of the next post
    on_part: object = None  # called after each part is durable (the SIGKILL worker kills here)

    def _seen(self) -> set[tuple[str, int]]:
        if self.log_file is not None and self.log_file.exists():
            lines = self.log_file.read_text().splitlines()
            return {(d["key"], d["part"]) for d in map(json.loads, lines)}
        return {(p.key, p.part) for p in self.posts}

    async def run(self, dispatch: Dispatch) -> None:
        return None

    async def post(self, channel: ChannelRef, briefing: Briefing, *, key: str = "") -> list[str]:
        self.attempts += 1
        if self.errors:
            raise self.errors.pop(0)
        ids = [i.story.id for i in (*briefing.items, *briefing.more)]
        seen = self._seen()
        now = self.clock() if callable(self.clock) else None
        for part in range(self.parts):
            if (key, part) in seen:
                self.deduped += 1
                continue
            post = Post(key, channel.key, part, tuple(ids), now)
            self.posts.append(post)
            if self.log_file is not None:
                with self.log_file.open("a") as f:
                    f.write(json.dumps({"key": key, "channel": channel.key, "part": part, "stories": ids,
                                        "at": now.isoformat() if now else None}) + "\n")
                    f.flush()
                    os.fsync(f.fileno())
            if callable(self.on_part):
                self.on_part(part)
            if self.crash_after_part is not None and part + 1 >= self.crash_after_part:
                self.crash_after_part = None
                raise Crash(f"died after part {part}")
        return [f"{key}#{p}" for p in range(self.parts)]

    async def notify(self, channel: ChannelRef, text: str) -> None:
        self.notices.append((channel.key, text))

    async def close(self) -> None:
        return None


def make_article(text: str, *, title: str, outlet: str, url: str, source: str,
                 published: datetime | None) -> Article:
    h = content_hash(text)
    return Article(id=article_id(None, url, h), url=url, title=title, outlet=outlet, text=text,
                   sentences=split_sentences(text), published=published, source=source, content_hash=h)


async def add_story(db: Database, story_id: str, *, text: str, title: str, now: datetime,
                    outlet: str = "Test Wire", source: str = "https://feeds.test/wire.xml",
                    published: datetime | None = None) -> str:
    """Store one article (published ``published``, default ``now``) at ``now`` as a one-article story whose
    summary is its first two sentences."""
    published = published or now
    article = make_article(text, title=title, outlet=outlet, url=f"https://news.test/{story_id}",
                           source=source, published=published)
    articles, stories = ArticleStore(db), StoryStore(db)
    saved = await articles.save(article, now=now)
    await articles.set_story(saved.article_id, story_id)
    await stories.save_profile(story_id, "", first_seen=now, updated=published)
    summary = [SummarySentence(s.text, article.id, s.index, s.start, s.end) for s in article.sentences[:2]]
    await stories.save_summary(story_id, headline=title, url=article.url, summary=summary, size=1,
                               changed_at=now, updated=published)
    return story_id
