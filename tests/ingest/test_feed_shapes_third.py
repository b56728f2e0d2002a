"""Third round of real-world feed shapes served locally and ingested through the whole path: Google News and Bing
News search feeds, a Mastodon post that is a picture alone, a JSON Feed podcast's attachments, GitHub's tag feeds,
arXiv's listing feed, Hacker News' front page, and feed-wide notes said once per change. Invented text."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from feed_shapes import Stored, ingest_served

from bot.config import IngestConfig
from bot.ingest.feeds import parse_feed
from bot.ingest.normalise import build_all

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
RSS = "application/rss+xml; charset=UTF-8"
GOOGLE = "https://news.google.com/rss/articles/CBMiQk{n}?oc=5"


def _related(*pairs: tuple[int, str, str]) -> str:
    """A Google News item's description: an escaped list of several outlets' headlines for one story."""
    items = "".join(f'&lt;li&gt;&lt;a href="{GOOGLE.format(n=n)}" target="_blank"&gt;{title}&lt;/a&gt;&amp;nbsp;'
                    f'&amp;nbsp;&lt;font color="#6f6f6f"&gt;{outlet}&lt;/font&gt;&lt;/li&gt;'
                    for n, title, outlet in pairs)
    return f"&lt;ol&gt;{items}&lt;/ol&gt;"


GOOGLE_NEWS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><rss version="2.0"
xmlns:media="http://search.yahoo.com/mrss/"><channel><generator>NFE/5.0</generator>
<title>"Velmora dock strike" - Google News</title><link>https://news.google.com/search?q=velmora</link>
<language>en-US</language><description>Google News</description>
<item><title>Dock workers in Velmora end their strike - Coast Herald</title><link>{GOOGLE.format(n=1)}</link>
<guid isPermaLink="false">CBMiQk1</guid><pubDate>Tue, 24 Nov 2026 08:00:00 GMT</pubDate>
<description>{_related((1, "Dock workers in Velmora end their strike", "Coast Herald"),
                         (2, "Port reopens after deal with dockers", "Lindholt Courier"))}</description>
<source url="https://herald.example">Coast Herald</source></item>
<item><title>Strike over, cranes move again at Velmora port - Lindholt Courier</title><link>{GOOGLE.format(n=3)}</link>
<guid isPermaLink="false">CBMiQk3</guid><pubDate>Tue, 24 Nov 2026 07:30:00 GMT</pubDate>
<description>&lt;a href="{GOOGLE.format(n=3)}" target="_blank"&gt;Strike over, cranes move again at Velmora
port&lt;/a&gt;&amp;nbsp;&amp;nbsp;&lt;font color="#6f6f6f"&gt;Lindholt Courier&lt;/font&gt;</description>
<source url="https://www.courier.example">Lindholt Courier</source></item></channel></rss>"""

BING_NEWS = """<?xml version="1.0" encoding="utf-8" ?><rss version="2.0"
xmlns:News="https://www.bing.com:443/news/search?q=velmora&amp;format=rss"><channel><title>velmora - BingNews</title>
<link>https://www.bing.com:443/news/search?q=velmora</link><item><title>Velmora ferry fares to rise in spring</title>
<link>http://www.bing.com/news/apiclick.aspx?ref=FexRss&amp;aid=&amp;tid=A7&amp;url=https%3a%2f%2fbayherald.example%2fnews
%2ffares&amp;c=9&amp;mkt=en-us</link>
<description>Ferry fares between Velmora and the islands rise by a tenth in April, \
the operator said on Tuesday.</description>
<pubDate>Tue, 24 Nov 2026 09:00:00 GMT</pubDate>
<News:Source>Bay Herald</News:Source><News:Image>http://www.bing.com/th?id=OVFT.x&amp;pid=News</News:Image></item>
</channel></rss>""".replace("\n%2f", "%2f")


async def test_news_search_feeds_store_each_outlets_headline_not_the_aggregators(tmp_path: Path) -> None:
    stored, lines, _ = await ingest_served({"/google.xml": (GOOGLE_NEWS.encode(), RSS),
                                            "/bing.xml": (BING_NEWS.encode(), RSS)}, tmp_path, NOW)
    # Google's redirect link is kept (no outlet's address is in it, and its page is never read): the headline alone is
    # the text, never the description's list of other outlets' headlines
    assert stored["/google.xml"] == [
        Stored("Dock workers in Velmora end their strike", GOOGLE.format(n=1), "Coast Herald",
               "Dock workers in Velmora end their strike", "2026-11-24T08:00:00"),
        Stored("Strike over, cranes move again at Velmora port", GOOGLE.format(n=3), "Lindholt Courier",
               "Strike over, cranes move again at Velmora port", "2026-11-24T07:30:00")]
    assert stored["/bing.xml"] == [Stored(  # <News:Source> names the outlet; the click-tracking link is unwrapped
        "Velmora ferry fares to rise in spring", "https://bayherald.example/news/fares", "Bay Herald",
        "Ferry fares between Velmora and the islands rise by a tenth in April, the operator said on Tuesday.",
        "2026-11-24T09:00:00")]
    assert [line for line in lines if not line.startswith("added")] == []


