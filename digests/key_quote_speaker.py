"""Key-quote speakers that are no one (a quantifier, "many", "some of them"), or no person (an animal or a plant), and
cues used in a sense that is no speech ("call the cape home", "called it quits")."""

from __future__ import annotations

import re

from bot.models import Attribution


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# words that count or stand for people without saying who they are ("Many called for ...", "Both said ...")
_QUANTIFIERS = _set("""
    many some others other several most few all both everyone everybody someone somebody anyone anybody nobody
    none each either neither one another more plenty lots majority minority rest half two three four five six seven
    eight nine ten twelve dozen dozens hundred hundreds thousand thousands million millions""")
_ARTICLES = _set("a an the")
# what "of" may join to a quantifier and still name no one ("many of them", "some of those")
_STAND_INS = _set("them us you those these whom which")
# heads that name an animal or a plant, never a speaker ("20 species of wading birds call the cape home")
_NON_HUMAN = _set("""
    animal animals creature creatures species wildlife bird birds seabirds songbirds reptile reptiles mammal mammals
    amphibian amphibians insect insects predator predators plant plants tree trees flower flowers""")
# heads that count what their "of" phrase names ("kinds of seabirds", "species of lizards")
_KIND_NOUNS = _set("kind kinds type types sort sorts species variety varieties number numbers")
_CALL_CUES = _set("call calls called calling")
_CALL_IDIOMS = re.compile(r"^it\s+(?:quits|a\s+day|a\s+night)\b", re.IGNORECASE)
_WORD = re.compile(r"[^\W_](?:[\w]|['’\-.](?=[^\W_]))*")


def no_one(speaker: str) -> bool:
    """A speaker that is only a quantifier or a pronoun-like word ("Many", "Others", "a few", "Both",
    "everyone", "two", "thousands of them"), or an "of" phrase cut from one ("of the wardens"): no named or
    described speaker. A quantifier with the people it counts is a described group and speaks ("Many of the
    residents", "Both pilots", "Two wardens")."""
    words = [w.lower() for w in _WORD.findall(speaker.removeprefix("unnamed "))]
    if not words:
        return False
    if words[0] == "of":
        return True
    if "of" in words:
        k = words.index("of")
        head, tail = words[:k], words[k + 1:]
        return _only_quantifiers(head) and bool(tail) and all(w in _STAND_INS | _ARTICLES for w in tail)
    return _only_quantifiers(words)


def _only_quantifiers(words: list[str]) -> bool:
    body = words[1:] if words and words[0] in _ARTICLES else words
    return bool(body) and all(w in _QUANTIFIERS for w in body)


def non_human(speaker: str) -> bool:
    """A speaker headed by an animal or plant word, in lower case or after a figure or another word ("20 species of
    wading birds", "Around 40 kinds of seabirds", "rare seabirds"): the subject of "call ... home" or the
    like, not of a statement. One capitalised word alone may be a name ("Fish", "Birds Eye" keep theirs), and a
    person of an "of" phrase ("director of the wildlife trust") is headed by the person."""
    words = _WORD.findall(speaker.removeprefix("unnamed "))
    if not words:
        return False
    k = next((i for i, w in enumerate(words) if w.lower() == "of"), len(words))
    head = words[k - 1] if k else ""
    heads = [head]
    if head.lower() in _KIND_NOUNS and k + 1 < len(words):
        heads.append(words[-1])  # "species of lizards", "kinds of seabirds": what is counted
    return any(_non_human_word(w, len(words[:k])) for w in heads)


def _non_human_word(word: str, phrase_length: int) -> bool:
    """An animal or plant word: in lower case, or capitalised in a phrase of more than one word ("Rare seabirds"
    at a sentence's start); a capitalised word alone may be a name."""
    if word.lower() not in _NON_HUMAN:
        return False
    return word[:1].islower() or phrase_length > 1


def idiom_cue(quote: Attribution) -> bool:
    """A "call" that says nothing: "call the cape home" (where one lives) or "called it quits", "call it a day"."""
    if " ".join(quote.cue.lower().split()) not in _CALL_CUES:
        return False
    words = [w.lower() for w in _WORD.findall(quote.content)]
    if not words:
        return False
    if _CALL_IDIOMS.match(quote.content.strip()):
        return True
    return words[-1] == "home" and words[0] not in _set("for on to upon that")
