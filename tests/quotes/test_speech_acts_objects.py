"""Cues whose object is a thing done, not words said (step 40, actions): a court that "dismissed the lawsuit", a
speaker who "concluded her remarks", kidnappers who "demanded a ransom", police who "cited the driver", a
defendant who "admitted manslaughter", a town that "boasts" cafes; the same verbs with a clause or a view stay."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from bot.models import Attribution
from bot.nlp.object_acts import object_act
from bot.nlp.quotes import extract_from_text

# Written for these tests: invented people, places and events.


def _found(text: str, nlp: Language) -> tuple[Attribution, ...]:
    return extract_from_text(text, nlp=nlp)


def _cued(found: tuple[Attribution, ...], cue: str) -> list[Attribution]:
    return [a for a in found if a.cue.lower().startswith(cue)]


def test_dismissing_a_case_or_a_manager_is_an_action(nlp: Language) -> None:
    text = ("A federal judge in Harlow dismissed the union's lawsuit against the port authority on Tuesday. "
            "The court dismissed an appeal by the council. The club dismissed its manager on Monday. "
            "Senator Ana Ruiz dismissed the claims as nonsense. Ivo Tarn dismissed the charges as a witch hunt.")
    found = _found(text, nlp)
    assert sorted(a.content for a in _cued(found, "dismiss")) == [
        "the charges as a witch hunt", "the claims as nonsense"]


def test_concluding_remarks_is_no_statement(nlp: Language) -> None:
    text = ("Governor Pia Kerr concluded her remarks shortly after 9 p.m. The inquiry concluded its hearings on "
            "Friday. The panel concluded that the bridge was unsafe. \"We will win,\" Rosa Tamm concluded.")
    found = _found(text, nlp)
    assert sorted(a.content for a in _cued(found, "conclud")) == ["\"We will win,\"", "that the bridge was unsafe"]


def test_demanding_a_ransom_is_an_action(nlp: Language) -> None:
    text = ("The kidnappers demanded a ransom of $2 million for the captain. The hackers demanded $5 million in "
            "bitcoin. Residents demanded a public inquiry into the flooding. Union leaders demanded that the "
            "depot stay open.")
    found = _found(text, nlp)
    assert sorted(a.content for a in _cued(found, "demand")) == [
        "a public inquiry into the flooding", "that the depot stay open"]


def test_citing_a_person_is_no_statement_but_citing_a_reason_is(nlp: Language) -> None:
    text = ("Police cited the driver for speeding. Some migrants have cited Mr. Lorne. Some farmers cited concerns "
            "that the dam would fail. Many of the families have cited Mr. Vance as the reason they moved.")
    found = _found(text, nlp)
    contents = [a.content for a in _cued(found, "cit")]
    assert not [c for c in contents if "driver" in c or c in ("Mr", "Mr. Lorne")]
    assert [c for c in contents if "dam would fail" in c]
    assert [c for c in contents if "Mr. Vance as the reason" in c]


def test_a_place_that_boasts_a_thing_says_nothing(nlp: Language) -> None:
    text = ("Locally known as the \"Old Quarter,\" Brellin boasts a striking number of cafes and galleries. "
            "The hotel boasts a rooftop pool. The coach boasted that his side had never lost at home.")
    found = _found(text, nlp)
    assert [a.content for a in _cued(found, "boast")] == ["that his side had never lost at home"]


def test_admitting_an_offence_or_patients_is_an_action(nlp: Language) -> None:
    text = ("Jonas Brell, 24, admitted manslaughter at a hearing in Corby on May 3. Karl Moss admitted two counts "
            "of fraud. The hospital admitted 40 patients overnight. Jonas Brell admitted that he had lied to the "
            "inquiry. Ivo Tarn admitted taking the money.")
    found = _found(text, nlp)
    contents = sorted(a.content for a in _cued(found, "admit"))
    assert contents == ["taking the money", "that he had lied to the inquiry"]


def test_pointing_to_a_cause_stays_speech(nlp: Language) -> None:
    text = "The ministry has pointed to seasonal surges in demand. Officials pointed out that the ferry was full."
    found = _found(text, nlp)
    assert sorted(a.content for a in _cued(found, "point")) == ["seasonal surges in demand", "that the ferry was full"]


def test_a_long_object_parsed_as_a_verbless_clause_is_still_the_object(nlp: Language) -> None:
    # The parse of a real sentence of this shape: "complaint" the subject of "general", a ccomp of "dismissed".
    words = ["The", "court", "dismissed", "the", "board", "'s", "complaint", "against", "Lornco", ",", "as", "well",
             "as", "a", "case", "brought", "by", "12", "attorneys", "general", "."]
    heads = [1, 2, 2, 4, 6, 4, 19, 6, 7, 6, 12, 12, 6, 14, 6, 14, 15, 19, 19, 2, 2]
    deps = ["det", "nsubj", "ROOT", "det", "poss", "case", "nsubj", "prep", "pobj", "punct", "advmod", "advmod",
            "cc", "det", "conj", "acl", "agent", "nummod", "compound", "ccomp", "punct"]
    pos = ["DET", "NOUN", "VERB", "DET", "PROPN", "PART", "NOUN", "ADP", "PROPN", "PUNCT", "ADV", "ADV", "CCONJ",
           "DET", "NOUN", "VERB", "ADP", "NUM", "NOUN", "ADJ", "PUNCT"]
    lemmas = [w.lower() for w in words]
    lemmas[2] = "dismiss"
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos, lemmas=lemmas)
    assert object_act(doc[2])
    said = Doc(nlp.vocab, words=["Lorne", "dismissed", "that", "it", "was", "late"], heads=[1, 1, 4, 4, 1, 4],
               deps=["nsubj", "ROOT", "mark", "nsubj", "ccomp", "acomp"], pos=["PROPN", "VERB", "SCONJ", "PRON",
                                                                                 "AUX", "ADJ"],
               lemmas=["lorne", "dismiss", "that", "it", "be", "late"])
    assert not object_act(said[1])
