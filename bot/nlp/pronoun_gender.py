"""A person's sex as the article shows it (an honorific, a kinship word, their own "his"/"her"), for pronoun binding."""

from __future__ import annotations

from typing import Literal

from spacy.tokens import Doc, Token

from bot.nlp.quote_cues import TITLES

Sex = Literal["m", "f"]

PRONOUN_SEX: dict[str, Sex] = {"he": "m", "she": "f"}
_OWN: dict[str, Sex] = {"he": "m", "him": "m", "his": "m", "himself": "m",
                        "she": "f", "her": "f", "hers": "f", "herself": "f"}
# a word right before a name that says its sex: "Mr Brell", "Dame Ada Quist", "his wife Ada"
_BEFORE: dict[str, Sex] = {
    **dict.fromkeys(("mr", "sir", "lord", "king", "prince", "duke", "earl", "baron", "husband", "father", "son",
                     "brother", "uncle", "nephew", "grandfather", "boyfriend", "widower", "fiance", "emperor",
                     "sultan", "tsar", "pope", "count", "marquess", "viscount"), "m"),
    **dict.fromkeys(("mrs", "ms", "miss", "dame", "lady", "queen", "princess", "duchess", "countess", "baroness",
                     "wife", "mother", "daughter", "sister", "aunt", "niece", "grandmother", "girlfriend", "widow",
                     "fiancee", "empress", "tsarina", "marchioness", "viscountess"), "f"),
}
_GAP = 3  # words after a name within which its own "his"/"her" is looked for


def sex_of_name(doc: Doc, name: str, *, given_only: bool = False) -> Sex | None:
    """The sex the text gives ``name`` (a full name, matched by its last word): each mention votes with the word
    right before it ("Mr", "Dame", "wife": three votes) and with a "his"/"her" at most three words after it with
    nothing but words between ("Ada Quist said her team ...", "Greta Holm and her crew"); a mention with another
    given name before it ("Keith Scott" for "Rakeyia Scott") or inside quotation marks does not vote. With
    ``given_only`` only mentions with the name's own given name vote ("Mrs. Quist" says nothing of "Pavel Quist"),
    also with a "his"/"her" later in the sentence they are the subject of (``_subject_pronoun``). None when nothing
    says, or the votes tie."""
    parts = name.split()
    if not parts or not parts[-1][:1].isupper():
        return None
    last, given = parts[-1], set(parts[:-1])
    votes = {"m": 0, "f": 0}
    mentions = [t for t in doc if t.text == last and t.pos_ in ("PROPN", "NOUN", "X")]
    # a surname two people share ("Keith Scott", "Rakeyia Scott"): only mentions with the given name vote
    shared = bool(given) and (given_only or any(t.i > 0 and _other_given(doc[t.i - 1], given) for t in mentions))
    for tok in mentions:
        if quoted(doc.text, tok.idx):
            continue
        start = tok.i
        while start > 0 and doc[start - 1].text in given:
            start -= 1
        if shared and start == tok.i:
            continue
        word = doc[start - 1] if start > 0 else None
        if word is not None and word.lower_.rstrip(".") in _BEFORE:
            votes[_BEFORE[word.lower_.rstrip(".")]] += 3
        elif word is not None and _other_given(word, given):
            continue  # another person's given name, or a name this one is part of
        after = _own_pronoun(doc, tok.i)
        if after is None and given_only:
            after = _subject_pronoun(doc, tok.i)
        if after is not None:
            votes[after] += 1
    if votes["m"] == votes["f"]:
        return None
    return "m" if votes["m"] > votes["f"] else "f"


def _other_given(word: Token, given: set[str]) -> bool:
    """Whether ``word`` right before the surname is another person's given name: a capitalised proper noun not of
    this name, and no title ("Miss Vorn", "Mr. Brell", "Dr Holm" name no one else)."""
    bare = word.lower_.rstrip(".")
    return (word.pos_ == "PROPN" and word.text[:1].isupper() and word.text not in given
            and bare not in _BEFORE and bare not in TITLES)


def _own_pronoun(doc: Doc, i: int) -> Sex | None:
    """The sex of a possessive "his"/"her" at most three words after token ``i`` with only words between."""
    for tok in doc[i + 1 : min(doc[i].sent.end, i + 1 + _GAP)]:
        if tok.tag_ == "PRP$" and tok.lower_ in ("his", "her"):
            return None if _complement(doc[i], tok) else _OWN[tok.lower_]
        if not tok.is_alpha and tok.text not in ("’s", "'s"):
            return None
        if tok.pos_ in ("PROPN", "PRON"):
            return None
    return None


def _complement(name: Token, possessive: Token) -> bool:
    """Whether ``possessive`` is in what the named object is called, not the name's own: "considers Tom Berg her
    mentor" (the name the subject of a small clause on "mentor", the object of the verb "mentor" completes, or the
    name "mentor" is read in apposition to), "chose Tom Berg as her deputy"."""
    noun = possessive.head
    if noun.dep_ == "appos" and noun.head.i == name.i:
        return True  # "Tom Berg her mentor" read as an apposition: no one is their own mentor
    if noun.dep_ == "pobj" and noun.head.lower_ == "as" and noun.head.head.i in (name.i, name.head.i):
        return True  # "chose Tom Berg as her deputy"
    return (name.head.i == noun.i and name.dep_ == "nsubj") or (
        name.dep_ == "dobj" and noun.dep_ in ("oprd", "xcomp", "ccomp") and noun.head.i == name.head.i)


def _subject_pronoun(doc: Doc, i: int) -> Sex | None:
    """The sex of a possessive "his"/"her" later in the sentence the name at token ``i`` is the subject of ("David
    Quist has made no secret of his plan"), with no other person or personal pronoun before it."""
    if doc[i].dep_ not in ("nsubj", "nsubjpass"):
        return None
    for tok in doc[i + 1 : doc[i].sent.end]:
        if tok.tag_ == "PRP$" and tok.lower_ in ("his", "her"):
            return None if _complement(doc[i], tok) else _OWN[tok.lower_]
        if tok.ent_type_ == "PERSON" or tok.pos_ == "PRON" or tok.is_quote:
            return None
    return None


def quoted(text: str, char: int) -> bool:
    """Whether ``char`` is inside quotation marks opened in its paragraph (curly, or an odd count of straight)."""
    para = text[text.rfind("\n", 0, char) + 1 : char]
    return para.count("“") > para.count("”") or para.count('"') % 2 == 1


def agrees(sex: Sex | None, pronoun: str) -> bool:
    """Whether a person of ``sex`` (None: unknown) can be the ``pronoun`` ("he", "she")."""
    wanted = PRONOUN_SEX.get(pronoun)
    return sex is None or wanted is None or sex == wanted
