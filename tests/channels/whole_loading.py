"""Scheduled briefings as they were composed before they ranked outlines: every changed page loaded whole (the
reference tests/channels/test_scheduled_equivalence.py and benchmarks/bench_scheduled_pages.py compare with)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import datetime

from bot.briefings import news_only
from bot.delivery import OVERLAP, Delivery, Unseen
from bot.followups import followup_view, plan_of, replay, unseen_revisions
from bot.models import Briefing, BriefingItem, RevisionNote, Story, SummarySentence
from bot.schedule import parse_timezone
from bot.store.channels import Channel
from bot.store.ledger import LedgerEntry, Planned
from bot.timeparse import parse_since
from bot.topics import StoryText, matcher_for
from digests.compose import TopicMatch, compose


class WholeLoadingDelivery(Delivery):
    """``Delivery`` with the candidate reading, composing and replaying of before, kept as they were: each page of
    changed stories loaded whole (quotes, revisions), the articles of every candidate read for the channel's topics
    and followed sources, and a claimed slot's stories (its "more" list too) loaded whole to post it."""

    async def whole_candidates(self, channel: Channel, now: datetime) -> tuple[list[Story], dict[str, tuple[str, ...]]]:
        since = (channel.delivered_up_to - OVERLAP if channel.delivered_up_to
                 else parse_since(self.config.briefing.default_since, channel.created_at))
        muted = set(await self.channels.muted(channel.ref))
        stories: list[Story] = []
        unseen: dict[str, tuple[str, ...]] = {}
        async for page in self.feed.changed_pages(since):
            page = [s for s in page if s.id not in muted]
            changed = news_only(page, since, self.publication_grace)
            found, new = await self.whole_not_seen(channel.key, changed)
            stories += found
            unseen.update(new)
            fresh = {s.id for s in changed}
            found = await self.whole_corrected(channel.key, [s for s in page if s.id not in fresh and s.revisions])
            stories += found
            unseen.update((s.id, ()) for s in found)
        return stories, unseen

    async def whole_corrected(self, channel_key: str, stories: Sequence[Story]) -> list[Story]:
        if not stories:
            return []
        revised = await self.whole_revised(channel_key, stories)
        return [s for s in stories if s.id in revised]

    async def whole_not_seen(self, channel_key: str,
                             stories: Sequence[Story]) -> tuple[list[Story], dict[str, tuple[str, ...]]]:
        seen = await self.ledger.seen_articles(channel_key, [s.id for s in stories])
        revised = await self.whole_revised(channel_key, [s for s in stories if s.id in seen], seen)
        out: list[Story] = []
        unseen: dict[str, tuple[str, ...]] = {}
        for story in stories:
            if story.id in seen:
                new = tuple(s.article_id for s in story.sources if s.article_id not in seen[story.id])
                if not new and story.id not in revised:
                    continue
                unseen[story.id] = new
            out.append(story)
        return out, unseen

    async def whole_revised(self, channel_key: str, stories: Sequence[Story],
                            seen: Mapping[str, set[str]] | None = None) -> dict[str, tuple[RevisionNote, ...]]:
        edited = [s for s in stories if s.revisions]
        if not edited:
            return {}
        if seen is None:
            seen = await self.ledger.seen_articles(channel_key, [s.id for s in edited])
        shown = await self.revisions.last_shown(channel_key, [s.id for s in edited if s.id in seen])
        out: dict[str, tuple[RevisionNote, ...]] = {}
        for story in edited:
            notes = unseen_revisions(story, seen.get(story.id, set()), shown.get(story.id))
            if notes:
                out[story.id] = notes
        return out

    async def whole_texts(self, channel: Channel, stories: Sequence[Story]) -> dict[str, StoryText]:
        if not channel.topics and not channel.sources:
            return {}
        articles = await self.feed.articles(stories)
        return {s.id: StoryText(s, articles.get(s.id, []), analyser=self.analyser) for s in stories}

    @staticmethod
    def whole_from_followed(channel: Channel, text: StoryText | None, new: Sequence[str] = ()) -> bool:
        if channel.topics or not channel.sources or text is None:
            return True
        return any(a.source in channel.sources for a in text.articles if not new or a.id in new)

    async def whole_news(self, stories: Sequence[Story], unseen: Unseen) -> dict[str, tuple[SummarySentence, ...]]:
        followups = [s for s in stories if unseen.get(s.id)]
        articles = await self.feed.articles(followups) if followups else {}
        out: dict[str, tuple[SummarySentence, ...]] = {}
        for story in followups:
            found = await self.whats_new.find(story, articles.get(story.id, []), unseen[story.id])
            if found:
                out[story.id] = found
        return out

    async def whole_compose(self, channel: Channel, stories: Sequence[Story], now: datetime, *,
                            unseen: Unseen | None = None, keep_all: bool = False, title: str | None = None,
                            cap: int | None = None) -> Briefing:
        unseen = unseen or {}
        texts = await self.whole_texts(channel, stories)
        revised = await self.whole_revised(channel.key, [s for s in stories if s.id in unseen])
        stories = [s for s in stories if keep_all or self.whole_from_followed(
            channel, texts.get(s.id), unseen.get(s.id, ()) or tuple(n.article_id for n in revised.get(s.id, ())))]
        topics = self.topics(channel)
        matcher = matcher_for(topics, texts) if topics else None
        if matcher is not None and keep_all:
            inner = matcher

            def matcher(story: Story) -> TopicMatch | None:
                return inner(story) or TopicMatch(0.0, "")
        news = await self.whole_news([s for s in stories if s.id in unseen and (matcher is None or matcher(s))],
                                     unseen)
        stories = [s for s in stories if s.id not in unseen or s.id in news or s.id in revised]
        if title is None:
            title = "Briefing: " + ", ".join(channel.topics) if channel.topics else "Briefing"
        cap = cap or channel.max_stories or self.config.briefing.max_stories
        when = now.astimezone(parse_timezone(channel.timezone))
        briefing = compose(stories, now=when, title=title, since=channel.delivered_up_to, matcher=matcher,
                           max_stories=cap, length=channel.length)

        def shown(item: BriefingItem) -> BriefingItem:
            if item.story.id not in unseen:
                return item
            return replace(item, story=followup_view(item.story, unseen[item.story.id]),
                           new_since=news.get(item.story.id, ()), revised=revised.get(item.story.id, ()),
                           new=tuple(unseen[item.story.id]))
        return replace(briefing, items=tuple(map(shown, briefing.items)), more=tuple(map(shown, briefing.more)))

    async def compose_for(self, channel: Channel, stories: Sequence[Story], now: datetime, *,
                          unseen: Unseen | None = None, keep_all: bool = False, title: str | None = None,
                          cap: int | None = None) -> Briefing:
        return await self.whole_compose(channel, stories, now, unseen=unseen, keep_all=keep_all, title=title,
                                        cap=cap)

    async def plan_for(self, channel: Channel, now: datetime) -> Planned:
        stories, unseen = await self.whole_candidates(channel, now)
        return plan_of(await self.whole_compose(channel, stories, now, unseen=unseen), unseen)

    async def preview(self, channel: Channel, now: datetime) -> Briefing:
        stories, unseen = await self.whole_candidates(channel, now)
        return await self.whole_compose(channel, stories, now, unseen=unseen)

    async def replay(self, channel: Channel, entry: LedgerEntry) -> Briefing:
        planned = entry.planned
        if planned is None:
            ordered = {s.id: s for s in await self.feed.by_ids(entry.story_ids)}
            return await self.whole_compose(channel, [ordered[i] for i in entry.story_ids if i in ordered],
                                            entry.cutoff, keep_all=True)
        stories = await self.feed.by_ids([c.story_id for c in planned.stories])
        return replace(replay(planned, stories, entry.cutoff.astimezone(parse_timezone(channel.timezone))),
                       length=planned.length or channel.length)
