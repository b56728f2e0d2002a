"""Speaker resolution inside one article: pronouns, surnames and descriptions to a canonical speaker."""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from bot.nlp.article_names import Names as _Names
from bot.nlp.article_names import no_honorific as _no_honorific
from bot.nlp.forward_pronouns import name_forward
from bot.nlp.joint_speakers import joint_members, joint_name, joint_role, listed_person
from bot.nlp.name_particles import mistagged_person
from bot.nlp.named_appositions import appositive_name, appositive_role
from bot.nlp.nicknames import with_nickname
from bot.nlp.pronoun_binding import bind_pronoun, named_in_content
from bot.nlp.quote_cues import (
    DETERMINERS,
    DOCUMENT_NOUNS,
    INDEFINITE,
    PERSON_PRONOUNS,
    PRONOUNS,
    ROLE_NOUNS,
    TITLES,
    words,
)
from bot.nlp.quote_rules import Found
from bot.nlp.role_binding import loosely_fits, named_before, role_fits
from bot.nlp.role_text import as_written, written_role
from bot.nlp.speaker_checks import elided_noun, event_speaker, in_single_quotation, inner_pronoun
from bot.nlp.speaker_demonyms import nationalise
from bot.nlp.speaker_institutions import fuller_mention, named_institution, team_by_place
from bot.nlp.speaker_outlets import outlet_of, sunday_first, with_sunday
from bot.nlp.speaker_owners import (
    back_owners,
    doer,
    owned_group,
    owned_person,
    person_owner,
    possessive_free,
    possessive_mark,
    relation,
    title_owner,
    work_title,
)
from bot.nlp.speaker_phrases import (
    abbreviated,
    apposed_role,
    describe,
    entity_in,
    member_start,
    strip_det,
)
from bot.nlp.speaker_routes import Routes, same_interview, with_via
from bot.nlp.speaker_titles import (
    clean_name,
    full_title,
    org_word,
    royal_person,
    suffixed_person,
    title_split,
    titled_in,
    titled_person,
)

_VAGUE = words("unnamed anonymous unidentified")


@dataclass(frozen=True, slots=True)
class Speaker:
    """A resolved speaker: as written, canonical, role (or None) and whether it is a person."""

    as_written: str
    canonical: str
    role: str | None
    person: bool


