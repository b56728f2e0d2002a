"""Names the article gives animals ("the cat Tara", "Tara the cat"): no pronoun speaker's antecedent."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from bot.nlp.quote_cues import words

ANIMALS = words("cat cats kitten dog dogs puppy pup pet horse pony mare stallion parrot hamster rabbit bunny "
                "tortoise turtle goldfish budgie ferret guinea pig donkey goat sheep cow bull calf lamb lion "
                "tiger bear elephant monkey gorilla chimp chimpanzee dolphin whale seal penguin owl eagle falcon "
                "labrador poodle terrier spaniel retriever collie beagle greyhound alsatian tabby feline canine")


def animal_names(doc: Doc) -> frozenset[str]:
    """The words of the names the text puts right beside an animal noun: after it ("the cat Tara", "their dog,
    Max", "his pet cat Tara") or before it ("Tara the cat", "Max, the family's dog")."""
    out: set[str] = set()
    i = 0
    while i < len(doc):  # every run of capitalised proper nouns, tagged a person or not ("Tara the cat" often not)
        j = i
        while j < len(doc) and doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper():
            j += 1
        if j > i and (_after_animal(doc, doc[i:j]) or _before_animal(doc, doc[i:j])):
            out.update(t.text for t in doc[i:j])
        i = max(j, i + 1)
    return frozenset(out)


def is_animal(ent: Span, names: frozenset[str]) -> bool:
    """Whether every capitalised word of ``ent`` names an animal the text introduced (``animal_names``)."""
    caps = [t.text for t in ent if t.text[:1].isupper()]
    return bool(caps) and all(c in names for c in caps)


def _after_animal(doc: Doc, ent: Span) -> bool:
    i = ent.start - 1
    if i >= 0 and doc[i].text == ",":
        i -= 1
    return i >= 0 and doc[i].lower_ in ANIMALS and doc[i].pos_ in ("NOUN", "PROPN")


def _before_animal(doc: Doc, ent: Span) -> bool:
    i = ent.end
    if i < len(doc) and doc[i].text == ",":
        i += 1
    for tok in doc[i : min(len(doc), i + 4)]:  # "the cat", "the family's dog", "their pet dog"
        if tok.lower_ in ANIMALS and tok.pos_ == "NOUN" and tok.dep_ != "compound":  # not "a dog trainer"
            return True
        owner = tok.pos_ in ("NOUN", "PROPN") and tok.i + 1 < len(doc) and doc[tok.i + 1].text in ("'s", "’s")
        if not (tok.pos_ in ("DET", "PART", "ADJ") or tok.tag_ == "PRP$" or owner or tok.lower_ == "pet"):
            return False
    return False
