"""A person described by what they do or are is no bare noun that reads like a name ("snapper"): "A bystander said"
is an unnamed speaker as "an official" is ("unnamed bystander"); "The snapper says" keeps its article ("the
snapper"), a phrase news writes of someone named before as often as not; bodies ("the company", "the council") and
documents stay as they were."""

from __future__ import annotations

from spacy.language import Language

from bot.answer.unresolved import shown_speaker
from bot.nlp.quotes import extract_from_text

# invented text
_FERRETS = ("Ada Lind has kept ferrets in Orrin for twenty years.\n\n"
            "The snapper says the ferrets sleep most of the day. The photographer said the light in the barn was poor. "
            "The driver said the road to Orrin was closed. A bystander said the van was parked on the verge. "
            "The physio said the injury was minor.\n")
_BODIES = ("Ada Lind runs the Orrin ferry firm.\n\n"
           "The company said the ferry would sail on Monday. The council said the pier was safe. "
           "The report says the pier was built in 1910.\n")


def test_a_described_person_reads_as_described(nlp: Language) -> None:
    found = extract_from_text(_FERRETS, "ferrets", nlp)
    assert [(a.speaker_as_written, a.speaker) for a in found] == [
        ("The snapper", "the snapper"),
        ("The photographer", "the photographer"),
        ("The driver", "the driver"),
        ("A bystander", "unnamed bystander"),
        ("The physio", "the physio"),
    ]
    assert shown_speaker("the snapper") == "the snapper"


def test_bodies_and_documents_are_as_before(nlp: Language) -> None:
    found = extract_from_text(_BODIES, "bodies", nlp)
    assert [a.speaker for a in found] == ["company", "council", "report"]
