"""Wrong speakers a reader audit found on real text, each shown with an invented sentence of the same shape: words
an inner "he said" reports inside someone's quotation, a speaker heard saying something after a passive verb, a
described speaker bound to a person of another role, an event as a speaker, and actions ("declared a state of
emergency", "asked X to do Y") read as statements."""

from __future__ import annotations

from spacy.language import Language

from bot.models import Attribution
from bot.nlp.quotes import extract_from_text

# Written for these tests: invented people, places and events.


def _found(text: str, nlp: Language) -> tuple[Attribution, ...]:
    return extract_from_text(text, nlp=nlp)


def test_words_an_inner_he_said_reports_are_not_the_outer_speakers(nlp: Language) -> None:
    text = ("Commuter Rita Valen, 52, said: 'The ride was slow but calm. 'When we reached Lornby he said "
            "\"Mind the gap and enjoy the sunshine\" and I laughed all the way home.'")
    found = _found(text, nlp)
    # her single-quoted statement holds the inner quotation (nested: no quotation of its own, step 42)
    assert not [a for a in found if a.content.lstrip("'\"").startswith("Mind the gap") and a.speaker == "Rita Valen"]
    assert [a.speaker for a in found if "ride was slow" in a.content] == ["Rita Valen"]


def test_a_speaker_heard_saying_is_the_passive_subject(nlp: Language) -> None:
    text = ("Traveller Omar Fenn, 39, was filming on his phone and the guard can clearly be heard saying: "
            "'Lornby Halt - please mind your bags and coats'. Rail bosses are looking into it.")
    found = _found(text, nlp)
    saying = [a for a in found if a.cue == "saying"]
    assert len(saying) == 1
    assert saying[0].speaker != "Omar Fenn"
    assert "guard" in saying[0].speaker
    # a single-marked quotation is direct speech, marks included as for double marks (step 42)
    assert (saying[0].kind, saying[0].content) == ("direct", "'Lornby Halt - please mind your bags and coats'")


def test_described_speaker_is_not_a_named_person_of_another_role(nlp: Language) -> None:
    text = ("Sergeant Lena Brook, of the county road unit, said the tests were late. The judge agreed with police "
            "that the driver was over the limit.")
    found = _found(text, nlp)
    agreed = [a for a in found if a.cue == "agreed"]
    assert agreed
    assert all(a.speaker != "Lena Brook" for a in agreed)


def test_an_event_phrase_is_no_speaker(nlp: Language) -> None:
    text = ("As the army raced toward a deadline to leave, sporadic violence in the northern capital underlined "
            "the dangers ahead for a region already hit by floods. The army shot down rockets aimed at the airport "
            "on Monday, a day after it said that one of its drones struck a truck full of explosives.")
    found = _found(text, nlp)
    assert not [a for a in found if "violence" in a.speaker]


def test_declaring_an_emergency_is_an_action_not_a_statement(nlp: Language) -> None:
    text = ("Gov. Ana Merrow declared a state of emergency in Dunmore County on Friday. Later Merrow declared "
            "the emergency over. Mayor Theo Lund declared war on potholes.")
    found = _found(text, nlp)
    assert not [a for a in found if a.cue == "declared"]


def test_asking_someone_to_do_something_is_no_statement(nlp: Language) -> None:
    text = ("County Mayor Nell Rask asked the governor to do the same. Rask asked whether the bridge was safe.")
    found = _found(text, nlp)
    assert not [a for a in found if "do the same" in a.content]
    assert [a.content for a in found if a.cue == "asked"] == ["whether the bridge was safe"]
