"""Story verbs: why a story was briefed, a story in full, mute and track it here (and undo both)."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from bot.alerts import GAP as ALERT_GAP
from bot.answer.plain import plain
from bot.answer.role_case import quote_names
from bot.commands import channel_context as context
from bot.commands.base import Command, Invocation, Option, Reply
from bot.commands.deps import CommandDeps
from bot.commands.source_commands import refusal
from bot.commands.story_numbers import counted_briefing
from bot.commands.topic_input import GRAMMAR_WORDS
from bot.delivery import Delivery
from bot.models import Story
from bot.plurals import counted
from bot.schedule import parse_timezone
from bot.store.articles import ArticleStore
from bot.store.channels import Channel, ChannelStore
from bot.store.ledger import DeliveryLedger
from bot.store.stories import StoryStore
from bot.story_loader import story_additions
from bot.topics import StoryText, explain
from digests.story_view import render_story, story_files

WHY_LOOKBACK = timedelta(days=14)
_ABOUT = re.compile(r"^(?:about|on)\s+(?=\S)", re.IGNORECASE)
NEXT_BRIEFING = "the next briefing (`preview`)"  # what a story number counts while no briefing was posted here


def preview_numbers_note(number: str, *, muted: bool = False) -> str:
    """Why ``number`` was counted in the next briefing (no briefing posted here yet), and, after ``mute <number>``,
    that the stories after it moved up one."""
    note = (f"No briefing has been posted here yet, so story numbers count the next briefing as `preview` shows it "
            f"now (this was its number {number})")
    if muted:
        return note + ": the stories after it move up one (`preview` shows the new numbers)."
    return note + "."


def named(story: Story, story_id: str = "") -> str:
    """A story in a reply: its headline (feed text, which may hold markup or a broadcast) in bold through
    ``plain``, then its id (``story_id`` when given, else the story's)."""
    return f"*{plain(story.headline)}* (`{story_id or story.id}`)"


def story_query(inv: Invocation) -> str:
    """The story asked for, as typed, without quotes around it or an ``about``/``on`` before it (``story about the
    bridge``: headline words ``the bridge``); ``#2`` is number 2."""
    query = _ABOUT.sub("", inv.options.get("story", "").strip().strip("\"'").strip(), count=1)
    return query[1:] if query[:1] == "#" and query[1:].isdecimal() else query


def commands(deps: CommandDeps) -> list[Command]:
    store = ChannelStore(deps.db)
    delivery = Delivery(deps.db, deps.config, {})  # compose-only: explanations post nothing

    def now_of(inv: Invocation) -> datetime:
        return context.now_of(deps, inv)

    async def channel_of(inv: Invocation) -> Channel:
        return await context.channel_of(deps, store, inv)

    async def channel_or_default(inv: Invocation) -> Channel:
        return await context.channel_or_default(deps, store, inv)

    async def find_story(text: str, now: datetime) -> Story | None:
        if await StoryStore(deps.db).get(text) is not None:
            found = await delivery.feed.by_ids([text])
            return found[0] if found else None
        typed = text.lower().split()  # "the bridge": grammar words are in no way a headline's own
        words = [w for w in typed if w not in GRAMMAR_WORDS] or typed
        async for recent in delivery.feed.changed_pages(now - WHY_LOOKBACK):  # newest first: the first hit wins
            hits = [s for s in recent if all(w in s.headline.lower() for w in words)]
            if hits:
                return hits[0]
        return None

    async def story_by_number(channel: Channel, number: int, now: datetime) -> tuple[Story | None, str, int]:
        """Story ``number`` of the briefing last posted here (as it was posted), else of the next one; where the
        number was counted and how many stories that briefing has."""
        briefing, entry = await counted_briefing(delivery, channel, now)
        where = NEXT_BRIEFING if entry is None else "the briefing posted " + context.when(entry.slot, channel.timezone)
        items = briefing.items
        return (items[number - 1].story if 0 < number <= len(items) else None), where, len(items)

    async def why(inv: Invocation) -> Reply:
        now = now_of(inv)
        query = story_query(inv)
        channel = await channel_or_default(inv)
        story, where = await story_for(inv, query)
        if story is None:
            return Reply(where, ephemeral=True, error=True)
        lines = [named(story) + (f", number {query} of {where}" if where else "")]
        ledger = DeliveryLedger(deps.db)
        sent = await ledger.story_delivery(channel.key, story.id)
        if sent is not None:
            lines.append(f"Included in this channel's briefing of {context.when(sent[0], channel.timezone)}; "
                         "it comes back only when articles this channel has not seen join it.")
            return Reply("\n".join(lines), ephemeral=True)
        texts = await delivery.texts(channel, [story])
        text = texts.get(story.id) or StoryText(story)
        if channel.topics:
            lines += explain(delivery.topics(channel), text)
        elif channel.sources:
            ok = delivery.from_followed(channel, text)
            lines.append("From a source this channel follows." if ok else
                         "Not from any source this channel follows (and the channel has no topics).")
        else:
            lines.append("This channel has no topics and follows no sources: it gets every story.")
        briefing = await delivery.preview(channel, now)
        shown = [i.story.id for i in briefing.items]
        if story.id in shown:
            lines.append(f"It will be in the next briefing (number {shown.index(story.id) + 1}).")
        elif story.id in [i.story.id for i in briefing.more]:
            lines.append("It will be listed under “and more” in the next briefing (past the story cap).")
        else:
            lines.append("It is not in the next briefing.")
        return Reply("\n".join(lines), ephemeral=True)

    async def story_for(inv: Invocation, query: str) -> tuple[Story | None, str]:
        """(story, where its number points: "the briefing posted ...") or (None, why not, one line)."""
        channel = await channel_or_default(inv)
        if query.isdecimal():  # not isdigit: "²" is a digit int() cannot read
            story, where, count = await story_by_number(channel, int(query), now_of(inv))
            if story is None:
                muted = " (muted stories are left out of it: `mute` lists them)" if (
                    where == NEXT_BRIEFING and await store.muted(inv.channel)) else ""
                give = (f"give a number from 1 to {count}, a story id" if count > 1 else "give 1, a story id"
                        if count else "it has no stories: give a story id")
                return None, (f"{where[0].upper() + where[1:]} has no story number {query}{muted}; {give} or words "
                              "of a headline.")
            return story, where
        story = await find_story(query, now_of(inv))
        if story is None:
            return None, (f"I found no story {plain(repr(query[:80]))} from the last {WHY_LOOKBACK.days} days; give "
                          "its id or words of its headline.")
        return story, ""

    async def story(inv: Invocation) -> Reply:
        found, problem = await story_for(inv, story_query(inv))
        if found is None:
            return Reply(problem, ephemeral=True, error=True)
        channel = await channel_or_default(inv)
        additions = await story_additions(deps.db, found)
        proper = await quote_names(found.quotes, ArticleStore(deps.db))  # a role's capital as its article writes it
        # a story this channel was shown: its reports it has not seen yet marked "(new)", as a follow-up marks them
        seen = (await DeliveryLedger(deps.db).seen_articles(channel.key, [found.id])).get(found.id)
        new = () if seen is None else tuple(s.article_id for s in found.sources if s.article_id not in seen)
        return Reply(render_story(found, tz=parse_timezone(channel.timezone), additions=additions, proper=proper,
                                  new=new), ephemeral=True, verbatim=story_files(found))

    async def story_list(ids: list[str], header: str, empty: str) -> Reply:
        """A channel's muted or tracked stories, numbered (``unmute 2``), one line each with its headline (while it
        is still stored)."""
        if not ids:
            return Reply(empty, ephemeral=True)
        found = {s.id: s for s in await delivery.feed.by_ids(ids)}
        lines = [f"{n}. {named(found[i])}" if i in found else f"{n}. `{i}`" for n, i in enumerate(ids, 1)]
        return Reply(header + "\n" + "\n".join(lines), ephemeral=True)

    async def listed_story(inv: Invocation, listed: list[str], lister: str) -> tuple[str, str]:
        """(story id, a note or "") for ``unmute``/``untrack``: an id as the ``lister`` list shows it; a number, of
        that list or of the last briefing here (refused when the two name different listed stories; the note says
        when the number was counted in the next briefing, no briefing being posted here); or headline words. Else
        ("", why not)."""
        query = story_query(inv)
        if query in listed:
            return query, ""
        story, problem = await story_for(inv, query)
        if not query.isdecimal():
            return (story.id, "") if story is not None else ("", problem)
        number = int(query)
        by_list = listed[number - 1] if 0 < number <= len(listed) else ""
        by_briefing = story.id if story is not None and story.id in listed else ""
        if by_list and by_briefing and by_list != by_briefing:
            return "", (f"`{query}` is ambiguous: number {number} of the `{lister}` list is `{by_list}`, number "
                        f"{number} of {problem} is `{by_briefing}`; give the id.")
        if by_list or by_briefing:
            return by_list or by_briefing, (preview_numbers_note(query) if not by_list and problem == NEXT_BRIEFING
                                            else "")
        shown = f"numbers 1 to {len(listed)}" if len(listed) > 1 else "has only number 1" if listed else "is empty"
        if story is not None:  # in the briefing but not listed: say so, and where the number pointed
            return "", (f"The `{lister}` list {shown}, and number {number} of {problem} is {named(story)}, "
                        f"which is not {'muted' if lister == 'mute' else 'tracked'} here.")
        return "", f"The `{lister}` list {shown}, and {problem[0].lower()}{problem[1:]}"

    async def mute(inv: Invocation) -> Reply:
        query = story_query(inv)
        if not query:
            return await story_list(await store.muted(inv.channel), "Muted stories (`unmute <number>` or "
                                    "`unmute <id>` brings one back):",
                                    "No story is muted here: `mute <number>` stops a story and its follow-ups.")
        if not inv.can_manage:
            return refusal("mute <story>")
        story, where = await story_for(inv, query)
        if story is None:
            return Reply(where, ephemeral=True, error=True)
        await channel_of(inv)
        was_tracked = story.id in await store.tracked(inv.channel)
        added = await store.mute(inv.channel, story.id, user=inv.user, now=now_of(inv))
        untracked = " It is no longer tracked here (muting a story un-tracks it)." if was_tracked else ""
        muted = await store.muted(inv.channel)
        undo = f" (`unmute {muted.index(story.id) + 1}` brings it back)" if story.id in muted else ""
        renumbered = " " + preview_numbers_note(query, muted=True) if where == NEXT_BRIEFING else ""
        return Reply(f"Muted {named(story)}: no more of it or its follow-ups here{undo}."
                     f"{untracked}{renumbered}" if added else named(story) + " was already muted.")

    async def unmute(inv: Invocation) -> Reply:
        if not inv.can_manage:
            return refusal("unmute <story>")
        story_id, note = await listed_story(inv, await store.muted(inv.channel), "mute")
        if not story_id:
            return Reply(note, ephemeral=True, error=True)
        muted_at = await store.unmute(inv.channel, story_id)
        if muted_at is None:
            return Reply(f"Story `{story_id}` was not muted here (`mute` lists the muted ones).", ephemeral=True,
                         error=True)
        found = await delivery.feed.by_ids([story_id])
        missed = sum(1 for s in found[0].sources if s.published and s.published > muted_at) if found else 0
        name = named(found[0], story_id) if found else f"`{story_id}`"
        meanwhile = (f" {counted(missed, 'article')} joined it while it was muted (`story {story_id}` shows it in "
                     "full)." if missed else "")
        return Reply(f"Unmuted {name}: articles that join it from now on come back in the briefings here.{meanwhile}"
                     + (f" {note}" if note else ""))

    async def track(inv: Invocation) -> Reply:
        query = story_query(inv)
        if not query:
            return await story_list(await store.tracked(inv.channel), "Tracked stories (`untrack <number>` or "
                                    "`untrack <id>` stops one):",
                                    "No story is tracked here: `track <number>` posts a story's follow-ups here as "
                                    "soon as new articles join it.")
        if not inv.can_manage:
            return refusal("track <story>")
        story, where = await story_for(inv, query)
        if story is None:
            return Reply(where, ephemeral=True, error=True)
        channel = await channel_of(inv)
        was_muted = story.id in await store.muted(inv.channel)
        if not await store.track(inv.channel, story.id, user=inv.user, now=now_of(inv)):
            return Reply(named(story) + " is already tracked here.")
        notes = [f"Tracking {named(story)}: articles that join it are posted here as soon as "
                 "they come, whatever this channel's topics (outside quiet hours, at most one alert message every "
                 f"{ALERT_GAP.seconds // 60} minutes)."]
        if was_muted:
            notes.append("It was muted here: tracking a story un-mutes it.")
        if await DeliveryLedger(deps.db).story_delivery(channel.key, story.id) is None:
            notes.append("It has not been posted here yet, so the next update shows it in full.")
        if channel.paused:
            notes.append("Briefings are paused here: updates wait for `resume`.")
        if where == NEXT_BRIEFING:
            notes.append(preview_numbers_note(query))
        return Reply(" ".join(notes))

    async def untrack(inv: Invocation) -> Reply:
        if not inv.can_manage:
            return refusal("untrack <story>")
        story_id, note = await listed_story(inv, await store.tracked(inv.channel), "track")
        if not story_id:
            return Reply(note, ephemeral=True, error=True)
        if not await store.untrack(inv.channel, story_id):
            return Reply(f"Story `{story_id}` was not tracked here (`track` lists the tracked ones).", ephemeral=True,
                         error=True)
        found = await delivery.feed.by_ids([story_id])
        name = named(found[0], story_id) if found else f"`{story_id}`"
        return Reply(f"Stopped tracking {name}: its follow-ups come in the briefings here again, when they match "
                     "this channel's topics." + (f" {note}" if note else ""))

    return [
        Command("why", "Why a story was or was not in this channel's briefing.", why,
                (Option("story", "its number in the last briefing here, its id or words of its headline",
                        required=True, rest=True),), slow=True, heavy=True, private=True),
        Command("story", "One story in full: summary, each outlet's article and what only it reports, who said what.",
                story, (Option("story", "its number in the last briefing here, its id or words of its headline",
                               required=True, rest=True),), slow=True, heavy=True, private=True),
        Command("mute", "Stop a story and its follow-ups in this channel (no argument: list the muted ones).",
                mute, (Option("story", "its number in the last briefing here, its id or words of its headline",
                              rest=True),), slow=True, manages_with_args=True),
        Command("unmute", "Bring a muted story back.", unmute,
                (Option("story", "its number or id as `mute` lists it, its number in the last briefing, or "
                        "headline words", required=True,
                        rest=True),), manages_channel=True, slow=True),
        Command("track", "Post a story's follow-ups here as soon as they come (no argument: list the tracked ones).",
                track, (Option("story", "its number in the last briefing here, its id or words of its headline",
                               rest=True),), slow=True, manages_with_args=True),
        Command("untrack", "Stop posting a tracked story's follow-ups at once (they wait for the briefings).",
                untrack, (Option("story", "its number or id as `track` lists it, its number in the last briefing, "
                                 "or headline words", required=True,
                                 rest=True),), manages_channel=True, slow=True),
    ]
