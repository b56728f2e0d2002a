"""Copies worked out when stories are loaded (and the benchmark's switch to skip that), and the faster site
lookup and copy marking giving exactly what the first versions of bot/outlets.py gave."""

from __future__ import annotations

import ipaddress
import random
import unicodedata
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot import outlets
from bot.models import SourceRef
from bot.outlets import find_copies, mark_copies, site_key
from bot.store.articles import ArticleStore
from bot.store.db import Database
from bot.store.stories import StoryStore
from bot.story_loader import stories_from_rows
from tests.channels.channel_fakes import add_story
from tests.core.test_outlets import COPIES, OWN, WIRE

T = datetime(2031, 3, 6, 21, 0, tzinfo=UTC)


async def test_loading_marks_copies_unless_the_benchmark_turns_that_off(tmp_path: Path) -> None:
    db = await Database.open(f"sqlite:///{tmp_path / 'load.db'}")
    try:
        await add_story(db, "ferry", text=WIRE, title="Ferry hits breakwater", now=T, outlet="Coast Wire")
        for n, (outlet, text) in enumerate([("Harbour Times", COPIES["dateline"]), ("Valley Post", OWN["eyewitness"])]):
            aid = await add_story(db, f"other{n}", text=text, title=f"Ferry {n}", now=T + timedelta(hours=n + 1),
                                  outlet=outlet)
            await ArticleStore(db).set_story((await ArticleStore(db).ids_for_story(aid))[0], "ferry")
        rows = [r for r in await StoryStore(db).changed_since(None) if r.id == "ferry"]
        [story] = await stories_from_rows(db, rows)
        by_outlet = {s.name: s for s in story.sources}
        assert len(by_outlet) == 3
        assert by_outlet["Harbour Times"].copy_of == by_outlet["Coast Wire"].article_id
        assert by_outlet["Coast Wire"].copy_of is None and by_outlet["Valley Post"].copy_of is None
        [plain] = await stories_from_rows(db, rows, copies=False)  # the benchmark's baseline only
        assert [s.article_id for s in plain.sources] == [s.article_id for s in story.sources]
        assert all(s.copy_of is None for s in plain.sources)
    finally:
        await db.close()


# the first versions (commit 787eecf), kept here to hold the faster ones to the same answers
def _old_is_address(host: str) -> bool:
    if "." not in host:
        return True
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


def _old_site_key(url: str, name: str = "") -> str:
    host = outlets._host(url)
    if host and not _old_is_address(host):
        return outlets._registrable(host)
    return "name:" + " ".join(unicodedata.normalize("NFKC", name).casefold().split())


def _old_mark_copies(refs: list[SourceRef], texts: dict[str, str]) -> list[SourceRef]:
    copies = find_copies(refs, texts)
    return [replace(r, copy_of=copies.get(r.article_id)) for r in refs]


HOSTS = ["127.0.0.1", "10.0.0.7:8080", "[::1]", "[::1]:9000", "[fe80::1%25eth0]", "[::ffff:192.0.2.1]",
         "1.2.3", "1.2.3.4.5", "999.1.1.1", "1.2.3.4.", "localhost", "LOCALHOST:8000", "news.harbourtimes.co.uk",
         "WWW.Valleypost.com.au.", "valley.blogspot.com", "a.b.example", "xn--bcher-kva.example", "bücher.example",
         "١٢٣.٤٥٦.٧٨٩.٠١٢", "12.34.56.78", "0x7f.0.0.1", "2001:db8::1", "..", "coast-wire.net", "user@news.test",
         "123.example", "example.123"]


def _urls(rng: random.Random) -> list[str]:
    out = ["", "not a url", "file:///tmp/a.txt", "https://", "http://[::1/x", "mailto:desk@harbour.test"]
    for host in HOSTS:
        for scheme in ("http", "https"):
            out.append(f"{scheme}://{host}/p/{rng.randrange(1000)}")
    return out


def test_the_faster_site_lookup_answers_as_the_first_version() -> None:
    rng = random.Random(5)
    for host in [*HOSTS, "1.2.3.4", "::1", "[1.2.3.4]", "fe80::1", ".", "a..b", "[]", "example.", "..."]:
        assert outlets._is_address(host) == _old_is_address(host), host
    for url in _urls(rng):
        for name in ("", "Harbour Times", " valley  POST "):
            assert site_key(url, name) == _old_site_key(url, name), (url, name)
            assert site_key(url, name) == _old_site_key(url, name), (url, name)  # the cached answer too


def test_copy_marking_and_outlet_counts_match_the_first_version_on_generated_stories() -> None:
    rng = random.Random(11)
    urls = _urls(rng)
    pool = [WIRE, *COPIES.values(), *OWN.values(), "Too short to judge.", ""]
    for story in range(300):
        k = rng.randint(2, 6)
        refs = []
        texts: dict[str, str] = {}
        for j in range(k):
            aid = f"s{story}a{j}"
            hours = None if rng.random() < .15 else rng.uniform(0, 5)
            stale = rng.choice([None, None, None, f"s{story}a0", "gone"])  # a copy_of already set, even wrongly
            refs.append(SourceRef(aid, rng.choice(["Coast Wire", "Harbour Times", ""]), rng.choice(urls),
                                  f"Title {aid}", None if hours is None else T + timedelta(hours=hours), stale))
            texts[aid] = rng.choice(pool)
        new, old = mark_copies(refs, texts), _old_mark_copies(refs, texts)
        assert new == old
        assert [outlets.site_of(s) for s in new] == [_old_site_key(s.url, s.name) for s in old]
        assert outlets.outlet_count(new) == len({_old_site_key(s.url, s.name) for s in outlets.independent(old)})
