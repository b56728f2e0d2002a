"""Cues that name an action, not speech: "declared a state of emergency", "asked the governor to act",
"threatened to boil over", "responded to a call", and a cue whose object is a thing done (object_act)."""

from __future__ import annotations

from spacy.tokens import Token

from bot.nlp.object_acts import object_act
from bot.nlp.quote_cues import words

# "declared a state of emergency / war / independence": the declaration is the act, nothing is reported
DECLARED_ACTS = words(
    """emergency war independence bankruptcy insolvency disaster curfew ceasefire truce lockdown holiday
    moratorium amnesty quarantine mourning law martial"""
)
# "tensions threatened to boil over": what a thing threatened to do is an event, not a threat someone made
THREATENED_EVENTS = words(
    """boil spill derail overwhelm collapse engulf spiral erupt escalate swamp overshadow unravel topple cripple
    destabilize destabilise"""
)
# "crews responded to a call / an alarm": answering a call-out is an act, nothing is reported
ANSWERED_CALLS = words("call callout alarm report reports emergency fire blaze incident scene crash")
_OPENING = "'‘\"“"
_CLOSING = "'’\"”"


def action_cue(cue: Token) -> bool:
    """"declared a state of emergency", "declared war", "asked Biden to do the same", "threatened to boil over",
    "responded to a call": an act, a request made or an event, not words reported (a question asked, "asked
    whether ...", a threat to quit and "responded that ..." stay)."""
    lemma = cue.lemma_.lower()
    kids = list(cue.children)
    if object_act(cue):
        return True
    if lemma == "threaten":
        return any(c.dep_ == "xcomp" and c.lemma_.lower() in THREATENED_EVENTS for c in kids)
    if lemma == "respond":
        return any(c.dep_ == "prep" and c.lower_ == "to" and any(
            o.dep_ == "pobj" and o.lemma_.lower() in ANSWERED_CALLS for o in c.children) for c in kids)
    if lemma == "declare":
        obj = next((c for c in kids if c.dep_ == "dobj"), None)
        return obj is not None and any(t.lemma_.lower() in DECLARED_ACTS for t in obj.subtree if t.pos_ == "NOUN")
    clauses = [c for c in kids if c.dep_ in ("xcomp", "ccomp")]
    return lemma == "ask" and bool(clauses) and all(_bare_infinitive(c) for c in clauses)


def _bare_infinitive(verb: Token) -> bool:
    """"(asked the governor) (to) do the same": an infinitive with no subject or question word of its own."""
    return verb.tag_ == "VB" and not any(g.dep_ in ("nsubj", "nsubjpass", "mark") or g.tag_ in ("WRB", "WP", "WDT")
                                         for g in verb.children)


def without_stray_mark(text: str, start: int, end: int) -> tuple[int, int]:
    """``saying: 'Platform 2 - mind the gap'``: content that ends in a closing mark whose opening mark stands
    before the content (the parse hung it on the cue) ends before the mark."""
    if end - start < 2 or text[end - 1] not in _CLOSING:
        return start, end
    opened = text[:start].rstrip()[-1:]
    if opened in _OPENING and not any(c in _OPENING for c in text[start:end - 1]):
        return start, end - 1
    return start, end
