"""`briefbot eval summaries|clusters|quotes`: quality figures beside baselines from the same run."""

from __future__ import annotations

import argparse
from pathlib import Path

from bot.app import App
from bot.cli_common import Subparsers, add_command, err


def default_shared_dir() -> Path:
    """``../shared`` beside the checkout (where CI puts it), else beside the current directory."""
    for candidate in (Path(__file__).resolve().parents[2] / "shared", Path.cwd().parent / "shared",
                      Path.cwd() / "shared"):
        if (candidate / "eval").is_dir():
            return candidate
    return Path.cwd().parent / "shared"


def register(sub: Subparsers) -> None:
    p = add_command(sub, "eval", "Evaluate quality against the data in ../shared/eval.", run_eval)
    p.add_argument("what", choices=("summaries", "clusters", "quotes"))
    p.add_argument("--json", action="store_true", help='print {"<dataset>": {"<system>": {"<metric>": v}}}')
    p.add_argument("--split", choices=("dev", "test"), default=None,
                   help="quotes: PolNeAR split (default test); clusters with --jitter-seeds: AllSides half "
                        "(dev: the earlier one; default test)")
    p.add_argument("--jitter-seeds", type=int, default=None, metavar="N",
                   help="clusters: AllSides B-cubed F1 only, over jitter seeds 0..N-1 (mean and spread)")
    p.add_argument("--limit", type=int, default=None, help="evaluate only the first N items of each set")
    p.add_argument("--data", type=Path, default=None, help="the shared folder (default: ../shared)")


async def run_eval(args: argparse.Namespace, app: App) -> int:
    if args.limit is not None and args.limit < 1:  # an empty set has no figures to print
        err(f"briefbot eval: --limit: expected at least 1, got {args.limit}")
        return 2
    if args.jitter_seeds is not None and args.jitter_seeds < 1:
        err(f"briefbot eval: --jitter-seeds: expected at least 1, got {args.jitter_seeds}")
        return 2
    shared = args.data or default_shared_dir()
    if not (shared / "eval").is_dir():
        err(f"briefbot eval: no evaluation data at {shared}/eval (pass --data PATH)")
        return 2
    if args.what == "summaries":
        from bot.eval import summaries

        return summaries.main(shared, as_json=args.json, limit=args.limit)
    if args.what == "clusters" and args.jitter_seeds is None and args.split is not None:
        err("briefbot eval clusters: --split needs --jitter-seeds N (without it the reported figures are "
            "always those of the later half)")
        return 2
    split = args.split or "test"
    if args.what == "clusters" and args.jitter_seeds is not None:
        from bot.eval import cluster_seeds

        return cluster_seeds.main(shared, seeds=args.jitter_seeds, split=split, as_json=args.json,
                                  limit=args.limit)
    if args.what == "clusters":
        from bot.eval import clusters

        return clusters.main(shared, as_json=args.json, limit=args.limit)
    from bot.eval import quotes

    return quotes.main(shared, split=split, as_json=args.json, limit=args.limit)
