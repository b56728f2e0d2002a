"""No key quote from no one or from nothing: a quantifier or pronoun-like word as the speaker ("Many called for a
full review", "thousands of them say ..."), a speaker cut to its "of" phrase ("of the wardens"), an animal or plant
as the "speaker", a "call ... home" or "call it quits" idiom, and reported words whose subject was cut off ("...
agreed outweigh the costs ..."). Their look-alikes still pass: a described group ("Many of the residents said
..."), a counted role ("Both pilots"), a named person who "called for" something, a clause with its subject."""

from __future__ import annotations

import pytest

from bot.models import Attribution, SourceRef, Story
from digests.key_quote import key_quote
from digests.key_quote_gate import quote_flaw


# Written for these tests: invented speakers, places and statements.
def said(content: str, speaker: str = "Ida Varga", cue: str = "said", kind: str = "indirect") -> Attribution:
    return Attribution("n-1", speaker, speaker, cue, content, kind, 4, 300, 300 + len(content))  # type: ignore[arg-type]


@pytest.mark.parametrize("speaker", [
    "Many", "many", "Some", "Others", "Several", "Most", "Few", "All", "Both", "Everyone", "everybody", "Many more",
    "A few", "Two", "thousands", "Many of them", "some of those", "of the wardens",
])
def test_a_quantifier_or_pronoun_like_word_is_no_speaker(speaker: str) -> None:
    assert quote_flaw(said("the harbour had been neglected for a decade", speaker)) == "no speaker"
    assert quote_flaw(said("for a full review of the island ferry service", speaker, cue="called")) == "no speaker"


def test_no_one_speaks_a_direct_quote_either() -> None:
    assert quote_flaw(said("“We want the winter ferry back,”", "Many", kind="direct")) == "no speaker"
    assert quote_flaw(said("“We want the winter ferry back,”", "Many of the islanders", kind="direct")) is None


@pytest.mark.parametrize(("quote", "flaw"), [
    (said("over 3,000 followers on a photo-sharing site", "unnamed skipper", cue="boasts"), "not a full clause"),
    (said("a harbour view from every one of its rooms", "Vellmar hotel", cue="boasted"), "not a full clause"),
    (said("that the island had the cleanest harbour in the north", "Oren Malk", cue="boasted"), None),
    (said("the new pier would bring the cruise ships back", "Oren Malk", cue="boasted"), None),
])
def test_a_boast_of_what_one_has_is_no_statement(quote: Attribution, flaw: str | None) -> None:
    assert quote_flaw(quote) == flaw


@pytest.mark.parametrize("speaker", [
    "Many of the residents",  # a described group: "many" counts them, "the residents" says who they are
    "Some islanders", "Both pilots", "Most of the ferry crews", "Several harbour officials", "Two wardens",
    "unnamed two engineers", "Lena Moss", "Ida Few",  # a name that is also a word
])
def test_a_described_or_named_group_still_speaks(speaker: str) -> None:
    assert quote_flaw(said("the harbour had been neglected for a decade", speaker)) is None


@pytest.mark.parametrize("speaker", [
    "20 species of wading birds", "Around 40 kinds of seabirds", "rare seabirds", "hungry sea predators",
    "the island's wild animals", "three types of wild flowers",
])
def test_an_animal_or_plant_is_no_speaker(speaker: str) -> None:
    assert quote_flaw(said("the harbour walls are the safest place in winter", speaker, cue="say")) == "no speaker"


@pytest.mark.parametrize("speaker", [
    "director of the wildlife trust", "Birds Eye", "Anna Fish", "bird watchers", "plant managers",
])
def test_a_person_or_a_name_near_an_animal_word_still_speaks(speaker: str) -> None:
    assert quote_flaw(said("the harbour walls are the safest place in winter", speaker, cue="say")) is None


@pytest.mark.parametrize("quote", [
    said("the rocky northern cape of the island home", "unnamed sheep farmers", cue="call"),
    said("the old net lofts by the harbour home", "Lena Moss", cue="called"),  # a person, but no words said
    said("it quits after nine decades of trading", "Vellmar cooperative", cue="called"),
    said("it a day after the last ferry of the season", "Oren Malk", cue="calls"),
])
def test_call_idioms_are_not_speech(quote: Attribution) -> None:
    assert quote_flaw(quote) == "not speech"


@pytest.mark.parametrize("quote", [
    said("for a full review of the island ferry service", "Lena Moss", cue="called"),
    said("for the crews to be brought home before the storm", "Lena Moss", cue="called"),
    said("the new timetable a betrayal of the island", "Oren Malk", cue="called"),
])
def test_a_call_that_is_speech_passes(quote: Attribution) -> None:
    assert quote_flaw(quote) is None


@pytest.mark.parametrize("quote", [
    said("outweigh the costs from the late sailings in winter", "unnamed members of the Vellmar harbour panel",
         cue="agreed"),
    said("outweighed the costs of the late winter sailings", "Oren Malk", cue="agreed"),
    said("that outweigh the costs of the late winter sailings", "Oren Malk", cue="agreed"),
    said("are likely to raise ferry fares again next spring", "Ida Varga", cue="warned"),
    said("will close the harbour office for the whole winter", "harbour board", cue="said"),
    said("cost the island its only winter ferry link", "unnamed officials", cue="said"),
])
def test_reported_words_without_their_subject_are_rejected(quote: Attribution) -> None:
    assert quote_flaw(quote) == "subject cut off"


@pytest.mark.parametrize("content", [
    "the benefits outweigh the costs of the late sailings",
    "ferry fares are likely to rise again next spring",
    "yesterday the harbour office closed for the winter",  # an adverb, then the subject
    "given the storms, the ferry would stay in port",  # a participle phrase before the subject
    "everything the council did came far too late",  # a pronoun subject
    "once the pier is rebuilt the ferry will return",
    "fishing the northern banks is no longer worth it",  # a gerund subject
    "only the harbour board can close the pier",
    "Vellmar the town had been promised a new pier",  # a capital: a name, not a verb
])
def test_a_clause_with_its_subject_passes(content: str) -> None:
    assert quote_flaw(said(content, "Ida Varga", cue="said")) is None


def test_the_key_quote_passes_over_no_one_to_a_named_speaker() -> None:
    quotes = (
        said("for a full review of the winter ferry service", "Many", cue="called"),
        said("the rocky northern cape of the island home", "20 species of wading birds", cue="call"),
        said("outweigh the costs from the late winter sailings", "unnamed members of the harbour panel",
             cue="agreed"),
        said("the winter timetable would be settled by March", "Lena Moss", cue="said"),
    )
    source = SourceRef("n-1", "Tarnholm Post", "https://post.example/ferry", "Ferry review", None)
    story = Story("s-1", "Island ferry service to be reviewed", (source,), (), quotes=quotes)
    chosen = key_quote(story)
    assert chosen is not None and chosen.speaker == "Lena Moss", chosen
