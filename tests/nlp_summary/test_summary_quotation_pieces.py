"""Summary lines cut from a quotation in single marks or guillemets, and pieces of a quotation opened in an earlier
paragraph (bot/nlp/line_shapes.py, bot/nlp/quote_pieces.py, bot/nlp/summarise.py). All sample text is invented."""

from __future__ import annotations

import pytest

from bot.nlp.line_shapes import is_bare_quotation, leaves_quotation_open
from bot.nlp.quote_pieces import inside_earlier_quotation
from bot.nlp.sentences import split_sentences
from bot.nlp.summarise import SumySummariser
from tests.nlp_summary.samples import article


@pytest.mark.parametrize("text", [
    "The mayor wrote: ‘We cannot let the families of Marrow Bay wait another winter.",
    "'We cannot let the families of Marrow Bay wait another winter for the repairs.",
    "The harbour master said the storm was ‘the worst in forty years, and the quay will not open.",
    "Le maire a écrit : « nous ne pouvons pas laisser les familles attendre un hiver de plus.",
    "The mayor wrote: ‘We cannot let them wait,’ and then: ‘The county must pay.",
    "The ferry crews' union tweeted: '#KeepTheQuayOpen until the storms have passed the bay!",
])
def test_a_line_that_opens_a_single_or_guillemet_quotation_and_never_closes_it(text: str) -> None:
    assert leaves_quotation_open(text)


@pytest.mark.parametrize("text", [
    "The mayor called the repair plan ‘a disgrace’ and left the harbour board meeting early.",
    "‘We will not wait another winter,’ the mayor of Marrow Bay told the harbour board.",
    "The island‘s ferry will run again on Friday after the storm damage is repaired.",
    "The union said the owners' offer of a two percent rise was far too low for its members.",
    "The band played rock 'n' roll on the quay until the harbour master closed it at midnight.",
    "Le maire a dit « non » hier soir devant le conseil du port de Marrow Bay.",
    "Accueil » Monde » Europe » The Lisport harbour board votes to close the north quay.",
    "Der Bürgermeister sagte »wir warten nicht« und verließ die Sitzung des Hafenrats.",
])
def test_balanced_single_marks_apostrophes_and_arrows_leave_no_quotation_open(text: str) -> None:
    assert not leaves_quotation_open(text)


_SINGLE = (
    "The Lisport harbour board voted on Monday to close the north quay to cargo ships for the whole winter.\n"
    "Mayor Ilse Varga wrote on her council page: ‘We cannot let the trawler families of Marrow Bay wait another "
    "winter for the repairs. We will find the money in the spring budget.’\n"
    "The repairs to the north quay are expected to cost about four million euros over two years.\n"
    "Work on the sea wall will start in March once the last of the winter storms has passed the bay.\n"
)


def _lines(text: str, count: int = 4) -> list[str]:
    art = article(text, outlet="Bay Courier")
    out = []
    for line in SumySummariser().summarise([art], count):
        assert art.text[line.start:line.end] == line.text
        out.append(line.text)
    return out


def test_a_quotation_in_single_marks_is_one_line_up_to_its_close() -> None:
    lines = _lines(_SINGLE)
    assert not any(line.startswith("We will find") for line in lines)
    joined = [line for line in lines if "trawler families" in line]
    assert joined, lines
    assert joined[0].endswith("spring budget.’")


def test_a_quotation_in_single_marks_left_open_is_never_a_line() -> None:
    text = _SINGLE.replace("spring budget.’", "spring budget.")
    lines = _lines(text)
    assert len(lines) == 3
    assert not any("trawler families" in line or line.startswith("We will find") for line in lines)


