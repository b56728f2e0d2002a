"""CLI for channels: ``channels``, ``subscribe``, ``schedule``, ``alerts``, ``length``, ``languages``, ``post``."""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

from bot.app import App
from bot.channel_languages import parse_languages
from bot.cli_common import add_command, err, existing_store, no_adapter_reason, print_json
from bot.config import MAX_ALERT_OUTLETS, MIN_ALERT_OUTLETS, Config, ConfigError
from bot.ingest.safe_text import without_escapes
from bot.models import ChannelRef, channel_id_problem
from bot.plurals import counted
from bot.schedule import ScheduleError, next_slot, parse_quiet_hours, parse_schedule, parse_timezone
from bot.webhook_urls import WEBHOOK_PLATFORMS
from digests.length import parse_length

if TYPE_CHECKING:
    from bot.config import ChannelConfig
    from bot.store.channels import Channel, ChannelStore
    from bot.store.ledger import LedgerEntry

# the store, the chat readers and the channel descriptions import much of the bot (the NLP among it): they are
# imported by the commands that use them, so that `briefbot -h` and the other commands start without them

def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """These commands, and ``run`` (bot/cli_run_bot.py) after them, in the order ``briefbot -h`` lists them."""
    p = add_command(sub, "channels", "List channels: schedule, topics, sources, last and next briefing, a retry due; "
                    "`channels pause KEY` / `channels resume KEY` pause or resume its briefings as chat's "
                    "`/brief pause` / `/brief resume` do; `channels remove KEY` deletes a stored channel and its "
                    "history.", run_channels)
    p.add_argument("action", nargs="?", choices=("pause", "resume", "remove"), help="pause / resume: its scheduled "
                   "briefings (resume replays no slot missed while paused); remove: delete the channel for good "
                   "(not one the config's [[channels]] lists); omitted: list the channels")
    p.add_argument("channel", nargs="?", default="", help="the channel, as `briefbot channels` lists it")
    p.add_argument("--json", action="store_true", help="print JSON")
    p = add_command(sub, "subscribe", "Subscribe a channel to topics (creates the channel).", run_subscribe)
    p.add_argument("channel", help="slack:C0123, discord:1234, console:main, or a configured slack-webhook:NAME / "
                   "discord-webhook:NAME")
    p.add_argument("topic", nargs="+", help='one topic, or several with commas as in chat, e.g. NATO -sport or '
                   '"Valdoria, Marant" (two topics) or \'"Mark Rutte" OR Stoltenberg\'')
    p = add_command(sub, "schedule", "Set a channel's briefing schedule.", run_schedule)
    p.add_argument("channel")
    p.add_argument("spec", nargs="+", help="as in chat: daily 08:00, weekdays 7am, weekly mon 09:00, every monday at "
                   "9:00, every 4h, or cron")
    p.add_argument("--tz", default="", help="IANA timezone in any case, e.g. Europe/Brussels or europe/brussels "
                   "(default: the channel's own; briefing.timezone for a new channel)")
    p.add_argument("--quiet", default=None, help='quiet hours, e.g. 22:00-07:00, 22-7 or 10pm-7am ("" or off clears)')
    p = add_command(sub, "alerts", "Set a channel's breaking alerts: a new story is posted at once when this many "
                    "outlets carry it.", run_alerts)
    p.add_argument("channel")
    p.add_argument("outlets", help=f"{MIN_ALERT_OUTLETS} to {MAX_ALERT_OUTLETS}, or off")
    p = add_command(sub, "length", "Show or set how much of each story a channel's briefings show.", run_length)
    p.add_argument("channel")
    p.add_argument("length", nargs="?", default="", help="full (default), short or headlines; omitted: show it")
    p = add_command(sub, "languages", "Show or set the languages of the stories a channel's briefings carry.",
                    run_languages)
    p.add_argument("channel")
    p.add_argument("codes", nargs="*", help="ISO 639-1 codes or English names, e.g. en fr or French; all: every "
                   "language (the default); omitted: show them")
    p = add_command(sub, "post", "Post a channel's briefing now, through the scheduler's delivery path.", run_post)
    p.add_argument("channel")
    p = add_command(sub, "run", "Run the bot: chat adapters (console when none is enabled), polling, "
                    "scheduled briefings.", _run_bot)
    p.add_argument("--once", action="store_true",
                   help="poll the sources that are due (each waits its poll interval), deliver what is due "
                        "(catching up), then exit")


