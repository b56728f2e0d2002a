"""Institutions in a speaker's phrase: people named by where they work, and an earlier, fuller name of one."""

from __future__ import annotations

from spacy.tokens import Token

from bot.nlp.quote_cues import INSTITUTION_NOUNS, PASSING_ADJECTIVES


def named_institution(head: Token) -> bool:
    """"Economists at the Lisport Institute": people named by the institution they work at, which a proper noun
    names (a place, "officials in Brellton", does not name them)."""
    return any(c.dep_ == "prep" and g.dep_ == "pobj" and g.pos_ == "PROPN" and g.ent_type_ not in ("GPE", "LOC", "NORP")
               for c in head.children for g in c.children)


def fuller_mention(head: Token) -> str | None:
    """The one fuller name an earlier sentence gave the same institution noun ("central bank" for a later "the
    bank"): its lower-case adjectives and nouns, none of them only describing it ("new", "key"); None when there is
    none or two differ ("the central bank and a commercial bank")."""
    fuller: set[str] = set()
    if head.lower_ not in INSTITUTION_NOUNS:
        return None
    for tok in head.doc[: head.sent.start]:
        if tok.lower_ != head.lower_ or tok.pos_ != "NOUN":
            continue
        mods = [c for c in tok.lefts if c.dep_ in ("amod", "compound")]
        if not mods:
            continue
        toks = tok.doc[min(m.left_edge.i for m in mods) : tok.i + 1]
        if all(t.pos_ in ("ADJ", "NOUN") and t.is_alpha and t.text.islower() and t.lower_ not in PASSING_ADJECTIVES
               for t in toks):
            fuller.add(toks.text)
    return fuller.pop() if len(fuller) == 1 else None


TEAM_NOUNS = frozenset(("side", "team", "club", "outfit"))


def team_by_place(head: Token) -> str | None:
    """The team an earlier sentence named in full for "the Bucharest side" ("Dinamo Bucharest": a name of two
    words or more that ends with the place word before the team noun); None when there is none or two differ."""
    if head.lower_ not in TEAM_NOUNS or head.i == 0:
        return None
    place = head.doc[head.i - 1]
    if not place.text[:1].isupper() or place.dep_ not in ("compound", "amod") or (
            place.pos_ != "PROPN" and not place.ent_type_):  # "the Bucharest side" tags "Bucharest" an adjective
        return None
    names: set[str] = set()
    for tok in head.doc[: head.sent.end]:
        if tok.text != place.text or tok.i == place.i or tok.i == 0:
            continue
        left = tok.i
        while left > 0 and tok.doc[left - 1].pos_ == "PROPN" and tok.doc[left - 1].text[:1].isupper():
            left -= 1
        if left < tok.i:
            names.add(tok.doc[left : tok.i + 1].text)
    return names.pop() if len(names) == 1 else None
