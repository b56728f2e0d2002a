"""A ``[[sources]] name`` sticks: `briefbot ingest` of the configured URL keeps it as the source's name and the
outlet its briefing lines show, instead of the feed's own title; a source without one is named as before."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cli_run import cli
from tests.local_site import QuietHandler, serving

FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>{title}</title><link>http://127.0.0.1/</link>
<item><title>Orrin ferry adds a late sailing</title><link>http://127.0.0.1/{slug}/ferry</link><guid>{slug}-1</guid>
<pubDate>Mon, 23 Nov 2026 08:00:00 GMT</pubDate>
<description>The ferry between Orrin and Salt Bay will leave every forty minutes from next week, the operator told
the {slug} desk on Tuesday. Passengers asked for later sailings, and the last ferry will now leave at eleven
in the evening. The operator said the new timetable needs no extra boats, because the crossing has become
quicker this year.</description>
</item></channel></rss>"""


class _Feeds(QuietHandler):
    def do_GET(self) -> None:
        slug = self.path.strip("/").removesuffix(".xml")
        body = FEED.format(title=f"The {slug.title()} Feed Title", slug=slug).encode()
        self.answer(200, body, "application/rss+xml")


@pytest.fixture
def base() -> Iterator[str]:
    with serving(_Feeds) as url:
        yield url


def test_the_configured_name_survives_a_read_and_names_the_outlet(
        base: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "config.toml"
    config.write_text(f'[ingest]\nallow_private_networks = true\nfull_text = false\n\n'
                      f'[[sources]]\nurl = "{base}/named.xml"\nname = "Example News"\n\n'
                      f'[[sources]]\nurl = "{base}/plain.xml"\n', encoding="utf-8")
    db = tmp_path / "names.db"
    code, _out, err = cli(capsys, "ingest", f"{base}/named.xml", f"{base}/plain.xml", "--no-quotes",
                          "--config", str(config), "--db", str(db))
    assert code == 0, err
    code, out, err = cli(capsys, "sources", "--config", str(config), "--db", str(db))
    assert code == 0, err
    assert f"{base}/named.xml\n    feed · Example News · 1 article" in out, out
    assert f"{base}/plain.xml\n    feed · The Plain Feed Title · 1 article" in out, out
    code, out, err = cli(capsys, "brief", "--since", "30 days", "--format", "json", "--config", str(config),
                         "--db", str(db))
    assert code == 0, err
    names = {s["name"] for story in json.loads(out)["stories"] for s in story["sources"]}
    assert names == {"Example News", "The Plain Feed Title"}, names
