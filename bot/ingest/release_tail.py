"""A press release's closing boilerplate ("About <company>", forward-looking statements, media contacts): cut."""

from __future__ import annotations

import re
from collections.abc import Sequence

# "About Velko Foods" alone on its line: the heading of the company's standard paragraph
_ABOUT = re.compile(r"^About\s+((?:[A-Z0-9][\w&.'’-]*)(?:\s+(?:[A-Z0-9&][\w&.'’-]*|of|and|the|for|de|du)){0,7})$")
# the safe-harbour notice's heading ("Forward-Looking Statements", "Cautionary Note Regarding Forward-Looking
# Statements", "Safe Harbor Statement"), or its first words where it has none
_NOTICE = re.compile(
    r"^(?:(?:cautionary\s+(?:note|statement|language)s?(?:\s+(?:regarding|concerning|about|on)\s+)?)?"
    r"forward[- ]looking\s+(?:statements?|information)|safe\s+harbou?r\s+statement)\s*[:.]?$"
    r"|^this\s+(?:press|news)\s+release\s+(?:contains|includes|may\s+contain)\s+(?:certain\s+)?forward[- ]looking",
    re.IGNORECASE)
# "Media contact:", "Media Contacts", "Press enquiries: Ivo Marr, ...", "Investor relations contact:"
_CONTACT = re.compile(r"^(?:media|press|investor|news\s+media)(?:\s+(?:and|&)\s+\w+)?"
                      r"(?:\s+relations)?\s+(?:contacts?|enquiries|inquiries)\b\s*(?::|$)", re.IGNORECASE)
_MAX_CONTACT_WORDS = 12


def _opens_boilerplate(lines: Sequence[str], n: int) -> bool:
    """Whether line ``n`` heads a release's closing boilerplate: an "About X" heading whose next paragraph opens
    with X's first word ("Velko Foods is a family-owned ..."), the forward-looking statements notice, or a media
    contact line."""
    line = lines[n].strip()
    if about := _ABOUT.match(line):
        name = about.group(1).split()[0]
        following = next((x.strip() for x in lines[n + 1:] if x.strip()), "")
        return following.startswith(name + " ") or following.startswith(name + ",")
    if _NOTICE.match(line):
        return True
    return _CONTACT.match(line) is not None and len(line.split()) <= _MAX_CONTACT_WORDS


def before_release_tail(lines: Sequence[str]) -> list[str]:
    """``lines`` up to a press release's closing boilerplate (``_opens_boilerplate``), which runs to the end of the
    release; all of them when there is none, or when the boilerplate would come before any line of text (a
    contact line heading the page is no tail)."""
    seen_text = False
    for n, line in enumerate(lines):
        if seen_text and _opens_boilerplate(lines, n):
            return list(lines[:n])
        seen_text = seen_text or len(line.split()) >= 8
    return list(lines)
