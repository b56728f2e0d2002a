"""Owners in a speaker's phrase: a possessive's "'s", and an owner that only points back at a place named before."""

from __future__ import annotations

from spacy.tokens import Token

from bot.nlp.quote_cues import ROLE_NOUNS
from bot.nlp.speaker_titles import org_word


def possessive_free(text: str) -> str:
    """``text`` without its possessive "’s" or "'s"."""
    return text.replace("’s", "").replace("'s", "")


# owners that only point back at a place named before ("the country's central bank", "the city's mayor"): left out
# of the speaker; any other owner says whose it is and stays ("the ministry's spokesman": "ministry spokesman")
PLACE_OWNERS = frozenset({"country", "nation", "city", "state", "region", "province", "town", "island", "county",
                          "capital", "territory", "republic", "kingdom", "village", "municipality"})


def back_owners(head: Token) -> set[int]:
    """The words of an owner that refers back to a place, when the phrase names an institution or a person by role
    ("the country's central bank", "the city's mayor"): a place noun (`PLACE_OWNERS`) after "the", "this" or
    "that", in the possessive (its "’s" with it), no name in it, and before no superlative. The speaker is then
    the one the phrase names without them ("central bank", as "the central bank" is); the determiner stays, to
    open the phrase. A named owner ("Valdoria's central bank") stays, and so does any other owner ("the company's
    chief executive": "company chief executive"; "the agency's notice": "agency notice")."""
    if not (org_word(head) or head.lower_ in ROLE_NOUNS or head.lower_.rstrip("s") in ROLE_NOUNS):
        return set()
    out: set[int] = set()
    for tok in head.lefts:
        if tok.i + 2 >= len(tok.doc):
            continue
        if (tok.dep_ != "poss" or tok.tag_ != "NN" or tok.lower_ not in PLACE_OWNERS
                or tok.nbor(1).text not in ("’s", "'s") or tok.nbor(2).tag_ in ("JJS", "RBS")):
            continue  # kept: "the children's", "the prime minister's office", "the world's largest company"
        dets = [t for t in tok.children if t.dep_ == "det" and t.i < tok.i]
        words = [t for t in tok.subtree if t.i < tok.i + 2 and t not in dets]
        if dets and dets[0].lower_ in ("the", "this", "that") and not any(t.ent_type_ or t.pos_ == "PROPN"
                                                                           for t in words):
            out.update(t.i for t in words)  # not "the US stock market watchdog's chairman"
    return out
