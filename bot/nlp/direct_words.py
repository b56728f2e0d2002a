"""An article as tokens with offsets, and what each word can be: a name, a role, a determiner, a cue word."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property

from bot.nlp.direct_cues import LanguageCues

_WORD = r"[^\W_]+(?:['’][^\W_]+)*(?:[-‑][^\W_]+(?:['’][^\W_]+)*)*"
_OPENING = "«»„“”\"‹›‚‘’([—–―-"  # skipped when looking for what a word follows: marks, brackets, dashes
_ENDS = ".!?…:"  # after one of these (or at a line start) a word is initial: its capital tells nothing


@dataclass(frozen=True, slots=True)
class Token:
    """One word or punctuation mark of the article; ``lower`` folds case and the curly apostrophe."""

    text: str
    start: int
    end: int
    lower: str
    word: bool
    initial: bool  # first word of a sentence, a line or a quotation: capitalised whatever it is


def tokenize(text: str, cues: LanguageCues) -> list[Token]:
    """Words (elided articles such as "l'" and "dell'" on their own) and single punctuation marks."""
    elided = "|".join(sorted(cues.elisions, key=len, reverse=True))
    pattern = re.compile((rf"(?:{elided})['’](?=[^\W\d_])|" if elided else "") + _WORD + r"|[^\w\s]",
                         re.IGNORECASE)
    out: list[Token] = []
    for m in pattern.finditer(text):
        s = m.group()
        word = s[0].isalnum()
        out.append(Token(s, m.start(), m.end(), s.lower().replace("’", "'"), word, word and _initial(text, m.start())))
    return out


def _initial(text: str, at: int) -> bool:
    i = at - 1
    while i >= 0 and (text[i] in " \t\u00a0\u202f" or text[i] in _OPENING):
        i -= 1
    return i < 0 or text[i] == "\n" or text[i] in _ENDS


class Words:
    """The article's tokens and the word classes the direct-quotation rules ask about."""

    def __init__(self, text: str, cues: LanguageCues) -> None:
        self.text = text
        self.cues = cues
        self.tokens = tokenize(text, cues)
        self._starts = [t.start for t in self.tokens]
        c = cues
        self._cue_words = (c.finite_sg | c.finite_pl | c.participles | c.aux_sg | c.aux_pl | c.after_only
                           | c.reflexive)
        self._never_name = (c.function_words | c.not_names | frozenset(c.determiners) | frozenset(c.pronouns)
                            | c.plural_pronouns | c.roles | c.bodies | c.pre_adjectives | c.complementizers
                            | self._cue_words | c.postpositions | frozenset(w for s in c.sources for w in s))

    def __len__(self) -> int:
        return len(self.tokens)

    def lower(self, i: int) -> str:
        return self.tokens[i].lower if 0 <= i < len(self.tokens) else ""

    def is_mark(self, i: int, marks: str) -> bool:
        return 0 <= i < len(self.tokens) and not self.tokens[i].word and self.tokens[i].text in marks

    def first_at(self, char: int) -> int:
        """Index of the first token starting at or after ``char``."""
        return bisect.bisect_left(self._starts, char)

    def same_line(self, i: int, j: int) -> bool:
        """Tokens i..j (inclusive, in order) stand on one line."""
        lo, hi = self.tokens[i].start, self.tokens[j].end
        return "\n" not in self.text[lo:hi]

    def is_cue_word(self, i: int) -> bool:
        return self.lower(i) in self._cue_words

    def is_role(self, i: int) -> bool:
        low = self.lower(i)
        if not low or not self.tokens[i].word:
            return False
        if low in self.cues.roles or any(low.endswith(s) for s in self.cues.role_suffixes):
            return True
        # "engenheiro-chefe", "médecin-chef": a compound whose first part is a role (not German: "SPD-Chef" is
        # found by its ending)
        return "-" in low and not self.cues.role_suffixes and low.split("-")[0] in self.cues.roles

    def is_pre_adjective(self, i: int) -> bool:
        """"ancien" of "l'ancien ministre"; in German any inflected adjective ("der leitende Ingenieur")."""
        low = self.lower(i)
        if low in self.cues.pre_adjectives:
            return True
        return (self.cues.code == "de" and self.is_adjective(i) and len(low) > 3
                and low.endswith(("e", "en", "er", "es", "em")))

    def is_body(self, i: int) -> bool:
        return self.lower(i) in self.cues.bodies

    def is_determiner(self, i: int) -> bool:
        return self.lower(i) in self.cues.determiners

    def is_function(self, i: int) -> bool:
        return self.lower(i) in self._never_name

    def is_adjective(self, i: int) -> bool:
        """A lower-case word that may qualify a role ("américain", "général"): no function word, verb or adverb."""
        if not 0 <= i < len(self.tokens):
            return False
        t = self.tokens[i]
        return (t.word and t.text[0].islower() and not any(ch.isdigit() for ch in t.text)
                and t.lower not in self._never_name and not self._adverb(t.lower))

    def _adverb(self, low: str) -> bool:
        suffix = self.cues.adverb_suffix
        return bool(suffix) and len(low) > len(suffix) + 3 and low.endswith(suffix)

    def _capitalised(self, i: int) -> bool:
        t = self.tokens[i]
        return t.word and t.text[0].isupper() and not t.text.isdigit()

    def is_name_word(self, i: int) -> bool:
        """A capitalised word that may belong to a name: not a function word, role, cue or (German) common noun;
        a sentence's first word only when the article also writes it capitalised elsewhere."""
        if not 0 <= i < len(self.tokens) or not self._capitalised(i):
            return False
        t = self.tokens[i]
        low = t.lower
        if low in self._never_name or self.is_role(i) or low.endswith("'"):
            return False
        if any(low.endswith(s) and len(low) > len(s) + 2 for s in self.cues.noun_suffixes):
            return False
        if t.initial:
            return (t.text in self.known_names and not self._adverb(low)) or self._name_follows(i)
        return True

    def _name_follows(self, i: int) -> bool:
        j = i + 1
        return j < len(self.tokens) and not self.tokens[j].initial and self.is_name_word(j) and self.same_line(i, j)

    @cached_property
    def known_names(self) -> frozenset[str]:
        """Capitalised words the article writes mid-sentence: a sentence's first word that is one is a name."""
        return frozenset(t.text for t in self.tokens if t.word and not t.initial and t.text[:1].isupper())

    def name_end(self, i: int) -> int:
        """End (exclusive) of the name starting at token i ("Emmanuel Macron", "Ursula von der Leyen", "Le Monde"
        mid-sentence, "D'Alema"); ``i`` when no name starts there."""
        n = len(self.tokens)
        if not 0 <= i < n:
            return i
        t = self.tokens[i]
        lead = i
        if (not t.initial and self._capitalised(i) and (t.lower in self.cues.determiners or t.lower.endswith("'"))
                and self._next_name(i)):
            lead = i + 1  # "Le Monde", "El País" mid-sentence; "D'Alema"
        elif not self.is_name_word(i):
            return i
        j = lead + 1
        while j < n:
            if self.is_name_word(j) and not self.tokens[j].initial and self.same_line(j - 1, j):
                j += 1
                continue
            k = j
            while k < n and k - j < 2 and self.lower(k) in self._particles(k - j) and not self.tokens[k].initial:
                k += 1
            if k > j and self._next_name(k - 1):
                j = k + 1
                continue
            break
        return j

    def _particles(self, position: int) -> frozenset[str]:
        if position == 0:
            return self.cues.name_particles
        return frozenset({"der", "den", "la", "le", "los", "las"})  # "von der Leyen", "de la Vega"

    def _next_name(self, i: int) -> bool:
        j = i + 1
        return (j < len(self.tokens) and self.is_name_word(j) and not self.tokens[j].initial
                and self.same_line(i, j))

    def span_text(self, i: int, j: int) -> str:
        """The text from token i to token j (exclusive), as written."""
        return self.text[self.tokens[i].start:self.tokens[j - 1].end]
