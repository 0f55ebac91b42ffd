#!/usr/bin/env python3
"""Scale benchmark of `claimcheck check`: time, peak memory, candidate pairs per claim.

    python benchmarks/generate.py --articles 1000 --out benchmarks/.cache/scale-1000
    python benchmarks/generate.py --articles 10000 --out benchmarks/.cache/scale-10000
    python benchmarks/check_scale.py benchmarks/.cache/scale-1000 benchmarks/.cache/scale-10000

Each corpus is checked in a fresh process (so peak memory is the run's own), with the stages
timed: reading and extracting (parallel over the cores, which also read the claims' linking
features), linking (the features' corpus-wide names, candidate pairs, scoring, topics) and
comparing.  Figures go to docs/performance.md.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys

CHILD = r"""
import json, os, resource, sys, time
from claimcheck import checks, graph
from claimcheck.graph.early import CorpusFeatures
from claimcheck.run import CheckOptions, _fill, collector_paused, extract_paths

path, jobs = sys.argv[1], (int(sys.argv[2]) if sys.argv[2] != "auto" else None)


def cpu():  # seconds of CPU of this process and of its workers that have ended
    own, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime


paused = collector_paused()  # as claimcheck.run.check does (kept referenced: its exit turns the collector on)
paused.__enter__()
t0, c0 = time.perf_counter(), cpu()
read_features = CorpusFeatures()  # as claimcheck.run.check does: features read with the claims
extracted = extract_paths([path], CheckOptions(jobs=jobs), read_features=read_features)
t1, c1 = time.perf_counter(), cpu()
claims, docs = list(extracted.claims), list(extracted.documents)
built = graph.build(claims, docs, read_features=read_features)
t2, c2 = time.perf_counter(), cpu()
claims = [_fill(c, topic=built.topic_of.get(i)) for i, c in enumerate(claims)]  # as run.check does
findings = checks.run(claims, docs, built)
t3, c3 = time.perf_counter(), cpu()
severities = {}
for f in findings:
    severities[str(f.severity)] = severities.get(str(f.severity), 0) + 1
print(json.dumps({
    "documents": len(docs), "claims": len(claims), "megabytes": sum(len(d.text.encode()) for d in docs) / 1e6,
    "extract_s": t1 - t0, "link_s": t2 - t1, "compare_s": t3 - t2, "total_s": t3 - t0,
    "pairs": built.pairs_compared, "pairs_per_claim": built.pairs_compared / max(1, len(claims)),
    "topics": len(built.topics), "findings": severities, "stages": built.timings,
    "cpu": {"read+extract": c1 - c0, "link": c2 - c1, "compare": c3 - c2},
    "load": os.getloadavg()[0],
    "peak_mb": max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                   resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024,
}))
"""


def measure(path: str, jobs: str) -> dict:
    out = subprocess.run([sys.executable, "-c", CHILD, path, jobs], check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpora", nargs="+")
    ap.add_argument("--jobs", default="auto", help="worker processes for reading ('auto': one per core)")
    args = ap.parse_args()
    print(f"cores: {os.cpu_count()}, jobs: {args.jobs}, python {sys.version.split()[0]}")
    print("| articles | MB | claims | read+extract s | link s | compare s | total s | peak MB "
          "| pairs per claim | topics | findings |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    stages = []
    for path in args.corpora:
        r = measure(path, args.jobs)
        stages.append(f"- {r['documents']:,} articles, linking: " +
                      ", ".join(f"{name} {seconds:.1f} s" for name, seconds in r["stages"].items()) +
                      "; CPU (all processes): " +
                      ", ".join(f"{name} {seconds:.1f} s" for name, seconds in r["cpu"].items()) +
                      f"; load average at the end {r['load']:.1f}")
        found = ", ".join(f"{n} {k}" for k, n in sorted(r["findings"].items())) or "none"
        print(f"| {r['documents']:,} | {r['megabytes']:.1f} | {r['claims']:,} | {r['extract_s']:.1f} "
              f"| {r['link_s']:.1f} | {r['compare_s']:.1f} | {r['total_s']:.1f} | {r['peak_mb']:.0f} "
              f"| {r['pairs_per_claim']:.2f} | {r['topics']:,} | {found} |")
    print()
    print("\n".join(stages))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
