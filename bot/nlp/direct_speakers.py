"""Speaker phrases next to a speech cue: a name, a role and a name, a role alone, or a pronoun."""

from __future__ import annotations

from dataclasses import dataclass

from bot.nlp.direct_words import Words
from bot.nlp.quote_cues import words as word_set

MAX_PHRASE_TOKENS = 14  # a speaker phrase before its cue is looked for this far back
_PAUSES = ",;:()—–―"  # a clause may start after one of these
_CLOSERS = ",.;—–―"  # what closes "le ministre, Jean Dupont" (the name in apposition)
# endings of German nouns for people ("Fischerin", "Hafenmeister", "Student"): such a noun between an article
# and a name is the person's role
_GERMAN_PERSON = ("er", "erin", "in", "ent", "entin", "eur", "eurin", "ist", "istin", "or", "orin", "ant", "antin")
_AND = word_set("et und y e ed")  # what joins two speakers into one joint speaker ("ou", "oder", "o" do not)


@dataclass(frozen=True, slots=True)
class Phrase:
    """A speaker phrase as token ranges: [start, end) as written, [end, tail) a role in apposition after it."""

    start: int
    end: int
    tail: int
    pronoun: str = ""  # lower case, when the phrase is one
    determiner: str = ""
    role: tuple[int, int] | None = None
    name: tuple[int, int] | None = None
    gender: str = ""  # "m", "f" or "" (unknown)
    plural: bool = False
    person: bool = True  # a person, not an institution or an outlet
    members: tuple[Phrase, ...] = ()  # a joint speaker ("Marie Dupont et Paul Roy"): each named member


def clause_starts(words: Words, i: int) -> bool:
    """Token i may open a clause: first word, after a pause mark, or after "et"/"und"/"y" that follows one."""
    if i <= 0 or words.tokens[i].initial:
        return True
    if words.is_mark(i - 1, _PAUSES) or words.is_mark(i - 1, ".!?…"):
        return True
    return words.lower(i - 1) in words.cues.clause_joins and clause_starts(words, i - 1)


def parse_forward(words: Words, i: int, *, after_source: bool = False) -> Phrase | None:
    """The speaker phrase starting at token i, or None when none starts there; two named speakers joined by
    "et"/"und"/"y"/"e" ("Marie Dupont et le maire Paul Roy"), or one and an institution or role ("Le syndicat et
    Paul Roy"), are one plural phrase holding both."""
    first = _parse_one(words, i, after_source=after_source)
    if first is None or not _member(first) or words.lower(first.tail) not in _AND \
            or words.lower(first.tail) not in words.cues.conjunctions:
        return first
    second = _parse_one(words, first.tail + 1)
    if second is None or not _member(second) or not (_named_one(first) or _named_one(second)):
        return first
    name = (first.name[0] if first.name is not None else first.start,
            second.name[1] if second.name is not None else second.end)
    return Phrase(first.start, second.end, second.tail, name=name, plural=True,
                  person=first.person and second.person, members=(first, second))


def _named_one(phrase: Phrase | None) -> bool:
    """A singular phrase that names someone ("Marie Dupont", "le maire Paul Roy"), not a pronoun or role alone."""
    return phrase is not None and phrase.name is not None and not phrase.pronoun and not phrase.plural


def _member(phrase: Phrase) -> bool:
    """One member of a joint speaker: a singular phrase naming someone, or a singular article and a role or an
    institution ("le syndicat", "la mairie") joined with someone named ("Le syndicat et Paul Roy")."""
    if _named_one(phrase):
        return True
    return (phrase.role is not None and phrase.name is None and not phrase.pronoun and not phrase.plural
            and bool(phrase.determiner))


