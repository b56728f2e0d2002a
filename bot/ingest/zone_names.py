"""Time zone names feeds write that feedparser and the email module take for UTC (CET, BST, JST ...), as offsets."""

from __future__ import annotations

import re

# hours east of UTC; only names that stand for one zone in news feeds (not IST: India, Ireland or Israel; not
# AST, which feedparser reads as Atlantic already). feedparser knows UT, GMT, Z, the North American names and
# MET/MEST itself.
ZONES: dict[str, float] = {
    "WET": 0, "WEST": 1, "CET": 1, "CEST": 2, "BST": 1, "EET": 2, "EEST": 3, "MSK": 3, "TRT": 3,
    "WAT": 1, "CAT": 2, "SAST": 2, "EAT": 3, "GST": 4, "PKT": 5, "NPT": 5.75, "ICT": 7, "WIB": 7,
    "HKT": 8, "SGT": 8, "PHT": 8, "AWST": 8, "KST": 9, "JST": 9, "ACST": 9.5, "ACDT": 10.5, "AEST": 10,
    "AEDT": 11, "NZST": 12, "NZDT": 13, "HST": -10, "AKST": -9, "AKDT": -8, "NST": -3.5, "NDT": -2.5,
    "BRT": -3, "ART": -3,
}
# a clock time then a zone name ending the date: "10:00:00 CET", "10:00 cest"
_NAMED = re.compile(r"(\d{1,2}:\d{2}(?::\d{2})?)\s*\b([A-Za-z]{3,4})\s*$")


def numeric_zone(written: str) -> str | None:
    """``written`` with its trailing zone name (``ZONES``) as a numeric offset ("10:00:00 CET" gives
    "10:00:00 +0100"); None when it ends in no such name."""
    text = written.strip()[:80]
    found = _NAMED.search(text)
    hours = ZONES.get(found.group(2).upper()) if found else None
    if found is None or hours is None:
        return None
    minutes = round(abs(hours) * 60)
    return f"{text[:found.start(2)].rstrip()} {'-' if hours < 0 else '+'}{minutes // 60:02d}{minutes % 60:02d}"
