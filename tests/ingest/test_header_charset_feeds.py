"""A feed whose charset only the HTTP Content-Type names (KOI8-R, Windows-1251, Shift_JIS: no XML encoding
declaration) is read in that charset, not guessed at (chardet, when installed, guessed a short Shift_JIS feed as
Windows-1252) nor mended as mixed UTF-8 (a Windows-1251 "Д»" is C4 BB, a UTF-8 "Ļ"); a feed's own XML declaration, and
UTF-8 bytes, are read as before."""

from __future__ import annotations

from datetime import UTC, datetime

from aiohttp import web
from ingest_server import serving

from bot.config import IngestConfig
from bot.ingest.feeds import parse_feed
from bot.ingest.fetch import Fetcher
from bot.ingest.sources import SourceResult, read_source

NOW = datetime(2026, 3, 1, tzinfo=UTC)
LOCAL = IngestConfig(allow_private_networks=True, timeout_seconds=2.0, connect_timeout_seconds=2.0)
# Written for these tests: invented towns and people
RU = ("Заречье сегодня", "Мост в Заречье открыт",
      "Новый мост через реку в Заречье открыли в понедельник, сообщила мэр Ольга Ветрова.")
RU_QUOTED = (RU[0], RU[1], "Мэр «ГОРОД» Ольга Ветрова открыла новый мост в Заречье в понедельник.")
JA = ("北浜だより", "北浜町に新しい橋", "町長の森田春子さんが新しい橋の開通式であいさつした。")
DECLARED = '<?xml version="1.0" encoding="koi8-r"?>'


def _rss(fields: tuple[str, str, str], declaration: str = '<?xml version="1.0"?>') -> str:
    name, title, text = fields
    return (f'{declaration}<rss version="2.0"><channel><title>{name}</title>'
            f"<item><title>{title}</title><link>http://town.example/1</link>"
            f"<description>{text}</description></item></channel></rss>")


# path: (body, Content-Type, what it says)
FEEDS = {
    "/koi8.xml": (_rss(RU).encode("koi8-r"), "application/rss+xml; charset=KOI8-R", RU),
    "/cp1251.xml": (_rss(RU_QUOTED).encode("cp1251"), "text/xml; charset=windows-1251", RU_QUOTED),
    "/bare-cp1251.xml": (_rss(RU_QUOTED, "").encode("cp1251"), 'application/xml; charset="windows-1251"', RU_QUOTED),
    "/sjis.xml": (_rss(JA).encode("shift_jis"), "application/rss+xml; charset=Shift_JIS", JA),
    # the feed's own declaration is read, not the header's claim
    "/declared.xml": (_rss(RU, DECLARED).encode("koi8-r"), "application/rss+xml; charset=windows-1251", RU),
    "/utf8.xml": (_rss(RU_QUOTED).encode("utf-8"), "application/rss+xml; charset=koi8-r", RU_QUOTED),
}


async def _read_all() -> dict[str, SourceResult]:
    async def handler(request: web.Request) -> web.StreamResponse:
        body, ctype, _ = FEEDS[request.path]
        return web.Response(body=body, headers={"Content-Type": ctype})

    app = web.Application()
    for path in FEEDS:
        app.router.add_get(path, handler)
    async with serving(app) as port, Fetcher(LOCAL) as fetcher:
        return {path: await read_source(f"http://127.0.0.1:{port}{path}", fetcher=fetcher, config=LOCAL, now=NOW)
                for path in FEEDS}


async def test_a_charset_named_only_by_the_header_is_read() -> None:
    results = await _read_all()
    read = {path: (r.error, r.name, [(a.title, a.text) for a in r.articles], [p.reason for p in r.problems])
            for path, r in results.items()}
    assert read == {path: (None, said[0], [said[1:]], []) for path, (_, _, said) in FEEDS.items()}


def test_parse_feed_reads_the_header_it_is_given() -> None:
    for path in ("/sjis.xml", "/bare-cp1251.xml"):
        body, ctype, (name, title, text) = FEEDS[path]
        feed = parse_feed(body, content_type=ctype)
        assert (feed.name, feed.entries[0].title, feed.entries[0].text, feed.notes) == (name, title, text, ())