def _parse_one(words: Words, i: int, *, after_source: bool = False) -> Phrase | None:
    """One speaker phrase starting at token i, or None when none starts there."""
    cues = words.cues
    n = len(words)
    if not 0 <= i < n or not words.tokens[i].word:
        return None
    low = words.lower(i)
    pronouns = cues.source_pronouns if after_source else cues.pronouns
    if low in pronouns:
        return Phrase(i, i + 1, i + 1, pronoun=low, gender=pronouns[low])
    if low in cues.plural_pronouns:
        return Phrase(i, i + 1, i + 1, pronoun=low, plural=True)
    end = words.name_end(i)
    if end > i:  # a name on its own: "Emmanuel Macron", "Le Monde"
        capital_det = words.lower(i) in cues.determiners
        return _with_apposition(words, Phrase(i, end, end, name=(i, end), person=not capital_det))
    j = i
    det = ""
    while words.is_determiner(j) and j - i < 2:  # "il suo direttore", "o seu diretor"
        det = det or words.lower(j)
        j += 1
    pre = j
    while j < n and j - pre < 2 and words.is_pre_adjective(j):
        j += 1
    if det and cues.code == "de" and not words.is_role(j) and not words.is_body(j):
        end = words.name_end(j)
        if end - j >= 2 and words.lower(j).endswith(_GERMAN_PERSON):
            # "die Fischerin Marta Hansen": German writes no article before a bare name, so the noun is a role
            return Phrase(i, end, end, determiner=det, role=(pre, j + 1), name=(j + 1, end),
                          gender=role_gender(words, det, j))
    if words.is_role(j) or words.is_body(j):
        body = words.is_body(j)
        head = j
        role_start = pre  # "ancien ministre", "leitende Ingenieur": the adjective is part of the role
        j = role_tail(words, j + 1)
        role = (role_start, j)
        gender = role_gender(words, det, head)
        plural = cues.determiners.get(det) == "pl"
        name_end = words.name_end(j) if j < n and words.same_line(j - 1, j) else j
        if name_end > j:  # "le ministre Jean Dupont"
            return Phrase(i, name_end, name_end, determiner=det, role=role, name=(j, name_end), gender=gender,
                          plural=plural, person=not body)
        if words.is_mark(j, ",") and words.name_end(j + 1) > j + 1:  # "le ministre, Jean Dupont,"
            name_end = words.name_end(j + 1)
            if name_end >= n or words.is_mark(name_end, _CLOSERS) or not words.same_line(name_end - 1, name_end):
                return Phrase(i, name_end, name_end, determiner=det, role=role, name=(j + 1, name_end),
                              gender=gender, plural=plural, person=not body)
        named = _name_after_qualifiers(words, j)
        if named is not None:  # "l'ingénieur en chef, Bruno Faure"
            k, name_end = named
            return Phrase(i, name_end, name_end, determiner=det, role=(role_start, k), name=(k + 1, name_end),
                          gender=gender, plural=plural, person=not body)
        return Phrase(i, j, j, determiner=det, role=role, gender=gender, plural=plural, person=not body)
    if det and j == i + 1:  # "l'AFP", "la Chambre de commerce": an institution by its name
        end = words.name_end(j)
        if end > j and cues.determiners.get(det) != "pl":
            end = role_tail(words, end, adjectives=False)
            return Phrase(i, end, end, determiner=det, name=(j, end), gender=role_gender(words, det, j), person=False)
    return None


def _name_after_qualifiers(words: Words, j: int) -> tuple[int, int] | None:
    """After a role: up to three lower-case words, a comma and a name the sentence ends with ("ingénieur en chef,
    Bruno Faure."): (index of the comma, end of the name); None otherwise (a place, "devant Jean Dupont")."""
    n = len(words)
    k = j
    while k < n and k - j < 3 and words.tokens[k].word and words.tokens[k].text[0].islower() \
            and not words.is_cue_word(k) and words.lower(k) not in words.cues.complementizers:
        k += 1
    if k == j or not words.is_mark(k, ","):
        return None
    end = words.name_end(k + 1)
    if end == k + 1 or not (end >= n or words.is_mark(end, _CLOSERS) or not words.same_line(end - 1, end)):
        return None
    return k, end


