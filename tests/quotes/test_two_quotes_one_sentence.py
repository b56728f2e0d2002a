"""Two quotations with a cue each in one sentence ("One user wrote 'A,' while another said 'B'") stay apart."""

from __future__ import annotations

import pytest
from spacy.language import Language

from bot.nlp.quotes import extract_from_text


@pytest.mark.parametrize(("text", "first", "second"), [
    ("Fans were split. One user wrote 'this is the best album of the year,' while another said "
     "'I want my money back.'", "'this is the best album of the year,'", "'I want my money back.'"),
    ("Fans were split. One user wrote ‘this is the best album of the year,’ while another said "
     "‘I want my money back.’", "‘this is the best album of the year,’", "‘I want my money back.’"),
    ('Fans were split. One user wrote "this is the best album of the year," while another said '
     '"I want my money back."', '"this is the best album of the year,"', '"I want my money back."'),
    ("Readers replied at once. One reader wrote 'the council has lost the plot,' while another said "
     "'the bins are fine.'", "'the council has lost the plot,'", "'the bins are fine.'"),
    ('The app drew complaints. One user wrote "Prices are absurd," while another said "I will not pay."',
     '"Prices are absurd,"', '"I will not pay."'),
])
def test_each_cue_keeps_its_own_quotation(nlp: Language, text: str, first: str, second: str) -> None:
    found = sorted(extract_from_text(text, nlp=nlp), key=lambda a: a.start)
    assert [(a.cue, a.kind, a.content) for a in found] == [("wrote", "direct", first), ("said", "direct", second)]
    noun = "reader" if "reader" in text else "user"
    assert [(a.speaker_as_written, a.speaker) for a in found] == [(f"One {noun}", noun), ("another", noun)]


def test_a_second_speaker_that_elides_its_noun_is_named_as_the_first(nlp: Language) -> None:
    text = "One fan wrote 'the stadium is too cold,' while another said 'the pies are worse.'"
    found = sorted(extract_from_text(text, nlp=nlp), key=lambda a: a.start)
    assert [a.speaker for a in found] == ["fan", "fan"]
