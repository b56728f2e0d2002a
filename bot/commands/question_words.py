"""English grammar words (a topic of them alone is in every story); ``why``/``story`` opening a question with one."""

from __future__ import annotations

# English grammar words (articles, prepositions, conjunctions, pronouns, auxiliary verbs): a text of them alone, in a
# row or not, is in every English story. The other common words (``who``, ``new``, ``help``) are each in many
# stories, but two or more in a row only in a few when they are meant as that phrase: such a topic is taken when
# typed in quotes (``"the who"``), since unquoted ones are most often everyday wording (``according to``).
_GRAMMAR = (
    "a an the and or but nor so yet if as than that of in on at to for from by with into onto about over under after "
    "before between through during without within against among upon via per off up down out i me my we us our you "
    "your he him his she her it its they them their this these those there here is are was were be been being am do "
    "does did has have had will would shall should can could may might must not no")
GRAMMAR_WORDS = frozenset(_GRAMMAR.split())

ASK_VERB = "ask"
WHY_VERB = "why"
TRAILING_ON_VERB = "?!.,:;"
# "@briefbot why is the bridge closed?", "@briefbot story about the bridge": after these verbs a grammar word starts a
# question (asked whole), not a story's number, id or headline words
STORY_VERBS = frozenset({WHY_VERB, "story"})
_NOT = frozenset({"isn't", "aren't", "wasn't", "weren't", "don't", "doesn't", "didn't", "hasn't", "haven't", "won't",
                  "can't", "couldn't", "wouldn't", "shouldn't"})


def asks_about_story(verb: str, args: str) -> bool:
    """Whether ``why``/``story`` then ``args`` is a question rather than a story to look up: ``is the bridge
    closed?``, ``about the bridge`` start with a grammar word (``2``, ``#2``, ``s-1a2b``, ``harbour fire`` do not)."""
    words = args.replace("’", "'").split(maxsplit=1)
    first = words[0].lower().strip(TRAILING_ON_VERB) if words else ""
    return verb in STORY_VERBS and (first in GRAMMAR_WORDS or first in _NOT)
