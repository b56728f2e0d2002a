"""The characters of a speaker phrase: its head with the names, conjuncts and phrases that belong to it."""

from __future__ import annotations

from spacy.tokens import Token

from bot.nlp.quote_content import speaker_start


def _name_list_after(tok: Token, comma: Token) -> bool:
    """"Ana Roy, Tom Ode and Eva Lim": names only, the next one starting right after the comma."""
    conjs = [d for d in tok.rights if d.dep_ == "conj"]
    return (tok.pos_ == "PROPN" and bool(conjs) and all(d.pos_ == "PROPN" for d in conjs)
            and any(d.left_edge.i == comma.i + 1 for d in conjs))


def _named_appositive(tok: Token) -> bool:
    return tok.dep_ == "appos" and tok.pos_ == "PROPN"


def _said_of(tok: Token, prep: Token) -> bool:
    """"of his Instagram account" after a name: the thing spoken of, "of" before a possessive pronoun (not "the
    mayor of Lossa", "Ana Roy of the harbour board")."""
    if prep.dep_ != "prep" or prep.lower_ != "of" or tok.pos_ != "PROPN":
        return False
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    return obj is not None and any(c.dep_ == "poss" and c.tag_ == "PRP$" for c in obj.children)


def _hyphened(tok: Token, part: Token) -> bool:
    """"passer-by" parsed as "passer" with the particle "by": the rest of one hyphenated word, written joined."""
    doc = tok.doc
    return (part.i > tok.i + 1 and doc[tok.i + 1].text == "-"
            and all(not doc[k].whitespace_ for k in range(tok.i, part.i)))


def speaker_span(tok: Token) -> tuple[int, int]:
    """Characters of the speaker phrase: its start (``speaker_start``) through the head, plus a flat name,
    conjuncts or a list of names ("A, B and C") after it."""
    left = speaker_start(tok)
    end_tok = tok
    rights = list(tok.rights)
    for k, c in enumerate(rights):
        if c.text == "," and k + 1 < len(rights) and _named_appositive(rights[k + 1]):
            continue  # "The bank's governor, Lena Brandt, said": the name after the comma
        if _said_of(tok, c):
            break  # "said Tomasz of his Instagram account": what the words are about, not who said them
        if c.dep_ in ("compound", "flat", "prep", "cc", "conj") or _named_appositive(c) or _hyphened(tok, c) or (
                c.text == "," and _name_list_after(tok, c)):
            end_tok = c.right_edge
        else:
            break
    return left.idx, end_tok.idx + len(end_tok.text)
