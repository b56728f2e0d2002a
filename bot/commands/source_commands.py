"""The ``sources`` verb: a channel's followed feeds — add, remove, list (with health), OPML import/export."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from urllib.parse import urlsplit

from bot.answer.mentions import defused
from bot.answer.plain import echoed_in, echoed_url, plain
from bot.asked_wait import wait_as_asked
from bot.commands.base import Command, Invocation, Option, Reply
from bot.commands.deps import CommandDeps
from bot.commands.opml_import import import_feeds
from bot.ingest.credentials import is_held
from bot.ingest.discover import FeedCheck, check_feed_url
from bot.opml import OpmlError, Outline, to_opml
from bot.opml import read_opml as read_feeds
from bot.plurals import counted
from bot.store.channels import ChannelDefaults, ChannelStore
from bot.store.source_claims import pass_on, read_follow
from bot.store.sources import SourceState, SourceStore, pending_move

CHANGING = ("add", "remove", "import")
ACTIONS = ("add", "remove", "list", "import", "export")
SHOWING = frozenset(a for a in ACTIONS if a not in CHANGING)  # list, export: a mention may run them
FETCHING = frozenset({"add", "import"})  # read a page or an OPML from the web: held back under load


def refusal(what: str) -> Reply:
    """The polite refusal for a set-up change by someone without the permission (nothing changes)."""
    return Reply(f"Sorry, `{what}` changes this channel's set-up and needs the channel-management "
                 "permission. Nothing was changed.", ephemeral=True, error=True)


def valid_feed_url(text: str) -> str | None:
    url = text.strip().strip("<>")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or len(url) > 2000 or " " in url:
        return None
    return url


def health(state: SourceState | None, url: str) -> str:
    """``url (name) — last fetch 09:12 UTC, next poll 09:42 UTC`` (or the last error, or disabled; a source never
    polled yet: ``next poll at the next round``)."""
    if state is None:
        return f"{echoed_url(url)} — not fetched yet"

    def at(moment: datetime | None) -> str:
        return moment.strftime("%Y-%m-%d %H:%M UTC") if moment else "never"

    parts = [f"last fetch {at(state.last_fetch_at)}"]
    if state.last_error:
        # no failure: SourceStore.note, or SourceStore.hold for a source not polled (an unset credential variable)
        label = "last error" if state.failures or state.disabled else ("held back" if is_held(state.last_error)
                                                                         else "note")
        parts.append(f"{label}: {defused(state.last_error[:120])}")  # our words; a server's may be in them
        if state.failures:
            parts.append(f"{counted(state.failures, 'failure')} in a row")
    if move := pending_move(state):  # a [[sources]] entry's move, its note replaced by a failed poll's error
        parts.append(defused(move))
    if state.disabled:
        parts.append("DISABLED after repeated failures")
    elif state.next_poll_at is None:  # never polled (or asked again): the poller takes it at its next round
        parts.append("next poll at the next round")
    else:
        parts.append(f"next poll {at(state.next_poll_at)}")
    name = f" ({plain(state.name)})" if state.name else ""  # the feed's own title: untrusted text
    return f"{echoed_url(url)}{name} — " + ", ".join(parts)


def sources_command(deps: CommandDeps) -> Command:
    channels = ChannelStore(deps.db)
    sources = SourceStore(deps.db)

    async def follow(inv: Invocation, check: FeedCheck, now: datetime) -> bool:
        """Follow ``check.url`` here; a first read that failed for now is recorded on the source, which ``sources
        list`` then shows failing until it answers, and its Retry-After puts the first poll off, as ``ingest`` does
        (bot/pipeline.py, bot/asked_wait.py)."""
        # no interval of its own (0): polled every [scheduler] poll_interval as the config says it at each start
        await sources.ensure(check.url, kind="feed", now=now, interval_seconds=0)
        new_follow = await channels.follow(inv.channel, check.url, now=now)
        if check.failed:
            await sources.record_failure(check.url, kind="feed", now=now, error=check.failed)
        await wait_as_asked(sources, check.url, check.headers, now)
        return new_follow

    async def read_opml(target: str) -> str:
        if target.lstrip().startswith("<"):
            return target
        url = valid_feed_url(target)
        if url is None:
            raise OpmlError("give an OPML document's URL or paste its text")
        from bot.ingest.fetch import Fetcher, FetchError

        try:
            async with Fetcher(deps.config.ingest) as fetcher:
                return (await fetcher.fetch(url)).body.decode("utf-8", "replace")
        except FetchError as exc:
            raise OpmlError(f"could not fetch the OPML: {exc.reason}") from exc

    async def run(inv: Invocation) -> Reply:
        action = inv.options.get("action", "").lower()
        target = inv.options.get("target", "").strip()
        now = inv.now or deps.clock()
        if action not in ACTIONS:
            said = f"`sources {action[:30]}` is not something I can do" if action else "Which sources action?"
            return Reply(f"{said}: `{inv.prefix} sources add <url>`, `remove <url>`, `list`, `import <OPML url or "
                         "text>` or `export`.", ephemeral=True, error=True)
        if action in CHANGING and not inv.can_manage:
            return refusal(f"sources {action}")
        channel = await channels.get(inv.channel)
        followed = channel.sources if channel else ()
        if action == "list":
            if not followed:
                return Reply(f"{unfollowed(channel.topics if channel else ())} `sources add <feed url>` follows one.",
                             ephemeral=True)
            states = {s.key: s for s in await sources.list()}
            return Reply("Sources:\n" + "\n".join(f"• {health(states.get(u), u)}" for u in followed),
                         ephemeral=True)
        if action == "export":
            states = {s.key: s for s in await sources.list()}
            outlines = [Outline(u, states[u].name if u in states else "") for u in followed]
            return Reply(to_opml(outlines, f"briefbot sources for {inv.channel.key}"), ephemeral=True)
        await channels.ensure(inv.channel, ChannelDefaults.from_config(deps.config), now=now)
        if action == "import":
            try:
                feeds = read_feeds(await read_opml(target))
            except OpmlError as exc:
                return Reply(f"I could not import that: {echoed_in(str(exc), inv.args)}.", ephemeral=True, error=True)

            async def follow_one(check: FeedCheck) -> bool:
                return await follow(inv, check, now)  # as `sources add` does

            text = await import_feeds(feeds, already=followed, probe=deps.probe, follow=follow_one)
            await _changed(deps, inv)
            return Reply(text)
        url = valid_feed_url(target)
        if url is None:
            got = f", got {plain(repr(target[:80]))}" if target else ""
            return Reply(f"`sources {action}` needs an http(s) feed URL{got}, e.g. `{inv.prefix} sources {action} "
                         "https://example.org/feed.xml`.", ephemeral=True, error=True)
        if action == "add":
            check = FeedCheck(url) if deps.probe is None else await check_feed_url(url, deps.probe)
            if not check.ok:
                return Reply(check.note, ephemeral=True, error=True)
            url, note = check.url, (" " + check.note if check.note else "")
            new_follow = await follow(inv, check, now)
            if not new_follow:
                return Reply(f"This channel already follows {echoed_url(url)}.", ephemeral=True)
            await _changed(deps, inv)
            every = deps.config.scheduler.poll_interval
            return Reply(f"Following {echoed_url(url)}; it is polled every {every}.{note}")
        follow_row = await read_follow(deps.db, inv.channel.key, url)  # read before the follow is gone
        if not await channels.unfollow(inv.channel, url):
            return Reply(f"This channel does not follow {echoed_url(url)}; `sources list` shows what it does.",
                         ephemeral=True, error=True)
        configured = {s.url for s in deps.config.sources}
        if follow_row.followed_at is not None and await channels.followers(url):
            await pass_on(deps.db, url, follow_row.followed_at)  # so the last follower to go still deletes it
        # Deleted only when this channel's follow made it and nothing else needs it: a source the operator added
        # (`briefbot ingest URL`, the config) or that another channel follows is kept, and polled, as it was.
        if not await channels.followers(url) and url not in configured and not follow_row.predated():
            await sources.remove(url)
        await _changed(deps, inv)
        return Reply(f"Stopped following {echoed_url(url)}.")

    return Command(
        "sources", "This channel's sources: `add <url>`, `remove <url>`, `list` (with health), "
        "`import <OPML url or text>`, `export`.", run,
        (Option("action", "add, remove, list, import or export", required=True,
                shown="add | remove | list | import | export"),
         Option("target", "a feed URL (or a site page that names its feed), or an OPML URL or text", rest=True,
                autocomplete="sources", shown="<url or OPML>")),
        slow=True, manages_with_args=True, read_only_actions=SHOWING, heavy_actions=FETCHING)


def unfollowed(topics: Sequence[str]) -> str:
    """What a channel that follows no sources gets: with topics, the stored stories matching them (from every
    source); without, every stored story."""
    if not topics:
        return "This channel follows no sources and has no topics: it gets every stored story."
    which = "its topics (`topics` lists them)" if len(topics) > 1 else "its topic (`topics` shows it)"
    return f"This channel follows no sources: it gets every stored story matching {which}."


async def _changed(deps: CommandDeps, inv: Invocation) -> None:
    if deps.on_channel_change is not None:
        await deps.on_channel_change(inv.channel)