# A page that drops the mark opening a quotation's second paragraph: its sentences before the one that closes the
# quotation carry no mark, and read alone they are the mayor's words told as the outlet's own.
_EARLIER = (
    "The Lisport harbour board voted on Monday to close the north quay to cargo ships for the whole winter.\n"
    'Mayor Ilse Varga said: "We cannot let the trawler families of Marrow Bay wait another winter for repairs.\n'
    "The county has promised the money twice and paid nothing. It will pay this time or answer to the voters of "
    'the bay," she told the board.\n'
    "The repairs to the north quay are expected to cost about four million euros over two years.\n"
    "Work on the sea wall will start in March once the last of the winter storms has passed the bay.\n"
)


def test_pieces_of_a_quotation_opened_in_an_earlier_paragraph_are_found() -> None:
    sentences = split_sentences(_EARLIER)
    inside = inside_earlier_quotation(_EARLIER, sentences)
    pieces = {sentences[k].text for k in inside}
    assert pieces == {"The county has promised the money twice and paid nothing."}


def test_pieces_of_a_quotation_opened_in_an_earlier_paragraph_are_never_lines() -> None:
    lines = _lines(_EARLIER, 5)
    assert lines
    assert not any(line.startswith(("The county has promised", "It will pay")) for line in lines)
    assert any(line.startswith("The repairs to the north quay") for line in lines)


def test_a_paragraph_that_closes_its_own_quotation_has_no_pieces() -> None:
    text = _EARLIER.replace("The county has promised", '"The county has promised')
    assert inside_earlier_quotation(text, split_sentences(text)) == frozenset()
    plain = "The board met on Monday. The county has paid nothing. The owners' offer was too low.\n"
    assert inside_earlier_quotation(plain, split_sentences(plain)) == frozenset()


@pytest.mark.parametrize("text", [
    "'It will take years to rebuild the north quay, and the county has to pay for it.'",
    "‘We cannot let the trawler families of Marrow Bay wait another winter.’",
    "« Nous ne pouvons pas laisser les familles de Marrow Bay attendre un hiver de plus. »",
])
def test_a_quotation_in_single_marks_or_guillemets_and_nothing_else_is_bare(text: str) -> None:
    assert is_bare_quotation(text)


@pytest.mark.parametrize("text", [
    "'It will take years to rebuild the north quay,' the harbour master said on Monday.",
    "The harbour master said: 'It will take years to rebuild the north quay.'",
    "'The owners' offer was far too low for the crews of the trawler fleet.'",
    "« Nous ne pouvons pas attendre », a déclaré le maire de Marrow Bay lundi.",
])
def test_a_single_marked_or_guillemet_quotation_with_other_words_is_not_bare(text: str) -> None:
    assert not is_bare_quotation(text)


# The way of some British pages: each paragraph of a quotation of several opens with a single mark and only the
# last closes; run together on one line, the quotation's first paragraph never closes.
_SINGLE_PARAGRAPHS = (
    "The Lisport rowing club will close its boathouse for the winter after the storm damaged its roof. "
    "Club captain Ilse Varga said: 'We have rowed from this boathouse for sixty years without a single winter off. "
    "It breaks my heart to lock the doors. "
    "'The roof is not safe and the county will not pay for it before the spring,' she added. "
    "The county council said it would review the club's request for a repair grant at its meeting in January. "
    "Members will train at the Marrow Bay boathouse until the roof is repaired, the club said on Tuesday.\n"
)


def test_a_single_marked_quotation_whose_paragraphs_run_together_ends_before_the_next_paragraph() -> None:
    lines = _lines(_SINGLE_PARAGRAPHS, 5)
    assert not any("sixty years" in line or line.startswith("It breaks") for line in lines)
    assert any(line.startswith("'The roof is not safe") for line in lines)
    assert not any(leaves_quotation_open(line) for line in lines)


def test_a_bare_quotation_in_single_marks_is_not_a_line() -> None:
    text = _SINGLE.replace("Mayor Ilse Varga wrote on her council page: ", "")
    lines = _lines(text)
    assert not any("trawler families" in line for line in lines)
    assert len(lines) == 3
