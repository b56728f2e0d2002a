"""Sentence-quality rules for summaries: page junk, fragments, datelines and unresolved references."""

from __future__ import annotations

import re
import unicodedata

from bot.nlp import page_phrases as other
from bot.nlp import page_phrases_more as more
from bot.nlp import reference_phrases as refs
from bot.nlp.full_stops import CLOSERS, FULL_STOPS
from bot.nlp.guillemets import straighten_quotations
from bot.nlp.line_shapes import closes_unopened_quotation, is_caption
from bot.nlp.terms import word_length, words

# Breadcrumb arrows ("Accueil » Monde » Europe"), looked for once the guillemets of quotations are straight quotes
# (bot/nlp/guillemets.py): « de tenir bon » et « de ne pas céder » is no breadcrumb.
_ARROW_GATE = ("›", "»", ">")
# Whole-sentence page junk: prompts, navigation, credits, ads, bylines. Each rule has a gate: lower-case
# substrings one of which must occur for the pattern to match at all, so most rules cost one ``in`` test.
_JUNK_RULES: tuple[tuple[str, tuple[str, ...], str], ...] = (
    # "By Jane Doe, CNN" / "By . Associated Press ." but not prose ("By a razor-thin margin, ...")
    ("byline", ("by",), r"^\s*(written by|reporting by|words by|story by)\s*[.:]?\s+\S"),
    ("byline", ("by",), r"^\s*by\s*[.:]?\s+(?!(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|"
                        r"(?:january|february|march|april|may|june|july|august|september|october|november|december|"
                        r"jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\b)"
                        r"(?-i:[A-Z])[\w.'’-]*(\s+(?-i:[A-Z])[\w.'’-]*){0,3}\s*([,|.]|$|and\b|for\b)"),
    ("byline", (":",), r"\b(published|updated|last updated|posted)\s*:\s*\.?"),
    ("byline", (" by",), r"\b(editing|additional reporting|compiled) by\b"),
    # a translated report's credit: "This article was translated from Castavian by ...", "(Translated by Elin
    # Sorvik; edited by ...)" (not prose about a translation: "The speech was translated into four languages")
    ("byline", ("translat",), r"^\W*+(?:(?:this|the) (?:article|story|report|piece|text) (?:was|has been|is) )?"
                              r"(?:translated (?:from|by)|translation by)\b"),
    ("byline", ("reporter", "correspondent", "editor"),
     r"^\s*[A-Z][\w.'’-]+(\s+[A-Z][\w.'’-]+){0,3}\s*(\||,)\s*(reporter|correspondent|editor)\b"),
    ("read-more", ("also read", "read more", "read also", "see also", "more on this", "others are reading"),
     r"\b(also read|read more|read also|see also|more on this|others are reading)"),
    ("read-more", ("related",), r"^\s*related\b|\brelated\s*:"),  # not "pandemic-related" in prose
    ("read-more", ("most read", "most popular", "recommended for you", "you may also like", "trending now"),
     r"\b(most read|most popular|recommended for you|you may also like|trending now)\b"),
    ("prompt", ("click here", "tap here", "sign up", "subscribe", "newsletter", "follow us"),
     r"\b(click here|tap here|sign up|subscribe( now| to| today)?\b|newsletter|follow us\b)"),
    ("prompt", ("share", "tweet this", "email this", "print this", "comment"),
     r"\b(share (this|on)|share with|shares?\s*$|tweet this|email this|print this|comments?\s*\(\d)"),
    ("prompt", ("scroll down", "watch the video", "watch video", "listen to this", "download"),
     r"\b(scroll down|watch the video|watch video|listen to this|download (our|the) app)\b"),
    ("ad", ("advertisement", "sponsored", "ads by", "paid ", "promoted "),
     r"\b(advertisement|sponsored (content|by)|ads by|paid (post|content)|promoted (content|stories))(?![\w-])"),
    ("credit", ("shutterstock", "getty images", "image copyright", "photo credit", "image source", "photo"),
     r"\b(shutterstock|getty images|image copyright|photo credit|image source|afp photo|ap photo)\b"),
    ("credit", (":",), r"^\s*(photo|image|picture|video|credit|source|file)\s*:"),
    # a caption under its label ("PICTURED: The ferry on the rocks at dawn."), a prompt ("WATCH: Crews reach ...")
    ("credit", ("pictured",), r"^\W*+pictured(\s+(above|below|left|right|top|bottom|centre|center|inset))?\s*:"),
    ("prompt", ("watch",), r"^\W*+watch\s*:"),
    ("credit", ("(",), r"\((pictured|pictured above|right|left|above|below|centre|center|file photo|inset)\)"),
    ("navigation", (), r"^\s*(home(page)?|menu|skip to|search|log ?in|sign in|back to top|next article)\b"),
    ("navigation", _ARROW_GATE, r"(›|»|\s>\s).*(›|»|\s>\s)"),  # arrows outside quotations: junk_reason
    ("legal", ("all rights reserved", "copyright", "©", "terms of", "privacy policy", "cookie"),
     r"\b(all rights reserved|copyright ©|©\s*\d{4}|terms of (use|service)|privacy policy|cookie)"),
    ("link", ("http", "www.", "@"), r"(https?://|www\.\S|\S+@\S+\.\w{2,})"),
    # link text left in brackets by the page: "(read all about her background here)", "[see the full list here]"
    ("prompt", ("here",), r"[(\[]\s*(?:read|see|click|tap|watch|listen|find out|learn|check out)\b[^()\[\]]{0,80}?"
                          r"\bhere\s*[.!:]?\s*[)\]]"),
    # (leading non-word characters taken possessively, ``^\W*+``: each rule after them starts with a word character,
    # so no match changes, and a long run of them is read once)
    # the same page furniture in French, German, Spanish, Italian and Portuguese (bot/nlp/page_phrases.py): links
    # and labels only where a sentence opens with them or puts a colon after them ("Lire aussi : ...")
    ("read-more", other.gates(other.READ_MORE),
     rf"^\W*+{other.alternatives(other.READ_MORE_OPENERS)}\b|{other.alternatives(other.READ_MORE)}\s*:"),
    ("prompt", other.gates(other.PROMPTS), rf"(?<!\w){other.alternatives(other.PROMPTS)}(?!\w)"),
    ("prompt", other.gates(other.BUTTONS), rf"^\W*+{other.alternatives(other.BUTTONS)}\s*(?:[:|]|$)"),
    ("ad", other.gates(other.ADS), rf"^\W*+{other.alternatives(other.ADS)}\s*(?:[:|\-–—]|$)"
                                   r"|contenu sponsorisé|contenido patrocinado|contenuto sponsorizzato"
                                   r"|conteúdo patrocinado"),
    ("credit", other.gates(other.CREDITS), rf"^\W*+{other.alternatives(other.CREDITS)}\s*:"),
    ("byline", other.gates(other.STAMPS), rf"^\W*+{other.STAMP}"),
    # an editor's note about the article itself ("Correction: An earlier version of this article said ..."):
    # what it corrects is in the article's text; the note is about the page, not the news
    ("editor-note", ("correction", "clarification", "editor", "earlier version", "has been", "was "),
     r"^\W*+(?:(?:correction|clarification|editor'?s note)\s*[:\-–—]"
     r"|this (?:article|story|report|piece) (?:has been|was) (?:updated|corrected|amended|changed|clarified)"
     r"|an earlier version of this (?:article|story|report|piece))"),
    ("editor-note", other.gates(other.CORRECTION_LABELS),
     rf"^\W*+{other.alternatives(other.CORRECTION_LABELS)}\s*[:\-–—]"),
    ("editor-note", other.gates(other.NOTE_SENTENCES), rf"^\W*+{other.alternatives(other.NOTE_SENTENCES)}"),
    # ... and in Russian, Chinese, Japanese and Arabic (bot/nlp/page_phrases_more.py)
    *more.SENTENCE_RULES,
    # a market table's note ("Prices as of 17:30 local time.", "Market data delayed by at least 15 minutes.", "All
    # figures in local currency."): about the page's figures, not news ("Prices as of March were 4% higher ..." is)
    ("data-note", ("as of", "as at", "delayed", "figures"),
     r"^\W*+(?:(?:market\s+)?(?:prices|quotes|data|rates)\s+(?:are\s+|were\s+)?as\s+(?:of|at)\s+"
     r"(?:the\s+close\b|\d{1,2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s+(?:local\s+time|gmt|utc|cet|et))?\b)"
     r"|(?:market\s+)?(?:prices|quotes|data|rates)\s+(?:are\s+|is\s+)?delayed\s+(?:by\s+)?(?:at\s+least\s+|up\s+to\s+)?"
     r"\d+\s+min"
     r"|all\s+figures\s+(?:are\s+)?in\s+(?:local\s+currency|[A-Z][a-z]+\s+\w+|\w+\s+(?:dollars|euros|pounds))\b"
     r"(?:\s+unless\s+(?:otherwise\s+)?stated(?:\s+otherwise)?)?\s*\.?\s*$)"),
)
# each rule with its gate as one search (a gate of many phrases, the other languages', costs one scan, not one ``in``
# test per phrase) and its pattern
_JUNK_PATTERNS: tuple[tuple[str, tuple[str, ...], re.Pattern[str] | None, re.Pattern[str]], ...] = tuple(
    (reason, gate, re.compile("|".join(map(re.escape, gate))) if gate else None, re.compile(pattern, re.IGNORECASE))
    for reason, gate, pattern in _JUNK_RULES
)

