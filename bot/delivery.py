"""Deliver a channel's due slot exactly once: choose new stories, claim the slot, post, record; catch up on start."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from bot.adapter import Adapter, PostError
from bot.backoff import parse_duration
from bot.briefings import news_only
from bot.channel_evidence import Evidence, EvidenceReader, followed_by
from bot.clock import Clock, system_clock
from bot.clock_back import channel_set_back
from bot.config import Config
from bot.delivery_failures import FailedPosts
from bot.delivery_failures import Outcome as Outcome  # re-exported: callers import it from here
from bot.delivery_notices import Notices
from bot.delivery_parts import post_recording  # each part into the ledger as it goes out
from bot.followups import FOLLOWUP_SENTENCES, WhatsNew, followup_view, plan_of, replay, unseen_revisions
from bot.language_screen import LanguageScreen
from bot.models import Briefing, BriefingItem, RevisionNote, Story, SummarySentence
from bot.nlp.summarise import Summariser
from bot.nlp.terms import TermAnalyser
from bot.plurals import counted
from bot.refusal_pause import PausePolicy
from bot.schedule import parse_quiet_hours, parse_schedule, parse_timezone, slots_between
from bot.screen_cache import SharedScreen
from bot.store.channels import Channel, ChannelStore
from bot.store.db import Database
from bot.store.ledger import DeliveryLedger, LedgerEntry, Planned
from bot.store.revisions import RevisionStore
from bot.story_feed import Outline, StoreFeed, StoryFeed
from bot.timeparse import parse_since
from bot.token_refusals import TokenRefusals
from bot.topics import StoryText, Topic, TopicError, matcher_for, parse_topic, story_text
from digests.compose import Matcher, TopicMatch, compose

log = logging.getLogger(__name__)

# Stories committed a little after the watermark was taken still count: re-read this much, the
# per-channel record of the articles it has seen keeps them from repeating.
OVERLAP = timedelta(hours=1)
Checkpoint = Callable[[str], None]  # tests crash (raise or SIGKILL) at "planned", "posting", "posted", "delivered"
Unseen = Mapping[str, tuple[str, ...]]  # follow-ups: story id -> its articles the channel has not seen


@dataclass(slots=True)
class ChannelCandidates:
    """What can be in a channel's next briefing, in the order read: outlines (the stories it was shown with their
    edits that matter), the articles each follow-up brings that the channel has not seen, what its filters and
    ranking read of each (``Evidence``), and each one's outline as the feed read it (what loading it whole reads)."""

    stories: list[Story] = field(default_factory=list)
    unseen: dict[str, tuple[str, ...]] = field(default_factory=dict)
    outlines: dict[str, Outline] = field(default_factory=dict)
    evidence: Evidence = field(default_factory=Evidence)


