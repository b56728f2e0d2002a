"""One hostile text (a word run with no full stop, a run of punctuation with no space) cannot stall quote finding:
spaCy reads it in pieces (bot/nlp/long_input.py); real text is parsed whole, exactly as before."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from spacy.language import Language

from bot.models import Article, Attribution
from bot.nlp import long_input
from bot.nlp.long_input import MAX_RUN_CHARS, MAX_RUN_TOKENS, MAX_TOKEN_CHARS, cut_points, pieces
from bot.nlp.quotes import attributions_of, extract_attributions, extract_from_text, load_pipeline, parse_many
from bot.nlp.sentences import split_sentences

TAIL = "Dunmore: the council said the quay met."
INVENTED = (
    "The harbour board met on Tuesday to discuss the new ferry landing.\n"
    '"We cannot wait another winter," said Maria Ostrander, who chairs the board. '
    "She said the repairs would start in March.\n"
    "The mayor, Tomas Brel, told reporters the town had found the money. "
    '"It is done," he said. "The quay will open in the spring."\n'
    "According to the port authority, three berths will close during the work. "
    "Fishermen said they feared lost trade; the board said it would help them.\n"
)


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline()


def _key(found: tuple[Attribution, ...]) -> list[tuple[object, ...]]:
    return [(a.speaker, a.speaker_as_written, a.cue, a.content, a.kind, a.sentence, a.start, a.end, a.role)
            for a in found]


def _real_texts(shared: Path) -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((shared / "seeds").glob("*.txt"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted((shared / "eval/quotes").glob("**/dev/text/*.txt"))]
    cnndm = shared / "eval/summaries/cnndm_sample100/cnndm_train_sample100.jsonl"
    if cnndm.is_file():
        texts += [json.loads(line)["article"] for line in cnndm.read_text(encoding="utf-8").splitlines()]
    return texts


def test_real_articles_are_parsed_whole(shared_dir: Path) -> None:
    texts = _real_texts(shared_dir)
    assert len(texts) > 100
    assert [t[:60] for t in texts if cut_points(t)] == []


def test_invented_text_gives_the_same_attributions_as_a_whole_parse(nlp: Language) -> None:
    text = INVENTED * 3
    assert cut_points(text) == []
    whole = attributions_of(nlp(text))
    assert len(whole) >= 4
    assert _key(extract_from_text(text, nlp=nlp)) == _key(whole)
    assert [_key(attributions_of(d)) for d in parse_many([text, INVENTED], nlp=nlp)] == [
        _key(whole), _key(attributions_of(nlp(INVENTED)))]


@pytest.mark.parametrize("text", [
    "Report: " + "Long " * 1_000 + TAIL,
    "<" * 1_000 + " " + TAIL,
    ("x" * 450 + " ") * 10,
    "word\t" * 900 + "\n" + "<" * 650 + "\nend. " + "a b " * 700,
    " " * 5_000,
    "< " * 3_000,
    ("<" * 199 + " ") * 30,
    "",
])
def test_pieces_rebuild_the_text_and_stay_short(text: str) -> None:
    parts = pieces(text)
    assert "".join(part for part, _parsed in parts) == text
    assert all(len(part.split()) == 1 and len(part) > MAX_TOKEN_CHARS for part, parsed in parts if not parsed)
    for part in (part for part, parsed in parts if parsed):
        assert all(len(run) <= MAX_TOKEN_CHARS for run in part.split())
        for run in re.split(r"[.!?]\s|\n", part):
            assert len(run) <= MAX_RUN_CHARS
            assert len(re.findall(r"\w+|[^\w\s]", run)) <= MAX_RUN_TOKENS


def test_a_long_run_is_cut_after_a_space_and_a_long_token_every_max_token_chars() -> None:
    text = "Long " * 1_000
    assert cut_points(text) == [2_000, 4_000]
    assert cut_points("a " + "<" * 500 + " b") == [2, 502]
    assert pieces("a " + "<" * 500 + " b") == [("a ", True), ("<" * 500, False), (" b", True)]
    assert pieces("<" * 500) == [("<" * 500, False)]


def _tail_found(found: tuple[Attribution, ...], text: str) -> list[tuple[str, str, int, int]]:
    start = text.index("the quay met")
    return [(a.speaker, a.content, a.start, a.end) for a in found if a.start == start and a.end == start + 12]


def test_a_word_run_with_no_full_stop_still_finds_the_quote_after_it(nlp: Language) -> None:
    # 50,000 characters: minutes before the guard (40.6 s at 20,000, growing with the square: tok.sent per token)
    text = "Report: " + "Long " * 10_000 + TAIL
    start = text.index("the quay met")
    assert _tail_found(extract_from_text(text, nlp=nlp), text) == [("council", "the quay met", start, start + 12)]


def test_a_run_of_punctuation_with_no_space_returns_and_the_text_after_it_is_read(nlp: Language) -> None:
    # minutes before the guard in spaCy's tokenizer (136 s for 10,000 "<", 271 s for 20,000 in the audit)
    text = "<" * 20_000 + " " + TAIL
    article = Article(id="a", url="", title="t", outlet="o", text=text, sentences=split_sentences(text))
    found = extract_attributions(article, nlp=nlp)
    start = text.index("the quay met")
    assert _tail_found(found, text) == [("council", "the quay met", start, start + 12)]
    assert all(text[a.start:a.end] == a.content for a in found)


def test_parse_many_gives_one_whole_doc_per_text_in_order(nlp: Language) -> None:
    texts = [INVENTED, "<" * 3_000, "Report: " + "Long " * 900 + TAIL, INVENTED]
    docs = list(parse_many(texts, nlp=nlp, batch_size=2))
    assert [d.text for d in docs] == texts
    assert long_input.pieces(texts[1]) == [(texts[1], False)]
    assert _key(attributions_of(docs[3])) == _key(attributions_of(docs[0])) != []
    bare_last = [INVENTED, "<" * 300]
    assert [d.text for d in parse_many(bare_last, nlp=nlp)] == bare_last
    assert [d.text for d in parse_many(bare_last[::-1], nlp=nlp)] == bare_last[::-1]


def test_a_text_that_is_one_long_run_is_one_bare_token(nlp: Language) -> None:
    doc = long_input.parse(nlp, "<" * 300)
    assert [(t.text, t.is_sent_start) for t in doc] == [("<" * 300, True)]
    assert extract_from_text("<" * 300, nlp=nlp) == ()
