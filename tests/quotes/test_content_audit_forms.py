"""Content of reported speech the audit found garbled or cut: "what X said were", a source's own truncation,
"accused X of Y" with a misparsed relative clause, a participle hung on a passive clause."""

from __future__ import annotations

import pytest
from spacy.language import Language

from bot.models import Attribution
from bot.nlp.quote_content import trim
from bot.nlp.quotes import extract_from_text
from bot.nlp.reported_spans import trim as reported_trim


def _by_cue(nlp: Language, text: str, cue: str) -> list[Attribution]:
    found = [a for a in extract_from_text(text, nlp=nlp) if a.cue == cue]
    for a in found:
        assert text[a.start:a.end] == a.content
    return found


@pytest.mark.parametrize(("text", "content"), [
    ("The army shelled what officials said were weapons depots near the border.", "weapons depots near the border"),
    ("The navy struck what it said were rebel bases along the coast, damaging two bridges.",
     "rebel bases along the coast"),
])
def test_what_x_said_were_gives_the_claimed_description(nlp: Language, text: str, content: str) -> None:
    found = _by_cue(nlp, text, "said")
    assert [a.content for a in found] == [content]
    assert "what" not in found[0].content


@pytest.mark.parametrize(("text", "cue", "content"), [
    ("The mayor said the repairs would take a month, but engineers warned the bridge has no easy...", "warned",
     "the bridge has no easy..."),
    ("The agency sued the firm in May, arguing that the firm bought rivals to end competition, including the 2014…",
     "arguing", "that the firm bought rivals to end competition, including the 2014…"),
])
def test_content_cut_by_the_source_keeps_its_ellipsis(nlp: Language, text: str, cue: str, content: str) -> None:
    assert [a.content for a in _by_cue(nlp, text, cue)] == [content]


def test_trim_keeps_an_ellipsis_and_drops_a_full_stop() -> None:
    for cut in (trim, reported_trim):
        text = "He said the plan has no quick... "
        assert text[slice(*cut(text, 0, len(text)))] == "He said the plan has no quick..."
        done = "She said it was done."
        assert done[slice(*cut(done, 0, len(done)))] == "She said it was done"
        short = "Il a dit que le pont était fermé…"
        assert short[slice(*cut(short, 0, len(short)))] == short


def test_accused_keeps_the_accused_party_and_the_charge(nlp: Language) -> None:
    text = ("Opposition members accused the port of ignoring a safety study from 2021 that recommended "
            "dredging the channel within three years.")
    found = _by_cue(nlp, text, "accused")
    assert len(found) == 1
    assert found[0].content.startswith("the port of ignoring a safety study")
    assert found[0].content.endswith("within three years")


def test_participle_on_a_passive_clause_stays_in_the_speakers_content(nlp: Language) -> None:
    text = ("Ms Lane, from Dover, said leaflets had been handed out last month saying the road would be "
            "closed but nobody read them.")
    found = extract_from_text(text, nlp=nlp)
    lane = [a for a in found if a.speaker == "Lane"]
    assert len(lane) == 1
    assert "saying the road would be closed" in lane[0].content
    assert all(a.speaker != "unnamed source" for a in found)


def test_participle_after_a_comma_takes_the_subject_of_the_main_clause(nlp: Language) -> None:
    found = _by_cue(nlp, "The mayor said the plan was approved, arguing that it would save money.", "arguing")
    assert [(a.speaker_as_written, a.content) for a in found] == [("The mayor", "that it would save money")]


def test_it_in_the_hedge_is_the_subject_of_the_host_clause(nlp: Language) -> None:
    text = "Valdoria launched dozens of raids on what it said were smuggling camps across the delta, burning boats."
    found = _by_cue(nlp, text, "said")
    assert [(a.speaker, a.content) for a in found] == [("Valdoria", "smuggling camps across the delta")]
