"""`briefbot sources add URL` of a URL that cannot be read leaves no source behind (the error names the URL), unless
it fails only for now (a 5xx: kept, failing, and retried by polling, with a warning naming it); a source read before
that fails later is kept, failing; a broken feed reads the same in `sources add`, `sources` and `check`, naming the
feed and why."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from tests.cli_run import cli
from tests.local_site import BROKEN_FEED, SCRIPT_PAGE, QuietHandler, serving

GOOD = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Harbour Desk</title><link>http://127.0.0.1/</link>
<item><title>Orrin ferry adds a late sailing</title><link>http://127.0.0.1/ferry</link><guid>ferry-1</guid>
<pubDate>Mon, 23 Nov 2026 08:00:00 GMT</pubDate>
<description>The ferry between Orrin and Salt Bay will leave every forty minutes from next week, the operator told
the harbour desk on Tuesday. Passengers asked for later sailings, and the last ferry now leaves at eleven.
</description></item></channel></rss>"""


@dataclass
class Site:
    base: str = ""
    swapped: dict[str, bytes] = field(default_factory=dict)  # a path now answered with other bytes


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(QuietHandler):
        def do_GET(self) -> None:
            path = self.path
            if self.redirected_in_a_loop():
                return
            answers: dict[str, tuple[int, bytes, str]] = {
                "/good.xml": (200, GOOD, "application/rss+xml"),
                "/broken.xml": (200, BROKEN_FEED, "application/rss+xml"),
                "/err500.xml": (500, b"Internal Server Error", "text/plain"),
                "/script.html": (200, SCRIPT_PAGE, "text/html"),
                "/json.json": (200, b'{"not": "a feed"}', "application/json"),
                "/binary.html": (200, bytes(range(256)) * 400, "text/html"),
                "/huge.html": (200, b"<html><body><p>" + b"word " * 20000 + b"</p></body></html>", "text/html"),
            }
            status, body, ctype = answers.get(path, (404, b"not found", "text/plain"))
            self.answer(status, site.swapped.get(path, body), ctype)

    return Handler


@pytest.fixture
def site() -> Iterator[Site]:
    state = Site()
    with serving(_handler(state)) as url:
        state.base = url
        yield state


@pytest.fixture
def config(tmp_path: Path) -> Path:
    path = tmp_path / "config.toml"
    path.write_text("[ingest]\nallow_private_networks = true\nfull_text = false\nmax_bytes = 50000\n",
                    encoding="utf-8")
    return path


@pytest.mark.parametrize("path", ["/script.html", "/binary.html", "/json.json", "/huge.html", "/redirloop",
                                  "/broken.xml", "/gone.xml"])