# what may close a sentence after its full stop: quotes and brackets, and the closing marks of other languages
# ("... eröffnen.“", "... eröffnen.«", "... en juin. »"), which follow it directly or (French) after a space
_CLOSERS = r"(?:[\"'”’)\]]|“|\s*[»«›‹])*"
_TERMINAL = re.compile(r"[.!?]" + _CLOSERS + r"\s*$")
# ... or the full stop of another script (Chinese "。", Hindi "।", Amharic "።", Khmer "។", Tibetan "།" ...:
# bot/nlp/full_stops.py), with the closing marks of Chinese and Japanese too ("……会继续。」")
_TERMINAL_OTHER = re.compile(f"[{FULL_STOPS}]" + r"(?:[\"'”’)\]]|[" + re.escape(CLOSERS) + r"]|\s*[»«›‹])*\s*$")
# ... or, Thai and Lao, which write no full stop, a letter (a sentence split at a space: bot/nlp/space_stops.py)
_TERMINAL_SPACE = re.compile("[\u0e01-\u0e3a\u0e40-\u0e4e\u0e81-\u0ebd\u0ec0-\u0ece\u0edc-\u0edf]" + _CLOSERS
                             + r"\s*$")
_COPYRIGHT = re.compile(r"©|\(c\)\s*\d{4}", re.IGNORECASE)  # in a sentence ended so: a page's copyright line
_TRUNCATED = re.compile(r"(\.\.\.|…|\[…\]|\[\.\.\.\])" + _CLOSERS + r"\s*$")
# "LONDON (Reuters) - ", "(CNN) -- ", "WASHINGTON, Dec. 3 (AP) — ", "MOSCOW — "
_DATELINE = re.compile(
    r"^\s*(?:[A-Z][A-Za-z.'’-]*(?:[ ,]+[A-Z][A-Za-z.'’-]*)*(?:,?\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*)?"
    r"(?:\((?:CNN|AP|AFP|Reuters|Bloomberg|UPI|dpa|[A-Z][A-Za-z ]{1,20})\)\s*)?"
    r"(?:--|—|–|-)\s+"
)
_DANGLING_DASH = re.compile(r"^\s*(?:--|—|–|-)\s+(?=[\"“‘A-Z0-9])")  # "- The ..." after a split-off dateline
_DATELINE_UPPER = re.compile(r"^\s*[A-Z]{3,}(?:[ ,]+[A-Z][A-Za-z]+)*\s*(?:--|—|–|-)\s+")
# a press release's wire dateline: "ORLEN, Castavia, June 4, 2025 /PRNewswire/ -- ", "ORLEN, Castavia--(BUSINESS
# WIRE)--", "ORLEN, Castavia, Jan. 9, 2026 (GLOBE NEWSWIRE) — ": a place, a date, the release wire's mark, a dash
_RELEASE_WIRE = (r"(?:/(?:PRNewswire|CNW|PRWeb|Newswire)(?:-[A-Za-z]+)*/"
                 r"|\((?:BUSINESS WIRE|GLOBE NEWSWIRE|ACCESSWIRE|ACCESS Newswire|PRWEB|EINPresswire"
                 r"|Newsfile Corp\.)\))")
