"""A person's noun with their name in apposition after it ("Her daughter, Maja, said"): the name, the noun its role."""

from __future__ import annotations

from spacy.tokens import Span, Token

from bot.nlp.speaker_owners import owned_person
from bot.nlp.speaker_titles import org_word

_ARTICLES = frozenset({"the", "a", "an"})
# "Her daughter": a possessive pronoun is no name, and reads in lower case at a sentence's start too
_POSSESSIVE_PRONOUNS = frozenset({"her", "his", "their", "its", "our", "my", "your"})


def appositive_name(head: Token, ent: Span | None) -> Span | None:
    """The name in apposition to ``head``, a person's noun (a role or a relation: ``owned_person``), when NER did
    not tag it a person ("Her daughter, Maja, said" with "Maja" an organisation or untagged): proper nouns only,
    right after a comma and closed by one, no word of an organisation's name in them ("Her employer, Acme Foods"
    stays whole), and the entity found in the phrase, if any, that name and no place. None otherwise, and for a
    person NER tagged (``Speakers._named`` reads "The mayor, Oskar Lind")."""
    if head.pos_ != "NOUN" or not owned_person(head) or (ent is not None and ent.label_ == "PERSON"):
        return None
    doc = head.doc
    for child in head.rights:
        if child.dep_ != "appos" or child.pos_ != "PROPN":
            continue
        start, end = child.left_edge.i, child.i + 1
        name = doc[start:end]
        if start < 1 or doc[start - 1].text != "," or end >= len(doc) or doc[end].text != ",":
            return None
        if any(t.pos_ != "PROPN" or org_word(t) or not t.text[:1].isupper() for t in name):
            return None
        if ent is not None and not (ent.start == start and ent.end == end and ent.label_ == "ORG"):
            return None
        return name
    return None


def appositive_role(head: Token, name: Span) -> str | None:
    """The noun's phrase before the comma as the role: no article ("The coach" -> "coach"), a possessive pronoun
    opening it in lower case ("Her daughter" -> "her daughter", as "Maja (her daughter)" reads)."""
    words = [t.text for t in head.doc[head.left_edge.i : name.start - 1]]
    while words and words[0].lower() in _ARTICLES:
        words = words[1:]
    if words and words[0].lower() in _POSSESSIVE_PRONOUNS:
        words[0] = words[0].lower()
    return " ".join(words) or None
