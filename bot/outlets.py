"""Which of a story's articles are independent reports: one site is one outlet, and syndicated copy is one report."""

from __future__ import annotations

import ipaddress
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import datetime
from functools import lru_cache
from urllib.parse import urlsplit

from tld import get_fld
from tld.utils import MozillaTLDSourceParser

from bot.ingest.aggregators import aggregator_redirect
from bot.models import Article, SourceRef

SHINGLE = 5  # words per shingle: a run of five words in the same order rarely repeats between independent writers
MAX_WORDS = 600  # words of each article compared (its start): bounds the cost of a huge text
HEAD_CHARS = 8000  # characters of each article's text a caller needs to read for that (about 1,200 words)
MIN_SHINGLES = 8  # a text shorter than this many shingles (12 words) is too short to call a copy
# the share of the shorter text's shingles also found in the other's at or above which two texts are one report.
# Chosen on the examples written for tests/core/test_outlets.py and tests/channels: republished wire copy (a new
# headline, a dateline, a "follow us" line, a local intro, the last paragraph cut, a few words edited) scores
# 0.73-1.0 against the wire and each other; independent reports of the same event, sharing its names, numbers,
# a quote and stock phrases, score 0.0-0.15, and a short rewrite that keeps several of the agency's phrases 0.26
COPY_THRESHOLD = 0.5
# and the share of the longer text's shingles also found in the shorter one at or above which it is a copy: most of
# both texts shared, so a one-sentence teaser (or a lead of a few sentences) inside another outlet's full article
# makes neither a copy of the other, whichever came first. The copies above cover 0.68-0.91 of the longer text; a
# feed's one-sentence teaser of a 150-word report about 0.05
COVER_THRESHOLD = 0.5
REPUBLISHED = "republished by"  # how a source line credits the copies of an outlet's text

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
NAMED = "name:"  # how a site key counted by an outlet's name starts
# an outlet "name" that is only a host name ("courier.example", "www.bayherald.co.uk"), as an aggregator's item
# without a name in its <source url="..."> is given (its home page's host)
_HOST_NAME = re.compile(r"(?:[^\W_](?:[\w-]*[^\W_])?\.)+[^\W\d_]{2,}", re.UNICODE)
# when the bundled list cannot be read: a country code under one of these is a two-label suffix (example.co.uk)
_SECOND_LEVEL = frozenset({"ac", "co", "com", "edu", "gov", "net", "org", "or", "ne", "go", "gob", "nic"})


class _BundledSuffixes(MozillaTLDSourceParser):
    """The public-suffix list as the tld package ships it, never fetched: no source URL to update it from."""

    uid = "briefbot-bundled"
    source_url = ""

    @classmethod
    def update_tld_names(cls, fail_silently: bool = False) -> bool:
        return False  # the bundled file missing: no suffix list (the fallback below), never a download


def site_key(url: str, name: str = "") -> str:
    """Which site an article comes from: the registrable domain of its URL (news.example.co.uk and
    www.example.co.uk are both example.co.uk), or ``name:`` and the outlet name when the URL names no site: no
    URL (a local file), a host that is an address or a name without a dot (127.0.0.1, localhost: a machine,
    which may serve several outlets, as a test server does), or an aggregator's redirect link
    (news.google.com/rss/articles/...: every outlet's items in a news search's feed have one; such an item whose
    outlet name is a host name, its <source> giving only the outlet's home page, is that host's site). The name
    is compared with case, spacing and a leading "The" aside (``outlet_name``); ``story_sites`` also gives an
    aggregator's item the site of another article of the same outlet name."""
    return _site(url, name)


@lru_cache(maxsize=16384)  # more than the sources of the stories StoreFeed keeps: ranking asks per story and channel
def _site(url: str, name: str) -> str:
    host = _host(url)
    if host and not _is_address(host):
        if not aggregator_redirect(url):
            return _registrable(host)
        named = unicodedata.normalize("NFKC", name).strip().rstrip(".").casefold()
        if _HOST_NAME.fullmatch(named) and not _is_address(named):
            return _registrable(named)
    return NAMED + outlet_name(name)


def outlet_name(name: str) -> str:
    """An outlet's name as compared: NFKC, case folded, spacing collapsed, a leading "The" dropped ("The  Lindholt
    Courier" is "lindholt courier"); "" for none."""
    folded = " ".join(unicodedata.normalize("NFKC", name).casefold().split())
    return folded[4:] if folded.startswith("the ") and len(folded) > 4 else folded


