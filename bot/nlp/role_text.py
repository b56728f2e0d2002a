"""A speaker's name and role as the article writes them (its spacing), no time word opening a role, sentence case."""

from __future__ import annotations

import re
from itertools import pairwise

from spacy.tokens import Doc, Token

from bot.nlp.quote_cues import CAPITALISED_BODIES, PASSING_ADJECTIVES, words

# Words of when, not of who: "Yesterday Wolves fan Mr Downes said" is a fan, not a yesterday fan
TIME_WORDS = words(
    """yesterday today tonight tomorrow earlier later meanwhile now monday tuesday wednesday thursday friday
    saturday sunday"""
)
TIME_LEADS = words("last this next")  # "Last night", "This morning": with the period after them
PERIODS = words("night morning afternoon evening week weekend month year")
SHOW_WORDS = words("programme program show")  # "Today programme presenter": the time word names a show


def as_written(text: str, doc: Doc) -> str:
    """``text`` built from tokens joined by spaces, as the article writes it: the same words where the article
    runs them (``_written_run``: "Forum , a think tank" -> "Forum, a think tank", "a super PAC 's spokesman" ->
    "a super PAC's spokesman", '" quiet " rebel' -> '"quiet" rebel', "father - of - three" -> "father-of-three"),
    else each space the article never writes between its two words taken out (``_joined``); a dash the article
    spaces ("head of safety - east region") stays spaced, a line break in the text reads as a space."""
    parts = text.split()
    if len(parts) < 2:
        return text
    written = doc.text  # joined anew at every read
    return _written_run(parts, written) or _joined(parts, written)


def _written_run(parts: list[str], written: str) -> str | None:
    """The first place the article writes ``parts`` in a row, with its spaces made one each: spaced or not next to
    a mark, spaced between two words."""
    edges = (r"(?<!\w)" if parts[0][:1].isalnum() else "", r"(?!\w)" if parts[-1][-1:].isalnum() else "")
    pattern = re.escape(parts[0])
    for before, part in pairwise(parts):
        # two words stay two words ("Time Warner", not a "TimeWarner" written elsewhere); a mark may hug its word
        pattern += (r"\s+" if before[-1:].isalnum() and part[:1].isalnum() else r"\s*") + re.escape(part)
    found = re.search(edges[0] + pattern + edges[1], written)
    return " ".join(found.group().split()) if found else None


def _joined(parts: list[str], written: str) -> str:
    """``parts`` with the space between two of them taken out where the article writes them unspaced and nowhere
    spaced ("PAC 's" -> "PAC's" in "super PAC 's spokesman , via Reuters")."""
    out: list[str] = [parts[0]]
    for part in parts[1:]:
        if not (out[-1][-1:].isalnum() and part[:1].isalnum()) and _written_run([out[-1] + part], written) \
                and not _written_run([f"{out[-1]} {part}"], written):
            out[-1] += part
        else:
            out.append(part)
    return " ".join(out)


def without_time(role: str, doc: Doc) -> str | None:
    """The role without the time words that open it when the article uses them of when, not of who: a date or
    time NER tags that the parse uses of when (``_of_when``: "Yesterday Wolves fan" -> "Wolves fan", "Last night
    Rovers fan" -> "Rovers fan"); None when nothing else is left. A show's name stays ("Today programme
    presenter")."""
    parts = role.split()
    n = _time_length(parts)
    if not n:
        return role
    if n < len(parts) and parts[n].lower() in SHOW_WORDS:
        return role
    for start in _occurrences(doc, parts):
        span = doc[start : start + len(parts)]
        inside = {t.i for t in span}
        if all(_of_when(t, inside) for t in span[:n]):
            return " ".join(parts[n:]) or None
    return role


def _time_length(parts: list[str]) -> int:
    """How many leading words name a time: one (`TIME_WORDS`) or two ("last night")."""
    if parts and parts[0].lower() in TIME_WORDS:
        return 1
    if len(parts) > 1 and parts[0].lower() in TIME_LEADS and parts[1].lower() in PERIODS:
        return 2
    return 0


