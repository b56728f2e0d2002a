"""A source whose URL moved for good (HTTP 301, 308): read at its new address, or a note saying why it is not."""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection

from bot.ingest.userinfo import has_userinfo, mask_userinfo
from bot.store.sources import SourceStore

CONFIG_MOVE_NOTE = "moved permanently to {new}: update its url in [[sources]] in the config"


class SourceMoves:
    """Makes the moves a poll (bot/poller.py) or a first read (``ingest``, bot/pipeline.py) finds, one rule for both;
    ``configured``: the ``[[sources]]`` URLs now; ``log``: the logger the move's WARNING line goes to."""

    def __init__(self, sources: SourceStore, configured: Callable[[], Collection[str]], log: logging.Logger) -> None:
        self.sources = sources
        self.configured = configured
        self.log = log
        self._reported: set[tuple[str, str]] = set()  # (source, new URL) warned about, once per process

    async def moved(self, key: str, new: str) -> str:
        """A source whose URL answered with a permanent redirect to ``new``: the store's source is read at ``new``
        from now on. A ``[[sources]]`` entry, which the store cannot rewrite, and a source that moved onto another
        are kept as they are, and so is any source whose ``new`` carries a user name and password (the key is shown
        everywhere); `briefbot sources` shows the move, and one warning tells the operator. Returns what happened,
        without the source's URL ("moved permanently to <new>: the source is read at the new address ...")."""
        if has_userinfo(new):  # the store's key is shown everywhere (`briefbot sources`, chat): not a password
            return await self._not_moved(
                key,
                f"moved permanently to {mask_userinfo(new)}, an address with a user "
                "name and password: not moved there (a feed that needs credentials "
                "is a [[sources]] entry with headers_env in the config)",
                new,
            )
        configured = key in self.configured()
        if not configured and await self.sources.move(key, new):
            said = f"moved permanently to {new}: the source is read at the new address from now on"
            self.log.warning("%s %s", key, said)
            return said
        if configured:  # kept apart from the note too, so a failed poll replacing the note does not lose it
            return await self._not_moved(key, CONFIG_MOVE_NOTE.format(new=new), new, pending=True)
        return await self._not_moved(
            key, f"moved permanently to {new}, which is a source already: remove this one", new
        )

    async def _not_moved(self, key: str, note: str, new: str, *, pending: bool = False) -> str:
        """A move not made: ``note`` (a URL in it masked) kept as the source's note, and one warning a process;
        ``pending``: a ``[[sources]]`` entry's, kept as its pending move as well (config_move_target)."""
        if pending:
            await self.sources.config_moved(key, new, note)
        else:
            await self.sources.note(key, note)
        said = f"{note} (still read at the old address while it redirects)"
        if (key, new) not in self._reported:
            self._reported.add((key, new))
            self.log.warning("%s: %s", key, said)
        return said
