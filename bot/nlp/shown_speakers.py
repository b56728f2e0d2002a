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


__all__ = ["MEDIA_NOUNS", "SHOWING_VERBS", "shown_speaker"]
