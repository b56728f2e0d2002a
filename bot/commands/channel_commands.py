"""Channel set-up verbs: subscribe, unsubscribe, topics, schedule, alerts, length, languages, pause, resume, preview,
sources;
the story verbs (why, story, mute, track, ...) come from bot/commands/story_commands.py."""

from __future__ import annotations

from datetime import datetime

from bot.alerts import GAP as ALERT_GAP
from bot.alerts import parse_alert_outlets
from bot.answer.plain import echoed_code, echoed_in
from bot.channel_languages import parse_languages
from bot.channel_pausing import set_paused as pause_change
from bot.commands import channel_context as context
from bot.commands import story_commands
from bot.commands.base import Command, Invocation, Option, Reply
from bot.commands.deps import CommandDeps
from bot.commands.describe_channel import next_briefing_line, quiet_warning, schedule_line, topics_line
from bot.commands.language_input import language_codes, named_languages
from bot.commands.post_warning import post_warning
from bot.commands.schedule_input import spoken_quiet, spoken_schedule, zone_key
from bot.commands.source_commands import refusal, sources_command
from bot.commands.topic_input import CommonTopic, chat_topic, no_topic, split_topics, topics_named
from bot.config import MAX_ALERT_OUTLETS, MIN_ALERT_OUTLETS
from bot.delivery import Delivery
from bot.schedule import ScheduleError, parse_quiet_hours, parse_schedule
from bot.store.channels import Channel, ChannelStore
from bot.topics import Topic, TopicError
from digests.length import DESCRIPTIONS, parse_length


def _listed(topics: list[str]) -> str:
    """```NATO``` or ```NATO`` and ``Russia```: topics as a reply names them."""
    quoted = [echoed_code(t) for t in topics]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]


