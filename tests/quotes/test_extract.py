"""Attribution extraction on the seed articles and on sentences written for these tests."""

from __future__ import annotations

import pytest
from spacy.language import Language

from bot.models import Article, Attribution
from bot.nlp.quotes import extract_attributions, extract_from_text


def _by_speaker(found: tuple[Attribution, ...], speaker: str) -> list[Attribution]:
    return [a for a in found if a.speaker == speaker]


def test_offsets_index_the_text_exactly(seed_articles: list[Article], nlp: Language) -> None:
    for article in seed_articles:
        found = extract_attributions(article, nlp)
        assert found
        for a in found:
            assert article.text[a.start:a.end] == a.content
            assert article.sentences[a.sentence].start <= max(a.start, article.sentences[a.sentence].start)


def test_seed_rutte_statements_share_one_canonical_speaker(seed_articles: list[Article], nlp: Language) -> None:
    found = extract_attributions(seed_articles[0], nlp)
    rutte = [a for a in found if "Rutte" in a.speaker_as_written or a.speaker == "Mark Rutte"]
    assert {a.speaker for a in rutte} == {"Mark Rutte"}
    assert {a.speaker_as_written for a in rutte} == {"Secretary General Mark Rutte", "Rutte"}
    contents = " ".join(a.content for a in rutte)
    assert "no vote and no veto" in contents
    assert "unanimous backing" in contents  # the participial "emphasizing that ..."
    assert all(a.role == "Secretary General" for a in rutte)
    assert {a.kind for a in rutte} == {"direct", "indirect"}


def test_seed_unnamed_spokesperson_and_izvestia(seed_articles: list[Article], nlp: Language) -> None:
    found = extract_attributions(seed_articles[0], nlp)
    spokes = _by_speaker(found, "unnamed Russian embassy spokesperson")
    written = {a.speaker_as_written for a in spokes}
    assert {"an unnamed embassy spokesperson", "The diplomat", "the official"} <= written
    nullify = [a for a in spokes if "nullification" in a.content]
    assert len(nullify) == 1 and "via Izvestia" in (nullify[0].role or "")
    izvestia = _by_speaker(found, "Izvestia")
    assert any("promise of future membership" in a.content for a in izvestia)


def test_seed_second_article_speakers(seed_articles: list[Article], nlp: Language) -> None:
    found = extract_attributions(seed_articles[1], nlp)
    speakers = {a.speaker for a in found}
    assert {"Keith Kellogg", "Dmitry Peskov", "unnamed diplomat", "unnamed interlocutor"} <= speakers
    kellogg = _by_speaker(found, "Keith Kellogg")
    assert {a.kind for a in kellogg} == {"mixed", "indirect"}  # "legitimacy" in quotes, "adding that"
    assert any(a.cue == "pointed out" for a in found)
    assert any(a.cue == "stating" and a.speaker == "Dmitry Peskov" for a in found)  # "responded by stating"


@pytest.mark.parametrize(("text", "speaker", "kind", "content_has"), [
    ('"We will not back down," Jane Okafor said on Tuesday.', "Jane Okafor", "direct", "not back down"),
    ("“We will not back down,” said Jane Okafor.", "Jane Okafor", "direct", "not back down"),
    ('Jane Okafor said: "The port stays open. Ships keep moving."', "Jane Okafor", "direct", "Ships keep moving"),
    ("The harbour spokesman said the port would reopen on Friday.", "unnamed harbour spokesman", "indirect",
     "port would reopen"),
    ("The port will reopen on Friday, officials said.", "unnamed officials", "indirect", "port will reopen"),
    ("According to the Harbour Gazette, the port will reopen on Friday.", "Harbour Gazette", "indirect",
     "port will reopen"),
    ("Mayor Tom Reyes warned that the levee could fail.", "Tom Reyes", "indirect", "levee could fail"),
    ("Tom Reyes spoke about the “unacceptable” delays at the port.", "Tom Reyes", "mixed", "unacceptable"),
    # a name that only qualifies the speaking group is not the speaker
    ("Biden aides said the speech was rewritten twice.", "unnamed Biden aides", "indirect", "rewritten twice"),
])
def test_sentence_forms(nlp: Language, text: str, speaker: str, kind: str, content_has: str) -> None:
    found = extract_from_text(text, nlp=nlp)
    assert found, text
    a = found[0]
    assert (a.speaker, a.kind) == (speaker, kind)
    assert content_has in a.content
    assert text[a.start:a.end] == a.content


def test_pronoun_and_continued_quote_resolve_to_the_named_speaker(nlp: Language) -> None:
    text = ("Harbour director Amina Diallo opened the new quay on Monday.\n\n"
            '"It took six years," Diallo said. "Nobody believed we would finish."\n\n'
            "She added that the second quay would follow in 2028.")
    found = extract_from_text(text, nlp=nlp)
    assert [a.speaker for a in found] == ["Amina Diallo", "Amina Diallo", "Amina Diallo"]
    assert "Nobody believed" in found[1].content  # the quotation resumed after the cue, its own attribution
    assert found[2].speaker_as_written == "She"
    assert found[0].role == "Harbour director"


def test_future_and_negated_cues_are_not_statements(nlp: Language) -> None:
    text = "The minister will say that taxes must rise. She did not say that the plan failed."
    assert extract_from_text(text, nlp=nlp) == ()


@pytest.mark.parametrize("text", ["", "   \n\n ", "🙂🙂🙂", "Путин сказал, что всё хорошо.", "x" * 10_000,
                                  '"' * 500, "said said said said"])
def test_odd_text_never_crashes(nlp: Language, text: str) -> None:
    for a in extract_from_text(text, nlp=nlp):
        assert text[a.start:a.end] == a.content
