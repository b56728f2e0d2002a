"""Owners in a speaker's phrase: a possessive's "'s", an owner pointing back at a place, a person owning a title."""

from __future__ import annotations

from spacy.tokens import Span, Token

from bot.nlp.quote_cues import ROLE_NOUNS, TITLES, words
from bot.nlp.speaker_titles import org_word


def possessive_free(text: str) -> str:
    """``text`` without its possessive "’s" or "'s"."""
    return text.replace("’s", "").replace("'s", "")


# owners that only point back at a place named before ("the country's central bank", "the city's mayor"): left out
# of the speaker; any other owner says whose it is and stays ("the ministry's spokesman": "ministry spokesman")
PLACE_OWNERS = frozenset({"country", "nation", "city", "state", "region", "province", "town", "island", "county",
                          "capital", "territory", "republic", "kingdom", "village", "municipality"})


def back_owners(head: Token) -> set[int]:
    """The words of an owner that refers back to a place, when the phrase names an institution or a person by role
    ("the country's central bank", "the city's mayor"): a place noun (`PLACE_OWNERS`) after "the", "this" or
    "that", in the possessive (its "’s" with it), no name in it, and before no superlative. The speaker is then
    the one the phrase names without them ("central bank", as "the central bank" is); the determiner stays, to
    open the phrase. A named owner ("Valdoria's central bank") stays, and so does any other owner ("the company's
    chief executive": "company chief executive"; "the agency's notice": "agency notice")."""
    if not (org_word(head) or head.lower_ in ROLE_NOUNS or head.lower_.rstrip("s") in ROLE_NOUNS):
        return set()
    out: set[int] = set()
    for tok in head.lefts:
        if tok.i + 2 >= len(tok.doc):
            continue
        if (tok.dep_ != "poss" or tok.tag_ != "NN" or tok.lower_ not in PLACE_OWNERS
                or tok.nbor(1).text not in ("’s", "'s") or tok.nbor(2).tag_ in ("JJS", "RBS")):
            continue  # kept: "the children's", "the prime minister's office", "the world's largest company"
        dets = [t for t in tok.children if t.dep_ == "det" and t.i < tok.i]
        words = [t for t in tok.subtree if t.i < tok.i + 2 and t not in dets]
        if dets and dets[0].lower_ in ("the", "this", "that") and not any(t.ent_type_ or t.pos_ == "PROPN"
                                                                           for t in words):
            out.update(t.i for t in words)  # not "the US stock market watchdog's chairman"
    return out


def title_owner(ent: Span) -> bool:
    """Whether the person ``ent`` only owns a name after it, in the possessive: a title such as a book's ("Brown's
    Britain", "Hale's Kingdom"), a capitalised proper noun that is no person's name and no title ("Brown's Chief of
    Staff" is a person's aide). The person is then no speaker; "Labour's Brown" is (the owner there is no person)."""
    doc = ent.doc
    if ent.label_ != "PERSON" or ent.end + 1 >= len(doc) or doc[ent.end].text not in ("’s", "'s"):
        return False
    owned = doc[ent.end + 1]
    return (owned.pos_ == "PROPN" and owned.text[:1].isupper() and owned.ent_type_ != "PERSON"
            and owned.lower_ not in TITLES)


def work_title(head: Token) -> str | None:
    """The title in apposition to the phrase's noun when it is one in the possessive ("a new book, Brown's
    Britain": ``title_owner``), else None."""
    doc = head.doc
    for child in head.children:
        if child.dep_ != "appos" or child.i < 2:
            continue
        owner = next((e for e in doc.ents if e.end + 1 == child.i and title_owner(e)), None)
        if owner is not None and owner.start == child.left_edge.i:
            return doc[owner.start : child.i + 1].text
    return None


def possessive_mark(ent: Span) -> Token | None:
    """The "’s" of a name in the possessive: the token after it, or its own last one (NER took it in, "Gary
    Hoff's" tagged whole); None when the name is not in the possessive."""
    doc = ent.doc
    if ent.end < len(doc) and doc[ent.end].text in _POSSESSIVES:
        return doc[ent.end]
    return ent[-1] if len(ent) > 1 and ent[-1].text in _POSSESSIVES else None


