"""Reading a speaker phrase's parts: its determiners, the name entity inside it, a description in apposition."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from bot.nlp.article_names import NAME_LABELS, with_given
from bot.nlp.name_particles import with_particles
from bot.nlp.nicknames import with_nickname
from bot.nlp.quote_cues import DETERMINERS, demonym
from bot.nlp.speaker_owners import back_owners, owned_word, possessive_free, title_owner


def strip_det(text: str) -> str:
    """The text without its leading determiners ("the", "a", "this")."""
    words = text.split()
    while words and words[0].lower() in DETERMINERS:
        words = words[1:]
    return " ".join(words)


def apposed_role(head: Token) -> str | None:
    """The description in apposition to the name ("Rep. Jim Jordan, an oversight panel member,"), if any; an age
    ("Mr Ebbers, 63,") is none."""
    role = None
    for child in head.children:
        if child.dep_ == "appos" and child.pos_ != "PROPN" and not (child.like_num and not any(child.children)):
            role = strip_det(" ".join(t.text for t in child.subtree)).strip(" ,")
    return role


def abbreviated(word: str) -> bool:
    """"Gen.", "Sen.", "Mr": a title no organisation's name starts with."""
    return word.endswith(".") or word.lower() in ("mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen")


def entity_in(ents: Sequence[Span], start: int, end: int, head: int) -> Span | None:
    """The named entity of ``ents`` (the doc's, read once) inside the speaker span: people first, then the one
    holding the phrase's head ("harbour master Oskar Lind", where NER also tags "harbour master" as a person), then
    the longest."""
    inside = [e for e in ents if e.start_char >= start and e.end_char <= end and e.label_ in NAME_LABELS
              and not title_owner(e)  # "a new book, Brown's Britain": Brown does not speak
              and not owned_word(e)]  # "the Dockers' Guild" with "Guild" tagged a person
    if not inside:
        return None
    inside.sort(key=lambda e: (e.label_ == "PERSON", e.label_ == "PERSON" and e.start <= head < e.end,
                               len(e.text)), reverse=True)
    return with_given(with_particles(with_nickname(inside[0], start, end), start), start)


def conjunct_of(tok: Token, head: int) -> bool:
    """Whether ``tok`` is a conjunct of the token ``head``, directly or along a list ("A, B and C")."""
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
        if tok.i == head:
            return True
    return False


def member_start(ent: Span, start: int, head: int) -> int:
    """Where the name's own part of the phrase starts: after "The mayor and" when the name is a conjunct of
    the phrase's head before it ("The mayor and harbour director Oskar Lind said": "harbour director" is
    Lind's role, "mayor" another person's; not "Minister for Trade and Industry Oskar Lind"), else ``start``."""
    root = ent.root
    if head >= ent.start or not conjunct_of(root, head):
        return start
    doc = ent.doc
    left = root.left_edge
    while left.i < ent.start and left.dep_ in ("cc", "punct", "det", "preconj"):
        left = doc[left.i + 1]
    return max(start, left.idx)


def describe(doc: Doc, span: tuple[int, int], written: str, head: Token) -> str:
    """Speaker phrase with "Russia's" turned into "Russian" (the phrase's own tokens, those inside ``span``)."""
    words: list[str] = []
    kept = -1  # the last token kept: a token written right after it joins its word
    owners = back_owners(head)
    for tok in doc[head.left_edge.i : head.right_edge.i + 1]:
        if (tok.dep_ in ("relcl", "acl") or tok.tag_ in ("WP", "WDT")) and tok.i > head.i:
            break
        if tok.text in ("’s", "'s") or tok.i in owners or not (span[0] <= tok.idx < span[1]):
            continue
        if tok.tag_ == "POS" and words:  # "the farmers' union": the apostrophe stays on its word
            words[-1] += tok.text
            continue
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if nxt is not None and nxt.text in ("’s", "'s") and tok.ent_type_ == "GPE":
            words.append(demonym(tok.text))
        elif words and kept == tok.i - 1 and not doc[kept].whitespace_:
            words[-1] += tok.text  # "36-year-old" as written, not "36 - year - old"
        else:
            words.append(tok.text)
        kept = tok.i
    phrase = " ".join(words)
    return phrase if phrase and written.startswith(phrase.split()[0][:2]) else possessive_free(written)
