"""A described speaker with the nationality the article gave its institution ("Russian embassy spokesperson")."""

from __future__ import annotations

from spacy.tokens import Token

from bot.nlp.quote_cues import demonym


def nationalise(core: str, head: Token) -> str:
    """"embassy spokesperson" -> "Russian embassy spokesperson" when the article said "Russia's embassy"."""
    words = core.split()
    doc = head.doc
    for i, word in enumerate(words[:-1]):
        lw = word.lower()
        for tok in doc[: head.i]:
            if tok.lower_ != lw or tok.i == 0:
                continue
            prev = doc[tok.i - 1]
            owner = doc[tok.i - 2] if prev.text in ("’s", "'s") and tok.i >= 2 else prev
            if owner.ent_type_ in ("GPE", "NORP"):
                adj = owner.text if owner.ent_type_ == "NORP" else demonym(owner.text)
                if adj.lower() not in core.lower():
                    return " ".join([*words[:i], adj, *words[i:]])
    return core
