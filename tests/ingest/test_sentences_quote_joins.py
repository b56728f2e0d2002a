"""split_sentences ends a sentence at a full stop and a quotation mark with no space before the next sentence
(``he said.'But ...``, ``ended.”Officials ...``), and leaves alone the look-alikes that end no sentence."""

from __future__ import annotations

import pytest

from bot.nlp.sentences import split_sentences

# Sentences written for these tests.


def _texts(text: str) -> list[str]:
    found = split_sentences(text)
    assert all(text[s.start:s.end] == s.text and s.index == i for i, s in enumerate(found))
    return [s.text for s in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a closing quotation mark stays with the sentence it closes
        ("'The road is closed until Monday.'Drivers were told to wait.",
         ["'The road is closed until Monday.'", "Drivers were told to wait."]),
        ('"The road is closed until Monday."Drivers were told to wait.',
         ['"The road is closed until Monday."', "Drivers were told to wait."]),
        ("“The talks have ended.”Officials left the room soon after.",
         ["“The talks have ended.”", "Officials left the room soon after."]),
        ("‘It is over now.’Then she walked out.", ["‘It is over now.’", "Then she walked out."]),
        ("The harbour talks ended.”Officials went home.", ["The harbour talks ended.”", "Officials went home."]),
        ('He asked: "Is this the end?"Nobody answered him.', ['He asked: "Is this the end?"', "Nobody answered him."]),
        ("He shouted: 'Get out now!'Everyone ran.", ["He shouted: 'Get out now!'", "Everyone ran."]),
        # nested quotation marks closed together
        ("She said: \"He told me 'go home.'\"Then she left.",
         ["She said: \"He told me 'go home.'\"", "Then she left."]),
        # an opening quotation mark goes with the sentence it opens
        ('"We will win," she said."The next round starts today," she added.',
         ['"We will win," she said.', '"The next round starts today," she added.']),
        ("'We are ready,' the coach said.'The work starts today.'",
         ["'We are ready,' the coach said.", "'The work starts today.'"]),
        ("The vote was close, he said.“We will try again next year.”",
         ["The vote was close, he said.", "“We will try again next year.”"]),
        ("The match was lost, she said.‘We were not good enough.’",
         ["The match was lost, she said.", "‘We were not good enough.’"]),
        # apostrophes are no quotation marks
        ("'It's the council's plan,' he said.'We don't like it.'",
         ["'It's the council's plan,' he said.", "'We don't like it.'"]),
        ("'The ferry is late again.'It's the third time this week.",
         ["'The ferry is late again.'", "It's the third time this week."]),
        # several joins on one line, and a join after an ordinary sentence end
        ("Rain fell. 'The river rose.'Homes flooded.'Nobody was hurt.'",
         ["Rain fell.", "'The river rose.'", "Homes flooded.", "'Nobody was hurt.'"]),
    ],
)
def test_a_full_stop_and_a_quotation_mark_end_a_sentence(text: str, expected: list[str]) -> None:
    assert _texts(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # an abbreviation inside quotation marks
        "He called the deal 'good for the U.S.'Trade groups were less sure.",
        'The sign said "Made in the U.S.A."Nobody believed it.',
        "He met the new 'Gov.'Harris at the door.",
        "The man known as \"Mr.\"Jones waved.",
        # a possessive or contraction after a full stop
        "The firm, Smith & Co.'s rival, grew fast.",
        "The rival of Acme Inc.’s shop opened.",
        # a full stop that is no sentence end: quoted alone, or after a space
        "The separator is '.'Commas are not used here.",
        'Type the command "cd .."Then press enter.',
        # nested quotation marks ending mid-line, followed by a lower-case word
        "She said: \"He told me 'go home.'\"and then she left.",
        "'I am done.'she said, and left.",
        '"We go now."but nobody moved.',
    ],
)
def test_look_alikes_stay_one_sentence(text: str) -> None:
    assert _texts(text) == [text]


def test_text_without_such_joins_is_split_as_before() -> None:
    text = '"We are ready," she said. "The work starts today." Then the meeting ended.'
    assert _texts(text) == ['"We are ready," she said.', '"The work starts today."', "Then the meeting ended."]


def test_a_long_line_of_joins_stays_bounded() -> None:
    text = "It rained.'The roads shut.'" * 20_000
    found = split_sentences(text, max_sentences=500)
    assert len(found) == 500
    assert found[0].text == "It rained."
    assert found[1].text == "'The roads shut.'"
    assert all(text[s.start:s.end] == s.text for s in found)
    hostile = ".'A" * 100_000
    assert all(hostile[s.start:s.end] == s.text for s in split_sentences(hostile))