def site_of(ref: SourceRef) -> str:
    return site_key(ref.url, ref.name)


def story_sites(refs: Iterable[SourceRef]) -> dict[str, str]:
    """Article id -> its site (``site_of``), where an article behind an aggregator's redirect link (a news search
    feed's item, counted by its outlet name) takes the site of the first of ``refs`` that has a site of its own
    and the same outlet name (``outlet_name``): an outlet seen through a news search's feed and through its own
    feed is one outlet. Articles with sites of their own keep them, whatever their names, and a local file or a
    machine's address (also counted by name) is not taken for a site's article."""
    refs = list(refs)
    sites = {r.article_id: site_of(r) for r in refs}
    joining = [r for r in refs if sites[r.article_id].startswith(NAMED) and aggregator_redirect(r.url)]
    if not joining:
        return sites
    by_name: dict[str, str] = {}
    for r in refs:
        if not sites[r.article_id].startswith(NAMED):
            by_name.setdefault(outlet_name(r.name), sites[r.article_id])
    by_name.pop("", None)
    for r in joining:
        sites[r.article_id] = by_name.get(outlet_name(r.name), sites[r.article_id])
    return sites


def _is_address(host: str) -> bool:
    if "." not in host:
        return True
    bare = host.strip("[]")
    if ":" not in bare and not bare.replace(".", "").isdecimal():
        return False  # what ip_address would say, without its exception: IPv4 is ASCII digits and dots, IPv6 has ":"
    try:
        ipaddress.ip_address(bare)
    except ValueError:
        return False
    return True


def _host(url: str) -> str:
    try:
        return (urlsplit(url.strip()).hostname or "").rstrip(".").lower()
    except ValueError:
        return ""


@lru_cache(maxsize=4096)
def _registrable(host: str) -> str:
    """The registrable domain by the bundled public-suffix list (public and private sections, so two blogs on
    one hosting service stay two sites). A host the list does not know (``.test``) falls back to its last two
    labels, or three for a common second level under a country code (``co.uk``, ``com.au``)."""
    try:
        found = get_fld(host, fail_silently=True, fix_protocol=True, parser_class=_BundledSuffixes)
    except Exception:  # the bundled list unreadable: the fallback below, never a fetch
        found = None
    if isinstance(found, str) and found:
        return found
    labels = [p for p in host.split(".") if p]
    keep = 3 if len(labels) > 2 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL else 2
    return ".".join(labels[-keep:]) if labels else host


def shingles(text: str, *, size: int = SHINGLE, max_words: int = MAX_WORDS) -> frozenset[int]:
    """Hashes of the runs of ``size`` words of the text's first ``max_words`` words (case and accents' forms
    folded; punctuation ignored)."""
    words = _WORD.findall(unicodedata.normalize("NFKC", text[: max_words * 40]).casefold())[:max_words]
    return frozenset(map(hash, zip(*(words[i:] for i in range(size)), strict=False)))


def containment(a: frozenset[int], b: frozenset[int]) -> float:
    """The share of the smaller set also in the other (1.0: one text's start is all inside the other's)."""
    if len(a) < MIN_SHINGLES or len(b) < MIN_SHINGLES:
        return 0.0
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    return len(small & large) / len(small)


def coverage(a: frozenset[int], b: frozenset[int]) -> float:
    """The share of the larger set also in the other (1.0: the two texts' starts are the same)."""
    if len(a) < MIN_SHINGLES or len(b) < MIN_SHINGLES:
        return 0.0
    return len(a & b) / max(len(a), len(b))


def is_copy(a: frozenset[int], b: frozenset[int], *, threshold: float = COPY_THRESHOLD,
            cover: float = COVER_THRESHOLD) -> bool:
    """Whether two texts (their shingles) are one report: most of the shorter is in the longer, and the shared
    part is most of the longer too (a short teaser or lead inside a full article is not a copy of it)."""
    return containment(a, b) >= threshold and coverage(a, b) >= cover


