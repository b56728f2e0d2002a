"""The languages a channel's briefings carry (``/brief languages en fr``): ISO 639-1 codes (and the detector's
``syr``), read and checked."""

from __future__ import annotations

from collections.abc import Iterable

# Every ISO 639-1 code (the two-letter language codes; the withdrawn "iw", "in", "ji" and "mo" are not among them)
ISO_639_1 = frozenset({
    "aa", "ab", "ae", "af", "ak", "am", "an", "ar", "as", "av", "ay", "az", "ba", "be", "bg", "bi", "bm", "bn",
    "bo", "br", "bs", "ca", "ce", "ch", "co", "cr", "cs", "cu", "cv", "cy", "da", "de", "dv", "dz", "ee", "el",
    "en", "eo", "es", "et", "eu", "fa", "ff", "fi", "fj", "fo", "fr", "fy", "ga", "gd", "gl", "gn", "gu", "gv",
    "ha", "he", "hi", "ho", "hr", "ht", "hu", "hy", "hz", "ia", "id", "ie", "ig", "ii", "ik", "io", "is", "it",
    "iu", "ja", "jv", "ka", "kg", "ki", "kj", "kk", "kl", "km", "kn", "ko", "kr", "ks", "ku", "kv", "kw", "ky",
    "la", "lb", "lg", "li", "ln", "lo", "lt", "lu", "lv", "mg", "mh", "mi", "mk", "ml", "mn", "mr", "ms", "mt",
    "my", "na", "nb", "nd", "ne", "ng", "nl", "nn", "no", "nr", "nv", "ny", "oc", "oj", "om", "or", "os", "pa",
    "pi", "pl", "ps", "pt", "qu", "rm", "rn", "ro", "ru", "rw", "sa", "sc", "sd", "se", "sg", "sh", "si", "sk",
    "sl", "sm", "sn", "so", "sq", "sr", "ss", "st", "su", "sv", "sw", "ta", "te", "tg", "th", "ti", "tk", "tl",
    "tn", "to", "tr", "ts", "tt", "tw", "ty", "ug", "uk", "ur", "uz", "ve", "vi", "vo", "wa", "wo", "xh", "yi",
    "yo", "za", "zh", "zu",
})
# Codes the language detector gives (bot/ingest/scripts.py) for a language with no ISO 639-1 code: Syriac, ISO 639-2
DETECTED_ONLY = frozenset({"syr"})
CODES = ISO_639_1 | DETECTED_ONLY  # what a channel can choose
# Codes an article may be labelled with (what its feed declares) that name the same language as a chosen code: Norwegian
# "no" covers Bokmål "nb" and Nynorsk "nn" (and each of them "no"), and the withdrawn codes feeds still send ("iw"
# Hebrew, "in" Indonesian, "ji" Yiddish, "mo" Romanian) count as their current ones
SAME_LANGUAGE = {"no": ("nb", "nn"), "nb": ("no",), "nn": ("no",), "he": ("iw",), "id": ("in",), "yi": ("ji",),
                 "ro": ("mo",)}
ALL = "all"  # the word that clears the choice: every language (the default)
USAGE = "two-letter ISO 639-1 codes such as `en fr de`, or `all`"


def parse_languages(text: str | Iterable[str]) -> tuple[str, ...]:
    """``"en FR, de"`` (or a list of codes) -> ``("en", "fr", "de")``, in the order given, each once; ``"all"`` or
    nothing -> ``()`` (every language). Raises ValueError (one line) naming the first code that is not one of
    ``CODES`` (ISO 639-1, and ``syr``)."""
    words = text.replace(",", " ").split() if isinstance(text, str) else [str(w) for w in text]
    codes = [w.strip().lower() for w in words if w.strip()]
    if not codes or codes == [ALL]:
        return ()
    for code in codes:
        if code == ALL:
            raise ValueError("`all` stands alone: it clears the choice")
        if code not in CODES:
            raise ValueError(f"{code[:40]!r} is not an ISO 639-1 language code (expected {USAGE})")
    return tuple(dict.fromkeys(codes))


def stored_languages(value: object) -> tuple[str, ...]:
    """The channels.languages column (``"en fr"``; ``""`` or NULL: every language) as codes; a code this version
    does not know is left out rather than fail the channel."""
    return tuple(dict.fromkeys(c for c in str(value or "").split() if c in CODES))


def labels_of(codes: Iterable[str]) -> tuple[str, ...]:
    """The chosen codes with the article labels that name the same languages (``SAME_LANGUAGE``): ``("no",)`` ->
    ``("no", "nb", "nn")``."""
    return tuple(dict.fromkeys(label for code in codes for label in (code, *SAME_LANGUAGE.get(code, ()))))
