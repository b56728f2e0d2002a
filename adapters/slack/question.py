"""What the claim of a mention or a DM keeps so that the next run can answer it, should the run that claimed it stop
first: the message as parsed and how it came, as the JSON text the store keeps (opaquely) with the claim."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

from adapters.slack.translate import SlackMention

Kind = Literal["mention", "direct message"]
MENTION: Kind = "mention"
DIRECT_MESSAGE: Kind = "direct message"
_KINDS: tuple[Kind, ...] = (MENTION, DIRECT_MESSAGE)


@dataclass(frozen=True)
class Question:
    """A message addressed to the bot, enough to answer it again: an ``app_mention`` (``MENTION``, answered in its
    thread) or a message in a DM with the bot (``DIRECT_MESSAGE``, answered in the DM or the thread it was in)."""

    kind: Kind
    message: SlackMention

    def asked_at(self) -> datetime | None:
        """When the message was written: Slack's ts is its time in seconds since the epoch; None if it is not."""
        try:
            return datetime.fromtimestamp(float(self.message.ts), UTC)
        except (ValueError, OverflowError, OSError):
            return None


def encode_question(question: Question) -> str:
    """ASCII JSON: a lone surrogate Slack's JSON may carry (``"\\ud83d"``, half an emoji) stays an escape, which
    SQLite and PostgreSQL store, where as a character it would fail the claim (not UTF-8)."""
    m = question.message
    return json.dumps({"kind": question.kind, "channel": m.channel_id, "ts": m.ts, "thread_ts": m.thread_ts,
                       "user": m.user_id, "text": m.text}, ensure_ascii=True, separators=(",", ":"))


def decode_question(text: str | None) -> Question | None:
    """The question ``encode_question`` wrote; None for none, or for text it did not write."""
    if text is None:
        return None
    try:
        fields = json.loads(text)
    except (ValueError, RecursionError):  # not JSON, or nested past the parser's depth
        return None
    if not isinstance(fields, dict):
        return None
    values = {name: fields.get(name) for name in ("kind", "channel", "ts", "thread_ts", "user", "text")}
    if not all(isinstance(v, str) for v in values.values()) or values["kind"] not in _KINDS:
        return None
    kind: Kind = MENTION if values["kind"] == MENTION else DIRECT_MESSAGE
    return Question(kind, SlackMention(text=str(values["text"]), user_id=str(values["user"]),
                                       channel_id=str(values["channel"]), ts=str(values["ts"]),
                                       thread_ts=str(values["thread_ts"])))