def test_a_first_add_that_fails_leaves_no_source(site: Site, config: Path, tmp_path: Path, path: str,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    url = f"{site.base}{path}"
    db = str(tmp_path / "store.db")
    code, out, err = cli(capsys, "sources", "add", url, "--no-quotes", "--config", str(config), "--db", db)
    assert code == 1, (out, err)
    assert f"error    {url}: " in out and "(not added as a source)" in out, out
    code, out, err = cli(capsys, "sources", "--config", str(config), "--db", db)
    assert code == 0, err
    assert url not in out and out.startswith("No sources yet"), out


def test_a_first_add_that_fails_for_now_is_kept_failing_with_a_warning(
        site: Site, config: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"{site.base}/err500.xml"
    db = str(tmp_path / "store.db")
    code, out, err = cli(capsys, "sources", "add", url, "--no-quotes", "--config", str(config), "--db", db)
    assert code == 0, (out, err)  # the source was added: its first read failed for now
    assert f"warn     {url}: HTTP 500 Internal Server Error (added as a source all the same: polling retries it" in out
    assert "not added as a source" not in out and "error " not in out, out
    code, out, err = cli(capsys, "sources", "--config", str(config), "--db", db)
    assert code == 0, err
    assert f"{url}\n" in out and "· failing · last error: " in out and "HTTP 500" in out, out


def test_a_source_read_before_that_fails_later_is_kept_failing(site: Site, config: Path, tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    url = f"{site.base}/good.xml"
    db = str(tmp_path / "store.db")
    code, out, err = cli(capsys, "sources", "add", url, "--no-quotes", "--config", str(config), "--db", db)
    assert code == 0, (out, err)
    site.swapped["/good.xml"] = BROKEN_FEED
    code, out, err = cli(capsys, "ingest", url, "--no-quotes", "--config", str(config), "--db", db)
    assert code == 1, (out, err)
    assert "not added as a source" not in out and f"error    {url}: feed 'Broken Desk'" in out, out
    code, out, err = cli(capsys, "sources", "--config", str(config), "--db", db)
    assert f"{url}\n    feed · Harbour Desk · 1 article" in out and "· failing · last error:" in out, out


def test_a_broken_feed_names_the_feed_and_why_and_reads_the_same_everywhere(
        site: Site, config: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"{site.base}/broken.xml"
    db = str(tmp_path / "store.db")
    code, out, _err = cli(capsys, "sources", "add", url, "--no-quotes", "--config", str(config), "--db", db)
    assert code == 1
    line = next(x for x in out.splitlines() if x.startswith("error"))
    assert line.startswith(f"error    {url}: feed 'Broken Desk' has no readable entry: "), line
    assert "not well-formed" in line and "no article text" in line, line
    # a [[sources]] entry is checked: the same verdict (fail) and the same reason, where `sources add` said error
    with_source = tmp_path / "with_source.toml"
    with_source.write_text(config.read_text(encoding="utf-8") + f'\n[[sources]]\nurl = "{url}"\n', encoding="utf-8")
    code, out, _err = cli(capsys, "check", "--config", str(with_source), "--db", db)
    checked = next(x for x in out.splitlines() if x.endswith(url) or f"source {url}:" in x)
    assert checked.startswith(f"fail  source {url}: feed 'Broken Desk' has no readable entry: "), checked
    assert "not well-formed" in checked and "no article text" in checked, checked


def test_remove_suggests_only_a_close_source(site: Site, config: Path, tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    url = f"{site.base}/good.xml"
    db = str(tmp_path / "store.db")
    assert cli(capsys, "sources", "add", url, "--no-quotes", "--config", str(config), "--db", db)[0] == 0
    code, _out, err = cli(capsys, "sources", "remove", "http://127.0.0.1:9/none.xml", "--config", str(config),
                          "--db", db)
    assert code == 2 and "no source http://127.0.0.1:9/none.xml" in err and "did you mean" not in err, err
    code, _out, err = cli(capsys, "sources", "remove", f"{site.base}/goood.xml", "--config", str(config), "--db", db)
    assert code == 2 and err.rstrip().endswith(f"did you mean {url}?"), err


def test_check_advice_names_the_config_file_and_the_size_setting(site: Site, config: Path, tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    gone, huge = f"{site.base}/gone.xml", f"{site.base}/huge.html"
    with_sources = tmp_path / "with_sources.toml"
    with_sources.write_text(config.read_text(encoding="utf-8") + f'\n[[sources]]\nurl = "{gone}"\n'
                            f'\n[[sources]]\nurl = "{huge}"\n', encoding="utf-8")
    code, out, _err = cli(capsys, "check", "--config", str(with_sources), "--db", str(tmp_path / "store.db"))
    assert code == 1
    gone_line = next(x for x in out.splitlines() if x.startswith(f"fail  source {gone}:"))
    assert f"remove it from the config file ({with_sources})" in gone_line, gone_line
    assert "sources remove" not in gone_line, gone_line
    huge_line = next(x for x in out.splitlines() if x.startswith(f"fail  source {huge}:"))
    assert "ingest.max_bytes" in huge_line and str(with_sources) in huge_line, huge_line
