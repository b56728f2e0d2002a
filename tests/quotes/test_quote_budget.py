"""Quote finding reads at most a budget of words and marks per text (bot/nlp/long_input.py ``MAX_PARSED_TOKENS``):
a hostile, punctuation-dense page costs bounded spaCy work, real articles are read whole, the cut is logged naming
the article."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import cast

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from bot.nlp import long_input, quote_rules
from bot.nlp.long_input import MAX_PARSED_TOKENS, budget_end, budget_tokens
from bot.nlp.quotes import extract_attributions, extract_from_text, parse_many
from tests.quotes.conftest import make_article

OPENING = (
    "The harbour board met on Tuesday to discuss the new ferry landing.\n"
    '"We cannot wait another winter," said Maria Ostrander, who chairs the board.\n'
    "The mayor, Tomas Brel, told reporters the town had found the money.\n"
)
DENSE = "Ana, Bo; Cy: Di. "  # one spaCy token every two characters or so
TAIL = "\nThe ferry captain, Ilse Varga, said the landing was too short.\n"


class CountingParser:
    """The real pipeline, counting the tokens of every doc it hands back (what spaCy was made to read)."""

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        self.vocab = nlp.vocab
        self.tokens = 0
        self.texts: list[str] = []

    def __call__(self, text: str) -> Doc:
        return self._count(text, self.nlp(text))

    def pipe(self, texts: Iterable[str], batch_size: int = 16) -> Iterator[Doc]:
        given = list(texts)
        for text, doc in zip(given, self.nlp.pipe(given, batch_size=batch_size), strict=True):
            yield self._count(text, doc)

    def _count(self, text: str, doc: Doc) -> Doc:
        self.texts.append(text)
        self.tokens += len(doc)
        return doc


def _real_texts(shared: Path) -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((shared / "seeds").glob("*.txt"))]
    for name, key in (("quotes/polnear/dev.jsonl", "text"),
                      ("summaries/bbc_news_summary/bbc_news_summary.jsonl", "body"),
                      ("summaries/cnndm_sample100/cnndm_train_sample100.jsonl", "article")):
        path = shared / "eval" / name
        if path.is_file():
            texts += [json.loads(line)[key] for line in path.read_text(encoding="utf-8").splitlines()]
    return texts


def test_real_articles_are_read_whole_and_far_under_the_budget(shared_dir: Path) -> None:
    texts = _real_texts(shared_dir)
    assert len(texts) > 100
    assert [t[:60] for t in texts if budget_end(t) != len(t)] == []
    assert max(budget_tokens(t) for t in texts) * 2 < MAX_PARSED_TOKENS


def test_a_hostile_text_is_cut_after_a_sentence_within_the_budget() -> None:
    text = OPENING + DENSE * 12_000  # about 200,000 characters, 96,000 words and marks
    end = budget_end(text)
    assert end < len(text) // 2
    assert MAX_PARSED_TOKENS - 10 <= budget_tokens(text[:end]) <= MAX_PARSED_TOKENS
    assert text[:end].endswith("Di. ")


def test_the_budget_counts_an_unparsed_run_as_one_token() -> None:
    text = "<" * 50_000 + " " + "Word " * 100
    assert budget_tokens(text) == 101
    assert budget_end(text, 10) == len("<" * 50_000 + " " + "Word " * 9)  # no sentence end: cut after a space


def test_a_text_within_the_budget_is_read_whole() -> None:
    assert budget_end(OPENING, budget_tokens(OPENING)) == len(OPENING)
    assert budget_end("") == 0


def test_a_hostile_article_is_parsed_up_to_the_budget_and_the_cut_names_it(
        nlp: Language, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setattr(long_input, "MAX_PARSED_TOKENS", 400)
    text = OPENING + DENSE * 3_000 + TAIL  # 24,000 words and marks
    parser = CountingParser(nlp)
    article = make_article("hostile-1", text, url="https://example.org/hostile-page")
    with caplog.at_level(logging.WARNING, logger="bot.nlp.quotes"):
        found = extract_attributions(article, cast(Language, parser))
    assert parser.tokens <= 440  # spaCy splits a little differently ("cannot": two tokens)
    assert "".join(parser.texts) == text[:budget_end(text, 400)]
    assert {a.speaker for a in found} >= {"Maria Ostrander", "Tomas Brel"}
    assert "Ilse Varga" not in {a.speaker for a in found}
    notes = [r.getMessage() for r in caplog.records if r.name == "bot.nlp.quotes"]
    assert len(notes) == 1
    assert "https://example.org/hostile-page" in notes[0] and "hostile-1" in notes[0]
    assert "400 words and marks" in notes[0]


def test_text_and_batch_entry_points_keep_the_same_budget(
        nlp: Language, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setattr(long_input, "MAX_PARSED_TOKENS", 400)
    text = OPENING + DENSE * 3_000 + TAIL
    parser = CountingParser(nlp)
    with caplog.at_level(logging.WARNING, logger="bot.nlp.quotes"):
        found = extract_from_text(text, "file-7", nlp=cast(Language, parser))
    assert parser.tokens <= 440
    assert "Tomas Brel" in {a.speaker for a in found}
    assert any("file-7" in r.getMessage() for r in caplog.records)
    docs = list(parse_many([OPENING, text], nlp=cast(Language, parser)))
    assert [d.text for d in docs] == [OPENING, text[:budget_end(text, 400)]]


def test_is_cue_reads_no_sentence_for_a_word_that_is_no_cue(nlp: Language, monkeypatch: pytest.MonkeyPatch) -> None:
    read: list[str] = []
    real = quote_rules._sentence_like

    def counted(sent: object) -> bool:
        read.append(str(sent))
        return real(sent)  # type: ignore[arg-type]

    monkeypatch.setattr(quote_rules, "_sentence_like", counted)
    doc = nlp("The ferry left the harbour at noon. Gulls followed it out past the quay.")
    assert [t.text for t in doc if quote_rules.is_cue(t)] == []
    assert read == []
    said = nlp("The captain said the quay was short.")
    assert [t.text for t in said if quote_rules.is_cue(t)] == ["said"]
    assert read == ["The captain said the quay was short."]
