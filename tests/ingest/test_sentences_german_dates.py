"""split_sentences keeps German ordinal dates ("am 14. Juni") in one sentence, and English splitting as it was."""

from __future__ import annotations

import pytest

from bot.nlp.sentences import split_sentences

# Sentences written for these tests.


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Die Sitzung fand am 14. Juni statt. Danach ging es weiter.",
         ["Die Sitzung fand am 14. Juni statt.", "Danach ging es weiter."]),
        ("Er war vom 3. März 2025 bis zum 1. Mai im Amt.", ["Er war vom 3. März 2025 bis zum 1. Mai im Amt."]),
        ("Wir treffen uns den 1. Mai wieder. Bis dann!", ["Wir treffen uns den 1. Mai wieder.", "Bis dann!"]),
        ("Am 14. Oktober 2024 kam der Zug an. Es regnete.", ["Am 14. Oktober 2024 kam der Zug an.", "Es regnete."]),
        ("Seit dem 1. September gilt die Regel.", ["Seit dem 1. September gilt die Regel."]),
        ("Am Montag, 14. November, begann die Messe.", ["Am Montag, 14. November, begann die Messe."]),
        ("Lübeck, 2. April. Der Hafen ist wieder offen.", ["Lübeck, 2. April.", "Der Hafen ist wieder offen."]),
        ("Die Frist lief vom 3. bis 5. August. Dann kam die Antwort.",
         ["Die Frist lief vom 3. bis 5. August.", "Dann kam die Antwort."]),
        ("Der Bau begann am 07. Juli und endet im Dezember.", ["Der Bau begann am 07. Juli und endet im Dezember."]),
        ("Der Laden hat bis 31. Dezember offen.", ["Der Laden hat bis 31. Dezember offen."]),
        # other ordinals after an article or a contracted preposition
        ("Das Museum zeigt Briefe aus dem 2. Weltkrieg. Der Eintritt ist frei.",
         ["Das Museum zeigt Briefe aus dem 2. Weltkrieg.", "Der Eintritt ist frei."]),
        ("Sie feierte ihren Abschied zum 70. Geburtstag.", ["Sie feierte ihren Abschied zum 70. Geburtstag."]),
        ("Im 3. Quartal stieg der Umsatz. Die Kosten sanken.",
         ["Im 3. Quartal stieg der Umsatz.", "Die Kosten sanken."]),
        ("Der Verein spielt in der 3. Liga.", ["Der Verein spielt in der 3. Liga."]),
    ],
)
def test_german_ordinal_dates_stay_in_one_sentence(text: str, expected: list[str]) -> None:
    found = split_sentences(text)
    assert [s.text for s in found] == expected
    assert all(text[s.start:s.end] == s.text and s.index == i for i, s in enumerate(found))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an English sentence ending in a number, the next starting with a month that is also German
        ("The toll rose to 14. April was the worst month.", ["The toll rose to 14.", "April was the worst month."]),
        ("The count was 31. August brought relief.", ["The count was 31.", "August brought relief."]),
        # no day of a month, or no month: still two sentences
        ("Sie kam am 32. Juni.", ["Sie kam am 32.", "Juni."]),
        ("Er wurde 14. Er ging dann.", ["Er wurde 14.", "Er ging dann."]),
        ("The score was 3-1. June starts soon.", ["The score was 3-1.", "June starts soon."]),
        # a number after an English word, or a lower-case word after the number: no ordinal phrase
        ("The vote was 7. The council met again.", ["The vote was 7.", "The council met again."]),
        ("Platz 2. Dann kam der Regen.", ["Platz 2.", "Dann kam der Regen."]),
    ],
)
def test_sentence_ends_before_other_capitalised_words_stay_split(text: str, expected: list[str]) -> None:
    assert [s.text for s in split_sentences(text)] == expected


def test_a_date_is_never_joined_across_lines() -> None:
    text = "Termin am 14.\nJuni ist ein Monat."
    assert [s.text for s in split_sentences(text)] == ["Termin am 14.", "Juni ist ein Monat."]
