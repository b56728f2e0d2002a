"""Summary lines that end inside a quotation the splitter cut, or that are a quotation with no speaker in them
(bot/nlp/line_shapes.py, bot/nlp/summarise.py). All sample text is invented."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.nlp.line_shapes import closes_unopened_quotation, is_bare_quotation, leaves_quotation_open
from bot.nlp.summarise import SumySummariser
from tests.nlp_summary.samples import article


@pytest.mark.parametrize("text", [
    'The mayor wrote that "we cannot let the families of Marrow Bay wait another winter.',
    "The mayor wrote that “we cannot let the families of Marrow Bay wait another winter.",
    '"The harbour board has to approve the new ferry timetable before the spring.',
    "In a statement, the union described the harbour master as “Capt.",
    "Der Bürgermeister schrieb: „Wir können die Familien nicht länger warten lassen.",
])
def test_a_line_that_opens_a_quotation_and_never_closes_it(text: str) -> None:
    assert leaves_quotation_open(text)
    assert not closes_unopened_quotation(text)


@pytest.mark.parametrize("text", [
    '"We cannot let the families of Marrow Bay wait another winter," the mayor wrote on Monday.',
    "The mayor wrote that “we cannot let the families wait” and asked the county for money.",
    "Der Bürgermeister sagte, „wir können nicht warten“, und bat den Kreis um Geld.",
    "The union said the owners' offer of a two percent rise was far too low for its members.",
    "The trawler's crew said the harbour was closed on Tuesday after the storm surge.",
    "We never thought the harbour would close so soon,” the trawler captain said on Monday.",
])
def test_balanced_or_closing_lines_leave_no_quotation_open(text: str) -> None:
    assert not leaves_quotation_open(text)


@pytest.mark.parametrize("text", [
    '"While it has been a privilege to run the Lisport ferry company for so long, I will step down in May."',
    "“Our harbour was flooded twice this winter and we were given no warning at all.”",
    '"The ferry will run again on Friday." "The bridge will not reopen before March."',
    "  “The county has not paid for the new flood barrier, and it must do so this year.”  ",
])
def test_a_quotation_and_nothing_else_is_bare(text: str) -> None:
    assert is_bare_quotation(text)


@pytest.mark.parametrize("text", [
    '"While it has been a privilege to run the ferry company, I will step down," Ilse Varga said.',
    "The ferry company's founder said: “While it has been a privilege, I will step down in May.”",
    '"Flood barrier" is the phrase the county council used for the new wall on the quay.',
    '"The harbour board has to approve the new ferry timetable before the spring.',
    "The ferry company said its founder would step down in May after forty years in charge.",
    "",
])
def test_a_quotation_with_its_speaker_or_other_words_is_not_bare(text: str) -> None:
    assert not is_bare_quotation(text)


_CONTINUED = (
    "The Lisport harbour board voted on Monday to close the north quay to cargo ships for the whole winter. "
    'Mayor Ilse Varga, who chaired the meeting, wrote that "we cannot let the trawler families of Marrow Bay '
    "wait another winter for the repairs. We owe them a safe quay. We will find the money in the spring budget,\" "
    "she added on her council page.\n"
    "The repairs to the north quay are expected to cost about four million euros over two years.\n"
    "Work on the sea wall will start in March once the last of the winter storms has passed the bay.\n"
)


def _lines(text: str, count: int = 3) -> list[str]:
    art = article(text, outlet="Bay Courier")
    out = []
    for line in SumySummariser().summarise([art], count):
        assert art.text[line.start:line.end] == line.text
        out.append(line.text)
    return out


def test_a_quotation_of_several_sentences_is_one_line_up_to_its_close() -> None:
    lines = _lines(_CONTINUED)
    assert not any(leaves_quotation_open(line) for line in lines)
    assert not any(line.startswith("We owe them") for line in lines)
    joined = [line for line in lines if "trawler families" in line]
    assert joined, lines
    assert joined[0].startswith("Mayor Ilse Varga")
    assert joined[0].endswith("she added on her council page.")


def test_a_quotation_left_open_at_its_paragraph_end_is_never_a_line() -> None:
    text = _CONTINUED.replace('budget," she added on her council page.', "budget. And the county must help too.")
    assert leaves_quotation_open(text.split("\n")[0])
    lines = _lines(text)
    assert len(lines) == 3
    assert not any("trawler families" in line or line.startswith(("We owe", "We will find", "And the county"))
                   for line in lines)


def test_a_quotation_too_long_to_join_is_never_a_line() -> None:
    middle = " ".join(f"We will repair quay number {n} before the ferry season starts." for n in range(1, 10))
    text = _CONTINUED.replace("We owe them a safe quay.", middle)
    lines = _lines(text)
    assert not any("trawler families" in line or line.startswith("We will repair") for line in lines)


_BARE = (
    "The founder of the Lisport ferry company, Ilse Varga, will step down in May after forty years in charge.\n"
    '"While it has been a privilege to run the company for so long, it is time for a younger crew to take the '
    'helm of the ferry company."\n'
    "Varga made the announcement in a letter to the ferry company's staff and passengers on Tuesday.\n"
    "The company runs six ferries between Lisport, Marrow Bay and the islands of the outer sound.\n"
)


def test_a_quotation_with_no_speaker_is_not_a_line() -> None:
    lines = _lines(_BARE)
    assert lines[0].startswith("The founder")
    assert not any(is_bare_quotation(line) for line in lines)
    assert len(lines) == 3


def test_a_quotation_with_its_speaker_stays_a_line() -> None:
    text = _BARE.replace('helm of the ferry company."', 'helm of the ferry company," Varga wrote.')
    lines = _lines(text, 2)
    assert lines[1].startswith('"While it has been a privilege')


_PARAGRAPHS_RUN_TOGETHER = (
    "The Lisport rowing club will close its boathouse for the winter after the storm damaged its roof. "
    'Club captain Ilse Varga said: "We have rowed from this boathouse for sixty years without a single winter off. '
    "It breaks my heart to lock the doors. "
    '"The roof is not safe and the county will not pay for it before the spring," she added. '
    "The county council said it would review the club's request for a repair grant at its meeting in January. "
    "Members will train at the Marrow Bay boathouse until the roof is repaired, the club said on Tuesday.\n"
)


def test_a_quotation_whose_paragraphs_run_together_ends_before_the_next_paragraph() -> None:
    # a quotation of several paragraphs opens each with a mark and closes only the last; run together on one
    # line, the first paragraph never closes: it is never a line, and neither is its piece with no marks, but
    # the closing paragraph, which names its speaker, and the reporting after it still are
    art = article(_PARAGRAPHS_RUN_TOGETHER, outlet="Bay Courier")
    lines = [line.text for line in SumySummariser().summarise([art], 5)]
    assert not any("sixty years" in line or line.startswith("It breaks") for line in lines)
    assert any(line.startswith('"The roof is not safe') for line in lines)
    assert any(line.startswith("The county council said") for line in lines)
    assert not any(leaves_quotation_open(line) for line in lines)


def test_a_quotation_is_not_joined_across_sentences_left_out() -> None:
    # a follow-up summarises only an article's novel sentences (bot/followups.py): a quotation whose next kept
    # sentence is not the next in the text is not joined over the gap, so its opening sentence is no line
    art = article(_CONTINUED, outlet="Bay Courier")
    kept = tuple(s for s in art.sentences if not s.text.startswith("We owe them"))
    assert len(kept) == len(art.sentences) - 1
    lines = SumySummariser().summarise([replace(art, sentences=kept)], 4)
    assert lines
    assert not any("trawler families" in line.text or line.text.startswith("We will find") for line in lines)
    assert all(art.text[line.start:line.end] == line.text for line in lines)