async def _run_bot(args: argparse.Namespace, app: App) -> int:
    """``briefbot run``: the composition root, imported when it runs (it imports the chat adapters, which every
    other command would otherwise wait for at start)."""
    from bot.cli_run_bot import run_bot

    return await run_bot(args, app)


def _ref(text: str, config: Config) -> ChannelRef | None:
    """The channel named on the command line; a webhook channel must be in the config (its URL lives there)."""
    try:
        ref = ChannelRef.parse(text)
    except ValueError as exc:
        err(f"briefbot: {exc}")
        return None
    problem = channel_id_problem(ref.platform, ref.id)
    if problem:
        err(f"briefbot: {ref.key}: {problem}")
        return None
    if ref.platform in WEBHOOK_PLATFORMS and all(c.id != ref.key for c in config.channels):
        err(f'briefbot: {ref.key}: no [[channels]] entry with id = "{ref.key}" in the config; a webhook channel is '
            "added there first, with webhook_url_env naming the variable that holds its URL")
        return None
    return ref


async def channel_store(app: App) -> ChannelStore:
    """The store's channels, the config's ``[[channels]]`` made among them, for a command on one channel that makes
    no new store (``post``, ``channels pause`` / ``resume``)."""
    return await _store(app, existing=True)


async def _store(app: App, *, existing: bool = False) -> ChannelStore:
    """The channels of the store, the config's ``[[channels]]`` among them (made as ``run`` makes them, also before
    it ever started: written, for a command that changes the store); ``existing``: ``post``, which makes no new
    store (commands that only show use ``_shown``, which writes nothing)."""
    from bot.config_channels import check_channel_configs
    from bot.store.channels import ChannelStore

    try:
        check_channel_configs(app.config)  # as `run` checks them first: a bad entry is a ConfigError naming its key
    except ConfigError as exc:
        if not existing:
            raise
        # `post` still finds the store's channels (as before `run` ever read the entries), saying why the config's
        # channels are not among them
        err(f"briefbot: [[channels]] not read: {'; '.join(exc.problems)}; `briefbot run` refuses this config until "
            "it is fixed")
        return ChannelStore(await existing_store(app))
    store = ChannelStore(await existing_store(app) if existing else await app.db())
    await store.seed(app.config, now=app.clock())
    return store


async def _shown(app: App) -> tuple[ChannelStore, dict[str, Channel]]:
    """For a command that only shows, writing nothing (a store the user may only read works): the store's channels
    and, by key, the config's ``[[channels]]`` it does not have yet, as ``run`` (or a command that changes one) will
    make them (ChannelStore.seed); none of those when an entry is one `run` refuses, which is said."""
    from bot.config_channels import check_channel_configs
    from bot.store.channels import ChannelStore

    store = ChannelStore(await existing_store(app))
    try:
        check_channel_configs(app.config)
    except ConfigError as exc:
        err(f"briefbot: [[channels]] not read: {'; '.join(exc.problems)}; `briefbot run` refuses this config until "
            "it is fixed")
        return store, {}
    now = app.clock()
    made = {c.key: c for c in await store.all()}
    coming = (_configured(item, app.config, now) for item in app.config.channels)
    return store, {c.key: c for c in coming if c.key not in made}


def _configured(item: ChannelConfig, config: Config, now: datetime) -> Channel:
    """A ``[[channels]]`` entry as ChannelStore.seed stores it at ``now`` and reads it back (topics by name)."""
    from bot.channel_languages import stored_languages
    from bot.store.channels import Channel
    from digests.length import stored_length

    return Channel(ref=ChannelRef.parse(item.id), schedule=item.schedule,
                   timezone=item.timezone or config.briefing.timezone, quiet_hours=item.quiet_hours,
                   max_stories=item.max_stories, paused=False, created_at=now, slots_from=now, delivered_up_to=None,
                   last_error=None, topics=tuple(sorted(set(item.topics))), sources=(), alert_outlets=item.alerts,
                   length=stored_length(item.length), languages=stored_languages(" ".join(item.languages)))


async def _ensured(app: App, ref: ChannelRef) -> ChannelStore:
    """The channels of the store, with ``ref`` among them (made with the config's defaults)."""
    from bot.store.channels import ChannelDefaults

    store = await _store(app)
    await store.ensure(ref, ChannelDefaults.from_config(app.config), now=app.clock())
    return store


