"""`briefbot sources add URL` and chat's `sources add URL` follow one rule for a first read that fails
(bot/ingest/first_read.py): a permanent failure is refused and nothing is kept, the URL and why named; a passing one
(5xx, 429, no answer) is kept as a source that polling retries, with a warning naming the URL (operator audit: the
command line refused a feed whose server answered 500 while chat followed it)."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.config import IngestConfig
from bot.ingest.discover import FeedCheck, check_feed_url
from bot.ingest.fetch import Fetcher, FetchError
from bot.ingest.first_read import transient_fetch, transient_result
from bot.ingest.sources import SourceResult
from tests.cli_run import cli
from tests.local_site import BROKEN_FEED, SCRIPT_PAGE, QuietHandler, serving

MAX_BYTES = 50_000
ANSWERS: dict[str, tuple[int, bytes, str]] = {
    "/gone410.xml": (410, b"gone for good", "text/plain"),
    "/broken.xml": (200, BROKEN_FEED, "application/rss+xml"),
    "/json.json": (200, b'{"not": "a feed"}', "application/json"),
    "/binary.html": (200, bytes(range(256)) * 40, "text/html"),
    "/huge.html": (200, b"<html><body><p>" + b"word " * 20000 + b"</p></body></html>", "text/html"),
    "/script.html": (200, SCRIPT_PAGE, "text/html"),
    "/err500.xml": (500, b"Internal Server Error", "text/plain"),
    "/busy.xml": (503, b"try later", "text/plain"),
    "/slow-down.xml": (429, b"too many requests", "text/plain"),
}


class Handler(QuietHandler):
    def do_GET(self) -> None:
        if self.path == "/cut-short.xml":  # the connection closes mid-body, 500 bytes short of its Content-Length
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", str(len(BROKEN_FEED) + 500))
            self.end_headers()
            self.wfile.write(BROKEN_FEED)
            self.close_connection = True
        elif not self.redirected_in_a_loop():
            self.answer(*ANSWERS.get(self.path, (404, b"not found", "text/plain")))


@pytest.fixture
def base() -> Iterator[str]:
    with serving(Handler) as url:
        yield url


@pytest.fixture
def closed_port() -> int:
    """A port of 127.0.0.1 nothing listens on (bound, then let go): a connection to it is refused."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def config(tmp_path: Path) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(f"[ingest]\nallow_private_networks = true\nfull_text = false\nmax_bytes = {MAX_BYTES}\n",
                    encoding="utf-8")
    return path


def _chat(url: str) -> FeedCheck:
    """What chat's `sources add` decides for ``url`` (the command's own check, with the bot's fetcher)."""
    async def check() -> FeedCheck:
        async with Fetcher(IngestConfig(allow_private_networks=True, max_bytes=MAX_BYTES)) as fetcher:
            return await check_feed_url(url, fetcher.fetch)
    return asyncio.run(check())


PERMANENT = ["/gone.xml", "/gone410.xml", "/broken.xml", "/json.json", "/binary.html", "/huge.html", "/redirloop",
             "/script.html", "http://169.254.169.254/latest/"]
TRANSIENT = ["/err500.xml", "/busy.xml", "/slow-down.xml", "closed port", "/cut-short.xml"]


def _url(where: str, base: str, closed_port: int) -> str:
    if where == "closed port":
        return f"http://127.0.0.1:{closed_port}/feed.xml"
    return where if "://" in where else f"{base}{where}"


@pytest.mark.parametrize("where", PERMANENT)
def test_a_permanent_failure_is_refused_alike_in_chat_and_on_the_command_line(
        base: str, closed_port: int, config: Path, tmp_path: Path, where: str,
        capsys: pytest.CaptureFixture[str]) -> None:
    url = _url(where, base, closed_port)
    db = str(tmp_path / "store.db")
    code, out, err = cli(capsys, "sources", "add", url, "--no-quotes", "--config", str(config), "--db", db)
    assert code == 1, (out, err)
    assert f"error    {url}: " in out and "(not added as a source)" in out and "warn " not in out, out
    if where == "/huge.html":  # the setting that raises the limit is named
        assert "ingest.max_bytes" in out, out
    code, out, err = cli(capsys, "sources", "--config", str(config), "--db", db)
    assert code == 0 and out.startswith("No sources yet"), (out, err)
    check = _chat(url)
    assert not check.ok and url in check.note and check.note.endswith("Nothing was followed."), check.note


@pytest.mark.parametrize("where", TRANSIENT)
def test_a_passing_failure_is_kept_and_retried_alike_in_chat_and_on_the_command_line(
        base: str, closed_port: int, config: Path, tmp_path: Path, where: str,
        capsys: pytest.CaptureFixture[str]) -> None:
    url = _url(where, base, closed_port)
    db = str(tmp_path / "store.db")
    code, out, err = cli(capsys, "sources", "add", url, "--no-quotes", "--config", str(config), "--db", db)
    assert code == 0, (out, err)
    warn = next(line for line in out.splitlines() if line.startswith("warn "))
    assert warn.startswith(f"warn     {url}: ") and "polling retries it" in warn, out
    assert "not added as a source" not in out and "error " not in out, out
    # counted as what its line says, a warning: not as a note (something stored anyway)
    assert out.splitlines()[-1] == "0 added, 0 updated, 0 skipped, 0 errors, 1 warning", out
    code, out, err = cli(capsys, "sources", "--config", str(config), "--db", db)
    assert code == 0, err
    assert f"{url}\n" in out and "· failing · last error: " in out, out
    check = _chat(url)  # followed: the reply is "Following URL; ... I could not read it just now (...) ..."
    assert check.ok and check.url == url, check.note
    assert "I could not read it just now (" in check.note and "polling will try again" in check.note


@pytest.mark.parametrize(("reason", "status"), [
    ("HTTP 500 Internal Server Error", 500), ("HTTP 503 Service Unavailable", 503), ("HTTP 429 Too Many", 429),
    ("timed out: no complete response within 20 s", None), ("could not resolve nowhere.example: no addresses", None),
    ("could not connect to 127.0.0.1:9 (Connection refused)", None),
    ("HTTP failure: ServerDisconnectedError: Server disconnected", None),
    ("the body ended early: the connection closed after 812 bytes of the 1312 bytes its Content-Length declared",
     None),
    ("the body ended before its declared length: 812 of the 1312 bytes its Content-Length declared arrived, then "
     "nothing more", None),
])
def test_the_passing_failures(reason: str, status: int | None) -> None:
    url = "http://127.0.0.1/feed.xml"
    assert transient_fetch(FetchError(url, reason, status=status))
    assert transient_result(SourceResult(url, "feed", "", (), (), error=f"{url}: {reason}", status=status))


@pytest.mark.parametrize(("reason", "status"), [
    ("HTTP 404 Not Found", 404), ("HTTP 410 Gone", 410), ("refused: 10.0.0.7 is a private address", None),
    ("too large: more than 50000 bytes (the ingest.max_bytes setting)", None), ("redirect loop: a -> b -> a", None),
    ("binary data, not text", 200), ("no article text (the page holds no words; at least 10 make an article)", 200),
])
def test_the_permanent_failures(reason: str, status: int | None) -> None:
    url = "http://127.0.0.1/feed.xml"
    assert not transient_result(SourceResult(url, "feed", "", (), (), error=f"{url}: {reason}", status=status))
    assert not transient_result(SourceResult(url, "feed", "", (), ()))  # no failure at all
