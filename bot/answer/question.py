"""Parse a free-text question into what `ask` can answer: who said what, what did S say, who is quoted
most, what's new."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

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

HELP = (
    "I can answer:\n"
    "• who said what about <topic> [since <when>]\n"
    "• what did <person> say [about <topic>]\n"
    "• who is quoted most [on <topic>]\n"
    "• what's new [on <topic>] / brief me on <topic> / stories about <topic> [since <when>]\n"
    "<when> is like Monday, this week, yesterday, 24h or 2026-11-01."
)


@dataclass(frozen=True, slots=True)
class Question:
    kind: QuestionKind
    topic: str = ""
    speaker: str = ""
    since: str = ""  # as typed ("Monday"); read against the clock by bot.answer.when


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
