"""Speakers that are no one's (events, inner "he said" inside a quotation) or name no noun of their own."""

from __future__ import annotations

import re

from spacy.tokens import Token

from bot.nlp.quote_cues import SPEECH_VERBS, VIEW_VERBS, words

# "sporadic violence in the capital underlined ...": events and happenings do not speak
EVENT_NOUNS = words(
    """violence fighting clash clashes unrest attack attacks bombing shooting explosion blast riot riots war
    crisis outbreak pandemic epidemic conflict turmoil chaos bloodshed upheaval shelling"""
)
INNER_PRONOUNS = words("he she they it")
MAX_BACK = 600  # characters searched back for the quotation a cue sits in
# a single mark opening a quotation (start, space, colon or dash before it, a capital after) or closing one
_MARK = re.compile(r"(?P<open>(?<![^\s:(—–-])[‘'](?=[A-Z]))|(?<=[\w.,!?])[’'](?!\w)")


def event_speaker(head: Token) -> bool:
    """The speaker phrase's head names an event ("violence", "the attacks"), not a person or body."""
    return head.pos_ == "NOUN" and head.lemma_.lower() in EVENT_NOUNS


def in_single_quotation(text: str, at: int) -> bool:
    """``said: 'When we got there he said "hi" ...``: the nearest single quotation mark before ``at`` in its
    paragraph opens a quotation (an apostrophe inside a word, or a possessive's, closes none and opens none)."""
    start = max(text.rfind("\n", 0, at) + 1, at - MAX_BACK)
    marks = list(_MARK.finditer(text, start, at))
    return bool(marks) and marks[-1].group("open") is not None


def inner_pronoun(text: str, word: str, cue_start: int) -> bool:
    """A "he"/"she"/"they" whose cue sits inside another speaker's single-quoted words: someone that speaker talks
    about, whom the article does not name, not the speaker."""
    return word.lower() in INNER_PRONOUNS and in_single_quotation(text, cue_start)



def elided_noun(head: Token) -> Token | None:
    """``One user wrote 'A,' while another said 'B'``: the noun a bare "another" leaves out, the nearest noun
    before it in its sentence that is the subject of a verb of saying ("user", not "stadium" in 'the stadium is
    cold'), else None."""
    if head.lower_ != "another" or any(c.dep_ != "punct" for c in head.children):
        return None
    doc = head.doc
    for i in range(head.i - 1, head.sent.start - 1, -1):
        if (doc[i].dep_ == "nsubj" and doc[i].pos_ == "NOUN"
                and doc[i].head.lemma_.lower() in SPEECH_VERBS | VIEW_VERBS):
            return doc[i]
    return None
