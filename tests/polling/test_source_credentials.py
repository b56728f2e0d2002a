"""Sources with credentials (headers_env) polled from the store: the key goes with the request, never into the
store or the log; a source whose variable is unset is not polled and says why, while the others go on."""

from __future__ import annotations

import argparse
import hashlib
import logging
import random
import sqlite3
import tomllib
from datetime import timedelta
from pathlib import Path

import pytest
from aiohttp import web

from bot.app import App
from bot.cli_core import run_sources
from bot.commands.source_commands import health
from bot.config import Config, parse_config
from bot.ingest.credentials import SourceCredentials
from bot.poller import Poller
from bot.redact import RedactingFormatter, secret_values
from tests.polling.conftest import Harness, PollerFactory, make_feed
from tests.polling.feedserver import Feed, FeedServer, Handler

KEY = "sk-wire-5be0c7d1e9a2"
WRONG = "sk-stale-0000aaaa1111"


def guarded(feed: Feed, title: str, seen: list[str | None]) -> Handler:
    """A raw handler: the feed (with ETag and 304s) only for a request with the key; 401 otherwise."""

    async def handle(request: web.Request) -> web.StreamResponse:
        seen.append(request.headers.get("X-Api-Key"))
        if request.headers.get("X-Api-Key") != KEY:
            return web.Response(status=401, text="missing or bad API key")
        body = feed.body(title)
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        if request.headers.get("If-None-Match") == etag:
            return web.Response(status=304, headers={"ETag": etag})
        return web.Response(body=body, headers={"ETag": etag}, content_type="application/rss+xml")

    return handle


def credentials(sources_toml: str, env: dict[str, str]) -> tuple[Config, SourceCredentials]:
    config = parse_config(tomllib.loads(sources_toml), env)
    return config, SourceCredentials.from_config(config.sources)


def with_key(url: str, var: str = "WIRE_TEST_KEY") -> str:
    return f'[[sources]]\nurl = "{url}"\nheaders_env = {{ "X-Api-Key" = "{var}" }}\n'


def with_credentials(h: Harness, creds: SourceCredentials) -> Poller:
    """The harness's poller again, now with the configured sources' credentials as its collaborator."""
    p = h.poller
    return Poller(h.pipeline, p.fetcher, p.sources, p.config, p.clock, rng=random.Random(7), credentials=creds)


async def test_the_key_goes_with_the_poll_and_conditional_requests_still_work(
        server: FeedServer, make_poller: PollerFactory) -> None:
    h = await make_poller()
    seen: list[str | None] = []
    url = server.add(0, "wire.xml", Feed(raw=guarded(make_feed("wire", 3), "wire", seen)))
    await h.pipeline.sources.ensure(url, kind="", now=h.clock())

    plain = await h.poller.poll_due()  # no credentials given to the poller: the feed refuses
    state = await h.pipeline.sources.get(url)
    assert plain.failed == 1 and state is not None and state.last_error == f"{url}: HTTP 401 Unauthorized"

    _, creds = credentials(with_key(url), {"WIRE_TEST_KEY": KEY})
    poller = with_credentials(h, creds)
    h.clock.advance(timedelta(hours=2))
    first = await poller.poll_due()
    assert (first.polled, first.ok, first.added) == (1, 1, 3)
    h.clock.advance(timedelta(hours=2))
    again = await poller.poll_due()
    assert (again.ok, again.not_modified, again.added) == (1, 1, 0)
    assert seen == [None, KEY, KEY]
    assert server.requests_to(url)[-1][2] is not None  # the ETag was sent along with the key


async def test_refused_credentials_get_a_clear_reason(server: FeedServer, make_poller: PollerFactory) -> None:
    h = await make_poller()
    url = server.add(0, "wire.xml", Feed(raw=guarded(make_feed("wire", 2), "wire", [])))
    await h.pipeline.sources.ensure(url, kind="", now=h.clock())
    _, creds = credentials(with_key(url), {"WIRE_TEST_KEY": WRONG})
    done = await with_credentials(h, creds).poll_due()
    state = await h.pipeline.sources.get(url)
    assert done.failed == 1 and state is not None
    assert state.last_error == f"{url}: the source refused the credentials (401)"


