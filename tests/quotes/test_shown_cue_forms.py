"""A participle cue ("adding", "citing") reads as a verb, and a role or an unnamed "The ..." speaker that kept its
sentence's capital reads in lower case, the same in answers, the story view and key quotes."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.answer.respond import Answer, render_text, to_json
from bot.answer.unresolved import shown_role, shown_written
from bot.models import Attribution, SourceRef, Story
from bot.nlp.cue_forms import past_form
from bot.store.quotes import QuoteHit
from digests.key_quote import key_quote, reported_line
from digests.story_view import render_story

PUBLISHED = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


@pytest.mark.parametrize(("cue", "past"), [
    ("stating", "stated"), ("emphasizing", "emphasized"), ("emphasising", "emphasised"), ("arguing", "argued"),
    ("citing", "cited"), ("adding", "added"), ("noting", "noted"), ("warning", "warned"), ("urging", "urged"),
    ("admitting", "admitted"), ("referring", "referred"), ("denying", "denied"), ("replying", "replied"),
    ("playing", "played"), ("agreeing", "agreed"), ("stressing", "stressed"), ("saying", "said"),
    ("telling", "told"), ("writing", "wrote"), ("speaking", "spoke"), ("pointing out", "pointed out"),
    ("Adding", "Added"), ("said", "said"), ("according to", "according to"), ("told", "told"), ("bring", "bring"),
])
def test_a_participle_cue_in_its_past_form(cue: str, past: str) -> None:
    assert past_form(cue) == past


def _hit(cue: str, content: str, role: str | None = None) -> QuoteHit:
    a = Attribution("a1", "Orla Penning", "Penning", cue, content, "indirect", 1, 0, len(content), role=role)
    return QuoteHit(a, "Tarnholm Post", "Quay opens", "https://post.example/quay", PUBLISHED)


def test_an_answer_shows_a_participle_cue_as_a_verb_and_a_role_in_lower_case() -> None:
    hits = (_hit("citing", "concerns about the old quay", "Chief engineer"), _hit("adding", "the ferry runs hourly"))
    text = render_text(Answer("Who said what about the quay:", (("Orla Penning", hits),)))
    assert "*Orla Penning* (chief engineer)" in text, text
    assert "  • cited: concerns about the old quay" in text, text
    assert "  • added: the ferry runs hourly" in text, text
    assert "citing" not in text and "adding" not in text, text


def test_ask_json_shows_the_role_as_the_text_answer_does() -> None:
    hits = (_hit("citing", "concerns about the old quay", "Chief engineer"), _hit("said", "the quay opens", "Mayor"))
    data = to_json(Answer("Who said what about the quay:", (("Orla Penning", hits),)))
    assert [a["role"] for a in data["answers"]] == ["chief engineer", "mayor"], data


def test_ask_json_shows_the_speaker_as_written_as_the_text_does() -> None:
    def said(written: str) -> QuoteHit:
        a = Attribution("a1", written.removeprefix("The "), written, "said", "the quay opens", "direct", 1, 0, 14)
        return QuoteHit(a, "Tarnholm Post", "Quay opens", "https://post.example/quay", PUBLISHED)

    hits = (said("The harbour office"), said("The Kremlin"), said("Penning"))
    data = to_json(Answer("Who said what about the quay:", (("harbour office", hits),)))
    assert [a["speaker_as_written"] for a in data["answers"]] == ["the harbour office", "The Kremlin", "Penning"]


@pytest.mark.parametrize(("role", "shown"), [
    ("Chief engineer", "chief engineer"), ("Chief executive", "chief executive"), ("chief engineer", "chief engineer"),
    ("Secretary General", "Secretary General"), ("Kremlin spokesman", "Kremlin spokesman"), ("Mayor", "mayor"),
    ("Head of the Velmora Ferry Board", "Head of the Velmora Ferry Board"),
])
def test_a_role_keeps_only_a_name_or_title_capital(role: str, shown: str) -> None:
    assert shown_role(role) == shown


@pytest.mark.parametrize(("written", "shown"), [
    ("The office", "the office"), ("The national weather office", "the national weather office"),
    ("The Kremlin", "The Kremlin"), ("The White House", "The White House"), ("The Guardian", "The Guardian"),
    ("the port board", "the port board"),
])
def test_an_unnamed_the_speaker_keeps_a_name_capital(written: str, shown: str) -> None:
    assert shown_written(written) == shown


def _story(quotes: tuple[Attribution, ...]) -> Story:
    sources = (SourceRef("a1", "Tarnholm Post", "https://post.example/q", "Quay opens", PUBLISHED),
               SourceRef("a2", "Velmora Star", "https://star.example/q", "Quay opens at last", PUBLISHED))
    return Story("s1", "Quay opens", sources, (), quotes=quotes)


def test_the_story_view_shows_one_form_of_a_speaker_together() -> None:
    quotes = (
        Attribution("a1", "Orla Penning", "Chief engineer Orla Penning", "said", "the quay can take larger ships",
                    "indirect", 1, 0, 10, role="Chief engineer"),
        Attribution("a2", "Orla Penning", "Penning", "citing", "a survey of the old piles", "indirect", 2, 0, 10,
                    role="chief engineer"),
        Attribution("a1", "port board", "the port board", "said", "fees would rise in spring", "indirect", 3, 0, 10),
        Attribution("a1", "Ilse Marovic", "Marovic", "said", "the ferry timetable is set", "indirect", 4, 0, 10),
        Attribution("a2", "port board", "The port board", "said", "berths were booked until May", "indirect", 5, 0,
                    10),
        Attribution("a2", "port board", "The board", "adding", "dredging starts soon", "indirect", 6, 0, 10),
    )
    text = render_story(_story(quotes), tz=UTC)
    who = [line for line in text.splitlines() if line.startswith("• ")]
    assert "• *Orla Penning* (chief engineer) said: the quay can take larger ships (Tarnholm Post)" in who, text
    assert "• *Orla Penning* (chief engineer) cited: a survey of the old piles (Velmora Star)" in who, text
    assert "Chief" not in text, text
    # one article's board lines together; another article's "port board" is its own speaker, as answers keep a
    # description naming no organisation (bot/answer/described.py)
    board = [i for i, line in enumerate(who) if "board" in line and "Velmora Star" in line]
    assert board == list(range(board[0], board[0] + 2)), text
    assert "• *the port board* said: berths were booked until May (Velmora Star)" in who, text
    assert "• *the board* added: dredging starts soon (Velmora Star)" in who, text


def test_a_key_quote_role_in_lower_case_and_its_cue_as_a_verb() -> None:
    quote = Attribution("a1", "Orla Penning", "Chief engineer Orla Penning", "noting",
                        "the quay can take ships twice the size of the old ones", "indirect", 1, 0, 10,
                        role="Chief engineer")
    chosen = key_quote(_story((quote,)))
    assert chosen is not None and chosen.role == "chief engineer"
    assert reported_line("citing", "Orla Penning", "a survey") == "Orla Penning cited a survey."
