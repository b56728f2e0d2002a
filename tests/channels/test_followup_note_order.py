"""An "Updated:" follow-up orders the notes of different articles as one article's edits are folded: a changed
fact before an editor's note that changed none (bot/followups.py unseen_revisions, bot/nlp/revisions.py SHOWN)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.followups import REVISION_NOTES, unseen_revisions
from bot.models import RevisionNote, Story

T = datetime(2031, 6, 3, 9, 0, tzinfo=UTC)


def note(article: str, why: str, minutes: int) -> RevisionNote:
    # invented excerpts: what changed in each outlet's article about a ferry fire
    sides = {"number": ("…12 passengers…", "…21 passengers…"), "quote": ("“a small fire”", "“a serious fire”"),
             "correction": ("", "Correction: an earlier version misnamed the ferry.")}
    before, after = sides[why]
    return RevisionNote(article, f"Outlet {article}", T + timedelta(minutes=minutes), why, before, after)


def test_an_article_whose_edit_changed_a_fact_comes_before_one_with_only_a_note() -> None:
    notes = (
        note("a1", "correction", 10),  # a1: only an editor's note, no fact changed
        note("a2", "correction", 20), note("a2", "number", 21),  # a2: a number changed and the note says so
    )
    story = Story("s1", "Ferry fire in the strait", (), (), revisions=notes)
    shown = unseen_revisions(story, {"a1", "a2"}, T)
    assert [(n.article_id, n.why, n.others) for n in shown] == [("a2", "number", 1), ("a1", "correction", 0)]


def test_with_more_edited_articles_than_notes_the_changed_facts_are_named() -> None:
    story = Story("s1", "Ferry fire in the strait", (), (),
                  revisions=(note("a1", "correction", 10), note("a2", "quote", 20), note("a3", "number", 30)))
    shown = unseen_revisions(story, {"a1", "a2", "a3"}, T)
    assert len(shown) == REVISION_NOTES == 2
    assert [n.article_id for n in shown] == ["a3", "a2"]  # a number before a quotation, as SHOWN orders them
