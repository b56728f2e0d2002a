"""A new user's first session: the bad inputs and set-up typos that once crashed, misled or said nothing."""

from __future__ import annotations

import asyncio
import io
from datetime import UTC, datetime
from pathlib import Path

import pytest

from adapters.console import ConsoleAdapter
from bot.commands.base import Reply
from bot.config import ConfigError, IngestConfig, parse_config
from bot.ingest.sources import read_source
from bot.models import Briefing, BriefingItem, Story
from bot.schedule import ScheduleError, parse_schedule
from tests.cli_run import cli

ARTICLE = ("Ferry service resumes at the north quay.\n\n"
           "The ferry to Lakeside Island sailed again on Tuesday after a week of storms kept it in port, the operator "
           "said. \"We are glad to have our passengers back,\" said harbour master Oskar Lind. The first crossing was "
           "full, and a second boat was added in the afternoon. Islanders said the week without a ferry had emptied "
           "the shop shelves.\n")


def test_a_bad_log_level_is_a_config_error_not_a_traceback(tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(ConfigError, match=r"^log_level: expected one of DEBUG, INFO, WARNING, ERROR, CRITICAL, "
                                          r"got 'LOUD'"):
        parse_config({"log_level": "LOUD"}, {})
    assert parse_config({"log_level": "warning"}, {}).log_level == "WARNING"
    config = tmp_path / "config.toml"
    config.write_text('log_level = "LOUD"\n', encoding="utf-8")
    db = str(tmp_path / "x.db")
    code, out, err = cli(capsys, "check", "--offline", "--config", str(config), "--db", db)
    assert code == 1 and "log_level: expected one of" in out and "Traceback" not in err
    code, _out, err = cli(capsys, "sources", "--config", str(config), "--db", db)
    assert code == 2 and err.startswith("briefbot: bad configuration: log_level:")


def test_an_unknown_top_level_key_lists_the_known_ones() -> None:
    with pytest.raises(ConfigError, match=r"^briefings: unknown key \(known: briefing, channels, .*log_level"):
        parse_config({"briefings": {"max_stories": 3}}, {})


def test_an_empty_target_reads_nothing_and_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    here = tmp_path / "cwd"
    here.mkdir()
    (here / "ferry.txt").write_text(ARTICLE, encoding="utf-8")
    monkeypatch.chdir(here)  # Path("") is this folder: it must not be ingested
    db = str(tmp_path / "x.db")
    code, out, err = cli(capsys, "ingest", str(here / "ferry.txt"), " ", "--no-quotes", "--db", db)
    assert (code, out) == (2, "") and err == "briefbot ingest: an empty name: give a file, a folder or an http(s) URL\n"
    code, out, err = cli(capsys, "sources", "--db", db)
    assert (code, out) == (3, "") and err.startswith(f"briefbot: no store at {db}:")  # the refused ingest made none
    result = asyncio.run(read_source("", fetcher=None, config=IngestConfig(), now=datetime.now(UTC)))
    assert result.error == ": an empty name: give a file, a folder or an http(s) URL" and not result.articles


def test_an_empty_folder_gets_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / ".hidden.txt").write_text(ARTICLE, encoding="utf-8")
    code, out, _ = cli(capsys, "ingest", str(empty), "--no-quotes", "--db", str(tmp_path / "x.db"))
    assert code == 1
    assert f"error    {empty}: no files in the folder (hidden ones are skipped)" in out.splitlines()


def test_error_lines_name_the_input_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = str(tmp_path / "nowhere.txt")
    code, out, _ = cli(capsys, "ingest", missing, "ftp://files.example/feed.xml", "--no-quotes",
                       "--db", str(tmp_path / "x.db"))
    lines = out.splitlines()
    assert code == 1
    assert f"error    {missing}: no such file or folder (not added as a source)" in lines
    assert ("error    ftp://files.example/feed.xml: refused: scheme 'ftp' is not fetched (only http and https)"
            " (not added as a source)") in lines  # a URL the address guard refuses is not kept (f72e1e5)


