"""Article records in JSON (one object or a list) and JSON Lines, with the usual field names."""

from __future__ import annotations

import json
from typing import Any

from bot.ingest.decode import decode_bytes
from bot.ingest.feeds import FeedError, json_position, load_json
from bot.ingest.html import html_to_text
from bot.ingest.normalise import RawArticle

MAX_RECORDS = 10_000
_TITLE = ("title", "headline", "name")
_TEXT = ("text", "content", "body", "article", "article_text", "maintext", "content_text", "description",
         "summary")
_URL = ("url", "link", "canonical_url", "href")
_DATE = ("published", "date", "published_at", "publish_date", "pubdate", "date_published", "datetime",
         "created_at", "timestamp", "updated")
_OUTLET = ("outlet", "source", "publisher", "site", "site_name", "sitename", "publication", "domain")
_AUTHOR = ("author", "authors", "byline", "creator")
_GUID = ("guid", "id", "uuid", "article_id")
_LANG = ("language", "lang", "locale")


def _field(record: dict[str, Any], names: tuple[str, ...]) -> Any:
    lowered = {k.lower(): v for k, v in record.items() if isinstance(k, str)}
    for name in names:
        value = lowered.get(name)
        if value not in (None, "", [], {}):
            return value
    return None


def _name(value: Any) -> str | None:
    """A name from a string, {"name": ...} object or a list of either."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return _name(value.get("name") or value.get("title"))
    if isinstance(value, list):
        names = [n for n in (_name(v) for v in value[:10]) if n]
        return ", ".join(names) or None
    return None


def record_to_raw(record: dict[str, Any]) -> RawArticle:
    """One article record; raises ValueError when it carries no text."""
    text = _field(record, _TEXT)
    if isinstance(text, list):
        text = "\n\n".join(str(t) for t in text if isinstance(t, str))
    if not isinstance(text, str) or not text.strip():
        raise ValueError("no text field (looked for text, content, body, article, description)")
    if "<" in text and ">" in text:
        text = html_to_text(text)
    published = _field(record, _DATE)
    guid = _field(record, _GUID)
    return RawArticle(
        title=_name(_field(record, _TITLE)) or "",
        text=text,
        url=_name(_field(record, _URL)) or "",
        outlet=_name(_field(record, _OUTLET)) or "",
        author=_name(_field(record, _AUTHOR)),
        published=published if isinstance(published, str | int | float) else None,
        language=_name(_field(record, _LANG)),
        guid=str(guid) if isinstance(guid, str | int) and not isinstance(guid, bool) else None,
    )


def parse_records(data: bytes, *, lines: bool) -> tuple[list[RawArticle], list[str]]:
    """Articles from JSON (an object, a list, or {"articles": [...]}) or JSON Lines, and one
    problem line per JSON Lines record that could not be read (a JSON record that cannot is kept in its place,
    ``unreadable``, so its line numbers it from 1 as every entry's). Raises FeedError if nothing is readable."""
    problems: list[str] = []
    records: list[tuple[str, Any]] = []
    if lines:
        for number, line in enumerate(decode_bytes(data).splitlines(), start=1):
            if not line.strip():
                continue
            try:
                records.append((f"line {number}", json.loads(line)))
            except json.JSONDecodeError as exc:
                problems.append(f"line {number}: malformed JSON ({json_position(exc, line=False)})")
            except RecursionError:
                problems.append(f"line {number}: malformed JSON (nested too deeply)")
    else:
        doc = load_json(data)
        if isinstance(doc, dict):
            inner = _field(doc, ("articles", "items", "records", "data", "results"))
            doc = inner if isinstance(inner, list) else [doc]
        if not isinstance(doc, list):
            raise FeedError("JSON holds neither an article record nor a list of them")
        records = [("", item) for item in doc]  # unlabelled: kept in place, numbered as entries from 1 (build_all)
    if len(records) > MAX_RECORDS:
        problems.append(f"{len(records)} records; only the first {MAX_RECORDS} were read")
    out: list[RawArticle] = []
    for label, record in records[:MAX_RECORDS]:
        try:
            if not isinstance(record, dict):
                raise ValueError("not a JSON object")
            out.append(record_to_raw(record))
        except ValueError as exc:
            if label:
                problems.append(f"{label}: {exc}")
            else:  # a JSON record keeps its place among the entries, its problem line worded as theirs
                named = record if isinstance(record, dict) else {}
                out.append(RawArticle(title=_name(_field(named, _TITLE)) or "", text="",
                                      url=_name(_field(named, _URL)) or "", unreadable=str(exc)))
    return out, problems
