"""The sentence-level diff of two versions of an article, and the rule for whether an edit matters."""

from __future__ import annotations

import pytest

from bot.nlp import revisions
from bot.nlp.revisions import (
    MAX_BYTES,
    MAX_CHANGES,
    MAX_EXAMINED,
    MAX_SIDE_CHARS,
    Change,
    classify,
    diff_revision,
    edit_ratio,
    excerpt,
    headline_reason,
    sentence_changes,
)
from bot.nlp.sentences import split_sentences

# Sentences written for these tests.
CRANE = "Eleven people were injured when a crane fell onto the quay at Morrow harbour, the port authority said."
BRIDGE = "The Selby bridge reopened to traffic at 6 am on Friday after repairs."
PLAN = "The mayor said the harbour wall plan would go ahead next spring."
QUOTED = "“We will rebuild the pier before the summer,” said Mayor Ines Carr."
NOTE = "Correction: An earlier version of this article gave the wrong date for the council vote."


@pytest.mark.parametrize(("before", "after", "why"), [
    # a changed number, in digits or in words
    (CRANE, CRANE.replace("Eleven", "Fourteen"), "number"),
    (BRIDGE, BRIDGE.replace("6 am", "9 am"), "number"),
    ("Repairs will cost 3,000 euros.", "Repairs will cost 3,500 euros.", "number"),
    # a changed or removed quotation
    (QUOTED, "The mayor, Ines Carr, said the pier would be rebuilt before the summer.", "quote"),
    (QUOTED, QUOTED.replace("before the summer", "by next winter at the latest"), "quote"),
    # a negation that came or went
    (PLAN, PLAN.replace("would go ahead", "would not go ahead"), "negation"),
    (PLAN, PLAN.replace("would go ahead", "wouldn't go ahead"), "negation"),
    # a changed name (even by one letter: "Holt" and "Holm" are not the same inspector)
    ("Inspector Dana Holt led the search of the dunes.", "Inspector Dana Holm led the search of the dunes.", "name"),
    ("The ferry sails on Tuesday.", "The ferry sails on Thursday.", "name"),
    # a rewording that changes what is said
    ("The storm flooded the lower town overnight.",
     "Investigators suspect the storm flooded the lower town after the levee failed overnight.", "wording"),
    # a sentence added or removed that says something
    ("", "Residents were told to boil their drinking water until Sunday.", "added"),
    ("Residents were told to boil their drinking water until Sunday.", "", "removed"),
    ("", "“The levee held,” said the engineer.", "quote"),
    ("", "Two died.", "number"),
    ("The ferry left Morrow at 14:05.", "The ferry left Morrow at 13:05.", "number"),  # a time, not a stamp
    ("Rainfall rose by 24.15 percent, the office posted.", "Rainfall rose by 24.45 percent, the office posted.",
     "number"),  # a figure, even in a posted sentence
    # an editor's note
    ("", NOTE, "correction"),
    ("", "Update: The council has since confirmed that the vote will be repeated.", "correction"),
    ("", "This story has been updated with a statement from the operator.", "correction"),
])
def test_edits_that_matter(before: str, after: str, why: str) -> None:
    assert classify(before, after) == why


@pytest.mark.parametrize(("before", "after"), [
    (PLAN, PLAN.replace("spring.", "spring!")),  # punctuation
    (PLAN, PLAN.replace(" the harbour", "  the harbour")),  # whitespace
    (PLAN, PLAN.replace("The mayor", "the Mayor").replace("harbour wall", "Harbour Wall").lower()),  # letter case
    ("The goverment will review the harbour plan.", "The government will review the harbour plan."),  # a typo
    (QUOTED, QUOTED.replace("rebuild", "rebiuld")),  # a typo inside a quotation is still a typo
    (CRANE, CRANE.replace("fell onto", "fell on to")),
    ("The council approved the new budget on Monday.", "The council approved its new budget on Monday."),
    ("Share this article", "Share on Facebook"),  # page junk either side
    ("Updated 14:05 GMT", "Updated 16:40 GMT"),
    ("The page was last updated at 14:05 GMT.", "The page was last updated at 16:40 GMT."),  # a live page's stamp
    ("Harbour fire: the latest, posted 9.15am", "Harbour fire: the latest, posted 11.40am"),
    ("", "Updated: 14:05 GMT, 20 November"),  # a bare timestamp is no editor's note
    ("", "Advertisement"),
    ("", "He denied it."),  # too short to matter on its own
])
def test_edits_that_do_not_matter(before: str, after: str) -> None:
    assert classify(before, after) == ""


