"""A live page's headline without its trailing live label ("... – latest updates", "... - live", "... | Live
updates"): the label says the page is live, not what happened. Titles written for this test."""

from __future__ import annotations

import pytest

from bot.headline_choice import labelled, shown_headline


@pytest.mark.parametrize("title", [
    "Ferry capsizes off Orlen in storm – latest updates",
    "Ferry capsizes off Orlen in storm - live updates",
    "Ferry capsizes off Orlen in storm — live",
    "Ferry capsizes off Orlen in storm | Live updates",
    "Ferry capsizes off Orlen in storm: live updates",
    "Ferry capsizes off Orlen in storm – as it happened",
    "LIVE: Ferry capsizes off Orlen in storm – latest updates",
    "Ferry capsizes off Orlen in storm – latest news and updates",
])
def test_a_trailing_live_label_is_not_shown(title: str) -> None:
    assert shown_headline(title) == "Ferry capsizes off Orlen in storm"
    assert labelled(title)  # a plain headline of another report is preferred, as for a leading label


@pytest.mark.parametrize("title", [
    "Orlen harbour to stay open, latest updates show",
    "Storm updates: ferries to sail again",
    "Ferry crews want to live on the island",
    "Concert review: the Orlen Quartet live",
    "Live",
])
def test_other_headlines_keep_their_words(title: str) -> None:
    assert shown_headline(title) == title
