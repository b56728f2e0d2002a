"""Repairs to spaCy's reading of speaker names: "Sr." one token, a suffix ending a sentence, two joined names
(also with a role read as a verb, or "according to" a pair read as the sentence's root)."""

from __future__ import annotations

from itertools import pairwise

from spacy.attrs import ORTH
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Token

from bot.nlp.quote_cues import HONORIFICS

_SUFFIXES = ("Jr.", "Sr.")  # spaCy's English tokenizer keeps "Jr." whole but splits "Sr." into "Sr" and "."
_NAME_WORDS = 4  # how far back a repeated surname is looked for ("Martin Luther Okafor Jr. Okafor said")


def add_suffix_cases(nlp: Language) -> None:
    """Keep "Jr." and "Sr." one token: else the full stop becomes a token the parse may take for the speaker."""
    tokenizer = nlp.tokenizer
    if not isinstance(tokenizer, Tokenizer):
        raise TypeError(f"expected spaCy's rule-based tokenizer, got {type(tokenizer).__name__}")
    for suffix in _SUFFIXES:
        tokenizer.add_special_case(suffix, [{ORTH: suffix}])


def suffix_sentence_ends(doc: Doc) -> Doc:
    """A name's "Jr."/"Sr." ends the sentence when the next word starts a new one: a capitalised function word
    ("He", "The", "But") or the surname again ("... said Ada Okafor Jr. Okafor said ..."). Before the parser;
    "Okafor Jr. said" (lower case), "King Jr. Day" and "Okafor Jr. Castell said" are left to the parser."""
    for tok in doc[1:-1]:
        nxt = doc[tok.i + 1]
        if tok.text not in _SUFFIXES or not tok.whitespace_ or not doc[tok.i - 1].text[:1].isupper():
            continue
        if not nxt.is_alpha or not nxt.text[:1].isupper() or nxt.is_sent_start is not None:
            continue
        name = [t.text for t in doc[max(0, tok.i - _NAME_WORDS) : tok.i]]
        opener = nxt.lower_ in STOP_WORDS and nxt.tag_ not in ("NNP", "NNPS")
        if opener or nxt.text in name:
            nxt.is_sent_start = True
    return doc


def repair_subjects(doc: Doc) -> Doc:
    """The subject repairs after the parser, the attribute ruler and NER."""
    return suffix_subjects(joined_role_names(according_clauses(verb_roles(joined_subjects(doc)))))


def suffix_subjects(doc: Doc) -> Doc:
    """"..., said Henry Vale Sr." with the suffix, the name's head, taken for the sentence's closing punctuation:
    the subject of the verb before it when that verb has none (the name's words hang on the suffix)."""
    for tok in doc:
        verb = tok.head
        if (tok.text in _SUFFIXES and tok.dep_ == "punct" and tok.pos_ == "PROPN" and verb.i < tok.i
                and verb.pos_ == "VERB" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
                and any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in tok.lefts)):
            tok.dep_ = "nsubj"
    return doc


def joined_subjects(doc: Doc) -> Doc:
    """Two subjects of one verb joined by "and" are one subject: "Miss Ada Quist and harbour director Tomas Brell
    said", parsed with both names the subject of "said" (or the first a person's name left unattached, "dep"),
    becomes "Quist" the subject with "Brell" its conjunct, as the parse reads "Mayor Ada Quist and harbour
    director Tomas Brell"."""
    for verb in doc:
        subjects = [c for c in verb.lefts if c.dep_ == "nsubj" or (c.dep_ == "dep" and c.ent_type_ == "PERSON")]
        for first, second in pairwise(subjects):
            joiner = doc[second.left_edge.i - 1] if second.left_edge.i > 0 else None
            if (joiner is None or joiner.lower_ != "and" or joiner.dep_ != "cc" or joiner.head.i != first.i
                    or first.right_edge.i != joiner.i or first.pos_ != "PROPN" or second.pos_ != "PROPN"
                    or second.dep_ != "nsubj"):
                continue
            second.head = first
            second.dep_ = "conj"
            first.dep_ = "nsubj"
    return doc


_ROLE_WORDS = 3  # how many lower-case words may stand between "and" and the second name ("harbour director")
_OWN_SLOTS = ("nsubj", "nsubjpass", "pobj")  # where the first name already is the whole phrase's head
_BEFORE_SPEAKER = ('"', "\u201d", "'", "\u2019", ",")  # what ends a quotation right before its speaker


