"""One outlet is one outlet whether its article came through a news search's feed (an aggregator redirect link,
counted by the outlet's name) or through its own feed (counted by its site): bot/outlets.py story_sites."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.config import IngestConfig
from bot.ingest.feeds import parse_feed
from bot.ingest.normalise import build_all
from bot.models import Briefing, BriefingItem, SourceRef, Story, SummarySentence
from bot.outlets import outlet_count, outlet_total, site_key, source_groups, story_sites
from digests.length import outlets_label
from digests.render_text import render_text
from digests.source_sites import site_sources

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
CONFIG = IngestConfig()
SEARCH = "https://news.google.com/rss/search?q=pier"
REDIRECT = "https://news.google.com/rss/articles/CBMiPGh0dHBzOi8vcGllcn{n}?oc=5"


def _search_item(n: int, title: str, outlet: str, source: str) -> str:
    """A news search's item as Google News writes one: its outlet in <source>, its link a redirect."""
    link = REDIRECT.format(n=n)
    return (f"<item><title>{title} - {outlet}</title><link>{link}</link><guid isPermaLink='false'>pier{n}</guid>"
            f"<pubDate>Tue, 24 Nov 2026 07:1{n}:00 GMT</pubDate><description>&lt;a href=\"{link}\"&gt;{title}"
            f"&lt;/a&gt;&amp;nbsp;&amp;nbsp;&lt;font color=\"#6f6f6f\"&gt;{outlet}&lt;/font&gt;</description>"
            f"{source}</item>")


def _search_feed(*items: str) -> bytes:
    return ("<?xml version='1.0' encoding='UTF-8'?><rss version='2.0'><channel><title>\"pier\" - News Search"
            "</title><link>https://news.google.com/</link>" + "".join(items) + "</channel></rss>").encode()


COURIER_FEED = (b"<rss version='2.0'><channel><title>Lindholt Courier</title><link>https://www.courier.example/</link>"
                b"<item><title>Storm cracks the old pier's deck</title>"
                b"<link>https://www.courier.example/local/pier-deck</link><guid>https://www.courier.example/p/77</guid>"
                b"<pubDate>Tue, 24 Nov 2026 07:05:00 GMT</pubDate><description>The council closed the old pier on "
                b"Monday after engineers found a crack across its deck.</description></item></channel></rss>")
HERALD = _search_item(2, "Old pier shut until spring", "Bay Herald", "<source url='https://bayherald.example'>"
                      "Bay Herald</source>")


def _courier_item(name: str = "Lindholt Courier", home: str = "https://www.courier.example") -> str:
    source = f"<source url='{home}'>{name}</source>" if home else f"<source>{name}</source>"
    return _search_item(1, "Pier deck cracked in storm", name, source)


def _refs(data: bytes, source: str) -> list[SourceRef]:
    parsed = parse_feed(data, base=source)
    articles, problems = build_all(parsed.entries, source=source, input_name=source, now=NOW, config=CONFIG)
    assert not [p for p in problems if not p.kept], problems
    return [SourceRef(a.id, a.outlet, a.url, a.title, a.published) for a in articles]


def _story(sources: list[SourceRef]) -> Story:
    summary = (SummarySentence("The council closed the old pier after a storm.", sources[0].article_id, 0, 0, 46),)
    return Story(id="pier", headline="Old pier closed", sources=tuple(sources), summary=summary, updated=NOW,
                 url=sources[0].url)


def test_an_outlet_through_a_news_search_and_through_its_own_feed_counts_once_and_is_listed_once() -> None:
    sources = _refs(_search_feed(_courier_item(), HERALD), SEARCH) + _refs(COURIER_FEED, "https://courier.example/rss")
    assert [s.name for s in sources] == ["Lindholt Courier", "Bay Herald", "Lindholt Courier"]
    assert outlet_count(sources) == 2
    story = _story(sources)
    assert outlets_label(story) == "2 outlets"
    sites = site_sources(sources)
    assert [(s.name, s.urls) for s in sites] == [
        ("Lindholt Courier", [REDIRECT.format(n=1), sources[2].url]),
        ("Bay Herald", [REDIRECT.format(n=2)])]
    text = render_text(Briefing(title="B", generated=NOW, items=(BriefingItem(story, 1.0),)))
    assert "Sources: Lindholt Courier, Bay Herald\n" in text


