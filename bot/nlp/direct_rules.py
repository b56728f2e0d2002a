"""The rules that tie a quotation to a speech cue right before, after or inside it, with the speaker phrase."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from bot.nlp.direct_speakers import MAX_PHRASE_TOKENS, Phrase, clause_starts, parse_backward, parse_forward
from bot.nlp.direct_words import Words

_INVERTED = re.compile(r"^(?P<verb>.+?)(?:-t)?-(?P<pronoun>il|elle|ils|elles|on)$")
_DASHES = "—–―"
_SENTENCE_END = ".!?…"
_QUOTE_OPENERS = "«»„“\"‹›"  # a quotation may follow a quotation that ends its sentence
MAX_STRETCH = 8  # words allowed between a cue and the colon before its quotation ("a déclaré mardi à Paris :")
_SPACE = " \t\u00a0\u202f"


@dataclass(frozen=True, slots=True)
class Cue:
    """A verb of saying as tokens [start, end): "a déclaré", "sagte", "a-t-il ajouté"."""

    start: int
    end: int
    plural: bool
    pronoun: str = ""  # the "il" of "a-t-il ajouté"


@dataclass(frozen=True, slots=True)
class DirectFound:
    """One direct quotation tied to its cue; character offsets; speaker -1 when no subject is written."""

    cue: str
    cue_start: int
    cue_end: int
    start: int
    end: int
    speaker_start: int
    speaker_end: int
    phrase: Phrase | None  # None: a pronoun inside the cue ("a-t-il") or no subject ("añadió")
    pronoun: str  # the speaker is this pronoun (to resolve), "" otherwise
    gender: str
    source: bool = False  # "selon X", "laut X": an outlet or organisation counts as the speaker
    after: int = -1  # where the attribution phrase after the quotation ends (for a quotation resuming)


def cue_at(words: Words, i: int) -> Cue | None:
    """The verb of saying starting at token i: a finite form, or an auxiliary, a few adverbs and a participle."""
    cues = words.cues
    low = words.lower(i)
    if not low or not words.tokens[i].word:
        return None
    reflexive = _reflexive(words, i)
    if reflexive is not None:
        return reflexive
    verb, pronoun = _inverted(words, low)
    if verb in cues.aux_sg or verb in cues.aux_pl:
        j = i + 1
        while j < len(words) and j - i - 1 <= cues.aux_gap and words.same_line(i, j):
            if words.lower(j) in cues.participles:
                return Cue(i, j + 1, verb in cues.aux_pl, pronoun)
            if not _gap_word(words, j):
                break
            j += 1
        return None
    if verb in cues.finite_sg:
        return Cue(i, i + 1, False, pronoun)
    if verb in cues.finite_pl:
        return Cue(i, i + 1, True, pronoun)
    return None


def _inverted(words: Words, low: str) -> tuple[str, str]:
    """French "a-t-il" -> ("a", "il"); anything else as it is, with no pronoun."""
    if words.cues.inverted_pronouns:
        m = _INVERTED.match(low)
        if m is not None:
            return m.group("verb"), m.group("pronoun")
    return low, ""


def _reflexive(words: Words, i: int) -> Cue | None:
    """"s'agace", "s'agace-t-elle", "se queja", "si lamenta", "queixa-se", "ärgert sich": a singular cue."""
    cues = words.cues
    if not cues.reflexive:
        return None
    low, nxt = words.lower(i), words.lower(i + 1)
    if cues.code == "de":
        return Cue(i, i + 2, False) if low in cues.reflexive and nxt in cues.reflexive_clitics else None
    if low.endswith("-se") and low[:-3] in cues.reflexive:
        return Cue(i, i + 1, False)
    if low in cues.reflexive_clitics and i + 1 < len(words) and words.same_line(i, i + 1):
        verb, pronoun = _inverted(words, nxt)
        if verb in cues.reflexive:
            return Cue(i, i + 2, False, pronoun)
    return None


def _gap_word(words: Words, j: int) -> bool:
    cues = words.cues
    low = words.lower(j)
    if not words.tokens[j].word or words.is_cue_word(j) or low in cues.complementizers:
        return False
    if not cues.gap_words and not cues.gap_suffix:
        return True  # German: "hat am Montag in Berlin gesagt"
    return low in cues.gap_words or (bool(cues.gap_suffix) and low.endswith(cues.gap_suffix))


def cue_ending_at(words: Words, c: int) -> Cue | None:
    """The cue whose last token is c, the compound one first ("a déclaré" rather than "déclaré")."""
    for start in range(max(0, c - words.cues.aux_gap - 1), c + 1):
        cue = cue_at(words, start)
        if cue is not None and cue.end == c + 1:
            return cue
    return None


def source_at(words: Words, i: int) -> int | None:
    """End of "selon", "d'après", "de acuerdo con" ... starting at token i."""
    for seq in words.cues.sources:
        if all(words.lower(i + k) == w for k, w in enumerate(seq)):
            return i + len(seq)
    return None


def _opens_clause(text: str, qs: int) -> bool:
    """Nothing but a sentence end, a colon or a line start before the quotation."""
    i = qs - 1
    while i >= 0 and text[i] in _SPACE:
        i -= 1
    if i > 0 and text[i] in _QUOTE_OPENERS + "”‘’":
        k = i - 1
        while k > 0 and text[k] in _SPACE:
            k -= 1  # French sets a space inside the guillemet: « … . » « … »
        if text[k] in _SENTENCE_END:
            return True  # after a quotation that ends its sentence: « … . » « … », a-t-il dit
    return i < 0 or text[i] == "\n" or text[i] in _SENTENCE_END + ":;"


def _ends_clause(text: str, qs: int, qe: int) -> bool:
    """The quotation is the end of its clause (not a phrase inside one: « non » à la réforme)."""
    i = qe
    while i < len(text) and text[i] in _SPACE:
        i += 1
    if i >= len(text) or text[i] == "\n" or text[i] in _SENTENCE_END + ",;)":
        return True
    inner = text[qs + 1:qe - 1].rstrip(_SPACE)
    return (text[i].isupper() or text[i] in _QUOTE_OPENERS) and inner[-1:] in _SENTENCE_END


def _agrees(cue: Cue, phrase: Phrase | None) -> bool:
    """A plural verb with a plural subject, a singular one with a singular subject."""
    if phrase is None:
        return not cue.plural
    if cue.plural:
        return phrase.plural or (phrase.role is not None and phrase.name is None and not phrase.pronoun)
    return not phrase.plural


def _coordinated(words: Words, end: int) -> bool:
    """"Jean Dupont et Marie Martin": two speakers; not one of them."""
    return words.lower(end) in words.cues.conjunctions and (
        words.is_determiner(end + 1) or words.name_end(end + 1) > end + 1)


def _speaker_after_cue(words: Words, cue: Cue) -> tuple[Phrase | None, str, bool]:
    """(phrase, pronoun, found) for the subject after an inverted cue, a pronoun in it, or no subject."""
    if cue.pronoun:
        return None, cue.pronoun, cue.pronoun in words.cues.pronouns
    phrase = parse_forward(words, cue.end)
    if phrase is not None:
        if phrase.plural and phrase.pronoun:
            return None, "", False
        if not _agrees(cue, phrase) or _coordinated(words, phrase.tail) or not _ends_phrase(words, phrase.tail):
            return None, "", False
        return phrase, phrase.pronoun, True
    if words.cues.null_subject and not cue.plural and _no_subject(words, cue.end):
        return None, "", True
    return None, "", False


def _ends_phrase(words: Words, j: int) -> bool:
    """What follows a speaker phrase: punctuation, the end, a lower-case word (a German noun too); not a line
    break with no punctuation before it (a hard-wrapped line: "la maire⏎Claire Morel")."""
    if j >= len(words):
        return True
    if not words.same_line(j - 1, j):
        return False
    if not words.tokens[j].word:
        return True
    return words.tokens[j].text[0].islower() or words.cues.code == "de"


def _no_subject(words: Words, j: int) -> bool:
    """After a cue with no subject written: punctuation, the end, or a preposition or adverb."""
    if j >= len(words):
        return True
    if not words.same_line(j - 1, j):
        return False
    if not words.tokens[j].word:
        return True
    low = words.lower(j)
    cues = words.cues
    return (low in cues.function_words and low not in cues.determiners and low not in cues.pronouns
            and words.tokens[j].text[0].islower())


def _speaker_chars(words: Words, phrase: Phrase | None, cue: Cue | None) -> tuple[int, int]:
    if phrase is not None:
        return words.tokens[phrase.start].start, words.tokens[phrase.end - 1].end
    if cue is not None and cue.pronoun:
        tok = words.tokens[cue.start]
        return tok.end - len(cue.pronoun), tok.end
    return -1, -1


def _found(words: Words, cue: Cue, start: int, end: int, phrase: Phrase | None, pronoun: str,
           after: int = -1) -> DirectFound:
    first, last = words.tokens[cue.start], words.tokens[cue.end - 1]
    s_start, s_end = _speaker_chars(words, phrase, cue)
    gender = phrase.gender if phrase is not None else words.cues.pronouns.get(pronoun, "")
    return DirectFound(words.text[first.start:last.end], first.start, last.end, start, end, s_start, s_end,
                       phrase, pronoun, gender, after=after)


def _source_found(words: Words, first: int, last: int, start: int, end: int, phrase: Phrase,
                  after: int = -1) -> DirectFound:
    cue_s, cue_e = words.tokens[first].start, words.tokens[last].end
    s_start, s_end = words.tokens[phrase.start].start, words.tokens[phrase.end - 1].end
    return DirectFound(words.text[cue_s:cue_e], cue_s, cue_e, start, end, s_start, s_end, phrase, phrase.pronoun,
                       phrase.gender, source=True, after=after)


def _after(words: Words, qs: int, qe: int) -> DirectFound | None:
    """« … », a déclaré X / „…“, sagte er / «…», dijo. / "…", segundo o ministro / „…“, so Scholz."""
    if not _opens_clause(words.text, qs):
        return None
    j = words.first_at(qe)
    comma = j < len(words) and words.is_mark(j, ",")
    if comma:
        j += 1
    if j >= len(words) or not words.same_line(words.first_at(qe - 1), j):
        return None
    cues = words.cues
    src = source_at(words, j)
    if src is not None:
        phrase = parse_forward(words, src, after_source=True)
        if phrase is None or (phrase.plural and not phrase.members) or not _ends_phrase(words, phrase.tail):
            return None
        return _source_found(words, j, src - 1, qs, qe, phrase, _phrase_end(words, phrase))
    if words.lower(j) in cues.after_only:
        phrase = parse_forward(words, j + 1)
        if phrase is None or (phrase.pronoun and phrase.plural) or not _ends_phrase(words, phrase.tail):
            return None
        return _found(words, Cue(j, j + 1, phrase.plural), qs, qe, phrase, phrase.pronoun,
                      _phrase_end(words, phrase))
    cue = cue_at(words, j)
    if cue is not None:
        phrase, pronoun, ok = _speaker_after_cue(words, cue)
        if not ok or (phrase is None and not pronoun and not comma):
            return None  # «Cien años de soledad» dice en su prólogo ...: a title, not speech
        last = phrase.tail if phrase is not None else cue.end
        if words.lower(last) in cues.verb_particles and not (last + 1 < len(words) and words.tokens[last + 1].word):
            last += 1  # „…“, fügte er hinzu. „…“
        return _found(words, cue, qs, qe, phrase, pronoun, words.tokens[last - 1].end)
    if cues.postpositions:  # „…“, dem Bericht zufolge
        phrase = parse_forward(words, j)
        if phrase is not None and not phrase.pronoun and words.lower(phrase.tail) in cues.postpositions:
            return _source_found(words, phrase.tail, phrase.tail, qs, qe, phrase,
                                 words.tokens[phrase.tail].end)
    return None


def _phrase_end(words: Words, phrase: Phrase) -> int:
    return words.tokens[phrase.tail - 1].end


def _incise(words: Words, qs: int, qe: int) -> DirectFound | None:
    """« Nous sommes prêts, a déclaré le ministre, mais rien n'est fait » / «Listos —dijo él—, pero ...»."""
    if not _opens_clause(words.text, qs):
        return None
    first, close = words.first_at(qs), words.first_at(qe - 1)
    for k in range(first + 2, close - 1):
        if not words.is_mark(k, "," + _DASHES):
            continue
        cue = cue_at(words, k + 1)
        if cue is None or cue.end >= close:
            continue
        phrase, pronoun, ok = _speaker_after_cue(words, cue)
        if not ok:
            return None
        t = phrase.tail if phrase is not None else cue.end
        if t < close and words.is_mark(t, "," + _DASHES + ".;") and any(
                words.tokens[x].word for x in range(t + 1, close)):
            return _found(words, cue, qs, qe, phrase, pronoun)
        return None
    return None


