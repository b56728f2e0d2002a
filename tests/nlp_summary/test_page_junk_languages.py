"""Page furniture and editors' notes in French, German, Spanish, Italian and Portuguese never reach a summary,
whether the page's lines are cleaned first or the raw text is summarised; prose that only looks like it stays."""

from __future__ import annotations

import hashlib

import pytest

from bot.ingest.junk import clean_text, find_byline, is_junk_line
from bot.models import Article
from bot.nlp.revisions import is_note, numbers
from bot.nlp.sentence_quality import junk_reason
from bot.nlp.sentences import split_sentences
from bot.nlp.summarise import default_summariser
from tests.nlp_summary.junk_languages_samples import SAMPLES
from tests.nlp_summary.samples import T0


def article(language: str, title: str, text: str) -> Article:
    ident = hashlib.sha1((title + text).encode()).hexdigest()[:12]
    return Article(ident, "", title, "Outlet", text, split_sentences(text), published=T0, language=language)


@pytest.mark.parametrize(("language", "title", "raw", "junk", "prose"), SAMPLES, ids=[s[0] for s in SAMPLES])
def test_no_page_junk_in_summaries_of_raw_or_cleaned_pages(language: str, title: str, raw: str,
                                                           junk: tuple[str, ...], prose: tuple[str, ...]) -> None:
    cleaned = clean_text(raw, title=title)
    # every furniture line is gone from the stored text, and every paragraph of news is still there; an editor's
    # note stays in the text (a revision is judged on it), and the summary leaves it out
    notes = [p for p in raw.split("\n") if is_note(p, language)]
    assert len(notes) == 1
    kept = [p for p in raw.split("\n") if p and (p in notes or not any(p.startswith(j) for j in junk))]
    assert cleaned.split("\n\n") == kept
    summariser = default_summariser()
    for text in (raw, cleaned):
        for count in (2, 3, 5):
            summary = summariser.summarise([article(language, title, text)], count)
            assert summary
            for line in summary:
                assert not [j for j in junk if j in line.text], line.text
                assert junk_reason(line.text) is None


@pytest.mark.parametrize(("language", "title", "raw", "junk", "prose"), SAMPLES, ids=[s[0] for s in SAMPLES])
def test_prose_that_looks_like_furniture_stays(language: str, title: str, raw: str, junk: tuple[str, ...],
                                               prose: tuple[str, ...]) -> None:
    for sentence in prose:
        assert junk_reason(sentence) is None, sentence
        assert not is_junk_line(sentence), sentence


@pytest.mark.parametrize(("line", "author"), [("Par Jeanne Morel", "Jeanne Morel"), ("Von Hans Berger", "Hans Berger"),
                                              ("Por Ana Ruiz", "Ana Ruiz"), ("Di Marco Bassi", "Marco Bassi")])
def test_bylines_in_other_languages(line: str, author: str) -> None:
    assert find_byline(f"Title\n{line}\nThe text.") == author
    assert not is_junk_line("Von Montag an gilt auf der Linie ein neuer Fahrplan.")


@pytest.mark.parametrize(("text", "language"), [
    ("Rectificatif : une version précédente de cet article indiquait une fermeture de quatre semaines.", "fr"),
    ("Berichtigung: In einer früheren Version dieses Artikels hieß es, die Fähre falle bis Montag aus.", "de"),
    ("Fe de erratas: una versión anterior de este artículo situaba el cierre hasta el martes.", "es"),
    ("Correzione: una versione precedente di questo articolo indicava lo sciopero fino a sabato.", "it"),
    ("Correção: uma versão anterior deste artigo indicava um encerramento de três meses.", "pt"),
    ("Dieser Artikel wurde aktualisiert: Die Reederei nennt jetzt den Freitag als Termin für die Rückkehr.", "de"),
])
def test_editors_notes_in_other_languages_are_notes(text: str, language: str) -> None:
    assert is_note(text, language)
    assert junk_reason(text) == "editor-note"


