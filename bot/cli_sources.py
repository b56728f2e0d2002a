"""CLI ``sources remove``: stop polling a source ``ingest`` added, its articles kept; a config source is refused."""

from __future__ import annotations

import difflib

import sqlalchemy as sa

from bot.app import App
from bot.cli_common import err, existing_store
from bot.ingest.local_paths import source_key
from bot.plurals import counted


async def remove_source(typed: str, app: App) -> int:
    """Delete the source row (the poller polls only those), keep its articles; exit 2 for a ``[[sources]]`` entry,
    which every start would add again, and for a source the store does not have."""
    from bot.store.schema import articles, channel_sources
    from bot.store.sources import SourceStore

    key = source_key(typed.strip()) if typed.strip() else ""
    if not key:
        err("briefbot sources remove: give the URL to stop polling, as `briefbot sources` lists it")
        return 2
    if key in {item.url for item in app.config.sources}:
        err(f"briefbot sources remove: {key} is a [[sources]] entry in the config: remove it there (every start "
            "reads the config's sources again); its articles stay in the store")
        return 2
    db = await existing_store(app)
    store = SourceStore(db)
    state = await store.get(key)
    if state is None:
        close = difflib.get_close_matches(key, [s.key for s in await store.list()], n=1, cutoff=0.8)
        hint = f"; did you mean {close[0]}?" if close else ""
        err(f"briefbot: no source {key}; `briefbot sources` lists them{hint}")
        return 2
    async with db.connect() as conn:
        followers = sorted(str(c) for c in (await conn.execute(
            sa.select(channel_sources.c.channel).where(channel_sources.c.source == key))).scalars())
        kept = int((await conn.execute(sa.select(sa.func.count()).where(articles.c.source == key))).scalar() or 0)
    await store.remove(key)
    stays = "stays" if kept == 1 else "stay"
    # a file or folder is read only when `ingest` is given it (never polled): removing it only drops it from the list
    done = ("removed from the sources (a file or folder is read only when ingested)" if _local(key, state.kind)
            else "no longer polled")
    print(f"{key}: {done}; its {counted(kept, 'article')} {stays} in the store")
    if followers:
        print(f"    still followed by {', '.join(followers)}: the stored articles stay in their briefings, nothing "
              "new arrives (chat's `sources remove URL` there ends the follow)")
    return 0


def _local(key: str, kind: str) -> bool:
    """Whether a source is a file or folder (kept by its absolute path), which no poll reads."""
    return kind in ("file", "folder") or (not kind and "://" not in key)
