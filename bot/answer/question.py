"""Parse a free-text question into what `ask` can answer: who said what, what did S say, who is quoted
most, what's new (a why-question as what's new on its words)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from bot.nlp.quote_cues import words

QuestionKind = Literal["whosaid", "speaker", "most", "new"]
MAX_QUESTION_CHARS = 500

_SINCE = re.compile(r"\s+(?:since|from)\s+(?P<when>.+?)\s*$|\s+(?P<rel>this week|this month|today|yesterday|"
                    r"last week)\s*$", re.IGNORECASE)
_PATTERNS: tuple[tuple[QuestionKind, re.Pattern[str]], ...] = (
    ("whosaid", re.compile(r"^(?:who\s+said\s+what|who\s+said|whosaid|who\s+says\s+what|what\s+was\s+said|"
                           r"quotes?)\s+(?:about|on|regarding|of)\s+(?P<topic>.+)$", re.I)),
    ("speaker", re.compile(r"^what\s+(?:did|does|has)\s+(?P<speaker>.+?)\s+(?:say|said|tell|told)"
                           r"(?:\s+(?:about|on|regarding)\s+(?P<topic>.+))?$", re.I)),
    ("speaker", re.compile(r"^what\s+(?:is|was)\s+(?P<speaker>.+?)\s+saying(?:\s+(?:about|on)\s+(?P<topic>.+))?$",
                           re.I)),
    # with no topic: the most quoted speakers of all the stored stories
    ("most", re.compile(r"^who\s+(?:is|was|gets|got)?\s*(?:quoted|cited)\s+(?:the\s+)?most(?:\s+(?:about|on|"
                        r"regarding)\s+(?P<topic>.+))?$", re.I)),
    # with no topic ("what's new", "whats new"): the latest news, as ``brief`` gives it
    ("new", re.compile(r"^what(?:'s|’s|s|\s+is)\s+new(?:\s+(?:on|about|with|in)\s+(?P<topic>.+))?$", re.I)),
    ("new", re.compile(r"^(?:brief\s+me\s+(?:on|about)|news\s+(?:on|about)|update\s+me\s+on|"
                       r"(?:any\s+)?stor(?:y|ies)\s+(?:on|about))\s+(?P<topic>.+)$", re.I)),
)

# "why is the Lumenfield bridge closed": the words of a why-question that say nothing of its topic, left out of it
_WHY = re.compile(r"^why\s+(?P<rest>.+)$", re.I)
_NOT_TOPIC = words("""is are was were am be been being do does did has have had will would shall should can could
    may might must isn't aren't wasn't weren't don't doesn't didn't hasn't haven't hadn't won't wouldn't can't couldn't
    shouldn't not still so the a an it its they them their there this that these those he she his her we our you your
    i""")

HELP = (
    "I can answer:\n"
    "• who said what about <topic> [since <when>]\n"
    "• what did <person> say [about <topic>]\n"
    "• who is quoted most [on <topic>]\n"
    "• what's new [on <topic>] / brief me on <topic> / stories about <topic> [since <when>]\n"
    "• why <question> (the story closest to it, e.g. why is the Lumenfield bridge closed)\n"
    "<when> is like Monday, this week, yesterday, 24h or 2026-11-01."
)


@dataclass(frozen=True, slots=True)
class Question:
    kind: QuestionKind
    topic: str = ""
    speaker: str = ""
    since: str = ""  # as typed ("Monday"); read against the clock by bot.answer.when
    why: bool = False  # "why is X closed": a "new" question whose answer is the closest story, not an explanation


def _clean(text: str) -> str:
    text = " ".join(text.split())
    return text.strip(" ?!.").strip("\"'“”‘’ ")


def parse_question(text: str) -> Question | None:
    """The question's kind and slots, or None when it is none of the forms listed in ``HELP``."""
    text = _clean(text[:MAX_QUESTION_CHARS])
    if not text:
        return None
    since = ""
    m = _SINCE.search(text)
    if m is not None:
        since = (m.group("when") or m.group("rel") or "").strip()
        text = text[: m.start()].strip()
    why = _WHY.match(text)
    if why is not None:
        topic = " ".join(w for w in why["rest"].split() if w.lower().replace("’", "'") not in _NOT_TOPIC)
        return Question("new", topic=_clean(topic), since=since, why=True) if _clean(topic) else None
    for kind, pattern in _PATTERNS:
        found = pattern.match(text)
        if found is None:
            continue
        groups = found.groupdict()
        topic = _clean(groups.get("topic") or "")
        speaker = _clean(groups.get("speaker") or "")
        if kind == "speaker" and not speaker:
            continue
        if kind == "whosaid" and not topic:
            continue
        return Question(kind, topic=topic, speaker=speaker, since=since)
    return None