def _floor(words: Words, i0: int, quotes_before: int) -> int:
    """The first token of the sentence (and line) holding token i0, after any earlier quotation."""
    k = i0 - 1
    while k >= 0 and words.tokens[k].end > quotes_before and words.same_line(k, i0):
        if words.is_mark(k, _SENTENCE_END):
            break
        k -= 1
    return k + 1


def _before(words: Words, qs: int, qe: int, quotes_before: int) -> DirectFound | None:
    """Le ministre a déclaré : « … » / Dazu sagte Scholz: „…“ / Selon lui, « … » / Añadió: «…»."""
    i0 = words.first_at(qs)
    e = i0 - 1
    if e < 0 or not words.same_line(e, i0) or not _ends_clause(words.text, qs, qe):
        return None
    sep = words.tokens[e].text if words.is_mark(e, ":,") else ""
    if sep:
        e -= 1
    floor = _floor(words, i0, quotes_before)
    if e < floor:
        return None
    found = _source_before(words, qs, qe, e, floor, sep)
    if found is not None:
        return found
    for c in range(e, floor - 1, -1):
        cue = cue_ending_at(words, c)
        if cue is not None:
            return _cue_first(words, qs, qe, cue, e, sep, floor)
    return None


def _source_before(words: Words, qs: int, qe: int, e: int, floor: int, sep: str) -> DirectFound | None:
    """"Selon le ministre, « … »", "Der Sprecherin zufolge: „…“"."""
    if not sep:
        return None
    for k in range(max(floor, e - MAX_PHRASE_TOKENS), e + 1):
        if not clause_starts(words, k):
            continue
        src = source_at(words, k)
        if src is not None:
            phrase = parse_forward(words, src, after_source=True)
            if phrase is not None and not (phrase.plural and not phrase.members) and phrase.tail == e + 1:
                return _source_found(words, k, src - 1, qs, qe, phrase)
        if words.lower(e) in words.cues.postpositions:
            phrase = parse_forward(words, k)
            if phrase is not None and not phrase.pronoun and phrase.tail == e:
                return _source_found(words, e, e, qs, qe, phrase)
    return None


