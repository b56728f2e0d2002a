"""Hostile characters out of ingested text: terminal escapes, control characters, bidi overrides, invisible
characters in titles, and characters a chat client would misread in URLs."""

from __future__ import annotations

import re
import unicodedata

# ANSI/ECMA-48 escape sequences, removed whole: CSI ("ESC [ 31 m", or the one-byte C1 CSI), OSC ("ESC ] 0;title
# BEL"), DCS/SOS/PM/APC strings up to their terminator, and two-character escapes ("ESC c")
_ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]?|\x9b[0-?]*[ -/]*[@-~]?"
                   r"|\x1b\][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?|\x9d[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
                   r"|\x1b[PX^_][^\x1b\x9c]*(?:\x1b\\|\x9c)?|\x1b[ -~]?")
# C0 and C1 control characters but tab, line feed and carriage return (text needs them); vertical tab, form feed
# and NEL (U+0085) break lines: they become line feeds
_LINE_BREAKS = str.maketrans({"\x0b": "\n", "\x0c": "\n", "\x85": "\n"})
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
# bidi embeddings and overrides (U+202A..U+202E), isolates (U+2066..U+2069): they reorder what follows, so
# "e\u202egnp.exe" shows as "exe.png"
_BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
# invisible characters with no say in how a title is drawn: zero width space, word joiner, BOM, Mongolian vowel
# separator. ZWNJ (U+200C) and ZWJ (U+200D) are kept: Persian, Indic scripts and emoji sequences are drawn wrong
# without them
_INVISIBLE = "\u200b\u2060\ufeff\u180e"
_TITLE_DROP = str.maketrans("", "", _BIDI + _INVISIBLE)
# in URLs: what a chat client reads as markup or the end of a link, and anything invisible or reordering
_URL_UNSAFE = frozenset(' "<>|\\^`{}')
_URL_UNSAFE_CATEGORIES = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp", "Co", "Cn", "Cs"})


def without_escapes(text: str) -> str:
    """``text`` without terminal escape sequences (whole) and control characters; tabs and line breaks kept."""
    if not _needs_cleaning(text):
        return text
    text = _ANSI.sub("", text) if ("\x1b" in text or "\x9b" in text or "\x9d" in text) else text
    return _CONTROLS.sub("", text.translate(_LINE_BREAKS))


def _needs_cleaning(text: str) -> bool:
    return _CONTROLS.search(text) is not None or "\x0b" in text or "\x0c" in text


def clean_title(title: str) -> str:
    """A title without escapes, control characters, bidi overrides and invisible characters (ZWJ and ZWNJ kept)."""
    return without_escapes(title).translate(_TITLE_DROP)


def safe_url(url: str) -> str:
    """``url`` with spaces, ``"<>|\\^`{}``, control, format (bidi, zero width), separator and unassigned characters
    percent-encoded (UTF-8), so a chat client shows and links what was stored; other characters as they are."""
    if url.isascii() and url.isprintable() and not any(c in _URL_UNSAFE for c in url):
        return url
    return "".join(_encoded(c) if c in _URL_UNSAFE or unicodedata.category(c) in _URL_UNSAFE_CATEGORIES else c
                   for c in url.strip())


def _encoded(char: str) -> str:
    return "".join(f"%{b:02X}" for b in char.encode("utf-8", errors="surrogatepass"))
