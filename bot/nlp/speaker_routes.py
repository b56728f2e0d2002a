"""The outlet routes of attributions ("told the Valmont Post": "via Valmont Post"), each on its own quote."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from spacy.tokens import Doc, Token

from bot.nlp.quote_cues import words
from bot.nlp.quote_rules import Found, quote_spans

# cues that go on with what was being said ("she added", "he went on", "she said" again)
_GOING_ON = words("say add continue go explain")
# what a speaker "told" that names the outlet of the interview again: "she told the paper"
_OUTLET_NOUNS = words("paper newspaper station channel programme program network broadcaster magazine website site "
                      "outlet show agency publication daily")
# words of a new occasion of speaking (a statement, a rally, a day, reporters, an outlet): another time or place
_OCCASION = re.compile(
    r"\b(?:statement|interview|speech|rally|conference|briefing|hearing|meeting|debate|letter|e-?mail|tweet\w*|"
    r"twitter|facebook|instagram|blog|video|podcast|broadcast|appearance|event|ceremony|summit|reporters|"
    r"journalists|press|television|tv|radio|court|(?:mon|tues|wednes|thurs|fri|satur|sun)day|yesterday|today|"
    r"tonight|last (?:night|week|month|year)|earlier|later|separately|previously|ago|according to|reported|wrote|"
    r"speaking)\b", re.IGNORECASE)
# an interview of another time, quoted in passing ("told the Valmont Post then", "at the time", "in 2019"): what
# follows goes back to the article's own occasion
_PAST = re.compile(r"\b(?:then|at the time|earlier|previously|once|ago|last (?:week|month|year)|in (?:19|20)\d\d)\b",
                   re.IGNORECASE)
MAX_GAP = 2  # the next quote of the interview stands in the next sentence, or the one after

class Routes:
    """The papers an article's speakers told, in full ("Valmont Post"), in the order read."""

    def __init__(self) -> None:
        self._vias: list[str] = []

    def full(self, via: str) -> str:
        """A paper's name as the article first gave it ("told the Post" after "told the Valmont Post")."""
        if not via:
            return via
        known = next((v for v in self._vias if v == via or v.endswith(" " + via)), None)
        if known is None:
            self._vias.append(via)
        return known or via


def has_via(role: str, via: str) -> bool:
    """The role names this route already, in full or by its full name ("via Valmont Post" for "Post")."""
    return any(part.startswith("via ") and (part[4:] == via or part[4:].endswith(" " + via))
               for part in role.split(", "))


def with_via(role: str | None, canonical: str, via: str) -> str | None:
    """``role`` with the route ``via`` added ("harbour master, via Valmont Post"), unless the speaker is the outlet
    itself or the role names the route already."""
    if not via or via.lower() in canonical.lower() or has_via(role or "", via):
        return role
    return f"{role}, via {via}" if role else f"via {via}"


def via_in(role: str | None) -> str:
    """The route a role carries ("Valmont Post" of "mayor, via Valmont Post"), or ""."""
    return next((part[4:] for part in (role or "").split(", ") if part.startswith("via ")), "")


def same_interview(doc: Doc, found: Sequence[Found], order: Sequence[int], canonical: Sequence[str],
                   roles: Sequence[str | None]) -> dict[int, str | None]:
    """The roles of attributions (``order``: text order) that go on with an interview an outlet was told, with its
    route added: the same speaker's next quotes ("she added", "she said", "she told the paper") in the next
    sentences, where no one else speaks, no other outlet is named and no other occasion (a statement, a rally, a
    day, reporters) is, in the text between or around the cue."""
    text = doc.text
    quotes = quote_spans(text)
    ends = [s.end_char for s in doc.sents]
    out: dict[int, str | None] = {}
    via, who, last = "", "", -1  # the interview's route, its speaker, its latest attribution
    for i in order:
        f = found[i]
        if _inside(quotes, f.cue_start):
            continue  # someone quoted in a quotation: not the interview's business
        own = via_in(roles[i])
        if own:
            past = _PAST.search(_narrative(doc, quotes, f, f, ends)[1]) is not None
            via, who, last = ("" if past else own), canonical[i], i
            continue
        if not via or canonical[i] != who:
            via = ""
            continue
        prev = found[last]
        gap = _sentence(ends, min(f.start, f.cue_start)) - _sentence(ends, max(prev.end, prev.cue_end) - 1)
        start, region = _narrative(doc, quotes, prev, f, ends)
        if gap > MAX_GAP or _OCCASION.search(region) or _names_other(doc, start, region, via, who):
            via = ""
            continue
        last = i
        if _goes_on(doc, f, via):
            out[i] = with_via(roles[i], canonical[i], via)
    return out


def _inside(spans: list[tuple[int, int]], at: int) -> bool:
    k = bisect.bisect_left(spans, (at, 0)) - 1
    return k >= 0 and spans[k][0] < at < spans[k][1]


def _sentence(ends: list[int], at: int) -> int:
    return bisect.bisect_right(ends, at)


def _narrative(doc: Doc, quotes: list[tuple[int, int]], prev: Found, f: Found, ends: list[int]) -> tuple[int, str]:
    """Where the writer's words from the end of the sentence of ``prev`` (or the start of ``f``'s own sentence) to
    the end of ``f``'s sentence start, and those words with quotations and either attribution's content blanked."""
    text = doc.text
    k = _sentence(ends, min(f.start, f.cue_start))
    k_prev = _sentence(ends, max(prev.end, prev.cue_end) - 1)
    start = ends[min(k, k_prev + 1) - 1] if min(k, k_prev + 1) > 0 else 0
    stop = min(ends[_sentence(ends, max(f.end, f.cue_end) - 1)], len(text))
    chars = list(text[start:stop])
    for s, e in [*quotes, *((p.start, p.end) for p in (prev, f)), *(piece for p in (prev, f) for piece in p.pieces)]:
        for n in range(max(s, start), min(e, stop)):
            chars[n - start] = " "
    return start, "".join(chars)


def _names_other(doc: Doc, start: int, region: str, via: str, who: str) -> bool:
    """The writer's words name an organisation other than the interview's outlet (another paper, a body); the
    speaker's own name NER tagged an organisation ("Caddell continued:", "said Caddell" of Pat Caddell) is none."""
    own = set(who.split())
    for ent in doc.ents:
        inside = start <= ent.start_char and ent.end_char <= start + len(region)
        if ent.label_ != "ORG" or not inside or not region[ent.start_char - start].strip():
            continue
        name = ent.text.removeprefix("the ").removeprefix("The ")
        if not (name in via or via in name or set(name.split()) <= own):
            return True
    return False


def _goes_on(doc: Doc, f: Found, via: str) -> bool:
    """The cue goes on with the interview: "added", "went on", "said", "explained", or "told" the paper again."""
    span = doc.char_span(f.cue_start, f.cue_end, alignment_mode="expand")
    cue: Token | None = span[0] if span is not None and len(span) else None
    if cue is None or cue.lemma_.lower() not in _GOING_ON | {"tell"}:
        return False
    if cue.lemma_.lower() != "tell":
        return True
    told = [c for c in cue.children if c.dep_ in ("dobj", "dative")]
    return any(t.lower_ in _OUTLET_NOUNS or t.text in via.split() for t in told)


__all__ = ["Routes", "has_via", "same_interview", "via_in", "with_via"]
