"""The parts of recent deliveries this process posted, so a retried ``post`` with the same key sends only the rest."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence

KEYS_REMEMBERED = 256  # deliveries whose parts this process remembers (as the webhooks' adapters do)


class SentParts:
    """Per delivery key, the ids of its parts that went out, in order, and how many parts it was rendered in.

    The delivery ledger is what a retry normally resumes from (``post_resuming``'s ``posted``, after a restart
    too); this covers a caller that retries through ``post`` alone, in the same process."""

    def __init__(self, remembered: int = KEYS_REMEMBERED) -> None:
        self._remembered = remembered
        self._parts: OrderedDict[str, tuple[int, list[str]]] = OrderedDict()

    def out_already(self, key: str, total: int, posted: Sequence[str]) -> list[str]:
        """The ids out already: the ledger's ``posted``, or what this process sent when it knows more (the same
        key rendered in as many parts, starting with the ledger's). Starts remembering ``key``."""
        if not key:
            return list(posted)
        known = self._parts.get(key)
        ids = list(posted)
        if known is not None and known[0] == total and known[1][:len(ids)] == ids and len(known[1]) > len(ids):
            ids = list(known[1])
        self._parts[key] = (total, list(ids))
        self._parts.move_to_end(key)
        while len(self._parts) > self._remembered:
            self._parts.popitem(last=False)
        return ids

    def add(self, key: str, message_id: str) -> None:
        """One more part of ``key`` went out."""
        known = self._parts.get(key)
        if key and known is not None:
            known[1].append(message_id)
