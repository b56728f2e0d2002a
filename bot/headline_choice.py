"""Which report's title heads a story, and as shown: no label ("EXPLAINER:", "– live"), an opinion piece or an
obituary as one."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime
from typing import TypeVar

from bot.models import Article, SourceRef
from bot.nlp.quote_cues import words
from digests.figures_differ import death_toll

# a section or format label before the headline proper, then ":", "|" or a dash and the headline
_LABEL = re.compile(
    r"^\s*(?:explainer|explained|watch|video|listen|podcast|opinion|op-ed|analysis|commentary|editorial|"
    r"live updates|live blog|live|as it happened|breaking news|breaking|exclusive|fact check|factbox|update|"
    r"updated|photos|in pictures)\s*(?:[:|]|\s[-\u2013\u2014])\s*(?=\S)", re.IGNORECASE)
# a live page's label after the headline proper: "... – latest updates", "... | Live", "...: as it happened"
_LIVE_SUFFIX = re.compile(
    r"(?<=\S)(?:\s+[-\u2013\u2014]|\s*[|:])\s*(?:latest(?: news)?(?: (?:and|&))? updates|"
    r"live(?: updates| blog| coverage)?|as it happened|latest news)\s*$", re.IGNORECASE)
# the labels of an opinion piece, and the sections of a site that hold them ("/opinion/", "/commentisfree/"): a column
# that heads a story is shown as one ("Opinion: ..."), and a story with a news report is summarised from its news
_OPINION_LABEL = re.compile(r"^\s*(?:opinion|op-ed|commentary|editorial)\b", re.IGNORECASE)
_OPINION_SECTION = re.compile(r"^[a-z][a-z0-9+.-]*://[^/?#]*(?:/[^/?#]*)*?/(?:opinions?|op-eds?|oped|commentisfree|"
                              r"editorials?|columnists?)(?:[/?#]|$)", re.IGNORECASE)
OPINION = "Opinion: "
# an obituary: labelled ("OBITUARY: ...", "Obituary | ..."), titled so ("Ales Marek obituary"), or in a site's
# obituaries section; it tells a life, not the news of the death, so a news report's headline heads its story
_OBITUARY_LABEL = re.compile(r"^\s*obituary\s*(?:[:|]|\s[-\u2013\u2014])\s*(?=\S)", re.IGNORECASE)
_OBITUARY_TITLE = re.compile(r"(?<=\S)(?:\s+[-\u2013\u2014]|\s*[:|])?\s+obituary\s*$", re.IGNORECASE)
_OBITUARY_SECTION = re.compile(r"^[a-z][a-z0-9+.-]*://[^/?#]*(?:/[^/?#]*)*?/(?:obituar(?:y|ies)|obits?)(?:[/?#]|$)",
                               re.IGNORECASE)
OBITUARY = "Obituary: "
R = TypeVar("R", Article, SourceRef)
# words a Title Case headline capitalises only sometimes: they tell nothing either way
_SMALL = words("a an the of in on at to for and or but nor by with from as is vs via up off over into")
TITLE_CASE_WORDS = 4  # fewer words to judge by: a short headline of names ("Velmora Port Shuts") is no sign


def shown_headline(title: str, url: str = "") -> str:
    """The title without a leading label; as it is when it has none or is nothing but one. An opinion piece (its
    label says so, or its ``url`` is in an opinion section) is headed "Opinion: ..." whatever its label's form, an
    obituary labelled so or in an obituaries section "Obituary: ..." (a title ending "obituary" as it is)."""
    if (obituary := _OBITUARY_LABEL.match(title)) and title[obituary.end():].strip():
        return OBITUARY + title[obituary.end():]
    shown = _bare(title)
    opinion = (shown != title and _OPINION_LABEL.match(title)) or opinion_section(url)
    if not opinion and _obituary_section(url) and shown.strip() and not _OBITUARY_TITLE.search(title):
        return OBITUARY + shown  # an obituaries section's title, which may not say so
    return OPINION + shown if opinion and shown.strip() else shown


def _bare(title: str) -> str:
    """The title without its leading label, nor a live page's trailing one (when words are left)."""
    shown = _LABEL.sub("", title, count=1)
    cut = _LIVE_SUFFIX.sub("", shown, count=1)
    return cut if cut.strip() else shown


