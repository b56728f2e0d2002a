"""Cross-outlet repeats told by grammar: the same subject doing the same thing to the same object, in other words."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.nlp.terms import english_stop_words

if TYPE_CHECKING:  # spaCy is imported when a sentence is first parsed, not with the summariser
    from spacy.tokens import Doc, Token

Parse = Callable[[str], "Doc"]

# reporting verbs: "Officials said the bridge would close" is about the bridge closing, so the clause they report is
# read instead (twice at most: "said it confirmed that ...")
_REPORTING = frozenset(["say", "tell", "announce", "report", "state", "add", "claim", "confirm", "write", "tweet"])
# what a verb does it to: its object, complement, prepositional phrase, clause or adverbial noun
_OBJECTS = frozenset(["dobj", "attr", "acomp", "oprd", "xcomp", "ccomp", "agent", "dative", "npadvmod", "advcl",
                      "prep"])
_SUBJECTS = ("nsubj", "nsubjpass")


@dataclass(frozen=True, slots=True)
class Clause:
    """A sentence's main clause: the lemma of its subject's head, of its verb, and its objects' content lemmas."""

    subject: str
    verb: str
    objects: frozenset[str]

    def repeats(self, other: Clause) -> bool:
        """The same subject and verb, and a content word shared by their objects: one statement twice."""
        return self.subject == other.subject and self.verb == other.verb and bool(self.objects & other.objects)


def main_clause(doc: Doc) -> Clause | None:
    """The main clause of ``doc``'s first sentence (a reported clause for a reporting verb's), or None when it has
    no verb with a named subject: a pronoun or function word there ("He said", "It was") says nothing of who."""
    sentences = list(doc.sents)
    if not sentences:
        return None
    root = sentences[0].root
    for _ in range(2):
        reported = [c for c in root.children if c.dep_ == "ccomp"]
        if root.lemma_.lower() not in _REPORTING or not reported:
            break
        root = reported[0]
    subjects = [c for c in root.children if c.dep_ in _SUBJECTS]
    stop = english_stop_words()
    if not subjects or root.pos_ not in ("VERB", "AUX"):
        return None
    head = subjects[0]
    if head.pos_ in ("PRON", "DET") or head.lower_ in stop:
        return None
    objects = frozenset(word for child in root.children if child.dep_ in _OBJECTS for word in _content(child, stop))
    return Clause(head.lemma_.lower(), root.lemma_.lower(), objects)


def _content(child: Token, stop: frozenset[str]) -> list[str]:
    """Lemmas of the content words under ``child``."""
    return [w.lemma_.lower() for w in child.subtree if w.is_alpha and w.lower_ not in stop]


def parse_english(text: str) -> Doc:
    """``text`` parsed by the English spaCy pipeline quote finding uses (``bot/nlp/quotes.py``), loaded once."""
    from bot.nlp.quotes import load_pipeline

    return load_pipeline()(text)


class ClauseReader:
    """``main_clause`` of sentences by their text, each parsed once while the reader lives (one summary's)."""

    def __init__(self, parse: Parse) -> None:
        self._parse = parse
        self._seen: dict[str, Clause | None] = {}

    def clause(self, text: str) -> Clause | None:
        if text not in self._seen:
            self._seen[text] = main_clause(self._parse(text))
        return self._seen[text]
