"""Two forms of reported speech without a complementiser: "wie X sagte," / "comme l'a indiqué X," / "según explicó
X," (an as-clause), and German sentences in Konjunktiv I that go on with what a speaker just said."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from bot.nlp.direct_rules import Cue, _agrees, cue_at
from bot.nlp.direct_speakers import Phrase, parse_forward
from bot.nlp.direct_words import Words
from bot.nlp.reported_cues import ReportedCues

MAX_AS_GAP = 5  # German "wie die Polizei am Montag in Valmorin mitteilte": words between the speaker and the verb
MAX_AS_TAIL = 4  # "come ha spiegato il sindaco in conferenza stampa,": words after the speaker
MAX_FRONTED = 5  # German "Im kommenden Mai sei ...": words before a Konjunktiv I verb that opens no clause
_END = ".!?…"


@dataclass(frozen=True, slots=True)
class AsClause:
    """An as-clause as tokens: its first word, the verb, the speaker, and the comma or full stop after it."""

    first: int
    cue: Cue
    phrase: Phrase
    after: int


def as_clause(words: Words, rc: ReportedCues, i: int, s1: int,
              unknown: Callable[[int], Phrase | None] = lambda _: None) -> AsClause | None:
    """The as-clause opening at token ``i`` ("wie", "comme", "como", "según", "come", "conforme"), whose
    speaker is written (``unknown`` reads a role the lists lack); None for a comparison ("so schnell wie ...")
    or anything else."""
    back = 3 if rc.cues.code == "de" else 1  # "so schnell, wie ...", "tanto como ..."
    if words.lower(i) not in rc.as_words or any(words.lower(k) in rc.not_before_as
                                                 for k in range(max(0, i - back), i)):
        return None
    if rc.cues.code == "de":
        return _german_as(words, rc, i, s1)
    found = _romance_as(words, rc, i, s1, unknown)
    if found is not None and i > 1 and words.lower(i - 1) in rc.as_leads:  # Spanish "tal (y) como"
        lead = i - 2 if words.lower(i - 1) != "tal" and words.lower(i - 2) == "tal" else i - 1
        found = replace(found, first=lead) if words.lower(lead) == "tal" else found
    return found


def _romance_as(words: Words, rc: ReportedCues, i: int, s1: int,
                unknown: Callable[[int], Phrase | None]) -> AsClause | None:
    """"comme l'a indiqué X", "según explicó X", "come spiegato dal sindaco", "conforme disse X"."""
    j = i + 1
    if words.lower(j) in rc.as_clitics:  # "comme l'a indiqué le maire"
        j += 1
    cue = cue_at(words, j)
    if cue is not None:
        at = after_time(words, rc, cue.end)  # "según reconoció el miércoles X"
        phrase = parse_forward(words, at) or unknown(at)  # "el organizador, Jonás Hernández,"
    elif words.lower(j) in rc.cues.participles and words.lower(j + 1) in rc.as_agents:
        cue = Cue(j, j + 1, False)  # "come spiegato dal sindaco": the agent of a participle
        phrase = parse_forward(words, j + 2)
    else:
        return _subject_first(words, rc, i, s1)
    if phrase is None or (phrase.pronoun and phrase.plural) or not _agrees(cue, phrase):
        return None
    closed = words.is_mark(phrase.tail - 1, ",")  # "el organizador, Jonás Hernández,": the comma is read
    after = phrase.tail - 1 if closed else _closing(words, phrase.tail, s1)
    return None if after is None else AsClause(i, cue, phrase, after)


def _subject_first(words: Words, rc: ReportedCues, i: int, s1: int) -> AsClause | None:
    """French "comme le maire l'a indiqué," or "comme il l'a rappelé,": the speaker, the clitic, the verb."""
    phrase = parse_forward(words, i + 1)
    if phrase is None or (phrase.pronoun and phrase.plural) or words.lower(phrase.tail) not in rc.as_clitics:
        return None
    cue = cue_at(words, phrase.tail + 1)
    if cue is None or cue.pronoun or not _agrees(cue, phrase):
        return None
    after = cue.end if cue.end >= s1 or words.is_mark(cue.end, "," + _END) else None
    return None if after is None else AsClause(i, cue, phrase, after)


def _german_as(words: Words, rc: ReportedCues, i: int, s1: int) -> AsClause | None:
    """"wie die Polizei (am Montag) mitteilte,": the speaker, a few words, the verb last before a comma or the
    sentence end."""
    if words.is_mark(i - 1, ",") and any(words.lower(k) in rc.question_heads for k in range(max(0, i - 3), i)):
        return None  # "Unklar ist, wie die Polizei das erklärte": a question
    phrase = parse_forward(words, i + 1)
    if phrase is None or (phrase.pronoun and phrase.plural):
        return None
    j = phrase.tail
    while j < s1 and j - phrase.tail <= MAX_AS_GAP and words.tokens[j].word:
        low = words.lower(j)
        if low in rc.as_verbs or low in rc.cues.finite_sg or low in rc.cues.finite_pl:
            plural = low in rc.cues.finite_pl or low.endswith("en")
            cue = Cue(j, j + 1, plural)
            if j + 1 < s1 and not words.is_mark(j + 1, "," + _END):
                return None
            if not _agrees(cue, phrase):
                return None
            return AsClause(i, cue, phrase, j + 1)
        if low in rc.cues.complementizers or low in rc.as_objects or words.is_cue_word(j):
            return None  # "wie die Polizei das erklärte": the verb has an object, the clause asks how
        j += 1
    return None


def _closing(words: Words, j: int, s1: int) -> int | None:
    """The comma or full stop a few words after ``j`` that ends the as-clause."""
    k = j
    while k < s1 and k - j <= MAX_AS_TAIL and words.tokens[k].word and not words.is_cue_word(k) \
            and words.lower(k) not in words.cues.complementizers:
        k += 1
    if k >= s1 or words.is_mark(k, "," + _END):
        return k
    return None


def konjunktiv_verb(words: Words, rc: ReportedCues, s0: int, s1: int) -> int | None:
    """The finite verb of a German main clause in Konjunktiv I ("Die Reparatur koste ...", "Im Mai sei ...");
    None when the sentence is anything else (indicative, a question, first person, a verb of saying)."""
    if not rc.konjunktiv or s1 - s0 < 3 or not words.is_mark(s1 - 1, "."):
        return None
    for k in range(s0, s1):
        if words.is_cue_word(k) or words.lower(k) in rc.first_person or words.is_mark(k, ":;?!"):
            return None
    verb = _after_subject(words, s0, s1)
    if verb is not None:
        return verb if _konjunktiv(words, rc, verb) else None
    if words.lower(s0) in words.cues.function_words and _konjunktiv(words, rc, s0 + 1):
        return s0 + 1  # "Zudem koste ..."
    for k in range(s0 + 1, min(s1, s0 + MAX_FRONTED + 1)):
        if words.is_mark(k, ","):
            return None  # "Ob die Brücke hält, ..."
        if words.lower(k) in rc.konjunktiv:
            return k  # "Im kommenden Mai sei die Brücke wieder offen"
    return None


def _after_subject(words: Words, s0: int, s1: int) -> int | None:
    """The token right after a subject opening the sentence: a pronoun, a name, or an article, adjectives and a
    noun, with a genitive ("die Reparatur der Brücke"); None when the sentence opens otherwise."""
    low = words.lower(s0)
    if low in ("er", "sie", "es", "man"):
        return s0 + 1
    k = s0
    if words.is_determiner(k):
        k += 1
        while k < s1 and words.tokens[k].word and words.tokens[k].text[0].islower() and k - s0 <= 3:
            k += 1  # adjectives
    start = k
    while k < s1 and words.tokens[k].word and words.tokens[k].text[0].isupper():
        k += 1
    if k == start or k - start > 3:
        return None
    if words.lower(k) in ("der", "des") and k + 1 < s1:
        m = k + 1
        while m < s1 and words.tokens[m].word and words.tokens[m].text[0].islower() and m - k <= 2:
            m += 1
        n = m
        while n < s1 and words.tokens[n].word and words.tokens[n].text[0].isupper():
            n += 1
        if n > m:
            k = n
    return k if k < s1 and words.tokens[k].word else None


def _konjunktiv(words: Words, rc: ReportedCues, k: int) -> bool:
    """A third-person Konjunktiv I form: listed ("sei", "habe", "könne"), or a lower-case word ending in "-e"
    that is no preterite ("-te", "wurde"), no listed Konjunktiv II ("wäre", "käme") and no adverb ("gerade")."""
    tok = words.tokens[k]
    low = tok.lower
    if not tok.word or not tok.text[0].islower():
        return False
    if low in rc.konjunktiv:
        return True
    if low in rc.not_konjunktiv or low in words.cues.function_words or len(low) < 4:
        return False
    return low.endswith("e") and not low.endswith(("te", "de"))


def after_time(words: Words, rc: ReportedCues, j: int) -> int:
    """Past a day or "hier" between a verb and its speaker ("a reconnu mercredi", "según reconoció el miércoles",
    "admitiu na quarta-feira", "sagte am Mittwoch"): where the speaker may start."""
    if words.lower(j) in rc.time_words:
        return j + 1
    if words.lower(j) in rc.time_leads and words.lower(j + 1) in rc.time_words:
        return j + 2
    return j


def speaks(words: Words, rc: ReportedCues, phrase: Phrase) -> bool:
    """A person, role, organisation or outlet, not "la Constitution", "laut Plan", "dem Bericht" or "wie der
    Name sagt"."""
    if phrase.pronoun:
        return True
    if any(words.lower(k) in rc.not_speakers for k in range(phrase.start, phrase.end)):
        return False
    if phrase.role is not None:
        return True
    if phrase.name is None:
        return False
    first, last = phrase.name
    if rc.cues.code != "de" or last - first > 1:
        return True
    word = words.tokens[first].text
    low = word.lower()
    if word.isupper() and len(word) >= 2:
        return True  # "dpa", "ARD" are written so
    if low.endswith(rc.body_suffixes) or words.is_role(first):
        return True
    return any(t.word and t.text == word and words.is_name_word(n - 1) and not t.initial
               for n, t in enumerate(words.tokens) if n != first)  # "Weber" of "Katrin Weber"