def role_tail(words: Words, j: int, *, adjectives: bool = True) -> int:
    """After a role noun: up to two adjectives ("américain") and two complements ("de l'Intérieur", "des
    Affaires étrangères", "de Economía y Hacienda"); returns where the role phrase ends."""
    cues = words.cues
    n = len(words)
    qualifiers = 0 if adjectives and cues.code != "de" else 2  # German adjectives stand before the noun
    units = 0
    while j < n:
        low = words.lower(j)
        lower_role = words.is_role(j) and words.tokens[j].text[0].islower()  # "ingeniero jefe", "ingegnere capo"
        if qualifiers < 2 and ((words.is_adjective(j) and not words.is_role(j)) or lower_role):
            j += 1
            qualifiers += 1
        elif units < 2 and low in cues.complement_preps:
            k = _complement(words, j + 1)
            if k is None:
                break
            j = k
            units += 1
        elif units and low in cues.conjunctions and words.lower(j + 1) in cues.complement_preps:
            k = _complement(words, j + 2)
            if k is None:
                break
            j = k
            units += 1
        else:
            break
    return j


def _complement(words: Words, k: int) -> int | None:
    """One complement after its preposition: [article] word [adjectives], or a capitalised run that a comma
    closes ("de Asuntos Exteriores, José ..."); None when none is there."""
    n = len(words)
    if k < n and words.is_determiner(k) and words.tokens[k].text[0].islower():
        k += 1
    low = words.lower(k)
    if k >= n or not words.tokens[k].word or words.is_cue_word(k) or low in words.cues.function_words \
            or low in words.cues.not_names:
        return None
    if not words.same_line(k - 1, k):
        return None
    capital = words.tokens[k].text[0].isupper()
    k += 1
    if capital:
        run = k
        while run < n and words.tokens[run].word and words.tokens[run].text[0].isupper():
            run += 1
        if run > k and words.is_mark(run, ","):
            k = run  # the whole run is the complement; the name follows the comma
    adjectives = 0
    while k < n and adjectives < 2 and words.is_adjective(k) and not words.is_role(k):
        k += 1
        adjectives += 1
    return k


def _with_apposition(words: Words, phrase: Phrase) -> Phrase:
    """"Jean Dupont, maire de Valmont": the role in apposition after a name."""
    j = phrase.end
    if not words.is_mark(j, ","):
        return phrase
    k = j + 1
    det = ""
    if words.is_determiner(k):
        det = words.lower(k)
        k += 1
    while k < len(words) and k - j < 4 and words.is_pre_adjective(k):
        k += 1
    if not words.is_role(k):
        return phrase
    end = role_tail(words, k + 1)
    return Phrase(phrase.start, phrase.end, end, determiner=phrase.determiner, role=(k, end), name=phrase.name,
                  gender=role_gender(words, det, k), person=not words.is_body(k))


def role_gender(words: Words, det: str, role: int) -> str:
    """"m" or "f" when the determiner (or a German "-in" role) says so."""
    if words.cues.code == "de":  # "die" is plural too: the noun tells ("Ministerin", "Minister")
        if not words.is_role(role) or words.cues.determiners.get(det) == "pl":
            return ""
        return "f" if words.lower(role).endswith("in") else "m" if det in ("der", "den", "ein", "") else ""
    gender = words.cues.determiners.get(det, "")
    return gender if gender in ("m", "f") else ""


def parse_backward(words: Words, end: int, floor: int) -> Phrase | None:
    """The longest speaker phrase that opens a clause and ends right before token ``end`` (or before a comma
    there that closes an apposition), starting no earlier than ``floor``."""
    for k in range(max(floor, end - MAX_PHRASE_TOKENS), end):
        if not clause_starts(words, k):
            continue
        phrase = parse_forward(words, k)
        if phrase is None or (phrase.pronoun and phrase.tail != end):
            continue
        if phrase.tail == end or (phrase.tail == end - 1 and words.is_mark(end - 1, ",")
                                  and phrase.tail > phrase.end):
            return phrase
        if phrase.role is not None and phrase.name is not None and phrase.end == end - 1 \
                and words.is_mark(end - 1, ","):
            return phrase  # "le ministre, Jean Dupont, a déclaré"
    return None
