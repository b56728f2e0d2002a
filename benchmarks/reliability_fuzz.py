"""Fuzz every parser and both renderers with Hypothesis, counting outcomes instead of stopping at the first."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from benchmarks import reliability_inputs as inputs
from benchmarks.reliability_render import assert_discord_safe, assert_slack_safe, briefings, strings
from bot.answer.question import parse_question
from bot.answer.when import WhenError, parse_when
from bot.commands.base import Option
from bot.commands.dispatch import UsageError, parse_options, split_verb
from bot.config import ConfigError, IngestConfig, parse_config
from bot.ingest.decode import DecodeError
from bot.ingest.feeds import FeedError, parse_feed
from bot.ingest.fetch import FetchResult
from bot.ingest.html import PageError, parse_page
from bot.ingest.records import parse_records
from bot.ingest.sources import _parse_fetched
from bot.models import Briefing
from bot.nlp.sentences import split_sentences
from bot.schedule import ScheduleError, next_slot, parse_schedule, parse_timezone
from bot.timeparse import parse_since
from bot.topics import TopicError, parse_topic
from digests.render_discord import render_discord
from digests.render_slack import render_briefing

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
HANG_SECONDS = 5.0  # a single bounded input taking longer than this counts as a hang


@dataclass
class FuzzResult:
    name: str
    cases: int = 0
    accepted: int = 0
    refused: int = 0  # the module's own clear error
    crashes: int = 0  # any other exception, or a broken invariant
    hangs: int = 0
    slowest: float = 0.0
    first_crash: str = ""
    refusals: dict[str, int] = field(default_factory=dict)


def _split(text: str) -> str:
    found = split_sentences(text, max_sentences=50, max_chars=200)
    assert len(found) <= 50 and all(text[s.start:s.end] == s.text and len(s.text) <= 200 for s in found)
    return "ok"


def _fetched(data: bytes) -> str:
    result = _parse_fetched("https://x.example/feed.xml",
                            FetchResult("https://x.example/feed.xml", 200, data, "application/rss+xml"),
                            IngestConfig(), NOW)
    if result.error:
        raise ValueError(result.error)
    return "ok"


def _schedule(text: str) -> str:
    parsed = parse_schedule(text)
    nxt = next_slot(parsed, parse_timezone("Europe/Brussels"), NOW)
    assert nxt is None or nxt > NOW
    return "ok"


def _question(text: str) -> str:
    q = parse_question(text)
    if q is None:
        raise ValueError("not a question form")
    if q.since:
        parse_when(q.since, NOW)
    return "ok"


BRIEF_OPTIONS = (Option("topic", "t", rest=True), Option("since", "s", keyword=True),
                 Option("n", "n", kind="integer", keyword=True), Option("when", "w", required=True, keyword=True))


def _options(text: str) -> str:
    _verb, rest = split_verb(text, ["brief", "subscribe"])
    parse_options(BRIEF_OPTIONS, rest)
    return "ok"


def _slack(briefing: Briefing) -> str:
    for message in render_briefing(briefing):
        for text in strings(message):
            assert_slack_safe(text)
    return "ok"


def _discord(briefing: Briefing) -> str:
    for message in render_discord(briefing):
        assert_discord_safe(message["content"], content=True)
        for text in strings(message["embeds"]):
            assert_discord_safe(text, content=False)
    return "ok"


Target = tuple[str, st.SearchStrategy[Any], Callable[[Any], object], tuple[type[Exception], ...]]
TARGETS: list[Target] = [
    ("feed parser (RSS/Atom/JSON Feed bytes)", st.one_of(inputs.raw_bytes, inputs.rss_feeds.map(str.encode)),
     parse_feed, (FeedError, DecodeError)),
    ("HTML page parser", inputs.raw_bytes, lambda d: parse_page(d, url="https://x.example/a"),
     (PageError, DecodeError)),
    ("JSON / JSON Lines records", inputs.json_documents.map(str.encode),
     lambda d: parse_records(d, lines=False), (FeedError, DecodeError)),
    ("a fetched body, end to end (sniff, parse, normalise, split)", inputs.raw_bytes, _fetched, (ValueError,)),
    ("sentence splitter", inputs.sentence_text, _split, ()),
    ("config loader (parsed TOML mappings)", inputs.config_mappings, lambda raw: parse_config(raw, {}), (ConfigError,)),
    ("command text (verb + options)", inputs.command_words, _options, (UsageError,)),
    ("`since` times", inputs.since_text, lambda t: parse_since(t, NOW), (ValueError,)),
    ("topic queries", inputs.topic_text, parse_topic, (TopicError,)),
    ("schedules (+ next slot)", inputs.schedule_text, _schedule, (ScheduleError,)),
    ("`ask` questions (+ their time window)", inputs.question_text, _question, (WhenError, ValueError)),
    ("Slack renderer: no mention, broadcast or raw markup", briefings, _slack, ()),
    ("Discord renderer: no live mention or @everyone/@here", briefings, _discord, ()),
]


def fuzz(target: Target, examples: int, seed: int = 8) -> FuzzResult:
    name, strategy, function, expected = target
    result = FuzzResult(name)

    @settings(max_examples=examples, deadline=None, database=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck), derandomize=False)
    @given(strategy)
    def run(value: Any) -> None:
        result.cases += 1
        start = time.perf_counter()
        try:
            function(value)
            result.accepted += 1
        except expected as exc:
            result.refused += 1
            kind = type(exc).__name__
            result.refusals[kind] = result.refusals.get(kind, 0) + 1
        except Exception as exc:  # counting crashes is the point
            result.crashes += 1
            result.first_crash = result.first_crash or f"{type(exc).__name__}: {exc}"[:200] + f" on {value!r}"[:200]
        elapsed = time.perf_counter() - start
        result.slowest = max(result.slowest, elapsed)
        result.hangs += elapsed > HANG_SECONDS

    run._hypothesis_internal_use_seed = seed  # type: ignore[attr-defined]
    run()
    return result


PATHOLOGICAL = {  # one unit repeated to 200,000 characters (the most an article may hold)
    "pysbd backtracking input `..[111 111 ...]`": "..[111 111 111 111 111 111 111 111 111 111]",
    "200,000 dots": ".",
    "brackets and digits, no spaces": "[1",
    "abbreviations `Mr. Mr. ...`": "Mr. ",
    "one 200,000-character word": "a",
}


def pathological_splits() -> list[tuple[str, float, int]]:
    """(name, seconds, sentences) for each worst-case input at the full article size."""
    out = []
    for name, unit in PATHOLOGICAL.items():
        text = unit * (200_000 // len(unit) + 1)
        start = time.perf_counter()
        found = split_sentences(text)
        out.append((name, time.perf_counter() - start, len(found)))
    return out
