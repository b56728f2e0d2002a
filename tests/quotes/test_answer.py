"""`ask` and `whosaid` over a store holding the seed articles, on SQLite and PostgreSQL, with bad input."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.answer.question import parse_question
from bot.answer.respond import ask, readable_content, render_text, suggest, to_json
from bot.answer.when import WhenError, parse_when
from bot.store.articles import ArticleStore
from bot.store.db import Database
from bot.store.quotes import QuoteStore

from .conftest import NOW


async def _ask(db: Database, text: str) -> tuple[bool, str, dict[str, object]]:
    result = await ask(text, QuoteStore(db), ArticleStore(db), NOW)
    return result.ok, render_text(result), to_json(result)


async def test_who_said_what_about_bucharest(seeded: Database) -> None:
    ok, text, data = await _ask(seeded, "who said what about Bucharest")
    assert ok
    answers = data["answers"]
    assert isinstance(answers, list)
    by = {(a["speaker"], a["text"]) for a in answers}
    assert any(s == "unnamed Russian embassy spokesperson" and "nullification" in t for s, t in by)
    # "The decision ..." refers back to the sentence naming the Bucharest Summit
    assert any(s == "Izvestia" and "promise of future membership" in t for s, t in by)
    assert "via Izvestia" in text
    assert all(a["source"]["title"] and a["source"]["url"] for a in answers)


async def test_what_did_rutte_say_lists_every_statement(seeded: Database) -> None:
    ok, text, data = await _ask(seeded, "what did Rutte say?")
    assert ok and text.startswith("What Mark Rutte said")
    answers = data["answers"]
    # the seed attributes four statements to him: said (twice), emphasizing, and "has also underlined"
    assert isinstance(answers, list) and len(answers) == 4
    assert {a["speaker"] for a in answers} == {"Mark Rutte"}
    assert any("credible security guarantees" in str(a["text"]) for a in answers)


async def test_speaker_about_topic_and_most_quoted(seeded: Database) -> None:
    ok, text, data = await _ask(seeded, "what did Peskov say about Washington")
    answers = data["answers"]
    assert ok and isinstance(answers, list) and {a["speaker"] for a in answers} == {"Dmitry Peskov"}
    # the seed opens a sentence with "Kremlin spokesman": the Kremlin is a name, never "kremlin spokesman"
    assert "kremlin" not in text and "Kremlin spokesman" in text, text
    # the Kremlin's spokesman speaks for it: "what did the Kremlin say" finds him, shown apart as tied to it
    ok, text, data = await _ask(seeded, "what did the Kremlin say")
    assert ok and text.startswith("Nothing by the Kremlin itself") and "*Dmitry Peskov* (Kremlin spokesman)" in text
    answers = data["answers"]
    assert isinstance(answers, list) and {a["speaker"] for a in answers} == {"Dmitry Peskov"}
    ok, text, _ = await _ask(seeded, "who is quoted most on NATO")
    assert ok and text.startswith("Quoted most about NATO")


async def test_time_window_filters_by_publication(seeded: Database) -> None:
    ok, _, data = await _ask(seeded, "who said what about NATO since Tuesday")  # only the 17 Nov article
    assert ok
    answers = data["answers"]
    assert isinstance(answers, list)
    ids = {a["source"]["article_id"] for a in answers}
    assert ids == {"002_203e01c3295f8653"}
    ok, text, _ = await _ask(seeded, "who said what about NATO since 2026-11-21")
    assert not ok and "nothing" in text.lower()


async def test_whats_new(seeded: Database) -> None:
    ok, text, _ = await _ask(seeded, "what's new on NATO since Monday")
    assert ok and "NATO" in text


BAD_QUESTIONS = [
    "who said what about Bucharest AND", 'who said what about "', "who said what about *",
    "who said what about NEAR(", "who said what about -", "who said what about :",
    "who said what about NATO'; DROP TABLE attributions; --", "who said what about x OR 1=1",
    "what did Rutte\" OR speaker:* say", "who said what about " + "Bucharest " * 2000, "   \n\t ",
    "who said what about 🙂🙂", "who said what about Бухарест", "who said what about 布加勒斯特",
    "what did Zorblax Quint say", "tell me a joke", "who said what about Bucharest since someday",
]


async def test_bad_input_gets_a_clear_reply(seeded: Database) -> None:
    # one store per backend for all of them: each question must get a short, clear reply
    for question in BAD_QUESTIONS:
        ok, text, _ = await _ask(seeded, question)
        assert text.strip(), question
        assert "Traceback" not in text and "sqlite" not in text.lower() and "syntax" not in text.lower()
        if not ok:
            assert len(text) < 600, question
    ok, text, _ = await _ask(seeded, "who said what about Bucharest AND")
    assert ok and "Izvestia" in text  # operators are plain words: the real topic still answers
    ok, text, _ = await _ask(seeded, "what did Zorblax Quint say")
    assert not ok and "no statements by 'Zorblax Quint'" in text


async def test_unknown_name_suggests_a_near_speaker(seeded: Database) -> None:
    ok, text, data = await _ask(seeded, "what did Rute say")
    assert not ok and "Mark Rutte" in data["suggestions"]  # type: ignore[operator]
    assert "Did you mean" in text


async def test_tables_stay_intact_after_hostile_input(seeded: Database) -> None:
    await _ask(seeded, "who said what about x'); DELETE FROM attributions; --")
    assert await QuoteStore(seeded).count() > 20


def test_parse_question_forms() -> None:
    q = parse_question("Who said what about the Bucharest summit since Monday?")
    assert q is not None and (q.kind, q.topic, q.since) == ("whosaid", "the Bucharest summit", "Monday")
    q = parse_question("what did Mark Rutte say about Ukraine")
    assert q is not None and (q.kind, q.speaker, q.topic) == ("speaker", "Mark Rutte", "Ukraine")
    q = parse_question("brief me on NATO this week")
    assert q is not None and (q.kind, q.topic, q.since) == ("new", "NATO", "this week")
    assert parse_question("who is quoted most on Ukraine") is not None
    assert parse_question("hello there") is None


def test_time_windows_relative_to_injected_now() -> None:
    assert parse_when("Monday", NOW) == datetime(2026, 11, 16, tzinfo=UTC)
    assert parse_when("this week", NOW) == datetime(2026, 11, 16, tzinfo=UTC)
    assert parse_when("yesterday", NOW) == datetime(2026, 11, 19, tzinfo=UTC)
    assert parse_when("Friday", NOW) == datetime(2026, 11, 20, tzinfo=UTC)
    assert parse_when("24h", NOW) == datetime(2026, 11, 19, 12, tzinfo=UTC)
    with pytest.raises(WhenError):
        parse_when("someday", NOW)


def test_suggest_uses_edit_distance_and_shared_stems() -> None:
    names = ["Mark Rutte", "Dmitry Peskov", "Izvestia"]
    assert suggest("Rute", names) == ["Mark Rutte"]
    assert suggest("Izvestiya", names) == ["Izvestia"]
    assert suggest("zzzz", names) == []
    # a short word shared with a name suggests nothing, nor does an unnamed speaker
    unnamed = ["unnamed spokesperson for the Tarnholm Dockers' Union", "Ilse Marovic"]
    assert suggest("the quay", unnamed) == []
    assert suggest("Dockers", unnamed) == []
    assert suggest("Marovich", unnamed) == ["Ilse Marovic"]


@pytest.mark.parametrize(("content", "shown"), [
    ("that the Kremlin will also demand a nullification", "the Kremlin will also demand a nullification"),
    ('"Closing the bridge is the only responsible choice,"', '"Closing the bridge is the only responsible choice"'),
    ("“We will not gamble with lives,”", "“We will not gamble with lives”"),
    ("that is the problem with the plan", "that is the problem with the plan"),  # "that" is the subject
    ("That was never agreed", "That was never agreed"),
    ("thatching costs will rise", "thatching costs will rise"),
])
def test_answers_show_what_was_said_without_the_joins(content: str, shown: str) -> None:
    assert readable_content(content) == shown


def test_last_week_last_month_and_spelled_out_units() -> None:
    assert NOW.weekday() == 4  # Friday 20 Nov 2026
    assert parse_when("last week", NOW) == datetime(2026, 11, 9, tzinfo=UTC)
    assert parse_when("since last month", NOW) == datetime(2026, 10, 1, tzinfo=UTC)
    assert parse_when("the past 3 days", NOW) == datetime(2026, 11, 17, 12, tzinfo=UTC)
    assert parse_when("last 36 hours", NOW) == datetime(2026, 11, 19, tzinfo=UTC)
    assert parse_when("2 weeks", NOW) == datetime(2026, 11, 6, 12, tzinfo=UTC)


def test_a_story_about_a_topic_is_asking_what_is_new_on_it() -> None:
    for typed in ("Story about the harbour bridge", "stories on Merrin since Monday", "any stories about Merrin?"):
        q = parse_question(typed)
        assert q is not None and q.kind == "new" and q.topic in ("the harbour bridge", "Merrin"), typed