def person_owner(ent: Span, head: Token) -> bool:
    """Whether the person ``ent`` only owns the phrase's common noun, in the possessive ("Berg's aides said",
    "Berg's senior lawyer", "Gary Hoff's doctor"): the speaker is then whoever the noun names, not the person."""
    mark = possessive_mark(ent)
    return (ent.label_ == "PERSON" and head.pos_ == "NOUN" and mark is not None and mark.i < head.i
            and ent.root.dep_ == "poss" and ent.root.head.i == head.i)


# people named by whom they are to someone, not by an office: "Hoff's doctor", "Hoff's wife", "Tara's owners" or
# "carers" (a pet's), "Hoff's fans", "Hoff's team-mates" ("mates") (ROLE_NOUNS has the offices: "Hoff's lawyer",
# "Hoff's spokesman"); a body around them ("Hoff's family", "staff", "team") is a group (``owned_group``)
RELATIONS = words("""doctor physician surgeon nurse therapist wife husband spouse partner son daughter child
    children mother father parent parents brother sister sibling siblings cousin uncle aunt nephew niece grandson
    granddaughter grandmother grandfather stepson stepdaughter stepfather stepmother fiance fiancee fiancé fiancée
    girlfriend boyfriend widow widower friend friends relative relatives neighbour neighbor neighbours neighbors
    colleague colleagues associate associates ally allies confidant confidante assistant staffer staffers agent
    publicist biographer bodyguard coach teammate teammates supporter supporters backer backers owner owners fan
    fans follower followers admirer admirers carer caregiver guardian minder nanny babysitter keeper handler trainer
    groom jockey rider vet veterinarian teacher classmate schoolmate mate housemate flatmate roommate landlord
    landlady tenant rescuer employer employee""")


# people named by what they do or where they are, neither an office (ROLE_NOUNS) nor whom they are to another
# (RELATIONS): "The snapper says", "A bystander said" (an unnamed speaker, as "the official" is)
DOERS = words("""photographer snapper cameraman camerawoman driver motorist cyclist pedestrian passenger pilot
    physio physiotherapist paramedic medic firefighter lifeguard witness bystander onlooker passer-by resident
    local villager pensioner teenager pupil student worker labourer farmer fisherman shopkeeper trader customer
    shopper diner visitor tourist walker hiker climber swimmer runner patient victim survivor refugee""")


def doer(low: str) -> bool:
    """Whether the lower-case noun names someone by what they do or where they are (``DOERS``), one or several."""
    return low in DOERS or (low.endswith("s") and low[:-1] in DOERS)


def relation(low: str) -> bool:
    """Whether the lower-case noun names someone by whom they are to another (``RELATIONS``), singular or plural
    ("carers", "nannies")."""
    return low in RELATIONS or (low.endswith("s") and low[:-1] in RELATIONS) or (
        low.endswith("ies") and low[:-3] + "y" in RELATIONS)


def owned_person(head: Token) -> bool:
    """Whether a person's noun in the possessive names another person: a role ("Berg's aides") or a relation
    ("Hoff's doctor", "Hoff's wife")."""
    low = head.lower_
    return low in ROLE_NOUNS or low.rstrip("s") in ROLE_NOUNS or relation(low)


_POSSESSIVES = ("’s", "'s")
_GROUPS = frozenset({"team", "campaign", "camp", "staff", "family", "administration", "government"})


def owned_group(head: Token) -> bool:
    """Whether a person's noun in the possessive names a body that speaks ("Clinton's team", "Berg's office"), not
    a thing the person is said to have ("Trump's plan", "Mr. Trump's performance": the person's word)."""
    return org_word(head) or head.lower_ in _GROUPS


def owned_word(ent: Span) -> bool:
    """Whether NER tagged as a person only the one word after a plural possessive's apostrophe, in a name such as
    "the Dockers' Guild" ("Guild" alone): that word is no speaker, the name it ends is."""
    doc = ent.doc
    if ent.label_ != "PERSON" or len(ent) != 1 or ent.start < 2:
        return False
    mark, owner = doc[ent.start - 1], doc[ent.start - 2]
    return (mark.text in ("'", "’") and mark.tag_ == "POS" and owner.pos_ == "PROPN"
            and owner.lower_.endswith("s") and owner.text[:1].isupper())
