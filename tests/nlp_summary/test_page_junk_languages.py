"""Page furniture and editors' notes in French, German, Spanish, Italian and Portuguese never reach a summary,
whether the page's lines are cleaned first or the raw text is summarised; prose that only looks like it stays."""

from __future__ import annotations

import hashlib

import pytest

from bot.ingest.junk import clean_text, find_byline, is_junk_line
from bot.models import Article
from bot.nlp.revisions import is_note
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
