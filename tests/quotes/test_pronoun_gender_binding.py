"""A "he"/"she" speaker agrees in sex with the person it is bound to, when the text says that person's sex (an
honorific, a kinship word, the person's own "his"/"her"); a person named as a subject earlier in the pronoun's own
sentence ("When Brell was chosen, he said") is preferred over an earlier speaker; a pronoun with no speaker before
it takes the one person the article keeps naming."""

from __future__ import annotations

from spacy.language import Language

from bot.nlp.pronoun_gender import sex_of_name
from bot.nlp.quotes import extract_from_text


def _speakers(text: str, nlp: Language) -> list[tuple[str, str]]:
    return [(a.speaker_as_written, a.speaker) for a in extract_from_text(text, nlp=nlp)]


def test_she_is_not_bound_to_a_man_who_spoke_last(nlp: Language) -> None:
    text = ("Mr Tomas Brell said the new ferry terminal at Velmora was a triumph. Ada Quist, a harbour critic, sat "
            "in the front row. The ferry timetable, she claimed, was drawn up without asking a single "
            "islander.")
    found = _speakers(text, nlp)
    assert ("she", "Ada Quist") in found, found
    assert ("she", "Tomas Brell") not in found, found


def test_he_is_not_bound_to_a_woman_known_by_her_own_pronoun(nlp: Language) -> None:
    text = ("Oskar Lind chaired the council meeting in Velmora. Ada Quist said her team had finished the harbour "
            "survey on time. The dredging, he added, would start in the spring.")
    found = _speakers(text, nlp)
    assert ("he", "Oskar Lind") in found, found


def test_a_subject_named_in_the_pronouns_own_sentence_wins(nlp: Language) -> None:
    text = ("Mayor Oskar Lind said the Velmora bridge would reopen in May. Tomas Brell was picked to run the "
            "repairs. When Brell was announced for the job, he said in a statement that he would finish the work "
            "before the summer.")
    found = _speakers(text, nlp)
    assert ("he", "Tomas Brell") in found, found
    assert ("he", "Oskar Lind") not in found, found


def test_a_pronoun_with_no_speaker_before_takes_the_person_the_article_keeps_naming(nlp: Language) -> None:
    text = ("Mr Tomas Brell swam across the cold Velmora lake on Sunday. Mr Brell finished tenth of forty "
            "swimmers. Mr Brell was met at the shore by his wife "
            "Ada. Back on the shore he announced he would swim again next year.")
    found = _speakers(text, nlp)
    assert ("he", "Tomas Brell") in found, found


def test_a_he_whose_only_candidate_is_a_woman_stays_unresolved(nlp: Language) -> None:
    text = ("Ms Ada Quist visited the Velmora harbour on Monday. Ms Quist met the fishing crews there. "
            "The next morning he announced the harbour would close for a week.")
    found = _speakers(text, nlp)
    assert ("he", "Ada Quist") not in found, found


def test_sex_of_a_name_from_the_text(nlp: Language) -> None:
    doc = nlp("Mr Tomas Brell spoke first. Dame Ada Quist followed. Oskar Lind said his plan was ready. "
              "Greta Holm and her crew left. Nils Dahl arrived.")
    assert sex_of_name(doc, "Tomas Brell") == "m"
    assert sex_of_name(doc, "Ada Quist") == "f"
    assert sex_of_name(doc, "Oskar Lind") == "m"
    assert sex_of_name(doc, "Greta Holm") == "f"
    assert sex_of_name(doc, "Nils Dahl") is None


def test_a_speaker_named_only_in_a_relative_clause_is_not_the_next_sentences_pronoun(nlp: Language) -> None:
    text = ("Oskar Lind opened the Velmora terminal on Monday. Consider Ada Quist's verdict that the terminal, in "
            "which Lind praised the builders, was a waste of money. The new timetable, she claimed, \"helps "
            "nobody on the islands.\"")
    found = _speakers(text, nlp)
    assert ("she", "Ada Quist") in found, found