async def run_channels(args: argparse.Namespace, app: App) -> int:
    from bot.commands.describe_channel import languages_line, next_briefing, topics_line
    from bot.commands.topic_input import split_topics
    from bot.store.channels import ChannelStore
    from bot.store.ledger import DeliveryLedger

    if getattr(args, "action", None) == "remove":
        from bot.cli_channel_remove import remove_channel

        return await remove_channel(args.channel, app)
    if getattr(args, "action", None) in ("pause", "resume"):
        from bot.cli_channel_pause import pause_channel

        return await pause_channel(args.channel, app, paused=args.action == "pause")
    store, coming = await _shown(app)  # writes nothing: a config channel not made yet is shown as it will be
    db = store.db
    ledger = DeliveryLedger(db)
    now = app.clock()
    rows: list[dict[str, Any]] = []
    local: dict[str, tuple[str, str]] = {}  # each channel's next and last briefing in its own zone
    for c in sorted([*await ChannelStore(db).all(), *coming.values()], key=lambda c: c.key):
        last = await ledger.last_delivered(c.key)
        upcoming = next_briefing(c, now)
        local[c.key] = (local_time(upcoming, c.timezone),  # as chat says it: Tue 24 Nov 07:30 CET
                        local_time(last.slot if last else None, c.timezone))
        rows.append({"channel": c.key, "schedule": c.schedule, "timezone": c.timezone,
                     "quiet_hours": c.quiet_hours, "paused": c.paused, "topics": list(c.topics),
                     "sources": list(c.sources), "last_delivered": last.slot.isoformat() if last else None,
                     "next": upcoming.isoformat() if upcoming else None, "last_error": c.last_error,
                     "alert_outlets": c.alert_outlets, "max_stories": c.max_stories or None,
                     "length": c.length, "languages": list(c.languages),
                     "muted": await ChannelStore(db).muted(c.ref),
                     "tracked": await ChannelStore(db).tracked(c.ref),
                     "pending": [pending_row(e) for e in await ledger.unfinished(c.key)]})
    if args.json:
        print_json(rows)
        return 0
    if not rows:
        print("No channels yet: `briefbot subscribe console:main NATO` creates one.")
    for r in rows:
        upcoming_text, last_text = local[r["channel"]]
        r = _shown_row(r)  # a stored text (a topic typed in chat, an error) with no escape sequence for the terminal
        state = "paused" if r["paused"] else f"next {upcoming_text}"
        quiet = f"  quiet hours {r['quiet_hours']}" if r["quiet_hours"] else ""  # why "next" moves, as `schedule` says
        print(f"{r['channel']}  {r['schedule']} ({r['timezone']})  {state}  last {last_text}{quiet}")
        everything = "every story from its sources" if r["sources"] else "every stored story"  # as delivered
        print(f"    topics: {topics_line(r['topics']) or f'(none: {everything})'}")  # as chat lists them
        for topic in (t for t in r["topics"] if len(split_topics(t)) > 1):  # stored whole by an older subscribe
            print(f"    `{topic}` is one topic, a story must hold every word of it: in chat, `unsubscribe {topic}` "
                  f"then `subscribe {topic}` makes it two")
        print(f"    length: {r['length']}")
        if r["max_stories"]:
            print(f"    at most {r['max_stories']} stories a briefing")
        if r["languages"]:
            print(f"    languages: {languages_line(r['languages'])}")
        if r["sources"]:
            print(f"    sources: {', '.join(r['sources'])}")
        if r["alert_outlets"]:
            print(f"    breaking alerts: at {r['alert_outlets']} outlets")
        if r["tracked"]:
            print(f"    tracked stories: {', '.join(r['tracked'])}")
        if r["muted"]:
            print(f"    muted stories: {', '.join(r['muted'])}")
        for p in r["pending"]:
            print(f"    {pending_line(p, r['timezone'])}")  # in the channel's zone, as "next" and "last"
        if r["last_error"]:
            print(f"    last error: {r['last_error']}")
    return 0


def _shown_row(value: Any) -> Any:
    """A row for the terminal: every text in it without escape sequences and control characters (an older version
    stored a topic as typed in chat: ``Valdoria\x1b]0;pwned\x07`` would set the operator's terminal title)."""
    if isinstance(value, str):
        return without_escapes(value)
    if isinstance(value, list):
        return [_shown_row(v) for v in value]
    if isinstance(value, dict):
        return {k: _shown_row(v) for k, v in value.items()}
    return value


