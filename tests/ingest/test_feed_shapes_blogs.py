"""Blog and publishing-platform feeds served locally and ingested through the whole path: what the store holds is
what a newsroom reader expects (title, link, outlet, text, date). WordPress (content:encoded, relative links, its
entities and footer), Atom with xml:base and several <link rel>, Substack, Ghost, GitHub releases, a live blog
whose updates share one title. Invented text."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from feed_shapes import Stored, ingest_served

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
RSS = "application/rss+xml; charset=UTF-8"
NS = ("xmlns:content='http://purl.org/rss/1.0/modules/content/' xmlns:dc='http://purl.org/dc/elements/1.1/' "
      "xmlns:media='http://search.yahoo.com/mrss/'")

WORDPRESS = f"""<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" {NS}><channel><title>Velmora Ledger</title>
<link>/</link><item><title>Velmora&#8217;s harbour board &#8220;will not&#8221; raise fees</title>
<link>/2026/11/24/harbour-board-fees/</link><dc:creator><![CDATA[Maren Oakes]]></dc:creator>
<pubDate>Tue, 24 Nov 2026 08:15:00 +0000</pubDate><guid isPermaLink="false">/?p=4412</guid>
<description><![CDATA[The harbour board said on Monday it would keep mooring fees. &#8230; <a href="/fees/">Continue
reading <span class="screen-reader-text">Velmora&#8217;s harbour board</span> &#8594;</a>]]></description>
<content:encoded><![CDATA[<p>The harbour board said on Monday it would keep mooring fees at this year&#8217;s level,
despite a <a href="/2026/10/02/repair-bill/">repair bill</a> of 1.4 million crowns.</p><figure><img
src="/wp-content/uploads/harbour.jpg" alt="Boats"/><figcaption>Boats at the quay. Photo: Ledger staff</figcaption>
</figure><p>Read more: <a href="/2026/11/20/quay/">Quay closure extended</a></p><p>The post <a rel="nofollow"
href="/2026/11/24/harbour-board-fees/">Velmora&#8217;s harbour board</a> appeared first on <a rel="nofollow"
href="/">Velmora Ledger</a>.</p>]]></content:encoded></item></channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom" xml:base="{base}/blog/">
<title>Northgate Notes</title><id>tag:northgate.example,2026:feed</id><updated>2026-11-24T09:00:00Z</updated>
<entry xml:base="2026/"><title type="html">Tram line &lt;em&gt;extended&lt;/em&gt; to the port</title>
<id>tag:northgate.example,2026:tram</id><link rel="replies" type="text/html" href="tram-line#comments"/>
<link rel="self" type="application/atom+xml" href="tram-line.atom"/><link rel="edit" href="/api/posts/17"/>
<link rel="enclosure" type="image/jpeg" length="9" href="tram.jpg"/><link rel="alternate" href="tram-line"/>
<published>2026-11-24T07:00:00+01:00</published><updated>2026-11-24T08:00:00+01:00</updated>
<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>The city council approved a two-kilometre
extension of the tram line to the port on Monday.</p></div></content></entry>
<entry><title>Ferry timetable changes</title><id>urn:uuid:1b2c</id><link rel="self" href="entries/1b2c.atom"/>
<updated>2026-11-24T08:30:00Z</updated><summary>The ferry timetable changes on Sunday, the operator said.</summary>
</entry></feed>"""

SUBSTACK = f"""<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" {NS}><channel><title><![CDATA[The
Lindholt Letter]]></title><link>https://lindholt.substack.example</link><item><title><![CDATA[Why the bridge vote
matters]]></title><description><![CDATA[Three things to watch]]></description>
<link>https://lindholt.substack.example/p/bridge-vote</link><guid isPermaLink="false">https://lindholt.substack.example/p/bridge-vote</guid>
<dc:creator><![CDATA[Ruta Kemmel]]></dc:creator><pubDate>Tue, 24 Nov 2026 06:00:00 GMT</pubDate>
<enclosure url="https://cdn.substack.example/bridge.jpg" length="0" type="image/jpeg"/>
<content:encoded><![CDATA[<p>The council votes on Thursday on whether to rebuild the Lindholt bridge.</p><div
class="subscription-widget-wrap"><p class="cta-caption">Thanks for reading The Lindholt Letter! Subscribe for free
to receive new posts and support my work.</p><form><input type="email" placeholder="Type your email…"/><input
type="submit" value="Subscribe"/></form></div><p>Engineers put the rebuild at 40 million crowns.</p><p
class="button-wrapper"><a class="button primary" href="https://lindholt.substack.example/subscribe"><span>Subscribe
now</span></a></p><p>Thanks for reading The Lindholt Letter! This post is public so feel free to share
it.</p>]]></content:encoded></item></channel></rss>"""

GHOST = f"""<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" {NS}><channel><title><![CDATA[Harbour
Dispatch]]></title><link>https://dispatch.example/</link><item><title><![CDATA[Fishing quotas cut for spring]]></title>
<description><![CDATA[<p>The ministry cut spring quotas.</p>]]></description><link>https://dispatch.example/quotas/</link>
<guid isPermaLink="false">65a1f0c2e4b0d1001c9e7a11</guid><dc:creator><![CDATA[Tomas Reiner]]></dc:creator>
<pubDate>Tue, 24 Nov 2026 07:45:00 GMT</pubDate><media:content url="https://dispatch.example/boats.jpg" medium="image"/>
<content:encoded><![CDATA[<img src="https://dispatch.example/boats.jpg" alt="Quotas">
<p>The fisheries ministry cut spring quotas by a fifth on Monday, citing falling cod stocks.</p>
<figure class="kg-card kg-image-card"><img
src="https://dispatch.example/quay.jpg"><figcaption>The north quay at dawn.</figcaption></figure><div class="kg-card
kg-cta-card"><p>Sign up for Harbour Dispatch to get every story in your inbox.</p><a href="#/portal/signup">Subscribe
</a></div>]]></content:encoded></item></channel></rss>"""

GITHUB = """<?xml version="1.0" encoding="UTF-8"?><feed xmlns="http://www.w3.org/2005/Atom"
xmlns:media="http://search.yahoo.com/mrss/"><id>tag:github.com,2008:https://github.example/velmora/tidewatch/releases</id>
<link type="text/html" rel="alternate" href="https://github.example/velmora/tidewatch/releases"/>
<title>Release notes from tidewatch</title><updated>2026-11-24T08:00:00Z</updated>
<entry><id>tag:github.com,2008:Repository/1234/v2.3.0</id><updated>2026-11-24T08:00:00Z</updated>
<link rel="alternate" type="text/html" href="https://github.example/velmora/tidewatch/releases/tag/v2.3.0"/>
<title>v2.3.0</title><content type="html">&lt;h2&gt;What&#39;s Changed&lt;/h2&gt;&lt;ul&gt;&lt;li&gt;Add tide tables
for the north quay by &lt;a href=&quot;https://github.example/maren&quot;&gt;@maren&lt;/a&gt; in &lt;a
href=&quot;https://github.example/velmora/tidewatch/pull/41&quot;&gt;#41&lt;/a&gt;&lt;/li&gt;&lt;/ul&gt;&lt;p&gt;
&lt;strong&gt;Full Changelog&lt;/strong&gt;: &lt;a href=&quot;https://github.example/c&quot;&gt;v2.2.0...v2.3.0&lt;/a&gt;
&lt;/p&gt;</content><author><name>maren</name></author><media:thumbnail height="30" width="30"
url="https://avatars.example/u/1?s=60&amp;v=4"/></entry>
<entry><id>tag:github.com,2008:Repository/1234/v2.2.1</id><updated>2026-11-23T08:00:00Z</updated>
<link rel="alternate" type="text/html" href="https://github.example/velmora/tidewatch/releases/tag/v2.2.1"/>
<title>v2.2.1</title><content type="html">No content.</content><author><name>maren</name></author></entry></feed>"""

LIVE = """<?xml version="1.0"?><rss version="2.0"><channel><title>Coast Herald</title>
<item><title>Storm Ada live: latest updates</title><link>https://herald.example/live/storm-ada#block-3</link>
<guid isPermaLink="false">live-ada-3</guid><pubDate>Tue, 24 Nov 2026 08:30:00 +0000</pubDate>
<description>Ferries to the islands are cancelled for the rest of the day, the operator says.</description></item>
<item><title>Storm Ada live: latest updates</title><link>https://herald.example/live/storm-ada#block-2</link>
<guid isPermaLink="false">live-ada-2</guid><pubDate>Tue, 24 Nov 2026 08:00:00 +0000</pubDate>
<description>Gusts of 120 km/h were measured at the north quay, the weather office said.</description></item>
</channel></rss>"""


async def test_blog_and_platform_feeds_are_stored_as_a_reader_expects(tmp_path: Path) -> None:
    feeds = {"/wp/feed/": WORDPRESS, "/blog/atom.xml": ATOM, "/substack/feed": SUBSTACK, "/ghost/rss/": GHOST,
             "/releases.atom": GITHUB, "/live.xml": LIVE}
    again: list[str] = []
    stored, lines, base = await ingest_served({path: (body.encode(), RSS) for path, body in feeds.items()},
                                              tmp_path, NOW, later=[again])
    assert stored["/wp/feed/"] == [Stored(
        "Velmora’s harbour board “will not” raise fees", f"{base}/2026/11/24/harbour-board-fees", "Velmora Ledger",
        "The harbour board said on Monday it would keep mooring fees at this year’s level, despite a repair bill of "
        "1.4 million crowns.", "2026-11-24T08:15:00")]
    assert stored["/blog/atom.xml"] == [  # the rel="alternate" link, under both xml:bases; a self link is no page
        Stored("Tram line extended to the port", f"{base}/blog/2026/tram-line", "Northgate Notes",
               "The city council approved a two-kilometre extension of the tram line to the port on Monday.",
               "2026-11-24T06:00:00"),
        Stored("Ferry timetable changes", "", "Northgate Notes",
               "The ferry timetable changes on Sunday, the operator said.", "2026-11-24T08:30:00")]
    assert stored["/substack/feed"] == [Stored(
        "Why the bridge vote matters", "https://lindholt.substack.example/p/bridge-vote", "The Lindholt Letter",
        "The council votes on Thursday on whether to rebuild the Lindholt bridge.\n\n"
        "Engineers put the rebuild at 40 million crowns.", "2026-11-24T06:00:00")]
    assert stored["/ghost/rss/"] == [Stored(
        "Fishing quotas cut for spring", "https://dispatch.example/quotas", "Harbour Dispatch",
        "The fisheries ministry cut spring quotas by a fifth on Monday, citing falling cod stocks.",
        "2026-11-24T07:45:00")]
    # a title that is only a version names the repository (the feed's title does); a release without notes
    # ("No content.", GitHub's stand-in) is its headline alone
    assert stored["/releases.atom"] == [
        Stored("tidewatch v2.3.0", "https://github.example/velmora/tidewatch/releases/tag/v2.3.0",
               "Release notes from tidewatch", "Add tide tables for the north quay by @maren in #41",
               "2026-11-24T08:00:00"),
        Stored("tidewatch v2.2.1", "https://github.example/velmora/tidewatch/releases/tag/v2.2.1",
               "Release notes from tidewatch", "tidewatch v2.2.1", "2026-11-23T08:00:00")]
    # a live blog's updates: one article each (their GUIDs tell them apart), with the page's link and one note
    assert [(a.title, a.url, a.text[:20]) for a in stored["/live.xml"]] == [
        ("Storm Ada live: latest updates", "https://herald.example/live/storm-ada", "Ferries to the islan"),
        ("Storm Ada live: latest updates", "https://herald.example/live/storm-ada", "Gusts of 120 km/h we")]
    assert [line for line in lines if not line.startswith("added")] == [
        "note     {base}/live.xml: 2 entries share one link (https://herald.example/live/storm-ada) but not their "
        "text: each is kept as its own article by its GUID, with that link"]
    # read again unchanged: nothing is stored, so nothing is said again (the note came with the entries it is about)
    assert [line for line in again if not line.startswith("skipped")] == []