def test_the_edit_ratio_counts_changed_characters() -> None:
    assert edit_ratio("same", "same") == 0.0
    assert edit_ratio("abc", "xyz") == 1.0
    assert edit_ratio(CRANE, CRANE.replace("crane", "crain")) < revisions.MINOR_EDIT_RATIO
    long_a = "word " * 300 + "end."
    long_b = "ward " + "word " * 298 + "wurd end."  # two typos far apart: compared word by word
    assert edit_ratio(long_a, long_b) < revisions.MINOR_EDIT_RATIO


def test_headlines() -> None:
    assert headline_reason("Crane injures 11 at Morrow harbour", "Crane injures 14 at Morrow harbour") == "headline"
    assert headline_reason("Mayor misled council, say critics", "Critics question mayor's figures") == "headline"
    assert headline_reason("Crane injures 11 at Morrow harbor", "Crane injures 11 at Morrow harbour") == ""
    # a live page's headline moves its clock time on every visit; its facts still count
    assert headline_reason("Harbour fire live: latest at 14:05", "Harbour fire live: latest at 14:35") == ""
    assert headline_reason("Harbour fire live at 14:05: 3 hurt", "Harbour fire live at 14:35: 5 hurt") == "headline"
    assert headline_reason("Rainfall up 24.15 percent", "Rainfall up 24.45 percent") == "headline"
    assert headline_reason("Crane injures 11 at Morrow harbour", "Crane injures 11 at Morrow harbour.") == ""


A = ["The council met on Monday.", "It approved the harbour budget.", "Fishing crews objected loudly.",
     "A vote on the berth follows in May."]


def test_reordered_paragraphs_are_no_change() -> None:
    assert sentence_changes(A, [A[2], A[3], A[0], A[1]]) == []
    assert diff_revision("Title", A, "Title", [A[3], A[0], A[1], A[2]]) is None


def test_rewritten_removed_and_added_sentences_are_paired_in_text_order() -> None:
    after = [A[0], "It approved the harbour budget after a long debate.", A[3], "The mayor abstained."]
    assert sentence_changes(A, after) == [
        ("It approved the harbour budget.", "It approved the harbour budget after a long debate."),
        ("Fishing crews objected loudly.", ""),
        ("", "The mayor abstained."),
    ]


def test_a_revision_with_the_projects_sentence_splitter() -> None:
    old = "Eleven people were injured in the crash. The quay is closed. Police are investigating the cause."
    new = ("Fourteen people were injured in the crash. The quay is closed. Police are investigating the cause. "
           "Correction: An earlier version of this article named the wrong harbour operator.")
    diff = diff_revision("Crane falls at Morrow", [s.text for s in split_sentences(old)],
                         "Crane falls at Morrow harbour", [s.text for s in split_sentences(new)])
    assert diff is not None and diff.substantive and diff.why == "correction"
    assert [c.why for c in diff.changes] == ["number", "correction"]
    assert diff.title_before == "Crane falls at Morrow" and diff.title_after == "Crane falls at Morrow harbour"
    assert diff.headline_why == "headline"  # a place named in the headline
    top = diff.top()
    assert top is not None and top.why == "number"  # shown: the fact that changed, not the note saying so


