#!/usr/bin/env python3
"""Extraction speed and start-up time against the budgets of DESIGN.md.

    .venv/bin/python benchmarks/extract_speed.py [--json FILE] [--runs 3] [--quantulum-kb 128] [--folder DIR]

One run measures:

(a) claimcheck on each language's benchmark corpus (`benchmarks/corpus.py`), one `extract`
    call per article, on one core (the process is pinned to one CPU): one warm-up call, then the
    best of `--runs` passes, timed with time.perf_counter.  Budget: 2 MB/s in every language.
    `--folder DIR` adds the same measurement on real articles (say ../shared/corpus/seeds), read
    as `claimcheck extract` reads them, to compare at another number density.
(b) quantulum3's `parser.parse` and claimcheck side by side on the same English articles (the
    first `--quantulum-kb` KB of the English corpus), each warmed up, then `--runs` rounds of one
    pass of each (interleaved, so a busy machine slows both alike); the best pass of each counts.
    Budget: claimcheck at least 50 times quantulum3's throughput.
(c) `claimcheck --help` and a one-file `claimcheck extract` as subprocesses of the virtualenv's
    `claimcheck` script, median of 5 after one untimed run.  Budget: under a second each.

Sizes are UTF-8 bytes; 1 MB = 1,000,000 bytes.  Nothing here asserts: it prints a Markdown
table (and `--json FILE` writes the figures) and exits 0 whatever the figures are.
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import platform
import statistics
import subprocess
import sys
import time
import warnings

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

import corpus  # noqa: E402

EXTRACT_BUDGET_MBS = 2.0
QUANTULUM_BUDGET_RATIO = 50.0
STARTUP_BUDGET_S = 1.0
STARTUP_FILES = ("examples/launch/en.md", "examples/launch/vi.txt")


def _mb(articles: list[str]) -> float:
    return sum(len(a.encode()) for a in articles) / 1e6


def best_of(runs: int, fn, articles: list[str], **kw) -> tuple[float, int]:
    """Best wall time of `runs` passes of fn over the articles, and the items found per pass."""
    best, found = float("inf"), 0
    for _ in range(runs):
        t0 = time.perf_counter()
        found = 0
        for text in articles:
            found += len(fn(text, **kw))
        best = min(best, time.perf_counter() - t0)
    return best, found


def pin_one_core() -> tuple[set[int] | None, int | None]:
    """Pin this process to one CPU (the last one); returns the previous affinity to restore."""
    if not hasattr(os, "sched_setaffinity"):
        return None, None
    before = os.sched_getaffinity(0)
    cpu = max(before)
    os.sched_setaffinity(0, {cpu})
    return before, cpu


def bench_languages(langs: list[str], runs: int) -> list[dict]:
    from claimcheck import extract

    rows = []
    for code in langs:
        articles = corpus.articles(code)
        extract(articles[0], lang=code)  # warm-up: language data, compiled patterns
        seconds, claims = best_of(runs, extract, articles, lang=code)
        mb = _mb(articles)
        rows.append({
            "lang": code, "mb": round(mb, 3), "articles": len(articles), "seconds": round(seconds, 4),
            "mb_per_s": round(mb / seconds, 3), "claims": claims, "claims_per_s": round(claims / seconds),
            "claims_per_kb": round(claims / (mb * 1000), 2), "meets_budget": mb / seconds >= EXTRACT_BUDGET_MBS,
        })
        print(f"  {code}: {mb / seconds:.2f} MB/s, {claims / seconds:,.0f} claims/s", file=sys.stderr)
    return rows


def bench_folder(folder: str, runs: int, min_mb: float = 1.0) -> dict:
    """Extraction speed on the articles of a folder, for comparison at another number density
    (each file read as `claimcheck extract` reads it, the list repeated to at least `min_mb`)."""
    from claimcheck.documents import load
    from claimcheck.extraction import extract_document

    docs, problems, _ = load([folder])
    if not docs:
        raise SystemExit(f"{folder}: no articles ({'; '.join(str(p) for p in problems)})")
    size = sum(len(d.text.encode()) for d in docs)
    copies = max(1, int(min_mb * 1e6 / size + 0.999))
    docs = docs * copies
    extract_document(docs[0])
    best, claims = float("inf"), 0
    for _ in range(runs):
        t0 = time.perf_counter()
        claims = sum(len(extract_document(d)) for d in docs)
        best = min(best, time.perf_counter() - t0)
    mb = size * copies / 1e6
    stats = corpus.density("\n".join(d.text for d in docs[:len(docs) // copies]))
    langs = sorted({d.lang for d in docs})
    print(f"  {folder}: {mb / best:.2f} MB/s", file=sys.stderr)
    return {"lang": "+".join(langs), "folder": folder, "files": len(docs) // copies, "copies": copies,
            "mb": round(mb, 3), "articles": len(docs), "digits_per_kb": stats["digits_per_kb"],
            "seconds": round(best, 4), "mb_per_s": round(mb / best, 3), "claims": claims,
            "claims_per_s": round(claims / best), "claims_per_kb": round(claims / (mb * 1000), 2),
            "meets_budget": mb / best >= EXTRACT_BUDGET_MBS}


def english_slice(kb: int) -> list[str]:
    out, size = [], 0
    for article in corpus.articles("en"):
        if size >= kb * 1000:
            break
        out.append(article)
        size += len(article.encode())
    return out


def bench_quantulum(kb: int, runs: int) -> dict:
    from claimcheck import extract

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "Classifier dependencies not installed": see the docs
        import quantulum3
        from quantulum3 import parser

        articles = english_slice(kb)
        mb = _mb(articles)
        parser.parse(articles[0])  # warm-up: quantulum3 loads its units and entities on first use
        extract(articles[0], lang="en")
        q_seconds = c_seconds = float("inf")
        for _ in range(runs):  # interleaved, so that both see the same machine
            seconds, quantities = best_of(1, parser.parse, articles)
            q_seconds = min(q_seconds, seconds)
            seconds, claims = best_of(1, extract, articles, lang="en")
            c_seconds = min(c_seconds, seconds)
    try:
        import sklearn  # noqa: F401

        classifier = True
    except ImportError:
        classifier = False
    q_rate, c_rate = mb / q_seconds, mb / c_seconds
    return {
        "kb": round(mb * 1000, 1), "articles": len(articles),
        "quantulum3": {"version": getattr(quantulum3, "__version__", "?"), "classifier": classifier,
                       "seconds": round(q_seconds, 4), "mb_per_s": round(q_rate, 5), "quantities": quantities},
        "claimcheck": {"seconds": round(c_seconds, 4), "mb_per_s": round(c_rate, 3), "claims": claims},
        "ratio": round(c_rate / q_rate, 1), "meets_budget": c_rate / q_rate >= QUANTULUM_BUDGET_RATIO,
    }


def _claimcheck_script() -> str:
    script = pathlib.Path(sys.executable).parent / "claimcheck"
    if not script.exists():
        raise SystemExit(f"{script} is missing: run this with the virtualenv's python (pip install -e .)")
    return str(script)


def bench_startup(repeats: int = 5) -> list[dict]:
    script = _claimcheck_script()
    commands = [[script, "--help"]] + [[script, "extract", str(ROOT / f)] for f in STARTUP_FILES]
    rows = []
    for cmd in commands:
        times = []
        for i in range(repeats + 1):
            t0 = time.perf_counter()
            done = subprocess.run(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
            elapsed = time.perf_counter() - t0
            if done.returncode != 0:
                raise SystemExit(f"{' '.join(cmd)} exited {done.returncode}: {done.stderr.decode()[-400:]}")
            if i:  # the first run only warms the file cache
                times.append(elapsed)
        shown = "claimcheck " + " ".join(pathlib.Path(a).relative_to(ROOT).as_posix() if a.startswith(str(ROOT))
                                          else a for a in cmd[1:])
        median = statistics.median(times)
        rows.append({"command": shown, "median_s": round(median, 3), "min_s": round(min(times), 3),
                     "max_s": round(max(times), 3), "meets_budget": median < STARTUP_BUDGET_S})
        print(f"  {shown}: {median:.3f} s", file=sys.stderr)
    return rows


def source() -> dict:
    """The commit measured, and whether claimcheck/ had changes not yet committed."""
    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=False)
        return done.stdout if done.returncode == 0 else ""

    changed = [line[3:] for line in git("status", "--porcelain", "--", "claimcheck").splitlines() if line.strip()]
    return {"commit": git("rev-parse", "--short", "HEAD").strip() or None, "uncommitted_in_claimcheck": changed}


def machine() -> dict:
    return {"nproc": os.cpu_count(), "loadavg_at_start": [round(x, 2) for x in os.getloadavg()],
            "cpus_usable": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
            "python": platform.python_version(), "implementation": platform.python_implementation(),
            "platform": platform.platform(), "processor": _cpu_model()}


def _cpu_model() -> str:
    try:
        for line in pathlib.Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()


def _ok(flag: bool) -> str:
    return "yes" if flag else "**no**"


def markdown(result: dict) -> str:
    out = []
    if result.get("languages"):
        out += [f"### Extraction, one core (budget: {EXTRACT_BUDGET_MBS:g} MB/s)", "",
                "| lang | corpus MB | articles | digits/KB | claims/KB | MB/s | claims/s | budget met |",
                "|---|---:|---:|---:|---:|---:|---:|---|"]
        density = result["corpus"]["languages"]
        for r in result["languages"]:
            out.append(f"| {r['lang']} | {r['mb']:.2f} | {r['articles']} | {density[r['lang']]['digits_per_kb']:.1f} "
                       f"| {r['claims_per_kb']:.1f} | {r['mb_per_s']:.2f} | {r['claims_per_s']:,} "
                       f"| {_ok(r['meets_budget'])} |")
        for r in result.get("folders", []):
            out.append(f"| {r['lang']}: `{r['folder']}` ({r['files']} files x {r['copies']}) | {r['mb']:.2f} "
                       f"| {r['articles']} | {r['digits_per_kb']:.1f} | {r['claims_per_kb']:.1f} | {r['mb_per_s']:.2f} "
                       f"| {r['claims_per_s']:,} | {_ok(r['meets_budget'])} |")
        out.append("")
    if q := result.get("quantulum"):
        out += [f"### Side by side with quantulum3 (budget: {QUANTULUM_BUDGET_RATIO:g}x)", "",
                f"Same {q['kb']:.0f} KB of English ({q['articles']} articles), best of {result['runs']}.", "",
                "| extractor | seconds | KB/s | found |", "|---|---:|---:|---:|",
                f"| quantulum3 {q['quantulum3']['version']} `parser.parse` | {q['quantulum3']['seconds']:.2f} "
                f"| {q['quantulum3']['mb_per_s'] * 1000:,.1f} | {q['quantulum3']['quantities']:,} quantities |",
                f"| claimcheck `extract(lang=\"en\")` | {q['claimcheck']['seconds']:.3f} "
                f"| {q['claimcheck']['mb_per_s'] * 1000:,.1f} | {q['claimcheck']['claims']:,} claims |",
                "", f"Ratio of throughputs: **{q['ratio']:.1f}x** (budget met: {_ok(q['meets_budget'])}).", ""]
    if result.get("startup"):
        out += [f"### Start-up (budget: under {STARTUP_BUDGET_S:g} s)", "",
                "| command | median s | min s | max s | budget met |", "|---|---:|---:|---:|---|"]
        for r in result["startup"]:
            out.append(f"| `{r['command']}` | {r['median_s']:.3f} | {r['min_s']:.3f} | {r['max_s']:.3f} "
                       f"| {_ok(r['meets_budget'])} |")
        out.append("")
    m = result["machine"]
    out.append(f"Machine: {m['nproc']} CPUs ({m['processor']}), {m['implementation']} {m['python']}, {m['platform']}; "
               f"extraction pinned to CPU {result.get('pinned_cpu')}; load average "
               f"{m['loadavg_at_start'][0]:.2f} at the start, {result['loadavg_at_end'][0]:.2f} at the end.")
    src = result["source"]
    dirty = src["uncommitted_in_claimcheck"]
    state = f"uncommitted changes to {len(dirty)} file(s) under claimcheck/" if dirty else "claimcheck/ clean"
    out.append(f"Source: commit {src['commit']}, {state}.")
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--json", type=pathlib.Path, help="write the figures here")
    ap.add_argument("--runs", type=int, default=3, help="timed passes; the best counts (default: %(default)s)")
    ap.add_argument("--lang", action="append", choices=corpus.LANGS, help="only these languages (repeatable)")
    ap.add_argument("--quantulum-kb", type=int, default=128, help="English KB for the side-by-side (default: 128)")
    ap.add_argument("--folder", action="append", default=[],
                    help="also time the articles of this folder, e.g. ../shared/corpus/seeds (repeatable)")
    ap.add_argument("--skip", action="append", default=[], choices=["languages", "quantulum", "startup"])
    args = ap.parse_args(argv)

    manifest = corpus.build(log=lambda *a, **k: print(*a, file=sys.stderr))
    print(f"corpus: {manifest['total_mb']:.2f} MB ({'reused' if manifest['reused'] else 'built'}, "
          f"fingerprint {manifest['fingerprint']})", file=sys.stderr)
    result: dict = {"schema": "claimcheck/bench-extract/v1", "runs": args.runs, "machine": machine(),
                    "source": source(),
                    "corpus": {k: manifest[k] for k in ("fingerprint", "seed", "total_mb")}
                    | {"languages": {c: {k: v for k, v in d.items() if k != "article_files"}
                                     for c, d in manifest["languages"].items()}}}
    before, cpu = pin_one_core()
    result["pinned_cpu"] = cpu
    try:
        if "languages" not in args.skip:
            result["languages"] = bench_languages(args.lang or list(corpus.LANGS), args.runs)
            result["folders"] = [bench_folder(folder, args.runs) for folder in args.folder]
        if "quantulum" not in args.skip:
            print("  quantulum3 side by side ...", file=sys.stderr)
            result["quantulum"] = bench_quantulum(args.quantulum_kb, args.runs)
    finally:
        if before is not None:
            os.sched_setaffinity(0, before)
    if "startup" not in args.skip:
        result["startup"] = bench_startup()
    result["loadavg_at_end"] = [round(x, 2) for x in os.getloadavg()]
    print(markdown(result))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
