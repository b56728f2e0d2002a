"""A "he said" after a quotation binds to the person the sentence before is about ("Garrity, who ..., claims he
knew ...") when NER tagged that surname as no one, or as a place: the surname of someone the article named in full is
that person, not a thing, so the last person who spoke (the physio) is not the pronoun's."""

from __future__ import annotations

import pytest
from spacy.language import Language

from bot.nlp.quotes import extract_from_text

# invented text; the small English model tags "Garrity" there as nothing and "Brandt" as a place
_MATCH = ("Orrin winger Tomas {n} has broken a bone in his foot and will be out for six weeks.\n\n"
          "{n} had a scan on the injury on Monday. \"Six weeks is the usual time to heal,\" he told the Orrin Gazette. "
          "Club physio Mike Hadley was hopeful that {n} could return in March. \"The break is tiny and he could be "
          "playing next month,\" Hadley told the club's website.\n\n"
          "{n}, who has been a key part of the side's cup run, claims he knew at once something was wrong when he "
          "was tackled by Velmora defender Ivo Sand. \"I felt my foot go,\" he said.\n")


@pytest.mark.parametrize("surname", ["Garrity", "Brandt"])
def test_he_said_is_the_player_not_the_physio(nlp: Language, surname: str) -> None:
    found = extract_from_text(_MATCH.format(n=surname), "match", nlp)
    by_cue = {a.cue: a.speaker for a in found if a.cue in ("claims", "said")}
    assert by_cue == {"claims": f"Tomas {surname}", "said": f"Tomas {surname}"}
    assert [a.speaker for a in found if a.cue == "told"][-1] == "Mike Hadley"  # the physio keeps his own words


def test_a_surname_of_no_one_named_in_full_is_no_antecedent(nlp: Language) -> None:
    text = ("Club physio Mike Hadley said the break was tiny and Tomas Garrity would be back soon.\n\n"
            "Rijkers, who run the club shop, claims the boots sold out. \"It was a shock,\" he said.\n")
    found = extract_from_text(text, "shop", nlp)
    assert [a.speaker for a in found if a.cue == "claims"] == ["Rijkers"]
    assert [a.speaker for a in found if a.speaker_as_written == "he"] == ["Mike Hadley"]