def test_a_typo_fix_is_a_revision_that_does_not_matter() -> None:
    old = [CRANE, PLAN]
    diff = diff_revision("Crane falls", old, "Crane falls", [CRANE.replace("injured", "injred"), PLAN])
    # each side kept shortened to what changed, with some words of context
    assert diff is not None and diff.changes == (Change(*excerpt(CRANE, CRANE.replace("injured", "injred"), 400,
                                                                 context=12), ""),)
    assert diff.changes[0].before.startswith("Eleven people were injured when") and diff.omitted == 0
    assert not diff.substantive and diff.why == "" and diff.top() is None


def test_a_teaser_replaced_by_its_page_is_not_an_edit() -> None:
    teaser = ["A crane fell at Morrow harbour."]
    page = [f"Paragraph {n} of the report says the crane fell at Morrow harbour in strong wind." for n in range(30)]
    diff = diff_revision("Crane falls", teaser, "Crane falls at Morrow", page)
    assert diff is not None and diff.expanded and not diff.substantive


def test_excerpts_show_what_changed() -> None:
    before, after = excerpt(CRANE, CRANE.replace("Eleven", "Fourteen"), 60, context=3)
    assert (before, after) == ("Eleven people were injured…", "Fourteen people were injured…")
    middle = "On the quay, after the storm, " + CRANE[0].lower() + CRANE[1:]
    before, after = excerpt(middle, middle.replace("Eleven", "Fourteen").replace("eleven", "fourteen"), 60, context=2)
    assert before == "…the storm, eleven people were…" and after == "…the storm, fourteen people were…"
    assert excerpt("", "x " * 500, 40)[1].endswith("…") and len(excerpt("", "x " * 500, 40)[1]) <= 41


def test_a_huge_edit_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    judged: list[tuple[str, str]] = []
    real = revisions.classify

    def counting(before: str, after: str) -> str:
        judged.append((before, after))
        return real(before, after)

    monkeypatch.setattr(revisions, "classify", counting)
    old = [f"Berth {n} of the old harbour handled {n * 7} ships last year, the port said." for n in range(5000)]
    new = [f"Quay {n} is to be rebuilt with {n * 3} new moorings for the ferry company." for n in range(5000)]
    diff = diff_revision("Harbour", old, "Harbour", new)
    assert diff is not None and diff.substantive
    assert len(judged) == MAX_EXAMINED  # however many sentences changed
    assert len(diff.changes) <= MAX_CHANGES
    assert sum(len(c.before.encode()) + len(c.after.encode()) for c in diff.changes) <= MAX_BYTES
    assert all(len(c.before) <= MAX_SIDE_CHARS + 2 and len(c.after) <= MAX_SIDE_CHARS + 2 for c in diff.changes)
    assert diff.omitted == 2 * revisions.MAX_SENTENCES - len(diff.changes)  # only the first MAX_SENTENCES a side
    huge = "word " * 5000  # a sentence no splitter would give, all one word: read the first 2,000 characters
    one = diff_revision("T", ["The first " + huge], "T", ["The last " + huge])
    assert one is not None and len(one.changes) == 1 and len(one.changes[0].before) <= MAX_SIDE_CHARS + 2
    assert diff_revision("T", [huge + "first."], "T", [huge + "last."]) is None  # past the part read
    ads = ["Advertisement."] * 1000  # a sentence repeated all over the text, moved
    assert diff_revision("T", [*ads, A[0]], "T", [A[0], *ads]) is None


def test_changes_that_matter_are_kept_first_when_there_are_too_many() -> None:
    old = [f"Line {n} of the timetable lists the ferry." for n in range(60)]
    new = [s.replace("timetable", "timtable") for s in old]  # 60 typo fixes ...
    new[45] = "Line 45 of the timetable lists the night ferry to Korsa."  # ... and one change that matters
    diff = diff_revision("T", old, "T", new)
    assert diff is not None and diff.substantive and len(diff.changes) == MAX_CHANGES
    assert diff.omitted == 60 - MAX_CHANGES
    assert [c.why for c in diff.changes].count("name") == 1
