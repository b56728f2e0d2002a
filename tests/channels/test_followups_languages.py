"""What a follow-up adds is judged with the stemmer and stop words of each article's language."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.followups import novel_sentences, seen_terms
from bot.models import Article
from bot.nlp.sentences import split_sentences
from bot.nlp.terms import TermAnalyser

# Sentences written for these tests: (language, what the channel saw, the new article: a restatement, a new fact)
CASES = [
    ("de", "Der Brand im Hafen von Kiel zerstörte drei Lagerhallen.",
     "Wie schon gesagt, hatte der Brand im Hafen von Kiel drei Lagerhallen zerstört.",
     "Die Polizei nahm am Abend zwei Verdächtige fest."),
    ("fr", "L'incendie du port de Brest a détruit trois entrepôts.",
     "Comme on l'a dit, l'incendie du port de Brest avait détruit les trois entrepôts.",
     "La police a arrêté deux suspects dans la soirée."),
    ("es", "El incendio del puerto de Vigo destruyó tres almacenes.",
     "Como ya se dijo, el incendio en el puerto de Vigo había destruido los tres almacenes.",
     "La policía detuvo a dos sospechosos por la noche."),
]


def _article(ident: str, language: str, text: str) -> Article:
    return Article(ident, f"https://port.test/{ident}", "Hafen", "Port Times", text, split_sentences(text),
                   language=language)


def _novel(seen: Article, new: Article) -> list[str]:
    analyser = TermAnalyser()  # English, as WhatsNew makes it: each article picks its own language's
    return [s.text for s in novel_sentences(new, seen_terms([seen], analyser), analyser)]


@pytest.mark.parametrize(("language", "seen_text", "restated", "fresh"), CASES)
def test_a_restatement_is_not_new_in_the_article_language(language: str, seen_text: str, restated: str,
                                                          fresh: str) -> None:
    seen, new = _article("a", language, seen_text), _article("b", language, f"{restated} {fresh}")
    assert _novel(seen, new) == [fresh]
    # read as English (as before), the restatement's function words looked like new facts
    assert _novel(replace(seen, language="en"), replace(new, language="en")) == [restated, fresh]


def test_english_articles_are_judged_as_before() -> None:
    seen = _article("a", "en", "The fire at Morrow harbour destroyed three warehouses.")
    new = _article("b", "en", "The fire at Morrow harbour destroyed three warehouses on Monday. "
                              "Police arrested two suspects in the evening.")
    analyser = TermAnalyser()
    assert analyser.for_language("en") is analyser
    assert _novel(seen, new) == ["Police arrested two suspects in the evening."]
