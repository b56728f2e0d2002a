"""The one a clip or picture shows saying something ("footage of Ola Berg saying ..."): the speaker, not the clip."""

from __future__ import annotations

from spacy.tokens import Token

from bot.nlp.quote_cues import words

# what shows someone speaking: "footage of", "a clip of"; "shows", "features", "airs" someone
MEDIA_NOUNS = words("""footage clip clips video videos recording recordings film films image images picture pictures
    photo photos audio tape tapes excerpt excerpts scene scenes shot shots sound soundbite advert ad""")
SHOWING_VERBS = words("show feature air play depict capture include")


def shown_speaker(tok: Token) -> Token | None:
    """The name right before a participle of saying (``tok``: "saying", "telling") that a clip or picture shows:
    the pronoun-free name's head in "footage of Ola Berg saying", "a clip of Ola Berg telling", "features Ola Berg
    saying"; None for any other participle."""
    if tok.tag_ != "VBG" or tok.i == 0:
        return None
    if tok.dep_ in ("pobj", "pcomp") and tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in MEDIA_NOUNS:
        # "footage of Ola Berg saying" parsed with the participle as the object of "of", the name its subject
        return next((c for c in tok.children if c.dep_ == "nsubj" and c.pos_ == "PROPN" and c.i == tok.i - 1), None)
    name = tok.doc[tok.i - 1]
    if name.pos_ != "PROPN":
        return None
    while name.dep_ in ("compound", "flat") and name.head.i > name.i and name.head.i < tok.i:
        name = name.head
    head = name.head
    if name.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in MEDIA_NOUNS:
        return name
    if name.dep_ == "dobj" and head.pos_ == "VERB" and head.lemma_.lower() in SHOWING_VERBS:
        return name
    return None


def shown_saying(tok: Token, speech_verbs: frozenset[str]) -> tuple[Token, Token] | None:
    """In "The spot concludes with footage of Ola Berg saying, “...”" the parse hangs the quotation on the main verb
    (``tok``); the participle after it and the name it shows say it: (participle, name), else None."""
    for c in tok.subtree:
        if c.i <= tok.i or c.tag_ != "VBG" or c.lemma_.lower() not in speech_verbs:
            continue
        path = [c, *(a for a in c.ancestors if a.i != tok.i and tok in a.ancestors)]
        if all(t.dep_ in ("advcl", "prep", "pobj", "pcomp") for t in path):  # hung on the verb, not inside what it says
            name = shown_speaker(c)
            if name is not None:
                return c, name
    return None


__all__ = ["MEDIA_NOUNS", "SHOWING_VERBS", "shown_saying", "shown_speaker"]
