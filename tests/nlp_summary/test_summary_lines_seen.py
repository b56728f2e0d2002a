"""Summary lines a reader audit found bad: an "It is a <noun> that ..." opener that points back, a piece of a
quotation the splitter cut off its start, a photo caption, and link text in brackets (bot/nlp/sentence_quality.py).
All sample text is invented."""

from __future__ import annotations

import pytest

from bot.nlp.sentence_quality import junk_reason, opens_with_reference
from bot.nlp.summarise import SumySummariser
from tests.nlp_summary.samples import article


@pytest.mark.parametrize("text", [
    "It is a figure that few planners at the harbour office would have believed a decade ago.",
    "It was the largest haul of smuggled tortoises that customs officers in Lisport had ever seized.",
    "It’s a record that the Marrow Bay rowing club has held since the boathouse first opened.",
    "It is an outcome that neither party in the county council expected before the recount.",
    "“It is the third such closure this winter,” the ferry operator said on Tuesday evening.",
    "It was the first time the two mayors had met since the bridge toll dispute began.",
    "It is one of the oldest orchards in the valley and has been farmed by the same family.",
])
def test_it_is_a_noun_points_back(text: str) -> None:
    assert opens_with_reference(text)


@pytest.mark.parametrize("text", [
    "It is raining across the northern valleys and the ferry to Marrow Island has been cancelled.",
    "It is expected that the harbour board will approve the new cold-storage rules on Friday.",
    "It was announced on Monday that the Lisport tram line would close for repairs until March.",
    "It is a shame that the old lighthouse will not reopen this summer, the mayor told reporters.",
    "It is a pity that the county could not find the money for the library, the council leader said.",
    "It was a cold morning in Lisport when the first trawlers returned with half-empty holds.",
    "It is a long way from the valley farms to the nearest hospital, which is in Marrow Bay.",
    "It is unclear whether the ferry operator will appeal against the ruling of the county court.",
    "It is time for the county to decide how it will pay for the new flood barrier, she said.",
    "Italian lenders said the new harbour fees would be passed on to shipping firms by April.",
])
def test_expletive_it_does_not_point_back(text: str) -> None:
    assert not opens_with_reference(text)


@pytest.mark.parametrize("text", [
    "It certainly is not the job of a ferry announcer to mock the people of Marrow Bay.'",
    "It certainly is not the job of a ferry announcer to mock the people of Marrow Bay.’",
    "It certainly is not the job of a ferry announcer to mock the people of Marrow Bay.”",
    'It certainly is not the job of a ferry announcer to mock the people of Marrow Bay."',
    "We never thought the harbour would close so soon,” the trawler captain said on Monday.",
])
def test_a_sentence_closing_a_quotation_it_never_opened_is_a_fragment(text: str) -> None:
    assert junk_reason(text) == "fragment"


@pytest.mark.parametrize("text", [
    "The ferry announcer said: 'It is not my job to mock the people of Marrow Bay.'",
    "The ferry announcer said: “It is not my job to mock the people of Marrow Bay.”",
    "The ferry announcer said: \"It is not my job to mock the people of Marrow Bay.\"",
    "The fishermen’s union said the trawlers' owners would meet the harbour board on Friday.",
    "The union said the owners' offer of a two percent rise was far too low for its members.",
    "Her ‘harbour first’ policy was rejected by the county council by eleven votes to four.",
])
def test_balanced_quotations_and_apostrophes_are_kept(text: str) -> None:
    assert junk_reason(text) is None


@pytest.mark.parametrize("text", [
    "Retread: Ilse Varga with Tomas yesterday.",
    "Happy couple: Ilse Varga and her husband Tomas Varga in Lisport last summer.",
    "Day out: Mayor Anna Brook with her son Piet at the harbour on Sunday.",
])
def test_a_photo_caption_is_junk(text: str) -> None:
    assert junk_reason(text) == "caption"


@pytest.mark.parametrize("text", [
    "Warning: Ilse Varga says the harbour will close if the county does not pay for repairs.",
    "Update: Mayor Anna Brook met the ferry operator in Lisport on Sunday to discuss the fares.",
    "Lisport: Mayor Anna Brook with two aides left the harbour office shortly after midnight.",
])
def test_a_labelled_sentence_with_a_verb_is_no_caption(text: str) -> None:
    assert junk_reason(text) is None


@pytest.mark.parametrize("text", [
    "The county health chief Ilse Varga (read all about her career in shipping here) has tightened the rules.",
    "The harbour board (see the full list of new fees here) approved the budget on Monday evening.",
    "The harbour board [click to watch the whole meeting here] approved the budget on Monday evening.",
])
def test_link_text_in_brackets_is_page_furniture(text: str) -> None:
    assert junk_reason(text) == "prompt"


@pytest.mark.parametrize("text", [
    "The harbour board (which will meet here again in May) approved the budget on Monday evening.",
    "The harbour board (see below) approved the budget for the coming year on Monday evening.",
])
def test_brackets_without_link_text_are_kept(text: str) -> None:
    assert junk_reason(text) is None


def test_an_opening_it_is_a_noun_sentence_does_not_lead_the_summary() -> None:
    text = ("It is a number that few in the valley would have believed. "
            "The Marrow Bay ferry carried two million passengers this year, twice as many as in the year before. "
            "The operator said the new timetable and lower fares had drawn commuters from the coast road. "
            "The county council will decide in March whether to pay for a second ferry on the route.")
    lines = [s.text for s in SumySummariser().summarise([article(text, outlet="Bay Courier")], 2)]
    assert lines and not any(line.startswith("It is a number") for line in lines), lines
