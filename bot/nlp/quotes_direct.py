"""Who said what in French, German, Spanish, Italian and Portuguese articles: direct quotations, by rules."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

from bot.models import Article, Attribution, AttributionKind, Sentence
from bot.nlp.direct_cues import LANGUAGES
from bot.nlp.direct_rules import DirectFound, find_direct
from bot.nlp.direct_speakers import Phrase, role_gender, role_tail
from bot.nlp.direct_words import Words
from bot.nlp.joint_speakers import joint_name, joint_role
from bot.nlp.quote_marks import quotations
from bot.nlp.sentences import split_sentences

MAX_TEXT_CHARS = 200_000  # longer texts are read up to here, as the English extractor does
MAX_SENTENCES_BACK = 3  # a pronoun (or no subject) refers back at most this many sentences ...
MAX_BACK_CHARS = 2000  # ... and this many characters
MAX_ROLE_WORDS = 6
DIRECT_LANGUAGES = frozenset(LANGUAGES)  # fr de es it pt


@dataclass(frozen=True, slots=True)
class _Said:
    """A speaker as resolved, and where the article last named or referred to them."""

    canonical: str
    as_written: str
    role: str | None
    person: bool
    gender: str
    mention_end: int
    plural: bool = False
    named: bool = False  # a person the article names: only they are what a pronoun refers back to


class _RoleIndex:
    """Who the article named with which role, and where: per leading words of the role ("ministre", "ministre de
    la"), the two people named first with it, so a lookup costs nothing however long the article."""

    def __init__(self) -> None:
        self.first: dict[tuple[str, ...], list[tuple[int, str, str]]] = {}  # (where, canonical, role), two at most

    def add(self, where: int, canonical: str, role: str) -> None:
        said = tuple(role.lower().split())[:MAX_ROLE_WORDS]
        for n in range(1, len(said) + 1):
            kept = [e for e in self.first.get(said[:n], []) if e[1] != canonical or e[0] < where]
            if not any(e[1] == canonical for e in kept):
                kept.append((where, canonical, role))
            self.first[said[:n]] = sorted(kept)[:2]

    def only(self, role: str, before: int) -> tuple[str, str] | None:
        """The one person named with this role (or one it begins: "ministre" is "ministre de la Santé") before
        ``before``; None when nobody or several were."""
        named = [e for e in self.first.get(tuple(role.lower().split())[:MAX_ROLE_WORDS], []) if e[0] < before]
        return (named[0][1], named[0][2]) if len(named) == 1 else None


def full_names(words: Words) -> dict[str, set[str]]:
    """Surname -> the full names (two or more words) the article writes that end with it; a role's complement
    is no part of the name ("presidente del Consiglio Paolo Greco" holds "Paolo Greco")."""
    out: dict[str, set[str]] = {}
    i = 0
    while i < len(words):
        if words.is_role(i):
            i = role_tail(words, i + 1)
        end = words.name_end(i)
        if end - i >= 2:
            out.setdefault(words.tokens[end - 1].text, set()).add(words.span_text(i, end))
        i = max(end, i + 1)
    return out


class _Resolver:
    """Walks one article's quotations in order: full names for surnames, roles remembered, and a pronoun (or a
    verb with no subject) given to the last person quoted only when no other name stands between."""

    def __init__(self, words: Words, sentence_starts: list[int], quotes: list[tuple[int, int]]) -> None:
        self.words = words
        self.starts = sentence_starts
        self.quote_starts = [q[0] for q in quotes]
        self.quote_ends = [q[1] for q in quotes]
        self.full = full_names(words)
        self.last: _Said | None = None
        self.roles: dict[str, str] = {}
        self.genders: dict[str, str] = {}
        self.introduced = _RoleIndex()  # "la ministre Anne Roy", in the text or as a speaker
        self._learn_roles()

    def _learn_roles(self) -> None:
        """"Le président Emmanuel Macron s'est rendu ...": roles (and what they say of gender) given with names
        anywhere in the article, not only where the person is quoted."""
        words = self.words
        for i in range(len(words)):
            if not words.is_role(i) or words.is_body(i):
                continue
            k = i - 1
            while k >= 0 and words.is_pre_adjective(k):
                k -= 1
            j = role_tail(words, i + 1)
            role = words.span_text(k + 1, j)  # "ancien ministre de la Santé"
            if words.is_mark(j, ",") and words.name_end(j + 1) > j + 1:  # "la ministre de la Santé, Anne Roy"
                j += 1
            end = words.name_end(j)
            if end == j:
                continue
            canonical = self._full_name(words.span_text(j, end))
            self.roles.setdefault(canonical, role)
            self.introduced.add(words.tokens[k + 1].start, canonical, role)
            gender = role_gender(words, words.lower(k) if words.is_determiner(k) else "", i)
            if gender:
                self.genders.setdefault(canonical, gender)

    def sentence(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.starts, offset) - 1)

    def resolve(self, f: DirectFound) -> _Said | None:
        mention = f.speaker_end if f.speaker_end >= 0 else f.cue_end
        said = (self._named(f.phrase, f.source, mention) if f.phrase is not None and not f.pronoun
                else self._refer_back(f))
        if said is not None and said.person:
            self.last = said
            if said.role and said.canonical != said.role and not said.plural:
                self.introduced.add(mention, said.canonical, said.role)
        return said

    def _jointly(self, phrase: Phrase, source: bool, mention: int) -> _Said:
        """"Marie Dupont et le maire Paul Roy": one speaker naming each member in full ("Marie Dupont and Paul
        Roy", joined as the English rules and the quote store join them), each member's role remembered."""
        parts = [self._named(m, source, mention) for m in phrase.members]
        for part in parts:
            if part.role and part.person:
                self.introduced.add(mention, part.canonical, part.role)
        names = list(dict.fromkeys(p.canonical for p in parts))
        written = self.words.span_text(phrase.start, phrase.end)
        return _Said(joint_name(names), written, joint_role([p.role for p in parts]),
                     all(p.person for p in parts), "", mention, plural=True)

    def _named(self, phrase: Phrase, source: bool, mention: int) -> _Said:
        if phrase.members:
            return self._jointly(phrase, source, mention)
        words = self.words
        written = words.span_text(phrase.start, phrase.end)
        role = words.span_text(*phrase.role) if phrase.role is not None else None
        if phrase.name is None:  # "le porte-parole du gouvernement": the person named so before, else the role
            assert role is not None
            ref = self.introduced.only(role, words.tokens[phrase.start].start)
            if ref is not None:
                canonical, ref_role = ref
                gender = phrase.gender or self.genders.get(canonical, "")
                return _Said(canonical, written, ref_role, True, gender, mention, named=True)
            return _Said(role, written, None, phrase.person and not source, phrase.gender, mention, phrase.plural)
        canonical = self._full_name(words.span_text(*phrase.name))
        if role is not None:
            self.roles.setdefault(canonical, role)
        role = role or self.roles.get(canonical)
        person = phrase.person and not (source and phrase.role is None)  # "selon Reuters": maybe an outlet
        gender = phrase.gender or self.genders.get(canonical, "")
        return _Said(canonical, written, role, person, gender, mention, phrase.plural, named=person)

    def _full_name(self, name: str) -> str:
        """"Macron" -> "Emmanuel Macron" when the article writes exactly one full name ending so."""
        if " " in name:
            return name
        full = self.full.get(name, set())
        return next(iter(full)) if len(full) == 1 else name

    def _refer_back(self, f: DirectFound) -> _Said | None:
        here = min(f.speaker_start if f.speaker_start >= 0 else f.cue_start, f.start)
        last = self.last
        if last is None:
            last = self._named_before(f, here)  # "La ministre Anne Roy a reçu ... « … », a-t-elle déclaré"
        if last is None or not last.named or last.plural or here - last.mention_end > MAX_BACK_CHARS:
            return None
        if f.gender and last.gender and f.gender != last.gender:
            return None
        if self._too_far_or_rival(last, last.mention_end, here):
            return None
        written = self.words.text[f.speaker_start:f.speaker_end] if f.speaker_start >= 0 else ""
        mention = f.speaker_end if f.speaker_end >= 0 else f.cue_end
        return _Said(last.canonical, written, last.role, True, last.gender or f.gender, mention, named=True)

    def _named_before(self, f: DirectFound, here: int) -> _Said | None:
        """A pronoun in the cue ("a-t-elle déclaré") with no speaker quoted before it: the person the article
        named last outside quotations, in full ("Anne Roy", or a surname it writes in full elsewhere), alone in
        their sentence; the checks of _refer_back then apply (no rival name, few sentences back, gender)."""
        words = self.words
        if not f.pronoun or f.phrase is not None:
            return None
        lo = words.first_at(max(0, here - MAX_BACK_CHARS))
        i = words.first_at(here) - 1
        while True:
            while i >= lo and not (words.is_name_word(i) and not self._quoted(words.tokens[i].start)):
                i -= 1
            if i < lo:
                return None
            start = i
            while start - 1 >= lo and words.is_name_word(start - 1) and words.name_end(start - 1) > i:
                start -= 1
            if words.lower(start - 1) not in words.cues.locatives:
                break
            i = start - 1  # a place ("le nord du Gers") is nobody: the person named before it may be
        end = words.name_end(start)
        if end <= i:
            return None
        canonical = self._full_name(words.span_text(start, end))
        if " " not in canonical:
            return None
        said = _Said(canonical, words.span_text(start, end), self.roles.get(canonical), True,
                     self.genders.get(canonical, ""), words.tokens[end - 1].end, named=True)
        at = words.tokens[start].start
        if self._too_far_or_rival(said, self.starts[self.sentence(at)], at):
            return None  # "Anne Roy a reçu Paul Vidal. « … », a-t-il dit": one of two, which is not sure
        return said

    def _quoted(self, at: int) -> bool:
        n = bisect.bisect_right(self.quote_starts, at) - 1
        return n >= 0 and at < self.quote_ends[n]

    def _one_person(self, role: int) -> bool:
        """A role noun after a singular article ("le député", "der Sprecher", "die Sprecherin"), not "les
        habitants", "ai residenti" or "die Anwohner"."""
        words = self.words
        k = role - 1
        while k >= 0 and words.is_pre_adjective(k):
            k -= 1
        det = words.lower(k)
        if not words.is_determiner(k) or words.cues.determiners[det] == "pl":
            return False
        return words.cues.code != "de" or det != "die" or words.lower(role).endswith("in")

    def _too_far_or_rival(self, last: _Said, lo: int, hi: int) -> bool:
        """More than MAX_SENTENCES_BACK sentence ends (outside quotations) between the last speaker and the
        pronoun, or another name there (a place after "à"/"in" is none; words inside a quotation are the
        speaker's own). Sentences are counted here, not by the splitter, which cuts « … ? », lui a-t-on demandé."""
        words = self.words
        own = {w.lower() for w in f"{last.canonical} {last.as_written} {last.role or ''}".split()}
        german = words.cues.code == "de"
        ends = 0
        for i in range(words.first_at(lo), words.first_at(hi)):
            tok = words.tokens[i]
            if self._quoted(tok.start):
                continue
            if words.is_mark(i, ".!?…"):
                ends += 1
                if ends > MAX_SENTENCES_BACK:
                    return True
            if words.is_role(i) and not words.is_body(i) and tok.lower not in own and self._one_person(i):
                return True  # "Le député a quitté la salle. « … », a-t-il lancé": the deputy may be the one
            if not words.is_name_word(i):
                continue
            if tok.lower in own or words.lower(i - 1) in words.cues.locatives:
                continue
            if german and tok.text not in self.full and words.name_end(i) - i < 2 \
                    and not (words.is_name_word(i - 1) and not tok.initial):
                continue  # a German capitalised word alone is most often a noun
            return True
        return False


