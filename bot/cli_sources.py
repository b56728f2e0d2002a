"""CLI ``sources remove``: stop polling a source ``ingest`` added, its articles kept; a config source is refused."""

from __future__ import annotations

import difflib
from urllib.parse import urlsplit

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
        close = closest_source(key, [s.key for s in await store.list()])
        hint = f"; did you mean {close}?" if close else ""
        err(f"briefbot: no source {key}; `briefbot sources` lists them{hint}")
        return 2
    async with db.connect() as conn:
        followers = sorted(str(c) for c in (await conn.execute(
            sa.select(channel_sources.c.channel).where(channel_sources.c.source == key))).scalars())
        # a folder's articles are kept under each file's own path, inside the folder's
        inside = articles.c.source.startswith(key.rstrip("/") + "/", autoescape=True)
        read_from = sa.or_(articles.c.source == key, inside) if _local(key, state.kind) else articles.c.source == key
        kept = int((await conn.execute(sa.select(sa.func.count()).where(read_from))).scalar() or 0)
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


def closest_source(typed: str, keys: list[str]) -> str:
    """The source ``typed`` most likely misspells, or "": one on the same host (and port) that reads nearly the same,
    else any within a few typed characters (one per 20 of the URL, at least one); never a merely similar URL on
    another host (``127.0.0.1:9/none.xml`` is no ``127.0.0.1:8766/broken.xml``)."""
    host = _host(typed)
    same_host = [k for k in keys if host and _host(k) == host]
    close = difflib.get_close_matches(typed, same_host, n=1, cutoff=0.8)
    if close:
        return close[0]
    most = max(1, len(typed) // 20)
    near = sorted((edits(typed, k, most), k) for k in keys)
    return near[0][1] if near and near[0][0] <= most else ""


def _host(key: str) -> str:
    try:
        return urlsplit(key).netloc.lower() if "://" in key else ""
    except ValueError:
        return ""


def edits(a: str, b: str, most: int) -> int:
    """The Levenshtein distance of ``a`` and ``b``, or ``most + 1`` as soon as it is surely more than ``most``."""
    if abs(len(a) - len(b)) > most:
        return most + 1
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (ca != cb))
        if min(row) > most:
            return most + 1
    return row[-1]


def _local(key: str, kind: str) -> bool:
    """Whether a source is a file or folder (kept by its absolute path), which no poll reads."""
    return kind in ("file", "folder") or (not kind and "://" not in key)
