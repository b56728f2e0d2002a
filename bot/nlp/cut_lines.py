"""Feed teasers cut mid-sentence as last-resort summary lines: which cut line may serve, and where it stops."""

from __future__ import annotations

from bot.nlp.sentence_quality import junk_reason
from bot.text_cut import ELLIPSIS

# what a cut line shows after its last word: never an end mark, so it never reads as a whole sentence
CUT_MARK = ELLIPSIS
_FEED_CUTS = ("[…]", "[...]", "...", "…")  # a feed's own cut marks, the bracketed ones first
_CLOSERS = "\"'”’)]"  # after a cut mark: "... ”"
_DANGLING_MARKS = " \t\n,;:([\"“‘'—–-"  # what a cut leaves after the last word: a comma, a dash, an opening mark
# English function words a cut may leave hanging ("... could last until the"): trimmed back to the word before them.
# A closed list on purpose: a content word ("company") may be the end of a thought, and a word the cut split in two
# ("compa") cannot be told from a whole one, so both are left as they are.
_DANGLING = frozenset(" ".join((
    "a an the this that these those its their his her our my your some any each every no",
    "of to in on at by for with from into onto over under until till after before about as than between against",
    "during without within through across toward towards upon via per amid among",
    "and or but nor so yet because while if whether although though unless since whose which who whom",
    "is are was were be been being has have had will would shall should can could may might must do does did",
)).split(" "))


def cut_line_end(text: str, *, english: bool = True) -> int | None:
    """How much of ``text`` (a feed teaser's last sentence, cut mid-sentence with or without "...") a summary may show
    before ``CUT_MARK``: its characters up to the last whole word worth ending on (a feed's own cut mark, dangling
    punctuation and, in English, trailing function words left out while the rest stays usable); None when the words
    are not usable even so (junk, a fragment, too short: ``junk_reason`` of the words with a full stop added)."""
    if junk_reason(text) not in ("fragment", "truncated"):
        return None  # whole (usable as it is) or junk of another kind: a prompt, a link, a byline ...
    end = _tail_end(text)
    if junk_reason(text[:end] + ".") is not None:
        return None
    while english and len(parts := text[:end].rsplit(maxsplit=1)) == 2 and parts[1].lower() in _DANGLING:
        shorter = _tail_end(parts[0])  # (the part before the last word is a start of ``text``)
        if junk_reason(text[:shorter] + ".") is not None:  # too short without it: the line keeps the word
            break
        end = shorter
    return end


def _tail_end(text: str) -> int:
    """Characters of ``text`` before its feed cut mark (with the closing marks after it) and dangling punctuation
    (string methods, not a regular expression searched from every position: a long run of spaces stays linear)."""
    kept = text.rstrip()
    for mark in _FEED_CUTS:
        bare = kept if mark.startswith("[") else kept.rstrip(_CLOSERS)
        if bare.endswith(mark):
            kept = bare[: -len(mark)]
            break
    while (shorter := kept.rstrip(_DANGLING_MARKS).rstrip()) != kept:  # each round shortens it: linear in all
        kept = shorter
    return len(kept)
