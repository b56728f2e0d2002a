"""A short update names the fact an edit changed before the editor's note about it (bot/nlp/revisions.py top_change,
bot/store/revisions.py note_of and fold, digests/revision_text.py)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.nlp.revisions import diff_revision
from bot.nlp.sentences import split_sentences
from bot.store.revisions import StoredRevision, fold, note_of
from digests.revision_text import updated_text

T = datetime(2031, 4, 9, 10, 0, tzinfo=UTC)

# Written for this test: a short report whose editor turned an "accept" into "not accept" and said so in a note
OLD = ("Farm Minister Oda Renn on Monday asked the grain growers' council to end its blockade of the Tessel mills. "
       "Council chair Pavel Astrup said the growers would accept an arbiter. The mills have been shut since Friday.")
NEW = ("Farm Minister Oda Renn on Monday asked the grain growers' council to end its blockade of the Tessel mills. "
       "Council chair Pavel Astrup said the growers would not accept an arbiter. The mills have been shut since "
       "Friday. Correction: An earlier version of this article wrongly said the growers' council would accept an "
       "arbiter.")
TITLE = "Minister asks grain growers to lift mill blockade"


def sentences(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


def stored(text_before: str, text_after: str, minutes: int) -> StoredRevision:
    diff = diff_revision(TITLE, sentences(text_before), TITLE, sentences(text_after))
    assert diff is not None
    return StoredRevision("a1", T + timedelta(minutes=minutes), 2, diff, diff.substantive, diff.why)


def test_the_changed_fact_is_named_and_the_correction_note_counted() -> None:
    revision = stored(OLD, NEW, 0)
    assert revision.why == "correction"  # the edit is still a correction
    note = note_of(revision, "Grain Post")
    assert note is not None and note.why == "negation" and note.others == 1
    line = updated_text(note)
    assert "not accept" in line and "added a note" not in line, line
    assert line.endswith("(and 1 more change)"), line


def test_a_note_alone_is_still_told_as_a_note() -> None:
    note = note_of(stored(OLD, OLD + " Correction: An earlier version of this article misspelt the chair's name.",
                          0), "Grain Post")
    assert note is not None and note.why == "correction"
    assert updated_text(note).startswith("Grain Post added a note: “Correction:")


def test_folded_edits_name_the_changed_fact_rather_than_a_later_note() -> None:
    fact = stored(OLD, OLD.replace("would accept", "would not accept"), 0)
    later = OLD.replace("would accept", "would not accept")
    note_only = stored(later, later + " Correction: An earlier version of this article wrongly said the growers "
                       "would accept an arbiter.", 30)
    notes = [n for n in (note_of(fact, "Grain Post"), note_of(note_only, "Grain Post")) if n is not None]
    folded = fold(notes)
    assert folded.why == "negation" and "not accept" in folded.after and folded.others == 1
