"""Pick the quote a briefing shows for a story, and present it: a direct quote's words without doubled quote marks,
reported speech as reported speech (never inside quotation marks)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from bot.answer.reported import readable_content
from bot.answer.role_case import story_case
from bot.answer.unresolved import shown_role, shown_speaker
from bot.models import Attribution, BriefingItem, Story, SummarySentence
from bot.nlp.cue_forms import past_form
from bot.nlp.phrasal_cues import shown_cue
from digests.key_quote_gate import quote_flaw
from digests.key_quote_restated import restates

_QUOTE_MARKS = "\"'“”‘’«»„ "
_ENDS = ".?!…"  # what already ends a sentence
_CLOSING = "\"'”’»"  # a closing quote after one of them ends it too ("... was “not safe.”")
FRONT_CUES = frozenset({"according to", "in the words of", "per"})  # written before the speaker's name


def key_quote(story: Story) -> Attribution | None:
    """Direct quotes with a named speaker first, then reported speech, longer before shorter; the first that passes
    the quality gate (digests/key_quote_gate.py) and neither lies in the summary nor restates the headline and
    summary lines (digests/key_quote_restated.py); None when no candidate does. A speaker left as a pronoun ("it")
    is weighed and returned as the "unnamed source" it is (bot/answer/unresolved.py), never shown as a name; a role
    that kept its sentence's capital ("Chief engineer") in lower case, in the case another of the story's quotes
    writes it with fewer capitals (``role_cases``), and so a word the story's own words write in lower case
    ("Harbourmaster": "the harbourmaster said", bot/answer/role_case.py ``story_case``)."""
    case = story_case(story) if any((q.role or "")[:1].isupper() for q in story.quotes) else None
    cases = role_cases(story.quotes)  # "Finance minister" as another article wrote it mid-sentence: one case

    def role(q: Attribution) -> str | None:
        return shown_role(cases[q.role.casefold()], case) if q.role else q.role

    shown = [replace(q, speaker=shown_speaker(q.speaker), role=role(q))
             if shown_speaker(q.speaker) != q.speaker or role(q) != q.role else q for q in story.quotes]
    ranked = sorted(shown, reverse=True, key=lambda q: (q.kind == "direct", not q.speaker.startswith(
        "unnamed"), min(len(q.content), 200)))
    for quote in ranked:
        if quote_flaw(quote) is None and not in_summary(quote, story.summary) and not restates(quote, story):
            return quote
    return None


def role_cases(quotes: Iterable[Attribution]) -> dict[str, str]:
    """Each role of ``quotes`` (casefolded) as the quote that writes it with the fewest capitals gives it: one
    article's "barge owners' spokeswoman" mid-sentence is how another's "Barge owners' spokeswoman", which opened
    its sentence, reads."""
    cases: dict[str, str] = {}
    for quote in quotes:
        if quote.role:
            known = cases.setdefault(quote.role.casefold(), quote.role)
            if sum(c.isupper() for c in quote.role) < sum(c.isupper() for c in known):
                cases[quote.role.casefold()] = quote.role
    return cases


def item_quote(item: BriefingItem) -> Attribution | None:
    """The key quote of a story as a briefing shows it: a follow-up's "New since you last saw it" lines count as
    shown lines too, so a quote they already carry is not shown again under them."""
    story = item.story
    if item.new_since:
        story = replace(story, summary=(*story.summary, *item.new_since))
    return key_quote(story)


def in_summary(quote: Attribution, summary: tuple[SummarySentence, ...]) -> bool:
    """The quote's span lies in a summary sentence of its article, or its words appear in one (another outlet's
    copy of the same quote)."""
    words = _plain(quote_text(quote))
    return any((s.article_id == quote.article_id and s.start <= quote.start and quote.end <= s.end)
               or (words and words in _plain(s.text)) for s in summary)


def _plain(text: str) -> str:
    """Lower case, curly quotes and apostrophes straightened, runs of spaces and punctuation as one space."""
    return " ".join(re.sub(r"[^\w']+", " ", text.replace("’", "'").replace("‘", "'").lower()).split())


def quote_text(quote: Attribution) -> str:
    """The quote's words without the marks around them (renderers add their own) or a trailing comma."""
    text = quote.content.strip().strip(_QUOTE_MARKS).rstrip(",").strip(_QUOTE_MARKS)
    return text or quote.content.strip()


def is_quotation(quote: Attribution) -> bool:
    """Whether the quote's words are the speaker's own, so they may stand in quotation marks. Reported speech
    ("indirect") and a paraphrase with a quoted fragment ("mixed") are the writer's words: marks around them
    would put a paraphrase in the speaker's mouth."""
    return quote.kind == "direct"


def shown_said(quote: Attribution) -> tuple[str, str]:
    """The cue and reported words to show, as who-said-what answers show them (bot/nlp/phrasal_cues.py): a
    particle heading the words goes with a phrasal cue ("called", "for a full audit": "called for", "a full audit"),
    and so does the one the text put between the cue and the words, kept at extraction (``cue_particle``: "pointed
    to cyclical surges" shows "pointed to"; a row stored before shows the bare cue until a requote); the words
    without a leading "that" or a trailing comma. A direct quote's cue and words as stored."""
    if quote.kind == "direct":
        return quote.cue, quote.content
    cue, content = shown_cue(quote.cue, quote.content, particle=quote.cue_particle)
    return cue, readable_content(content).rstrip(",").strip() or content.strip()


def reported_line(cue: str, who: str, words: str) -> str:
    """Reported speech in the writer's voice, from already escaped parts: "Net menders said the dredging came
    too late"; a cue written before the name reads so: "According to the port authority, dredging starts soon";
    words written before the cue stay first: "About 60 ships are waiting, coast guard said", "A new levy will
    cost islanders dear, Lena Moss warned" (never "Lena Moss warned A new levy"); a participle cue reads as a verb
    ("Karin Dahl added rain was not expected", not "Karin Dahl adding ..."). The line is a sentence: it ends with a
    full stop, unless it already ends one ("?", "!", "…", ".", or a closing quote after one: ``full_stop``)."""
    cue = " ".join(cue.split()) or "said"
    cue = past_form(cue)  # bot/nlp/cue_forms.py
    if _sentence_start(words):  # "About 60 ships are waiting, the coast guard said": the writer's order
        line = f"{words}, {cue.lower()} {who}" if cue.lower() in FRONT_CUES else f"{words}, {who} {cue}"
    elif cue.lower() in FRONT_CUES:
        line = f"{cue[:1].upper()}{cue[1:]} {who}, {words}"
    else:
        line = f"{who} {cue} {words}"
    return full_stop(line)


def full_stop(line: str) -> str:
    """``line`` ending with a full stop: one added unless it ends with ``.?!…``, or with a closing quote right after
    one ("the pier was “not safe.”"); "a “fair deal”" gets one after its quote."""
    line = line.rstrip()
    end = line[-2:-1] if line[-1:] in _CLOSING else line[-1:]
    return line if not line or (end and end in _ENDS) else line + "."


def _sentence_start(words: str) -> bool:
    """Reported words that open with a capitalised word ("About 60 ships ...", "A new levy ..."): written before
    the cue, as the start of the writer's sentence."""
    first = words.split(maxsplit=1)[0] if words.strip() else ""
    return first == "A" or (len(first) > 1 and first[0].isupper() and first[1:2].islower())