@pytest.mark.parametrize(("text", "language"), [
    ("Mise à jour : mardi 3 mars 14h40", "fr"),  # a bare stamp says nothing
    ("Aktualisierung: Dienstag, 4. März, 09:15 Uhr", "de"),
    ("La mise à jour du logiciel des bus a pris trois semaines, selon la régie.", "fr"),  # prose about an update
])
def test_stamps_and_prose_are_not_notes(text: str, language: str) -> None:
    assert not is_note(text, language)


@pytest.mark.parametrize("sentence", [
    "Veröffentlicht am Montag wurde auch der Bericht des Rechnungshofs.",  # a participle that opens prose
    "Publicado el informe, la oposición pidió la dimisión del ministro.",
    "Publicado el 3 de marzo, el informe revela pagos irregulares a dos concejales.",
    "Pubblicato il decreto, le scuole riapriranno lunedì.",
    "Aggiornato il bollettino, le vittime salgono a sette.",
    "Atualizado em 2024, o censo mostra queda da população.",
    "Actualizado el padrón, la ciudad supera el millón de habitantes.",
])
def test_prose_opening_with_a_stamp_word_stays(sentence: str) -> None:
    assert not is_junk_line(sentence)
    assert junk_reason(sentence) is None
    assert sentence in clean_text(f"Titel der Meldung\n\n{sentence}\n\nDer zweite Absatz bleibt stehen.")


@pytest.mark.parametrize("stamp", [
    "Publié le 03/03/2026 à 10h12", "Mis à jour le 3 mars à 14h40", "Stand: 4. März 2026",
    "Veröffentlicht am Dienstag, 4. März 2026", "Aggiornato alle 11:05", "Atualizado em 7 de março de 2026",
])
def test_stamps_of_dates_and_times_are_junk(stamp: str) -> None:
    assert is_junk_line(stamp)


@pytest.mark.parametrize("line", ["Di Maio", "Di Battista", "Por España", "Par Décret", "Von der Leyen"])
def test_a_name_or_place_after_a_byline_word_is_no_byline(line: str) -> None:
    assert find_byline(f"Titolo\n{line}\nIl testo.") is None
    assert not is_junk_line(line)


@pytest.mark.parametrize("sentence", [
    "Mehr zum Thema Rente will die Regierung erst im Herbst sagen.",
    "Auch interessant ist für Anleger die Entwicklung der Zinsen in den USA.",
    "Sur le même sujet, la commission européenne a rendu un avis défavorable.",
    "Leer más libros es el objetivo del nuevo plan nacional de lectura.",
    "Di Maio ha detto che il governo non cadrà prima dell'estate.",
    "Von der Leyen sagte, die Kommission werde bis Freitag einen Vorschlag vorlegen.",
    "Par ailleurs, le ministre a annoncé une hausse des crédits pour les hôpitaux.",
])
def test_prose_openers_that_name_a_link_label_stay(sentence: str) -> None:
    assert junk_reason(sentence) is None
    assert not is_junk_line(sentence)


@pytest.mark.parametrize(("english", "other"), [
    ("Update: the death toll has risen to twelve after the collapse.",
     "Mise à jour : le bilan s'alourdit à douze morts après l'effondrement."),
    ("Update: the death toll has risen to twelve after the collapse.",
     "Aktualisierung: Die Zahl der Toten ist auf zwölf gestiegen."),
    ("Update: the death toll has risen to twelve after the collapse.",
     "Aggiornamento: il bilancio sale a dodici morti dopo il crollo."),
])
def test_an_update_line_may_be_summarised_as_in_english(english: str, other: str) -> None:
    assert junk_reason(english) is None
    assert junk_reason(other) is None


def test_a_compound_ending_in_a_stamp_word_keeps_its_clock_times() -> None:
    # "Zustand:" is no "Stand:" stamp: a changed departure time is a changed number
    assert numbers("Zustand: Der Zug fährt um 14:05 statt um 13:50 ab.", "de") != numbers(
        "Zustand: Der Zug fährt um 15:05 statt um 13:50 ab.", "de")
    assert numbers("Stand: 14:05 Uhr", "de") == numbers("Stand: 15:20 Uhr", "de")  # a live page's moving stamp
