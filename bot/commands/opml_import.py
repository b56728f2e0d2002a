"""`sources import`: an OPML's feeds followed by a channel, each read first as `sources add` reads one, bounded."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Collection

from bot.answer.plain import echoed_url
from bot.ingest.discover import FeedCheck, Probe, check_feed_url
from bot.opml import OpmlFeeds
from bot.plurals import counted

MAX_CHECKED = 100  # new feeds read (and followed) per import: import the same OPML again for the rest
CHECK_AT_ONCE = 4  # feeds read at the same time
# All of an import's reads together: a feed not read by then (a site that holds the connection) is neither followed
# nor refused but left for the next import, so one reply never waits for 100 slow sites, 4 at a time
CHECK_SECONDS = 120.0
MAX_LINES = 20  # entries named one by one in the reply; the rest are counted
_NOTHING = " Nothing was followed."  # `sources add`'s ending, untrue of an import that followed others


async def import_feeds(feeds: OpmlFeeds, *, already: Collection[str], probe: Probe | None,
                       follow: Callable[[FeedCheck], Awaitable[bool]]) -> str:
    """Follow the OPML's feeds that the channel does not follow yet, each checked by ``probe`` first when given (a
    404, a refused address or a page naming no feed is not followed; a page naming its feed gets the feed), and
    the reply: how many were followed, then each entry skipped or changed with its reason."""
    lines = [f"{echoed_url(s.url)}: skipped, {s.reason}" for s in feeds.skipped]
    new = [o.url for o in feeds.outlines if o.url not in already]
    unread = 0
    if probe is not None and len(new) > MAX_CHECKED:
        new, unread = new[:MAX_CHECKED], len(new) - MAX_CHECKED
    checks = await _checks(new, probe)
    added = late = 0
    for url, check in zip(new, checks, strict=True):
        if check is None:
            late += 1
            continue
        if not check.ok:
            lines.append(f"not followed: {check.note.removesuffix(_NOTHING)}")
            continue
        if check.note:
            lines.append(f"{echoed_url(url)}: {check.note}")
        if await follow(check):  # its url, and a passing failure's headers (a Retry-After to wait out)
            added += 1
    shown = [f"• {line}" for line in lines[:MAX_LINES]]
    if len(lines) > MAX_LINES:
        shown.append(f"• and {counted(len(lines) - MAX_LINES, 'more entry', 'more entries')} like these")
    if unread:
        shown.append(f"• {counted(unread, 'more new feed')} not read yet: at most {MAX_CHECKED} are read and followed "
                     "per import; import the same OPML again for the rest")
    if late:
        shown.append(f"• {counted(late, 'more new feed')} not read yet: no answer within {CHECK_SECONDS:g} seconds "
                     "of reading; import the same OPML again for the rest")
    head = f"Imported {counted(added, 'new source')} of {feeds.listed} in the OPML."
    return "\n".join([head, *shown])


async def _checks(urls: list[str], probe: Probe | None) -> list[FeedCheck | None]:
    """Each URL read once as `sources add` reads it, CHECK_AT_ONCE at a time, None for one not read within
    CHECK_SECONDS in all; without a probe, all taken as given."""
    if probe is None:
        return [FeedCheck(url) for url in urls]
    gate = asyncio.Semaphore(CHECK_AT_ONCE)

    async def one(url: str) -> FeedCheck:
        async with gate:
            return await check_feed_url(url, probe)

    tasks = [asyncio.ensure_future(one(url)) for url in urls]
    if not tasks:
        return []
    _, late = await asyncio.wait(tasks, timeout=CHECK_SECONDS)
    for task in late:
        task.cancel()
    if late:
        await asyncio.wait(late)  # let each cancelled read close its connection
    return [None if task in late else task.result() for task in tasks]
