"""Topics as people type them in chat: a comma list is several topics, a topic of only common words is refused (or
read as the phrase it can only mean), and ``unsubscribe`` finds listed topics whatever their case or quotes."""

from __future__ import annotations

import re
import string
from collections.abc import Sequence
from typing import NamedTuple

from bot.answer.plain import echoed_code
from bot.commands.base import DEFAULT_PREFIX
from bot.commands.dispatch import tidy_args
from bot.commands.question_words import GRAMMAR_WORDS as GRAMMAR_WORDS
from bot.topic_words import common_words
from bot.topics import Topic, TopicError, parse_topic

_ABBREVIATION = re.compile(r"^(?:[A-Za-z]\.){2,}$")  # D.C., U.K.: a part of the name before it
# the one verb people type after another by mistake (``subscribe help``): the reply names both readings
HELP_VERB = "help"


def split_topics(text: str) -> list[str]:
    """``NATO, Russia`` -> ``["NATO", "Russia"]``; a comma inside a "quoted phrase" stays in it, as does one between
    digits (``1,000 jobs``) and one before an abbreviation (``Washington, D.C.``); empty parts (``NATO,,``) are
    dropped."""
    parts: list[str] = []
    current: list[str] = []
    quoted = False
    for i, char in enumerate(text):
        if char == '"':
            quoted = not quoted
        in_number = text[i - 1:i].isdigit() and text[i + 1:i + 2].isdigit()
        if char == "," and not quoted and not in_number:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    joined: list[str] = []
    for part in (" ".join(part.split()) for part in parts):
        if joined and _ABBREVIATION.match(part) and not _ABBREVIATION.match(joined[-1].split()[-1]):  # not U.S., U.K.
            joined[-1] = f"{joined[-1]}, {part}"
        elif part:
            joined.append(part)
    return joined


class CommonTopic(TopicError):
    """A topic of only common words, refused: the message says how to write it."""


# a topic that is a chat mention: Discord's <#id> <@id> <@!id> <@&id>, Slack's <#C1|name> <@U1> <!here>, or #general
_MENTION_START = ("#", "<#", "<@", "<!")


class MentionTopic(TopicError):
    """A channel or person mention typed as a topic, refused: it is in no story."""


def refuse_mention(text: str, verb: str = "subscribe") -> None:
    """MentionTopic when ``text`` starts with a channel or person mention (``#general``, ``<#123>``, ``<@42> NATO``):
    the platform's markup, not words of the news. A symbol inside a word (``C#``, ``f#``) is no mention."""
    typed = " ".join(text.split())
    if typed.startswith(_MENTION_START):
        raise MentionTopic(f"topics are words in the news, not channels or people mentions: {echoed_code(typed, 60)} "
                           f"starts with one; type the words the stories hold, e.g. `{verb} NATO` (a hashtag's word "
                           "without its `#`, a person's name as written)")


def _written_with_symbol(word: str) -> bool:
    """``c++``, ``c#``, ``at&t``: a word written with a symbol (not a full stop, apostrophe or hyphen) names a
    thing, even when its letters are a common word."""
    return any(not (c.isalnum() or c in ".'’-\"") for c in word)


def _words(topic: Topic) -> list[str]:
    return [word for clause in topic.clauses for term in clause for word in term.text.split()]


def too_common(topic: Topic) -> bool:
    """Whether every word the topic looks for is a common lower-case word (``the``, ``and of``), which every story
    holds; a name (``May``), an acronym (``US``, ``WHO``), ``from:outlet`` and a word written with a symbol (``c++``,
    ``f#``) are never common."""
    common = common_words()  # the words that do not match an acronym they spell (bot/topic_words.py)
    for clause in topic.clauses:
        for term in clause:
            if term.name or term.acronym or term.outlet:
                return False
            for word in term.text.split():
                if _written_with_symbol(word) or word.strip(string.punctuation).casefold() not in common:
                    return False
    return True


def _grammar_only(topic: Topic) -> bool:
    return all(word.strip(string.punctuation).casefold() in GRAMMAR_WORDS for word in _words(topic))


def _emoji(token: str) -> bool:
    """A token of pictures and symbols only (``🦀``, ``★``, a flag): no letter, digit or ASCII character."""
    return all(not char.isascii() and not char.isalnum() for char in token)


def without_emoji(text: str) -> str:
    """``🦀 crabs`` -> ``crabs``: the emoji and other wordless symbols typed beside a topic's words, which no story's
    words hold, left out (text of them alone stays, and is refused as having no words)."""
    kept = [token for token in text.split() if not _emoji(token)]
    return " ".join(kept) if kept and len(kept) < len(text.split()) else text


