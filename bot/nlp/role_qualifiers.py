"""The party, country or place a role states ("the Republican nominee"), and whether two roles' contradict."""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.tokens import Doc, Token

from bot.nlp.quote_cues import demonym

# A party's words, capitalised, each to the party it names ("Democrat", "Democratic": one party)
PARTIES = {
    **dict.fromkeys(("republican", "republicans", "gop"), "republican"),
    **dict.fromkeys(("democrat", "democrats", "democratic"), "democratic"),
    **dict.fromkeys(("labour", "labor"), "labour"),
    **dict.fromkeys(("conservative", "conservatives", "tory", "tories"), "conservative"),
    **dict.fromkeys(("liberal", "liberals"), "liberal"),
    **dict.fromkeys(("green", "greens"), "green"),
    "snp": "snp", "ukip": "ukip", "socialist": "socialist", "socialists": "socialist",
}
_SPLIT = re.compile(r"[\s\-‑–]+")
_ENDS = ("'s", "’s", "'", "’")


def _kind(word: str, ent_type: str) -> tuple[str, str] | None:
    """("party", "republican"), ("nation", "french") or ("place", "ohio") for a word that states one, else None:
    a capitalised party word, a nationality the text tags, a country (as its nationality, "France" is "french")
    or another place the text tags."""
    low = word.lower()
    if word[:1].isupper() and low in PARTIES:
        return "party", PARTIES[low]
    if ent_type == "NORP":
        return "nation", low.replace(".", "")
    if ent_type == "GPE":
        nation = demonym(word)
        if nation == word:
            return "place", low
        value = nation.lower().replace(".", "")
        return "nation", "american" if value == "us" else value  # "the US ambassador" is American
    return None


def stated(tokens: Iterable[Token]) -> dict[str, set[str]]:
    """The parties, nations and places the phrase's ``tokens`` state, by kind."""
    out: dict[str, set[str]] = {}
    for tok in tokens:
        found = _kind(tok.text, tok.ent_type_)
        if found is not None:
            out.setdefault(found[0], set()).add(found[1])
    return out


def stated_in(role: str, doc: Doc) -> dict[str, set[str]]:
    """The parties, nations and places a stated role (text from ``doc``: "Democratic Sen.", "unnamed German
    diplomat") names, by kind; a word's tag is the one the text gives it where it first tags it."""
    out: dict[str, set[str]] = {}
    for word in _SPLIT.split(role):
        for end in _ENDS:
            word = word.removesuffix(end)
        word = word.strip(".,;:()\"'“”‘’")
        if not word[:1].isupper():
            continue
        tag = next((t.ent_type_ for t in doc if t.text == word and t.ent_type_ in ("NORP", "GPE")), "")
        found = _kind(word, tag)
        if found is not None:
            out.setdefault(found[0], set()).add(found[1])
    return out


def contradicts(tokens: Iterable[Token], role: str, doc: Doc) -> bool:
    """Whether the phrase's ``tokens`` state a party, nation or place of a kind the ``role`` states too, and not
    the role's one ("the Republican nominee" of "Democratic nominee"; "the Vermont senator" of "Sen." does not)."""
    own = stated_in(role, doc)
    return any(kind in own and not values <= own[kind] for kind, values in stated(tokens).items())