def test_across_a_briefings_stories_the_outlet_is_one_too() -> None:
    search = _refs(_search_feed(_courier_item(), HERALD), SEARCH)
    own = _refs(COURIER_FEED, "https://courier.example/rss")
    assert outlet_total([search, own]) == 2
    assert outlet_total([search[:1], own]) == 1


def test_two_different_outlets_stay_two() -> None:
    herald = _refs(_search_feed(HERALD), SEARCH)
    own = _refs(COURIER_FEED, "https://courier.example/rss")
    assert outlet_count(herald + own) == 2
    assert [s.name for s in site_sources(herald + own)] == ["Bay Herald", "Lindholt Courier"]


def test_an_aggregator_item_without_a_source_address_still_counts_by_its_outlet_name() -> None:
    search = _refs(_search_feed(_courier_item(home=""), HERALD), SEARCH)
    assert [s.name for s in search] == ["Lindholt Courier", "Bay Herald"]
    assert outlet_count(search) == 2
    assert outlet_count(search + _refs(COURIER_FEED, "https://courier.example/rss")) == 2
    assert outlet_count(search + search) == 2


def test_a_leading_the_case_and_spacing_do_not_make_another_outlet() -> None:
    search = _refs(_search_feed(_courier_item(name="The  LINDHOLT Courier")), SEARCH)
    own = _refs(COURIER_FEED, "https://courier.example/rss")
    assert outlet_count(search + own) == 1
    assert [s.name for s in site_sources(search + own)] == ["The LINDHOLT Courier"]
    assert outlet_count(search + _refs(_search_feed(_courier_item(home="")), SEARCH)) == 1
    assert site_key("", "The Valley Post") == site_key("http://127.0.0.1/a", " valley  POST") == "name:valley post"


def test_a_local_file_is_not_taken_for_the_site_of_the_same_name() -> None:
    own = _refs(COURIER_FEED, "https://courier.example/rss")
    file = SourceRef("f", "Lindholt Courier", "", "t", NOW)
    assert outlet_count([*own, file]) == 2
    search = _refs(_search_feed(_courier_item()), SEARCH)
    assert outlet_count([*search, file]) == 1  # both counted by the one name
    assert outlet_count([*search, *own, file]) == 2


def test_a_source_element_with_only_an_address_counts_as_that_site() -> None:
    search = _refs(_search_feed(_search_item(1, "Pier deck cracked in storm", "courier.example",
                                             "<source url='https://www.courier.example/'></source>")), SEARCH)
    assert [s.name for s in search] == ["courier.example"]
    assert site_key(search[0].url, search[0].name) == "courier.example"
    own = _refs(COURIER_FEED, "https://courier.example/rss")
    assert outlet_count(search + own) == 1
    assert [s.name for s in site_sources(search + own)] == ["Lindholt Courier"]


def test_a_name_shared_by_two_sites_joins_the_first_and_never_merges_the_sites() -> None:
    a = SourceRef("a", "Courier", "https://courier-north.example/1", "t", NOW)
    b = SourceRef("b", "Courier", "https://courier-south.example/1", "t", NOW)
    c = SourceRef("c", "Courier", REDIRECT.format(n=3), "t", NOW)
    assert story_sites([a, b, c]) == {"a": "courier-north.example", "b": "courier-south.example",
                                      "c": "courier-north.example"}
    assert outlet_count([a, b, c]) == 2


def test_the_outlets_copy_through_a_news_search_is_not_credited_as_republishing_it() -> None:
    own = SourceRef("o", "Lindholt Courier", "https://www.courier.example/local/pier-deck", "t", NOW)
    via = SourceRef("g", "The Lindholt Courier", REDIRECT.format(n=1), "t", NOW, copy_of="o")
    assert source_groups([own, via]) == [(own, [])]


def test_the_json_briefing_gives_each_source_the_site_it_was_counted_under() -> None:
    from digests.render_json import item_to_dict

    sources = _refs(_search_feed(_courier_item(), HERALD), SEARCH) + _refs(COURIER_FEED, "https://courier.example/rss")
    shown = item_to_dict(BriefingItem(_story(sources), 1.0))
    assert shown["outlets"] == 2
    assert [s["site"] for s in shown["sources"]] == ["courier.example", "name:bay herald", "courier.example"]
