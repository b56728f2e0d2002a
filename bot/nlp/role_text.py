"""A speaker's name and role as the article wrote them: hyphens joined, no time word opening the role."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from bot.nlp.quote_cues import words

DASHES = ("-", "–", "‑")
# Words of when, not of who: "Yesterday Wolves fan Mr Downes said" is a fan, not a yesterday fan
TIME_WORDS = words(
    """yesterday today tonight tomorrow earlier later meanwhile now monday tuesday wednesday thursday friday
    saturday sunday"""
)
TIME_LEADS = words("last this next")  # "Last night", "This morning": with the period after them
PERIODS = words("night morning afternoon evening week weekend month year")
SHOW_WORDS = words("programme program show")  # "Today programme presenter": the time word names a show


def as_written(text: str, doc: Doc) -> str:
    """``text`` built from tokens joined by spaces with the hyphens the article writes unspaced joined again
    ("father - of - three" -> "father-of-three", "Miami - Dade" -> "Miami-Dade"); a dash the article spaces
    ("head of safety - east region") stays spaced."""
    parts = text.split(" ")
    if len(parts) < 3 or not any(p in DASHES for p in parts):
        return text
    written = doc.text  # joined anew at every read
    out: list[str] = [parts[0]]
    k = 1
    while k < len(parts):
        part = parts[k]
        if part in DASHES and k + 1 < len(parts) and out[-1] and parts[k + 1]:
            joined = f"{out[-1]}{part}{parts[k + 1]}"
            if joined in written:
                out[-1] = joined
                k += 2
                continue
        out.append(part)
        k += 1
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
    """The role as written (``as_written``), no time word opening it (``without_time``)."""
    return without_time(as_written(role, doc), doc) if role else role
