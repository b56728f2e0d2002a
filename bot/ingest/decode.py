"""Turn untrusted bytes into text: refuse binary, try UTF-8, then the declared charset, else say why."""

from __future__ import annotations

import codecs
import re

_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9._:-]{1,40})["']""")
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]{1,40})""", re.I)
_CT_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9._:-]{1,40})", re.I)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)


# charsets whose text a Windows-1252 reading of stray bytes can only mend: a page or feed declaring another (KOI8-R,
# Shift_JIS ...) is read in that charset, never patched byte by byte
_WESTERN = frozenset({"utf-8", "utf8", "iso-8859-1", "iso8859-1", "latin-1", "latin1", "l1", "cp1252",
                      "windows-1252", "iso-8859-15", "us-ascii", "ascii"})
# a well-formed UTF-8 sequence of two to four bytes (RFC 3629): its presence says the text was meant as UTF-8
_UTF8_MULTI = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
                         rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
                         rb"|\xf4[\x80-\x8f][\x80-\xbf]{2}")
# ... of them, the ones Windows-1252 text does not hold by accident: three or four bytes, or a Latin-1 or Latin
# Extended-A letter or sign (U+00A0..U+017F)
_UTF8_LATIN_OR_LONG = re.compile(rb"\xc2[\xa0-\xbf]|[\xc3-\xc5][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]"
                                 rb"|[\xe1-\xec\xee\xef][\x80-\xbf]{2}|\xed[\x80-\x9f][\x80-\xbf]"
                                 rb"|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2}")
_ASCII = bytes(range(128))
# Windows-1252's characters for the bytes 80..9F, which Latin-1 reads as C1 controls (five undefined: as Latin-1)
_C1_AS_CP1252 = {b: bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in range(0x80, 0xA0)}
# a stray byte as Python's surrogateescape gives it (U+DC80..U+DCFF) -> its Windows-1252 character (Latin-1 for the
# five bytes Windows-1252 leaves undefined)
_ESCAPED_AS_CP1252 = {0xDC00 + b: bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in range(0x80, 0x100)}


def _decode_mixed(data: bytes) -> str:
    """``data`` with its well-formed UTF-8 read as UTF-8 and every other byte as Windows-1252, in C (a Python error
    handler, called once per stray byte, took seconds on a large Latin-1 feed)."""
    return data.decode("utf-8", errors="surrogateescape").translate(_ESCAPED_AS_CP1252)


class DecodeError(ValueError):
    """Bytes that are not text we can read; the message is one clear line."""


def declared_charset(data: bytes, content_type: str | None = None) -> str | None:
    """The charset named by the Content-Type, an XML declaration or an HTML meta tag."""
    if content_type:
        match = _CT_CHARSET.search(content_type)
        if match:
            return match.group(1).lower()
    head = data[:4096]
    found = _XML_DECL.match(head) or _META_CHARSET.search(head)
    return found.group(1).decode("ascii").lower() if found else None


def looks_binary(data: bytes) -> bool:
    """More than 1% NUL bytes and other control characters in the first 8 KiB (more than eight, or a quarter of a
    short text; text encodings with BOMs aside): a few stray NULs in a feed are no binary data (``without_nuls``)."""
    head = data[:8192]
    if not head or head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return controls > max(8, len(head) // 100) or controls > max(2, len(head) // 4)


_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))


def without_nuls(data: bytes) -> tuple[bytes, str]:
    """``data`` without its NUL bytes, and a note saying how many were removed ("" when none); UTF-16 and UTF-32
    text (a BOM) as it is: NULs are half its bytes."""
    if b"\x00" not in data or data.startswith(tuple(bom for bom, codec in _BOMS if codec != "utf-8-sig")):
        return data, ""
    count = data.count(b"\x00")
    first = data.index(b"\x00")
    return data.replace(b"\x00", b""), (f"{count} stray NUL byte{'s' if count > 1 else ''} removed (the first at "
                                         f"byte {first})")


def decode_bytes(data: bytes, *, content_type: str | None = None) -> str:
    """Text of ``data``: BOM, then UTF-8, then the declared charset, then Windows-1252 for text
    that looks like it; raises :class:`DecodeError` naming the problem otherwise."""
    if not data.strip():
        raise DecodeError("empty")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as exc:
                raise DecodeError(f"invalid {codec} text at byte {exc.start}") from None
    if looks_binary(data):
        raise DecodeError("binary data, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    charset = declared_charset(data, content_type)
    if is_mixed(data, charset):  # UTF-8 with stray Windows-1252 bytes: each part as what it is
        return _decode_mixed(data)
    if charset and charset.replace("_", "-") not in ("utf-8", "utf8"):
        try:
            codec = codecs.lookup(charset).name
        except LookupError:
            raise DecodeError(f"unknown encoding {charset!r} declared") from None
        if codec == "iso8859-1":  # as browsers and feedparser read it: 80..9F are Windows-1252's quotes, not controls
            return data.decode("latin-1").translate(_C1_AS_CP1252)
        try:
            return data.decode(charset)
        except UnicodeDecodeError as exc:
            raise DecodeError(f"not valid {charset} text (byte {exc.start})") from None
    try:  # the commonest legacy encoding of Western text; five undefined bytes make it fail
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise DecodeError(
            f"not UTF-8 (byte {utf8_error.start}) and no usable charset declared"
        ) from None


# UTF-16/32 text without a BOM, known by its first markup character: an XML declaration, a comment, a tag
_WIDE_XML = ((re.compile(rb"<\x00\x00\x00"), "utf-32-le"), (re.compile(rb"\x00\x00\x00<"), "utf-32-be"),
             (re.compile(rb"(?:[ \t\r\n]\x00){0,8}<\x00[?!A-Za-z]\x00"), "utf-16-le"),
             (re.compile(rb"(?:\x00[ \t\r\n]){0,8}\x00<\x00[?!A-Za-z]"), "utf-16-be"))
_DECL_ENCODING = re.compile(r"""^(\s*<\?xml[^>]{0,200}?encoding\s*=\s*["'])[A-Za-z0-9._:-]{1,40}(["'])""")


def as_utf8(data: bytes) -> bytes:
    """UTF-16 or UTF-32 text (with a BOM, or an XML document in those encodings) as UTF-8, its XML declaration saying
    so, so that sniffing, the entity guard and the parsers read it as they read any feed; other bytes as they are.
    Raises DecodeError when such text is not valid."""
    codec = next((c for bom, c in _BOMS if c != "utf-8-sig" and data.startswith(bom)), None)
    codec = codec or next((c for head, c in _WIDE_XML if head.match(data)), None)
    if codec is None:
        return data
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        raise DecodeError(f"invalid {codec} text at byte {exc.start}") from None
    return _DECL_ENCODING.sub(r"\1utf-8\2", text.lstrip("\ufeff"), count=1).encode("utf-8")


def _first_stray(data: bytes) -> int | None:
    """The offset of the first byte that is not UTF-8, None when all of it is."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start
    return None


def is_mixed(data: bytes, charset: str | None = None) -> bool:
    """UTF-8 text with stray bytes of another encoding (a feed or page pasted together from two): not valid UTF-8,
    yet holding well-formed multi-byte UTF-8 that is no accident of Windows-1252 text (``_meant_as_utf8``), and
    declaring UTF-8, a Western charset or nothing."""
    if charset is not None and charset.replace("_", "-").lower() not in _WESTERN:
        return False
    return _first_stray(data) is not None and _meant_as_utf8(data)


def _meant_as_utf8(data: bytes) -> bool:
    """Whether the well-formed UTF-8 sequences in ``data`` say it was meant as UTF-8. Windows-1252 text holds two-byte
    look-alikes by accident (German "groß“" is DF 93, French "CAFÉ»" C9 BB: a capital or ß before a quotation mark),
    which read as UTF-8 give letters of other scripts (U+07D3, U+027B); so a sequence of three or four bytes, or one
    reading as a Latin-1 or Latin Extended-A letter (U+00A0..U+017F, "é" is C3 A9), says so, and other two-byte
    ones (Greek, Cyrillic, Hebrew ...) only when they outnumber the stray bytes."""
    if _UTF8_LATIN_OR_LONG.search(data):
        return True
    sequences = _UTF8_MULTI.findall(data)
    high = len(data) - len(data.translate(None, _ASCII))
    return len(sequences) > high - 2 * len(sequences)


def own_charset(data: bytes, content_type: str | None = None) -> str | None:
    """The charset a feed or page names itself (XML declaration, meta tag), else the one its Content-Type names."""
    return declared_charset(data) or declared_charset(b"", content_type)


def mend_mixed(data: bytes, content_type: str | None = None) -> tuple[bytes, int | None]:
    """(the bytes as valid UTF-8, the offset of the first stray byte) for mixed text (``is_mixed``, of the charset
    ``own_charset`` finds), its XML declaration then saying UTF-8; (``data``, None) for anything else."""
    if not (is_mixed(data, own_charset(data, content_type)) or _utf8_under_header(data, content_type)):
        return data, None
    text = _decode_mixed(data)
    return _DECL_ENCODING.sub(r"\1utf-8\2", text, count=1).encode("utf-8"), _first_stray(data)


def _utf8_under_header(data: bytes, content_type: str | None) -> bool:
    """Mixed UTF-8 although the Content-Type, and only it, names another charset (often a server's default, not the
    feed's): its well-formed UTF-8 sequences outnumber its stray bytes. (``_meant_as_utf8``'s Latin-letter shortcut
    is not taken: Windows-1251 "В»", C2 BB, matches it by accident.)"""
    if declared_charset(data) is not None or declared_charset(b"", content_type) is None or _first_stray(data) is None:
        return False
    sequences = len(_UTF8_MULTI.findall(data))
    high = len(data) - len(data.translate(None, _ASCII))
    return sequences > high - 2 * sequences


def by_header_charset(data: bytes, content_type: str | None) -> bytes:
    """A feed's bytes as UTF-8 when only its Content-Type names their charset (``charset=koi8-r``; no BOM, XML
    declaration or meta tag names one) and they are not UTF-8: a parser given the bytes alone would guess. Anything
    else (a header saying UTF-8 adds nothing), and bytes that the named charset does not read (or an unknown one),
    as they are."""
    header = declared_charset(b"", content_type)
    if header is None or header.replace("_", "-") in ("utf-8", "utf8") or declared_charset(data) is not None:
        return data
    if data.startswith(tuple(bom for bom, _ in _BOMS)) or _first_stray(data) is None:
        return data
    try:
        return decode_bytes(data, content_type=content_type).encode("utf-8")
    except DecodeError:
        return data