def find_copies(refs: Sequence[SourceRef], texts: Mapping[str, str], *,
                threshold: float = COPY_THRESHOLD) -> dict[str, str]:
    """Article id -> the id of the original it repeats, for the articles whose text is a near copy of an earlier
    one (``is_copy``: most of both texts shared). The earliest published of near-identical texts is the original
    (undated ones after dated ones, in the order given); each later article is compared with the originals found
    so far, so a copy's ``copy_of`` always names an original. Articles without text are never copies."""
    ordered = sorted(enumerate(refs), key=lambda p: (p[1].published is None, p[1].published or datetime.min, p[0]))
    originals: list[tuple[str, frozenset[int]]] = []
    out: dict[str, str] = {}
    for _, ref in ordered:
        own = shingles(texts.get(ref.article_id, ""))
        match = next((oid for oid, theirs in originals if is_copy(own, theirs, threshold=threshold)), None)
        if match is not None:
            out[ref.article_id] = match
        else:
            originals.append((ref.article_id, own))
    return out


def copy_marks(articles: Sequence[Article]) -> dict[str, str]:
    """What ``articles.copy_of`` keeps for each of a story's articles (given in storage order, as the loader reads
    them): the id of the original it repeats, or "" (an independent report, or the original). The same answer as
    ``find_copies`` on the first HEAD_CHARS characters of each text, which is what a load reads."""
    if len(articles) < 2:
        return {a.id: "" for a in articles}
    refs = [SourceRef(a.id, a.outlet, a.url, a.title, a.published) for a in articles]
    copies = find_copies(refs, {a.id: a.text[:HEAD_CHARS] for a in articles})
    return {a.id: copies.get(a.id, "") for a in articles}


def mark_copies(refs: Sequence[SourceRef], texts: Mapping[str, str]) -> list[SourceRef]:
    """The refs, in the same order, each with ``copy_of`` set when its text repeats an earlier article's."""
    copies = find_copies(refs, texts)
    return [r if r.copy_of == copies.get(r.article_id) else replace(r, copy_of=copies.get(r.article_id))
            for r in refs]


def independent(sources: Iterable[SourceRef]) -> list[SourceRef]:
    """The sources that are reports of their own: not copies of another source of the story. A copy whose
    original is not among ``sources`` stands for it."""
    sources = list(sources)
    ids = {s.article_id for s in sources}
    return [s for s in sources if s.copy_of is None or s.copy_of not in ids]


def outlet_count(sources: Iterable[SourceRef]) -> int:
    """How many independent outlets report it: the different sites (``story_sites``) of its sources that are not
    copies."""
    sources = list(sources)
    sites = story_sites(sources)
    return len({sites[s.article_id] for s in independent(sources)})


def outlet_total(groups: Iterable[Iterable[SourceRef]]) -> int:
    """How many different outlets report any of these stories (each story's sources one group; an outlet
    counted by name in one story and by site in another is one)."""
    groups = [list(g) for g in groups]
    sites = story_sites(s for g in groups for s in g)
    return len({sites[s.article_id] for g in groups for s in independent(g)})


def source_groups(sources: Sequence[SourceRef]) -> list[tuple[SourceRef, list[SourceRef]]]:
    """Each independent source with the sources that republish its text, in the order given; what a source
    line shows, so copies are not listed as reporting of their own."""
    own = independent(sources)
    kept = {s.article_id: s for s in own}
    sites = story_sites(sources)
    copies: dict[str, list[SourceRef]] = {}
    for s in sources:
        if s.article_id not in kept and s.copy_of is not None and not _same_outlet(s, kept.get(s.copy_of), sites):
            copies.setdefault(s.copy_of, []).append(s)  # one outlet's second copy of its own text is not republished
    return [(s, copies.get(s.article_id, [])) for s in own]


def _same_outlet(a: SourceRef, b: SourceRef | None, sites: Mapping[str, str]) -> bool:
    """Whether two sources are one outlet: one site (``story_sites``), or (a site-less file, another address) one
    outlet name."""
    if b is None:
        return False
    return (sites.get(a.article_id) or site_of(a)) == (sites.get(b.article_id) or site_of(b)) or (
        outlet_name(a.name) == outlet_name(b.name) != "")


def original_name(ref: SourceRef, sources: Sequence[SourceRef]) -> str | None:
    """The outlet name of the source ``ref`` repeats, when it is a copy of one of ``sources`` from another outlet."""
    if ref.copy_of is None:
        return None
    found = next((s for s in sources if s.article_id == ref.copy_of), None)
    if found is None or _same_outlet(ref, found, story_sites(sources)):  # its own outlet's earlier article
        return None
    return found.name or found.title or "another outlet"
