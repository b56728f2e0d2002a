"""Whom a pronoun speaker is: not the person its reported words name ("he said he trusted Mr Hale"), of its sex."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from spacy.tokens import Doc, Span, Token

from bot.nlp.animal_names import animal_names, is_animal
from bot.nlp.bylines import byline_end
from bot.nlp.pronoun_gender import PRONOUN_SEX, agrees, quoted, sex_of_name
from bot.nlp.quote_rules import Found
from bot.nlp.role_binding import role_words


def named_in_content(text: str, found: Found, canonical: str) -> bool:
    """Whether the reported content after the pronoun speaker names ``canonical`` by its last word: "he insisted he
    still trusted Mr Hale" is not Hale speaking (a pronoun before a name it governs cannot be that name). Content
    before the phrase ("Hale will stay, he said") and quotations (people name themselves) are left alone."""
    if found.kind == "direct" or not 0 <= found.speaker_start < found.start:
        return False
    parts = canonical.split()
    if len(parts) < 2 or not parts[-1][:1].isupper():
        return False
    # a name in the possessive is left alone: "He notes there was an issue with Hale's microphone" is news
    # writing's Hale as often as not
    return re.search(rf"(?<!\w){re.escape(parts[-1])}(?!\w)(?![’']s\b)", text[found.start:found.end]) is not None


def bind_pronoun(doc: Doc, found: Found, last: str | None, name_of: Callable[[Span], str],
                 anyone: bool, last_role: str | None = None) -> str | None:
    """Whom a "he"/"she" speaker is, where the sex the text gives people or the pronoun's own sentence says better
    than "the last person who spoke" (``last``): a person named as the subject of a clause on the pronoun's verb
    ("When Brell was chosen, he said"); else, when the sentence before names ``last`` only inside a relative
    clause and another person outside one ("Quist's verdict that the plan, which Brell backed, failed. It helps
    no one, she said"), that person; else, when ``last`` is of the other sex, the latest person named before the
    pronoun who may be of its sex; else, when the sentence before is about someone described, not named, in words
    ``last``'s role (``last_role``) does not hold ("The Australian has ...", "The 28-year-old ..."), the article's
    topic, the first person named as a subject, when that is another who may be of its sex
    (``_described_subject``); else, when the text does not tell ``last``'s sex, the person the sentence before is
    about (``_previous_subject``); else, when no one spoke before (``anyone`` false), the person named most often
    before it (at least twice, more than anyone else who may be of its sex: the article's subject). Names inside
    quotation marks or the pronoun's own words, animals' names ("the cat Tara") and the writers of an opening byline
    (``byline_end``) are no candidates. None: no
    better answer (the usual binding stands); "": no one of the pronoun's sex (left unresolved).
    ``name_of``: a person entity's canonical name."""
    head = doc[found.speaker_token]
    pronoun = head.lower_
    if pronoun not in PRONOUN_SEX or found.speaker_end - found.speaker_start != len(head.text):
        return None
    writers = byline_end(doc.text)  # "By . Ana Roy .": the writer, not anyone in the story
    before = [e for e in doc.ents if e.label_ == "PERSON" and writers <= e.start_char
              and e.end_char <= found.speaker_start and any(t.text[:1].isupper() for t in e)
              and not found.start <= e.start_char < found.end and not quoted(doc.text, e.start_char)]
    pets = animal_names(doc)  # "the cat Tara": no one who speaks
    before = [e for e in before if not is_animal(e, pets)]
    names = [name_of(e) for e in before]
    fits: dict[str, bool] = {}  # canonical -> may be the pronoun (sex, and not named in the pronoun's own words)
    for name in names:
        if name and name not in fits:
            fits[name] = agrees(sex_of_name(doc, name), pronoun) and not named_in_content(doc.text, found, name)
    for ent, name in zip(reversed(before), reversed(names), strict=True):
        clause = ent.root.head  # "When Brell was chosen, he said": the subject of a clause on the pronoun's verb
        if (ent.root.dep_ in ("nsubj", "nsubjpass") and clause.dep_ == "advcl" and clause.head.i == head.head.i
                and fits.get(name)):
            return name
    if last is not None and agrees(sex_of_name(doc, last), pronoun):
        return _over_embedded(head, last, before, names, fits) or _described_subject(
            head, found, last, last_role, before, names, fits) or (
            _previous_subject(head, found, last, before, names, fits) if sex_of_name(doc, last) is None else None)
    if last is not None:
        return next((n for n in reversed(names) if fits.get(n)), "")
    if anyone:
        return None
    counts = Counter(n.split()[-1] for n in names if fits.get(n))
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return next(n for n in names if fits.get(n) and n.split()[-1] == ranked[0][0])


def _over_embedded(head: Token, last: str, before: list[Span], names: list[str], fits: dict[str, bool]) -> str | None:
    """The latest person named outside any relative clause in the sentence before the pronoun's, when ``last``
    is named there only inside one and the pronoun's sentence names no one before it; else None."""
    sent = head.sent
    if sent.start == 0 or any(e.start >= sent.start for e in before) or any(
            t.pos_ == "PROPN" and t.dep_ in ("nsubj", "nsubjpass") for t in head.doc[sent.start : head.i]):
        return None  # "But Fowler said ... and he noted": a name NER did not tag a person
    prev = head.doc[sent.start - 1].sent
    own = [t for t in prev if t.text == last.split()[-1]]
    if not own or not all(_in_relative_clause(t) for t in own):
        return None
    others = [n for e, n in zip(before, names, strict=True)
              if e.start >= prev.start and not _in_relative_clause(e.root) and n != last and fits.get(n)]
    return others[-1] if others else None


def _described_subject(head: Token, found: Found, last: str, last_role: str | None, before: list[Span],
                       names: list[str], fits: dict[str, bool]) -> str | None:
    """The first person named as a subject (the article's topic), when that is not ``last`` and may be the
    pronoun, and the subject of the sentence before the pronoun's is a person described by nationality or age with
    "the" ("The Australian", "The 28-year-old") in words ``last``'s role does not hold, and the pronoun's sentence
    (where its quotation, or the pronoun, begins) names no one before it. A role noun ("The nominee") is left
    alone: it is as often a second role of the last speaker."""
    doc = head.doc
    opening = doc.char_span(found.start, found.end, alignment_mode="expand")
    sent = opening[0].sent if opening is not None and len(opening) and found.start < head.idx else head.sent
    if sent.start == 0 or any(e.start >= sent.start for e in before) or any(
            t.pos_ == "PROPN" and t.dep_ in ("nsubj", "nsubjpass") for t in doc[sent.start : head.i]):
        return None
    prev = doc[sent.start - 1].sent
    subject = next((t for t in prev.root.children if t.dep_ == "nsubj"), None)
    if subject is None or not _described(subject) or subject.lower_ in role_words(last_role or ""):
        return None
    subjects = [n for e, n in zip(before, names, strict=True) if e.root.dep_ in ("nsubj", "nsubjpass")]
    topic = subjects[0] if subjects else None  # the person the article opens on, as a subject
    return topic if topic is not None and fits.get(topic) and topic != last else None


def _described(tok: Token) -> bool:
    """Whether ``tok`` heads "the" and a nationality or an age ("The Australian", "The 28-year-old")."""
    if tok.ent_type_ == "PERSON" or not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
        return False
    if tok.ent_type_ == "NORP" and tok.text[:1].isupper() and tok.tag_ in ("NNP", "JJ", "NN"):
        return True  # "The Australian", not "The Australians"
    return tok.lower_ == "old" and any(c.lower_ == "year" for c in tok.children)


def _previous_subject(head: Token, found: Found, last: str, before: list[Span], names: list[str],
                      fits: dict[str, bool]) -> str | None:
    """The person named as the subject of the sentence before the pronoun's ("Tom Berg toured the wing. '...,' he
    said"), for a pronoun whose last speaker's sex the text does not tell: one that may be the pronoun, not of
    ``last``'s surname ("Mr Cameron" after David Cameron spoke: the speaker's own reading stands) and not named in
    the pronoun's words, quoted or reported ("He added: 'Mr Hale will now ...'"), when it is the only person
    subject of that sentence, not one of a pair, which no "he"/"she" speaks ("Mr Cameron, he said, became ..."),
    and the pronoun's sentence names no one before it (no name as a subject either). Else None."""
    doc = head.doc
    sent = head.sent
    if sent.start == 0 or any(e.start >= sent.start for e in before) or any(
            t.pos_ == "PROPN" and t.dep_ in ("nsubj", "nsubjpass") for t in doc[sent.start : head.i]):
        return None  # "But Fowler said ... and he noted": a name NER did not tag a person
    prev = doc[sent.start - 1].sent
    subjects = [(n, e.root.head.i == prev.root.i) for e, n in zip(before, names, strict=True)
                if e.start >= prev.start and e.root.dep_ in ("nsubj", "nsubjpass")]
    pair = any(c.dep_ == "conj" for e in before if e.start >= prev.start and e.root.dep_ in ("nsubj", "nsubjpass")
               for c in e.root.children)  # "Tove Aune and Nils Dahl said": a pair, not one person
    if pair or len(subjects) != 1 or not subjects[0][1] or any(
            t.lower_ in ("he", "she") and t.dep_ in ("nsubj", "nsubjpass") and t.head.head.i == prev.root.i
            and t.head.dep_ in ("parataxis", "ROOT") for t in prev):
        return None  # "Cameron became distracted, Obama said"; "Mr Cameron, he said, became ...": no one topic
    subject = subjects[0][0]
    if not fits.get(subject) or subject.split()[-1] == last.split()[-1]:
        return None
    said = re.compile(rf"(?<!\w){re.escape(subject.split()[-1])}(?!\w)")
    return None if said.search(doc.text[found.start:found.end]) else subject


def _in_relative_clause(tok: Token) -> bool:
    return any(t.dep_ == "relcl" for t in (tok, *tok.ancestors))
