"""`briefbot schedule` and `subscribe` read what chat reads: `weekdays 7am`, `every monday at 9:00`, a zone in any
case, `22-7` quiet hours; a topic of only common words is refused as chat refuses it (operator audit, finding 7)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli_run import cli

CHANNEL = "slack:C0123456789"


def _row(capsys: pytest.CaptureFixture[str], db: str) -> dict[str, object]:
    code, out, _ = cli(capsys, "channels", "--json", "--db", db)
    assert code == 0
    [row] = json.loads(out)
    assert isinstance(row, dict)
    return row


def test_schedule_takes_the_forms_chat_takes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "forms.db")
    code, out, err = cli(capsys, "schedule", CHANNEL, "weekdays 07:30", "--tz", "europe/brussels", "--db", db)
    assert (code, err) == (0, "") and out.startswith(f"{CHANNEL}: weekdays 07:30 (Europe/Brussels); next ")
    code, out, err = cli(capsys, "schedule", CHANNEL, "weekdays 7am", "--db", db)
    assert (code, err) == (0, "") and out.startswith(f"{CHANNEL}: weekdays 07:00 (Europe/Brussels)")
    code, out, err = cli(capsys, "schedule", CHANNEL, "every", "monday", "at", "9:00", "--quiet", "22-7", "--db", db)
    assert (code, err) == (0, "") and "weekly mon 09:00" in out and out.rstrip().endswith("quiet hours 22:00-07:00")
    row = _row(capsys, db)
    assert (row["schedule"], row["timezone"], row["quiet_hours"]) == ("weekly mon 09:00", "Europe/Brussels",
                                                                      "22:00-07:00")
    code, out, _ = cli(capsys, "schedule", CHANNEL, "daily 8pm", "--quiet", "off", "--db", db)
    assert code == 0 and "daily 20:00" in out and _row(capsys, db)["quiet_hours"] == ""


def test_a_wrong_zone_names_the_closest_zone_not_the_text_typed(tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "zone.db")
    code, _, err = cli(capsys, "schedule", CHANNEL, "daily 08:00", "--tz", "europe/brusels", "--db", db)
    assert code == 2 and err == 'briefbot: schedule: unknown timezone "europe/brusels": did you mean Europe/Brussels?\n'
    code, _, err = cli(capsys, "schedule", CHANNEL, "daily 08:00", "--tz", "Atlantis/Capital", "--db", db)
    assert code == 2 and 'unknown timezone "Atlantis/Capital": give an IANA zone name' in err
    code, _, err = cli(capsys, "schedule", CHANNEL, "daily 08:00", "--quiet", "late", "--db", db)
    assert code == 2 and err.startswith("briefbot: schedule: quiet hours")
    assert not Path(db).exists()  # refused before the store was made


def test_subscribe_refuses_a_topic_of_only_common_words(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "topics.db")
    code, out, err = cli(capsys, "subscribe", CHANNEL, "the", "--db", db)
    assert code == 2 and out == "" and err.startswith("briefbot: topic: `the` has only common words")
    code, out, _ = cli(capsys, "subscribe", CHANNEL, '"the who"', "--db", db)  # a quoted phrase, as in chat
    assert code == 0 and out == f'{CHANNEL}: subscribed to "the who"\n'
    code, out, _ = cli(capsys, "subscribe", CHANNEL, "Tollan -sport", "--db", db)
    assert code == 0 and _row(capsys, db)["topics"] == ['"the who"', "Tollan -sport"]


def test_languages_takes_names_as_chat_does(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "languages.db")
    code, _, err = cli(capsys, "languages", CHANNEL, "French,", "Norwegian", "de", "--db", db)
    assert (code, err) == (0, "")
    assert _row(capsys, db)["languages"] == ["fr", "no", "de"]
    code, _, err = cli(capsys, "languages", CHANNEL, "Norweigan", "--db", db)
    assert code == 2 and err.startswith("briefbot: languages: ") and "Norwegian" in err
    assert _row(capsys, db)["languages"] == ["fr", "no", "de"]  # a refusal changes nothing


def test_schedule_warns_of_briefing_times_in_quiet_hours_and_refuses_est(tmp_path: Path,
                                                                        capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "quiet.db")
    code, out, err = cli(capsys, "schedule", CHANNEL, "8am", "--quiet", "7-22", "--db", db)
    assert code == 0 and "daily 08:00" in out
    assert err == ("briefbot: schedule: warning: 08:00 falls inside quiet hours (07:00-22:00): the briefing waits "
                   "until they end at 22:00.\n")
    code, _, err = cli(capsys, "schedule", CHANNEL, "8am", "--tz", "EST", "--db", db)
    assert code == 2 and '"EST" is a fixed offset' in err and "America/New_York" in err
    code, _, err = cli(capsys, "schedule", CHANNEL, "8am", "--tz", "Bucharest", "--db", db)
    assert code == 2 and err.endswith("did you mean Europe/Bucharest?\n")
