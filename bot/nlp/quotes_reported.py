"""Reported speech ("a déclaré que", "sagte, ... sei") and according-to attributions ("selon X", "laut X") in
French, German, Spanish, Italian and Portuguese, by rules; speakers are resolved with the direct quotations'."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, replace

from bot.models import AttributionKind
from bot.nlp.direct_rules import Cue, DirectFound, _agrees, _coordinated, cue_at, source_at
from bot.nlp.direct_speakers import Phrase, clause_starts, parse_backward, parse_forward, role_gender
from bot.nlp.direct_words import Words
from bot.nlp.reported_cues import REPORTED, ReportedCues
from bot.nlp.reported_forms import after_time, as_clause, konjunktiv_verb, speaks
from bot.nlp.reported_spans import SpanSet, quote_opens_at, trim
from bot.nlp.reported_spans import merged as merged  # merged: for its callers

MAX_STRETCH = 10  # words between a verb of saying and its "que" ("a déclaré mardi devant les députés que")
MAX_TAIL = 6  # words after an inverted attribution before the sentence ends ("..., a dit le maire à la radio.")
MAX_CONTINUED = 3  # German sentences in Konjunktiv I that go on with a statement
MIN_CONTENT_WORDS = 3
MAX_UNKNOWN_ROLE = 4  # lower-case words read as a role before a name ("teniente de alcalde")
_SENTENCE_END = ".!?…"
_CLOSING_MARKS = "»“”\"›‘’"


@dataclass(frozen=True, slots=True)
class ReportedFound:
    """One reported statement tied to its cue, in the shape of a direct one; ``kind`` "indirect" or "mixed"."""

    found: DirectFound
    kind: AttributionKind


@dataclass(frozen=True, slots=True)
class _Subject:
    phrase: Phrase | None  # None: a pronoun inside the cue ("a-t-il") or no subject written ("Añadió que")
    pronoun: str
    rest: int  # the first token after the verb and its subject


def find_reported(text: str, language: str, quotes: Sequence[tuple[int, int]],
                  direct: Sequence[DirectFound]) -> list[ReportedFound]:
    """Reported statements in ``text`` (in one of the five languages) that no direct quotation in ``direct``
    already holds, in text order; offsets index ``text``."""
    reported = REPORTED.get(language)
    if reported is None:
        return []
    return _Reader(Words(text, reported.cues), reported, quotes, direct).find()


class _Reader:
    """One article's tokens, sentences and quotations, read once for the three rules."""

    def __init__(self, words: Words, reported: ReportedCues, quotes: Sequence[tuple[int, int]],
                 direct: Sequence[DirectFound]) -> None:
        self.words = words
        self.rc = reported
        self.cues = reported.cues
        self.quote_starts = [q[0] for q in quotes]
        self.quote_ends = [q[1] for q in quotes]
        self.quotes = list(quotes)
        self.direct = list(direct)
        self.taken = SpanSet([(f.start, f.end) for f in direct])
        self.direct_cues = SpanSet([(f.cue_start, f.cue_end) for f in direct])
        self.sentence_of: list[tuple[int, int]] = self._sentences()

    # -- the walk ---------------------------------------------------------------------------------------------

    def find(self) -> list[ReportedFound]:
        words = self.words
        out: list[ReportedFound] = []
        skip_to = 0
        for i in range(len(words)):
            if i < skip_to or not words.tokens[i].word or self._quoted(i):
                continue
            found, after = self._as(i)
            skip_to = max(skip_to, after)
            found = found or self._according(i)
            if found is None:
                cue = cue_at(words, i)
                if cue is not None:
                    skip_to = cue.end
                    found = self._complement(cue) or self._inverted(cue)
                elif words.lower(i) in self.cues.after_only:
                    found = self._inverted_so(i)
            if found is not None and self._free(found):
                self.taken.add(found.start, found.end)
                out.append(ReportedFound(found, self._kind(found.start, found.end)))
        return out + self._continued([r.found for r in out])

    def _free(self, f: DirectFound) -> bool:
        """No direct quotation or earlier statement holds the content or the cue, and the content is more than
        one quotation (that is the direct rules' to attribute, or to leave)."""
        if self.taken.overlaps(f.start, f.end) or self.taken.holds(f.cue_start):
            return False
        if self.direct_cues.holds(f.cue_start) or self.direct_cues.overlaps(f.start, f.end):
            return False
        inner = self.words.text[f.start:f.end]
        if any(qs == f.start and qe >= f.end for qs, qe in self.quotes):
            return False
        return len([w for w in inner.split() if any(ch.isalnum() for ch in w)]) >= MIN_CONTENT_WORDS

    def _kind(self, start: int, end: int) -> AttributionKind:
        return "mixed" if any(start <= qs and qe <= end for qs, qe in self.quotes) else "indirect"

    # -- rule 1: a verb of saying and its complementiser ("a déclaré que", "sagte, dass", "sagte, ... sei") ---

    def _complement(self, cue: Cue) -> DirectFound | None:
        s0, s1 = self.sentence_of[cue.start]
        subject = self._subject(cue, s0)
        if subject is None:
            return None
        start = self._clause_start(subject.rest, s1)
        if start is None:
            return None
        return self._found(cue, subject, self.words.tokens[start].start, self._end_char(s1))

    def _subject(self, cue: Cue, s0: int) -> _Subject | None:
        """Who speaks: a phrase before the verb, a pronoun in it, one after it ("Dazu sagte der Minister,
        dass", "Dijo el alcalde que"), or none written (Spanish, Italian, Portuguese)."""
        words, cues = self.words, self.cues
        if cue.pronoun:
            return _Subject(None, cue.pronoun, cue.end) if cue.pronoun in cues.pronouns else None
        before = parse_backward(words, cue.start, s0) or self._unknown_role_before(cue.start, s0)
        if before is not None:
            if (before.pronoun and before.plural) or not _agrees(cue, before):
                return None
            return _Subject(before, before.pronoun, cue.end)
        after = parse_forward(words, cue.end) or self._unknown_role(cue.end)
        if after is not None and words.same_line(cue.start, after.tail - 1):
            if (after.pronoun and after.plural) or not _agrees(cue, after) or _coordinated(words, after.tail):
                return None
            return _Subject(after, after.pronoun, after.tail)
        if cues.null_subject and not cue.plural and self._nothing_before(s0, cue.start):
            return _Subject(None, "", cue.end)
        return None

    def _unknown_role_before(self, end: int, s0: int) -> Phrase | None:
        """"La poissonnière Julie Caron affirme", "El teniente de alcalde, Hugo Marín, explicó": a phrase that
        opens the clause and ends right before ``end`` (or a comma there)."""
        for k in range(max(s0, end - MAX_UNKNOWN_ROLE - 6), end):
            if not clause_starts(self.words, k):
                continue
            phrase = self._unknown_role(k)
            if phrase is not None and (phrase.tail == end or (phrase.tail == end - 1
                                                               and self.words.is_mark(end - 1, ","))):
                return phrase
        return None

    def _unknown_role(self, i: int) -> Phrase | None:
        """An article, lower-case words the lists do not know as a role, and a name of two words or more: the
        words are the person's role ("la poissonnière Julie Caron", "il vicesindaco Ugo Martini")."""
        words, cues = self.words, self.cues
        if not words.is_determiner(i) or cues.determiners[words.lower(i)] == "pl":
            return None
        j = i + 1
        while j < len(words) and j - i <= MAX_UNKNOWN_ROLE and words.tokens[j].word \
                and words.tokens[j].text[0].islower() and not words.is_cue_word(j) \
                and words.lower(j) not in cues.complementizers:
            j += 1
        role_end = j
        if role_end == i + 1 or words.is_function(i + 1) or words.lower(role_end - 1) in cues.function_words:
            return None
        appos = words.is_mark(j, ",")
        if appos:
            j += 1
        end = words.name_end(j)
        if end - j < 2 or not words.same_line(i, end - 1):
            return None
        if appos and not (end >= len(words) or words.is_mark(end, "," + _SENTENCE_END)):  # "..., a dit la voisine, X."
            return None
        tail = end + 1 if appos else end
        return Phrase(i, end, tail, determiner=words.lower(i), role=(i + 1, role_end), name=(j, end),
                      gender=role_gender(words, words.lower(i), i + 1))

    def _nothing_before(self, s0: int, at: int) -> bool:
        """Only adverbs and commas open the sentence before the verb: "También dijo que"."""
        return all(self._adverbial(k) or self.words.is_mark(k, ",") for k in range(s0, at))

    def _adverbial(self, k: int) -> bool:
        words, cues = self.words, self.cues
        low = words.lower(k)
        if not words.tokens[k].word:
            return False
        if low in cues.function_words and low not in cues.determiners and low not in cues.pronouns \
                and low not in cues.plural_pronouns and low not in cues.complementizers:
            return True
        suffix = cues.adverb_suffix
        return ((bool(suffix) and low.endswith(suffix) and len(low) > len(suffix) + 3) or low in cues.gap_words
                or low in self.rc.connectives)

    def _clause_start(self, j0: int, s1: int) -> int | None:
        """The token opening the reported clause after the verb and its subject: the complementiser, or in
        German the first word after a comma when a subject and a verb follow ("sagte, die Stadt werde ...")."""
        words, rc = self.words, self.rc
        german = self.cues.code == "de"
        opened = german  # German: a comma stands before "dass", any words may come between
        j = j0
        while j < s1 and j - j0 <= MAX_STRETCH:
            low = words.lower(j)
            if self._quoted(j) or words.is_mark(j, _SENTENCE_END + ":;") or (j > j0 and words.is_cue_word(j)):
                return None
            if low in self.cues.complementizers or low in rc.infinitive_markers:
                if german and not words.is_mark(j - 1, ","):
                    return None
                if j > j0 and words.lower(j - 1) in rc.antecedents:
                    return None
                return j if j + 1 < s1 else None
            if german:
                if words.is_mark(j, ",") and self._german_clause(j + 1, s1):
                    return j + 1
            elif not opened:
                if low in rc.openers:
                    opened = True  # "a los periodistas", "devant les députés": any words up to "que"
                elif self._adverbial(j) or words.is_mark(j, ","):
                    pass
                elif words.is_determiner(j) and j + 1 < s1 and self._adverbial(j + 1):
                    j += 1  # "el martes", "le lendemain"
                else:
                    return None
            j += 1
        return None

    def _german_clause(self, k: int, s1: int) -> bool:
        """A main clause, subject then verb ("die Fahrrinne sei frei", "man prüfe", "er habe"): reported speech
        after "sagte,"; not "als ...", nor a relative clause ("der gestern ankam")."""
        words, rc, cues = self.words, self.rc, self.cues
        if k >= s1 or not words.tokens[k].word:
            return False
        low = words.lower(k)
        if low in rc.subordinators or low in cues.complementizers:
            return False
        m = k
        if low in cues.pronouns or low in cues.plural_pronouns or low == "es":
            m = k + 1
        else:
            if words.is_determiner(m):
                nxt = m + 1
                if nxt < s1 and words.tokens[nxt].word and words.tokens[nxt].text[0].islower() \
                        and not words.is_pre_adjective(nxt):
                    return False  # a relative clause
                m = nxt
            while m < s1 and words.is_pre_adjective(m):
                m += 1
            if not (m < s1 and words.tokens[m].word and words.tokens[m].text[0].isupper()):
                return False
            while m < s1 and words.tokens[m].word and words.tokens[m].text[0].isupper():
                m += 1
        if m >= s1 or not words.tokens[m].word or not words.tokens[m].text[0].islower():
            return False
        verb = words.lower(m)
        return verb in rc.subjunctives or verb not in cues.function_words

    # -- rule 2: an attribution after its clause, with no quotation marks ("..., a déclaré le maire.") --------

    def _inverted(self, cue: Cue) -> DirectFound | None:
        words, cues = self.words, self.cues
        s0, s1 = self.sentence_of[cue.start]
        comma = cue.start - 1
        if comma <= s0 or not words.is_mark(comma, ","):
            return None
        if cue.pronoun:
            if cue.pronoun not in cues.pronouns:
                return None
            subject = _Subject(None, cue.pronoun, cue.end)
        else:
            at = after_time(words, self.rc, cue.end)  # "..., a reconnu mercredi la cheffe de chantier"
            phrase = parse_forward(words, at) or self._unknown_role(at)
            if phrase is not None:
                if (phrase.pronoun and phrase.plural) or not _agrees(cue, phrase) \
                        or _coordinated(words, phrase.tail):
                    return None
                subject = _Subject(phrase, phrase.pronoun, phrase.tail)
            elif cues.null_subject and not cue.plural:
                subject = _Subject(None, "", cue.end)
            else:
                return None
        rest = subject.rest
        if words.lower(rest) in cues.verb_particles:
            rest += 1  # "..., fügte er hinzu."
        return self._before_or_around(cue, subject, s0, s1, comma, rest)

    def _inverted_so(self, i: int) -> DirectFound | None:
        """German "..., so der Sprecher." with no quotation marks."""
        words = self.words
        s0, s1 = self.sentence_of[i]
        if i - 1 <= s0 or not words.is_mark(i - 1, ","):
            return None
        phrase = parse_forward(words, i + 1)
        if phrase is None or (phrase.pronoun and phrase.plural) or not self._speaks(phrase):
            return None  # "..., so der Plan."
        cue = Cue(i, i + 1, phrase.plural)
        return self._before_or_around(cue, _Subject(phrase, phrase.pronoun, phrase.tail), s0, s1, i - 1,
                                      phrase.tail)

    def _before_or_around(self, cue: Cue, subject: _Subject, s0: int, s1: int, comma: int,
                          rest: int) -> DirectFound | None:
        """The clause before the attribution when the sentence ends after it (a few words may follow: "à la
        radio"), the whole sentence when it goes on after a comma (an incise)."""
        words = self.words
        start, end = words.tokens[s0].start, words.tokens[comma].start
        if rest < s1 and words.is_mark(rest, ","):
            if words.lower(rest + 1) not in self.rc.relatives:
                end = self._end_char(s1)  # "La réforme, a déclaré le député, ne passera pas l'hiver."
            return self._found(cue, subject, start, end)
        j = rest
        while j < s1 and j - rest < MAX_TAIL and words.tokens[j].word and not words.is_cue_word(j):
            j += 1  # "..., a déclaré le maire à la radio."
        if j < s1 and not (words.is_mark(j, _SENTENCE_END) and j == s1 - 1):
            return None
        return self._found(cue, subject, start, end)

    # -- rule 4: an as-clause ("Wie die Stadt mitteilte, ...", "..., comme l'a indiqué le maire.") -------------

    def _as(self, i: int) -> tuple[DirectFound | None, int]:
        """The statement an as-clause opening at token ``i`` attributes, and the token after the clause."""
        s0, s1 = self.sentence_of[i]
        clause = as_clause(self.words, self.rc, i, s1, self._unknown_role)
        if clause is None or not (clause.first == s0 or self.words.is_mark(clause.first - 1, ",")):
            return None, 0  # "Não se sabe como explicou o ministro a decisão": a question, no as-clause
        span = self._around_source(clause.first, clause.after, s0, s1)
        if span is None or not self._speaks(clause.phrase):
            return None, 0
        subject = _Subject(clause.phrase, clause.phrase.pronoun, clause.after)
        return self._found(clause.cue, subject, *span), clause.after

    # -- rule 5: German sentences in Konjunktiv I after a statement ("Die Reparatur koste ...") ---------------

    def _continued(self, said: list[DirectFound]) -> list[ReportedFound]:
        """Up to MAX_CONTINUED sentences in Konjunktiv I right after a statement, in its paragraph and with no
        quotation, verb of saying or first person: they go on with it, said by the same speaker."""
        words, out = self.words, []
        for parent in sorted([*said, *self.direct], key=lambda f: f.start):
            s1 = self.sentence_of[words.first_at(max(parent.end, parent.cue_end) - 1)][1]
            for _ in range(MAX_CONTINUED):
                if s1 >= len(words) or not words.same_line(s1 - 1, s1):
                    break
                t0, t1 = self.sentence_of[s1]
                verb = None if any(self._quoted(k) for k in range(t0, t1)) else konjunktiv_verb(words, self.rc, t0, t1)
                if verb is None:
                    break
                start, end = trim(words.text, words.tokens[t0].start, words.tokens[t1 - 1].end)
                tok = words.tokens[verb]
                found = replace(parent, cue=tok.text, cue_start=tok.start, cue_end=tok.end, start=start, end=end,
                                after=-1)
                if not self._free(found):
                    break
                self.taken.add(start, end)
                out.append(ReportedFound(found, "indirect"))
                s1 = t1
        return out

    # -- rule 3: according to ("selon X", "laut X", "X zufolge", "según X", "secondo X", "segundo X") ---------

    def _according(self, k: int) -> DirectFound | None:
        words, cues = self.words, self.cues
        s0, s1 = self.sentence_of[k]
        src = source_at(words, k)
        if src is not None:
            phrase = parse_forward(words, src, after_source=True)
            cue_first, cue_last = k, src - 1
            first, after = k, None if phrase is None else phrase.tail
        elif cues.postpositions and words.lower(k) in cues.postpositions:
            phrase = self._before_postposition(k, s0)
            cue_first = cue_last = k
            first, after = (k, None) if phrase is None else (phrase.start, k + 1)
        else:
            return None
        if phrase is None or after is None or (phrase.pronoun and phrase.plural) or not self._speaks(phrase):
            return None
        span = self._around_source(first, after, s0, s1)
        if span is None:
            return None
        text = words.text
        start, end = trim(text, *span)
        if end <= start:
            return None
        cue_s, cue_e = words.tokens[cue_first].start, words.tokens[cue_last].end
        sp_s, sp_e = words.tokens[phrase.start].start, words.tokens[phrase.end - 1].end
        return DirectFound(text[cue_s:cue_e], cue_s, cue_e, start, end, sp_s, sp_e, phrase, phrase.pronoun,
                           phrase.gender, source=True)

    def _before_postposition(self, z: int, s0: int) -> Phrase | None:
        """"der Zeitung zufolge": the longest phrase ending right before the postposition."""
        for k in range(max(s0, z - 8), z):
            phrase = parse_forward(self.words, k)
            if phrase is not None and not phrase.pronoun and phrase.tail == z:
                return phrase
        return None

    def _around_source(self, first: int, after: int, s0: int, s1: int) -> tuple[int, int] | None:
        """Content of an according-to phrase from token ``first`` to ``after`` (exclusive): what follows it when
        it opens the sentence, what precedes it when it closes it, the whole sentence when it stands inside."""
        words = self.words
        opens = all(self._adverbial(k) or words.is_mark(k, ",") for k in range(s0, first))
        closes = after >= s1 or (words.is_mark(after, _SENTENCE_END) and after == s1 - 1)
        if opens and not closes:
            j = after + 1 if words.is_mark(after, ",") else after
            if not words.is_mark(after, ",") and self.cues.code != "de":
                return None  # "Selon le maire de Valmorin et ..." : no comma, not a sentence adverbial
            if j >= s1 or (not words.tokens[j].word and not self._opens_quote(j)):
                return None
            return words.tokens[j].start, self._end_char(s1)
        if closes and not opens:
            return words.tokens[s0].start, words.tokens[first - 1 if words.is_mark(first - 1, ",") else first].start
        if not opens and not closes:
            commas = words.is_mark(first - 1, ",") and words.is_mark(after, ",")
            if commas or self.cues.code == "de":
                return words.tokens[s0].start, self._end_char(s1)
        return None

    def _opens_quote(self, j: int) -> bool:
        return quote_opens_at(self.quote_starts, self.words.tokens[j].start)

    def _speaks(self, phrase: Phrase) -> bool:
        return speaks(self.words, self.rc, phrase)

    # -- shared -----------------------------------------------------------------------------------------------

    def _found(self, cue: Cue, subject: _Subject, start: int, end: int) -> DirectFound | None:
        words = self.words
        text = words.text
        start, end = trim(text, start, end)
        if end <= start:
            return None
        first, last = words.tokens[cue.start], words.tokens[cue.end - 1]
        phrase = subject.phrase
        if phrase is not None:
            sp_s, sp_e = words.tokens[phrase.start].start, words.tokens[phrase.end - 1].end
            gender = phrase.gender
        elif subject.pronoun:
            sp_s, sp_e = last.end - len(subject.pronoun), last.end
            gender = self.cues.pronouns.get(subject.pronoun, "")
        else:
            sp_s, sp_e, gender = -1, -1, ""
        return DirectFound(text[first.start:last.end], first.start, last.end, start, end, sp_s, sp_e, phrase,
                           subject.pronoun, gender)

    def _end_char(self, s1: int) -> int:
        return self.words.tokens[s1 - 1].end

    def _quoted(self, i: int) -> bool:
        at = self.words.tokens[i].start
        n = bisect.bisect_right(self.quote_starts, at) - 1
        return n >= 0 and at < self.quote_ends[n]

    def _sentences(self) -> list[tuple[int, int]]:
        """For each token, its sentence as tokens [first, end): split at a full stop outside quotations before
        a capital, a quotation mark or a line break, and at every line break."""
        words = self.words
        n = len(words)
        out: list[tuple[int, int]] = []
        start = 0
        for i in range(n):
            if i == n - 1 or not words.same_line(i, i + 1) or self._ends_here(i):
                out.extend([(start, i + 1)] * (i + 1 - start))
                start = i + 1
        return out

    def _ends_here(self, i: int) -> bool:
        words = self.words
        tok, nxt = words.tokens[i], words.tokens[i + 1]
        if tok.word:
            return False
        follows = (nxt.word and nxt.text[0].isupper()) or nxt.text in "«„“\"‹»—–"
        if tok.text in _SENTENCE_END:
            if self._quoted(i) or not follows or nxt.start == tok.end:
                return False
            prev = words.tokens[i - 1] if i > 0 else None
            return not (prev is not None and prev.word and len(prev.text) == 1 and prev.text.isupper())  # "M."
        if tok.text in _CLOSING_MARKS and follows:
            n = bisect.bisect_right(self.quote_ends, tok.end) - 1
            if n >= 0 and self.quote_ends[n] == tok.end:
                inner = words.text[self.quote_starts[n] + 1:tok.start].rstrip()
                return inner[-1:] in _SENTENCE_END
        return False
