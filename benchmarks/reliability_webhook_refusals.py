"""Only the refusal scenarios (404, 403, 400) of the webhook failure runs, with or without the platforms' splits."""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import benchmarks.reliability_webhook_failure_report as report
import bot.delivery_parts

REFUSALS = ("404", "403", "400")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--failure-days", type=int, default=30)
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--hang-timeout", type=float, default=0.5)
    parser.add_argument("--no-split", action="store_true",
                        help="baseline: the delivery knows no platform's split, so a refused slot's stories all come "
                             "again (as before DeliveryLedger.fail_part_way recorded those of the parts out)")
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)
    report.FAILURE_SCENARIOS = tuple(s for s in report.FAILURE_SCENARIOS if s.name.startswith(REFUSALS))
    if args.no_split:
        bot.delivery_parts.SPLITS = {}
    with tempfile.TemporaryDirectory(prefix="briefbot-refusals-") as tmp:
        start = time.monotonic()
        results = list(report.failure_runs(Path(tmp), args.failure_days, args.seed, args.hang_timeout))
        print(report.failure_table(results))
        print(f"\n{'without' if args.no_split else 'with'} the platforms' splits; "
              f"{(time.monotonic() - start) / 60:.1f} minutes")


if __name__ == "__main__":
    main()