def opinion_section(url: str) -> bool:
    return bool(url) and _OPINION_SECTION.match(url) is not None


def is_opinion(report: Article | SourceRef) -> bool:
    """An opinion piece: a column, an op-ed or an editorial, by its title's label or its address's section."""
    return bool(_OPINION_LABEL.match(report.title) and labelled(report.title)) or opinion_section(report.url)


def is_obituary(report: Article | SourceRef) -> bool:
    """An obituary, by its title's label or ending ("Ales Marek obituary") or its address's section."""
    return (_OBITUARY_LABEL.match(report.title) is not None or _OBITUARY_TITLE.search(report.title) is not None
            or _obituary_section(report.url))


def _obituary_section(url: str) -> bool:
    return bool(url) and _OBITUARY_SECTION.match(url) is not None


def _news_first(reports: Sequence[R]) -> list[R]:
    """The news reports of ``reports``, else those that are no opinion piece (obituaries), else all."""
    return ([r for r in reports if not is_opinion(r) and not is_obituary(r)]
            or [r for r in reports if not is_opinion(r)] or list(reports))


def labelled(title: str) -> bool:
    return _bare(title) != title


def title_cased(title: str) -> bool:
    """Whether every word (but small ones) is capitalised, over at least TITLE_CASE_WORDS of them: the tabloid
    style, against a headline in sentence case."""
    found = [w for w in re.findall(r"[^\W\d_][\w'\u2019-]*", _bare(title)) if w.lower() not in _SMALL]
    return len(found) >= TITLE_CASE_WORDS and all(w[0].isupper() for w in found)


def headline_article(articles: Sequence[Article]) -> Article:
    """The article whose title heads the story: the earliest published (else the first stored) of those with a
    plain headline (no label, not Title Case), else of those without a label, else of all; a news report's before
    an obituary's, and those before an opinion piece's; when its headline gives a death toll a later one's
    contradicts, the newest of those giving one (digests/figures_differ.py)."""
    articles = _news_first(articles)
    titled = [a for a in articles if a.title.strip() and not labelled(a.title)]
    plain = [a for a in titled if not title_cased(a.title)]
    return _newest_figure(plain or titled or articles)


def _newest_figure(articles: Sequence[Article]) -> Article:
    """The earliest, unless its headline gives a death toll and a later report's another ("Twelve dead" then "14
    killed"): then the newest of those whose headline gives one, so the headline states no older figure as fact."""
    first = _earliest(articles)
    toll = death_toll(first.title)
    if toll is None or first.published is None:
        return first
    told = [a for a in articles if a.published and death_toll(a.title) is not None]
    newest = max(told, key=lambda a: a.published or datetime.min)
    return newest if death_toll(newest.title) != toll else first


def _earliest(articles: Sequence[Article]) -> Article:
    dated = [a for a in articles if a.published]
    return min(dated, key=lambda a: a.published or datetime.min) if dated else articles[0]


def newest_headline_source(sources: Sequence[SourceRef]) -> SourceRef | None:
    """The report whose title heads a follow-up (what is new, not the first report's news): the latest published
    (else the last) of those with a plain headline, else of those without a label, else of all; None for none. A
    news report's before an obituary's, and those before an opinion piece's."""
    sources = _news_first(sources)
    titled = [s for s in sources if s.title.strip() and not labelled(s.title)]
    plain = [s for s in titled if not title_cased(s.title)]
    pool = plain or titled or [s for s in sources if s.title.strip()]
    if not pool:
        return None
    dated = [s for s in pool if s.published]
    return max(dated, key=lambda s: s.published or datetime.min) if dated else pool[-1]
