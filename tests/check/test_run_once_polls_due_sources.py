"""`briefbot run --once` polls the sources that are due, not every source: a second run within the poll interval
fetches nothing, as its --help and docs/DEPLOY.md say."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.cli import _run, parse_args
from tests.polling.feedserver import Feed, FeedServer, Item

DEPLOY = Path(__file__).resolve().parents[2] / "docs" / "DEPLOY.md"


async def test_a_second_run_once_within_the_interval_polls_nothing(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    now = datetime.now(UTC)  # `briefbot run` reads the system clock
    server = await FeedServer(hosts=1).start()
    try:
        item = Item("q1", "http://example.invalid/q1", "Quay lights replaced before winter",
                    "The lights along the old quay were replaced on Tuesday, the harbour board said. The new lamps "
                    "use a third of the power. Work on the west quay follows in spring.", now)
        url = server.add(0, "quay.xml", Feed(items=[item]))
        config = tmp_path / "config.toml"
        config.write_text(f'[ingest]\nallow_private_networks = true\nfull_text = false\n\n[scheduler]\n'
                          f'poll_interval = "30m"\n\n[[sources]]\nurl = "{url}"\n', encoding="utf-8")
        once = ["run", "--once", "--config", str(config), "--db", str(tmp_path / "x.db")]
        assert await _run(parse_args(once)) == 0
        assert capsys.readouterr().out.splitlines()[-1].startswith("Done: polled 1 source, 1 article added;")
        fetched = len(server.requests_to(url))
        assert await _run(parse_args(once)) == 0
        assert capsys.readouterr().out.splitlines()[-1] == "Done: no source was due; nothing due to deliver."
        assert len(server.requests_to(url)) == fetched
    finally:
        await server.close()


def test_the_help_and_the_deploy_guide_say_due_sources(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        parse_args(["run", "--help"])
    assert "poll the sources that are due" in " ".join(capsys.readouterr().out.split())
    deploy = " ".join(DEPLOY.read_text(encoding="utf-8").split())
    assert "`briefbot run --once` polls the sources that are due, not every source" in deploy
    assert "polls every source once" not in deploy
