"""clean_text removes page junk and keeps the prose, on written examples and on the real seeds."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.ingest.junk import clean_text, find_byline, find_outlet, split_title
from bot.nlp.sentences import split_sentences

JUNK_WORDS = ("Also read", "Ads by", "Shutterstock", "Others are reading now", "Homepage")

# (raw text, lines that must go, lines that must stay); every example was written for these tests.
EXAMPLES = [
    (
        "Homepage World Harbour strike ends after talks\n\nHarbour strike ends after talks\n\n"
        "Ports, Labour\nGetty Images\n\nDock workers returned to work on Monday after a week-long strike.\n\n"
        "Also read\n\nCity council approves new budget\n\nThe union said the deal was fair.",
        ["Homepage", "Ports, Labour", "Getty Images", "Also read", "City council approves new budget"],
        ["Dock workers returned to work on Monday after a week-long strike.", "The union said the deal was fair."],
    ),
    (
        "Share this article\nShare on Facebook\nFollow us on Twitter for more updates\n"
        "The museum reopened its east wing to visitors on Friday.\n"
        "Photo: City Museum press office\nImage credit Jane Smith/Example Agency\n"
        "Advertisement\nSubscribe to our newsletter\nRead more: Museum funding in doubt.\n"
        "Curators spent two years restoring the collection.",
        ["Share this article", "Share on Facebook", "Follow us", "Photo:", "Image credit", "Advertisement",
         "Subscribe", "Read more"],
        ["The museum reopened its east wing to visitors on Friday.",
         "Curators spent two years restoring the collection."],
    ),
    (
        "Home › News › Science\nBy Maria Lopez\nPublished 3 March 2025\n\n"
        "Researchers found water ice near the lunar south pole, the agency said.\n\n"
        "What happens next\n\nThe next mission is planned for 2027.\n\nOthers are reading now\n\n"
        "Ads by Example Network\n\n© 2025 Example Media. All rights reserved.\n\nsciencemoonwater",
        ["Home ›", "By Maria Lopez", "Published 3 March", "What happens next", "Others are reading now",
         "Ads by", "All rights reserved", "sciencemoonwater"],
        ["Researchers found water ice near the lunar south pole, the agency said.",
         "The next mission is planned for 2027."],
    ),
    (
        "The mayor spoke to reporters on the steps of\ncity hall and said the tunnel would open in May.\n\n"
        "Comments\n\nSponsored\n\n“We are on schedule,” she said.",
        ["Comments", "Sponsored"],
        ["The mayor spoke to reporters on the steps of city hall and said the tunnel would open in May.",
         "“We are on schedule,” she said."],
    ),
]


@pytest.mark.parametrize(("raw", "gone", "kept"), EXAMPLES)
def test_junk_is_removed_and_prose_kept(raw: str, gone: list[str], kept: list[str]) -> None:
    cleaned = clean_text(raw)
    for junk in gone:
        assert junk not in cleaned
    paragraphs = cleaned.split("\n\n")
    for line in kept:
        assert line in paragraphs


def test_subheadings_stay_out_of_the_sentence_stream() -> None:
    cleaned = clean_text("Intro text is here.\n\nThe 2008-summit\n\nAccording to the paper, it was a promise.")
    sentences = [s.text for s in split_sentences(cleaned)]
    assert sentences == ["Intro text is here.", "According to the paper, it was a promise."]


def test_text_of_only_unpunctuated_lines_is_kept_rather_than_lost() -> None:
    assert clean_text("Council votes to extend the night bus trial") == "Council votes to extend the night bus trial"


def test_title_given_removes_its_repetition_but_not_the_first_paragraph() -> None:
    raw = "Budget passed\n\nThe budget passed by 40 votes to 12.\n\nBudget passed"
    assert clean_text(raw, title="Budget passed") == "The budget passed by 40 votes to 12."


def _seed(shared_dir: Path, prefix: str) -> str:
    paths = sorted((shared_dir / "seeds").glob(f"{prefix}*.txt"))
    if not paths:
        pytest.skip(f"no seed {prefix}* in {shared_dir / 'seeds'}")
    return paths[0].read_text(encoding="utf-8")


@pytest.mark.parametrize(("prefix", "must_keep"), [
    ("000", ["“Russia has no vote and no veto over who becomes a NATO member,” Rutte said",
             "According to Izvestia, the official said that Kremlin will also demand a nullification",
             "NATO has firmly rejected the demands."]),
    ("002", ["NATO is currently not holding any discussions regarding Russia’s demands",
             "Kremlin spokesman Dmitry Peskov responded by stating"]),
])
def test_real_seeds_are_clean(shared_dir: Path, prefix: str, must_keep: list[str]) -> None:
    raw = _seed(shared_dir, prefix)
    for cleaned in (clean_text(raw), clean_text(split_title(raw)[1], title=split_title(raw)[0])):
        for junk in JUNK_WORDS:
            assert junk not in cleaned
        for phrase in must_keep:
            assert phrase in cleaned
        assert "The 2008-summit" not in cleaned
        assert "Radio Free EuropeCurrently" not in cleaned
        assert "Sources: Izvestia" not in cleaned
        sentences = [s.text for s in split_sentences(cleaned)]
        assert all(s.endswith((".", "!", "?", "”", "\"", ")")) for s in sentences)


def test_seed_titles_skip_the_breadcrumb(shared_dir: Path) -> None:
    title, _ = split_title(_seed(shared_dir, "000"))
    assert title == "Russia demands formal NATO-guarantees, including nullifying 2008-decision"
    title2, _ = split_title(_seed(shared_dir, "002"))
    assert title2.startswith("NATO Denies Talks")


def test_outlet_and_byline_lines() -> None:
    raw = "Title here\nBy Ana María Ruiz\nSource: The Example Herald\n\nBody text."
    assert find_outlet(raw) == "The Example Herald"
    assert find_byline(raw) == "Ana María Ruiz"
    assert find_outlet("Sources: Izvestia, NATO statements") is None


@pytest.mark.parametrize("first_line", [
    "Harbour council votes to rebuild the old quay",
    "Will the harbour reopen before winter?",
    "Mayor says bridge stays shut. Commuters face long queues",  # two clauses but no closing stop
])
def test_a_headline_line_is_the_title(first_line: str) -> None:
    title, rest = split_title(first_line + "\n\nThe council met on Tuesday. Work starts in March.\n")
    assert title == first_line
    assert "The council met" in rest


def test_a_file_that_starts_with_its_text_has_no_title_line() -> None:
    body = ("Le conseil municipal de Lisport a voté mardi un plan de rénovation du port. « Nous devons agir "
            "maintenant », a déclaré la maire. Les travaux commenceront au printemps.")
    title, rest = split_title(body + "\n")
    assert title == ""
    assert rest.strip() == body
