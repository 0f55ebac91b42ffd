#!/usr/bin/env python3
"""Instructions that extraction takes per article, counted by valgrind: a figure that does not
move with the machine or its load, for comparing two versions of the code.

    python benchmarks/count_instructions.py [--lang en] [--articles 80] [--source PATH]

Runs `claimcheck.extract` under `valgrind --tool=callgrind` twice, over one article and over
the first N articles of the benchmark corpus (`benchmarks/corpus.py`), each run after one
warm-up article, and prints the difference: the instructions of N - 1 articles. `--source PATH`
imports `claimcheck` from another checkout (say an older commit unpacked with `git archive`).
Needs valgrind (Debian's `valgrind`); takes about a minute.
"""

from __future__ import annotations

import argparse
import pathlib
import re
import shutil
import subprocess
import sys

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402

CHILD = """
import sys
sys.path.insert(0, sys.argv[1])
import claimcheck
from claimcheck import extract
articles = open(sys.argv[2], encoding="utf-8").read().split("\\f")[: int(sys.argv[4])]
extract(articles[0], lang=sys.argv[3])
for text in articles:
    extract(text, lang=sys.argv[3])
"""


def instructions(source: pathlib.Path, corpus_file: pathlib.Path, lang: str, articles: int) -> int:
    out = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, "-c", CHILD,
         str(source), str(corpus_file), lang, str(articles)],
        capture_output=True, text=True, check=True,
    )
    m = re.search(r"Collected : (\d+)", out.stderr)
    if not m:
        raise SystemExit("valgrind printed no instruction count:\n" + out.stderr[-2000:])
    return int(m.group(1))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--lang", default="en")
    ap.add_argument("--articles", type=int, default=80)
    ap.add_argument("--source", type=pathlib.Path, default=ROOT, help="the folder that holds claimcheck/")
    args = ap.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (Debian: apt-get install valgrind)")
    corpus.build(log=lambda *_: None)
    corpus_file = corpus.CACHE / f"{args.lang}.txt"
    one = instructions(args.source, corpus_file, args.lang, 1)
    many = instructions(args.source, corpus_file, args.lang, args.articles)
    n = args.articles - 1
    print(f"{args.lang}: {many - one:,} instructions for {n} articles, {(many - one) / n / 1e6:.2f} M per article "
          f"(source {args.source})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