def _cue_first(words: Words, qs: int, qe: int, cue: Cue, e: int, sep: str, floor: int) -> DirectFound | None:
    phrase: Phrase | None = None
    pronoun = cue.pronoun
    rest = cue.end
    if cue.pronoun:
        if cue.pronoun not in words.cues.pronouns:
            return None
    else:
        before = parse_backward(words, cue.start, floor)
        after = parse_forward(words, cue.end) if cue.end <= e else None
        if before is not None:
            phrase = before
        elif after is not None and not (after.pronoun and after.plural):
            phrase, rest = after, after.tail
        elif not (words.cues.null_subject and sep == ":" and cue.end == e + 1 and clause_starts(words, cue.start)):
            return None
        if phrase is not None:
            if (phrase.pronoun and phrase.plural) or not _agrees(cue, phrase):
                return None
            pronoun = phrase.pronoun
        elif cue.plural:
            return None
    if rest <= e and not (sep == ":" and _stretch(words, rest, e)):
        return None
    return _found(words, cue, qs, qe, phrase, pronoun)


def _stretch(words: Words, lo: int, hi: int) -> bool:
    """Words between a cue and the colon before its quotation: "a déclaré mardi devant les députés :"."""
    if hi - lo + 1 > MAX_STRETCH or not words.same_line(lo, hi):
        return False
    for k in range(lo, hi + 1):
        tok = words.tokens[k]
        if not tok.word and tok.text != ",":
            return False
        if tok.word and (words.lower(k) in words.cues.complementizers or cue_at(words, k) is not None):
            return False
    return True