def _occurrences(doc: Doc, parts: list[str]) -> list[int]:
    """Where the words run in the document, as token indexes."""
    n = len(parts)
    return [t.i for t in doc if t.text == parts[0] and t.i + n <= len(doc)
            and [x.text for x in doc[t.i : t.i + n]] == parts]


def _of_when(tok: Token, inside: set[int]) -> bool:
    """A date or time word used of when: hung outside the role (on the verb), as an adverb ("npadvmod") or on
    another time word of it ("Last night")."""
    if tok.ent_type_ not in ("DATE", "TIME"):
        return False
    return tok.head.i not in inside or tok.dep_ == "npadvmod" or tok.head.ent_type_ in ("DATE", "TIME")


def written_role(role: str | None, doc: Doc) -> str | None:
    """The role as written (``as_written``), no time word opening it (``without_time``, read on the tokens), in
    the case it reads mid-sentence (``sentence_case``)."""
    bare = without_time(role, doc) if role else role
    return sentence_case(as_written(bare, doc), doc) if bare else bare


# the tagger's singular common nouns ("Hospital") and "Her", "Its"; not a plural, a team's name as often ("Lions")
_NOUN_TAGS = frozenset({"NN", "PRP$"})
# adjectives that open a role and are no name's: the tagger's adjective may be a name's ("Libertarian", "Investec")
ROLE_ADJECTIVES = PASSING_ADJECTIVES | words(
    """chief senior junior deputy acting outgoing incoming retiring interim previous veteran leading top principal
    managing assistant associate"""
)
_OPENERS = frozenset({'"', "“", "‘", "'", "«", "(", "[", ":", ";", "—", "–", "-"})


def sentence_case(role: str, doc: Doc) -> str:
    """A role of several words whose first kept its sentence's capital ("Hospital director Anna Berg said") with
    that word in lower case, as the role reads mid-sentence ("hospital director"), when every place the article
    writes the role opens a sentence (or a quotation, or a clause after a colon or dash), the word is a common
    one there (``_common``) and the article never writes it with a capital mid-sentence. The rest must be in lower
    case: a one-word title ("President", "Chancellor") or one with its capitals ("Prime Minister") before a name
    keeps them, and so does a name ("Labour leader", "Valdorian envoy": NER tags the word) and any other role."""
    parts = role.split()
    first = parts[0]
    if len(parts) < 2 or not (first[:1].isupper() and first[1:].islower()) or any(p != p.lower() for p in parts[1:]):
        return role
    found = _occurrences(doc, parts)
    if not found or not all(_opens(doc[i]) for i in found) or not _common(doc[found[0]], doc):
        return role
    low = first.lower()
    if any(t.lower_ == low and t.text != low and not _opens(t) for t in doc):
        return role  # "the Hospital" mid-sentence: the article's name for it
    return " ".join([low, *parts[1:]])


def _opens(tok: Token) -> bool:
    """The token opens its sentence, a quotation or a clause after a colon or dash."""
    return tok.is_sent_start or tok.i == 0 or tok.nbor(-1).text in _OPENERS


def _common(tok: Token, doc: Doc) -> bool:
    """No entity's word nor a body always capitalised ("Kremlin", ``CAPITALISED_BODIES``), and a singular common
    noun or possessive pronoun by the tagger ("Hospital", "Her"), an adjective that opens roles (`ROLE_ADJECTIVES`:
    "Chief", "Outgoing"; not "Libertarian", "Conservative"), or a word the article writes in lower case elsewhere
    ("the finance ministry" beside "Finance minister")."""
    if tok.ent_type_ or tok.lower_ in CAPITALISED_BODIES:  # "Kremlin spokesman", the tagger's NN or not
        return False
    if tok.tag_ in _NOUN_TAGS or (tok.tag_ == "JJ" and tok.lower_ in ROLE_ADJECTIVES):
        return True
    return any(t.text == tok.lower_ for t in doc)
