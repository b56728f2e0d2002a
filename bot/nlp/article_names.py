"""The people an article names: each full name under its surname, its role and the words describing it."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from bot.nlp.name_particles import mistagged_person, with_particles
from bot.nlp.nicknames import with_nickname
from bot.nlp.pronoun_gender import sex_of_name
from bot.nlp.quote_cues import HONORIFICS, ROLE_NOUNS, ROYAL_TITLES, SPEECH_VERBS, TITLES, title_length, words
from bot.nlp.speaker_titles import (
    clean_name,
    compound_chains,
    royal_person,
    suffixed_person,
    surname,
    titled_person,
    vp_length,
    written_title,
)
from bot.nlp.surname_choice import choose, described_words, sex_of

NAME_TITLES = words("lord lady baroness baron")  # "civil service chief Lord": the title is the name's, not the role's
NAME_LABELS = ("PERSON", "ORG", "GPE", "NORP", "FAC", "WORK_OF_ART")


class Names:
    """The article's full names, found once: surname -> the first full name that ends with it."""

    def __init__(self, doc: Doc) -> None:
        self.full: dict[str, str] = {}
        self.every: dict[str, list[str]] = {}  # surname -> every full name ending with it, in the order found
        self.described: dict[str, set[str]] = {}  # full name -> the words titling or describing it (surname_choice)
        self.roles: dict[str, str] = {}  # full name -> the first role the text gives it (the one shown)
        self.all_roles: dict[str, list[str]] = {}  # full name -> every role the text gives it, in order
        self.doc = doc
        self._sexes: dict[str, str | None] = {}
        for ent in doc.ents:
            if not (ent.label_ == "PERSON" or mistagged_person(ent)) or not any(
                    t.text[:1].isupper() for t in ent):
                continue  # "harbour master" tagged as a person is no name; "Charles de Gaulle" tagged an ORG is one
            ent = with_particles(with_nickname(ent))  # "Nina dos Santos" with "Santos" tagged alone
            name = clean_name(ent)
            self.add(name)
            self.described.setdefault(name, set()).update(described_words(ent))
            # "Harbour director Amina Diallo": the words before the name in its noun phrase are the role
            before = [t for t in doc[ent.root.left_edge.i : ent.start] if t.dep_ in ("compound", "amod", "nmod")]
            role = no_honorific(written_title(before)) if before else written_title(list(ent)[:vp_length(list(ent))])
            if role and len(name.split()) >= 2:
                self._add_role(name, role)
        for toks in [list(e) for e in doc.ents if e.label_ in NAME_LABELS] + compound_chains(doc):
            # "Princess Astrid" with "Astrid" tagged alone: the title is in the name; "Walt Pemberly Jr." a person
            royal = royal_person(toks) or suffixed_person(toks)
            if royal is not None:
                self.add(royal)
                continue
            # "Mayor Elena Vasquez" tagged a work of art, "Governor Ines Vartan" a place: the title is the role
            titled = titled_person(toks, self.full)
            if titled is not None:
                self.add(titled[1])
                self.described.setdefault(titled[1], set()).update(titled[0].lower().split())
                role = no_honorific(titled[0])
                if role:  # "Mr. Trump": no role for a later "Trump"; "chief executive Mr Ebbers": "chief executive"
                    self._add_role(titled[1], role)
        for tok in doc:
            # "Sergey Lavrov" as a flat PROPN chain, even where NER missed it
            if tok.pos_ == "PROPN" and tok.ent_type_ == "PERSON":
                chain = [c for c in tok.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"
                         and c.ent_type_ == "PERSON"]
                if chain:
                    names = [*(c.text for c in chain), tok.text]
                    self.add(" ".join(names[min(title_length(names), len(names) - 1):]))  # "Prince William"

    def _add_role(self, name: str, role: str) -> None:
        """Remember a role the text gives ``name``: the first is its role; every one is a role a phrase like "the
        Republican nominee" may refer back to it by ("the businessman Tom Hale" ... "Republican nominee Tom Hale")."""
        self.roles.setdefault(name, role)
        if role not in self.all_roles.setdefault(name, []):
            self.all_roles[name].append(role)

    def sex_told(self, name: str) -> str | None:
        """The sex the text gives the full name ``name`` where it writes its given name ("Pavel Lind ... his"):
        "m", "f" or None (``sex_of_name``)."""
        if name not in self._sexes:
            self._sexes[name] = sex_of_name(self.doc, name, given_only=True)
        return self._sexes[name]

    def add(self, name: str) -> None:
        """Remember a full name under its surname, before any suffix ("Okafor" of "Ada Okafor Jr."; the first one
        wins)."""
        key = surname(name.split())
        if key:
            self.full.setdefault(key.lower(), name)
            if name not in self.every.setdefault(key.lower(), []):
                self.every[key.lower()].append(name)

    def canonical(self, name: str, title: str | None = None) -> str:
        """The full name the article gives ``name``; with a ``title`` ("Mr.", "President") the full name it means
        among several sharing the surname (``choose``: "Mr. Quist" is not Nora Quist), or ``name`` when it cannot
        tell."""
        parts = name.split()
        if not parts:
            return name
        key = surname(parts, full=False)
        given = parts[0] if len(parts) >= 2 and parts[0].istitle() and parts[0].lower() not in TITLES else ""

        def fits(full: str) -> bool:
            return len(full.split()) >= len(parts) and surname(full.split()) == key and (
                not given or given.lower() in full.lower().split())  # not "Lamont Scott" for "Rakeyia Scott"

        if title:
            chosen = choose([f for f in self.every.get(key.lower(), []) if fits(f)], title, self.described,
                            self.sex_told)
            if chosen is not None:
                return chosen or name
        full = self.full.get(key.lower())
        if full is None and len(parts) == 1 and not (title or "").strip():
            return self.by_given(parts[0]) or name  # "Tomasz added" after "Tomasz Brell said"
        return full if full is not None and fits(full) else name

    def by_given(self, word: str) -> str | None:
        """The one full name of the article whose first name is ``word`` ("Tomasz" for "Tomasz Brell"); None when
        no one's or several people's is (a name of three words, "Ana Maria Roy", counts by its first)."""
        found = {f for names in self.every.values() for f in names
                 if len(f.split()) >= 2 and f.split()[0] == word and f.split()[0].lower() not in TITLES
                 and not any(w.lower().removesuffix("s") in SPEECH_VERBS for w in f.split()[1:])}  # "Obama Says"
        titled = any(t.text == word and t.i and t.nbor(-1).lower_.rstrip(".") in TITLES | HONORIFICS
                     for t in self.doc)  # "President Obama", "Mr Brell": a surname, not a first name
        if len(found) != 1 or titled:
            return None
        full = found.pop()
        # another person of that first name NER left untagged ("Tomasz Wend" beside "Tomasz Brell"): no one
        others = {m.group(1) for m in re.finditer(rf"\b{re.escape(word)}\s+([A-Z][\w'’-]*)", self.doc.text)}
        return full if others <= {full.split()[1]} else None


