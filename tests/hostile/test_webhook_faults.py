"""Webhook briefings under HTTP faults and real SIGKILLs at the part checkpoints, a few days of each
(benchmarks/reliability_webhooks.py runs many): every briefing delivered, no part lost, and each duplicate
accounted for by the two windows docs/RELIABILITY.md names."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.reliability_webhook_proxy import NO_FAULTS
from benchmarks.reliability_webhooks import HTTP_FAULTS, Scenario, one_run


@pytest.mark.parametrize("platform", ["slack-webhook", "discord-webhook"])
async def test_http_faults_deliver_every_part_duplicating_only_answers_lost(tmp_path: Path, platform: str) -> None:
    run = await one_run(tmp_path, platform, "ledger", Scenario("faults", HTTP_FAULTS, kills=False), 8, seed=3)
    assert sum(run.faults[f] for f in ("429 short", "429 long", "5xx", "reset before")) > 0
    assert run.delivered == run.briefings == 8 and run.lost == 0 and run.unexpected == run.inconsistent == 0
    assert run.parts > 8  # multi-message briefings among them
    # a reset after the platform took the part: the adapter cannot tell, and sends it again (once per reset)
    assert run.extra_copies == run.faults["reset after"]


async def test_kills_at_part_checkpoints_resend_only_the_unrecorded_part(tmp_path: Path) -> None:
    scenario = Scenario("kills", NO_FAULTS, kills=True)
    ledger = await one_run(tmp_path / "ledger", "discord-webhook", "ledger", scenario, 2, seed=8)
    plain = await one_run(tmp_path / "plain", "discord-webhook", "plain", scenario, 2, seed=8)
    assert sum(ledger.kills.values()) >= 2 and ledger.processes > 2
    assert ledger.delivered == plain.delivered == 2 and ledger.lost == plain.lost == 0
    assert ledger.unexpected == plain.unexpected == 0
    # the window left: killed after a part's POST returned, before its ledger write -> that one part again
    assert ledger.extra_copies == ledger.kills["sent"]
    assert plain.extra_copies > ledger.extra_copies  # without the per-part record, a restart posts from part 1