def local_time(moment: datetime | None, zone: str) -> str:
    """``Tue 24 Nov 07:30 CET`` in the channel's zone, as chat says it; ``-`` for none; ISO in UTC for a zone this
    machine's tz database lacks."""
    from bot.commands.channel_context import when

    if moment is None:
        return "-"
    try:
        return when(moment, zone)
    except ScheduleError:
        return moment.isoformat()


def pending_row(entry: LedgerEntry) -> dict[str, Any]:
    """A claimed slot not yet delivered, as `channels --json` lists it: when it will be tried again and why."""
    return {"slot": entry.slot.isoformat(), "kind": entry.kind, "state": entry.state, "attempts": entry.attempts,
            "retry_at": entry.retry_at.isoformat() if entry.retry_at else None, "error": entry.error,
            "parts_out": len(entry.message_ids)}


def pending_line(row: Mapping[str, Any], zone: str | None = None) -> str:
    """``pending_row`` as one line: ``not posted yet: briefing of <slot> (attempt 2, 1 part out), retrying at
    <time>: <error>``; with ``zone`` (the channel's), the times as chat says them (``Tue 24 Nov 07:30 CET``),
    else as ISO."""
    def shown(iso: str) -> str:
        return iso if zone is None else local_time(datetime.fromisoformat(iso), zone)

    what = "alert" if row["kind"] == "alert" else "briefing"
    counts = [f"attempt {row['attempts']}" if row["attempts"] else "not tried yet"]
    if row["parts_out"]:
        counts.append(f"{counted(row['parts_out'], 'part')} out")
    line = f"not posted yet: {what} of {shown(row['slot'])} ({', '.join(counts)})"
    if row["retry_at"]:
        line += f", retrying at {shown(row['retry_at'])}"
    return line + (f": {row['error']}" if row["error"] else "")


async def run_subscribe(args: argparse.Namespace, app: App) -> int:
    ref = _ref(args.channel, app.config)
    if ref is None:
        return 2
    from bot.commands.topic_input import chat_topic, split_topics
    from bot.topics import TopicError

    typed = split_topics(" ".join(args.topic))  # a comma list is several topics, as chat's `subscribe` reads it
    topics: list[str] = []
    for text in typed or [""]:
        try:  # as chat reads it: a topic of only common words (`the`) would match every story, and is refused
            topics.append(chat_topic(text).text)
        except TopicError as exc:
            named = f"topic `{text}`" if len(typed) > 1 else "topic"
            err(f"briefbot: {named}: {exc}")
            return 2
    topics = list(dict.fromkeys(topics))
    store = await _ensured(app, ref)
    added = [t for t in topics if await store.subscribe(ref, t, user="cli", now=app.clock())]
    had = [t for t in topics if t not in added]
    if not added:
        print(f"{ref.key}: already subscribed to {_listed(had)}")
        return 0
    also = f" (already subscribed to {_listed(had)})" if had else ""
    print(f"{ref.key}: subscribed to {_listed(added)}{also}")
    return 0


def _listed(topics: list[str]) -> str:
    """``NATO`` or ``NATO, EU and Russia``: topics as the command line names them."""
    return topics[0] if len(topics) == 1 else ", ".join(topics[:-1]) + " and " + topics[-1]


async def run_alerts(args: argparse.Namespace, app: App) -> int:
    from bot.alerts import parse_alert_outlets

    ref = _ref(args.channel, app.config)
    if ref is None:
        return 2
    try:
        outlets = parse_alert_outlets(args.outlets)
    except ValueError as exc:
        err(f"briefbot: alerts: {exc}")
        return 2
    store = await _ensured(app, ref)
    await store.set_alerts(ref, outlets)
    print(f"{ref.key}: breaking alerts " + (f"at {outlets} outlets" if outlets else "off"))
    return 0


