"""Speaker phrases naming several speakers at once ("Trump and Clinton said"): the parts and how to join them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.nlp.quote_cues import DETERMINERS, HONORIFICS, TITLES

if TYPE_CHECKING:  # the rules for other languages use joint_name/joint_role without loading spaCy
    from spacy.tokens import Doc, Span, Token

# Labels under which "A and B" is one name ("Marks and Spencer" tagged whole): never split.
_ONE_NAME_LABELS = ("ORG", "FAC", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW")
_LEADING_SKIP = ("preconj", "cc", "punct", "det")  # "Both Mr. King", "and Mr. Schultz"


@dataclass(frozen=True, slots=True)
class Member:
    """One named speaker of a joint phrase: its characters and the token its name ends with."""

    start: int
    end: int
    head: int


def _listed_appositive(head: Token) -> Token | None:
    """"Hanna Moe, Erik Sand and Pia Strand" parsed with "Sand" an apposition of "Moe" and "Strand" its conjunct:
    the apposition, a proper noun right after a comma with a conjunct of its own; else None."""
    for child in head.rights:
        if (child.dep_ == "appos" and child.pos_ == "PROPN" and child.left_edge.i > 0
                and child.doc[child.left_edge.i - 1].text == "," and any(c.dep_ == "conj" for c in child.children)):
            return child
    return None


def _chain(head: Token) -> list[Token]:
    """The head and every conjunct hanging on it (or on a list's apposition), in text order."""
    listed = _listed_appositive(head)
    out = [head] if listed is None else [head, listed]
    todo = list(out)
    while todo:
        tok = todo.pop()
        for child in tok.children:
            if child.dep_ == "conj":
                out.append(child)
                todo.append(child)
    return sorted(out, key=lambda t: t.i)


def _extent(tok: Token, start: int) -> tuple[Token, Token]:
    """First and last token of one conjunct: its left modifiers ("Mr.", "Senator") through its flat name, from
    character ``start`` on (a quotation the parse hung on the name is no part of it)."""
    left = tok.left_edge
    while left.i < tok.i and (left.dep_ in _LEADING_SKIP or left.idx < start):
        left = left.doc[left.i + 1]
    right = tok
    for child in tok.rights:
        if child.dep_ not in ("compound", "flat"):
            break
        right = child.right_edge
    return left, right


def _name_after_title(left: Token, right: Token, chain: set[int], end: int) -> Token:
    """The last token of a member that is a bare title in the parse ("Deputy Attorney General" as the conjunct,
    "Sara Vance" hung elsewhere): the capitalised proper nouns right after it, else ``right`` itself."""
    doc = right.doc
    if any(t.ent_type_ for t in doc[left.i : right.i + 1]):
        return right
    last = right
    while (last.i + 1 < len(doc) and (nxt := doc[last.i + 1]).pos_ == "PROPN" and nxt.text[:1].isupper()
           and nxt.i not in chain and nxt.idx + len(nxt.text) <= end):
        last = nxt
    return last if last.i > right.i and last.ent_type_ == "PERSON" else right


def _chain_members(head: Token, start: int, end: int) -> list[Member] | None:
    """Members of "A and B" parsed as a head with its conjuncts ("Trump" with "Clinton" as conj)."""
    chain = _chain(head)
    if len(chain) < 2:
        return None
    joiners = [c for t in chain for c in t.children if c.dep_ == "cc"]
    if not joiners or any(c.lower_ != "and" for c in joiners):
        return None
    members: list[Member] = []
    for tok in chain:
        if tok.pos_ != "PROPN":
            return None
        left, right = _extent(tok, start)
        name_end = _name_after_title(left, right, {t.i for t in chain}, end)
        head_index = tok.i if name_end.i == right.i else name_end.i
        members.append(Member(left.idx, name_end.idx + len(name_end.text), head_index))
    return members


def _proper(tokens: Span) -> bool:
    """Capitalised proper nouns, with "of" inside a title ("Secretary of State Lars Holm")."""
    return bool(len(tokens)) and all((t.pos_ == "PROPN" and t.text[:1].isupper()) or t.lower_ == "of"
                                     for t in tokens) and tokens[-1].pos_ == "PROPN"


def _modifier_members(head: Token, start: int) -> list[Member] | None:
    """Members of "Mayor A and Deputy Mayor B" parsed with the first name modifying the second ("Vartan" nmod of
    "Lind"), "and" hanging on the first name and the second title its conjunct or no one's: the proper nouns from
    the phrase's start through the first name, then those after "and" through the head."""
    doc = head.doc
    first = head.left_edge
    while first.i < head.i and (first.idx < start or first.dep_ in _LEADING_SKIP):
        first = doc[first.i + 1]
    for mod in doc[first.i : head.i]:
        if mod.pos_ != "PROPN" or not head.is_ancestor(mod):
            continue
        joiners = [c for c in mod.children if c.dep_ == "cc"]
        conjs = [c for c in mod.children if c.dep_ == "conj"]
        if len(joiners) != 1 or joiners[0].lower_ != "and" or len(conjs) > 1:
            continue
        joiner = joiners[0]
        if joiner.i != mod.i + 1 or any(not joiner.i < c.i < head.i for c in conjs):
            continue
        if not _proper(doc[first.i : mod.i + 1]) or not _proper(doc[joiner.i + 1 : head.i + 1]):
            return None
        return [Member(first.idx, mod.idx + len(mod.text), mod.i),
                Member(doc[joiner.i + 1].idx, head.idx + len(head.text), head.i)]
    return None


def _flat_members(doc: Doc, head: Token, start: int) -> list[Member] | None:
    """Members of a phrase the parse left flat or scattered ("Attorney General Mira Holt and Deputy Attorney
    General Sara Vance" with "Holt" hung on the quotation before it): capitalised proper nouns from ``start``
    through the head, split at "and", each part ending in a person's name."""
    span = doc.char_span(start, head.idx + len(head.text), alignment_mode="expand")
    if span is None:
        return None
    joiners = [t for t in span if t.lower_ == "and"]
    if len(joiners) != 1:
        return None
    parts = [doc[span.start : joiners[0].i], doc[joiners[0].i + 1 : head.i + 1]]
    if not all(_proper(p) and p[-1].ent_type_ == "PERSON" for p in parts):
        return None
    return [Member(p[0].idx, p[-1].idx + len(p[-1].text), p[-1].i) for p in parts]


def joint_members(doc: Doc, head_index: int, start: int, end: int) -> list[Member]:
    """The named speakers of a phrase joined by "and" inside characters [start, end), two or more; else none.
    Every part must be a proper name ("Trump and his aides" is left to the single-speaker rules), the
    joining words must all be "and" ("Procter & Gamble", "Trump or Clinton" stay whole), and no organisation
    tagged as one entity may span two parts ("Marks and Spencer" when tagged whole)."""
    head = doc[head_index]
    members = _chain_members(head, start, end) or _modifier_members(head, start) or _flat_members(doc, head, start)
    if not members or any(m.start < start or m.end > end for m in members):
        return []
    for ent in doc.ents:
        if ent.label_ in _ONE_NAME_LABELS and sum(ent.start <= m.head < ent.end for m in members) >= 2:
            return []
    return members


def joint_name(names: list[str]) -> str:
    """"A and B", "A, B and C"."""
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def joint_role(roles: list[str | None]) -> str | None:
    """The role of a joint speaker from its members' roles: a plural role only the first member has ("Senators
    Angus King and Tim Kaine"), or each in order when every member has one; else none ("Mayor Ines Vartan and
    Tom Ode": the mayor is one of them). Honorifics (``HONORIFICS``: "Mr.", "Miss", "Sir", "Dame") are no role here,
    as for one speaker."""
    kept = [r if r and r.lower() not in HONORIFICS else None for r in roles]
    first = kept[0]
    if first and not any(kept[1:]):
        last = first.split()[-1].lower()
        return first if last.endswith("s") and not last.endswith("ss") else None
    if all(kept):
        distinct = list(dict.fromkeys(r for r in kept if r))
        return ", ".join(distinct)
    return None


@dataclass(frozen=True, slots=True)
class Listed:
    """A person named last in a list of roles: the phrase's end, the name's tokens and the person's own role."""

    end: int
    name: Span
    role: str | None


_ROLE_LIST_POS = ("DET", "NOUN", "ADJ", "PUNCT", "NUM")


def listed_person(doc: Doc, head_index: int, start: int) -> Listed | None:
    """"The mayor, the harbour director and Oskar Lind said": the person the list of roles ends with (the roles
    before "and" are other people, unnamed, as in "The mayor and Oskar Lind"), with the words between "and" and
    the name as their role ("and engineer Oskar Lind"); None unless the phrase headed by a common noun is such a
    list, with a comma, one "and", no other name and no clause."""
    head = doc[head_index]
    if head.pos_ != "NOUN":
        return None
    last = head.right_edge
    while last.i > head.i and last.is_punct:
        last = doc[last.i - 1]
    phrase = [t for t in doc[head.left_edge.i : last.i + 1] if t.idx >= start]
    joiners = [t for t in phrase if t.lower_ == "and"]
    if len(joiners) != 1 or not any(t.text == "," and t.i < joiners[0].i for t in phrase):
        return None
    joiner = joiners[0]
    if not all((t.pos_ in _ROLE_LIST_POS and not (t.text[:1].isupper() and t.i > phrase[0].i)) or t.tag_ == "PRP$"
               for t in phrase if t.i < joiner.i):
        return None  # "The mayor, who ..., and X", "The mayor, Tove Aune and X"
    names = [e for e in doc.ents if e.start > joiner.i and e.end - 1 == last.i and e.label_ == "PERSON"]
    if not names:
        return None
    name = names[0]
    between = doc[joiner.i + 1 : name.start]
    if len(between) > 4 or not all(t.is_alpha and (t.is_lower or t.lower_ in TITLES) for t in between):
        return None
    kept = [t.text for t in between if t.lower_ not in DETERMINERS]
    role = " ".join(kept) or None
    return Listed(last.idx + len(last.text), name, role)
