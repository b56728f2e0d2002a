"""Local files and folders: text, Markdown, HTML, JSON/JSONL records and feed files."""

from __future__ import annotations

import errno
import os
import re
import stat
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from bot.config import IngestConfig
from bot.ingest.decode import as_utf8, decode_bytes
from bot.ingest.feed_notes import FeedNote
from bot.ingest.feeds import parse_feed, sniff
from bot.ingest.fetch import SIZE_SETTING
from bot.ingest.html import parse_page
from bot.ingest.junk import find_byline, find_outlet, hand_wraps_joined, split_title
from bot.ingest.normalise import RawArticle, build_all, storable
from bot.ingest.page_outlet import title_suffix as title_suffix  # re-exported
from bot.ingest.records import parse_records
from bot.models import Article, IngestProblem

TEXT = frozenset({".txt", ".text", ".md", ".markdown"})
HTML = frozenset({".html", ".htm", ".xhtml"})
FEEDS = frozenset({".xml", ".rss", ".atom", ".rdf"})
JSON = frozenset({".json"})
JSONL = frozenset({".jsonl", ".ndjson"})
SUPPORTED = TEXT | HTML | FEEDS | JSON | JSONL
MAX_FILES = 20_000

# an image ![description](address) and a link [text](address), neither spanning lines. Each also matches what it
# scanned when it fails to close (no "]", no "(" after it, no ")"), which is then kept as it is: no later opening
# before where the scan stopped can close either, and so none is scanned again (searching for whole ones alone went
# on from each "![" of a line to its end: a 40,000-character line of them took 20 s)
_MD_IMAGE = re.compile(r"!\[[^\]\n]*(?:\](?:\([^)\n]*(?P<close>\))?)?)?")
_MD_LINK = re.compile(r"\[(?:(?P<text>[^\]\n]+)(?:\](?:\([^)\n]*(?P<close>\))?)?)?)?")
_MD_MARKS = re.compile(r"(\*\*|__|`+)")
_MD_LINE = re.compile(r"^(?:#{1,6}\s+|>\s?|[-*+]\s+)", re.MULTILINE)


@dataclass(frozen=True)
class FileOutcome:
    """What one file or folder gave: a display name, articles and problems."""

    name: str
    articles: tuple[Article, ...]
    problems: tuple[IngestProblem, ...]


def strip_markdown(text: str) -> str:
    """Markdown to plain text: images dropped, links to their text, marks and markers removed."""
    text = _MD_IMAGE.sub(lambda m: "" if m["close"] else m[0], text)
    text = _MD_LINK.sub(lambda m: m["text"] if m["close"] else m[0], text)
    text = "\n".join(line for line in text.split("\n") if not line.lstrip().startswith("```"))
    return _MD_MARKS.sub("", _MD_LINE.sub("", text))


def text_article(text: str, *, stem: str, url: str = "", outlet: str = "") -> RawArticle:
    """A plain-text article: the first non-empty line is its title; lines wrapped by hand are one paragraph up to a
    sentence's end (``hand_wraps_joined``), with or without blank lines between paragraphs or a final line break."""
    title, body = split_title(text)
    return RawArticle(title=title, text=hand_wraps_joined(body), url=url, outlet=find_outlet(text) or outlet or stem,
                      author=find_byline(body))


def _parse_file(path: Path, data: bytes) -> tuple[str, list[RawArticle], list[str], list[str]]:
    """(name, raw articles, problem lines, note lines) for one file's bytes; raises ValueError if unreadable."""
    suffix = path.suffix.lower()
    data = as_utf8(data)  # a UTF-16 feed reads as any other
    kind = sniff(data)
    if suffix in FEEDS or (suffix in JSON and kind == "json-feed"):
        feed = parse_feed(data)
        return feed.name or path.stem, list(feed.entries), list(feed.problems), list(feed.notes)
    if suffix in JSON or suffix in JSONL:
        raws, problems = parse_records(data, lines=suffix in JSONL)
        return path.stem, raws, problems, []
    if suffix in HTML:
        return path.stem, [_named_page(parse_page(data), path.stem)], [], []
    text = decode_bytes(data)
    if suffix in (".md", ".markdown"):
        text = strip_markdown(text)
    return path.stem, [text_article(text, stem=path.stem)], [], []