def commands(deps: CommandDeps) -> list[Command]:
    store = ChannelStore(deps.db)
    delivery = Delivery(deps.db, deps.config, {})  # compose-only: previews and explanations post nothing

    def now_of(inv: Invocation) -> datetime:
        return context.now_of(deps, inv)

    async def changed(inv: Invocation) -> None:
        if deps.on_channel_change is not None:
            await deps.on_channel_change(inv.channel)

    async def channel_of(inv: Invocation) -> Channel:
        return await context.channel_of(deps, store, inv)

    async def channel_or_default(inv: Invocation) -> Channel:
        return await context.channel_or_default(deps, store, inv)

    async def subscribe(inv: Invocation) -> Reply:
        typed = split_topics(inv.options.get("topic", ""))
        parsed: list[Topic] = []
        for text in typed or [""]:
            try:
                topic = chat_topic(text, inv.prefix)
            except CommonTopic as exc:
                return Reply(f"{echoed_in(str(exc), inv.args)}.", ephemeral=True, error=True)
            except TopicError as exc:
                named = f"the topic {echoed_code(text)}" if len(typed) > 1 else "that topic"
                return Reply(f"I could not use {named}: {echoed_in(str(exc), inv.args)}.", ephemeral=True, error=True)
            parsed.append(topic)
        channel = await channel_of(inv)
        added = [t.text for t in parsed
                 if await store.subscribe(inv.channel, t.text, user=inv.user, now=now_of(inv))]
        had = [t.text for t in parsed if t.text not in added]
        if not added:
            return Reply(f"This channel already follows {_listed(had)}.", ephemeral=True)
        await changed(inv)
        also = f" (it already followed {_listed(had)})" if had else ""
        return Reply(f"Subscribed to {_listed(added)}{also}. {next_briefing_line(channel, now_of(inv))}"
                     + post_warning(inv))

    async def unsubscribe(inv: Invocation) -> Reply:
        channel = await store.get(inv.channel)
        listed = channel.topics if channel is not None else ()
        try:
            named = topics_named(listed, inv.options.get("topic", ""))
        except TopicError as exc:
            return Reply(f"{echoed_in(str(exc), inv.args)}.", ephemeral=True, error=True)
        if not named.listed:  # "unsubscribe cricket": nothing is removed, and the list says what there is
            where = f"its topics: {topics_line(listed)}" if listed else "it has none"
            return Reply(f"{echoed_in(no_topic(named.unknown), inv.args)}; {where}.", ephemeral=True, error=True)
        removed = [topic for topic in named.listed if await store.unsubscribe(inv.channel, topic)]
        if not removed:
            return Reply(f"This channel no longer has {_listed(named.listed)}.", ephemeral=True, error=True)
        await changed(inv)
        if not named.unknown:
            return Reply(f"Unsubscribed from {_listed(removed)}.")
        left = [t for t in listed if t not in removed]  # "NATO, cricket": NATO goes, cricket is named as not there
        now_listed = f"its topics now: {topics_line(left)}" if left else "it has no topics now"
        return Reply(f"Unsubscribed from {_listed(removed)}. {echoed_in(no_topic(named.unknown), inv.args)} "
                     f"({now_listed}).")

    async def topics(inv: Invocation) -> Reply:
        channel = await store.get(inv.channel)
        if channel is None or not channel.topics:
            gets = "every story from the sources it follows" if channel and channel.sources else "every stored story"
            return Reply(f"This channel has no topics: it gets {gets}. `subscribe <topic>` adds one.", ephemeral=True)
        return Reply("Topics: " + topics_line(channel.topics), ephemeral=True)

    async def schedule(inv: Invocation) -> Reply:
        spec, tz, quiet = (inv.options.get(k, "").strip() for k in ("spec", "tz", "quiet"))
        cap = inv.options.get("max", "").strip()
        if not (spec or tz or quiet or cap):
            channel = await store.get(inv.channel)
            if channel is None:
                return Reply("This channel has no schedule yet: `schedule daily 08:00` sets one.", ephemeral=True)
            cap = f" At most {channel.max_stories} stories a briefing (`schedule max <n>` changes it)." \
                if channel.max_stories else ""
            return Reply(f"Schedule: {schedule_line(channel)}. Length: {channel.length} "
                         f"(`length` changes it).{cap} {next_briefing_line(channel, now_of(inv))}", ephemeral=True)
        if not inv.can_manage:
            return refusal("schedule <spec>")
        try:
            spec = parse_schedule(spoken_schedule(spec)).spec if spec else ""
            tz = zone_key(tz) if tz else ""
            quiet = "" if quiet.lower() in ("off", "none") else spoken_quiet(quiet)
            parse_quiet_hours(quiet)
            max_stories = int(cap) if cap else None
            if max_stories is not None and not 1 <= max_stories <= 50:
                raise ScheduleError(f"max: expected 1 to 50 stories, got {cap}")
        except ValueError as exc:
            said = echoed_in(str(exc), inv.args)
            return Reply(f"I could not use that schedule: {said}{'' if said.endswith('?') else '.'}", ephemeral=True,
                         error=True)
        await channel_of(inv)
        has_quiet = "quiet" in inv.options
        await store.set_schedule(inv.channel, now=now_of(inv), schedule=spec or None, timezone=tz or None,
                                 quiet_hours=quiet if has_quiet else None)
        if max_stories is not None:
            await store.set_max_stories(inv.channel, max_stories)
        await changed(inv)
        channel = await channel_of(inv)
        cap_note = f", at most {channel.max_stories} stories a briefing" if max_stories is not None else ""
        warning = quiet_warning(channel)
        return Reply(f"Schedule set: {schedule_line(channel)}{cap_note}. {next_briefing_line(channel, now_of(inv))}"
                     + (f"\nWarning: {warning}" if warning else "") + post_warning(inv))

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
            return Reply(f"I could not use that: {echoed_in(str(exc), inv.args)}.", ephemeral=True, error=True)
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
            return Reply(f"I could not use that length: {echoed_in(str(exc), inv.args)}.", ephemeral=True, error=True)
        await channel_of(inv)
        await store.set_length(inv.channel, chosen)
        return Reply(f"Briefings here are now *{chosen}*: {DESCRIPTIONS[chosen]}. This holds for scheduled "
                     "briefings, `brief`, breaking alerts and updates on tracked stories; *Full story* (or "
                     "`story <number>`) still shows a story in full.")

    async def languages(inv: Invocation) -> Reply:
        value = inv.options.get("codes", "").strip()
        if not value:
            current = (await channel_or_default(inv)).languages
            return Reply(f"Briefings here carry stories in {named_languages(current)}. `languages fr de` keeps "
                         "the stories with a report in French or German (and those whose language is unknown); "
                         "`languages all` takes every language again.", ephemeral=True)
        if not inv.can_manage:
            return refusal("languages <codes|all>")
        try:
            chosen = parse_languages(language_codes(value))
        except ValueError as exc:
            return Reply(f"I could not use that: {echoed_in(str(exc), inv.args)}.", ephemeral=True, error=True)
        await channel_of(inv)
        await store.set_languages(inv.channel, chosen)
        await changed(inv)
        return Reply(f"Briefings here now carry stories in {named_languages(chosen)}. This holds for scheduled "
                     "briefings, `brief` and breaking alerts; `story`, `whosaid`, `ask` and updates on tracked "
                     "stories show any language.")

    async def set_paused(inv: Invocation, paused: bool) -> Reply:
        before = await channel_of(inv)
        change = await pause_change(store, before, paused, now_of(inv))  # bot/channel_pausing.py, as the CLI's
        await changed(inv)  # the channel may be new: its job is armed as after any set-up verb
        if change == "made_personal":
            return Reply("Briefings stay paused, now because you paused them: they had been paused after the "
                         "channel refused them, and a briefing that goes out here no longer restarts them "
                         "(`resume` does).", ephemeral=True)
        if change == "unchanged":
            return Reply("Briefings were already paused (`resume` restarts them)." if paused else
                         f"Briefings were not paused. {next_briefing_line(before, now_of(inv))}", ephemeral=True)
        channel = await channel_of(inv)
        if paused:
            return Reply("Briefings paused.")
        return Reply(f"Briefings resumed. {next_briefing_line(channel, now_of(inv))}")

    async def pause(inv: Invocation) -> Reply:
        return await set_paused(inv, True)

    async def resume(inv: Invocation) -> Reply:
        return await set_paused(inv, False)

    async def preview(inv: Invocation) -> Reply:
        channel = await channel_or_default(inv)
        briefing = await delivery.preview(channel, now_of(inv))
        paused = ("Briefings are paused here: this is what the next one would hold once `resume` restarts them.\n"
                  if channel.paused else "")
        if not briefing.items:
            return Reply(f"{paused}The next briefing would have no stories so far.", ephemeral=True)
        return Reply(f"{paused}Preview: {briefing.title}", briefing=briefing, ephemeral=True)

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
                 Option("tz", "IANA timezone, e.g. Europe/Brussels", keyword=True, shown="<zone>"),
                 Option("quiet", "quiet hours, e.g. 22:00-07:00, or off", keyword=True, shown="<HH:MM-HH:MM>"),
                 Option("max", "most stories per briefing", keyword=True, kind="integer", shown="<n>")),
                manages_with_args=True),
        Command("alerts", "Show or set breaking alerts: post a new story at once when this many outlets carry it.",
                alerts, (Option("outlets", f"{MIN_ALERT_OUTLETS} to {MAX_ALERT_OUTLETS}, or off",
                                shown="<outlets> | off"),),
                manages_with_args=True),
        Command("length", "Show or set how much of each story briefings here show: full, short (one sentence) "
                "or headlines.", length, (Option("length", "full, short or headlines",
                                                        shown="full | short | headlines"),), manages_with_args=True),
        Command("languages", "Show or set the languages of the stories briefings here carry (ISO 639-1 codes, "
                "e.g. en fr), or all.", languages, (Option("codes", "e.g. en fr, French German, or all", rest=True,
                                                                        shown="<codes> | all"),),
                manages_with_args=True),
        Command("pause", "Pause this channel's scheduled briefings.", pause, manages_channel=True),
        Command("resume", "Resume this channel's scheduled briefings.", resume, manages_channel=True),
        Command("preview", "What the next briefing would contain now.", preview, slow=True, heavy=True,
                private=True),
        *story_commands.commands(deps),
        sources_command(deps),
    ]

