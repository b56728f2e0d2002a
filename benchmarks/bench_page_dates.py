"""What the copyright-year check (bot/ingest/html.py _stated_date) costs parse_page on pages whose only date is a
copyright year: CPU time, median and best of N. Run it against this tree and against an older export of ``bot``:
.venv/bin/python benchmarks/bench_page_dates.py [--tree DIR] [--reps N]  (DIR holds a ``bot`` folder; default .)"""

from __future__ import annotations

import argparse
import importlib
import statistics
import sys
import time
from collections.abc import Callable

# Written for this benchmark: an invented harbour board, each paragraph its own
PARAS = "".join(f"<p>The harbour board of Velmora met for the {n}th time on the ferry timetable and dredging costs.</p>"
                for n in range(11_000))
COPYRIGHT_META = '<meta itemprop="copyrightYear" content="2026">'


def page(chars: int, head: str) -> bytes:
    return (f"<!doctype html><html lang=en><head><title>Harbour board meets</title>{head}</head><body><article><h1>"
            f"Harbour board meets</h1>{PARAS[:chars]}</p></article><footer>&copy; 2026 Velmora Tribune</footer>"
            "</body></html>").encode()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tree", default=".")
    parser.add_argument("--reps", type=int, default=5)
    args = parser.parse_args()
    sys.path.insert(0, args.tree)
    parse: Callable[..., object] = importlib.import_module("bot.ingest.html").parse_page
    cases = {"1 MB, (c) footer": page(10**7, ""), "1 MB, copyrightYear": page(10**7, COPYRIGHT_META),
             "200 kB, (c) footer": page(200_000, ""), "200 kB, copyrightYear": page(200_000, COPYRIGHT_META)}
    for name, data in cases.items():
        runs = []
        for _ in range(args.reps):
            start = time.process_time()
            parse(data, url="http://velmora.example/harbour")
            runs.append(time.process_time() - start)
        print(f"{args.tree} | {name} ({len(data):,} B) | CPU median {statistics.median(runs) * 1000:.0f} ms | "
              f"best {min(runs) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
