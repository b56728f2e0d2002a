"""What an edit of an article changed, sentence by sentence, and whether it matters to a reader.

The diff: the old and new sentences (both from bot/nlp/sentences.py) are lined up with difflib; a sentence
that only moved (the same text removed in one place and added in another, as when paragraphs are reordered)
is no change; a removed sentence is paired with the added sentence of the same stretch whose words are most
alike (at least PAIR_SIMILARITY), and whatever is left over was removed or added. The cost is bounded: at most
MAX_SENTENCES sentences a side are compared, at most MAX_EXAMINED changes are judged, and what is kept is at
most MAX_CHANGES changes and MAX_BYTES bytes of text, each side cut to MAX_SIDE_CHARS around what changed (the
rest are counted in ``omitted``).

The rule. A change matters (its ``why``), judged in this order:

* ``correction``: an added sentence (or one rewritten into one) is an editor's note: "Correction:",
  "Clarification:", "Update:", "Editor's note:", "This article has been updated ...", "An earlier version of
  this article ...", with at least NOTE_WORDS content words (so "Updated: 14:05 GMT" is not one);
* nothing, when the two sides differ only in whitespace, punctuation or letter case, or both are page junk
  (bot/ingest/junk.py: share prompts, datelines, credits), or an added or removed sentence is page junk;
* ``number``: the numbers differ (digits, or number words such as "eleven", "forty", "zwölf"; not the clock time
  of a page stamp, "last updated at 14:05 GMT", nor a clock time in a headline: live pages move them on every
  visit);
* ``quote``: a quotation (between “ ” or " " or « ») was removed, added, or rewritten beyond a typo (its own
  edit ratio at least MINOR_EDIT_RATIO);
* ``negation``: a "not", "never", "no", "n't" ... came or went (in French, German, Spanish, Italian and
  Portuguese articles their own: "ne", "pas", "nicht", "kein", "nunca" ...);
* ``name``: the capitalised words not at a sentence start (names, places, days, months) differ;
* ``removed`` / ``added``: a sentence was removed or added that has at least MIN_CONTENT_WORDS content words
  (else only if it carries a quotation or a number, as above);
* ``wording``: a rewritten sentence whose character edit ratio is at least MINOR_EDIT_RATIO and in which at
  least MIN_CHANGED_WORDS content words came or went;
* else nothing: a typo-level edit (edit ratio under MINOR_EDIT_RATIO, no number, name, negation or quotation
  changed) or a small rewording.

A changed headline matters (``headline``) unless it is typo-level by the same rule; a headline the article
already had before (an outlet testing two headlines, flipping between them) is no change at all. An edit that
turns a short text (under TEASER_WORDS words) into one at least TEASER_GROWTH times as long is the feed's teaser being
replaced by its page's text (bot/ingest/full_text.py), not the outlet's edit: none of it matters. A revision
matters when its headline or any of its changes does; its ``why`` is the most important reason, in the order
of REASONS. The change shown for it (``top``, what an update names) is the first in the order of SHOWN: a fact
that changed (a number, a quotation, the headline, a "not", a name) before the editor's note about it.

Content words, and the capitalised words counted as names, leave out the stop words of the article's language
(bot/nlp/languages.py; English: sumy's list plus news words). French, German, Spanish, Italian and Portuguese
articles have their own negations and number words too (other languages use English's); calendar words,
page stamps and editor's notes ("Rectificatif :", "Berichtigung:", "Fe de erratas:", ...) in those five languages
too (bot/nlp/page_phrases.py), and in Russian, Chinese, Japanese and Arabic ("Исправление:", "更正：", "【訂正】",
"تصحيح:": bot/nlp/page_phrases_more.py).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import partial

from bot.ingest.junk import is_junk_line
from bot.nlp import page_phrases_more as more
from bot.nlp.edit_words import lexicon as words_of
from bot.nlp.languages import ENGLISH, language_name
from bot.nlp.page_phrases import CALENDAR, NOTE_LABELS, NOTE_SENTENCES, STAMPS, alternatives
from bot.nlp.terms import normalise_apostrophes, words

# most important first: the order a revision's reasons are ranked in (its ``why``)
REASONS = ("correction", "number", "quote", "headline", "negation", "name", "removed", "added", "wording")
# the order in which a revision's changes are shown (its top change, what an update names): a changed fact before
# the editor's note about it, which the update then counts among its other changes
SHOWN = ("number", "quote", "headline", "negation", "name", "correction", "removed", "added", "wording")
MINOR_EDIT_RATIO = 0.1  # changed characters / all characters under this: a typo-level edit
MIN_CONTENT_WORDS = 3  # an added or removed sentence with this many content words matters
MIN_CHANGED_WORDS = 2  # a rewritten sentence matters when this many content words came or went (and it is not minor)
NOTE_WORDS = 3  # an editor's note says at least this much (dates and times do not count)
PAIR_SIMILARITY = 0.4  # a removed and an added sentence this alike (share of words) are one rewritten sentence
TEASER_WORDS = 150  # ingest.full_text_min_words' default: shorter texts may be teasers
TEASER_GROWTH = 2.0
MAX_SENTENCES = 2000  # per side; the sentence splitter gives no more by default either
MAX_EXAMINED = 200  # changes judged per revision; the rest are counted as omitted
MAX_CHANGES = 20  # changes kept per revision (the ones that matter first)
MAX_BYTES = 8192  # text kept per revision, titles included
MAX_SIDE_CHARS = 400  # each side of a kept change is cut to this around what changed
_MAX_MIDDLE = 600  # characters compared one by one; longer middles are compared word by word ...
_MAX_WORDS = 400  # ... at most this many words a side (then the rest counts as changed)
_MAX_SENTENCE_CHARS = 2000  # a sentence is read this far (the splitter's own default cut)
_PAIR_BLOCK = 100  # removed x added sentences of one stretch paired by similarity; larger stretches in order
_PAIR_WORDS = 100  # words of each sentence compared to pair them

_SPACES = re.compile(r"\s+")
_NOT_WORD = re.compile(r"[^\w\s]")
_DIGITS = re.compile(r"\d+(?:[.,:]\d+)*")
_TOKEN = re.compile(r"\S+")
# 14:05, 14:05:30, 2:05 pm, 9.15am (a dot only before am/pm: 24.15 is a figure), with an optional zone
_CLOCK = re.compile(r"\b\d{1,2}(?::\d{2}(?::\d{2})?(?:\s*[ap]\.?m\b\.?)?|\.\d{2}\s*[ap]\.?m\b\.?)"
                    r"(?:\s*(?:GMT|UTC|BST|CET|CEST|[A-Z]{2,4}T)\b)?", re.IGNORECASE)
_STAMP = re.compile(r"\b(?:updated|published|posted|modified|edited|last update|live)\b|(?<!\w)"  # not "Zustand:"
                    + alternatives((*STAMPS, *more.STAMPS)), re.IGNORECASE)
_QUOTE = re.compile(r"“([^”]{2,})”|\"([^\"]{2,})\"|«([^»]{2,})»")
_NOTE = re.compile(
    r"^\W*(?:(?:correction|clarification|update|updated|editor'?s note|note)\s*[:\-–—]"
    r"|this (?:article|story|report|piece) (?:has been|was) (?:updated|corrected|amended|changed|clarified)"
    r"|an earlier version of this (?:article|story|report|piece)"
    rf"|{alternatives(NOTE_LABELS)}\s*[:\-–—]|{alternatives(NOTE_SENTENCES)}"  # and in five other languages
    rf"|{alternatives(more.NOTE_LABELS)}\s*[:：\-–—】\]]|{alternatives(more.NOTE_SENTENCES)})",  # and four more
    re.IGNORECASE)
_CALENDAR_TEXT = """january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec gmt utc bst cet est edt pst am pm
    monday tuesday wednesday thursday friday saturday sunday"""
_CALENDAR = frozenset((_CALENDAR_TEXT + " " + CALENDAR + " " + more.CALENDAR).split())


@dataclass(frozen=True, slots=True)
class Change:
    """One sentence rewritten (both sides), removed (``after`` empty) or added (``before`` empty); ``why`` is the
    reason it matters, "" when it does not."""

    before: str
    after: str
    why: str = ""


@dataclass(frozen=True, slots=True)
class Revision:
    """What one edit changed: the headline (both None when it stayed), the changes kept (in text order), how
    many more there were, and whether the edit was a teaser replaced by its page's text."""

    title_before: str | None
    title_after: str | None
    changes: tuple[Change, ...]
    omitted: int = 0
    expanded: bool = False
    language: str = ENGLISH  # the article's: whose stop words and negations the headline is judged by

    @property
    def headline_why(self) -> str:
        if self.expanded or self.title_before is None or self.title_after is None:
            return ""
        return headline_reason(self.title_before, self.title_after, self.language)

    @property
    def why(self) -> str:
        """The most important reason any part of it matters ("" when none does)."""
        found = [c.why for c in self.changes if c.why] + ([self.headline_why] if self.headline_why else [])
        return min(found, key=rank) if found else ""

    @property
    def substantive(self) -> bool:
        return bool(self.why)

    def top(self) -> Change | None:
        """The change to show: the first by SHOWN (the headline counted as a change), first in the text: a fact
        that changed rather than the note saying so."""
        return top_change(self.title_before, self.title_after, self.changes, expanded=self.expanded,
                          language=self.language)