def _dash_speech(words: Words, taken: list[tuple[int, int]]) -> list[DirectFound]:
    """Spanish dialogue: a paragraph opening with a dash, its speech up to " —dijo X—", and on after it."""
    text = words.text
    out: list[DirectFound] = []
    for line in re.finditer(r"[^\n]+", text):
        lead = line.start() + len(line.group()) - len(line.group().lstrip(_SPACE))
        if lead >= line.end() or text[lead] not in _DASHES:
            continue
        if any(s < line.end() and line.start() < e for s, e in taken):
            continue
        found = _dash_line(words, lead, line.end())
        if found is not None:
            out.append(found)
    return out


def _dash_line(words: Words, lead: int, line_end: int) -> DirectFound | None:
    text = words.text
    first, last = words.first_at(lead) + 1, words.first_at(line_end)
    for k in range(first + 1, last - 1):
        if not words.is_mark(k, _DASHES):
            continue
        cue = cue_at(words, k + 1)
        if cue is None:
            return None
        phrase, pronoun, ok = _speaker_after_cue(words, cue)
        t = phrase.tail if phrase is not None else cue.end
        if not ok or (t < last and not words.is_mark(t, _DASHES + ".,;")):
            return None
        start = lead + 1
        while start < line_end and text[start] in _SPACE:
            start += 1
        end = words.tokens[k].start
        close = next((x for x in range(t, last) if words.is_mark(x, _DASHES)), None)  # the incise's closing dash
        if close is not None and any(words.tokens[x].word for x in range(close + 1, last)):
            end = line_end  # —Listos —dijo—. Ahora toca trabajar.
        while end > start and text[end - 1] in _SPACE:
            end -= 1
        if not any(ch.isalpha() for ch in text[start:end]):
            return None
        return _found(words, cue, start, end, phrase, pronoun)
    return None