MASTODON = """<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/">
<channel><title>Velmora Council</title><link>https://social.velmora.example/@council</link>
<item><guid isPermaLink="true">https://social.velmora.example/@council/120</guid>
<link>https://social.velmora.example/@council/120</link><pubDate>Tue, 24 Nov 2026 09:40:00 +0000</pubDate>
<description></description><media:content url="https://files.example/gate.jpg" type="image/jpeg" medium="image">
<media:description type="plain">A crane lifts a new steel gate onto the north quay.</media:description>
</media:content></item>
<item><guid isPermaLink="true">https://social.velmora.example/@council/119</guid>
<link>https://social.velmora.example/@council/119</link><pubDate>Tue, 24 Nov 2026 09:10:00 +0000</pubDate>
<description>&lt;p&gt;The new flood gate at the north quay is in place, the harbour office says.&lt;/p&gt;</description>
<media:content url="https://files.example/gate2.jpg" type="image/jpeg" medium="image"><media:description
type="plain">The gate from the water</media:description></media:content></item></channel></rss>"""


async def test_a_picture_only_post_is_skipped_with_one_note_not_stored_as_its_alt_text(tmp_path: Path) -> None:
    again: list[str] = []
    stored, lines, _ = await ingest_served({"/@council.rss": (MASTODON.encode(), RSS)}, tmp_path, NOW, later=[again])
    assert stored["/@council.rss"] == [Stored(
        "The new flood gate at the north quay is in place, the harbour office says.",
        "https://social.velmora.example/@council/119", "Velmora Council",
        "The new flood gate at the north quay is in place, the harbour office says.", "2026-11-24T09:10:00")]
    assert [line for line in lines if not line.startswith("added")] == [
        "note     {base}/@council.rss: 1 post is a picture alone (its only words the picture's description), so "
        "there is nothing to brief: skipped ('https://social.velmora.example/@council/120')"]
    assert [line for line in again if line.startswith("note")] == []  # said once, not on every read


def _json_feed(items: list[dict[str, object]]) -> bytes:
    return json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": "Harbour Hour",
                       "home_page_url": "https://pod.example/", "items": items}).encode()


PODCAST = _json_feed([
    {"id": "hh-14", "title": "Harbour hour, episode 14", "date_published": "2026-11-24T05:00:00Z",
     "content_text": "The harbour master on why the winter dredging starts early this year.",
     "attachments": [{"url": "/audio/hh-14.mp3", "mime_type": "audio/mpeg", "size_in_bytes": 9}]},
    {"id": "hh-13", "title": "Harbour hour, episode 13", "date_published": "2026-11-23T05:00:00Z",
     "attachments": [{"url": "/audio/hh-13.mp3", "mime_type": "audio/mpeg", "size_in_bytes": 9}]},
])


async def test_a_json_feeds_attachments_are_its_episodes_files(tmp_path: Path) -> None:
    stored, lines, _ = await ingest_served({"/pod.json": (PODCAST, "application/feed+json")}, tmp_path, NOW)
    assert stored["/pod.json"] == [Stored(  # no url of its own: its audio file, as an RSS enclosure would be
        "Harbour hour, episode 14", "https://pod.example/audio/hh-14.mp3", "Harbour Hour",
        "The harbour master on why the winter dredging starts early this year.", "2026-11-24T05:00:00")]
    assert [line for line in lines if not line.startswith("added")] == [  # no text: an episode, not an error
        "note     {base}/pod.json: 1 audio or video entry has a title and no text, so there is nothing to brief: "
        "skipped ('Harbour hour, episode 13')"]


def test_a_json_feed_item_linking_its_own_attachment_is_a_file_never_fetched() -> None:
    data = _json_feed([{"id": "v1", "title": "Storm at the quay", "url": "https://pod.example/files/storm",
                        "content_text": "Waves broke over the north quay wall on Tuesday night.",
                        "attachments": [{"url": "https://pod.example/files/storm", "mime_type": "video/mp4"}]},
                       {"id": "p1", "title": "Quay wall repaired", "url": "https://pod.example/quay",
                        "content_text": "Work on the quay wall ended on Monday, the harbour board said.",
                        "attachments": [{"url": "https://pod.example/quay.jpg", "mime_type": "image/jpeg"}]}])
    video, page = parse_feed(data).entries
    assert (video.media, video.link_media) == (True, True)
    assert (page.media, page.link_media) == (False, False)  # a picture's attachment: no episode, the page is read