def rank(why: str) -> int:
    """Position of a reason in REASONS (unknown or "" last)."""
    return REASONS.index(why) if why in REASONS else len(REASONS)


def shown_rank(why: str) -> int:
    """Position of a reason in SHOWN (unknown or "" last): which change an update names."""
    return SHOWN.index(why) if why in SHOWN else len(SHOWN)


def top_change(title_before: str | None, title_after: str | None, changes: Sequence[Change], *,
               expanded: bool = False, language: str = ENGLISH) -> Change | None:
    candidates = [c for c in changes if c.why]
    if not expanded and title_before is not None and title_after is not None:
        why = headline_reason(title_before, title_after, language)
        if why:
            candidates.append(Change(title_before, title_after, why))
    return min(candidates, key=lambda c: shown_rank(c.why)) if candidates else None


def same_words(a: str, b: str) -> bool:
    """Whether texts ``a`` and ``b`` differ in punctuation and spacing alone (letter case and digits count)."""
    def fold(text: str) -> str:
        return _SPACES.sub(" ", _NOT_WORD.sub(" ", normalise_apostrophes(text))).strip()
    return fold(a) == fold(b)


def normalised(text: str) -> str:
    """Case, punctuation and spacing folded away: what stays the same under a whitespace or punctuation edit."""
    return _SPACES.sub(" ", _NOT_WORD.sub(" ", normalise_apostrophes(text).casefold())).strip()


