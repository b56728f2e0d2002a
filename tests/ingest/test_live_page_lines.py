"""A live page's and a breaking item's calls to come back ("Refresh this page ...", "Developing story, more to
follow.") are page furniture, not news: they never reach a summary. Texts written for this test."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.config import IngestConfig
from bot.ingest.junk import clean_text, is_junk_line
from bot.ingest.normalise import NO_TEXT, RawArticle, build_all

NOW = datetime(2031, 3, 3, 17, 0, tzinfo=UTC)

FURNITURE = (
    "Refresh this page for the latest updates.",
    "Refresh the page for updates",
    "Developing story, more to follow.",
    "This is a developing story.",
    "This is a developing story and will be updated.",
    "This story is developing and will be updated.",
    "This story will be updated.",
    "More to follow.",
    "More follows.",
    "Check back for updates.",
    "Check back later for more updates.",
    "Please check back for the latest.",
)
NEWS = (
    "More to follow in the inquiry, the minister said.",
    "Refresh cycles for the ferry fleet were cut in 2024, the report said.",
    "This is a developing area of law, the judge said.",
    "Check back valves failed on two pumps, engineers said.",
    "The story will be updated in a new edition of the book next year.",
)


@pytest.mark.parametrize("line", FURNITURE)
def test_a_call_to_come_back_is_furniture(line: str) -> None:
    assert is_junk_line(line)


@pytest.mark.parametrize("line", NEWS)
def test_news_lines_with_the_same_words_stay(line: str) -> None:
    assert not is_junk_line(line)


def test_a_live_page_keeps_its_news_and_loses_the_calls_to_refresh() -> None:
    raw = ("Key points\nA ferry capsized off Orlen harbour on Monday.\nRefresh this page for the latest updates.\n\n"
           "16:42 GMT\nThe coastguard said 12 people had died.\n\nDeveloping story, more to follow.")
    assert clean_text(raw) == "A ferry capsized off Orlen harbour on Monday.\n\nThe coastguard said 12 people had died."


def test_a_breaking_item_with_nothing_but_the_call_to_come_back_is_kept_as_its_headline() -> None:
    raws = [RawArticle(title="BREAKING: Explosion reported at Orlen fuel depot", text=text,
                       url=f"https://wire.test/orlen-depot-{n}", outlet="Southport Wire")
            for n, text in enumerate(("Developing story, more to follow.",
                                      "This is a developing story.\n\nRefresh this page for the latest updates."))]
    articles, problems = build_all(raws, source="s", input_name="s", now=NOW, config=IngestConfig())
    assert problems == [] and len(articles) == 2
    for article in articles:  # a headline-only item, as a news sitemap's entry is stored
        assert article.title == "BREAKING: Explosion reported at Orlen fuel depot" and article.text == article.title
    junk = RawArticle(title="Orlen depot", text="Advertisement\n\nShare this article", url="https://wire.test/ad")
    _, refused = build_all([junk], source="s", input_name="s", now=NOW, config=IngestConfig())
    assert [p.reason for p in refused] == [NO_TEXT]  # other page furniture alone is still no article
