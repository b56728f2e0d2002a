"""Cues whose object is a thing done, not words said: "dismissed the lawsuit", "concluded her remarks", "demanded a
ransom", "cited the driver", "admitted manslaughter", "the town boasts a theatre" (QUALITY step 40, actions)."""

from __future__ import annotations

from spacy.tokens import Token

from bot.nlp.quote_cues import ROLE_NOUNS, words

# "the court dismissed the lawsuit / the charges", "the club dismissed its manager": a ruling or a sacking
# ("dismissed the claims as nonsense", "the charges as a witch hunt", "the report" stay: PolNeAR marks a view
# dismissed, "as ..." naming it).
DISMISSED_THINGS = words(
    """lawsuit lawsuits suit suits case cases complaint complaints charge charges appeal appeals motion motions
    petition petitions indictment indictments count counts proceedings jury juror jurors"""
)
STAFF = words("manager coach staff employee employees worker workers player players captain crew board")
# "the kidnappers demanded a ransom / $5 million": money asked for, not words reported ("demanded an inquiry" stays)
MONEY_WORDS = words("ransom ransoms payment payments money cash bribe bribes sum fee fees")
# "admitted manslaughter / two counts of fraud": a plea; "the hospital admitted 40 patients": let in
# ("admitted that ...", "admitted taking the money" stay: PolNeAR marks them).
ADMITTED_THINGS = words(
    """manslaughter murder assault theft fraud burglary robbery arson rape harassment stalking possession
    trafficking smuggling bribery corruption perjury kidnapping affray offence offences offense offenses guilt
    contempt misconduct charge charges count counts patient patients student students pupil pupils member members
    refugee refugees migrant migrants applicant applicants visitor visitors"""
)
_PERSON_PRONOUNS = words("him her them")
_CLAUSES = frozenset(("ccomp", "xcomp"))
_VERBS = frozenset(("VERB", "AUX"))


def object_act(cue: Token) -> bool:
    """A cue whose object noun phrase is something done, not words reported: "dismissed the lawsuit / its
    manager", "concluded her remarks", "demanded a ransom", "cited the driver (for speeding)" or "cited Mr. X",
    "admitted manslaughter", "boasts a theatre"; a clause after any of them ("admitted that ...") stays speech."""
    lemma = cue.lemma_.lower()
    kids = list(cue.children)
    obj = _object(kids)
    if obj is None or any(c.dep_ in _CLAUSES and c.pos_ in _VERBS for c in kids) or _quoted(obj):
        return False
    head = obj.lemma_.lower()
    as_view = any(c.dep_ == "prep" and c.lower_ == "as" for c in (*kids, *obj.children))
    if lemma == "dismiss":
        return not as_view and (head in DISMISSED_THINGS or _person(obj) or head in STAFF)
    if lemma == "conclude":
        return obj.pos_ in ("NOUN", "PROPN")  # "concluded her remarks / the talks"; "concluded that ..." stays
    if lemma == "demand":
        return head in MONEY_WORDS or obj.ent_type_ == "MONEY"
    if lemma == "cite":
        for_prep = any(c.dep_ == "prep" and c.lower_ == "for" for c in (*kids, *obj.children))
        return for_prep or (not as_view and _person(obj) and not any(c.dep_ == "poss" for c in obj.children))
    if lemma == "admit":
        return head in ADMITTED_THINGS
    if lemma in ("boast", "brag"):
        return obj.pos_ in ("NOUN", "PROPN", "NUM")  # "the district boasts a theatre": has one
    return False


def _object(kids: list[Token]) -> Token | None:
    """The cue's object: its direct object, or the subject of a "clause" with no verb, which the parse made of a
    long object ("dismissed the board's complaint against X, as well as a case brought by 12 attorneys general"
    read as "complaint ... general", with "general" its head)."""
    obj = next((c for c in kids if c.dep_ == "dobj"), None)
    if obj is not None:
        return obj
    for clause in (c for c in kids if c.dep_ == "ccomp" and c.pos_ not in _VERBS):
        if not any(g.dep_ == "mark" for g in clause.children):
            return next((g for g in clause.children if g.dep_ == "nsubj" and g.pos_ in ("NOUN", "PROPN")), None)
    return None


def _person(obj: Token) -> bool:
    """A person as the object: a name ("Mr. Lorne"), a role ("the minister") or "him", "her", "them"."""
    return obj.ent_type_ == "PERSON" or obj.lower_ in _PERSON_PRONOUNS or obj.lemma_.lower() in ROLE_NOUNS


def _quoted(obj: Token) -> bool:
    """An object inside quotation marks (``boasted "a world first"``): quoted words, not a thing."""
    doc = obj.doc
    left, right = obj.left_edge.i, obj.right_edge.i
    return (left > 0 and doc[left - 1].is_quote) and (right + 1 < len(doc) and doc[right + 1].is_quote)
