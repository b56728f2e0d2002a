"""Fragments are no key quote: a reported clause cut off after its own subject and verb of saying ("the parish
says", "the parish says Canon Ida Varga"), a noun with a verb of evidence and nothing it shows ("the survey map
suggests"), a clause cut after another attribution ("..., the parish says") and a "claimed" that is a win, not a
statement ("claimed a 3-1 home win"); their complete look-alikes, and a plural subject's present-tense verb
("harbour records seen by the paper support that view"), pass."""

from __future__ import annotations

import pytest

from bot.models import Attribution
from digests.key_quote_gate import quote_flaw


# Written for these tests: invented speakers, places and statements.
def said(content: str, speaker: str = "Ida Varga", cue: str = "said", kind: str = "indirect") -> Attribution:
    return Attribution("v-1", speaker, speaker, cue, content, kind, 9, 500, 500 + len(content))  # type: ignore[arg-type]


@pytest.mark.parametrize(("quote", "flaw"), [
    # the start of a reported clause: its own subject and verb, then nothing it says, or no verb of its own
    (said("the Vellmar parish council says"), "no statement of its own"),
    (said("that the Vellmar parish council says"), "no statement of its own"),
    (said("the parish says Canon Ines Folda", "unnamed officials"), "no statement of its own"),
    (said("the diocese said a bishop from the north"), "no statement of its own"),
    # a noun and a verb of evidence, with nothing shown
    (said("the old harbour survey map suggests", "unnamed engineers", cue="reported"), "no statement of its own"),
    (said("the latest ferry passenger data show"), "no statement of its own"),
    (said("the harbour board's own report says", "Oren Malk"), "no statement of its own"),
    (said("that ticket sales figures indicate", "Oren Malk", cue="added"), "no statement of its own"),
    # a clause that ends on another speaker's attribution: "Ida Varga said ..., the parish says"
    (said("the bell tower belongs to the church trust, the parish says"), "holds its own attribution"),
    # a scoreline cut across two clauses: "... after Ida Varga's opener and Vellmar claimed a 3-1 home win ..."
    (said("a 3-1 home win at Ostrand with Oren Malk heading a late winner", "Ida Varga opener and Vellmar",
          cue="claimed"), "not a full clause"),
    (said("the regional cup in the final minute of extra time", "Vellmar Rovers", cue="claimed"),
     "not a full clause"),
])
def test_fragments_are_rejected(quote: Attribution, flaw: str) -> None:
    assert quote_flaw(quote) == flaw


@pytest.mark.parametrize("quote", [
    # a nested attribution that says something whole
    said("the parish says the bell tower belongs to the church trust"),
    said("the survey map suggests the old wall was never finished", "unnamed engineers", cue="reported"),
    # a verb of evidence with what it shows
    said("the parish hall shows its age after three winters of storms"),
    said("the latest ferry passenger data show a fall of nearly a third"),
    # "claimed" with a clause is a claim
    said("the harbour board had ignored three warnings about the wall", "Vellmar Rovers", cue="claimed"),
    said("that the ferry company owed the island two years of fees", "Oren Malk", cue="claimed"),
    # a clause ending on a noun, or on "says" that is no attribution
    said("the ferry will sail again once the divers have checked the jetty"),
    said("nobody listens to what the harbour master says"),
    said("the wall was late, as the survey map suggests"),
    said("most islanders believe in a new harbour wall of stone"),  # a verb with a preposition: no cue
])
def test_complete_look_alikes_still_pass(quote: Attribution) -> None:
    assert quote_flaw(quote) is None


@pytest.mark.parametrize("content", [
    "harbour records seen by the paper support that view",
    "islanders want the ferry back before the summer",
    "the new pier plans lack a second vote by the council",
    "they expect the crossing to reopen in spring",
])
def test_a_plural_subjects_present_tense_is_a_full_clause(content: str) -> None:
    assert quote_flaw(said(content, "unnamed officials")) is None


@pytest.mark.parametrize("content", [
    "the harbour wall repairs and the cost to islanders",
    "new ferry timetables for the winter months",
    "more money for the islands and their harbours",
])
def test_a_plural_noun_phrase_is_still_no_clause(content: str) -> None:
    assert quote_flaw(said(content, "unnamed officials")) == "not a full clause"


@pytest.mark.parametrize("speaker", ["survey map", "fossils", "older charts"])
def test_a_thing_that_suggests_or_shows_is_no_speaker(speaker: str) -> None:
    # "The survey map suggests the old wall ...": evidence, not anyone's words
    assert quote_flaw(said("the old wall was built before the harbour itself", speaker, "suggests")) == "no speaker"


@pytest.mark.parametrize(("speaker", "cue"), [
    ("Vellmar Port Authority", "suggests"), ("unnamed engineers", "suggested"), ("harbour office", "said"),
    ("experts", "suggest"),
])
def test_a_body_or_a_person_who_suggests_stays(speaker: str, cue: str) -> None:
    assert quote_flaw(said("the old wall was built before the harbour itself", speaker, cue)) is None