async def run_length(args: argparse.Namespace, app: App) -> int:
    ref = _ref(args.channel, app.config)
    if ref is None:
        return 2
    from bot.commands.describe_channel import length_line

    if not args.length:  # showing: no new store, nothing written
        store, coming = await _shown(app)
        channel = await store.get(ref) or coming.get(ref.key)
        length = channel.length if channel is not None else "full"
        print(f"{ref.key}: {length_line(length)}" + ("" if channel else "; the channel is not set up yet"))
        return 0
    try:
        length = parse_length(args.length)
    except ValueError as exc:
        err(f"briefbot: length: {exc}")
        return 2
    store = await _ensured(app, ref)
    await store.set_length(ref, length)
    print(f"{ref.key}: {length_line(length)}")
    return 0


async def run_languages(args: argparse.Namespace, app: App) -> int:
    ref = _ref(args.channel, app.config)
    if ref is None:
        return 2
    from bot.commands.describe_channel import languages_line

    if not args.codes:  # showing: no new store, nothing written
        store, coming = await _shown(app)
        channel = await store.get(ref) or coming.get(ref.key)
        codes = channel.languages if channel is not None else ()
        print(f"{ref.key}: {languages_line(codes)}" + ("" if channel else "; the channel is not set up yet"))
        return 0
    from bot.commands.language_input import language_codes

    try:
        codes = parse_languages(language_codes(" ".join(args.codes)))  # names too, as chat reads them
    except ValueError as exc:
        err(f"briefbot: languages: {exc}")
        return 2
    store = await _ensured(app, ref)
    await store.set_languages(ref, codes)
    print(f"{ref.key}: {languages_line(codes)}")
    return 0


async def run_schedule(args: argparse.Namespace, app: App) -> int:
    ref = _ref(args.channel, app.config)
    if ref is None:
        return 2
    from bot.commands.schedule_input import spoken_quiet, spoken_schedule, zone_key

    quiet: str | None = None
    try:  # read as chat reads them: `weekdays 7am`, `every monday at 9:00`, `europe/brussels`, `22-7`
        spec = parse_schedule(spoken_schedule(" ".join(args.spec))).spec
        tz = zone_key(args.tz) if args.tz else None
        if args.quiet is not None:
            typed = args.quiet.strip()
            quiet = "" if typed.lower() in ("", "off", "none") else spoken_quiet(typed)
            parse_quiet_hours(quiet)
    except ScheduleError as exc:
        err(f"briefbot: schedule: {exc}")
        return 2
    store = await _ensured(app, ref)
    await store.set_schedule(ref, now=app.clock(), schedule=spec, timezone=tz, quiet_hours=quiet)
    channel = await store.get(ref)
    assert channel is not None
    when = next_slot(parse_schedule(channel.schedule), parse_timezone(channel.timezone), app.clock(),
                     parse_quiet_hours(channel.quiet_hours))
    quiet = f"; quiet hours {channel.quiet_hours}" if channel.quiet_hours else ""  # they may move the "next"
    print(f"{ref.key}: {channel.schedule} ({channel.timezone}); next {local_time(when, channel.timezone)}{quiet}")
    from bot.commands.describe_channel import quiet_warning

    if warning := quiet_warning(channel):
        err(f"briefbot: schedule: warning: {warning}")
    return 0


async def run_post(args: argparse.Namespace, app: App) -> int:
    ref = _ref(args.channel, app.config)
    if ref is None:
        return 2
    from bot.chat_secrets import missing_post_token, missing_webhook_urls

    # as `run` refuses them: no slot is claimed, none failed
    unset = missing_webhook_urls(app.config, only=ref.key) + missing_post_token(app.config, ref.platform)
    for line in unset:
        err(f"briefbot post: {line}; nothing was posted")
    if unset:
        return 1
    from bot.cli_run_bot import chat_adapters, outcome_line
    from bot.delivery import Delivery

    db = await existing_store(app)  # no store: no channel to post to, and none is made
    channel = await (await _store(app, existing=True)).get(ref)
    if channel is None:
        err(f"briefbot: no channel {ref.key}; `briefbot channels` lists them")
        return 2
    adapters, _console = chat_adapters(app)
    try:
        if ref.platform not in {a.name for a in adapters}:  # said before a slot is claimed: none is left pending
            err(f"briefbot post: cannot post to {ref.key}: {no_adapter_reason(ref.platform)}; nothing was posted")
            return 1
        outcome = await Delivery(db, app.config, {a.name: a for a in adapters},
                                 clock=app.clock).post_now(channel, app.clock())
    finally:
        for a in adapters:
            await a.close()
    print(f"{ref.key}: {outcome_line(outcome)}")
    return 0 if outcome.state in ("delivered", "empty") else 1
