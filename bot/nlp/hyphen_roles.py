"""Roles written with "co-" kept one word: "co-founder" is no "co", "-" and "founder" to the parser."""

from __future__ import annotations

from spacy.language import Language
from spacy.symbols import ORTH
from spacy.tokenizer import Tokenizer

from bot.nlp.quote_cues import CO_ROLES


def co_role_forms() -> list[str]:
    """Each "co-" role as written: lower case, capitalised and title case, singular and plural ("co-founders")."""
    out: list[str] = []
    for role in sorted(CO_ROLES):
        for word in (role, f"{role}s"):
            out.extend(dict.fromkeys((f"co-{word}", f"Co-{word}", f"Co-{word.capitalize()}")))
    return out


def add_co_roles(nlp: Language) -> None:
    """Keep "co-founder", "Co-chair" one token: split, the parser takes "co" or "-" for the speaker and the rules
    keep only "founder"."""
    tokenizer = nlp.tokenizer
    if not isinstance(tokenizer, Tokenizer):
        raise TypeError(f"expected spaCy's rule-based tokenizer, got {type(tokenizer).__name__}")
    for form in co_role_forms():
        tokenizer.add_special_case(form, [{ORTH: form}])
