"""Dedupe for a batch of articles, decided in memory exactly as saving them one by one would decide."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal, TypeVar

from bot.models import Article

Outcome = Literal["added", "updated", "unchanged", "duplicate", "pruned"]
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class StoredKeys:
    """What dedupe needs of a stored article: its identity keys and its insertion order."""

    id: str
    seq: int
    guid: str | None
    source: str
    url: str
    content_hash: str
    title: str | None = None  # None: not compared (a headline-only edit is then no edit)


@dataclass(frozen=True, slots=True)
class Decision:
    """What to do with one article of the batch. ``target`` is the stored article it concerns: the
    new row (added), the row to overwrite (updated), the row already holding it (unchanged,
    duplicate)."""

    outcome: Outcome
    target: str
    article: Article


def chunked(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


class _Rows:
    """The stored rows a batch can touch, indexed by each dedupe key; updated as decisions are made."""

    def __init__(self, stored: Iterable[StoredKeys]) -> None:
        self.rows: dict[str, StoredKeys] = {}
        self.by_guid: dict[tuple[str, str], set[str]] = {}
        self.by_url: dict[str, set[str]] = {}
        self.by_hash: dict[str, set[str]] = {}
        self.next_seq = 0
        for row in stored:
            self.put(row)

    def put(self, row: StoredKeys) -> None:
        old = self.rows.get(row.id)
        if old is not None:
            self._unindex(old)
        self.rows[row.id] = row
        self.next_seq = max(self.next_seq, row.seq + 1)
        if row.guid:
            self.by_guid.setdefault((row.guid, row.source), set()).add(row.id)
        self.by_url.setdefault(row.url, set()).add(row.id)
        self.by_hash.setdefault(row.content_hash, set()).add(row.id)

    def _unindex(self, row: StoredKeys) -> None:
        if row.guid:
            self.by_guid[(row.guid, row.source)].discard(row.id)
        self.by_url[row.url].discard(row.id)
        self.by_hash[row.content_hash].discard(row.id)

    def by_link(self, a: Article) -> StoredKeys | None:
        """The stored row ``a``'s link finds: the earliest at it, unless the link is shared between items (a feed
        linking every item to its home page: ``a.link_shared``, or two articles with GUIDs stored at it already).
        Then an article with a GUID is told apart by it (no row), one without is its own row (its id comes from the
        link) if stored. A GUID changed with an edit (a feed numbering its versions) still finds its article here."""
        if not a.url:
            return None
        ids = self.by_url.get(a.url) or set()
        if not a.link_shared and len({(self.rows[i].source, self.rows[i].guid) for i in ids if self.rows[i].guid}) < 2:
            return self.first(ids)
        return None if a.guid else self.rows.get(a.id)

    def first(self, ids: set[str] | None) -> StoredKeys | None:
        """The earliest stored of the matching rows (what an index scan with LIMIT 1 finds)."""
        if not ids:
            return None
        return min((self.rows[i] for i in ids), key=lambda r: r.seq)


def plan_batch(batch: Sequence[Article], stored: Iterable[StoredKeys],
               relinked: Mapping[str, str] | None = None) -> list[Decision]:
    """One decision per article, in order. ``stored`` must hold every stored row sharing a GUID, URL
    or content hash with some article of the batch, and those ``relinked`` names (article id -> the stored row a
    republication at a new link edits: bot/store/relinked.py). Later articles see the effect of earlier ones
    (the same article twice in one feed is added once, then ``unchanged``)."""
    rows = _Rows(stored)
    out: list[Decision] = []
    for a in batch:
        existing = rows.first(rows.by_guid.get((a.guid, a.source))) if a.guid else None
        if existing is None:
            existing = rows.by_link(a)
        if existing is None and relinked and a.id in relinked:
            existing = rows.rows.get(relinked[a.id])
        if existing is not None:
            # an edited headline is an edit too (bot/store/revisions.py keeps what changed)
            if existing.content_hash == a.content_hash and existing.title in (None, a.title):
                out.append(Decision("unchanged", existing.id, a))
                continue
            rows.put(StoredKeys(existing.id, existing.seq, existing.guid, existing.source,
                                a.url or existing.url, a.content_hash, a.title))
            out.append(Decision("updated", existing.id, a))
            continue
        same_text = rows.first(rows.by_hash.get(a.content_hash))
        if same_text is not None:
            out.append(Decision("duplicate", same_text.id, a))
            continue
        rows.put(StoredKeys(a.id, rows.next_seq, a.guid, a.source, a.url, a.content_hash, a.title))
        out.append(Decision("added", a.id, a))
    return out
