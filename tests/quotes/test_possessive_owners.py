"""An owner in the possessive before the speaker: "the country's central bank" is the central bank, as "the
central bank" is; a named owner ("Valdoria's central bank") stays in the speaker."""

from __future__ import annotations

import pytest
from spacy.language import Language

from bot.nlp.quotes import extract_from_text

# Written for these tests: invented sentences about an invented country, Valdoria.
RATES = " said interest rates would stay where they are until the spring."
PROFITS = " said profits would fall this year because of the dock strike."


def _one(text: str, nlp: Language) -> tuple[str, str | None, str]:
    found = extract_from_text(text, nlp=nlp)
    assert len(found) == 1, found
    return found[0].speaker, found[0].role, found[0].speaker_as_written


@pytest.mark.parametrize(("owned", "plain", "speaker"), [
    ("The country's central bank", "The central bank", "central bank"),
    ("The country\u2019s central bank", "The central bank", "central bank"),
    ("The city's mayor", "The mayor", "unnamed mayor"),
])
def test_an_owner_referring_back_is_left_out_of_the_speaker(owned: str, plain: str, speaker: str,
                                                            nlp: Language) -> None:
    tail = PROFITS if "company" in owned else RATES
    assert _one(owned + tail, nlp) == (speaker, None, owned)  # as written keeps the owner
    assert _one(plain + tail, nlp) == (speaker, None, plain)  # the same speaker as without it


def test_a_named_owner_stays_in_the_speaker(nlp: Language) -> None:
    assert _one("Valdoria's central bank" + RATES, nlp) == ("Valdorian central bank", None, "Valdoria's central bank")


@pytest.mark.parametrize(("owned", "speaker"), [
    ("The company's chief executive", "unnamed company chief executive"),  # whose chief executive: kept
    ("The ministry's spokesman", "unnamed ministry spokesman"),
])
def test_an_owner_that_is_no_place_says_whose_and_stays(owned: str, speaker: str, nlp: Language) -> None:
    assert _one(owned + PROFITS, nlp)[0] == speaker


def test_an_owner_of_what_is_no_speaker_by_itself_stays(nlp: Language) -> None:
    # a notice speaks for its owner: the owner is what names the source
    assert _one("The agency's notice said the office would close at noon.", nlp)[0] == "agency notice"


@pytest.mark.parametrize(("owned", "speaker"), [
    ("The prime minister's office", "prime minister office"),  # a person's office: the owner says whose
    ("The world's largest ferry company", "world largest ferry company"),  # a superlative's scope, no owner
])
def test_an_owner_that_says_whose_or_how_large_is_no_back_reference(owned: str, speaker: str,
                                                                    nlp: Language) -> None:
    assert _one(owned + RATES, nlp)[0] == speaker