TAGS = """<?xml version="1.0" encoding="UTF-8"?><feed xmlns="http://www.w3.org/2005/Atom"
xmlns:media="http://search.yahoo.com/mrss/"><id>tag:github.com,2008:https://github.example/velmora/tidewatch/tags</id>
<link type="text/html" rel="alternate" href="https://github.example/velmora/tidewatch/tags"/>
<title>Tags from tidewatch</title><updated>2026-11-24T08:00:00Z</updated>
<entry><id>tag:github.com,2008:Repository/1234/v2.4.0</id><updated>2026-11-24T08:00:00Z</updated>
<link rel="alternate" type="text/html" href="https://github.example/velmora/tidewatch/releases/tag/v2.4.0"/>
<title>v2.4.0</title><content type="html">No content.</content><author><name>maren</name></author></entry></feed>"""


async def test_a_github_tag_feed_is_named_by_its_repository_and_no_content_is_no_text(tmp_path: Path) -> None:
    stored, _, _ = await ingest_served({"/tags.atom": (TAGS.encode(), RSS)}, tmp_path, NOW)
    assert stored["/tags.atom"] == [Stored(
        "tidewatch v2.4.0", "https://github.example/velmora/tidewatch/releases/tag/v2.4.0", "Tags from tidewatch",
        "tidewatch v2.4.0", "2026-11-24T08:00:00")]


def _broken(entries: int) -> bytes:
    items = "".join(f"<item><title>Quay notice {n}</title><link>https://quay.example/{n}</link><description>The north "
                    f"quay notice number {n} was posted by the harbour office on Tuesday.</description></item>"
                    for n in range(entries))
    return f"<?xml version='1.0'?><rss version='2.0'><channel><title>Quay Notices</title>{items}<item><title>".encode()


async def test_a_feed_wide_note_is_said_once_per_change_not_on_every_read(tmp_path: Path) -> None:
    second: list[str] = []
    third: list[str] = []
    stored, lines, _ = await ingest_served({"/notices.xml": (_broken(2), RSS)}, tmp_path, NOW, later=[second, third],
                                           changed=[{}, {"/notices.xml": (_broken(3), RSS)}])
    notes = [line for line in lines if line.startswith("note")]
    assert len(notes) == 1 and "feed is not well-formed" in notes[0] and notes[0].endswith("3 entries read anyway")
    assert [line for line in second if line.startswith("note")] == []  # the same note: not said again
    [changed] = [line for line in third if line.startswith("note")]  # a changed one is
    assert changed.endswith("4 entries read anyway")  # the cut-off last item is one, with no text
    assert len(stored["/notices.xml"]) == 3


ARXIV = """<?xml version='1.0' encoding='UTF-8'?><rss xmlns:arxiv="http://arxiv.org/schemas/atom"
xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom"
xmlns:content="http://purl.org/rss/1.0/modules/content/" version="2.0">
<channel><title>cs.CL updates on arXiv.org</title>
<link>http://rss.arxiv.org/rss/cs.CL</link><description>cs.CL updates on the arXiv.org e-print archive.</description>
<item><title>Tide Words: Counting Harbour Terms in Velmoran Newspapers</title>
<link>https://arxiv.org/abs/2611.01234</link>
<description>arXiv:2611.01234v1 Announce Type: new
Abstract: We count how often harbour terms appear in Velmoran newspapers over forty years. The terms rise in storm \
years and fall when the port is quiet.</description>
<guid isPermaLink="false">oai:arXiv.org:2611.01234v1</guid>
<category>cs.CL</category><pubDate>Tue, 24 Nov 2026 00:00:00 -0500</pubDate>
<arxiv:announce_type>new</arxiv:announce_type>
<dc:rights>http://creativecommons.org/licenses/by/4.0/</dc:rights><dc:creator>Maren Oakes, Ilse Marrow</dc:creator>
</item></channel></rss>"""


async def test_an_arxiv_listing_stores_the_abstract_as_text(tmp_path: Path) -> None:
    stored, _, _ = await ingest_served({"/rss/cs.CL": (ARXIV.encode(), RSS)}, tmp_path, NOW)
    assert stored["/rss/cs.CL"] == [Stored(
        "Tide Words: Counting Harbour Terms in Velmoran Newspapers", "https://arxiv.org/abs/2611.01234",
        "cs.CL updates on arXiv.org", "We count how often harbour terms appear in Velmoran newspapers over forty "
        "years. The terms rise in storm years and fall when the port is quiet.", "2026-11-24T05:00:00")]
    [entry] = parse_feed(ARXIV.encode()).entries
    assert entry.author == "Maren Oakes, Ilse Marrow"


