"""A JSON records file's records are numbered as a JSON Feed's items are: from 1, in file order, worded as any
entry's ("<source> entry 3 (#3)"), whether the record is not an object, has no text field or has no text."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime
from pathlib import Path

from bot.config import IngestConfig
from bot.ingest.sources import read_source

NOW = datetime(2026, 5, 4, tzinfo=UTC)


def test_records_are_numbered_from_one_in_file_order(tmp_path: Path) -> None:
    records = [
        "a stray string",
        {"url": "http://marrow.example/lane"},
        {"title": "Marrow lane reopens", "text": "Marrow lane reopened to buses on Friday, the works office said."},
        [1, 2],
        {"title": "Marrow bakery", "text": "   "},
    ]
    path = tmp_path / "records.json"
    path.write_text(json.dumps({"articles": records}))
    result = asyncio.run(read_source(str(path), fetcher=None, config=IngestConfig(), now=NOW))
    assert [a.title for a in result.articles] == ["Marrow lane reopens"]
    assert [(p.input, p.reason) for p in result.problems] == [
        (f"{path} entry 1 (#1)", "not a JSON object"),
        (f"{path} entry 2 (http://marrow.example/lane)",
         "no text field (looked for text, content, body, article, description)"),
        (f"{path} entry 4 (#4)", "not a JSON object"),
        (f"{path} entry 5 (Marrow bakery)", "no text field (looked for text, content, body, article, description)"),
    ]
