"""A JSON Feed's items are numbered one way in every problem line: from 1, in file order, worded as any entry's
("<source> entry 3 (#3)"), whether the item is not an object or has no text."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime
from pathlib import Path

from bot.config import IngestConfig
from bot.ingest.sources import read_source

NOW = datetime(2026, 5, 4, tzinfo=UTC)


def test_items_are_numbered_from_one_in_file_order(tmp_path: Path) -> None:
    items = [
        7,
        {"id": "kp-2", "title": "Kestrel pier"},
        "a stray string",
        {
            "id": "kp-4",
            "title": "Kestrel pier reopens",
            "content_text": "The Kestrel pier reopened on Sunday after "
            "a winter of repairs, the harbour board of Wendmoor said.",
        },
    ]
    path = tmp_path / "feed.json"
    path.write_text(json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": "Wendmoor", "items": items}))
    result = asyncio.run(read_source(str(path), fetcher=None, config=IngestConfig(), now=NOW))
    assert [a.title for a in result.articles] == ["Kestrel pier reopens"]
    assert [(p.input, p.reason) for p in result.problems] == [
        (f"{path} entry 1 (#1)", "not an object"),
        (f"{path} entry 2 (Kestrel pier)", "no article text found"),
        (f"{path} entry 3 (#3)", "not an object"),
    ]
