"""Social, video and odd-dated feeds served locally and ingested through the whole path: YouTube's channel Atom,
a subreddit's Atom, Mastodon's RSS (no titles), a podcast whose episodes have no <link>, dates ahead of the clock or
without a zone, and charsets where the HTTP header and the XML declaration disagree. Invented text."""

from __future__ import annotations

from datetime import UTC, datetime
from html import escape
from pathlib import Path

from feed_shapes import Stored, ingest_served

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
ATOM = "application/atom+xml; charset=UTF-8"

YOUTUBE = """<?xml version="1.0" encoding="UTF-8"?><feed xmlns:yt="http://www.youtube.com/xml/schemas/2015"
xmlns:media="http://search.yahoo.com/mrss/" xmlns="http://www.w3.org/2005/Atom"><title>Velmora City TV</title>
<entry><id>yt:video:Xq1</id><yt:videoId>Xq1</yt:videoId><title>Mayor answers questions on the tram plan</title>
<link rel="alternate" href="https://www.youtube.example/watch?v=Xq1"/><author><name>Velmora City TV</name></author>
<published>2026-11-24T08:00:00+00:00</published><media:group><media:title>Mayor answers questions</media:title>
<media:content url="https://www.youtube.example/v/Xq1" type="application/x-shockwave-flash"/>
<media:thumbnail url="https://i.ytimg.example/Xq1.jpg"/><media:description>Mayor Ilse Marrow took questions about
the tram extension on Tuesday.

Subscribe to our channel: https://www.youtube.example/c/velmora
#Velmora #tram</media:description></media:group></entry></feed>"""

SUBMITTED = (' &#32; submitted by &#32; <a href="https://www.reddit.example/user/{u}"> /u/{u} </a> <br/> <span><a '
             'href="{link}">[link]</a></span> &#32; <span><a href="{page}">[comments]</a></span>')


def _post(n: str, title: str, body: str, link: str = "") -> str:
    page = f"https://www.reddit.example/r/velmora/comments/{n}/p/"
    html = body + SUBMITTED.format(u="quaykeeper", link=link or page, page=page)
    return (f"<entry><author><name>/u/quaykeeper</name></author><content type='html'>{escape(html)}</content>"
            f"<id>t3_{n}</id><link href='{page}'/><published>2026-11-24T08:10:00+00:00</published>"
            f"<title>{title}</title></entry>")


REDDIT = ("<?xml version='1.0' encoding='UTF-8'?><feed xmlns='http://www.w3.org/2005/Atom'><title>Velmora</title>"
          + _post("1a", "Tram line extended to the port", "<table><tr><td><img src='https://thumbs.example/1a.jpg' "
                  "alt='Tram'/></td><td>", "https://northgate.example/news/tram-line")
          + _post("1b", "North quay closed?", "<!-- SC_OFF --><div class='md'><p>Does anyone know why the north quay "
                  "has been closed since Friday?</p></div><!-- SC_ON -->") + "</feed>")

MASTODON = """<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/">
<channel><title>Velmora Council</title><link>https://social.velmora.example/@council</link>
<item><guid isPermaLink="true">https://social.velmora.example/@council/111</guid>
<link>https://social.velmora.example/@council/111</link><pubDate>Tue, 24 Nov 2026 08:40:00 +0000</pubDate>
<description>&lt;p&gt;The north quay reopens on Thursday after storm repairs, the harbour office says. Ferries use it
again from the 7:10 crossing. &lt;a href="https://social.velmora.example/tags/Velmora" class="mention hashtag"
rel="tag"&gt;#&lt;span&gt;Velmora&lt;/span&gt;&lt;/a&gt;&lt;/p&gt;</description>
<media:content url="https://files.example/quay.jpg" type="image/jpeg" medium="image"><media:description
type="plain">The north quay</media:description></media:content></item></channel></rss>"""

PODCAST = """<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour Hour</title>
<item><title>Harbour hour, episode 12</title><guid>hh-12</guid><pubDate>Tue, 24 Nov 2026 05:00:00 +0000</pubDate>
<enclosure url="/audio/hh-12.mp3" type="audio/mpeg" length="9"/>
<description>The ferry union explains why the night crossings stop in December.</description></item>
<item><title>Harbour hour, episode 11</title><guid>https://pod.example/episodes/11</guid>
<enclosure url="/audio/hh-11.mp3" type="audio/mpeg" length="9"/><pubDate>Mon, 23 Nov 2026 05:00:00 +0000</pubDate>
<description>The harbour master on the winter dredging plan and what it costs.</description></item></channel></rss>"""


