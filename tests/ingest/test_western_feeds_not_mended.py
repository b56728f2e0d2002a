"""A feed or page that is all Windows-1252 or Latin-1 is read in that charset, never "mended" as mixed UTF-8: a
German "groß“" (bytes DF 93) or a French "CAFÉ»" (C9 BB) happens to be a well-formed UTF-8 pair, and reading the
whole text as UTF-8 around it turned "Fuß“" into "Fuߓ" with a false "mixes encodings" note."""

from __future__ import annotations

from bot.ingest.decode import decode_bytes, is_mixed, mend_mixed
from bot.ingest.feeds import parse_feed

_TITLE = "Ärger über „Fuß“ und Größe"
_TEXT = "Die Stadt Brelingen prüft, ob die Straße „groß“ genug für Fußgänger ist, sagte Bürgermeisterin Olm."


def _german_feed(declared: str) -> bytes:
    return (f'<?xml version="1.0" encoding="{declared}"?><rss version="2.0"><channel><title>Brelinger Bote</title>'
            f"<item><title>{_TITLE}</title><link>http://brelingen.example/1</link>"
            f"<description>{_TEXT}</description></item></channel></rss>").encode("cp1252")


def test_a_windows_1252_feed_whose_bytes_hold_a_utf8_look_alike_is_read_as_declared() -> None:
    for declared in ("windows-1252", "iso-8859-1"):
        feed = parse_feed(_german_feed(declared))
        assert [(e.title, e.text) for e in feed.entries] == [(_TITLE, _TEXT)], declared
        assert not feed.notes, declared


def test_a_latin_1_page_with_a_look_alike_pair_decodes_as_windows_1252() -> None:
    page = '<html><head><meta charset="iso-8859-1"></head><body><p>«CAFÉ» à Vélan, „Straße“.</p></body></html>'
    data = page.encode("cp1252")
    assert not is_mixed(data, "iso-8859-1")
    assert decode_bytes(data) == page
    assert mend_mixed(data) == (data, None)


def test_utf8_text_with_one_stray_byte_is_still_mended() -> None:
    russian = "Жители Велана собрались у ратуши в понедельник, сказал мэр.".encode() + b" caf\xe9"
    assert decode_bytes(russian).endswith("мэр. café")
    assert is_mixed("UTF-8 café and ".encode() + "Windows-1252 thé".encode("cp1252"))


def test_mixed_text_reads_each_stray_byte_as_windows_1252_and_undefined_ones_as_latin_1() -> None:
    data = "Vélan — ".encode() + b"\x93Brivel\x94 \x81 caf\xe9 \xe2\x80 end"
    assert decode_bytes(data) == "Vélan — “Brivel” \x81 café â\u20ac end"