def without_stamps(text: str) -> str:
    """``text`` without the clock times of a page stamp ("last updated at 14:05 GMT"), which live pages move on
    every visit: in a sentence that says it was updated, published, posted or edited."""
    return _CLOCK.sub(" ", text) if _STAMP.search(text) else text


def numbers(text: str, language: str = ENGLISH) -> Counter[str]:
    """The numbers a text states: digits (thousands separators dropped) and number words of ``language``; not a
    page stamp's clock time."""
    text = without_stamps(text)
    found: Counter[str] = Counter(m.group().replace(",", "") for m in _DIGITS.finditer(text))
    number_words = words_of(language).numbers
    found.update(w.lower() for w in words(text) if w.lower() in number_words)
    return found


def quotations(text: str) -> list[str]:
    return [normalised(next(g for g in m.groups() if g is not None)) for m in _QUOTE.finditer(text)]


def names(text: str, language: str = ENGLISH) -> Counter[str]:
    """Capitalised words not at the start of a sentence (nor stop words of ``language``): names, places, days,
    months."""
    text = normalise_apostrophes(text)
    stop = words_of(language).stop
    out: Counter[str] = Counter()
    for m in _TOKEN.finditer(text):
        token = m.group().strip("\"“”'‘’()[]«»,;:.!?—–-")
        before = text[: m.start()].rstrip(" \"“'‘(«[")
        if not token or not token[0].isupper() or not before or before[-1] in ".!?:":
            continue
        if token.lower() not in stop or token.lower() in _CALENDAR:  # "Tuesday" is no stop word here
            out[token.lower()] += 1
    return out