def _second_name(doc: Doc, joiner: int) -> tuple[list[Token], Token] | None:
    """After "and": one to three lower-case nouns or adjectives (the role), then a person's name of one to three
    capitalised proper nouns; (the role's and name's tokens before the last, the last) or None."""
    i = joiner + 1
    while i < len(doc) and i - joiner <= _ROLE_WORDS and doc[i].is_lower and doc[i].is_alpha and doc[i].pos_ in (
            "NOUN", "ADJ"):
        i += 1
    role_end = i
    while i < len(doc) and doc[i].pos_ == "PROPN" and doc[i].text[:1].isupper() and i - role_end < 3:
        i += 1
    if role_end == joiner + 1 or i == role_end or (i < len(doc) and doc[i].pos_ == "PROPN"):
        return None
    last = doc[i - 1]
    return (list(doc[joiner + 1 : last.i]), last) if last.ent_type_ == "PERSON" else None


def _subjectless_verb(doc: Doc, i: int) -> Token | None:
    """The verb at ``i`` when it has no subject of its own, else None."""
    if i >= len(doc) or doc[i].pos_ != "VERB" or any(c.dep_ in ("nsubj", "nsubjpass") for c in doc[i].children):
        return None
    return doc[i]


def joined_role_names(doc: Doc) -> Doc:
    """A person's name, "and", a lower-case role and another person's name are one phrase with two members:
    "Dame Ada Quist and harbour director Tomas Brell" parsed with "Quist" a modifier of "Brell", "director" the
    conjunct and "Brell" another subject, both names objects of "according to", or "Quist" the object of the
    quotation's verb ("'...,' Miss Ada Quist and ferry captain Tomas Brell said") becomes the parse of "Mayor Ada
    Quist and harbour director Tomas Brell": the first name heads the phrase where it stood (or where the second
    did, when the first modified it or ended a quotation), the role's words hang on the second name, and the
    second name is the first's conjunct. "Ada Quist or ..." and "Ada Quist and harbour staff" are left alone."""
    for joiner in doc[1:-1]:
        first = doc[joiner.i - 1]
        if joiner.lower_ != "and" or joiner.dep_ != "cc" or any(joiner.children):
            continue
        found = _second_name(doc, joiner.i)
        if found is None or not _person(first):
            continue
        chunk, second = found
        if (second.head.i in (first.i, second.i) or any(t.is_ancestor(second) for t in [first, *chunk])
                or any(t.is_ancestor(first) for t in chunk) or first.sent.start != second.sent.start):
            continue  # already joined, a sentence's root, or a parse the moves below would loop
        if second.is_ancestor(first):
            first.head, first.dep_ = second.head, second.dep_
        elif first.dep_ not in _OWN_SLOTS:
            before = doc[first.left_edge.i - 1] if first.left_edge.i > 0 else None
            if before is None or before.text not in _BEFORE_SPEAKER or first.head.i > first.i:
                continue
            verb = _subjectless_verb(doc, second.i + 1) if second.dep_ == "conj" else None
            if second.dep_ != "nsubj" and verb is None:
                continue
            # "'...,' Ms Ada Quist and engineer Tomas Brell said" with both names conjuncts of the quoted verb: the
            # subject of "said"
            first.head, first.dep_ = (second.head, second.dep_) if verb is None else (verb, "nsubj")
        outer = second.head
        for tok in chunk:
            tok.head, tok.dep_ = second, "compound"
        for tok in [c for c in second.rights if c.dep_ == "punct"]:
            tok.head = outer  # "According to ... Tomas Brell, the ferry ...": the comma is no part of the name
        second.head, second.dep_ = first, "conj"
        joiner.head = first
    return doc


def _person(tok: Token) -> bool:
    """Whether the proper noun ends a person's name: tagged a person, or after an honorific ("Ms Ines Varga",
    which NER may tag an organisation)."""
    if tok.pos_ != "PROPN":
        return False
    left = tok.i
    while left > 0 and tok.i - left < 3 and tok.doc[left - 1].pos_ == "PROPN":
        left -= 1
    return tok.ent_type_ == "PERSON" or (left < tok.i and tok.doc[left].lower_ in HONORIFICS)


