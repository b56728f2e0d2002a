"""A publication date clamped to the fetch time is noted when its item is stored, not again on each
later read that finds the item stored already (a feed polled every round, a file ingested again)."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.clock import ManualClock
from bot.config import Config
from bot.pipeline import IngestReport, Pipeline
from bot.store.db import Database
from tests.polling.conftest import LeadSummariser

NOW = datetime(2031, 5, 6, 9, 0, tzinfo=UTC)
AHEAD = (NOW + timedelta(hours=6)).isoformat()  # past the tolerance, within two days: clamped to the fetch time

# invented items
TOLLS = {"title": "Ostwick raises mooring tolls", "outlet": "Quay Ledger", "url": "https://ledger.test/tolls",
         "published": AHEAD, "text": "The harbour board of Ostwick voted to raise mooring tolls for cargo ships by a "
                                     "tenth. Fishing boats are left out of the rise, the board said."}
FERRY = {"title": "Ferry to Lunde returns in May", "outlet": "Quay Ledger", "url": "https://ledger.test/ferry",
         "published": (NOW - timedelta(hours=2)).isoformat(),
         "text": "The summer ferry to Lunde will sail again from the first of May, its operator said on Monday. "
                 "Tickets go on sale next week at the harbour office."}


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = await Database.open(f"sqlite:///{tmp_path}/store.db")
    yield database
    await database.close()


async def _ingest(pipeline: Pipeline, path: Path, items: list[dict[str, str]]) -> IngestReport:
    path.write_text(json.dumps(items))
    return await pipeline.ingest([str(path)], None)


def _date_notes(report: IngestReport) -> list[str]:
    return [n.reason for n in report.notes if "publication date" in n.reason]


async def test_a_clamped_date_is_noted_once_per_stored_item(db: Database, tmp_path: Path) -> None:
    clock = ManualClock(NOW)
    pipeline = Pipeline(db, Config(), clock, LeadSummariser())
    path = tmp_path / "quay.json"

    first = await _ingest(pipeline, path, [TOLLS, FERRY])
    assert first.added == 2
    notes = _date_notes(first)
    assert len(notes) == 1 and "in the future" in notes[0]

    clock.advance(timedelta(minutes=30))  # read again: the same items, stored already
    again = await _ingest(pipeline, path, [TOLLS, FERRY])
    assert (again.added, again.unchanged) == (0, 2)
    assert _date_notes(again) == [] and not [line for line in again.lines if line.startswith("note")]

    clock.advance(timedelta(minutes=30))  # one item edited, one new: each stored now, each noted
    edited = {**TOLLS, "text": TOLLS["text"] + " The new tolls take effect in June."}
    fresh = {**FERRY, "url": "https://ledger.test/ferry-times", "title": "Ferry timetable published",
             "published": AHEAD, "text": "The Lunde ferry timetable for the summer was published on Tuesday, with "
                                         "four crossings a day on weekdays and two on Sundays."}
    third = await _ingest(pipeline, path, [edited, FERRY, fresh])
    assert (third.updated, third.added, third.unchanged) == (1, 1, 1)
    assert len(_date_notes(third)) == 2 and all("in the future" in n for n in _date_notes(third))
