"""Composing and rendering briefings: ranking, topic filter, cap with 'more', safe Markdown, JSON shape."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.models import Attribution, SourceRef, Story, SummarySentence
from digests.compose import TopicMatch, compose
from digests.render_json import briefing_to_dict
from digests.render_text import render_markdown, render_text

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


def story(sid: str, outlets: int, hours_old: float, headline: str = "") -> Story:
    sources = tuple(SourceRef(f"{sid}-{i}", f"Outlet {i}", f"https://o{i}.example/{sid}", f"T{i}",
                              NOW - timedelta(hours=hours_old)) for i in range(outlets))
    summary = (SummarySentence(f"Summary of {sid}.", f"{sid}-0", 0, 0, 14),)
    return Story(id=sid, headline=headline or f"Story {sid}", sources=sources, summary=summary,
                 updated=NOW - timedelta(hours=hours_old), url=sources[0].url)


def test_more_outlets_and_more_recent_rank_first() -> None:
    briefing = compose([story("old1", 1, 40), story("multi", 3, 10), story("new1", 1, 1)], now=NOW, title="B")
    assert [i.story.id for i in briefing.items] == ["multi", "new1", "old1"]


def test_cap_keeps_the_rest_in_more_nothing_dropped() -> None:
    stories = [story(f"s{i}", 1, i) for i in range(15)]
    briefing = compose(stories, now=NOW, title="B", max_stories=10)
    assert len(briefing.items) == 10 and len(briefing.more) == 5
    assert {i.story.id for i in briefing.items + briefing.more} == {s.id for s in stories}
    assert "…and 5 more" in render_text(briefing)


def test_topic_matcher_filters_and_explains() -> None:
    def matcher(s: Story) -> TopicMatch | None:
        return TopicMatch(1.0, "matched: NATO — in 1 sentence") if "NATO" in s.headline else None

    briefing = compose([story("a", 1, 1, "NATO summit"), story("b", 1, 1, "Cod quotas")], now=NOW,
                       title="B", topic="NATO", matcher=matcher)
    assert [i.story.id for i in briefing.items] == ["a"]
    assert briefing.items[0].why == "matched: NATO — in 1 sentence"


def test_markdown_escapes_untrusted_text() -> None:
    hostile = story("h", 1, 1, headline="[click](http://evil.example) *bold* <!channel>")
    text = render_markdown(compose([hostile], now=NOW, title="B"))
    assert "[click](http://evil.example)" not in text
    assert "\\[click\\]" in text and "\\<!channel\\>" in text


def test_json_has_provenance_and_quotes() -> None:
    s = story("q", 2, 1)
    quote = Attribution("q-0", "Mark Rutte", "Rutte", "said", "Russia has no vote and no veto", "direct", 3, 10, 40)
    s = Story(**{**{f: getattr(s, f) for f in s.__dataclass_fields__}, "quotes": (quote,)})
    data = briefing_to_dict(compose([s], now=NOW, title="B"))
    first = data["stories"][0]
    assert first["headline"] == "Story q"
    assert [src["name"] for src in first["sources"]] == ["Outlet 0", "Outlet 1"]
    assert first["summary"][0] == {"text": "Summary of q.", "article": "q-0", "sentence": 0, "start": 0, "end": 14}
    assert first["quotes"][0]["speaker"] == "Mark Rutte"
    assert "Mark Rutte" in render_text(compose([s], now=NOW, title="B"))


def test_empty_briefing_says_so() -> None:
    assert "No new stories." in render_text(compose([], now=NOW, title="B"))


def syndicated(sid: str = "w") -> Story:
    """An agency story republished by a second site (marked as bot.story_loader marks it), a second feed of that
    site with its own report, and a third outlet's own report."""
    sources = (SourceRef(f"{sid}-wire", "Coast Wire", "https://coastwire.co.uk/ferry", "Ferry hits breakwater",
                         NOW - timedelta(hours=3)),
               SourceRef(f"{sid}-copy", "Harbour Times - World", "https://www.harbourtimes.co.uk/world/ferry",
                         "Eleven rescued at Korsholt", NOW - timedelta(hours=2), copy_of=f"{sid}-wire"),
               SourceRef(f"{sid}-own", "Harbour Times - Politics", "https://politics.harbourtimes.co.uk/ferry",
                         "Councillors demand ferry inquiry", NOW - timedelta(hours=1)),
               SourceRef(f"{sid}-post", "Valley Post", "", "Passengers describe panic", NOW - timedelta(hours=1)))
    return Story(id=sid, headline="Ferry hits breakwater", sources=sources, url=sources[0].url,
                 summary=(SummarySentence("Eleven people were rescued.", f"{sid}-wire", 0, 0, 27),),
                 updated=NOW - timedelta(hours=1))


def test_copies_are_credited_beside_their_original_not_as_reporting_of_their_own() -> None:
    briefing = compose([syndicated()], now=NOW, title="B")
    text = render_text(briefing)
    assert ("   Sources: Coast Wire (republished by Harbour Times - World), Harbour Times - Politics, "
            "Valley Post\n") in text
    assert "     Harbour Times - World (copy of Coast Wire): https://www.harbourtimes.co.uk/world/ferry" in text
    markdown = render_markdown(briefing)
    assert ("Sources: [Coast Wire](https://coastwire.co.uk/ferry) (republished by [Harbour Times - World]"
            "(https://www.harbourtimes.co.uk/world/ferry)), [Harbour Times - Politics]") in markdown
    data = briefing_to_dict(briefing)["stories"][0]
    assert data["outlets"] == 3  # Coast Wire, Harbour Times (two feeds, one site), Valley Post (no URL: its name)
    assert [(s["article"], s["site"], s["copy_of"]) for s in data["sources"]] == [
        ("w-wire", "coastwire.co.uk", None), ("w-copy", "harbourtimes.co.uk", "w-wire"),
        ("w-own", "harbourtimes.co.uk", None), ("w-post", "name:valley post", None)]


def test_ranking_counts_independent_outlets_not_articles() -> None:
    # four articles of three outlets rank like three outlets, below four independent outlets of the same age
    four = story("four", 4, 1)
    briefing = compose([syndicated("w"), four, story("three", 3, 1)], now=NOW, title="B")
    scores = {i.story.id: i.score for i in briefing.items}
    assert scores["four"] > scores["w"] == scores["three"]


def test_the_stories_past_the_cap_keep_their_links_in_text_and_markdown() -> None:
    briefing = compose([story(f"s{i}", 1, i) for i in range(4)], now=NOW, title="B", max_stories=2)
    later = [i.story for i in briefing.more]
    assert len(later) == 2
    text, markdown = render_text(briefing), render_markdown(briefing)
    for s in later:
        assert f"   - {s.headline} <{s.url}>" in text, text
        assert f"- [{s.headline}]({s.url})" in markdown, markdown