async def test_an_unset_variable_skips_that_source_with_one_line_while_the_others_are_polled(
        server: FeedServer, make_poller: PollerFactory, caplog: pytest.LogCaptureFixture, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    h = await make_poller()
    seen: list[str | None] = []
    locked = server.add(0, "wire.xml", Feed(raw=guarded(make_feed("wire", 2), "wire", seen)))
    open_feed = server.add(1, "news.xml", make_feed("north", 2))
    for url in (locked, open_feed):
        await h.pipeline.sources.ensure(url, kind="", now=h.clock())
    _, creds = credentials(with_key(locked, "WIRE_UNSET_KEY") + f'[[sources]]\nurl = "{open_feed}"\n',
                           {"WIRE_UNSET_KEY": "  "})  # blank counts as unset
    poller = with_credentials(h, creds)

    with caplog.at_level(logging.INFO, logger="bot.poller"):
        first = await poller.poll_due()
        h.clock.advance(timedelta(hours=2))
        second = await poller.poll_due()
    assert (first.polled, first.ok, first.added) == (1, 1, 2) and second.polled == 1
    assert seen == [] and server.requests_to(locked) == []  # never asked, not even without the key
    lines = [r.getMessage() for r in caplog.records if "WIRE_UNSET_KEY" in r.getMessage()]
    assert lines == [f"{locked}: not polled: environment variable WIRE_UNSET_KEY (its X-Api-Key header, "
                     "sources[0].headers_env) is unset or empty"]  # once, not every round
    state = await h.pipeline.sources.get(locked)
    assert state is not None and state.last_error is not None and "WIRE_UNSET_KEY" in state.last_error
    assert not state.disabled  # not fetched, so neither backed off nor disabled: set the variable and restart
    assert "held back: not polled: environment variable WIRE_UNSET_KEY" in health(state, locked)  # /brief sources

    app = App(config=Config(), db_url=f"sqlite:///{tmp_path}/store.db")  # the make_poller store
    try:
        assert await run_sources(argparse.Namespace(), app) == 0
    finally:
        await app.close()
    out = capsys.readouterr().out
    assert f"{locked}\n" in out and "held back · not polled: environment variable WIRE_UNSET_KEY" in out


async def test_the_secret_is_in_no_log_line_and_no_stored_row(
        server: FeedServer, make_poller: PollerFactory, caplog: pytest.LogCaptureFixture, tmp_path: Path) -> None:
    h = await make_poller()
    good = server.add(0, "wire.xml", Feed(raw=guarded(make_feed("wire", 3), "wire", [])))
    stale = server.add(1, "wire.xml", Feed(raw=guarded(make_feed("other", 2), "other", [])))
    for url in (good, stale):
        await h.pipeline.sources.ensure(url, kind="", now=h.clock())
    config, creds = credentials(with_key(good) + with_key(stale, "WIRE_STALE_KEY"),
                                {"WIRE_TEST_KEY": KEY, "WIRE_STALE_KEY": f"Bearer {WRONG}"})
    # as `briefbot` sets its log up (bot/redact.py): even a server's echo of a header value is masked
    redacting = RedactingFormatter(None, secret_values(config))
    with caplog.at_level(logging.DEBUG):
        done = await with_credentials(h, creds).poll_due()
        logging.getLogger("tests").warning("a server echoed %s and %s", KEY, WRONG)
    assert (done.ok, done.failed) == (1, 1)
    own = [r.getMessage() for r in caplog.records if r.name != "tests"]  # briefbot's own lines, unmasked
    assert any("refused the credentials" in m for m in own) and not any(KEY in m or WRONG in m for m in own)
    logged = "\n".join(redacting.format(r) for r in caplog.records)
    assert "the source refused the credentials (401)" in logged and "a server echoed [redacted]" in logged
    assert KEY not in logged and WRONG not in logged
    dump = "\n".join(sqlite3.connect(tmp_path / "store.db").iterdump())
    assert "the source refused the credentials (401)" in dump
    assert KEY not in dump and WRONG not in dump and "WIRE_TEST_KEY" not in dump
    assert KEY.encode() not in (tmp_path / "store.db").read_bytes()
    assert KEY not in repr(config) and KEY not in repr(creds)


async def test_briefbot_run_sends_the_configured_key_and_holds_the_source_whose_variable_is_unset(
        server: FeedServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture,
        capsys: pytest.CaptureFixture[str]) -> None:
    from bot.cli import _run, parse_args

    wire_seen: list[str | None] = []
    desk_seen: list[str | None] = []
    wire = server.add(0, "wire.xml", Feed(raw=guarded(make_feed("wire", 2), "wire", wire_seen)))
    desk = server.add(1, "desk.xml", Feed(raw=guarded(make_feed("desk", 2), "desk", desk_seen)))
    config = tmp_path / "briefbot.toml"
    config.write_text("[ingest]\nallow_private_networks = true\nfull_text = false\n\n"
                      + with_key(wire, "WIRE_RUN_KEY") + with_key(desk, "DESK_RUN_KEY"), encoding="utf-8")
    monkeypatch.setenv("WIRE_RUN_KEY", KEY)
    monkeypatch.delenv("DESK_RUN_KEY", raising=False)
    store = tmp_path / "run.db"
    root = logging.getLogger()
    formatters = [(h, h.formatter) for h in root.handlers]  # `briefbot` masks secrets on the root's handlers
    try:
        with caplog.at_level(logging.INFO, logger="bot.poller"):
            assert await _run(parse_args(["run", "--once", "--config", str(config), "--db", str(store)])) == 0
        capsys.readouterr()
        assert await _run(parse_args(["sources", "--config", str(config), "--db", str(store)])) == 0
    finally:
        for handler, formatter in formatters:
            handler.setFormatter(formatter)
    assert wire_seen == [KEY] and desk_seen == []
    assert any(r.getMessage().startswith(f"{desk}: not polled: environment variable DESK_RUN_KEY")
               for r in caplog.records)
    out = capsys.readouterr().out
    assert "held back · not polled: environment variable DESK_RUN_KEY (its X-Api-Key header" in out
    assert KEY not in out and KEY.encode() not in store.read_bytes()


async def test_sources_add_reads_a_configured_url_with_its_headers_and_any_other_without(
        server: FeedServer, make_poller: PollerFactory) -> None:
    from bot.cli_run_bot import credentialed_probe
    from bot.ingest.discover import check_feed_url

    h = await make_poller()
    seen: list[str | None] = []
    wire = server.add(0, "wire.xml", Feed(raw=guarded(make_feed("wire", 2), "wire", seen)))
    elsewhere = server.add(0, "other.xml", Feed(raw=guarded(make_feed("other", 2), "other", seen)))
    _, creds = credentials(with_key(wire), {"WIRE_TEST_KEY": KEY})
    probe = credentialed_probe(h.poller.fetcher, creds)
    assert (await check_feed_url(wire, probe)).url == wire  # a channel can follow the configured feed
    refused = await check_feed_url(elsewhere, probe)  # same site, but not the configured URL: no key
    assert not refused.ok and "401" in refused.note
    assert seen == [KEY, None]


async def test_briefbot_ingest_of_a_configured_url_sends_its_key_and_holds_one_whose_variable_is_unset(
        server: FeedServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    from bot.cli import _run, parse_args

    wire_seen: list[str | None] = []
    desk_seen: list[str | None] = []
    wire = server.add(0, "wire.xml", Feed(raw=guarded(make_feed("wire", 2), "wire", wire_seen)))
    desk = server.add(1, "desk.xml", Feed(raw=guarded(make_feed("desk", 2), "desk", desk_seen)))
    other = server.add(2, "other.xml", Feed(raw=guarded(make_feed("other", 2), "other", [])))  # not configured
    config = tmp_path / "briefbot.toml"
    config.write_text("[ingest]\nallow_private_networks = true\nfull_text = false\n\n"
                      + with_key(wire, "WIRE_INGEST_KEY") + with_key(desk, "DESK_INGEST_KEY"), encoding="utf-8")
    monkeypatch.setenv("WIRE_INGEST_KEY", KEY)
    monkeypatch.delenv("DESK_INGEST_KEY", raising=False)
    store = tmp_path / "ingest.db"

    assert await _run(parse_args(["ingest", wire, desk, other, "--no-quotes", "--config", str(config),
                                  "--db", str(store)])) == 0  # one read: partial success
    out = capsys.readouterr().out
    assert wire_seen == [KEY] and desk_seen == []  # the held source is not asked, not even without its key
    assert (f"error    {desk}: not read: environment variable DESK_INGEST_KEY (its X-Api-Key header, "
            "sources[1].headers_env) is unset or empty") in out
    assert f"{other}: HTTP 401 Unauthorized" in out  # a URL no [[sources]] entry has goes without headers
    assert "2 added" in out and KEY not in out and KEY.encode() not in store.read_bytes()