def chat_topic(text: str, prefix: str = DEFAULT_PREFIX, verb: str = "subscribe") -> Topic:
    """A topic as typed to ``subscribe``, or TopicError. One of only common words would match every story, so: a
    phrase of two or more of them that are not all grammar words is taken when typed in quotes (``"the who"``: the
    user means that phrase), and any other is refused (``CommonTopic``) with how to write it: a lone common word
    (``the``, ``new``), grammar words alone (``of the``, ``"it is"``), or common words unquoted (``according to``,
    ``he said``: everyday wording in most stories, so the refusal says to quote a phrase that is meant). ``verb``:
    what the topic was typed to, as the refusal's examples name it. Emoji typed beside its words are left out
    (``without_emoji``)."""
    refuse_mention(text, verb)
    topic = parse_topic(without_emoji(text))
    if not too_common(topic):
        return topic
    phrase = len(_words(topic)) > 1 and not _grammar_only(topic)  # several words, not all grammar words
    if phrase and len(topic.clauses) == 1 and len(topic.clauses[0]) == 1 and not topic.excluded and \
            '"' in topic.text:
        return topic
    if phrase and not topic.excluded and all(len(clause) == 1 for clause in topic.clauses) and '"' not in topic.text:
        example = echoed_code(f'{verb} "{topic.text}"', 120)
        raise CommonTopic(f"{echoed_code(topic.text)} has only common words, which most stories hold: name what the "
                          f"stories are about (e.g. `{verb} NATO`), with a name's capital (`The Who`), or put a "
                          f"phrase you mean in quotes ({example})")
    if topic.text.casefold() == HELP_VERB:
        raise CommonTopic(f"{echoed_code(topic.text)} is a common word, which most stories hold; "
                          f"`{prefix} {HELP_VERB}` lists the commands, and `{verb} {HELP_VERB.capitalize()}` "
                          f"(with a capital, as a name) {'follows' if verb == 'subscribe' else 'looks for'} it")
    raise CommonTopic(f"{echoed_code(topic.text)} has only common words, which every story holds: name what the "
                      f"stories are about (e.g. `{verb} NATO`), with a name's capital (`The Hague`) or the symbol a "
                      "name is written with (`c++`)")


def refuse_common(text: str, verb: str, prefix: str = DEFAULT_PREFIX) -> None:
    """CommonTopic when a topic typed to ``verb`` (``whosaid``, ``brief``, an ``ask`` question's) has only common
    words, refused as ``subscribe`` refuses it (``chat_topic``): ``whosaid the`` would answer with every story. A
    topic ``chat_topic`` cannot read otherwise is left to the verb, which reads it as before."""
    try:
        chat_topic(text, prefix, verb)
    except CommonTopic:
        raise
    except TopicError:
        return


def topic_key(text: str) -> str:
    """How two spellings of one topic compare: case, quotes (typographic or plain), spacing and a closing full stop
    aside, as chat input is tidied (``"Harbour Bridge"`` and ``“Harbour Bridge”`` are ``harbour bridge``; a topic
    stored as ``Acme Inc.`` is ``acme inc``)."""
    return " ".join(tidy_args(text).replace('"', " ").casefold().split())


def same_topics(topics: Sequence[str], typed: str) -> list[str]:
    """The channel's topics ``typed`` may name: itself when listed, else those spelt the same up to case and
    quotes (more than one when two listed topics differ only so: ``NATO`` and ``nato``)."""
    if typed in topics:
        return [typed]
    return [t for t in topics if topic_key(t) == topic_key(typed)]


def listed_topic(topics: Sequence[str], typed: str) -> str | None:
    """The channel's topic ``typed`` names: itself, else the one listed topic spelt the same up to case and
    quotes; None when none (or more than one) is."""
    same = same_topics(topics, typed)
    return same[0] if len(same) == 1 else None


class NamedTopics(NamedTuple):
    """What ``unsubscribe`` was given: the channel's topics it names, and the parts typed that name none."""

    listed: list[str]
    unknown: list[str]


def topics_named(topics: Sequence[str], typed: str) -> NamedTopics:
    """The listed topics ``unsubscribe`` names: the whole text when it names one (``Lisport, harbour`` stored so),
    else each part ``split_topics`` makes of it, as ``subscribe`` splits (``NATO, EU``; ``Washington, D.C.`` and
    ``1,000 jobs`` stay whole); the parts that name none are returned apart (``NATO, cricket``: ``cricket``).
    TopicError for a part that could be two (nothing is named then)."""
    whole = " ".join(typed.split())
    parts = split_topics(whole) or [whole]
    if same_topics(topics, whole):
        if len(parts) > 1 and all(listed_topic(topics, part) for part in parts):  # both readings name topics
            raise TopicError(f"{echoed_code(whole)} could be the one topic {echoed_code(whole)} or the topics "
                             f"{', '.join(echoed_code(part) for part in parts)}: quote the one "
                             f"({echoed_code(chr(34) + whole + chr(34), 120)}) or "
                             "remove them one at a time")
        parts = [whole]
    named: list[str] = []
    unknown: list[str] = []
    for part in parts:
        topic = listed_topic(topics, part)
        if topic is None and len(either := same_topics(topics, part)) > 1:
            raise TopicError(f"{echoed_code(part)} could be {' or '.join(echoed_code(t) for t in either)}: type it as "
                             "`topics` lists it")
        if topic is None:
            unknown.append(part)
        else:
            named.append(topic)
    return NamedTopics(list(dict.fromkeys(named)), list(dict.fromkeys(unknown)))


def no_topic(unknown: Sequence[str]) -> str:
    """``This channel has no topic `cricket``` (or ```a`` or ``b```), for ``unsubscribe``."""
    return f"This channel has no topic {' or '.join(echoed_code(part) for part in unknown)}"
