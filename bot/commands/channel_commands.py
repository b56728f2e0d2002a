"""Channel set-up verbs: subscribe, unsubscribe, topics, schedule, length, pause, resume, preview, why, sources."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.alerts import GAP as ALERT_GAP
from bot.alerts import parse_alert_outlets
from bot.commands.base import Command, Invocation, Option, Reply
from bot.commands.deps import CommandDeps
from bot.commands.source_commands import refusal, sources_command
from bot.config import MAX_ALERT_OUTLETS, MIN_ALERT_OUTLETS
from bot.delivery import Delivery
from bot.models import Story
from bot.schedule import ScheduleError, next_slot, parse_quiet_hours, parse_schedule, parse_timezone
from bot.store.channels import Channel, ChannelDefaults, ChannelStore
from bot.store.ledger import DeliveryLedger
from bot.store.stories import StoryStore
from bot.story_loader import story_additions
from bot.topics import StoryText, TopicError, explain, parse_topic
from digests.length import DESCRIPTIONS, parse_length
from digests.story_view import render_story

WHY_LOOKBACK = timedelta(days=14)


def _when(moment: datetime | None, tz: str) -> str:
    return moment.astimezone(parse_timezone(tz)).strftime("%a %d %b %H:%M %Z") if moment else "never"


def commands(deps: CommandDeps) -> list[Command]:
    store = ChannelStore(deps.db)
    delivery = Delivery(deps.db, deps.config, {})  # compose-only: previews and explanations post nothing

    def now_of(inv: Invocation) -> datetime:
        return inv.now or deps.clock()

    async def changed(inv: Invocation) -> None:
        if deps.on_channel_change is not None:
            await deps.on_channel_change(inv.channel)

    async def channel_of(inv: Invocation) -> Channel:
        return await store.ensure(inv.channel, ChannelDefaults.from_config(deps.config), now=now_of(inv))

    async def channel_or_default(inv: Invocation) -> Channel:
        """The stored channel, or the set-up it would get, without creating it (read-only verbs)."""
        found = await store.get(inv.channel)
        if found is not None:
            return found
        defaults, now = ChannelDefaults.from_config(deps.config), now_of(inv)
        return Channel(inv.channel, defaults.schedule, defaults.timezone, "", 0, False, now, now, None, None, (), ())

    def next_line(channel: Channel, now: datetime) -> str:
        if channel.paused:
            return "Briefings are paused (`resume` restarts them)."
        when = next_slot(parse_schedule(channel.schedule), parse_timezone(channel.timezone), now,
                         parse_quiet_hours(channel.quiet_hours))
        return f"Next briefing: {_when(when, channel.timezone)}."

    async def subscribe(inv: Invocation) -> Reply:
        topic = inv.options.get("topic", "").strip()
        try:
            parsed = parse_topic(topic)
        except TopicError as exc:
            return Reply(f"I could not use that topic: {exc}.", ephemeral=True, error=True)
        channel = await channel_of(inv)
        if not await store.subscribe(inv.channel, parsed.text, user=inv.user, now=now_of(inv)):
            return Reply(f"This channel already follows `{parsed.text}`.", ephemeral=True)
        await changed(inv)
        return Reply(f"Subscribed to `{parsed.text}`. {next_line(channel, now_of(inv))}")

    async def unsubscribe(inv: Invocation) -> Reply:
        topic = " ".join(inv.options.get("topic", "").split())
        if not await store.unsubscribe(inv.channel, topic):
            return Reply(f"This channel has no topic `{topic}`; `topics` lists them.", ephemeral=True, error=True)
        await changed(inv)
        return Reply(f"Unsubscribed from `{topic}`.")

    async def topics(inv: Invocation) -> Reply:
        channel = await store.get(inv.channel)
        if channel is None or not channel.topics:
            return Reply("This channel has no topics: it gets every story from the sources it follows. "
                         "`subscribe <topic>` adds one.", ephemeral=True)
        return Reply("Topics: " + ", ".join(f"`{t}`" for t in channel.topics), ephemeral=True)

    async def schedule(inv: Invocation) -> Reply:
        spec, tz, quiet = (inv.options.get(k, "").strip() for k in ("spec", "tz", "quiet"))
        cap = inv.options.get("max", "").strip()
        if not (spec or tz or quiet or cap):
            channel = await store.get(inv.channel)
            if channel is None:
                return Reply("This channel has no schedule yet: `schedule daily 08:00` sets one.", ephemeral=True)
            quiet_text = f", quiet {channel.quiet_hours}" if channel.quiet_hours else ""
            return Reply(f"Schedule: `{channel.schedule}` ({channel.timezone}{quiet_text}). Length: {channel.length} "
                         f"(`length` changes it). {next_line(channel, now_of(inv))}", ephemeral=True)
        if not inv.can_manage:
            return refusal("schedule <spec>")
        try:
            spec = parse_schedule(spec).spec if spec else ""
            tz = parse_timezone(tz).key if tz else ""
            quiet = "" if quiet.lower() in ("off", "none") else quiet
            parse_quiet_hours(quiet)
            max_stories = int(cap) if cap else None
            if max_stories is not None and not 1 <= max_stories <= 50:
                raise ScheduleError(f"max: expected 1 to 50 stories, got {cap}")
        except ValueError as exc:
            return Reply(f"I could not use that schedule: {exc}.", ephemeral=True, error=True)
        await channel_of(inv)
        has_quiet = "quiet" in inv.options
        await store.set_schedule(inv.channel, now=now_of(inv), schedule=spec or None, timezone=tz or None,
                                 quiet_hours=quiet if has_quiet else None)
        if max_stories is not None:
            await store.set_max_stories(inv.channel, max_stories)
        await changed(inv)
        channel = await channel_of(inv)
        return Reply(f"Schedule set: `{channel.schedule}` ({channel.timezone}). {next_line(channel, now_of(inv))}")

    async def alerts(inv: Invocation) -> Reply:
        value = inv.options.get("outlets", "").strip().lower()
        if not value:
            channel = await store.get(inv.channel)
            if channel is None or channel.alert_outlets <= 0:
                return Reply("Breaking alerts are off here: `alerts 3` posts a new story at once when 3 outlets "
                             "carry it.", ephemeral=True)
            return Reply(f"Breaking alerts are on: a new story is posted at once when {channel.alert_outlets} "
                         "outlets carry it (`alerts off` stops them).", ephemeral=True)
        if not inv.can_manage:
            return refusal("alerts <outlets>")
        try:
            outlets = parse_alert_outlets(value)
        except ValueError as exc:
            return Reply(f"I could not use that: {exc}.", ephemeral=True, error=True)
        await channel_of(inv)
        await store.set_alerts(inv.channel, outlets)
        await changed(inv)
        if not outlets:
            return Reply("Breaking alerts off: new stories wait for the scheduled briefing.")
        return Reply(f"Breaking alerts on: a story new to this channel that matches its topics is posted as soon "
                     f"as {outlets} outlets carry it (each site counts once, a republished copy of another's text "
                     f"not at all; outside quiet hours, at most one alert every {ALERT_GAP.seconds // 60} "
                     "minutes); the next briefing leaves it out.")

    async def length(inv: Invocation) -> Reply:
        value = inv.options.get("length", "").strip()
        if not value:
            current = (await channel_or_default(inv)).length
            return Reply(f"Briefings here are *{current}*: {DESCRIPTIONS[current]}. *Full story* under a story "
                         "(or `story <number>`) always shows all of it; `length full`, `length short` or "
                         "`length headlines` changes it.", ephemeral=True)
        if not inv.can_manage:
            return refusal("length <full|short|headlines>")
        try:
            chosen = parse_length(value)
        except ValueError as exc:
            return Reply(f"I could not use that length: {exc}.", ephemeral=True, error=True)
        await channel_of(inv)
        await store.set_length(inv.channel, chosen)
        return Reply(f"Briefings here are now *{chosen}*: {DESCRIPTIONS[chosen]}. This holds for scheduled "
                     "briefings, `brief`, breaking alerts and updates on tracked stories; *Full story* (or "
                     "`story <number>`) still shows a story in full.")

    async def set_paused(inv: Invocation, paused: bool) -> Reply:
        await channel_of(inv)
        await store.set_paused(inv.channel, paused, now=now_of(inv))
        await changed(inv)
        channel = await channel_of(inv)
        return Reply("Briefings paused." if paused else f"Briefings resumed. {next_line(channel, now_of(inv))}")

    async def pause(inv: Invocation) -> Reply:
        return await set_paused(inv, True)

    async def resume(inv: Invocation) -> Reply:
        return await set_paused(inv, False)

    async def preview(inv: Invocation) -> Reply:
        channel = await channel_or_default(inv)
        briefing = await delivery.preview(channel, now_of(inv))
        if not briefing.items:
            return Reply("The next briefing would have no stories so far.", ephemeral=True)
        return Reply(f"Preview: {briefing.title}", briefing=briefing, ephemeral=True)

    async def find_story(text: str, now: datetime) -> Story | None:
        if await StoryStore(deps.db).get(text) is not None:
            found = await delivery.feed.by_ids([text])
            return found[0] if found else None
        words = text.lower().split()
        async for recent in delivery.feed.changed_pages(now - WHY_LOOKBACK):  # newest first: the first hit wins
            hits = [s for s in recent if all(w in s.headline.lower() for w in words)]
            if hits:
                return hits[0]
        return None

    async def story_by_number(channel: Channel, number: int, now: datetime) -> tuple[Story | None, str]:
        """Story ``number`` of the briefing last posted here (as it was posted), else of the next one."""
        entry = await DeliveryLedger(deps.db).last_delivered(channel.key)
        if entry is not None:
            briefing, where = await delivery.replay(channel, entry), "the briefing posted " + _when(
                entry.slot, channel.timezone)
        else:
            briefing, where = await delivery.preview(channel, now), "the next briefing (`preview`)"
        items = briefing.items
        return (items[number - 1].story if 0 < number <= len(items) else None), where

    async def why(inv: Invocation) -> Reply:
        now = now_of(inv)
        query = inv.options.get("story", "").strip()
        channel = await channel_or_default(inv)
        story, where = await story_for(inv, query)
        if story is None:
            return Reply(where, ephemeral=True, error=True)
        lines = [f"*{story.headline}* (`{story.id}`)" + (f", number {query} of {where}" if where else "")]
        ledger = DeliveryLedger(deps.db)
        sent = await ledger.story_delivery(channel.key, story.id)
        if sent is not None:
            lines.append(f"Included in this channel's briefing of {_when(sent[0], channel.timezone)}; "
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
        if query.isdigit():
            story, where = await story_by_number(channel, int(query), now_of(inv))
            if story is None:
                return None, (f"{where[0].upper() + where[1:]} has no story number {query}; give a number it "
                              "shows, a story id or words of a headline.")
            return story, where
        story = await find_story(query, now_of(inv))
        if story is None:
            return None, (f"I found no story {query[:80]!r} from the last {WHY_LOOKBACK.days} days; give its id "
                          "or words of its headline.")
        return story, ""

    async def story(inv: Invocation) -> Reply:
        found, problem = await story_for(inv, inv.options.get("story", "").strip())
        if found is None:
            return Reply(problem, ephemeral=True, error=True)
        channel = await channel_or_default(inv)
        additions = await story_additions(deps.db, found)
        return Reply(render_story(found, tz=parse_timezone(channel.timezone), additions=additions), ephemeral=True)

    async def story_list(ids: list[str], header: str, empty: str) -> Reply:
        """A channel's muted or tracked stories, one line each with its headline (while it is still stored)."""
        if not ids:
            return Reply(empty, ephemeral=True)
        found = {s.id: s for s in await delivery.feed.by_ids(ids)}
        lines = [f"• *{found[i].headline}* (`{i}`)" if i in found else f"• `{i}`" for i in ids]
        return Reply(header + "\n" + "\n".join(lines), ephemeral=True)

    async def listed_story(inv: Invocation, listed: list[str]) -> tuple[str, str]:
        """(story id, "") for ``unmute``/``untrack``: an id as the list shows it, else a number or words; or ("",
        why not)."""
        query = inv.options.get("story", "").strip()
        if query in listed:
            return query, ""
        story, problem = await story_for(inv, query)
        return (story.id, "") if story is not None else ("", problem)

    async def mute(inv: Invocation) -> Reply:
        query = inv.options.get("story", "").strip()
        if not query:
            return await story_list(await store.muted(inv.channel), "Muted stories (`unmute <id>` brings one back):",
                                    "No story is muted here: `mute <number>` stops a story and its follow-ups.")
        if not inv.can_manage:
            return refusal("mute <story>")
        story, problem = await story_for(inv, query)
        if story is None:
            return Reply(problem, ephemeral=True, error=True)
        await channel_of(inv)
        was_tracked = story.id in await store.tracked(inv.channel)
        added = await store.mute(inv.channel, story.id, user=inv.user, now=now_of(inv))
        untracked = " It is no longer tracked here (muting a story un-tracks it)." if was_tracked else ""
        return Reply(f"Muted *{story.headline}* (`{story.id}`): no more of it or its follow-ups here.{untracked}"
                     if added else f"*{story.headline}* (`{story.id}`) was already muted.")

    async def unmute(inv: Invocation) -> Reply:
        if not inv.can_manage:
            return refusal("unmute <story>")
        story_id, problem = await listed_story(inv, await store.muted(inv.channel))
        if not story_id:
            return Reply(problem, ephemeral=True, error=True)
        muted_at = await store.unmute(inv.channel, story_id)
        if muted_at is None:
            return Reply(f"Story `{story_id}` was not muted here (`mute` lists the muted ones).", ephemeral=True,
                         error=True)
        found = await delivery.feed.by_ids([story_id])
        missed = sum(1 for s in found[0].sources if s.published and s.published > muted_at) if found else 0
        name = f"*{found[0].headline}* (`{story_id}`)" if found else f"`{story_id}`"
        meanwhile = (f" {missed} article{'s' if missed != 1 else ''} joined it while it was muted: "
                     f"`story {story_id}` shows it in full." if missed else "")
        return Reply(f"Unmuted {name}:{meanwhile} Articles that join it from now on come back in the briefings "
                     "here.")

    async def track(inv: Invocation) -> Reply:
        query = inv.options.get("story", "").strip()
        if not query:
            return await story_list(await store.tracked(inv.channel), "Tracked stories (`untrack <id>` stops one):",
                                    "No story is tracked here: `track <number>` posts a story's follow-ups here as "
                                    "soon as new articles join it.")
        if not inv.can_manage:
            return refusal("track <story>")
        story, problem = await story_for(inv, query)
        if story is None:
            return Reply(problem, ephemeral=True, error=True)
        channel = await channel_of(inv)
        was_muted = story.id in await store.muted(inv.channel)
        if not await store.track(inv.channel, story.id, user=inv.user, now=now_of(inv)):
            return Reply(f"*{story.headline}* (`{story.id}`) is already tracked here.")
        notes = [f"Tracking *{story.headline}* (`{story.id}`): articles that join it are posted here as soon as "
                 "they come, whatever this channel's topics (outside quiet hours, at most one alert message every "
                 f"{ALERT_GAP.seconds // 60} minutes)."]
        if was_muted:
            notes.append("It was muted here: tracking a story un-mutes it.")
        if await DeliveryLedger(deps.db).story_delivery(channel.key, story.id) is None:
            notes.append("It has not been posted here yet, so the next update shows it in full.")
        if channel.paused:
            notes.append("Briefings are paused here: updates wait for `resume`.")
        return Reply(" ".join(notes))

    async def untrack(inv: Invocation) -> Reply:
        if not inv.can_manage:
            return refusal("untrack <story>")
        story_id, problem = await listed_story(inv, await store.tracked(inv.channel))
        if not story_id:
            return Reply(problem, ephemeral=True, error=True)
        if not await store.untrack(inv.channel, story_id):
            return Reply(f"Story `{story_id}` was not tracked here (`track` lists the tracked ones).", ephemeral=True,
                         error=True)
        found = await delivery.feed.by_ids([story_id])
        name = f"*{found[0].headline}* (`{story_id}`)" if found else f"`{story_id}`"
        return Reply(f"Stopped tracking {name}: its follow-ups come in the briefings here again, when they match "
                     "this channel's topics.")

    return [
        Command("subscribe",
                "Add a topic to this channel's briefings (words, \"phrases\", OR, -exclusions, from:outlet).",
                subscribe, (Option("topic", "e.g. NATO -sport or \"Mark Rutte\"", required=True, rest=True),),
                manages_channel=True),
        Command("unsubscribe", "Remove a topic from this channel.", unsubscribe,
                (Option("topic", "the topic as listed by `topics`", required=True, rest=True,
                        autocomplete="topics"),), manages_channel=True),
        Command("topics", "List this channel's topics.", topics),
        Command("schedule", "Show or set when this channel is briefed (daily 08:00, weekdays 07:30, "
                "weekly mon 09:00, every 4h, cron) with tz, quiet hours and a story cap.", schedule,
                (Option("spec", "e.g. weekdays 07:30", rest=True),
                 Option("tz", "IANA timezone, e.g. Europe/Brussels", keyword=True),
                 Option("quiet", "quiet hours, e.g. 22:00-07:00, or off", keyword=True),
                 Option("max", "most stories per briefing", keyword=True, kind="integer")), manages_with_args=True),
        Command("alerts", "Show or set breaking alerts: post a new story at once when this many outlets carry it.",
                alerts, (Option("outlets", f"{MIN_ALERT_OUTLETS} to {MAX_ALERT_OUTLETS}, or off"),),
                manages_with_args=True),
        Command("length", "Show or set how much of each story briefings here show: full, short (one sentence) "
                "or headlines.", length, (Option("length", "full, short or headlines"),), manages_with_args=True),
        Command("pause", "Pause this channel's scheduled briefings.", pause, manages_channel=True),
        Command("resume", "Resume this channel's scheduled briefings.", resume, manages_channel=True),
        Command("preview", "What the next briefing would contain now.", preview, slow=True),
        Command("why", "Why a story was or was not in this channel's briefing.", why,
                (Option("story", "its number in the last briefing here, its id or words of its headline",
                        required=True, rest=True),), slow=True),
        Command("story", "One story in full: summary, each outlet's article and what only it reports, who said what.",
                story, (Option("story", "its number in the last briefing here, its id or words of its headline",
                               required=True, rest=True),), slow=True),
        Command("mute", "Stop a story and its follow-ups in this channel (no argument: list the muted ones).",
                mute, (Option("story", "its number in the last briefing here, its id or words of its headline",
                              rest=True),), slow=True, manages_with_args=True),
        Command("unmute", "Bring a muted story back.", unmute,
                (Option("story", "its id (as `mute` lists it), number or headline words", required=True,
                        rest=True),), manages_channel=True, slow=True),
        Command("track", "Post a story's follow-ups here as soon as they come (no argument: list the tracked ones).",
                track, (Option("story", "its number in the last briefing here, its id or words of its headline",
                               rest=True),), slow=True, manages_with_args=True),
        Command("untrack", "Stop posting a tracked story's follow-ups at once (they wait for the briefings).",
                untrack, (Option("story", "its id (as `track` lists it), number or headline words", required=True,
                                 rest=True),), manages_channel=True, slow=True),
        sources_command(deps),
    ]

