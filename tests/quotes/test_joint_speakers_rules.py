"""Two named speakers joined by "et", "und", "y" or "e" in the French, German, Spanish, Italian and Portuguese
rules: one joint speaker, named as the English extractor and the quote store name joint speakers."""

from __future__ import annotations

import subprocess
import sys

import pytest

from bot.models import Attribution
from bot.nlp.quotes_direct import rule_quotes


def _seen(found: tuple[Attribution, ...]) -> list[tuple[str, str, str | None, str, str]]:
    return [(a.speaker_as_written, a.speaker, a.role, a.kind, a.content) for a in found]


@pytest.mark.parametrize(("language", "text", "written", "speaker", "kind", "content"), [
    ("fr", "« Nous ne céderons pas », ont déclaré Marie Dupont et Paul Roy.", "Marie Dupont et Paul Roy",
     "Marie Dupont and Paul Roy", "direct", "« Nous ne céderons pas »"),
    ("fr", "Marie Dupont et Paul Roy ont déclaré que le pont de Brévan resterait fermé.", "Marie Dupont et Paul Roy",
     "Marie Dupont and Paul Roy", "indirect", "que le pont de Brévan resterait fermé"),
    ("de", "„Wir geben nicht auf“, sagten Anna Berger und Jonas Keller.", "Anna Berger und Jonas Keller",
     "Anna Berger and Jonas Keller", "direct", "„Wir geben nicht auf“"),
    ("es", "Lucía Torres y Mateo Ruiz dijeron que el puente de Villaverde seguiría cerrado.",
     "Lucía Torres y Mateo Ruiz", "Lucía Torres and Mateo Ruiz", "indirect",
     "que el puente de Villaverde seguiría cerrado"),
    ("it", "«Non ci arrenderemo», hanno detto Giulia Conti e Marco Ferri.", "Giulia Conti e Marco Ferri",
     "Giulia Conti and Marco Ferri", "direct", "«Non ci arrenderemo»"),
    ("pt", "Ana Costa e Rui Lima disseram que a ponte de Vilaverde continuaria fechada.", "Ana Costa e Rui Lima",
     "Ana Costa and Rui Lima", "indirect", "que a ponte de Vilaverde continuaria fechada"),
])
def test_two_named_speakers_are_one_joint_speaker(
        language: str, text: str, written: str, speaker: str, kind: str, content: str) -> None:
    assert _seen(rule_quotes(text, language)) == [(written, speaker, None, kind, content)]


def test_each_member_keeps_their_role_and_a_later_role_finds_its_person() -> None:
    text = ("« Le pont restera fermé », ont affirmé le maire Marie Dupont et son adjoint Paul Roy. "
            "« Les travaux dureront un an », a ajouté le maire.")
    assert [(a.speaker, a.role) for a in rule_quotes(text, "fr")] == [
        ("Marie Dupont and Paul Roy", "maire, adjoint"), ("Marie Dupont", "maire")]


def test_a_singular_pronoun_after_a_pair_is_not_the_pair() -> None:
    text = ("Marie Dupont et Paul Roy ont déclaré que le pont de Brévan resterait fermé. "
            "« Nous verrons », a-t-il ajouté.")
    assert [a.speaker for a in rule_quotes(text, "fr")] == ["Marie Dupont and Paul Roy"]


@pytest.mark.parametrize(("language", "text"), [
    ("fr", "« Non », ont répondu Marie Dupont ou Paul Roy."),
    ("es", "«No», respondieron Lucía Torres o Mateo Ruiz."),
])
def test_or_joins_no_speakers(language: str, text: str) -> None:
    # "ou"/"o": one of them, not which: no speaker is certain
    assert rule_quotes(text, language) == ()


def test_the_rules_for_other_languages_still_load_no_spacy() -> None:
    # joint names come from bot/nlp/joint_speakers.py, which must not pull spaCy in for these rules
    code = "import sys, bot.nlp.quotes_direct, bot.nlp.quotes_reported; print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