class Delivery(FailedPosts):
    """Everything between "this channel is due" and "its briefing is posted and recorded"."""

    def __init__(self, db: Database, config: Config, adapters: Mapping[str, Adapter], *,
                 feed: StoryFeed | None = None, checkpoint: Checkpoint | None = None,
                 summariser: Summariser | None = None, clock: Clock | None = None) -> None:
        self.db = db
        # read when a post fails: its retry is counted from then, not from the step's ``now`` (a post's own
        # retries can take a minute); None: the step's ``now`` (the Scheduler gives its clock to one without)
        self.clock = clock
        self.config = config
        self.adapters = adapters
        self.feed: StoryFeed = feed or StoreFeed(db)
        self.ledger = DeliveryLedger(db)
        self.channels = ChannelStore(db)
        self.revisions = RevisionStore(db)
        self.checkpoint = checkpoint or (lambda _point: None)
        self.grace = parse_duration(config.scheduler.catch_up_grace, key="scheduler.catch_up_grace")
        self.publication_grace = parse_duration(config.briefing.publication_grace, key="briefing.publication_grace")
        self.analyser = TermAnalyser()
        # the topic screen's readings of stories, for the next topic channel (None: each channel screens anew)
        self.screens: SharedScreen | None = SharedScreen(self.analyser)
        # each story's languages, read once from its profile for every channel that chose languages
        self.languages = LanguageScreen()
        self.whats_new = WhatsNew(summariser, min(FOLLOWUP_SENTENCES, config.briefing.summary_sentences))
        self.errored: set[str] = set()  # channels this process set a last_error on (cleared when one is delivered)
        self.pause_policy = PausePolicy.from_config(config)  # when a channel refusing every briefing is paused
        self.tokens = TokenRefusals()  # platforms whose bot token a post found refused (bot-wide; health shows it)
        # platform -> why its bot token is missing (`run --once`, which asks for none up front): its channels are
        # skipped, no slot claimed, so a run with the token set delivers them
        self.unposted: dict[str, str] = {}
        self.notices = Notices(adapters, self.channels, self.ledger, self.pause_policy, self.errored, self.tokens,
                               lambda: self.clock() if self.clock is not None else system_clock())  # read late

    def due_slots(self, channel: Channel, after: datetime, until: datetime) -> list[datetime]:
        return slots_between(parse_schedule(channel.schedule), parse_timezone(channel.timezone), after, until,
                             parse_quiet_hours(channel.quiet_hours))

    def is_due(self, channel: Channel, last_slot: datetime | None, now: datetime) -> bool:
        """Whether a slot fell since the ledger's newest one (cheap: no store access)."""
        if channel.paused or channel.ref.platform not in self.adapters:
            return False
        try:
            return bool(self.due_slots(channel, max(filter(None, [last_slot, channel.slots_from])), now))
        except ValueError:
            return False

    async def deliver_due(self, channel: Channel, now: datetime) -> list[Outcome]:
        """Finish any interrupted slot, then claim and post the channel's due slot (missed ones coalesced)."""
        if channel.ref.platform not in self.adapters:
            return [Outcome(channel.key, "no-adapter", detail=f"no {channel.ref.platform} adapter is running")]
        if channel.ref.platform in self.unposted:
            return [Outcome(channel.key, "no-token", detail=f"{self.unposted[channel.ref.platform]}; nothing was "
                            "posted and no slot claimed")]
        outcomes: list[Outcome] = []
        for pending in await self.ledger.unfinished(channel.key):
            outcomes.append(await self.finish(channel, pending, now))
            if outcomes[-1].state in ("retry", "waiting"):
                return outcomes  # the next slot waits until this one is out, so none is lost or doubled
        if channel.paused:
            return outcomes
        try:
            after = max(filter(None, [await self.ledger.last_slot(channel.key), channel.slots_from]))
            due = self.due_slots(channel, after, now)
        except ValueError as exc:
            log.error("channel %s: bad schedule: %s", channel.key, exc)
            return [*outcomes, Outcome(channel.key, "bad-setup", detail=str(exc))]
        if not due:
            return outcomes
        old = [s for s in due if s < now - self.grace]
        recent = [s for s in due if s >= now - self.grace]
        if old:
            log.warning("channel %s: %d missed slot(s) from %s to %s are older than the catch-up grace (%s): "
                        "skipped, not posted", channel.key, len(old), old[0].isoformat(), old[-1].isoformat(),
                        self.config.scheduler.catch_up_grace)
        if not recent:
            await self.ledger.record_skipped(channel.key, old, kind="catch-up", now=now)
            return [*outcomes, Outcome(channel.key, "skipped", old[-1], f"{counted(len(old), 'slot')} past the grace")]
        slot, covers = recent[-1], recent[:-1]
        planned = await self.plan_for(channel, now)
        entry = await self.ledger.plan(channel.key, slot, kind="catch-up" if covers or old else "scheduled",
                                       cutoff=now, story_ids=[c.story_id for c in planned.stories], covers=covers,
                                       skipped=old, planned=planned, now=now)
        self.checkpoint("planned")
        if entry is None:
            return [*outcomes, Outcome(channel.key, "claimed", slot, "another process has this slot")]
        if entry.state == "empty":
            return [*outcomes, Outcome(channel.key, "empty", slot, "no new stories")]
        return [*outcomes, await self.finish(channel, entry, now)]

    async def post_now(self, channel: Channel, now: datetime) -> Outcome:
        """A manual briefing (``briefbot post``) through the same ledger: its slot is this second."""
        for pending in await self.ledger.unfinished(channel.key):
            await self.finish(channel, pending, now)
        last = await self.ledger.last_slot(channel.key)  # slots stored ahead of a clock set back: taken back first
        channel, last = await channel_set_back(self.channels, self.ledger, channel, last, now)
        slot = now.replace(microsecond=0)
        if last is not None and last >= slot:  # two manual posts within a second stay two slots
            slot = last + timedelta(seconds=1)
        while await self.ledger.get(channel.key, slot) is not None:  # nor share a second with an alert
            slot += timedelta(seconds=1)
        planned = await self.plan_for(channel, now)
        entry = await self.ledger.plan(channel.key, slot, kind="manual", cutoff=now,
                                       story_ids=[c.story_id for c in planned.stories], planned=planned, now=now)
        self.checkpoint("planned")
        if entry is None:
            return Outcome(channel.key, "claimed", slot, "another process is posting this channel")
        if entry.state == "empty":
            return Outcome(channel.key, "empty", slot, "no new stories")
        return await self.finish(channel, entry, now)

    def topics(self, channel: Channel) -> list[Topic]:
        out = []
        for text in channel.topics:
            try:
                out.append(parse_topic(text, self.analyser))
            except TopicError as exc:
                log.warning("channel %s: ignoring topic %r: %s", channel.key, text, exc)
        return out

    async def texts(self, channel: Channel, stories: Sequence[Story]) -> dict[str, StoryText]:
        if not channel.topics and not channel.sources:
            return {}
        articles = await self.feed.articles(stories)
        # the text every surface matches topics in (``bot.topics.story_text``, as ``match_story`` builds it)
        return {s.id: story_text(s, articles.get(s.id, []), analyser=self.analyser) for s in stories}

    def from_followed(self, channel: Channel, text: StoryText | None, new: Sequence[str] = ()) -> bool:
        """A channel without topics gets its followed sources (everything when it follows none); a
        follow-up (``new``: its unseen articles) when one of its new articles is from one of them."""
        if channel.topics or not channel.sources or text is None:
            return True
        return followed_by(channel.sources, {a.id: a.source for a in text.articles}, new)

    async def candidates(self, channel: Channel, now: datetime) -> ChannelCandidates:
        """Stories that changed since the channel's watermark (less the overlap) and that it has not had,
        or had but which since gained articles it has not seen (follow-ups, with those articles), as outlines:
        read a page at a time, each page's rows sorted first (muted, in none of its languages, news only, seen), so
        only what may be news to the channel is read further, and with topics only what they match is kept
        (``EvidenceReader``)."""
        # a channel that never had a briefing starts with what came in shortly before it was set up
        since = (channel.delivered_up_to - OVERLAP if channel.delivered_up_to
                 else parse_since(self.config.briefing.default_since, channel.created_at))
        muted = set(await self.channels.muted(channel.ref))
        reader = EvidenceReader(self.db, self.feed, topics=self.topics(channel),
                                follows=bool(channel.sources and not channel.topics), analyser=self.analyser,
                                shared=self.screens)
        found = ChannelCandidates(evidence=reader.found)
        async for page in self.feed.row_pages(since):  # every one, however many: kept only if a candidate
            rows = self.languages.screened([r for r in page if r.id not in muted], channel.languages)
            changed = news_only(rows, since, self.publication_grace)
            seen = await self.ledger.seen_articles(channel.key, [r.id for r in rows])
            fresh = {r.id for r in changed}
            old = [r for r in rows if r.id not in fresh and r.id in seen]  # news again only when corrected
            passing = {r.id for r in await reader.screened([*changed, *old])}  # with topics: what they could match
            changed, old = [r for r in changed if r.id in passing], [r for r in old if r.id in passing]
            outlines = {o.story.id: o for o in await self.feed.outlines([*changed, *old])}
            # the stories it was shown with their edits that matter (``revised``), the others as outlines
            edited = {s.id: s for s in await self.revisions.with_revisions(
                [o.story for i, o in outlines.items() if i in seen])}
            stories, unseen = await self.not_seen(channel.key, [edited.get(r.id) or outlines[r.id].story
                                                                for r in changed], seen=seen)
            corrected = await self.corrected(channel.key, [s for r in old if (s := edited[r.id]).revisions], seen=seen)
            unseen.update((s.id, ()) for s in corrected)
            kept = await reader.add([outlines[s.id] for s in (*stories, *corrected)])
            for story in (s for s in (*stories, *corrected) if s.id in kept):
                found.stories.append(story)
                found.outlines[story.id] = outlines[story.id]
                if story.id in unseen:
                    found.unseen[story.id] = unseen[story.id]
        return found

    async def corrected(self, channel_key: str, stories: Sequence[Story],
                        seen: Mapping[str, set[str]] | None = None) -> list[Story]:
        """Of stories too old to be news (``news_only``), those the channel was shown one of whose articles it saw
        was since edited in a way that matters: a correction of what it was told is news, the story's old
        articles it never saw are not (it comes as a follow-up with the edit alone). ``seen``: the ledger's
        ``seen_articles`` of them, when read already."""
        if not stories:
            return []
        revised = await self.revised(channel_key, stories, seen)
        return [s for s in stories if s.id in revised]

    async def not_seen(self, channel_key: str, stories: Sequence[Story], *,
                       seen: Mapping[str, set[str]] | None = None) -> tuple[list[Story], dict[str, tuple[str, ...]]]:
        """Of ``stories``, those the channel never had, and those it had that since gained articles it has not
        seen, or one of whose articles it saw was since edited in a way that matters (follow-ups, with the unseen
        articles, maybe none); a story with nothing unseen is left out. ``seen``: as ``corrected`` says."""
        if seen is None:
            seen = await self.ledger.seen_articles(channel_key, [s.id for s in stories])
        revised = await self.revised(channel_key, [s for s in stories if s.id in seen], seen)
        out: list[Story] = []
        unseen: dict[str, tuple[str, ...]] = {}
        for story in stories:
            if story.id in seen:  # an edit of a seen article brings nothing new unless it matters (revised)
                new = tuple(s.article_id for s in story.sources if s.article_id not in seen[story.id])
                if not new and story.id not in revised:
                    continue
                unseen[story.id] = new
            out.append(story)
        return out, unseen

    async def revised(self, channel_key: str, stories: Sequence[Story],
                      seen: Mapping[str, set[str]] | None = None) -> dict[str, tuple[RevisionNote, ...]]:
        """Per story the channel was shown: the edits that matter of the articles it saw, made since the story was
        last brought to it (bot/followups.py ``unseen_revisions``); stories without any left out."""
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

    async def news(self, stories: Sequence[Story], unseen: Unseen) -> dict[str, tuple[SummarySentence, ...]]:
        """What each follow-up's new articles add; one whose new articles only restate what was seen is left out."""
        followups = [s for s in stories if unseen.get(s.id)]  # () : only edits of seen articles (``revised``)
        articles = await self.feed.articles(followups) if followups else {}
        out: dict[str, tuple[SummarySentence, ...]] = {}
        for story in followups:
            found = await self.whats_new.find(story, articles.get(story.id, []), unseen[story.id])
            if found:
                out[story.id] = found
        return out

    async def compose_for(self, channel: Channel, stories: Sequence[Story], now: datetime, *,
                          unseen: Unseen | None = None, keep_all: bool = False, title: str | None = None,
                          cap: int | None = None) -> Briefing:
        """The channel's briefing from these stories, loaded whole, follow-ups (``unseen``) showing what is new
        (``keep_all``: re-render a slot claimed before follow-ups existed, unchanged; ``title`` and ``cap``
        instead of the channel's, for alerts)."""
        texts = await self.texts(channel, stories)
        topics = self.topics(channel)
        matcher = matcher_for(topics, texts) if topics else None
        if matcher is not None and keep_all:
            inner = matcher

            def matcher(story: Story) -> TopicMatch | None:
                return inner(story) or TopicMatch(0.0, "")

        def followed(story: Story, new: Sequence[str]) -> bool:
            return self.from_followed(channel, texts.get(story.id), new)

        return await self._composed(channel, stories, now, unseen=unseen or {}, keep_all=keep_all, title=title,
                                    cap=cap, followed=followed, matcher=matcher)

    async def compose_candidates(self, channel: Channel, found: ChannelCandidates, now: datetime, *,
                                 whole: bool = True) -> Briefing:
        """The channel's briefing from its candidates as outlines (``candidates``): ranked as they are, then the
        stories it shows in full loaded whole when ``whole`` (the ledger's record of it needs none: ``plan_for``).
        Its "and N more" stories stay outlines, of which chat and text show a linked headline."""
        matches, feeds = found.evidence.matches, found.evidence.feeds
        matcher = None if not self.topics(channel) else lambda story: matches.get(story.id)

        def followed(story: Story, new: Sequence[str]) -> bool:
            if channel.topics or not channel.sources:  # as ``from_followed``
                return True
            return followed_by(channel.sources, feeds.get(story.id, {}), new)

        outlines = found.outlines if whole else None
        return await self._composed(channel, found.stories, now, unseen=found.unseen, followed=followed,
                                    matcher=matcher, quote_counts=found.evidence.quotes, outlines=outlines)

    async def _composed(self, channel: Channel, stories: Sequence[Story], now: datetime, *, unseen: Unseen,
                        followed: Callable[[Story, Sequence[str]], bool], matcher: Matcher | None,
                        keep_all: bool = False, title: str | None = None, cap: int | None = None,
                        quote_counts: Mapping[str, int] | None = None,
                        outlines: Mapping[str, Outline] | None = None) -> Briefing:
        """Filter (followed sources, follow-ups with nothing new), rank and cap; ``quote_counts``: stories loaded
        without their quotes (outlines), ``outlines``: theirs, to load the items whole."""
        revised = await self.revised(channel.key, [s for s in stories if s.id in unseen])
        stories = [s for s in stories if keep_all or followed(
            s, unseen.get(s.id, ()) or tuple(n.article_id for n in revised.get(s.id, ())))]
        # only follow-ups that pass the channel's filters are worth summarising
        news = await self.news([s for s in stories if s.id in unseen and (matcher is None or matcher(s))], unseen)
        stories = [s for s in stories if s.id not in unseen or s.id in news or s.id in revised]
        if title is None:
            title = "Briefing: " + ", ".join(channel.topics) if channel.topics else "Briefing"
        cap = cap or channel.max_stories or self.config.briefing.max_stories
        when = now.astimezone(parse_timezone(channel.timezone))
        penalty = self.config.stories.undated_penalty_hours
        if quote_counts is None:
            briefing = compose(stories, now=when, title=title, since=channel.delivered_up_to, matcher=matcher,
                               max_stories=cap, length=channel.length, undated_penalty_hours=penalty)
        else:  # in a worker thread: ranking thousands of stories takes a while, and the event loop keeps answering
            briefing = await asyncio.to_thread(
                compose, stories, now=when, title=title, since=channel.delivered_up_to, matcher=matcher,
                max_stories=cap, length=channel.length, quote_counts=quote_counts, undated_penalty_hours=penalty)
        if outlines is not None:
            loaded = await self.feed.whole([outlines[i.story.id] for i in briefing.items])
            briefing = replace(briefing, items=tuple(replace(i, story=s) for i, s in zip(briefing.items, loaded,
                                                                                          strict=True)))

        def shown(item: BriefingItem) -> BriefingItem:
            if item.story.id not in unseen:
                return item
            return replace(item, story=followup_view(item.story, unseen[item.story.id]),
                           new_since=news.get(item.story.id, ()), revised=revised.get(item.story.id, ()),
                           new=tuple(unseen[item.story.id]))
        return replace(briefing, items=tuple(map(shown, briefing.items)), more=tuple(map(shown, briefing.more)))

    async def plan_for(self, channel: Channel, now: datetime) -> Planned:
        """The next briefing as the ledger records it: each story with the articles it shows."""
        found = await self.candidates(channel, now)
        return plan_of(await self.compose_candidates(channel, found, now, whole=False), found.unseen)

    async def replay(self, channel: Channel, entry: LedgerEntry) -> Briefing:
        """A claimed slot's briefing as it was planned, whatever joined its stories since."""
        planned = entry.planned
        if planned is None:  # claimed before follow-ups existed: re-compose its stories
            ordered = {s.id: s for s in await self.feed.by_ids(entry.story_ids)}
            return await self.compose_for(channel, [ordered[i] for i in entry.story_ids if i in ordered],
                                          entry.cutoff, keep_all=True)
        # its items whole, its "more" as outlines (a linked headline is what chat and text show of them)
        stories = await self.feed.as_shown([c.story_id for c in planned.stories],
                                           whole={c.story_id for c in planned.stories if not c.more})
        # at the length it was composed at, whatever the channel chose since (a slot claimed before schema v15
        # recorded none: the channel's length as it is now)
        return replace(replay(planned, stories, entry.cutoff.astimezone(parse_timezone(channel.timezone))),
                       length=planned.length or channel.length)

    async def preview(self, channel: Channel, now: datetime) -> Briefing:
        """What the next briefing would contain now (nothing is recorded)."""
        return await self.compose_candidates(channel, await self.candidates(channel, now), now)

    async def finish(self, channel: Channel, entry: LedgerEntry, now: datetime) -> Outcome:
        """Take a claimed slot to delivered (or to a retry, or to failed)."""
        if entry.retry_at is not None and now < entry.retry_at:
            return Outcome(channel.key, "waiting", entry.slot, f"retrying at {entry.retry_at.isoformat()}")
        if entry.state == "pending" and entry.slot < now - self.grace:
            await self.ledger.finish(entry, "skipped", error="older than the catch-up grace at restart", now=now)
            log.warning("channel %s: slot %s was never posted and is past the grace: skipped", channel.key,
                        entry.slot.isoformat())
            return Outcome(channel.key, "skipped", entry.slot, "past the grace")
        adapter = self.adapters.get(channel.ref.platform)
        if adapter is None:
            return Outcome(channel.key, "no-adapter", entry.slot)
        briefing = await self.replay(channel, entry)
        await self.ledger.start_attempt(entry, now=now)
        self.checkpoint("posting")
        try:
            ids = await post_recording(adapter, channel.ref, briefing, entry, self.ledger, now=now,
                                       checkpoint=self.checkpoint)
        except PostError as exc:
            return await self._failed(channel, entry, exc, self.failed_at(now), briefing)
        except Exception as exc:  # a bug or an unexpected transport error: retry, never lose the slot
            log.exception("channel %s: posting slot %s failed", channel.key, entry.slot.isoformat())
            return await self._failed(channel, entry, PostError(channel.ref, "retryable", repr(exc)),
                                      self.failed_at(now), briefing)
        self.checkpoint("posted")
        await self.ledger.complete(entry, message_ids=ids, now=now)
        self.checkpoint("delivered")
        self.tokens.accepted(channel.ref.platform)
        if channel.last_error or channel.paused or channel.key in self.errored:
            await self.notices.resumed(channel, now)  # paused for its refusals: it takes briefings again
            await self.channels.set_error(channel.ref, None)
            self.errored.discard(channel.key)
        return Outcome(channel.key, "delivered", entry.slot, counted(len(entry.story_ids), "story", "stories"))
