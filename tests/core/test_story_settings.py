"""[stories] settings reach the clusterer: the window a follow-up may join in, and joins across languages."""

from __future__ import annotations

import dataclasses
import json
import tomllib
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.app import App, make_pipeline
from bot.config import Config, ConfigError, StoriesConfig, parse_config, story_window
from bot.nlp.cluster import STORY_WINDOW
from bot.store.stories import StoryStore
from tests.cli_run import cli
from tests.crosslang_samples import QUAKE_EN, QUAKE_FR

NOW = datetime(2026, 6, 20, 12, 0, tzinfo=UTC)
DAM_1 = ("Vellmoor dam inspection finds cracks in spillway",
         "Engineers inspecting the Vellmoor dam found cracks in its concrete spillway on Monday, the regional water "
         "board said. The board lowered the reservoir by two metres as a precaution and closed the road across the "
         "dam crest. Water board chair Hilde Ostrander said there was no danger to the villages downstream.")
DAM_2 = ("Vellmoor dam spillway cracks: repairs to take months",
         "Repairing the cracked spillway of the Vellmoor dam will take until spring, the regional water board said "
         "on Saturday. The reservoir stays two metres lower and the road across the dam crest stays closed. Board "
         "chair Hilde Ostrander said divers had mapped the cracks in the concrete.")


Items = list[tuple[tuple[str, str], str, datetime]]


def feed(path: Path, items: Items) -> Path:
    """JSON Lines records: (title, text), outlet, published."""
    with path.open("w", encoding="utf-8") as fh:
        for n, ((title, text), outlet, published) in enumerate(items):
            fh.write(json.dumps({"title": title, "text": text, "outlet": outlet, "published": published.isoformat(),
                                 "url": f"https://{outlet.lower()}.example/{n}"}) + "\n")
    return path


async def story_count(tmp_path: Path, stories: StoriesConfig, items: Items) -> int:
    app = App(config=Config(stories=stories), db_url=f"sqlite:///{tmp_path}/store.db", clock=lambda: NOW)
    try:
        pipeline = await make_pipeline(app, with_quotes=False)
        report = await pipeline.ingest([str(feed(tmp_path / "feed.jsonl", items))], None)
        assert report.added == len(items) and not report.problems
        return len(await StoryStore(await app.db()).changed_since(None))
    finally:
        await app.close()


def test_the_default_window_is_the_one_the_evaluation_chose() -> None:
    assert story_window(Config()) == STORY_WINDOW


async def test_a_follow_up_outside_the_window_starts_a_story_and_a_longer_window_joins_it(tmp_path: Path) -> None:
    items = [(DAM_1, "Courier", NOW - timedelta(days=6)), (DAM_2, "Gazette", NOW - timedelta(hours=12))]
    assert await story_count(tmp_path / "default", StoriesConfig(), items) == 2
    assert await story_count(tmp_path / "week", StoriesConfig(window="7d"), items) == 1


async def test_join_languages_false_keeps_reports_in_different_languages_apart(tmp_path: Path) -> None:
    items = [(QUAKE_EN, "Tribune", NOW - timedelta(hours=3)), (QUAKE_FR, "Gazette", NOW - timedelta(hours=2))]
    assert await story_count(tmp_path / "on", StoriesConfig(), items) == 1
    assert await story_count(tmp_path / "off", dataclasses.replace(StoriesConfig(), join_languages=False), items) == 2


@pytest.mark.parametrize(("toml", "message"), [
    ('[stories]\nwindow = "2h"', r"stories\.window: expected between 6h and 30d, got '2h'"),
    ('[stories]\nwindow = "60d"', r"stories\.window: expected between 6h and 30d"),
    ('[stories]\nwindow = "a week"', r"stories\.window: expected a duration"),
    ('[stories]\njoin_languages = "yes"', r"stories\.join_languages: expected"),
    ('[stories]\nundated_penalty_hours = -2', r"stories\.undated_penalty_hours: expected a whole number of 0 or more, "
                                             r"got -2"),
    ('[stories]\nundated_penalty_hours = "6h"', r"stories\.undated_penalty_hours: expected a whole number"),
])
def test_bad_story_settings_name_their_key(toml: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        parse_config(tomllib.loads(toml), env={})


def test_profiles_are_read_ten_windows_back_but_never_a_year_for_a_long_window() -> None:
    from bot.pipeline import profile_lookback

    assert profile_lookback(STORY_WINDOW) == 10 * STORY_WINDOW  # the default: 40 days, as before
    assert profile_lookback(timedelta(hours=6)) == timedelta(hours=60)
    assert profile_lookback(timedelta(days=30)) == timedelta(days=60)  # not 300 days on every poll
    for window in (timedelta(hours=6), STORY_WINDOW, timedelta(days=7), timedelta(days=30)):
        assert profile_lookback(window) >= 2 * window  # a report a window late still finds its story


@pytest.mark.parametrize(("toml", "window"), [('[stories]\nwindow = "6h"', timedelta(hours=6)),
                                              ('[stories]\nwindow = "30d"', timedelta(days=30)),
                                              ('[stories]\nwindow = "720h"', timedelta(days=30))])
def test_the_bounds_of_the_window_are_accepted(toml: str, window: timedelta) -> None:
    assert story_window(parse_config(tomllib.loads(toml), env={})) == window


@pytest.mark.parametrize(("toml", "hours"), [("", 6), ("[stories]\nundated_penalty_hours = 0", 0),
                                             ("[stories]\nundated_penalty_hours = 12", 12)])
def test_the_undated_penalty_is_read_with_the_config(toml: str, hours: int) -> None:
    assert parse_config(tomllib.loads(toml), env={}).stories.undated_penalty_hours == hours


def test_a_negative_undated_penalty_names_the_file_line_and_key(tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[stories]\nwindow = "96h"\nundated_penalty_hours = -1\n', encoding="utf-8")
    code, _out, err = cli(capsys, "sources", "--config", str(config), "--db", str(tmp_path / "s.db"))
    assert code == 2 and err == ("briefbot: bad configuration: stories.undated_penalty_hours: expected a whole number "
                                 f"of 0 or more, got -1 ({config}, line 3)\n"), err