class SpeakerResolver:
    """Walks one article's attributions in order, remembering who was introduced."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        # spaCy builds these anew from every token (every entity) at each read: once per doc, not once per cue
        self.text = doc.text
        self.ents = doc.ents
        self.names = _Names(doc)
        self.last_person: Speaker | None = None
        self.last_any: Speaker | None = None
        self.people: list[Speaker] = []
        self.roles: dict[str, str] = {}
        self._span = (0, 0)
        self._routes = Routes()  # the papers told, in full ("Valmont Post")
        self._joint: set[str] = set()  # canonical names of joint speakers ("Ana Roy and Tom Ode")
        self._bound = False  # the pronoun just read was left unresolved: it is not the person its words name
        # the latest person left as the pronoun written ("he", no one named before), and whether any pronoun was: the
        # binding rules still read it as the last speaker, though no later pronoun takes its name (QUALITY step 80)
        self._unnamed_person: Speaker | None = None
        self._pronoun_spoke = False

    def resolve(self, found: Found) -> Speaker:
        speaker = self._resolve(found)
        cue = self._cue_token(found)
        via = self._routes.full(found.via or (outlet_of(cue) if cue is not None else ""))
        if speaker.role is None and speaker.canonical not in self.roles and speaker.canonical in self.names.roles:
            self.roles[speaker.canonical] = self.names.roles[speaker.canonical]
        if speaker.role is None and speaker.canonical in self.roles:
            speaker = Speaker(speaker.as_written, speaker.canonical, self.roles[speaker.canonical], speaker.person)
        elif speaker.role:
            self.roles.setdefault(speaker.canonical, speaker.role)
        said = speaker  # whom later pronouns name: the route below belongs to this attribution only
        speaker = replace(speaker, role=with_via(speaker.role, speaker.canonical, via))
        if said.canonical.lower() in PRONOUNS and not in_single_quotation(self.text, found.cue_start):  # bare "he"
            self._pronoun_spoke = True
            if said.person and self.last_person is None:
                self._unnamed_person = said
            return speaker  # no one named before it: no antecedent of a later "she" or "they" either
        if self._bound or in_single_quotation(self.text, found.cue_start):
            return speaker  # "he" left unresolved (not the person his words name), or someone quoted in a quotation
        if said.person and said.canonical not in self._joint:
            self.last_person = said
            self.people.append(said)
        if said.canonical:
            self.last_any = said
        return speaker

    def _cue_token(self, found: Found) -> Token | None:
        span = self.doc.char_span(found.cue_start, found.cue_end, alignment_mode="expand")
        return span[0] if span is not None and len(span) else None

    def _resolve(self, found: Found) -> Speaker:
        self._span = (found.speaker_start, found.speaker_end)
        self._bound = False
        if found.speaker_start < 0:
            return Speaker("", "unnamed source", None, False)
        doc = self.doc
        written = self.text[found.speaker_start:found.speaker_end]
        head = doc[found.speaker_token]
        low = head.lower_
        if low in PRONOUNS and len(written.split()) == 1:
            if inner_pronoun(self.text, low, found.cue_start):  # "'... he said "X" ...'": whom the quoted talks of
                return Speaker(written, "", None, False)
            last = self.last_person
            reading = last or self._unnamed_person  # whom the binding rules read as the last person who spoke
            bound = bind_pronoun(doc, found, reading.canonical if reading is not None else None,
                                 lambda ent: self.names.canonical(clean_name(with_nickname(ent))),
                                 self.last_any is not None or self._pronoun_spoke,
                                 reading.role if reading is not None else None)
            if bound is not None:  # of the pronoun's sex, or the subject of its own sentence ("pronoun_binding")
                self._bound = not bound  # no one of its sex: a "she" left unresolved is no later "he"'s antecedent
                return Speaker(written, bound or written, None, True)

            def named(candidate: Speaker) -> bool:
                return named_in_content(self.text, found, candidate.canonical)

            if low in PERSON_PRONOUNS and last is not None and not named(last):
                return Speaker(written, last.canonical, last.role, True)
            if self.last_any is not None and low not in ("i", "we", "you") and not named(self.last_any) and not (
                    low in PERSON_PRONOUNS and (self.last_any.canonical in self._joint or last is not None
                                                or self._unnamed_person is not None)):
                return Speaker(written, self.last_any.canonical, self.last_any.role, self.last_any.person)
            self._bound = (low in PERSON_PRONOUNS and last is not None and named(last)) or (
                self.last_any is not None and low not in ("i", "we", "you") and named(self.last_any))
            return Speaker(written, written, None, low in PERSON_PRONOUNS)
        members = joint_members(doc, found.speaker_token, found.speaker_start, found.speaker_end)
        if members:
            return self._jointly(written, found, [(m.start, m.end, m.head) for m in members])
        listed = listed_person(doc, found.speaker_token, found.speaker_start)
        if listed is not None:  # "The mayor, the harbour director and Oskar Lind": Oskar Lind
            ent = with_nickname(listed.name)
            name = clean_name(ent)
            self.names.add(name)
            role = listed.role or title_split(list(ent))[0] or None
            return Speaker(self.text[found.speaker_start:listed.end], self.names.canonical(name),
                           _no_honorific(role), True)
        return self._single(written, found)

    def _jointly(self, written: str, found: Found, members: list[tuple[int, int, int]]) -> Speaker:
        """"Trump and Clinton said": one speaker naming each member as the article names them in full
        ("Donald Trump and Hillary Clinton"); each member is remembered as a person for later mentions."""
        parts: list[Speaker] = []
        clean: list[bool] = []
        for start, end, head in members:
            sub = replace(found, speaker_start=start, speaker_end=end, speaker_token=head)
            self._span = (start, end)
            part = self._single(self.text[start:end], sub)
            if part.role is None and part.canonical in self.names.roles:
                part = replace(part, role=self.names.roles[part.canonical])
            parts.append(part)
            # a name NER or the title rules found, or one without titles: not "Attorney General" or
            # "Representative Ole Dahl" whole
            clean.append(part.person or entity_in(self.ents, start, end, head) is not None
                         or not any(w.lower() in TITLES for w in part.canonical.split()))
        self._span = (found.speaker_start, found.speaker_end)
        self._bound = False
        if not all(clean):
            # a member that is only a title, or a name with its title glued on: the first clean person alone
            first = next((p for p, ok in zip(parts, clean, strict=True) if ok and p.person), None)
            if first is None:
                return self._single(written, found)
            return Speaker(written, first.canonical, first.role, True)
        names = list(dict.fromkeys(p.canonical for p in parts))
        if len(names) < 2 or not all(names):
            return self._single(written, found)  # "Smith and Smith": one speaker after all
        any_person = any(p.person for p in parts)
        for part in parts:
            name_words = part.canonical.split()
            if any_person and len(name_words) >= 2 and all(w[:1].isupper() for w in name_words):
                # "Tove Aune and Nils Dahl" with the second tagged an organisation: a person all the same
                self.names.add(part.canonical)
                part = replace(part, person=True)
            if part.person:
                if part.role:
                    self.roles.setdefault(part.canonical, part.role)
                self.people.append(part)
        canonical = joint_name(names)
        self._joint.add(canonical)
        return Speaker(written, canonical, joint_role([p.role for p in parts]), any_person)

    def _single(self, written: str, found: Found) -> Speaker:
        """One speaker named, titled or described by the phrase."""
        doc = self.doc
        head = doc[found.speaker_token]
        span = doc.char_span(found.speaker_start, found.speaker_end, alignment_mode="expand")
        royal = royal_person(list(span)) if span is not None and head.pos_ == "PROPN" else None
        if royal is not None:  # "Prince William", "The Duke of Rosmark": the title is part of the name
            self.names.add(royal)
            return Speaker(written, self.names.canonical(royal), apposed_role(head), True)
        titled = self._titled(found) if head.pos_ == "PROPN" else None
        ent = entity_in(self.ents, found.speaker_start, found.speaker_end, found.speaker_token)
        if titled is not None and (ent is None or ent.label_ != "PERSON" or clean_name(ent) != titled[1]):
            # NER missed the name, tagged it a place or a work of art, or cut or took in the title: the name is the
            # speaker, the title (or a description in apposition, not an age) the role
            self.names.add(titled[1])
            role = apposed_role(head) or _no_honorific(titled[0])
            return Speaker(written, self.names.canonical(titled[1], titled[0]), role, True)
        if (ent is not None and head.pos_ == "NOUN" and ent.end == head.i and ent.root.i != head.i
                and possessive_mark(ent) is None):
            ent = None  # a name that only qualifies the noun: "Ferry operators", "Trump supporters" said
        if ent is not None and person_owner(ent, head):
            # "Berg's aides said": unnamed aides, whose the owner says; "Berg's office said": the office
            mark = possessive_mark(ent)  # "Gary Hoff's doctor", with "Gary Hoff's" tagged whole or not
            owned = self.text[mark.idx + len(mark.text) if mark else ent.end_char:head.idx + len(head.text)].strip()
            whose = self.text[ent.start_char:head.idx + len(head.text)]
            if owned_person(head):  # "Hoff's doctor", "Hoff's wife": a person, whose the owner says
                return Speaker(written, "unnamed " + owned, whose, True)
            if owned_group(head):  # "Clinton's team said"; "Trump's plan" stays Trump's word
                return Speaker(written, whose, None, False)
        named = appositive_name(head, ent)  # "Her daughter, Maja, said", "Maja" untagged or an organisation: Maja
        if named is not None:
            self.names.add(named.text)
            return Speaker(written, self.names.canonical(named.text), appositive_role(head, named), True)
        if ent is not None and (head.pos_ == "PROPN" or ent.root.i == head.i or ent.label_ == "PERSON"):
            return self._named(written, ent, found)
        if head.pos_ == "PROPN":  # "The country’s Central Bank": the owner left out, as in _describe
            owners = back_owners(head)
            kept = written if span is None or not owners else "".join(t.text_with_ws for t in span
                                                                      if t.i not in owners)
            name = with_sunday(strip_det(possessive_free(kept.strip())), head)  # "The Mail on Sunday said"
            canonical = self.names.canonical(name)
            # "Garrity, who ..., claims" with NER tagging no name: the surname of a person named in full before is
            # that person, whom a later "he said" may name
            return Speaker(written, canonical, None, canonical != name)
        given = self.names.by_given(written) if written.isalpha() and written.istitle() else None
        if given is not None:  # "Tomasz added" after "Tomasz Brell said", "Tomasz" parsed as a common noun
            return Speaker(written, given, None, True)
        work = work_title(head)
        if work is not None:  # "a new book, Brown's Britain, says": the book by its title
            return Speaker(written, work, None, False)
        return self._described(written, head)

    def _titled(self, found: Found) -> tuple[str, str] | None:
        """(title, name) of a person named behind a title, whatever NER made of the name ("Mayor Ines Vartan
        told", "Governor Ines Vartan" tagged a place, "Councillor Tove Aune" a work of art; ``titled_person``)."""
        span = self.doc.char_span(found.speaker_start, found.speaker_end, alignment_mode="expand")
        if span is None:
            return None
        return titled_in(span, found.speaker_token, self.names.full)

    def _entity_name(self, ent: Span) -> tuple[str, bool]:
        """The entity's name: a person's without titles; an organisation's whole ("General Electric",
        "General Motors"), unless its title is abbreviated, the rest is a person the article names in full
        ("Gen. Smith", "General Smith" tagged as an organisation) or a person's name ("Mayor Elena Vasquez"
        tagged as a work of art); and whether the title was taken off a name NER did not tag as a person."""
        whole = clean_name(ent, titles=False)
        if ent.label_ == "PERSON":
            return clean_name(ent), False
        bare = clean_name(ent)
        if not bare or bare == whole:
            return whole, False
        titles = whole.split()[: len(whole.split()) - len(bare.split())]
        if all(abbreviated(t) for t in titles) or bare.split()[-1].lower() in self.names.full:
            return bare, False
        if titled_person(list(ent), self.names.full) is not None:
            return bare, True
        return whole, False

    def _title_owns(self, ent: Span, start: int) -> bool:
        """Only capitalised titles stand between ``start`` and the entity, and they are part of its name: a
        non-person's in the possessive ("President's Choice"), or an organisation's ("Judge Business School",
        "Governor Hotels" with only "Business School" or "Hotels" tagged)."""
        i = ent.start
        while i > 0 and self.doc[i - 1].idx >= start:
            i -= 1
        before = [t for t in self.doc[i : ent.start] if t.lower_ not in DETERMINERS]
        titles = before[:-1] if before and before[-1].text in ("’s", "'s") else before
        if not titles or not all(t.text[:1].isupper() and t.lower_ in TITLES for t in titles):
            return False
        if len(titles) < len(before):
            return ent.label_ != "PERSON"
        # "Former White House doctor": "former" leads no organisation's name
        return any(org_word(t) for t in ent) and not any(t.lower_ in ("former", "acting") for t in titles)

    def _named(self, written: str, ent: Span, found: Found) -> Speaker:
        name, titled = self._entity_name(ent)
        if titled or (ent.label_ == "PERSON" and not ent[0].ent_type_):  # "Ana Roy" with "Ana" untagged
            self.names.add(name)
        person = (ent.label_ == "PERSON" or titled or suffixed_person(list(ent)) is not None
                  or mistagged_person(ent))  # "Charles de Gaulle" tagged an organisation
        if ent.label_ in ("GPE", "NORP") and ent.root.i != self.doc[found.speaker_token].i:
            # "Russia's embassy in Belgium": the speaker is the institution, not the country
            return self._described(written, self.doc[found.speaker_token])
        # "according to The Mail on Sunday", "the Sunday Telegraph": "Sunday" tagged a date
        name = sunday_first(with_sunday(name, ent[-1]), ent[0])
        before = self.text[member_start(ent, found.speaker_start, found.speaker_token):ent.start_char]
        canonical = self.names.canonical(name, f"{before} {title_split(list(ent))[0]}")  # "Mr. Quist": the man
        person = person or (canonical != name and ent.label_ in ("ORG", "PERSON", "GPE"))  # "Brandt" a place
        owner = next((e for e in self.ents if e.end + 1 == ent.start and title_owner(e)), None)
        if owner is not None and owner.start_char >= found.speaker_start:  # "Brown's Britain says": a title
            return Speaker(written, strip_det(self.text[found.speaker_start:ent.end_char]), None, False)
        if self._title_owns(ent, found.speaker_start):
            # "President's Choice said", "Judge Business School said": the title is part of the name
            return Speaker(written, strip_det(self.text[found.speaker_start:ent.end_char]), None, False)
        # "The minister of the economy, Mr. Guajardo, said": the role ends at the comma before the name
        role = full_title(strip_det(possessive_free(before).split(",")[0]).strip(" ,")) or None  # "VP" written out
        if role is None and person:
            role = title_split(list(ent))[0] or None  # "Mayor Ines Vartan" tagged whole: the title
        return Speaker(written, canonical, apposed_role(self.doc[found.speaker_token]) or _no_honorific(role),
                       person)

    def _described(self, written: str, head: Token) -> Speaker:
        shared = elided_noun(head)
        if shared is not None:  # "while another said": described as the "One user" before it
            saved, self._span = self._span, (shared.left_edge.idx, shared.idx + len(shared.text))
            try:
                return replace(self._described(self.text[self._span[0]:self._span[1]], shared), as_written=written)
            finally:
                self._span = saved
        words = written.split()
        first = words[0].lower() if words else ""
        noun = head.lower_
        description = strip_det(describe(self.doc, self._span, written, head))
        if not description and len(words) >= 3:
            description = written  # "Those close to him"
        if (noun in DOCUMENT_NOUNS and first in ("the", "this", "that")) or event_speaker(head):
            return Speaker(written, "", None, False)  # "the decision stated", "violence underlined": no speaker
        definite = first in ("the", "this", "that") and noun in ROLE_NOUNS
        if definite:
            ref = self._refer_back(head)
            if ref is not None:
                return Speaker(written, ref.canonical, ref.role, True)
        is_role = noun in ROLE_NOUNS or noun.rstrip("s") in ROLE_NOUNS
        # the whole hyphenated noun the parser split ("passer-by" with "passer" or "by" its head), as the description
        # keeps it: "A passer-by said" names no one, as "A bystander said" does
        joined = next((w.lower() for w in description.split()[-1:] if "-" in w and noun in w.lower().split("-")), "")
        if not is_role and first in ("the", "a", "an") and (
                (head.tag_ == "NN" and (doer(noun) or relation(noun))) or doer(joined)):
            # not a bare "snapper" that reads like a name: "A bystander said" is "unnamed bystander"; "The snapper
            # says" keeps "the" (often someone named before: no "unnamed"); no pronoun's antecedent (QUALITY step 83)
            shown = ("unnamed " if first != "the" else "the ") + description
            return Speaker(written, shown, None, False)
        if is_role and (first in INDEFINITE or first in _VAGUE or definite or (
                head.tag_ == "NNS" and not named_institution(head))):
            core = " ".join(w for w in description.split() if w.lower() not in _VAGUE)
            # "the Democratic presidential nominee" says whose already: no "Republican" from another phrase
            own = any(t.ent_type_ in ("GPE", "NORP") for t in self.doc[head.left_edge.i : head.i]
                      if self._span[0] <= t.idx < self._span[1])
            return Speaker(written, "unnamed " + (core if own else nationalise(core, head)), None, True)
        team = team_by_place(head) if first == "the" else None  # "the Bucharest side": Dinamo Bucharest
        if team is not None:
            return Speaker(written, team, None, False)
        if head.tag_ in ("NN", "NNS") and head.i > 0 and self.doc[head.i - 1].ent_type_ in ("GPE", "NORP"):
            return Speaker(written, description, None, False)
        if first == "the" and description.lower() == noun:  # "The bank said" after "Valdoria's central bank"
            description = fuller_mention(head) or description
        return Speaker(written, description, None, is_role)

    def _refer_back(self, head: Token) -> Speaker | None:
        """"the chancellor" -> the latest person whose own stated role it is (``role_fits``: not "Prime Minister
        Ola Berg", not "Tom Ardell, the author" for "the author's sources"), among the speakers, then among the
        people the text named with a role; else, for a word like "the diplomat" (``loosely_fits``), the latest
        unnamed person (news names people by surname, and describes the unnamed). A pronoun that found no one is
        nobody to refer back to."""
        start, end = self._span
        people = [p for p in self.people if p.canonical.lower() not in PRONOUNS]
        for person in reversed(people):
            if role_fits(head, start, end, person.role, person.canonical):
                return person
        named = named_before(head, start, end, self.names.all_roles)
        if named is not None:
            return Speaker(self.doc.text[start:end], self.names.canonical(named[0], named[1]),
                           named[1], True)
        return next((p for p in reversed(people) if p.canonical.startswith("unnamed ")
                     and loosely_fits(head, start, end, p.canonical)), None)


def resolve_speakers(doc: Doc, found: list[Found]) -> list[Speaker]:
    """One Speaker per attribution, resolved in text order."""
    resolver = SpeakerResolver(doc)
    order = sorted(range(len(found)), key=lambda i: (found[i].cue_start, found[i].start))
    out: dict[int, Speaker] = {i: resolver.resolve(found[i]) for i in order}
    forward = name_forward(
        doc, found, order, lambda i: out[i].person,
        lambda i: out[i].canonical.lower() == doc[found[i].speaker_token].lower_,
        lambda i: out[i].canonical not in resolver._joint and not out[i].canonical.startswith("unnamed "),
        resolver.names.full.__contains__)
    for i, j in forward.items():  # "'We will reopen,' she said. Mayor Ada Quist ...": she is Ada Quist
        out[i] = replace(out[j], as_written=out[i].as_written)
    for i, role in same_interview(doc, found, order, [out[i].canonical for i in range(len(found))],
                                  [out[i].role for i in range(len(found))]).items():
        out[i] = replace(out[i], role=role)  # "'...,' she added" after "she told the Valmont Post": via it too
    return [replace(out[i], canonical=as_written(out[i].canonical, doc), role=written_role(out[i].role, doc))
            for i in range(len(found))]  # "Jean-Pierre", "father-of-three" as written, not the tokens spaced
