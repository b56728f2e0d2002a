"""The outlet a statement was made to ("told BBC News", "in an interview with the Financial Times")."""

from __future__ import annotations

from spacy.tokens import Token

from bot.nlp.quote_cues import DETERMINERS, HONORIFICS, words

_MEDIA_NOUNS = words("remark remarks comment comments interview statement statements")
# papers whose name goes on with "on Sunday", which NER reads as a day ("The Mail on Sunday", "The Independent on
# Sunday")
SUNDAY_PAPERS = words("mail independent")


def sunday_paper(tok: Token) -> bool:
    """Whether the capitalised ``tok`` is the first word of a Sunday paper's name: "Mail" of "The Mail on Sunday"."""
    doc = tok.doc
    return (tok.lower_ in SUNDAY_PAPERS and tok.text[:1].isupper() and tok.i + 2 < len(doc)
            and doc[tok.i + 1].text == "on" and doc[tok.i + 2].text == "Sunday")


def with_sunday(name: str, tok: Token) -> str:
    """``name`` with "on Sunday" after it when ``tok``, its last word, begins a Sunday paper's name."""
    return f"{name} on Sunday" if sunday_paper(tok) and name.split()[-1:] == [tok.text] else name


def sunday_first(name: str, tok: Token) -> str:
    """``name`` with "Sunday" before it when ``tok``, its first word, follows "the Sunday" ("the Sunday Telegraph"
    with "Sunday" tagged a date); not "On Sunday Hamas said"."""
    doc = tok.doc
    if tok.i >= 2 and doc[tok.i - 1].text == "Sunday" and doc[tok.i - 2].lower_ == "the" and name.split()[:1] == [
            tok.text]:
        return f"Sunday {name}"
    return name


def outlet_of(cue: Token) -> str:
    """The outlet a statement was made to: "in remarks to Izvestia", "told Izvestia"."""
    for child in cue.children:
        if child.dep_ == "prep":
            for pobj in (c for c in child.children if c.dep_ == "pobj"):
                if pobj.lower_ in _MEDIA_NOUNS:
                    for sub in pobj.subtree:
                        if sub.ent_type_ == "ORG" and sub.pos_ == "PROPN":
                            return _outlet_name(sub)
        if child.dep_ in ("dobj", "dative") and cue.lemma_ == "tell" and (
                child.ent_type_ == "ORG" or (child.pos_ == "PROPN" and sunday_first(child.text, child) != child.text)):
            # "told the Sunday Telegraph", which NER leaves untagged
            return _outlet_name(child)
    return ""


def _outlet_name(tok: Token) -> str:
    """The whole name of the outlet a word of it belongs to ("BBC News" for "News", "Associated Press" for
    "Press"), without "the" or a possessive mark; the word alone when no entity holds it."""
    ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
    if ent is None:
        return sunday_first(with_sunday(tok.text, tok), tok)
    toks = [t for t in ent if t.dep_ != "case" and t.text not in ("’s", "'s")]
    while toks and toks[0].lower_ in DETERMINERS:
        toks = toks[1:]
    while toks and toks[-1].i > tok.i and toks[-1].lower_ in HONORIFICS:
        toks = toks[:-1]  # "told the Sunday Times Mr Hale would ...", the entity running on into the name
    if not toks:
        return tok.text
    return sunday_first(with_sunday(" ".join(t.text for t in toks), toks[-1]), toks[0])
