"""Sentence shapes that are no statement of their own: a split quotation's pieces, a bare quotation, a caption."""

from __future__ import annotations

import re

from bot.nlp.guillemets import straighten_quotations

# Quotation marks by what their shape says: openers only open; the others close unless they stand where an opening
# mark stands (after a space or bracket: Swedish and Finnish open with ”). „ and ‚ open German and
# Polish quotations, whose “ closes them; a “ after „ is left alone (the language's closer, not a new opening).
_DOUBLE_OPEN = "“„"
_DOUBLE_ANY = "\"”"
_SINGLE_OPEN = "‘‚"
_SINGLE_ANY = "'’"
_BEFORE_OPENING = "([{—–-"  # and any space (a no-break one too)
_SPACED_GUILLEMETS = re.compile(r"«\s+|\s+»")
# every mark the readers below act on: a sentence holding none (most do) is read at once, not character by character
_DOUBLE_CHARS = frozenset(_DOUBLE_OPEN + _DOUBLE_ANY)
_SINGLE_MARK = re.compile(f"[{_SINGLE_OPEN}{_SINGLE_ANY}]")


def closes_unopened_quotation(text: str) -> bool:
    """True when ``text`` closes a quotation it never opened ("It is not my job to mock them.'", "We never thought
    it would close," the captain said.): the sentence splitter cut a quotation and this is a piece from its middle
    or end, whose start (and often whose speaker) is in the sentence before. Single marks are apostrophes too
    ("owners' offer", "isn't"): one closes a quotation only after a full stop, comma, "!" or "?", and only a
    sentence without any single opening mark is read as closing one it never opened."""
    if _double_marks(text)[0]:
        return True
    single_opened = single_closed = False
    for m in _SINGLE_MARK.finditer(text):
        i, char = m.start(), m.group()
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        if char in _SINGLE_OPEN or (char in _SINGLE_ANY and _opening_place(before)):
            single_opened = True
        elif char in _SINGLE_ANY and before in ".,!?" and not after.isalnum():
            single_closed = True
    return single_closed and not single_opened


def leaves_quotation_open(text: str) -> bool:
    """True when ``text`` opens a quotation it never closes ('He tweeted that "we cannot let them die in vain.'):
    the splitter cut a quotation of several sentences and this is its first piece, whose end (and often whose
    speaker) is in the sentences after. Double marks, then guillemets (a « with a word after it and no » after
    that, once the paired ones are set aside: ``straighten_quotations``; a German » left open cannot be told from
    a breadcrumb arrow, so it is left alone), then single marks (``_single_left_open``); never when a double mark
    closes a quotation it never opened."""
    unopened, depth, _ = _double_marks(text)
    if unopened:
        return False
    if depth > 0:
        return True
    unpaired = straighten_quotations(text) if "«" in text else ""  # « … » and German » … « made straight quotes
    last = unpaired.rfind("«")
    if last >= 0 and "»" not in unpaired[last:] and any(char.isalnum() for char in unpaired[last:]):
        return True
    return _single_left_open(text)


def _single_left_open(text: str) -> bool:
    """Whether the last single quotation opened in ``text`` stays open. Single marks are apostrophes too, so a mark
    opens only where an opening mark stands (``_opening_place``) before a letter, "#" or "@" ("‘We will", "'#Vote": not
    "island‘s", "'90s") and closes wherever a closing mark can stand, after a non-space and before no letter or
    digit ("wait,’", "owners' offer": an apostrophe after a plural reads as a close, so such a line is never
    taken for an open one, and "rock 'n' roll" opens and closes). "'em" or "'tis" after a space reads as opening."""
    opened = False
    for m in _SINGLE_MARK.finditer(text):
        i = m.start()
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        if _opening_place(before) and (after.isalpha() or after in "#@"):  # a hashtag or handle quoted too
            opened = True
        elif not before.isspace() and not after.isalnum():
            opened = False
    return opened


def opens_with_quotation(text: str) -> bool:
    """Whether ``text`` opens with a quotation mark: a double one, «, or a single one before a letter ("'We will",
    not "'90s"): how each paragraph of a quotation of several opens."""
    stripped = text.lstrip()
    return stripped[:1] in "\"“„«" or (stripped[:1] in "'‘‚’" and stripped[1:2].isalpha())


def is_bare_quotation(text: str) -> bool:
    """True when ``text`` is a quotation and nothing else: it opens with a double quotation mark, every letter and
    digit stands inside double marks, and every quotation is closed ('"While it has been a privilege to serve, I
    will step down."'): no speaker in the line, so a reader cannot tell who spoke. Guillemets read as double marks
    once paired (``straighten_quotations``); in single marks (``_bare_in_single_marks``) likewise."""
    stripped = text.strip()
    if stripped.startswith("«"):  # French spacing inside the marks ("« Nous … »") taken out first
        stripped = straighten_quotations(_SPACED_GUILLEMETS.sub(lambda m: m.group().strip(), stripped))
    if _bare_in_single_marks(stripped):
        return True
    if not stripped or (stripped[0] not in _DOUBLE_OPEN and stripped[0] not in _DOUBLE_ANY):
        return False
    unopened, depth, outside = _double_marks(stripped)
    return not unopened and depth == 0 and outside == 0