def test_summarise_refuses_a_summary_of_no_sentences(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    article = tmp_path / "ferry.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    for n in ("0", "-2"):
        code, out, err = cli(capsys, "summarise", str(article), "--sentences", n)
        assert (code, out) == (2, "") and err == f"briefbot summarise: --sentences: expected at least 1, got {n}\n"
    code, out, _ = cli(capsys, "summarise", str(article), "--sentences", "1")
    assert code == 0 and len(out.splitlines()) == 1 and "[ferry, sentence" in out


def test_quotes_reads_a_file_as_ingest_does(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    latin = tmp_path / "latin.txt"
    latin.write_bytes(ARTICLE.replace("Oskar", "Jos\u00e9").encode("latin-1"))
    code, out, err = cli(capsys, "quotes", str(latin))
    assert code == 0 and err == ""
    assert "Jos\u00e9 Lind" in out and "We are glad to have our passengers back" in out
    bom = tmp_path / "bom.txt"
    bom.write_bytes(b"\xef\xbb\xbf" + ARTICLE.encode("utf-8"))
    code, out, _ = cli(capsys, "quotes", "--json", str(bom))
    assert code == 0 and '"start": ' in out
    start = ARTICLE.index("\"We are glad")  # offsets count from the text, not from the BOM
    assert f'"start": {start},' in out
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 40)
    code, out, err = cli(capsys, "quotes", str(binary))
    assert (code, out) == (1, "") and err == f"briefbot quotes: cannot read {binary}: binary data, not text\n"


@pytest.mark.parametrize("channel", ["slack:C0 1", "slack:<script>", "discord:general", "discord:#news"])
def test_set_up_commands_refuse_a_channel_id_no_platform_has(channel: str, tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "x.db")
    code, out, err = cli(capsys, "subscribe", channel, "ferry", "--db", db)
    assert (code, out) == (2, "") and err.startswith(f"briefbot: {channel}: a ")
    assert not Path(db).exists()  # refused before the store was opened: no channel, no store


def test_set_up_commands_take_real_ids(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "x.db")
    for channel in ("slack:C0123456789", "discord:123456789012345678", "console:desk"):
        assert cli(capsys, "subscribe", channel, "ferry", "--db", db)[:2] == (0, f"{channel}: subscribed to ferry\n")


def test_too_short_an_interval_is_not_told_to_go_longer() -> None:
    with pytest.raises(ScheduleError) as short:
        parse_schedule("every 1m")
    assert "longer" not in str(short.value) and '"every" takes 5 minutes to 24 hours' in str(short.value)
    with pytest.raises(ScheduleError, match="use weekly or cron for longer"):
        parse_schedule("every 25h")


def test_the_console_prints_a_briefing_title_once() -> None:
    out = io.StringIO()
    story = Story(id="s1", headline="Ferry service resumes", sources=(), summary=())
    briefing = Briefing(title="Briefing: ferry", generated=datetime(2026, 6, 1, 8, 0, tzinfo=UTC),
                        items=(BriefingItem(story, 1.0, ""),))
    console = ConsoleAdapter(stdout=out)
    console.show(Reply(briefing.title, briefing=briefing))
    assert out.getvalue().count("Briefing: ferry") == 1 and "Ferry service resumes" in out.getvalue()
    out.seek(0)
    out.truncate()
    console.show(Reply(f"Preview: {briefing.title}", briefing=briefing))  # the label, then the briefing: title once
    assert out.getvalue().startswith("Preview:\n") and out.getvalue().count("Briefing: ferry") == 1


def test_sources_count_one_article_in_the_singular(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    article = tmp_path / "ferry.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    db = str(tmp_path / "x.db")
    assert cli(capsys, "ingest", str(article), "--no-quotes", "--db", db)[0] == 0
    out = cli(capsys, "sources", "--db", db)[1]
    assert " · 1 article · " in out


@pytest.mark.parametrize(("topic", "reason"), [
    ('"ferry quay', 'a "quoted phrase" is missing its closing quote'),
    ("from:", "'from:' names no outlet"),
    ("ferry OR", "OR needs a word on each side"),
])
def test_brief_with_a_bad_topic_says_why_in_one_line(topic: str, reason: str, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli(capsys, "brief", "--topic", topic, "--db", str(tmp_path / "x.db"))
    assert (code, out) == (2, "") and err.startswith(f"briefbot brief: --topic: {reason}")
    assert len(err.splitlines()) == 1


def test_schedule_names_the_quiet_hours_that_move_the_next_briefing(tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "x.db")
    code, out, _ = cli(capsys, "schedule", "console:main", "daily", "08:00", "--quiet", "06:00-09:00", "--db", db)
    assert code == 0 and out.startswith("console:main: daily 08:00 (UTC); next ")
    assert out.rstrip().endswith(" 09:00 UTC; quiet hours 06:00-09:00")  # held to their end, as it says
    code, out, _ = cli(capsys, "schedule", "console:main", "daily", "08:00", "--quiet", "", "--db", db)
    assert code == 0 and out.startswith("console:main: daily 08:00 (UTC); next ")
    assert out.rstrip().endswith(" 08:00 UTC")  # in the channel's zone, as chat says it


def test_a_quote_an_article_repeats_is_shown_and_counted_once(tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    article = tmp_path / "ferry.txt"
    body = ARTICLE.split("\n\n", 1)[1]
    article.write_text("Ferry service resumes at the north quay.\n\n" + body + "\n" + body, encoding="utf-8")
    db = str(tmp_path / "x.db")
    assert cli(capsys, "ingest", str(article), "--db", db)[0] == 0
    code, out, _ = cli(capsys, "ask", "who is quoted most on ferry", "--db", db)
    assert code == 0 and "\nIslanders (1 quote)" in out  # plain text: no chat bold on a terminal
    assert out.count("the week without a ferry had emptied the shop shelves") == 1
    code, out, _ = cli(capsys, "ask", "who said what about passengers", "--db", db)
    assert code == 0 and out.count("We are glad to have our passengers back") == 1


@pytest.mark.parametrize("limit", ["0", "-3"])
def test_eval_refuses_an_empty_limit(limit: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "eval").mkdir()  # checked before any data is read
    code, out, err = cli(capsys, "eval", "clusters", "--limit", limit, "--data", str(tmp_path))
    assert (code, out) == (2, "") and err == f"briefbot eval: --limit: expected at least 1, got {limit}\n"