def content_words(text: str, language: str = ENGLISH) -> set[str]:
    """Lower-case words of ``text`` that are not stop words of ``language`` (nor digits nor single letters)."""
    lexicon = words_of(language)
    found = (lexicon.normal(w) for w in words(text) if len(w) > 1 and not w[0].isdigit())
    return {w for w in found if w not in lexicon.stop}


def negations(text: str, language: str = ENGLISH) -> int:
    """How many negation words ``text`` holds in ``language`` ("not", "n't"; "ne"/"n'", "pas"; "nicht" ...)."""
    lexicon = words_of(language)
    if not lexicon.elisions:
        return sum(1 for w in words(text) if w.lower() in lexicon.negations or w.lower().endswith("n't"))
    return sum(1 for w in words(text) if w.lower() in lexicon.negations or w.lower().partition("'")[0]
               in lexicon.negations)


def is_note(text: str, language: str = ENGLISH) -> bool:
    """An editor's note (correction, clarification, update) that says something, not a bare timestamp."""
    if not _NOTE.match(text):
        return False
    said = [w for w in content_words(text, language) if w not in _CALENDAR]
    return len(said) >= NOTE_WORDS


def is_junk(text: str) -> bool:
    return is_junk_line(text.strip()) or not any(c.isalpha() for c in text)


def edit_ratio(a: str, b: str) -> float:
    """Changed characters over all characters of both sides (0 same, 1 nothing in common). The common start and
    end are set aside first; a long middle is compared word by word, so the cost stays small."""
    total = len(a) + len(b)
    if total == 0:
        return 0.0
    start = 0
    limit = min(len(a), len(b))
    while start < limit and a[start] == b[start]:
        start += 1
    end = 0
    while end < limit - start and a[-1 - end] == b[-1 - end]:
        end += 1
    mid_a, mid_b = a[start:len(a) - end], b[start:len(b) - end]
    if len(mid_a) + len(mid_b) <= _MAX_MIDDLE:
        matched = sum(m.size for m in SequenceMatcher(None, mid_a, mid_b, autojunk=False).get_matching_blocks())
    else:
        ta, tb = mid_a.split(" ")[:_MAX_WORDS], mid_b.split(" ")[:_MAX_WORDS]
        blocks = SequenceMatcher(None, ta, tb, autojunk=False).get_matching_blocks()
        matched = sum(len(" ".join(ta[m.a:m.a + m.size])) for m in blocks if m.size)
    return (len(mid_a) + len(mid_b) - 2 * matched) / total


def _quotes_changed(before: str, after: str) -> bool:
    qa, qb = quotations(before), quotations(after)

    def unmatched(these: list[str], others: list[str]) -> bool:
        return any(all(edit_ratio(q, o) >= MINOR_EDIT_RATIO for o in others) for q in these)

    return unmatched(qa, qb) or unmatched(qb, qa)


def _one_side(text: str, added: bool, language: str) -> str:
    """Why an added (or removed) sentence matters, or ""."""
    if added and is_note(text, language):
        return "correction"
    if is_junk(text):
        return ""
    if quotations(text):
        return "quote"
    if len(content_words(text, language)) >= MIN_CONTENT_WORDS:
        return "added" if added else "removed"
    return "number" if numbers(text, language) else ""


def classify(before: str, after: str, language: str = ENGLISH) -> str:
    """Why changing sentence ``before`` into ``after`` matters ("" added, "" removed), or "" when it does not:
    the rule of this module's docstring, with the stop words and negations of the article's ``language``."""
    if not before or not after:
        return _one_side(after or before, not before, language) if (before or after) else ""
    if normalised(before) == normalised(after):
        return ""
    if is_note(after, language) and not is_note(before, language):
        return "correction"
    if is_junk(before) and is_junk(after):
        return ""
    if numbers(before, language) != numbers(after, language):
        return "number"
    if _quotes_changed(before, after):
        return "quote"
    if negations(before, language) != negations(after, language):
        return "negation"
    if names(before, language) != names(after, language):
        return "name"
    if edit_ratio(before, after) < MINOR_EDIT_RATIO:
        return ""
    changed = content_words(before, language) ^ content_words(after, language)
    return "wording" if len(changed) >= MIN_CHANGED_WORDS else ""