_RELEASE_DATELINE = re.compile(
    r"^\s*[A-Z][A-Za-z.'’ -]{1,40}(?:,\s*[A-Z][A-Za-z.'’ -]{1,30}){0,2}"
    r"(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2},\s+\d{4})?"
    rf"(?:\s*(?:--|—|–|-))?\s*{_RELEASE_WIRE}\s*(?:--|—|–|-)\s*(?=[\"“‘A-Z0-9])")
# Openings that point back at something said before ("He added that", "This comes after"); the leading spaces taken
# possessively (``\s*+``), so a long run of them is read once, not once per way of sharing it with the second ``\s*``
_UNRESOLVED = re.compile(
    r"^\s*+[\"'“‘]?\s*(he|she|they|his|her|their|them|him|this|that|these|those|such|the latter|"
    r"the former|both|meanwhile|however|but|and|also|moreover|furthermore|in addition|additionally|"
    r"instead|nevertheless|nonetheless|still|yet|then|so|likewise|similarly|as a result|it also|"
    r"the (same|two|three|move|decision|comments?|remarks?|statement|incident|report)\b)\b",
    re.IGNORECASE,
)
# "It is a number that once seemed unimaginable.", "It was the first time ...", "It's one of the ...": "it" is what
# the sentence before said. Not the "it" of extraposition ("It is a shame that ...", "It is expected that ...": no
# article follows), of weather and time ("It was a cold morning ...") or of distance ("It is a long way to ...").
_EXTRAPOSED = (r"shame|pity|wonder|mystery|miracle|relief|surprise|fact|mistake|must|matter|question|disgrace|scandal"
               r"|privilege|honou?r|good idea|bad idea|good thing|bad thing|given|certainty|safe bet|truism")
