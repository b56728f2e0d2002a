"""Key-quote fragments and cues that are no speech, found by reading real output: reported words cut after a verb of
making and the adjective of its lost object ("... made defamatory"), reported words that open with a bare verb
whose subject was cut off ("... agreed outweigh risks"), a thing or an event that "threatened to" do something ("the
storm threatened to flood the lower town"), a player who "added" a goal, a point or a run, and a sign, notice or
banner as the speaker. Their look-alikes still pass."""

from __future__ import annotations

import pytest

from bot.models import Attribution
from digests.key_quote_gate import quote_flaw
from digests.key_quote_speaker import sign_like


# Written for these tests: invented speakers, places and statements.
def said(content: str, speaker: str = "Ida Varga", cue: str = "said", kind: str = "indirect") -> Attribution:
    return Attribution("n-1", speaker, speaker, cue, content, kind, 4, 300, 300 + len(content))  # type: ignore[arg-type]


@pytest.mark.parametrize("content", [
    "the harbour master Oren Malk made defamatory",
    "the ferry company had repeatedly made offensive",
    "the councillor made several inflammatory",
    "the mayor issued contradictory",
    "the board has since made racist",
])
def test_words_cut_after_the_adjective_of_a_lost_object_are_rejected(content: str) -> None:
    assert quote_flaw(said(content, "Lena Moss")) == "ends without its object"


@pytest.mark.parametrize("content", [
    "the harbour accounts were finally made public",  # passive: the object is the subject
    "the new rota had been made mandatory",
    "the pilots made defamatory claims about the harbour board",
    "the minutes of the meeting were never made available",
    "the decision made sense to the ferry crews",
    "the harbour master made history as the first woman in the post",
    "the ferry timetable was made permanent",
    "the families made homeless by the floods",  # no verb of making in the active
])
def test_a_complete_clause_with_making_passes(content: str) -> None:
    assert quote_flaw(said(content, "Lena Moss")) is None


@pytest.mark.parametrize(("content", "cue", "flaw"), [
    ("outweigh risks for the older islanders", "agreed", "subject cut off"),
    ("outweigh costs of the late winter sailings", "agreed", "subject cut off"),
    ("undermine efforts to rebuild the old pier", "said", "subject cut off"),
    ("reach targets for the second year running", "insisted", "subject cut off"),
    # an adjective, a noun's ending or a verb of its own: the subject is there, or the words are the cue's object
    ("new timetables for the winter ferries", "agreed", None),
    ("fresh talks with the harbour unions", "agreed", None),
    ("further cuts to the winter sailings", "agreed", None),
    ("rising costs would end the night ferry", "said", None),
    ("inflation hurts islanders most in winter", "said", None),
    ("fog delays the first ferry most mornings", "said", None),
    ("heavy rains flooded the lower harbour road", "said", None),
    ("record numbers of visitors came in August", "said", None),
])
def test_reported_words_opening_on_a_bare_verb_lost_their_subject(content: str, cue: str, flaw: str | None) -> None:
    assert quote_flaw(said(content, "Oren Malk", cue=cue)) == flaw


@pytest.mark.parametrize(("speaker", "flaw"), [
    ("fire", "not speech"), ("blaze", "not speech"), ("Hurricane Orla", "not speech"),
    ("outbreak of ferry flu", "not speech"), ("floods and landslides", "not speech"), ("ovarian cysts", "not speech"),
    ("storm", "no speaker"), ("rising tide", "no speaker"),  # heads the gate reads as no speaker for any cue
    # a person, a named body or a group threatens
    ("harbour master", None), ("Oren Malk", None), ("ferry crews", None), ("fire chief", None),
])
def test_a_thing_or_event_that_threatened_is_not_speech(speaker: str, flaw: str | None) -> None:
    assert quote_flaw(said("to close the northern quay for a month", speaker, cue="threatened")) == flaw
    assert quote_flaw(said("legal action against the harbour board", speaker, cue="threatened")) == flaw


@pytest.mark.parametrize(("content", "flaw"), [
    ("a second goal just after the break", "not speech"),
    ("two more in the second half as Vellmar ran riot", "not speech"),
    ("14 points off the bench for the visitors", "not speech"),
    ("a late penalty to seal the win", "not speech"),
    ("another in stoppage time", "not speech"),
    ("52 runs before lunch on the second day", "not speech"),
    # something said about goals, or more of something else
    ("that a second goal would have killed the game off", None),
    ("a second reason for hope was the young squad", None),
    ("the team needed two more wins to stay up", None),
    ("more ferries would run on the northern route", None),
    ("another point worth making was the cost of fuel", None),
])
def test_a_player_who_added_a_goal_is_not_speech(content: str, flaw: str | None) -> None:
    assert quote_flaw(said(content, "Tomas Brek", cue="added")) == flaw
    assert quote_flaw(said(content, "Tomas Brek", cue="adding")) == flaw


@pytest.mark.parametrize("speaker", [
    "sign", "sign at the gate", "welcome sign", "notice on the harbour office door", "banner", "billboards",
    "poster in the ferry terminal", "placard", "label on the bottle", "The banner",
])
def test_a_sign_is_no_speaker(speaker: str) -> None:
    assert sign_like(speaker)
    assert quote_flaw(said("Akwaaba, welcome to the harbour of Vellmar", speaker, cue="says")) == "no speaker"


@pytest.mark.parametrize("speaker", [
    "Bruce Banner", "Ida Poster", "sign language interpreter", "record label", "notice board chair", "Lena Moss",
])
def test_a_person_or_a_company_near_a_sign_word_still_speaks(speaker: str) -> None:
    assert not sign_like(speaker)