def known_headline(title: str, earlier: Collection[str]) -> bool:
    """Whether ``title`` is, bar whitespace, punctuation, case and a live page's clock time, one of ``earlier``."""
    if not earlier:
        return False
    seen = {normalised(_CLOCK.sub(" ", t)) for t in earlier}
    return normalised(_CLOCK.sub(" ", title)) in seen


def headline_reason(before: str, after: str, language: str = ENGLISH) -> str:
    """"headline" when a headline changed in a way that matters, else "": any change but whitespace, punctuation,
    letter case or a typo-level edit (edit ratio under MINOR_EDIT_RATIO, no number, name, negation or quotation
    changed)."""
    before, after = _CLOCK.sub(" ", before), _CLOCK.sub(" ", after)  # a live page's "(updated 14:05)" moves on its own
    if before == after or normalised(before) == normalised(after):
        return ""
    return "headline" if classify(before, after, language) or edit_ratio(before, after) >= MINOR_EDIT_RATIO else ""


def excerpt(before: str, after: str, width: int, context: int = 4) -> tuple[str, str]:
    """Both sides shortened to what changed, with ``context`` words either side and "…" where cut, each at most
    about ``width`` characters: “… 11 injured in …” / “… 14 injured in …”. A one-sided change keeps its start."""
    if not before or not after:
        return _clip(before, width), _clip(after, width)
    ta, tb = _TOKEN.findall(before), _TOKEN.findall(after)
    start = 0
    while start < min(len(ta), len(tb)) and ta[start] == tb[start]:
        start += 1
    end = 0
    while end < min(len(ta), len(tb)) - start and ta[-1 - end] == tb[-1 - end]:
        end += 1
    return _window(ta, start, len(ta) - end, context, width), _window(tb, start, len(tb) - end, context, width)


def _window(tokens: list[str], start: int, end: int, context: int, width: int) -> str:
    """tokens[start:end] with ``context`` tokens either side (fewer before when that would not fit)."""
    hi = min(len(tokens), end + context)
    lo = max(0, start - context)
    if len(" ".join(tokens[lo:hi])) > width:
        lo = max(0, start - 1)
    text = " ".join(tokens[lo:hi])
    text = _clip(text, width) if len(text) > width else text
    return ("…" if lo > 0 else "") + text + ("…" if hi < len(tokens) and not text.endswith("…") else "")


