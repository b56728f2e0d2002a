"""More actions read as statements on real text, each shown with an invented sentence of the same shape: a thing
"threatened to" boil over or spill into the streets, and crews who "responded to a call" or an alarm."""

from __future__ import annotations

from spacy.language import Language

from bot.models import Attribution
from bot.nlp.quotes import extract_from_text

# Written for these tests: invented people, places and events.


def _found(text: str, nlp: Language) -> tuple[Attribution, ...]:
    return extract_from_text(text, nlp=nlp)


def test_threatening_to_boil_over_is_no_statement(nlp: Language) -> None:
    text = ("Tempers in the Lornby stands threatened to boil over after the late penalty. The row threatened to "
            "spill into the streets of the old town. Coach Mira Holt threatened to quit if the board sold the club.")
    found = _found(text, nlp)
    assert not [a for a in found if "boil over" in a.content or "spill into" in a.content]
    assert [a for a in found if a.speaker == "Mira Holt" and "quit" in a.content]


def test_responding_to_a_call_is_an_action(nlp: Language) -> None:
    text = ("Fire crews from Dunmore responded to a call at about 2:15 a.m. on Sunday. Police responded to an "
            "alarm at the harbour warehouse. Mayor Theo Lund responded that the bridge would reopen in May.")
    found = _found(text, nlp)
    assert not [a for a in found if "a call" in a.content or "an alarm" in a.content]
    assert [a for a in found if "bridge would reopen" in a.content]