def _named_page(raw: RawArticle, stem: str) -> RawArticle:
    """A saved page's outlet: its site name, else the name its <title> ends with ("Headline | Courier"), both as
    ``parse_page`` names a fetched page's (bot/ingest/page_outlet.py), else its address's host (which
    ``build_article`` names when the outlet is ""), else the file's name, as a text file's."""
    return raw if raw.outlet or raw.url else replace(raw, outlet=stem)


def broken_link(path: Path) -> str:
    """Why ``path`` cannot be opened when it is a symbolic link that leads nowhere ("" when it is not one)."""
    try:
        if not path.is_symlink():
            return ""
        target = storable(os.readlink(path))
    except OSError:
        return ""
    try:
        path.stat()
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return f"a symbolic link loop (via {target}): not read"
        return f"a broken symbolic link: its target {target} does not exist"
    return ""


def _unread(name: str, where: str, reason: str) -> FileOutcome:
    return FileOutcome(name, (), (IngestProblem(where, reason),))


def read_file(path: Path, *, config: IngestConfig, now: datetime) -> FileOutcome:
    """Articles from one file; every failure becomes a problem naming the file."""
    where, name = storable(str(path)), storable(path.stem)  # a name that is not UTF-8: its bytes as \xNN
    if path.suffix.lower() not in SUPPORTED:
        broken = broken_link(path)  # a loop or dangling link says so, whatever its name ends in
        if broken:
            return _unread(name, where, broken)
        return _unread(name, where, f"unsupported file type {storable(path.suffix)!r} "
                                    f"(supported: {', '.join(sorted(SUPPORTED))})")
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):  # a pipe or device: reading it could block or never end
            return _unread(name, where, "not a regular file (a pipe, device or socket): not read")
        if info.st_size == 0:
            return _unread(name, where, "empty file")
        if info.st_size > config.max_bytes:
            return _unread(name, where, f"file too large ({info.st_size} bytes; the limit is {config.max_bytes}, "
                                        f"{SIZE_SETTING})")
        data = path.read_bytes()
    except OSError as exc:
        return _unread(name, where, broken_link(path) or f"cannot read: {exc.strerror or exc}")
    try:
        name, raws, lines, notes = _parse_file(path, data)
    except ValueError as exc:  # DecodeError, FeedError and PageError are ValueErrors
        return _unread(name, where, str(exc) or type(exc).__name__)
    except RecursionError:
        return _unread(name, where, "nested too deeply to read")
    articles, problems = build_all(raws, source=where, input_name=where, now=now, config=config)
    problems = [FeedNote(where, note, kept=True) for note in notes] + [IngestProblem(where, line)
                                                                             for line in lines] + problems
    if not articles and not problems:
        problems.append(IngestProblem(where, "no articles found"))
    return FileOutcome(storable(name), tuple(articles), tuple(problems))


def list_files(folder: Path) -> tuple[list[Path], list[IngestProblem]]:
    """Files under ``folder`` in a stable order, hidden ones and symlinked folders skipped."""
    found: list[Path] = []
    problems: list[IngestProblem] = []

    def on_error(exc: OSError) -> None:
        problems.append(IngestProblem(storable(str(exc.filename or folder)), f"cannot read: {exc.strerror or exc}"))

    for root, dirs, files in os.walk(folder, onerror=on_error, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(Path(root) / f for f in sorted(files) if not f.startswith("."))
        if len(found) > MAX_FILES:
            problems.append(IngestProblem(storable(str(folder)), f"more than {MAX_FILES} files; the rest were skipped"))
            return found[:MAX_FILES], problems
    return found, problems


def read_folder(folder: Path, *, config: IngestConfig, now: datetime) -> FileOutcome:
    """Articles from every file under ``folder``; each file has its own problems."""
    paths, problems = list_files(folder)
    if not paths and not problems:  # said, not a silent "0 added"
        problems.append(IngestProblem(storable(str(folder)), "no files in the folder (hidden ones are skipped)"))
    articles: list[Article] = []
    for path in paths:
        outcome = read_file(path, config=config, now=now)
        articles.extend(outcome.articles)
        problems.extend(outcome.problems)
    return FileOutcome(storable(folder.name or str(folder)), tuple(articles), tuple(problems))
