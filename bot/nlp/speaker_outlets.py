"""The outlet a statement was made to ("told BBC News", "told the Observer", "in an interview with the FT")."""

from __future__ import annotations

from spacy.tokens import Token

from bot.nlp.quote_cues import DETERMINERS, HONORIFICS, words

_MEDIA_NOUNS = words("remark remarks comment comments interview statement statements")
# the last word of many newspapers' names ("the Observer", "the Valmont Herald"), NER's tag or not
_PAPER_WORDS = words("""observer guardian times telegraph post journal herald tribune gazette chronicle independent
    mirror sun express mail standard courier echo examiner inquirer globe mercury argus advertiser dispatch""")
_PAPER_NOUNS = words("newspaper paper daily weekly")
# bodies that hear what is told them and print nothing ("told the Court", "told the Post Office")
_HEARERS = words("court council committee commission parliament senate congress assembly ministry department office "
                 "police tribunal inquiry board panel")
# papers whose name goes on with "on Sunday", which NER reads as a day ("The Mail on Sunday", "The Independent on
# Sunday")
SUNDAY_PAPERS = words("mail independent")
# the people of an outlet who interview ("told Valmont Radio reporter Ann Lee"): the outlet is the route, the person
# only the interviewer
_INTERVIEWERS = words("reporter correspondent anchor anchorman anchorwoman host presenter interviewer journalist "
                      "editor columnist")


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
        if child.dep_ not in ("dobj", "dative") or cue.lemma_ != "tell":
            continue
        interviewer = interviewers_outlet(child)
        if interviewer:  # "told Bloomberg reporter Ann Lee", "told the Valmont Post's Ann Lee"
            return interviewer
        paper = newspaper(child) if child.ent_type_ != "ORG" else ""
        if paper:  # "told the Observer", which NER leaves untagged
            return paper
        if (child.ent_type_ == "ORG" and child.lower_ not in _HEARERS) or (
                child.pos_ == "PROPN" and sunday_first(child.text, child) != child.text):
            # "told the Sunday Telegraph", which NER leaves untagged; not "told the Court" (heard, not printed)
            return _outlet_name(child)
    return ""


def interviewers_outlet(person: Token) -> str:
    """The outlet of the interviewer ``person`` names: "Valmont Radio" of "Valmont Radio reporter Ann Lee" (an
    interviewer's word before the name) or of "Valmont Radio's Ann Lee" (an outlet's possessive), else ""."""
    if person.ent_type_ != "PERSON" and person.lower_ not in _INTERVIEWERS:
        return ""
    heads = [person, *(c for c in person.children if c.dep_ == "compound" and c.lower_ in _INTERVIEWERS)]
    for head in heads:
        for c in head.children:
            if c.dep_ == "poss":
                outlet = _outlet(c)
            elif c.dep_ == "compound" and head.lower_ in _INTERVIEWERS and c.pos_ == "PROPN":
                outlet = _outlet(c) or _name_before(c)  # "Bloomberg reporter", NER's tag or none
            else:
                outlet = ""
            if outlet:
                return outlet
    return ""


def _name_before(tok: Token) -> str:
    """The capitalised words of a name ending at ``tok``, without "the": "Valmont Radio"."""
    toks = [t for t in tok.doc[tok.left_edge.i : tok.i + 1] if t.lower_ not in DETERMINERS]
    return " ".join(t.text for t in toks) if all(t.text[:1].isupper() for t in toks) else ""


def _outlet(tok: Token) -> str:
    """The outlet ``tok`` names ("the Valmont Post", "CNN"), not a body that hears ("the council"), else ""."""
    paper = newspaper(tok)
    if paper:
        return paper
    if tok.ent_type_ == "ORG" and tok.pos_ == "PROPN" and tok.lower_ not in _HEARERS:
        return _outlet_name(tok)
    return ""


def newspaper(tok: Token) -> str:
    """The name of the newspaper ``tok`` heads, else "": "the Observer", "the Valmont Herald", "the Observer
    newspaper" (a capitalised paper's word after "the", NER's tag or none)."""
    the = tok.left_edge
    if tok.lower_ in _PAPER_NOUNS:
        tok = next((c for c in tok.children if c.dep_ == "compound" and c.text[:1].isupper()), tok)
    if tok.lower_ not in _PAPER_WORDS or not tok.text[:1].isupper() or the.lower_ != "the":
        return ""
    doc = tok.doc
    first = tok.i
    while first - 1 > the.i and doc[first - 1].text[:1].isupper() and doc[first - 1].pos_ != "PUNCT":
        first -= 1
    return sunday_first(with_sunday(" ".join(t.text for t in doc[first : tok.i + 1]), tok), doc[first])


def _outlet_name(tok: Token) -> str:
    """The whole name of the outlet a word of it belongs to ("BBC News" for "News", "Associated Press" for
    "Press"), without "the" or a possessive mark; the word alone when no entity holds it."""
    ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
    if ent is None:
        return sunday_first(with_sunday(tok.text, tok), tok)
    toks = [t for t in ent if t.dep_ != "case" and t.text not in ("’s", "'s")]
    while toks and toks[0].lower_ in DETERMINERS:
        toks = toks[1:]
    stop = next((k for k, t in enumerate(toks) if t.i > tok.i and t.is_punct), len(toks))
    toks = toks[:stop]  # "told the Palm Beach Post: 'I ...", the entity running on over the colon into the quotation
    while toks and toks[-1].i > tok.i and toks[-1].lower_ in HONORIFICS:
        toks = toks[:-1]  # "told the Sunday Times Mr Hale would ...", the entity running on into the name
    if not toks:
        return tok.text
    return sunday_first(with_sunday(" ".join(t.text for t in toks), toks[-1]), toks[0])
