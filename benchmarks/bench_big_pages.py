"""How long one big or hostile page takes to read (parse_page), with htmldate's page-wide date search always on
(trafilatura's default, what the code did before) and as shipped (only for pages up to EXTENSIVE_DATE_MAX_CHARS whose
tags give no date). Run: .venv/bin/python benchmarks/bench_big_pages.py [--reps N]"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from typing import Any

import trafilatura.settings

import bot.ingest.html as html_module
from bot.ingest.html import PageError, parse_page

WORDS = b"The council met again on Monday and agreed the budget for the harbour and the new ferry landing. "


def cases() -> dict[str, bytes]:
    """Pages of our own making: each a shape a broken or hostile site can serve within ingest.max_bytes."""
    dated = b'<meta property="article:published_time" content="2026-03-02T08:00:00Z">'
    return {
        "article 300 KB, no dated tag": b"<html><body><article>" + (b"<p>" + WORDS * 30 + b"</p>") * 100
        + b"</article></body></html>",
        "article 300 KB, dated tag": b"<html><head>" + dated + b"</head><body><article>"
        + (b"<p>" + WORDS * 30 + b"</p>") * 100 + b"</article></body></html>",
        "one 1 MB paragraph": b"<html><body><p>" + WORDS * 10_500 + b"</p></body></html>",
        "one 5 MB paragraph": b"<html><body><p>" + WORDS * 52_000 + b"</p></body></html>",
        "2 MB of nested divs": b"<html><body>" + b"<div>" * 200_000 + b"text" + b"</div>" * 200_000 + b"</body></html>",
    }


def seconds(read: Callable[[], object], reps: int) -> float:
    times = []
    for _ in range(reps):
        start = time.perf_counter()
        read()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def read_page(body: bytes) -> Callable[[], object]:
    def run() -> object:
        try:
            return parse_page(body, url="https://ledger.example/news/item", content_type="text/html")
        except PageError as exc:
            return exc
    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reps", type=int, default=3)
    args = parser.parse_args()
    shipped = trafilatura.settings.set_date_params  # what bot/ingest/html.py calls

    def always(extensive: bool = True) -> dict[str, Any]:  # trafilatura's default whatever the page
        return shipped(True)

    parse_page(b"<html><body><p>" + WORDS * 5 + b"</p></body></html>", url="https://ledger.example/warm")  # caches
    bound = html_module.EXTENSIVE_DATE_MAX_CHARS
    print(f"| page | always searched (before) | shipped (bound {bound:,} chars) | before / shipped |")
    print("|---|---|---|---|")
    for name, body in cases().items():
        trafilatura.settings.set_date_params = always
        before = seconds(read_page(body), args.reps)
        trafilatura.settings.set_date_params = shipped
        now = seconds(read_page(body), args.reps)
        print(f"| {name} | {before:.2f} s | **{now:.2f} s** | {before / now:.1f}x |")


if __name__ == "__main__":
    main()