def _dated(*dates: str) -> str:
    return ("<?xml version='1.0'?><rss version='2.0'><channel><title>Tidewater Times</title>"
            + "".join(f"<item><title>Item {n}</title><link>https://tide.example/{n}</link><pubDate>{date}</pubDate>"
                      f"<description>The lighthouse keeper number {n} retired after years on the rock.</description>"
                      "</item>" for n, date in enumerate(dates)) + "</channel></rss>")


def _charset(n: int, declaration: str) -> str:
    return (f"{declaration}<rss version='2.0'><channel><title>Åsby Avis</title><item><title>Café owners in Åsby "
            f"protest the toll</title><link>https://asby.example/{n}</link><description>Søren Ødegård, who runs the "
            f"café, said the toll was unfair ({n}).</description></item></channel></rss>")


async def test_social_video_and_odd_feeds_are_stored_as_a_reader_expects(tmp_path: Path) -> None:
    utf8 = "<?xml version='1.0' encoding='UTF-8'?>"
    feeds = {
        "/yt.xml": (YOUTUBE.encode(), ATOM), "/r/velmora/.rss": (REDDIT.encode(), ATOM),
        "/@council.rss": (MASTODON.encode(), ATOM), "/pod.xml": (PODCAST.encode(), ATOM),
        "/dates.xml": (_dated("Tue, 24 Nov 2026 15:00:00 +0000", "Wed, 24 Nov 2027 09:00:00 +0000",
                              "Tue, 24 Nov 2026 10:30:00", "2026-11-24T10:45:00", "Tue, 24 Nov 2026 10:00:00 CET")
                       .encode(), ATOM),
        # header and declaration disagree: the declaration wins when the bytes bear it out, else the header
        "/cs1.xml": (_charset(1, utf8).encode(), "application/rss+xml; charset=ISO-8859-1"),
        "/cs2.xml": (_charset(2, "<?xml version='1.0' encoding='ISO-8859-1'?>").encode("latin-1"),
                     "text/xml; charset=utf-8"),
        "/cs3.xml": (_charset(3, "").encode("cp1252"), "application/rss+xml; charset=utf-8"),
        "/cs4.xml": (_charset(4, utf8).encode("cp1252"), "application/rss+xml; charset=windows-1252"),
    }
    stored, lines, base = await ingest_served(feeds, tmp_path, NOW)
    assert stored["/yt.xml"] == [Stored(
        "Mayor answers questions on the tram plan", "https://youtube.example/watch?v=Xq1", "Velmora City TV",
        "Mayor Ilse Marrow took questions about the tram extension on Tuesday.", "2026-11-24T08:00:00")]
    assert stored["/r/velmora/.rss"] == [
        Stored("Tram line extended to the port", "https://northgate.example/news/tram-line", "northgate.example",
               "Tram line extended to the port", "2026-11-24T08:10:00"),
        Stored("North quay closed?", "https://reddit.example/r/velmora/comments/1b/p", "Velmora",
               "Does anyone know why the north quay has been closed since Friday?", "2026-11-24T08:10:00")]
    assert stored["/@council.rss"] == [Stored(  # no title: its first sentence; its photo's caption is not its text
        "The north quay reopens on Thursday after storm repairs, the harbour office says.",
        "https://social.velmora.example/@council/111", "Velmora Council",
        "The north quay reopens on Thursday after storm repairs, the harbour office says. Ferries use it again from "
        "the 7:10 crossing.", "2026-11-24T08:40:00")]
    assert [(a.title, a.url) for a in stored["/pod.xml"]] == [
        ("Harbour hour, episode 12", f"{base}/audio/hh-12.mp3"),  # no <link>, no permalink: the audio file
        ("Harbour hour, episode 11", "https://pod.example/episodes/11")]  # its permalink GUID
    assert [a.published for a in stored["/dates.xml"]] == [
        "2026-11-24T12:00:00",  # three hours ahead: the fetch time, with a note
        "",  # a year ahead: no date, with a note
        "2026-11-24T10:30:00", "2026-11-24T10:45:00",  # no zone: UTC
        "2026-11-24T09:00:00"]  # 10:00 CET
    assert [(a.title, a.text) for path in ("/cs1.xml", "/cs2.xml", "/cs3.xml", "/cs4.xml") for a in stored[path]] == [
        ("Café owners in Åsby protest the toll", f"Søren Ødegård, who runs the café, said the toll was unfair ({n}).")
        for n in (1, 2, 3, 4)]
    assert [line for line in lines if not line.startswith("added")] == [
        "note     {base}/dates.xml entry 1 (Item 0): publication date '2026-11-24T15:00:00+00:00' is 3.0 h in the "
        "future: stored as the fetch time",
        "note     {base}/dates.xml entry 2 (Item 1): publication date '2027-11-24T09:00:00+00:00' ignored: more than "
        "two days in the future (year 2027)"]


