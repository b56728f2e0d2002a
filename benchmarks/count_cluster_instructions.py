"""Benchmark: instructions per article of clustering (valgrind's callgrind), the working tree beside other commits.

Wall time on a shared machine cannot tell a slower commit from a busier machine; callgrind counts instructions,
the same for the same code, input and environment. Each tree (the working tree, and each ``--commit`` unpacked with
``git archive``) clusters the first N articles of bench_summarise_cluster's input in a child process under
callgrind, which counts only the ``StoryClusterer.add`` calls (switched on and off by client request through a
two-function C helper compiled at run time). Needs valgrind, its headers and a C compiler.

Run: .venv/bin/python benchmarks/count_cluster_instructions.py [--articles 2000] [--commit 180f2e4 ...]
"""

from __future__ import annotations

import argparse
import ctypes
import hashlib
import os
import re
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
HELPER_C = """#include <valgrind/callgrind.h>
void cg_start(void) { CALLGRIND_START_INSTRUMENTATION; CALLGRIND_ZERO_STATS; CALLGRIND_TOGGLE_COLLECT; }
void cg_stop(void) { CALLGRIND_TOGGLE_COLLECT; CALLGRIND_DUMP_STATS_AT("clustering"); CALLGRIND_STOP_INSTRUMENTATION; }
"""
_SUMMARY = re.compile(r"^(?:summary|totals):\s*(\d+)", re.MULTILINE)


def child(count: int, helper: str) -> None:
    """In the tree on PYTHONPATH: cluster ``count`` articles with callgrind counting only that."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    from bench_summarise_cluster import corpus

    import bot
    from bot.nlp.cluster import StoryClusterer

    articles = corpus(count)
    lib = ctypes.CDLL(helper)
    clusterer = StoryClusterer()
    lib.cg_start()
    labels = [clusterer.add(a) for a in articles]
    lib.cg_stop()
    digest = hashlib.sha1("\n".join(labels).encode()).hexdigest()[:12]
    print(f"{len(set(labels))} stories, labels {digest}, bot from {Path(bot.__file__).parent}")


def unpack(commit: str, into: Path) -> Path:
    """The tree of ``commit`` in a new directory beside ../shared's expected place (``into``/<commit>)."""
    tree = into / commit
    tree.mkdir()
    archive = subprocess.run(["git", "-C", str(REPO), "archive", commit], check=True, capture_output=True).stdout
    tar_path = into / f"{commit}.tar"
    tar_path.write_bytes(archive)
    with tarfile.open(tar_path) as tar:
        tar.extractall(tree, filter="data")
    return tree


def count(tree: Path, articles: int, helper: str, work: Path) -> tuple[int, str]:
    """(instructions counted, the child's line) for clustering ``articles`` articles with ``tree``'s code."""
    out = work / f"callgrind.{tree.name}"
    env = {**os.environ, "PYTHONHASHSEED": "0", "PYTHONPATH": str(tree)}
    run = subprocess.run(
        ["valgrind", "--tool=callgrind", "--instr-atstart=no", "--collect-atstart=no",
         f"--callgrind-out-file={out}.%p", sys.executable, str(Path(__file__).resolve()), "--child",
         "--articles", str(articles), "--helper", helper],
        env=env, cwd=tree, capture_output=True, text=True, check=True)
    totals = []
    for path in work.glob(f"{out.name}.*"):
        text = path.read_text(errors="replace")
        if "clustering" in text:
            totals += [int(n) for n in _SUMMARY.findall(text)]
        path.unlink()
    if not totals:
        raise SystemExit(f"no callgrind dump for {tree}: {run.stderr[-2000:]}")
    return max(totals), run.stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--commit", action="append", default=[], help="also count this commit's tree (repeatable)")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--helper", default="", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.articles, args.helper)
        return
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "cg.c").write_text(HELPER_C)
        helper = str(work / "cg.so")
        subprocess.run(["cc", "-shared", "-fPIC", "-O1", "-o", helper, str(work / "cg.c")], check=True)
        trees = [("working tree", REPO)] + [(c, unpack(c, work)) for c in args.commit]
        print(f"clustering the first {args.articles} articles of bench_summarise_cluster's input, PYTHONHASHSEED=0")
        for name, tree in trees:
            total, line = count(tree, args.articles, helper, work)
            print(f"  {name}: {total / args.articles / 1e6:.2f} M instructions/article ({total:,}); {line}")


if __name__ == "__main__":
    main()