def _clip(text: str, width: int) -> str:
    """``text`` cut at a word boundary to about ``width`` characters, "…" marking the cut."""
    text = _SPACES.sub(" ", text).strip()
    if len(text) <= width:
        return text
    cut = text.rfind(" ", 0, width)
    return text[: cut if cut > width // 2 else width].rstrip() + "…"


def _similarity(a: str, b: str) -> float:
    """Share of words two sentences have in common, in order (their first _PAIR_WORDS words)."""
    wa, wb = normalised(a).split()[:_PAIR_WORDS], normalised(b).split()[:_PAIR_WORDS]
    return SequenceMatcher(None, wa, wb, autojunk=False).ratio()


def _pair(removed: list[str], added: list[str]) -> list[tuple[str, str]]:
    """One stretch's removed and added sentences as (before, after) pairs in text order (a lone removed sentence
    where it stood); pairs need PAIR_SIMILARITY, larger stretches pair in order."""
    partner: dict[int, int] = {}
    if len(removed) * len(added) <= _PAIR_BLOCK:
        scored = sorted(((_similarity(r, a), i, j) for i, r in enumerate(removed) for j, a in enumerate(added)),
                        key=lambda t: (-t[0], t[1], t[2]))
        taken: set[int] = set()
        for score, i, j in scored:
            if score >= PAIR_SIMILARITY and i not in partner and j not in taken:
                partner[i] = j
                taken.add(j)
    else:
        partner = {i: i for i in range(min(len(removed), len(added)))
                   if _similarity(removed[i], added[i]) >= PAIR_SIMILARITY}
    by_added = {j: i for i, j in partner.items()}
    placed: list[tuple[float, tuple[str, str]]] = [
        (j, (removed[by_added[j]], a) if j in by_added else ("", a)) for j, a in enumerate(added)]
    after = -0.5  # a lone removed sentence goes after the pair of the removed sentence before it
    for i, r in enumerate(removed):
        if i in partner:
            after = partner[i] + 0.5
        else:
            placed.append((after, (r, "")))
    return [pair for _, pair in sorted(placed, key=lambda t: t[0])]


def sentence_changes(before: Sequence[str], after: Sequence[str]) -> list[tuple[str, str]]:
    """(before, after) pairs in text order: rewritten, removed ("" after) or added ("" before) sentences; a
    sentence that only moved is left out."""
    old = [s[:_MAX_SENTENCE_CHARS] for s in before[:MAX_SENTENCES]]
    new = [s[:_MAX_SENTENCE_CHARS] for s in after[:MAX_SENTENCES]]
    blocks: list[tuple[list[str], list[str]]] = []
    # difflib's autojunk leaves a sentence repeated all over the text unmatched: then it is a "move", below
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old, new).get_opcodes():
        if tag != "equal":
            blocks.append((old[i1:i2], new[j1:j2]))
    # moved sentences: the same text (bar spacing and punctuation) gone from one place and come to another
    gone = Counter(normalised(s) for removed, _ in blocks for s in removed)
    came = Counter(normalised(s) for _, added in blocks for s in added)
    skip_removed, skip_added = gone & came, gone & came
    out: list[tuple[str, str]] = []
    for removed, added in blocks:
        out += _pair([s for s in removed if not _take(skip_removed, s)], [s for s in added if not _take(skip_added, s)])
    return out


def _take(counts: Counter[str], sentence: str) -> bool:
    """Whether ``sentence`` is one of ``counts`` (then counted off)."""
    key = normalised(sentence)
    if counts[key] <= 0:
        return False
    counts[key] -= 1
    return True


def _size(change: Change) -> int:
    return len(change.before.encode()) + len(change.after.encode())


def diff_revision(title_before: str, before: Sequence[str], title_after: str,
                  after: Sequence[str], earlier_titles: Collection[str] = (), *,
                  language: str = ENGLISH) -> Revision | None:
    """What changed from one version (headline, sentences) to the next; None when no sentence changed (bar
    moves) and the headline stayed. ``earlier_titles``: headlines the article had before ``title_before``; going
    back to one of them is no headline change (an outlet testing two headlines flips between them all day).
    ``language``: the article's, whose stop words and negations the changes are judged by."""
    pairs = sentence_changes(before, after)
    retitled = title_before != title_after and not known_headline(title_after, earlier_titles)
    if not pairs and not retitled:
        return None
    old_words = sum(len(words(s)) for s in before[:MAX_SENTENCES])
    new_words = sum(len(words(s)) for s in after[:MAX_SENTENCES])
    expanded = old_words < TEASER_WORDS and new_words >= TEASER_GROWTH * max(old_words, 1)
    # English, the default, is judged as classify(before, after) always was
    judge = classify if language_name(language) == ENGLISH else partial(classify, language=language)
    judged = [(n, Change(*excerpt(b, a, MAX_SIDE_CHARS, context=12), "" if expanded else judge(b, a)))
              for n, (b, a) in enumerate(pairs[:MAX_EXAMINED])]
    titles = (_clip(title_before, MAX_SIDE_CHARS), _clip(title_after, MAX_SIDE_CHARS)) if retitled else None
    budget = MAX_BYTES - (len(titles[0].encode()) + len(titles[1].encode()) if titles else 0)
    kept: list[tuple[int, Change]] = []
    for n, change in sorted(judged, key=lambda t: (rank(t[1].why), t[0])):  # the ones that matter first
        if len(kept) >= MAX_CHANGES or _size(change) > budget:
            continue
        kept.append((n, change))
        budget -= _size(change)
    kept.sort(key=lambda t: t[0])
    return Revision(titles[0] if titles else None, titles[1] if titles else None, tuple(c for _, c in kept),
                    omitted=len(pairs) - len(kept), expanded=expanded, language=language)
