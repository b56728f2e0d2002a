"""Remove page junk (breadcrumbs, credits, "Also read", share prompts, headings) from article text."""

from __future__ import annotations

import re
import unicodedata

from bot.ingest.breadcrumb import crumb_headline, is_breadcrumb, section_path
from bot.ingest.capital_prompts import is_capital_prompt
from bot.ingest.release_tail import before_release_tail
from bot.ingest.scripts import script_of, weighted_length
from bot.nlp import page_phrases as other
from bot.nlp import page_phrases_more as more
from bot.nlp.consent_prompts import is_consent_prompt
from bot.nlp.full_stops import FULL_STOPS
from bot.nlp.guillemets import straighten_quotations
from bot.nlp.space_stops import at_spaces

_WS = re.compile(r"[ \t\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
# invisible junk: zero width space, word joiner, BOM, soft hyphen. ZWNJ and ZWJ (U+200C, U+200D) are kept inside a
# word (Persian, Indic scripts and emoji sequences are written wrong without them), dropped next to a space or a
# line's end, where they join nothing
_INVISIBLE = re.compile(r"[\u200b\u2060\ufeff\u00ad]|(?<!\S)[\u200c\u200d]+|[\u200c\u200d]+(?!\S)")
_JOINERS = "\u200c\u200d"
# A prose line ends like a sentence: . ! ? … (or a full stop of Chinese, Japanese, Hindi ...: FULL_STOPS) optionally
# followed by closing quotes or brackets: ” ’ », German “ « ‹ („…“, »…«), French » › after a space ("… pas. »").
_PROSE_END = re.compile(f"[.!?…{FULL_STOPS}]" + r"(?:[\"'”’“»«›‹)\]」』）]| [»›])*$")
THAI_PARAGRAPH_MIN = 50  # characters (marks counted): some 15 English words
_INTRO_END = re.compile(r":$")  # "Peskov said:" before a quoted paragraph
_INNER_STOP = re.compile(r"[a-z0-9][.!?][\"'”’)]?\s+[A-Z“\"]")
_GLUED = re.compile(r"[a-z]{2}[A-Z][a-z]")  # text of two page elements run together

_PHRASES = (
    r"also read|read also|read more|read next|more reading|see also|related(?: \w+)?|more on this(?: story)?",
    r"others are reading(?: now)?|most (?:read|popular|viewed)|trending(?: now)?|recommended(?: for you)?",
    r"you (?:may|might) (?:also )?like|don'?t miss|editor'?s picks?|top stories|latest (?:news|stories)",
    r"advertisement|advertising|sponsored(?: content)?|promoted(?: content)?|ads? by\b.*|paid (?:content|post)",
    r"share(?: this)?(?: article| story| page)?(?: on \w+)?|tweet|print|e-?mail|copy (?:link|url)|comments?",
    r"leave a (?:comment|reply).*|show comments|follow us\b.*|subscribe\b.*|sign up\b.*|newsletter\b.*",
    r"click here\b.*|listen to (?:this )?(?:article|story)\b.*|\d+ min(?:ute)?s? read|skip to (?:main )?content",
    r"we use cookies\b.*|accept (?:all )?cookies.*|all rights reserved.*|©.*|\(c\) \d{4}.*|copyright\b.*",
    r"image|photo|picture|video|audio|gallery|watch|listen|loading|back to top|menu|search|home(?:page)?",
)
# a live page's or a breaking item's call to come back, whole lines only ("More to follow in the inquiry ..." stays)
_COME_BACK = (
    r"refresh (?:this|the) page\b.*|(?:please )?check back\b(?: later)?(?: for)?(?: more| the latest)?(?: updates?)?",
    r"(?:this is a )?developing story(?:,? (?:more to follow|and will be updated))?|more (?:to follow|follows)",
    r"this story (?:is developing(?: and will be updated)?|will be updated)",
)
_COME_BACK_LINE = re.compile(r"^(?:" + "|".join(_COME_BACK) + r")\W*$", re.IGNORECASE)
# the same furniture in French, German, Spanish, Italian and Portuguese (bot/nlp/page_phrases.py)
# (a call to action, "Abonnez-vous à notre lettre ...", with whatever follows it, as "subscribe" above)
_OTHER_LINES = [other.alternatives(p) for p in (other.READ_MORE, other.ADS, other.BUTTONS, other.CREDITS)]
_JUNK_LINE = re.compile(r"^(?:" + "|".join([*_PHRASES, *_COME_BACK, *_OTHER_LINES,
                                             other.alternatives(other.PROMPTS) + r"(?!\w).*"])
                        + r")\W*$", re.IGNORECASE)
# Lines that start like a link to another article ("Also read: ...") are junk whatever follows.
_JUNK_PREFIX = re.compile(
    r"^(?:also read|read also|read more|see also|related|others are reading|most read|recommended|"
    r"advertisement|sponsored|ads by|share this|follow us|subscribe to|sign up for|"
    + "|".join(other.alternatives(p) for p in (other.READ_MORE, other.ADS, other.BUTTONS)) + r")\b\s*[:\-–—|]",
    re.IGNORECASE,
)
_CREDIT = re.compile(
    r"^\(?(?:(?:file |main |top |header )?(?:photo|image|picture|pictured|illustration|video|graphic|caption|"
    r"credit|photograph|footage)s?(?: credits?| by| source)?\s*[:/©]|(?:photo|image) credits?\b|"
    r"(?:photo|image|picture)s? (?:by|via|from|courtesy)\b|" + other.alternatives(other.CREDITS) + r"\s*[:/©])",
    re.IGNORECASE,
)
_AGENCIES = re.compile(
    r"\b(?:shutterstock|getty ?images|istock(?:photo)?|alamy|ap photo|afp via getty|reuters/|epa-efe|"
    r"dreamstime|depositphotos|unsplash|wikimedia commons)\b",
    re.IGNORECASE,
)
# "By", and "Par", "Von", "Por", "Di" before two names at least: "Di Maio", "Por España" are a name and a place
_BYLINE = re.compile(r"^(?:(?:[Bb]y|BY)\s+([A-Z][\w.'’-]+(?:\s+(?:[A-Z][\w.'’-]+|and|&|de|van|von|al)){0,6})"
                     r"|(?:[Pp]ar|[Vv]on|[Pp]or|[Dd]i)\s+([A-Z][\w.'’-]+(?:\s+(?:[A-Z][\w.'’-]+|and|&|de|van|von|al)){1,6}))"
                     r"\.?$")
_DATELINE = re.compile(r"^(?:(?:published|updated|posted|last updated|first published)\b|"
                       + other.STAMP + r").{0,60}$", re.I)
# the same furniture in Russian, Chinese, Japanese and Arabic (bot/nlp/page_phrases_more.py), for lines not in ASCII
_MORE_LINE = re.compile(more.LINE, re.IGNORECASE)
_NAV_SEPARATORS = re.compile(r"\s[|›»>•·/]\s")
# A navigation line's parts between separators are short (a breadcrumb may end in a headline); a paragraph with inline
# link arrows ("... at work in the workshop » . Today, ...") has several long parts.
NAV_PART_WORDS = 12
_BREADCRUMB_START = re.compile(r"^home(?:page)?\b", re.IGNORECASE)
_NAV_MARKS = re.compile(r"\s[>›»/|·•]\s|[›»]")
# what a credit, copyright or date line over a text has and a headline starting with the same word has not
CREDIT_WORDS = 3  # "Photo: Jane Doe"
_CREDIT_MARKS = re.compile(r"[/©]|\bcredits?\b|\bcourtesy\b|\bvia\b", re.IGNORECASE)
_STAMP_START = re.compile(r"^(?:copyright|published|updated|posted|last updated|first published)\b", re.IGNORECASE)
_STAMP_MARKS = re.compile(r"\d|©|\(c\)|\breserved\b", re.IGNORECASE)
_HOME_CRUMB = re.compile(r"^(?:homepage\s*[>›»/|:·•-]?|home\s*[>›»/|:·•-])\s*", re.IGNORECASE)
# the footers blogging platforms add to every post: WordPress's "The post <title> appeared first on <site>.",
# Substack's "Thanks for reading <name>! Subscribe for free ..." and "This post is public so feel free to share it."
_PLATFORM_FOOTER = re.compile(
    r"^(?:the post .{1,300} (?:appeared first|first appeared) on [^,;:]{1,80}|"
    r"thanks for reading [^,;:.!?]{1,80}!(?: (?:subscribe|this post is public)\b.*)?|"
    r"this post is public so feel free to share it)\W*$", re.IGNORECASE)
# a call to read on, or a run of hashtags, closing a paragraph after its last sentence: "... level. Read More",
# "... level. … Continue reading <title> →", "... level. [Read more...]", "... crossing. #Velmora #ferry"
_TAIL = re.compile(
    r"(?<=[.!?…\]\"'”’)])\s+\[?(?:continue reading|read more|keep reading|read the (?:full|rest of the) "
    r"(?:story|article|post))\b[^.!?]{0,150}?\s*(?:→|»|›|>>|\.\.\.|…)?\]?\s*$"
    r"|(?<=[.!?…\"'”’)])(?:\s+#[^\W\d_][\w-]*)+\s*$", re.IGNORECASE)
_OUTLET_LINE = re.compile(
    r"^(?:source|outlet|publisher|publication|published by|originally published (?:by|in|on))\s*:\s*(.{2,80})$",
    re.IGNORECASE,
)


def normalise_lines(raw: str) -> list[str]:
    """Lines with invisible characters removed, odd spaces folded and ends stripped."""
    text = unicodedata.normalize("NFC", raw.replace("\r\n", "\n").replace("\r", "\n"))
    text = _INVISIBLE.sub("", text)
    text = "".join(c for c in text if c == "\n" or c.isprintable() or c in "\t\u00a0" or c in _JOINERS)
    return [_WS.sub(" ", line).strip() for line in text.split("\n")]


def _unwrap(lines: list[str]) -> list[str]:
    """Join hard-wrapped lines of plain text; only used when paragraphs are blank-line separated.

    A paragraph ends like prose (``_PROSE_END``) exactly when its last line does: a line joins only a paragraph that
    does not, so no full stop before the joining space is followed by closing marks alone. Each line is searched
    once and the paragraph joined once, in linear time (a hundred thousand short lines took minutes when the growing
    paragraph was rebuilt and searched per line: docs/BENCHMARKS.md, "Long hostile lines")."""
    out: list[list[str]] = []
    width = 0  # characters of the last paragraph
    ends_prose = False  # whether it ends like a sentence
    for line in lines:
        joins = (
            line and width and not ends_prose and not line.startswith(("-", "*", "•"))
            and (width >= 50 or line[:1].islower())
        )
        if joins:
            out[-1].append(line)
            width += 1 + len(line)
        else:
            out.append([line])
            width = len(line)
        ends_prose = _PROSE_END.search(line) is not None
    return [" ".join(paragraph) for paragraph in out]


def hand_wraps_joined(raw: str) -> str:
    """A plain text's lines with its hand-wrapped ones joined into paragraphs (``_unwrap``), its blank lines kept:
    what ``clean_text`` makes of a text that has a blank line, given whether or not it has one (a text file of
    wrapped lines and no blank line, with no line break at its end, otherwise read one paragraph per line: each
    line not ending like a sentence dropped as a heading, with the start of the sentence it carried)."""
    return "\n".join(_unwrap(normalise_lines(raw)))


def _same(a: str, b: str) -> bool:
    return a.casefold().strip(" .:") == b.casefold().strip(" .:")


def is_title_line(line: str, title: str) -> bool:
    """The title itself, or a breadcrumb line that ends with it ("Homepage News <title>")."""
    if not title or len(title) < 8:
        return False
    folded, t = line.casefold(), title.casefold()
    return _same(line, title) or (folded.endswith(t) and len(folded) - len(t) <= 60)


def is_junk_line(line: str) -> bool:
    """A line that is page furniture whatever its punctuation (a call to act in capitals: ``is_capital_prompt``; a
    line of section names alone, "Sport > Politics": ``section_path``; a line opening with "Home" but a sentence:
    ``_home_sentence``)."""
    return bool(never_title(line) or (_AGENCIES.search(line) and len(line.split()) <= 15)
                or (_BREADCRUMB_START.match(line) and not _home_sentence(line)) or is_capital_prompt(line)
                or section_path(line))


def _home_sentence(line: str) -> bool:
    """A sentence that opens with the word "Home" ("Home prices rose 3% in October, the office said."): ends like
    prose, six words at least, no separator of navigation in it (not "Homepage › News › ...")."""
    return is_prose(line) and len(line.split()) >= 6 and not _NAV_MARKS.search(line)


def only_come_back(raw: str) -> bool:
    """Whether ``raw`` says nothing but "come back later" ("Developing story, more to follow."): a breaking item
    whose news is its headline."""
    lines = [line for line in normalise_lines(raw) if line]
    return bool(lines) and all(_COME_BACK_LINE.match(line) for line in lines)


def never_title(line: str) -> bool:
    """A junk line (``is_junk_line``) that no headline reads as: every kind but a line starting with "Home" ("Home
    loan approvals rise") and one naming a picture agency ("Getty Images wins its case"), which a headline may be;
    a credit only when short or credit-like ("Photo: Jane Doe/Orrin Post", not "Video: Orrin ferry sails again"),
    and a copyright or date line only with a date, "©" or "reserved" in it ("Published 4 March 2026", not
    "Updated guidance for passengers" or "Copyright reform passes")."""
    words = len(line.split())
    if _STAMP_START.match(line) and not _STAMP_MARKS.search(line):
        return False
    return bool(
        _JUNK_LINE.match(line)
        or _JUNK_PREFIX.match(line)
        or (_CREDIT.match(line) and (words <= CREDIT_WORDS or _CREDIT_MARKS.search(line) or _AGENCIES.search(line)))
        or (_BYLINE.match(line) and words <= 10)
        or (_DATELINE.match(line) and words <= 10)
        or _is_navigation(line)
        or _OUTLET_LINE.match(line)
        or _PLATFORM_FOOTER.match(line)
        or (not line.isascii() and _MORE_LINE.match(line))
        or (words <= 40 and is_consent_prompt(line))  # "By using our services, you agree to our use of cookies."
    )


def _is_navigation(line: str) -> bool:
    """Two separators or more (" › ", " » ", " | " ...) between parts of which at most one is longer than
    NAV_PART_WORDS words: "Home › News › <headline>", "News | Sport | Weather". The guillemets of a quotation
    ("… promis « de tenir bon » et « de ne pas céder » …") are no separators: ``straighten_quotations``."""
    parts = _NAV_SEPARATORS.split(straighten_quotations(line))
    return len(parts) >= 3 and sum(1 for part in parts if len(part.split()) > NAV_PART_WORDS) <= 1


def is_prose(line: str) -> bool:
    """Ends like a sentence, introduces a quote with a colon, or is a long run of sentences whose
    final stop is missing (but not words glued together from page elements: "EuropeCurrently")."""
    if _PROSE_END.search(line):
        return True
    words = len(line.split())
    if _INTRO_END.search(line):
        return words >= 4
    return (words >= 12 and bool(_INNER_STOP.search(line))) or (words >= 20 and not _GLUED.search(line))


def clean_text(raw: str, *, title: str | None = None) -> str:
    """Main text only: one paragraph per line, separated by blank lines, page junk removed.

    Headings, tag lines and captions (lines that do not end like a sentence) are dropped so they
    never glue onto the next sentence; if that would leave nothing, the non-junk lines are kept. A call to read on
    or a run of hashtags after a paragraph's last sentence is dropped from it (``_TAIL``); a press release's closing
    boilerplate is cut (bot/ingest/release_tail.py).
    """
    lines = normalise_lines(raw)
    if any(not line for line in lines):
        lines = _unwrap(lines)
    lines = [_TAIL.sub("", line) if line else line for line in lines]  # "... level. Read More": the sentence
    lines = before_release_tail(lines)  # a press release's "About X", forward-looking notice and contacts
    first = next((line for line in lines if line), "")
    # Without a given title, a first line that is not prose is taken to be the title.
    titles = [title] if title else [first] if first and not is_prose(first) else []
    prose: list[str] = []
    fallback: list[str] = []
    as_title: list[str] = []
    seen: set[str] = set()
    for line in lines:
        key = line.casefold()
        if not line or key in seen or is_junk_line(line):
            continue
        seen.add(key)
        if any(is_title_line(line, t) for t in titles):
            as_title.append(line)
            continue
        (prose if is_prose(line) or _thai_paragraph(line) else fallback).append(line)
    kept = (prose or [line for line in fallback if _substantial(line)]
            or [line for line in as_title if _substantial(line)][:1])
    return "\n\n".join(kept)


def _substantial(line: str) -> bool:
    """A line worth keeping when no line reads as prose: four words or more, or sentences in a script that ends
    them with no Latin full stop (``_in_sentences``: a Thai line of two sentences has one space)."""
    return len(line.split()) >= 4 or _in_sentences(line)


def _thai_paragraph(line: str) -> bool:
    """A paragraph of Thai or Lao, which write no full stop (so ``is_prose`` cannot tell): mostly their letters, and
    kept as a line would be when no line reads as prose (``_substantial``) or at least THAI_PARAGRAPH_MIN characters
    long (one sentence written without a space). A page that mixes such lines with lines ending in a full stop ("...
    มี.ค.", an abbreviation) keeps both."""
    if line.isascii():
        return False
    letters = [c for c in line if c.isalpha()]
    thai = sum(1 for c in letters if "\u0e00" <= c <= "\u0eff")  # the Thai and Lao blocks
    return bool(letters) and thai * 2 >= len(letters) and (_substantial(line) or len(line) >= THAI_PARAGRAPH_MIN)


def split_title(raw: str) -> tuple[str, str]:
    """(title, rest) of a plain-text article whose first non-empty line is the title.

    A ``Source: X`` line (the outlet: ``find_outlet``) and a breadcrumb line ("News > Weather > <headline>":
    bot/ingest/breadcrumb.py) above it are no title: the next line is, unless it is the text itself (then a breadcrumb
    ending in a headline gives that headline, else there is no title line); so is page furniture no headline reads as
    ("Share this article", "Advertisement": ``never_title``). A breadcrumb first line with no separators
    ("Homepage News Russia demands ...") gives way to the repeated title line below it.
    """
    lines = raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    starts = [i for i, line in enumerate(lines) if line.strip()]
    if not starts:
        return "", ""
    headline = ""  # the one the last breadcrumb above the title ends in
    at = 0
    while at < len(starts) and _above_title(_title_text(lines[starts[at]]), first=at == 0):
        headline = crumb_headline(_title_text(lines[starts[at]])) or headline
        at += 1
    if at == len(starts):
        return "", ""
    idx = starts[at]
    first = _title_text(lines[idx])
    rest = "\n".join(lines[idx + 1:])
    # a file that starts straight with its text has no title line; nor has one whose only line is a text; nor one
    # whose first line under its breadcrumb or Source: line is a sentence
    if _reads_as_paragraph(first) or (not rest.strip() and _in_sentences(first)) \
            or (at > 0 and _SENTENCE_END.search(first) is not None):
        return headline, "\n".join(lines[idx:])
    following = [_WS.sub(" ", line.strip()) for line in lines[idx + 1: idx + 12] if line.strip()][:4]
    for line in following:
        if len(line) >= 8 and line != first and first.casefold().endswith(line.casefold()):
            return line, rest
    first = _HOME_CRUMB.sub("", first)  # "Home > ", "Homepage ": not "Home loan approvals rise"
    return first, rest


def _title_text(line: str) -> str:
    return _WS.sub(" ", line.strip().lstrip("#").strip())


def _above_title(line: str, *, first: bool) -> bool:
    """A line over a text's title that is not its title: the outlet's ``Source: X`` line, a breadcrumb, page
    furniture no headline reads as (``never_title``: "Share this article", "Advertisement"), and below the ``first``
    line any other page furniture (``is_junk_line``)."""
    return is_breadcrumb(line) or never_title(line) or (not first and is_junk_line(line))


_SENTENCE_END = re.compile(r"[\w\"'”’)][.](?:[\"'”’)]*)$")  # "... the operator said." (not "...")


_SENTENCE_BREAK = re.compile(r"[a-z0-9%)][.!?][\"'\u201d\u00bb]?\s+[\"'\u201c\u00abA-Z0-9]")
# a sentence's end in any script: . ! ? and a space, or a full stop of FULL_STOPS (。 । ። ...: no space needed), after
# something that is not a space; whether the characters either side end and start sentences, _breaks_in_other_scripts
# decides
_ANY_SENTENCE_END = re.compile(
    f"(?<=\\S)(?:[.!?][\"'\u201d\u00bb]?\\s+|[{FULL_STOPS}][\"'\u201d\u00bb」』]?\\s*)(?=\\S)")
_LINE_END = ".!?\"'\u201d\u00bb」』" + FULL_STOPS
# the full stops that close a sentence and no headline (not ！ ？ ؟ ፧), and the quotation marks that may follow one
_CLOSING_STOPS = "".join(c for c in FULL_STOPS if c not in "\uff01\uff1f\u061f\u1367")
_CLOSERS = "\"'\u201d\u2019\u00bb」』）)"
LONE_TEXT_MIN = 20  # weighted_length: ten Chinese characters, a short sentence; "完。" alone is no text


def _reads_as_paragraph(line: str) -> bool:
    """Headlines are short and rarely hold two sentences; a long line or one that does is body text. A Chinese,
    Japanese, Korean or Ethiopic character counts twice (it writes a syllable or a word: ``weighted_length``), so a
    line in those scripts is weighed as its Latin spelling would be."""
    width = weighted_length(line)
    return width > 250 or (width > 80 and line[-1] in _LINE_END
                           and (_SENTENCE_BREAK.search(line) is not None or _breaks_in_other_scripts(line)))


def _in_sentences(line: str) -> bool:
    """Whether a line is written as sentences in a script that ends them with no Latin full stop, so that a file's
    only line is its text, not a title with no text: it closes with a full stop of FULL_STOPS (。 । ።, no question or
    exclamation mark: no headline ends with one) and weighs at least LONE_TEXT_MIN, or it is Korean closed by "."
    after a Hangul syllable (``_korean_sentence``) and weighs as much, or it holds two Thai or Lao sentences (cut at
    the spaces between them: ``at_spaces``). False for every line in Latin, Cyrillic, Greek ... script (left to
    ``_reads_as_paragraph`` and ``is_prose``, as before)."""
    if line.isascii():
        return False
    closed = line.rstrip(_CLOSERS)
    if closed and (closed[-1] in _CLOSING_STOPS or _korean_sentence(closed)) \
            and weighted_length(closed) >= LONE_TEXT_MIN:
        return True
    return len(at_spaces(line, 0, len(line))) > 1


def _korean_sentence(line: str) -> bool:
    """Whether a line ends as a Korean sentence does, "." after a Hangul syllable ("...말했다."), and most of its
    letters are Hangul: Korean ends sentences with the Latin full stop, and its headlines with none."""
    if len(line) < 2 or line[-1] != "." or script_of(line[-2]) != "hangul":
        return False
    letters = [c for c in line if c.isalpha()]
    return sum(1 for c in letters if script_of(c) == "hangul") * 2 > len(letters)


def _breaks_in_other_scripts(line: str) -> bool:
    """Whether a line not all ASCII holds a sentence end (_ANY_SENTENCE_END) after a letter or mark of a script
    besides Latin, lower case or of a script without case, or a digit, and before a capital, a letter of a script
    without case, a digit or an opening quote ("...закрыт. Мэр ...", "...十点。馆长...")."""
    if line.isascii():
        return False
    for end in _ANY_SENTENCE_END.finditer(line):
        before, after = line[end.start() - 1], line[end.end()]
        ends = before.isdigit() or (unicodedata.category(before) in ("Ll", "Lo", "Mn", "Mc")
                                    and not unicodedata.name(before, "").startswith("LATIN"))
        if ends and (unicodedata.category(after) in ("Lu", "Lo", "Nd") or after in "\"'\u201c\u00ab「『"):
            return True
    return False


def find_outlet(raw: str) -> str | None:
    """An outlet named by a ``Source: X`` / ``Publisher: X`` line, if the text has one."""
    for line in normalise_lines(raw):
        match = _OUTLET_LINE.match(line)
        if match:
            return match.group(1).strip(" .")
    return None


def find_byline(raw: str) -> str | None:
    """The author from a ``By Jane Doe`` line near the top, if there is one."""
    for line in [line for line in normalise_lines(raw) if line][:12]:
        match = _BYLINE.match(line)
        if match and len(line.split()) <= 10:
            return (match.group(1) or match.group(2)).strip()
    return None
