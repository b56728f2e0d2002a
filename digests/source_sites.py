"""A story's source list by site: each site once, under its best name, with every article link it has."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

from bot.ingest.local_paths import names_the_file
from bot.models import SourceRef
from bot.outlets import source_groups, story_sites

NEW = "(new)"  # marks a follow-up's report the channel has not seen, in every renderer's source links
# a name that is only a host name ("foxnews.com", "www.example.co.uk"): what a page without an outlet name gets
_BARE_DOMAIN = re.compile(r"(?:[^\W_](?:[\w-]*[^\W_])?\.)+[^\W\d_]{2,}", re.UNICODE)


@dataclass(frozen=True, slots=True)
class SiteSources:
    """One site's articles in a story's source list: the name shown, its articles (a follow-up's new ones first,
    then in the story's order), the sites that republish their text and the links of its new articles."""

    name: str
    refs: tuple[SourceRef, ...]
    copies: tuple[SiteSources, ...] = ()
    new_urls: frozenset[str] = frozenset()

    @property
    def urls(self) -> list[str]:
        """Its articles' links, each once, in order (an article without one has none)."""
        return list(dict.fromkeys(r.url for r in self.refs if r.url))

    @property
    def files(self) -> list[str]:
        """The names of the local files its articles without a link were read from, each once, in order."""
        return list(dict.fromkeys(r.file for r in self.refs if r.file and not r.url))


def is_bare_domain(name: str) -> bool:
    return bool(_BARE_DOMAIN.fullmatch(name.strip()))


def best_name(refs: Sequence[SourceRef]) -> str:
    """The first real outlet name of the refs, over a bare domain; then any name; then a title."""
    names = [r.name.strip() for r in refs if r.name.strip()]
    real = [n for n in names if not is_bare_domain(n)]
    return (real or names or [r.title.strip() for r in refs if r.title.strip()] or [""])[0]


def _by_site(refs: Sequence[SourceRef], sites: dict[str, str]) -> dict[str, list[SourceRef]]:
    grouped: dict[str, list[SourceRef]] = {}
    for ref in refs:
        grouped.setdefault(sites[ref.article_id], []).append(ref)
    return grouped


def site_sources(sources: Sequence[SourceRef], new: Collection[str] = ()) -> list[SiteSources]:
    """The story's independent reports grouped by site (``bot.outlets.story_sites``, what its outlet count
    counts: an outlet's item from a news search's feed with its own feed's), in the order each site first
    appears, each with the sites that republish any of its articles. ``new``: a follow-up's article ids the
    channel has not seen (``BriefingItem.new``): first among their site's articles, their links marked
    (``linked``)."""
    sites = story_sites(sources)
    own: dict[str, list[SourceRef]] = {}
    copies: dict[str, list[SourceRef]] = {}
    for ref, its_copies in source_groups(sources):
        key = sites[ref.article_id]
        own.setdefault(key, []).append(ref)
        copies.setdefault(key, []).extend(its_copies)
    return [_site(refs, new, tuple(_site(c, new) for c in _by_site(copies[key], sites).values()))
            for key, refs in own.items()]


def _site(refs: Sequence[SourceRef], new: Collection[str], copies: tuple[SiteSources, ...] = ()) -> SiteSources:
    ordered = new_first(refs, new)
    return SiteSources(best_name(refs), tuple(ordered), copies,
                       frozenset(r.url for r in ordered if r.url and r.article_id in new))


def new_first(refs: Sequence[SourceRef], new: Collection[str]) -> list[SourceRef]:
    """The refs with those of ``new`` (article ids) first, each group in its own order."""
    return sorted(refs, key=lambda r: r.article_id not in new) if new else list(refs)


def shown_names(sources: Sequence[SourceRef]) -> dict[str, str]:
    """Article id -> the name its site is shown under (every source of the story, copies included)."""
    return {r.article_id: best_name(refs) for refs in _by_site(sources, story_sites(sources)).values() for r in refs}


def linked(site: SiteSources, link: Callable[[str, str], str]) -> str:
    """The site's name linked to its first article, then its other articles' links labelled 2, 3, ...:
    "[Fox News](https://...) [2](https://...)"; a follow-up's new article's label ends in "(new)" (``NEW``):
    "[Fox News (new)](https://...)"; ``link(url, label)`` makes one (``url`` "" for none). Its local files
    follow as text, never a link: "Orrin Courier (file ferry-notes.txt)" (``file_label``), or "file ferry-notes.txt"
    alone for a site named after its one file (``only_its_file``)."""
    urls = site.urls
    if not urls and only_its_file(site):
        return link("", f"file {site.files[0]}")
    files = [link("", file_label(site.files))] if site.files else []
    if not urls:
        return " ".join([link("", site.name), *files])
    return " ".join([link(u, _marked(site, u, site.name if n == 1 else str(n))) for n, u in enumerate(urls, 1)]
                    + files)


def _marked(site: SiteSources, url: str, label: str) -> str:
    return f"{label} {NEW}" if url in site.new_urls else label


def only_its_file(site: SiteSources) -> bool:
    """Whether the site is one local file named after itself ("ferry-notes", file "ferry-notes.txt"): then it is
    credited as "file ferry-notes.txt" alone, not its name twice."""
    return not site.urls and len(site.files) == 1 and names_the_file(site.name, site.files[0])


def file_label(files: Sequence[str]) -> str:
    """"(file ferry-notes.txt)", "(files a.txt, b.md)": the local files a site's articles were read from."""
    return f"({'file' if len(files) == 1 else 'files'} {', '.join(files)})"
