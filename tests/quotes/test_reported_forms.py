"""As-clauses ("wie X sagte", "comme l'a indiqué X"), German Konjunktiv I going on after a statement, and a
joint speaker of an institution and a person: what they find, and what they must leave alone."""

from __future__ import annotations

import pytest

from bot.nlp.quotes_direct import rule_quotes
from tests.quotes.reported_forms_samples import FRESH_FORMS, FRESH_FORMS_2
from tests.quotes.reported_samples import Paragraph, Said


def _said(text: str, language: str) -> list[tuple[str, str]]:
    return [(a.speaker, a.content) for a in rule_quotes(text, language)]


@pytest.mark.parametrize(("language", "text"), [
    # "sagte" inside a relative clause: the man is not named, and no garbage comes of it
    ("de", "Der Fährmann, der gestern sagte, er habe Angst, kam am Morgen nicht zur Arbeit."),
    # a comparison, not an attribution
    ("de", "Der Kanal ist so schmal, wie der Minister sagte."),
    ("de", "Wie viele Menschen sagten, ist die Lage ernst."),
    # unnamed sources
    ("de", "Wie es hieß, werde die Stadt gegen die Reederei klagen."),
    # Konjunktiv I with no statement before it
    ("de", "Die Reparatur koste rund vier Millionen Euro."),
    ("fr", "Comme le dit le proverbe, la nuit porte conseil."),
    ("fr", "Le syndicat et la mairie ont déclaré que la grève continuerait."),  # two institutions: no joint rule
    ("fr", "Tout comme l'a dit le maire Paul Roy, la fête aura lieu sur le quai."),
    ("it", "Come previsto dal piano, il porto resterà chiuso fino a marzo."),
    ("es", "Como explicaron ellos, el puerto seguirá cerrado hasta mayo."),  # a plural pronoun resolves to nobody
])
def test_nothing_is_attributed(language: str, text: str) -> None:
    assert _said(text, language) == []


def test_a_quotation_of_a_quotation_stays_with_who_reports_it() -> None:
    text = "Die Bürgermeisterin Anna Berger sagte, der Minister habe erklärt, die Brücke sei sicher."
    assert _said(text, "de") == [("Anna Berger", "der Minister habe erklärt, die Brücke sei sicher")]


@pytest.mark.parametrize("after", [
    "Die Reparatur kostete damals eine Million Mark.",  # preterite in "-te"
    "Die Brücke wurde 1970 gebaut.",  # "wurde" ends in "-e" and is no Konjunktiv
    "Ich habe davon nichts gewusst.",  # first person
    "Die Brücke wäre sonst längst eingestürzt.",  # Konjunktiv II: the writer's own conditional as often
    "Habe die Stadt das gewusst?",  # a question
    "Der Bau der Brücke gerade erst beendet.",  # an adverb in "-e" after the subject
])
def test_no_konjunktiv_sentence_goes_on(after: str) -> None:
    text = f"Die Bürgermeisterin Anna Berger sagte, die Brücke sei gesperrt. {after}"
    assert _said(text, "de") == [("Anna Berger", "die Brücke sei gesperrt")]


def test_konjunktiv_goes_on_within_the_paragraph_at_most_three_sentences() -> None:
    text = ("Die Bürgermeisterin Anna Berger sagte, die Brücke sei gesperrt. Die Reparatur koste viel. Im Mai sei "
            "sie fertig. Zudem werde die Stadt klagen. Das Land zahle nichts.\nDie Fähre fahre ab Montag wieder.")
    assert _said(text, "de") == [("Anna Berger", "die Brücke sei gesperrt"),
                                 ("Anna Berger", "Die Reparatur koste viel"),
                                 ("Anna Berger", "Im Mai sei sie fertig"),
                                 ("Anna Berger", "Zudem werde die Stadt klagen")]


def test_konjunktiv_goes_on_after_an_institution_and_after_a_direct_quotation() -> None:
    assert _said("Die Polizei teilte mit, der Fahrer sei betrunken gewesen. Er habe zwei Promille gehabt.",
                 "de") == [("Polizei", "der Fahrer sei betrunken gewesen"), ("Polizei", "Er habe zwei Promille gehabt")]
    text = "„Die Brücke ist gesperrt“, sagte Anna Berger. Die Umleitung führe über Nordhafen."
    assert _said(text, "de") == [("Anna Berger", "„Die Brücke ist gesperrt“"),
                                 ("Anna Berger", "Die Umleitung führe über Nordhafen")]


@pytest.mark.parametrize(("language", "text", "expected"), [
    ("de", "Die Brücke bleibt, wie die Stadt mitteilte, bis Mai gesperrt.",
     ("Stadt", "Die Brücke bleibt, wie die Stadt mitteilte, bis Mai gesperrt")),
    ("de", "Anna Berger sagte, die Fähre fahre wieder. Wie sie sagte, bleibt die Brücke bis Mai gesperrt.",
     ("Anna Berger", "bleibt die Brücke bis Mai gesperrt")),
    ("fr", "Comme le maire Paul Roy l'a rappelé, le pont restera fermé jusqu'en mai.",
     ("Paul Roy", "le pont restera fermé jusqu'en mai")),
    ("es", "El puente seguirá cerrado, según ha explicado el alcalde Pedro Molina.",
     ("Pedro Molina", "El puente seguirá cerrado")),
    ("it", "Il ponte, come ha spiegato il sindaco Marco Conti, resterà chiuso fino a maggio.",
     ("Marco Conti", "Il ponte, come ha spiegato il sindaco Marco Conti, resterà chiuso fino a maggio")),
    ("pt", "A ponte vai ficar fechada, segundo disse a ministra Ana Costa.",
     ("Ana Costa", "A ponte vai ficar fechada")),
])
def test_as_clauses_first_last_and_inside(language: str, text: str, expected: tuple[str, str]) -> None:
    assert _said(text, language)[-1:] == [expected]


@pytest.mark.parametrize(("language", "text", "speaker"), [
    ("fr", "Paul Roy et le syndicat ont affirmé que la grève continuerait.", "Paul Roy and syndicat"),
    ("es", "El sindicato y Pedro Molina dijeron que la huelga seguirá.", "sindicato and Pedro Molina"),
    ("it", "Il sindacato e il sindaco Marco Conti hanno detto che lo sciopero continuerà.",
     "sindacato and Marco Conti"),
])
def test_an_institution_and_a_named_person_speak_jointly(language: str, text: str, speaker: str) -> None:
    assert [a.speaker for a in rule_quotes(text, language)] == [speaker]


@pytest.mark.parametrize("paragraph", FRESH_FORMS + FRESH_FORMS_2, ids=lambda p: p.name)
def test_fresh_forms_give_exactly_what_a_reader_finds(paragraph: Paragraph) -> None:
    found = rule_quotes(paragraph.text, paragraph.language)
    assert [Said(a.speaker, a.cue, a.content, a.kind, a.role) for a in found] == [
        e for e in paragraph.expected if not e.left_out]


@pytest.mark.parametrize(("language", "text"), [
    ("de", "Unklar ist, wie die Polizei das erklärte."),
    ("de", "Niemand weiß, wie die Polizei erklärte."),
    ("pt", "Não se sabe como explicou o ministro a decisão."),
    ("it", "Non è chiaro come ha spiegato il sindaco la decisione."),
])
def test_a_question_after_how_is_no_as_clause(language: str, text: str) -> None:
    assert _said(text, language) == []