def no_honorific(role: str | None) -> str | None:
    """A role, unless it is only an honorific: "Mr Tom Hale said" has no role (a role known from elsewhere in the
    article, "Tom Hale, the transport minister", then stands); an honorific NER left out of the name ends no role
    ("Lions coach Sir Ian Pell": "Lions coach")."""
    parts = (role or "").split()
    while parts and (parts[-1].lower() in HONORIFICS or parts[-1].lower() in NAME_TITLES):
        parts.pop()
    if parts and len(parts) < len((role or "").split()) and parts[-1].lower() in ("former", "acting", "late"):
        return None  # "former Miss": no role is left
    return " ".join(parts) or None


def with_given(ent: Span, start: int) -> Span:
    """A surname NER tagged alone with the given name before it ("Ana Roy, a father-of-three," with only "Roy"
    tagged): one capitalised proper noun compounding the surname, right before it in the phrase, no title, no role
    word ("Commuter Rita Valen") and no other entity's word."""
    doc = ent.doc
    if ent.label_ != "PERSON" or len(ent) != 1 or ent.start == 0 or doc[ent.start - 1].idx < start:
        return ent
    prev = doc[ent.start - 1]
    low = prev.lower_
    if ent.start >= 2 and doc[ent.start - 2].idx >= start and doc[ent.start - 2].pos_ == "PROPN":
        return ent  # "Air Commodore Lambert": a title of two words, no given name
    if (prev.pos_ == "PROPN" and prev.dep_ == "compound" and prev.head.i == ent.start and prev.text.istitle()
            and prev.text.isalpha() and prev.ent_type_ in ("", "PERSON")
            and low not in ROLE_NOUNS and low.rstrip("s") not in ROLE_NOUNS and not sex_of({low})  # "Wife Becki"
            and not ({low, low + "."} & (TITLES | HONORIFICS | NAME_TITLES | ROYAL_TITLES))):
        return Span(doc, ent.start - 1, ent.end, label=ent.label)
    return ent