_CLAUSE_DEPS = ("relcl", "ccomp", "acl", "advcl", "conj", "parataxis")


def _person_after(doc: Doc, i: int) -> Token | None:
    """The last word of a person's name of one to three capitalised proper nouns starting at ``i``, or None."""
    j = i
    while j < len(doc) and j - i < 3 and doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper():
        j += 1
    if j == i or (j < len(doc) and doc[j].pos_ == "PROPN") or doc[j - 1].ent_type_ != "PERSON":
        return None
    return doc[j - 1]


def verb_roles(doc: Doc) -> Doc:
    """A role the tagger read as a verb between two people's names ("Ms Ada Quist and engineer Tomas Brell",
    "and pilot Tomas Brell": "engineer" a verb with "Brell" its object) is a noun modifying the second name, which
    takes the verb's place in the parse; `joined_role_names` then joins the two. A base-form verb only, right after
    a person's name and "and", with no subject and nothing but the name below it, not coordinated with the verb
    whose object the first name is, directly or after a preposition ("would call Ada Quist and thank Tomas Brell",
    "write to Ada Quist and thank Tomas Brell": `_object_of`)."""
    for word in doc[2:-1]:
        joiner, first = doc[word.i - 1], doc[word.i - 2]
        if (word.tag_ not in ("VB", "VBP") or not word.is_lower or not word.is_alpha or joiner.lower_ != "and"
                or not _person(first)):
            continue
        second = _person_after(doc, word.i + 1)
        if second is None or _object_of(first, word.head):
            continue
        name = range(word.i + 1, second.i + 1)
        if any(c.i not in name and not c.is_punct for c in word.children) or word.is_ancestor(first):
            continue
        if word.is_ancestor(second):
            second.head, second.dep_ = (second if word.head.i == word.i else word.head), word.dep_
        for child in [c for c in word.children if c.i not in name]:
            child.head = second
        word.head, word.dep_ = second, "compound"
        word.pos_, word.tag_ = "NOUN", "NN"
    return doc


def _object_of(name: Token, verb: Token) -> bool:
    """Whether ``name`` is the object of ``verb``, directly or through a preposition and its noun ("call Ada
    Quist", "write to Ada Quist", "send flowers to Ada Quist"); never through "according to"."""
    tok = name
    while tok.dep_ in ("dobj", "dative", "pobj", "prep") and tok.head.i != tok.i and tok.lower_ != "according":
        if tok.head.i == verb.i:
            return verb.lower_ != "according"
        tok = tok.head
    return False


def according_clauses(doc: Doc) -> Doc:
    """"According to Miss Ada Quist and ferry captain Tomas Brell, the pier will be finished in May" parsed with a
    name (or "According") the sentence's root and the clause after the comma a clause of that name: the clause,
    which has a subject of its own, becomes the root, with "according to ..." and the comma hung on it, and a
    second name that was the root the first's conjunct, as when the parse gets it right."""
    for according in doc[:-2]:
        to = doc[according.i + 1]
        if according.lower_ != "according" or to.lower_ != "to":
            continue
        objects = [c for c in to.children if c.dep_ == "pobj" and c.i > to.i]
        comma = next((t for t in doc[to.i + 1 : according.sent.end] if t.text == ","), None)
        if not objects or comma is None:
            continue
        inside = range(according.i, comma.i)
        clause = next((t for t in doc[comma.i + 1 : according.sent.end] if t.head.i in inside
                       and t.dep_ in _CLAUSE_DEPS and t.pos_ in ("VERB", "AUX")
                       and any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in t.children)), None)
        root = according.sent.root
        if clause is None or root.i not in inside:
            continue
        first = objects[0]
        if root.i != according.i and not (root.i > first.i and root.pos_ == "PROPN" and any(
                t.lower_ == "and" for t in doc[first.i + 1 : root.i])):
            continue  # only "According" or a second name after "and" as the root
        clause.head, clause.dep_ = clause, "ROOT"
        according.head, according.dep_ = clause, "prep"
        comma.head, comma.dep_ = clause, "punct"
        for tok in [c for c in root.children if c.i > comma.i]:
            tok.head = clause  # the sentence's full stop
        if root.i != according.i:
            root.head, root.dep_ = first, "conj"
    return doc
