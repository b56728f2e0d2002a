""""said one passer-by", "a passer-by told": a hyphenated noun the parser splits ("passer" with "by" a particle)
is one word of the speaker phrase, not "passer"."""

from __future__ import annotations

import pytest
from spacy.language import Language

from bot.nlp.quotes import extract_attributions

from .conftest import make_article


@pytest.mark.parametrize("text", ["'The smoke over Lossa was black,' said one passer-by.",
                                  "'The smoke over Lossa was black,' a passer-by told reporters."])
def test_a_passer_by_is_not_a_passer(nlp: Language, text: str) -> None:
    found = extract_attributions(make_article("p", text), nlp)
    assert len(found) == 1
    assert found[0].speaker.endswith("passer-by"), found[0]
    assert found[0].speaker_as_written.endswith("passer-by"), found[0]


@pytest.mark.parametrize(("text", "speaker"), [
    ("A passer-by said the smoke over Lossa was black.", "unnamed passer-by"),
    ("'The smoke over Lossa was black,' a passer-by told reporters.", "unnamed passer-by"),
    ("A bystander said the smoke over Lossa was black.", "unnamed bystander"),
    ("The passer-by said the smoke over Lossa was black.", "the passer-by")])
def test_a_passer_by_is_unnamed_as_a_bystander_is(nlp: Language, text: str, speaker: str) -> None:
    # "a passer-by" names no one, as "a bystander" does: the same "unnamed" label; "the" keeps its article
    found = extract_attributions(make_article("p", text), nlp)
    assert [a.speaker for a in found] == [speaker]