def _resumes(text: str, f: DirectFound, qs: int, qe: int) -> bool:
    """« A », a déclaré X. « B. » — the quotation right after the attribution goes on with the same speaker."""
    if f.after < 0 or qs < f.after:
        return False
    gap = text[f.after:qs]
    if "\n" in gap or gap.strip(_SPACE) not in (",", "."):
        return False
    if gap.strip(_SPACE) == ",":
        return _ends_clause(text, qs, qe)
    inner = text[qs + 1:qe - 1].rstrip(_SPACE)
    i = qe
    while i < len(text) and text[i] in _SPACE:
        i += 1
    ends = i >= len(text) or text[i] == "\n" or text[i].isupper() or text[i] in _SENTENCE_END
    return ends and (inner[-1:] in _SENTENCE_END or text[i:i + 1] in tuple(_SENTENCE_END))


def find_direct(words: Words, quotes: list[tuple[int, int]]) -> list[DirectFound]:
    """Every quotation (``quotes``: bot/nlp/quote_marks.py) tied to one cue, in text order; a quotation two cues
    claim is left out."""
    text = words.text
    chosen: dict[int, DirectFound] = {}
    previous_end = 0
    for n, (qs, qe) in enumerate(quotes):
        candidates = [f for f in (_after(words, qs, qe), _incise(words, qs, qe),
                                  _before(words, qs, qe, previous_end)) if f is not None]
        previous_end = qe
        if len(candidates) == 1:
            chosen[n] = candidates[0]
    out: list[DirectFound] = []
    for n, f in sorted(chosen.items()):
        nxt = n + 1
        if nxt < len(quotes) and nxt not in chosen and _resumes(text, f, *quotes[nxt]):
            f = replace(f, end=quotes[nxt][1])
            chosen[nxt] = f  # taken: nothing else claims it
        if not out or out[-1] is not f:
            out.append(f)
    if words.cues.dash_speech:
        out += _dash_speech(words, quotes)
    return sorted(out, key=lambda f: (min(f.start, f.cue_start), f.start))