_AMBIENT = (r"day|morning|afternoon|evening|night|week|weekend|month|year|season|summer|winter|spring|autumn"
            r"|long way|short way|far cry|short walk|long walk|short drive|long drive")
_IT_IS_A_NOUN = re.compile(
    r"^\s*+[\"'“‘]?\s*it(?:\s+(?:is|was|will be|would be|has been|had been|remains|remained)|['’]s)"
    r"\s+(?:(?:a|an|the)\s+|one of the\s+)"
    rf"(?!(?:[\w'’-]+\s+)?(?:{_EXTRAPOSED}|{_AMBIENT})\b)",
    re.IGNORECASE,
)
# in English words (bot/nlp/terms.py, word_length): words, or for the scripts written without spaces between words
# (and Amharic's) as many letters as say as much in English (six English words: some 8 Han, 25 Thai letters)
MIN_WORDS = 6
MAX_WORDS = 80


def junk_reason(text: str) -> str | None:
    """Why ``text`` must never be in a summary (page junk or a fragment), or None when it is usable."""
    stripped = text.strip()
    n_words = word_length(stripped)
    if n_words < MIN_WORDS:
        return "fragment"
    if n_words > MAX_WORDS:
        return "run-on"
    low = stripped.lower()
    for reason, gate, gate_search, pattern in _JUNK_PATTERNS:
        if (gate_search is None or gate_search.search(low)) \
                and pattern.search(straighten_quotations(stripped) if gate is _ARROW_GATE else stripped):
            return reason
    if _TRUNCATED.search(stripped):
        return "truncated"
    if not _TERMINAL.search(stripped):
        if _TERMINAL_OTHER.search(stripped) is None and _TERMINAL_SPACE.search(stripped) is None:
            return "fragment"
        if _COPYRIGHT.search(stripped):  # the "legal" rule above wants a word before "©" ("© 2026 สงวนลิขสิทธิ์")
            return "legal"
    first = stripped.lstrip("\"'“‘(").strip()
    if first[:1].islower():
        return "fragment"
    letters = _letters(stripped)
    if letters < 0.6 * len(stripped.replace(" ", "")):
        return "not prose"
    if stripped.isupper():
        return "shouting"
    if closes_unopened_quotation(stripped):  # a piece of a quotation the splitter cut: bot/nlp/line_shapes.py
        return "fragment"
    if is_caption(stripped):
        return "caption"
    return None