HACKER_NEWS = """<rss version="2.0"><channel><title>Hacker News</title><link>https://news.ycombinator.com/</link>
<description>Links for the intellectually curious, ranked by readers.</description>
<item><title>Velmora's tide tables as open data</title><link>https://tides.velmora.example/open-data</link>
<pubDate>Tue, 24 Nov 2026 10:00:00 +0000</pubDate><comments>https://news.ycombinator.com/item?id=4101</comments>
<description><![CDATA[<a href="https://news.ycombinator.com/item?id=4101">Comments</a>]]></description></item>
<item><title>Ask HN: Who keeps a harbour logbook?</title><link>https://news.ycombinator.com/item?id=4102</link>
<pubDate>Tue, 24 Nov 2026 09:00:00 +0000</pubDate><comments>https://news.ycombinator.com/item?id=4102</comments>
<description><![CDATA[<a href="https://news.ycombinator.com/item?id=4102">Comments</a>]]></description></item>
</channel></rss>"""


async def test_a_hacker_news_item_is_the_article_it_links_not_its_comments_link(tmp_path: Path) -> None:
    stored, lines, _ = await ingest_served({"/rss": (HACKER_NEWS.encode(), RSS)}, tmp_path, NOW)
    assert stored["/rss"] == [  # as a link post: the article's site its outlet, its headline the text until its
        # page is read; "Comments" (the discussion's link) is no text
        Stored("Velmora's tide tables as open data", "https://tides.velmora.example/open-data",
               "tides.velmora.example", "Velmora's tide tables as open data", "2026-11-24T10:00:00"),
        Stored("Ask HN: Who keeps a harbour logbook?", "https://news.ycombinator.com/item?id=4102", "Hacker News",
               "Ask HN: Who keeps a harbour logbook?", "2026-11-24T09:00:00")]
    assert [line for line in lines if not line.startswith("added")] == []


def _one_item(item: str) -> tuple[str, str, str, bool]:
    data = f"<rss version='2.0'><channel><title>Listing</title><item>{item}</item></channel></rss>".encode()
    [entry] = parse_feed(data).entries
    return entry.text, entry.url, entry.outlet, entry.headline_text


def test_an_hnrss_item_is_its_article_and_an_ask_post_keeps_its_own_words() -> None:
    tail = ("&lt;p&gt;Article URL: &lt;a href='{a}'&gt;{a}&lt;/a&gt;&lt;/p&gt;&lt;p&gt;Comments URL: &lt;a href='{c}'"
            "&gt;{c}&lt;/a&gt;&lt;/p&gt;&lt;p&gt;Points: 41&lt;/p&gt;&lt;p&gt;# Comments: 7&lt;/p&gt;")
    link, comments = "https://tides.velmora.example/open-data", "https://news.ycombinator.com/item?id=4101"
    assert _one_item(f"<title>Tide tables as open data</title><link>{link}</link><comments>{comments}</comments>"
                     f"<description>{tail.format(a=link, c=comments)}</description>") == (
        "Tide tables as open data", link, "tides.velmora.example", True)
    ask = "https://news.ycombinator.com/item?id=4102"
    assert _one_item(f"<title>Ask HN: Who keeps a harbour logbook?</title><link>{ask}</link><comments>{ask}</comments>"
                     "<description>&lt;p&gt;We keep one at the north quay and wonder who else does.&lt;/p&gt;"
                     f"{tail.format(a=ask, c=ask)}</description>") == (
        "We keep one at the north quay and wonder who else does.", ask, "Listing", False)


def test_a_blog_items_comments_link_leaves_its_text_alone() -> None:
    link = "https://ledger.example/2026/11/24/fees/"
    assert _one_item(f"<title>Fees kept</title><link>{link}</link><comments>{link}#respond</comments>"
                     "<description>The harbour board kept mooring fees at this year's level.</description>") == (
        "The harbour board kept mooring fees at this year's level.", link, "Listing", False)


def test_a_plain_description_wrapped_mid_sentence_keeps_its_first_line() -> None:
    # a description of plain text broken by hand ("... in April,\nthe operator said"): the first line is the
    # sentence's start, not a heading to drop; a line that ends a sentence keeps its break
    wrapped = ("Ferry fares between Velmora and the islands rise by a tenth in April,\nthe operator said on "
               "Tuesday. Night crossings\nstay as they are.\nTickets bought before March keep their price.")
    data = (f"<rss version='2.0'><channel><title>Bay Herald</title><item><title>Fares rise</title><link>https://"
            f"bay.example/f</link><description>{wrapped}</description></item></channel></rss>").encode()
    [article], _ = build_all(parse_feed(data).entries, source="s", input_name="s", now=NOW, config=IngestConfig())
    assert article.text == ("Ferry fares between Velmora and the islands rise by a tenth in April, the operator said "
                            "on Tuesday. Night crossings stay as they are.\n\nTickets bought before March keep their "
                            "price.")