def _bare_in_single_marks(stripped: str) -> bool:
    """'It will take years to rebuild the quay.' (or in ‘ ’): a single mark before a letter opens the line, a single
    mark after its last full stop, "!", "?" or comma closes it, and no mark between closes a quotation (after a
    non-space, before no letter or digit: "owners' offer" reads as one, so such a line is never taken for bare)."""
    if len(stripped) < 3 or not opens_with_quotation(stripped) or stripped[0] not in "'‘‚’":
        return False
    if stripped[-1] not in "'’" or stripped[-2] not in ".!?,":
        return False
    inner = stripped[1:-1]
    for i, char in enumerate(inner):
        if char in "'’‘" and not (inner[i - 1] if i else " ").isspace():
            after = inner[i + 1] if i + 1 < len(inner) else " "
            if not after.isalnum():
                return False
    return True


def _opening_place(before: str) -> bool:
    """After a space or bracket a mark opens (a closing mark follows a word): '"Reform" ...', '" very important'."""
    return before.isspace() or before in _BEFORE_OPENING


def _double_marks(text: str) -> tuple[bool, int, int]:
    """The double quotation marks of ``text`` read left to right: (whether one closes a quotation never opened,
    how many quotations are still open at the end, letters and digits outside every quotation up to the first
    unopened close)."""
    if _DOUBLE_CHARS.isdisjoint(text):
        return False, 0, sum(map(str.isalnum, text))
    depth = 0
    outside = 0
    german = False
    for i, char in enumerate(text):
        before = text[i - 1] if i else " "
        if char in _DOUBLE_OPEN:
            if char == "“" and german and depth:
                depth -= 1  # „...“: the German closing mark
                continue
            german = german or char == "„"
            depth += 1
        elif char in _DOUBLE_ANY:
            if _opening_place(before):
                depth += 1  # an opening mark by position
            elif depth:
                depth -= 1
            else:
                return True, depth, outside
        elif not depth and char.isalnum():
            outside += 1
    return False, depth, outside


# "Retread: David Cameron with Samantha yesterday." -- a label, a colon, then only names, the words that join and
# place them, and when: no verb, so no statement (a caption the page put between paragraphs)
# (possessive: a long run of spaces is read once, not once per way of sharing it between two ``\s``)
_LABEL = re.compile(r"^\s*+(?-i:[A-Z])[\w'’-]*+(?:\s++[\w'’-]++){0,2}+\s*+:\s")
_JOINING_WORDS = """
with and & his her their wife husband son daughter sons daughters children child partner girlfriend boyfriend fiancee
fiance mother father brother sister family friends friend in at on during after before outside yesterday today tonight
last this earlier night week month year summer winter spring autumn weekend morning evening afternoon the a an
pictured left right centre center above below inset both of
"""
_CAPTION_WORDS = frozenset(_JOINING_WORDS.split())
_DETERMINERS = frozenset({"the", "a", "an", "his", "her", "their"})
_PRONOUNS = frozenset({"i", "we", "you", "he", "she", "it", "they", "this", "these", "those", "there"})
_TOKEN = re.compile(r"[\w'’&-]+")


def is_caption(text: str) -> bool:
    """True for a photo caption: "Label: Name with Name <when>." (at least two capitalised words after the colon,
    joined by "with" or "and", and nothing else but family words, places, times and the nouns after "the")."""
    m = _LABEL.match(text)
    if m is None or text.split(None, 1)[0].lower() in _PRONOUNS:  # "They were: R. Brook, J. Varga and ..."
        return False
    tokens = _TOKEN.findall(text, m.end())
    if not tokens or not tokens[0][:1].isupper() or not {"with", "and", "&"} & set(tokens):
        return False
    names = 0
    previous = ""
    for token in tokens:
        low = token.lower()
        if token[:1].isupper() and low not in _DETERMINERS:
            names += 1
        elif not (low in _CAPTION_WORDS or token.isdigit() or previous in _DETERMINERS):
            return False
        previous = low
    return names >= 2


# A caption the page set between a quotation's paragraphs (the Daily Mail's way): "Pictured: ...", a short label and
# a colon before a capital ("Battered: The wall ..."), someone "(pictured)" or ", pictured ...", or a credit in
# capitals at its end ("(NILS HAGEN/VELLMAR PRESS)", "(AFP)"); never in the first or second person (speech is)
_CAPTION_LABEL = re.compile(r"^[A-Z][\w'’-]*+(?:\s[\w'’-]+){0,2}:\s+[\"“‘']?[A-Z]")
_PICTURED = re.compile(
    r"^pictured\b|\(pictured\b|,\s*pictured\b|\bpictured\s+(?:here|above|below|left|right|centre|center|inset)\b",
    re.IGNORECASE)
_CAPS_CREDIT = re.compile(r"(?:\b[A-Z]{3,}[A-Z'’-]*\s*/\s*[A-Z][\w'’ -]*|\((?:AP|AFP|PA|REUTERS|GETTY IMAGES|EPA)\))"
                          r"\)?\s*\.?\s*$")
_OWN_VOICE = re.compile(r"\b(?:I|[Ww]e|[Mm]e|[Uu]s|[Mm]y|[Oo]ur|[Yy]ou|[Yy]our)\b")
MAX_CAPTION_WORDS = 40  # a caption is a line or two; a longer sentence is a paragraph of its own


def reads_as_caption(sentence: str) -> bool:
    """True for a photo caption set inside a run of quoted paragraphs: no one's speech, so an open quotation
    stops before it (``bot/nlp/open_paragraphs.py``)."""
    text = sentence.strip()
    if not text or len(text.split()) > MAX_CAPTION_WORDS or _OWN_VOICE.search(text) is not None:
        return False
    return (is_caption(text) or _CAPTION_LABEL.match(text) is not None or _PICTURED.search(text) is not None
            or _CAPS_CREDIT.search(text) is not None)