async def test_unreadable_dates_get_one_note_per_feed_and_unambiguous_numeric_ones_are_read(tmp_path: Path) -> None:
    # day first with a day over 12 (or month first with one) is one date only; 05/11/2026 could be May or November
    feeds = {"/numeric.xml": (_dated("24/11/2026", "11/24/2026 09:30", "05/11/2026", "Nov 24th", "Nov 24th",
                                     "2026-11-24 10:45").encode(), ATOM)}
    again: list[str] = []
    stored, lines, _ = await ingest_served(feeds, tmp_path, NOW, later=[again])
    assert [a.published for a in stored["/numeric.xml"]] == [
        "2026-11-24T00:00:00", "2026-11-24T09:30:00", "", "", "", "2026-11-24T10:45:00"]
    note = ("note     {base}/numeric.xml: 3 entries' publication dates could not be read ('05/11/2026', 'Nov 24th'): "
            "each is stored without one, so the fetch time stands in")
    assert [line for line in lines if not line.startswith("added")] == [note]
    assert len(again) == 6 and not [line for line in again if line.startswith("note")]  # said when stored


AGGREGATOR = """<?xml version="1.0"?><rss version="2.0"><channel><title>Velmora News Search</title>
<item><title>Ferry strike ends - Coast Herald</title><link>https://herald.example/strike-ends</link>
<pubDate>Tue, 24 Nov 2026 08:20:00 +0000</pubDate><source url="https://herald.example">Coast Herald</source>
<description>&lt;a href="https://herald.example/strike-ends"&gt;Ferry strike ends&lt;/a&gt;&amp;nbsp;&amp;nbsp;&lt;font
color="#6f6f6f"&gt;Coast Herald&lt;/font&gt;</description></item></channel></rss>"""


async def test_a_short_headline_standing_for_its_text_is_kept(tmp_path: Path) -> None:
    # under four words, the headline-as-text line was dropped as the title's and the item refused as having no text
    reddit = ("<?xml version='1.0' encoding='UTF-8'?><feed xmlns='http://www.w3.org/2005/Atom'><title>Velmora</title>"
              + _post("2a", "Quay reopens", "", "https://northgate.example/news/quay") + "</feed>")
    stored, lines, _ = await ingest_served({"/r/velmora/.rss": (reddit.encode(), ATOM),
                                            "/search.xml": (AGGREGATOR.encode(), ATOM)}, tmp_path, NOW)
    assert stored["/r/velmora/.rss"] == [Stored("Quay reopens", "https://northgate.example/news/quay",
                                                "northgate.example", "Quay reopens", "2026-11-24T08:10:00")]
    assert stored["/search.xml"] == [Stored("Ferry strike ends", "https://herald.example/strike-ends", "Coast Herald",
                                            "Ferry strike ends", "2026-11-24T08:20:00")]
    assert [line for line in lines if not line.startswith("added")] == []


async def test_an_image_post_links_to_its_own_page(tmp_path: Path) -> None:
    # its [link] is the picture itself (i.redd.it, a .jpeg): not the article, and never fetched for text
    reddit = ("<?xml version='1.0' encoding='UTF-8'?><feed xmlns='http://www.w3.org/2005/Atom'><title>Velmora</title>"
              + _post("3a", "Storm damage at the north quay this morning", "<img src='https://thumbs.example/3a.jpg'/>",
                      "https://i.redd.it/q7xk2.jpeg") + "</feed>")
    stored, lines, _ = await ingest_served({"/r/velmora/.rss": (reddit.encode(), ATOM)}, tmp_path, NOW)
    assert stored["/r/velmora/.rss"] == [Stored(
        "Storm damage at the north quay this morning", "https://reddit.example/r/velmora/comments/3a/p", "Velmora",
        "Storm damage at the north quay this morning", "2026-11-24T08:10:00")]
    assert [line for line in lines if not line.startswith("added")] == []