def direct_quotes(text: str, language: str, article_id: str = "",
                  sentences: Sequence[Sentence] = ()) -> tuple[Attribution, ...]:
    """The direct quotations of a text in one of DIRECT_LANGUAGES with their speakers; offsets index ``text``.
    Nothing for another language, and nothing for a quotation whose speaker is not certain."""
    return _by_rules(text, language, article_id, sentences, reported=False)


def rule_quotes(text: str, language: str, article_id: str = "",
                sentences: Sequence[Sentence] = ()) -> tuple[Attribution, ...]:
    """Direct quotations and reported speech (bot/nlp/quotes_reported.py) of a text in one of DIRECT_LANGUAGES,
    in text order, their speakers resolved in one pass: "Il a ajouté que ..." refers back to a speaker quoted."""
    return _by_rules(text, language, article_id, sentences, reported=True)


def _by_rules(text: str, language: str, article_id: str, sentences: Sequence[Sentence],
              *, reported: bool) -> tuple[Attribution, ...]:
    cues = LANGUAGES.get(language)
    if cues is None:
        return ()
    text = text[:MAX_TEXT_CHARS]
    words = Words(text, cues)
    starts = [s.start for s in (sentences or split_sentences(text))]
    quotes = quotations(text, language)
    direct = find_direct(words, quotes)
    found: list[tuple[DirectFound, AttributionKind]] = [(f, "direct") for f in direct]
    own_words = quotes  # a name said inside a statement is no rival to its speaker when a pronoun refers back
    if reported:
        from bot.nlp.quotes_reported import find_reported
        from bot.nlp.reported_spans import merged

        found += [(r.found, r.kind) for r in find_reported(text, language, quotes, direct)]
        found.sort(key=lambda p: (min(p[0].start, p[0].cue_start), p[0].start))
        own_words = merged([*quotes, *((f.start, f.end) for f, kind in found if kind != "direct")])
    resolver = _Resolver(words, starts, own_words)
    out: list[Attribution] = []
    for f, kind in found:
        said = resolver.resolve(f)
        if said is None or not said.canonical:
            continue
        out.append(Attribution(
            article_id=article_id, speaker=said.canonical, speaker_as_written=said.as_written, cue=f.cue,
            content=text[f.start:f.end], kind=kind, sentence=resolver.sentence(min(f.start, f.cue_start)),
            start=f.start, end=f.end, role=said.role,
        ))
    return tuple(out)


def extract_direct_quotes(article: Article) -> tuple[Attribution, ...]:
    """The direct quotations of a stored article (French, German, Spanish, Italian or Portuguese)."""
    return direct_quotes(article.text, article.language, article.id, article.sentences)


def extract_rule_quotes(article: Article) -> tuple[Attribution, ...]:
    """Direct quotations and reported speech of a stored article (French, German, Spanish, Italian or
    Portuguese): what the pipeline stores for these languages."""
    return rule_quotes(article.text, article.language, article.id, article.sentences)