def _letters(text: str) -> int:
    """Letters of ``text``, with the marks written on them (Thai, Khmer, Myanmar, Tibetan and Devanagari vowel signs,
    Tibetan subjoined letters), which are part of a word as a Latin vowel is."""
    if text.isascii():
        return sum(map(str.isalpha, text))
    return sum(1 for char in text if char.isalpha() or unicodedata.category(char) in ("Mn", "Mc"))


def dateline_length(text: str, language: str = "en") -> int:
    """Characters of a leading dateline ("LONDON (Reuters) - ") to leave out of the quoted span; 0 if none. French,
    German, Spanish, Italian and Portuguese ones ("MADRID, 3 mar (EFE).- ") too: bot/nlp/reference_phrases.py; a press
    release's wire dateline ("ORLEN, Castavia, June 4, 2025 /PRNewswire/ -- ") in any language."""
    if own := refs.dateline_length(text, language):
        return own
    if release := release_dateline_length(text):
        return release
    dash = _DANGLING_DASH.match(text)
    if dash:
        return dash.end()
    for pattern in (_DATELINE_UPPER, _DATELINE):
        m = pattern.match(text)
        if m and m.end() < len(text) and len(words(m.group())) <= 6 and _looks_like_dateline(m.group()):
            return m.end()
    return 0


def release_dateline_length(text: str) -> int:
    """Characters of a press release's leading wire dateline ("ORLEN, Castavia, June 4, 2025 /PRNewswire/ -- "); 0
    if none."""
    release = _RELEASE_DATELINE.match(text)
    return release.end() if release else 0


def _looks_like_dateline(prefix: str) -> bool:
    core = prefix.strip(" -—–")
    return "(" in core or (core.split(",")[0].isupper() and len(core) >= 3)


def opens_with_reference(text: str, language: str = "en") -> bool:
    """True when the sentence starts by pointing back ("He added that ...", "This comes after ..."; in French,
    German, Spanish, Italian and Portuguese that language's openers: bot/nlp/reference_phrases.py)."""
    if (own := refs.opens_with_reference(text, language)) is not None:
        return own
    return _UNRESOLVED.match(text) is not None or _IT_IS_A_NOUN.match(text) is not None


_QUOTED = re.compile(r"[\"“][^\"”]*[\"”]")
_READER = re.compile(r"\b(?:you|your|yours|yourself|yourselves)\b", re.IGNORECASE)
_FEATURE_OPENING = re.compile(r"^\s*(?:imagine|picture this|think about|consider this)\b", re.IGNORECASE)


def addresses_reader(text: str, language: str = "en") -> bool:
    """True for a sentence that talks to the reader outside any quotation ("Imagine if you took your car
    into the shop ..."): a feature lede or commentary, not a statement of what happened. French, German, Spanish,
    Italian and Portuguese have their own words ("vous", "Sie", "usted": bot/nlp/reference_phrases.py)."""
    if (own := refs.addresses_reader(text, language)) is not None:
        return own
    return _FEATURE_OPENING.match(text) is not None or _READER.search(_unquoted(text)) is not None


def _unquoted(text: str) -> str:
    """``text`` with its quotations blanked (``_QUOTED``). Nothing after the last closing mark can be a quotation, so
    only the text up to it is searched: an opening mark with no close after it would be read to the text's end once
    for each such mark, quadratic on 100,000 of "“a" (docs/BENCHMARKS.md, "Long hostile lines")."""
    end = max(text.rfind('"'), text.rfind("”")) + 1
    return _QUOTED.sub(" ", text[:end]) + text[end:]
