#!/usr/bin/env python3
"""Generate a large multilingual corpus for scale benchmarks.

    python benchmarks/generate.py --articles 10000 --out benchmarks/.cache/scale-10000

Each generated story is a copy of one of the repository's multilingual stories (the bundled
example and tests/corpora/consistent), in all its languages, with every shared proper name
replaced by an invented one unique to the copy: translations of one copy still talk about the
same company and place, different copies do not.  Deterministic for a given seed.
"""

from __future__ import annotations

import argparse
import pathlib
import random
import re
import shutil

ROOT = pathlib.Path(__file__).resolve().parent.parent
SOURCES = [ROOT / "examples" / "launch", *sorted((ROOT / "tests" / "corpora" / "consistent").glob("*/"))]
_NAME = re.compile(r"\b[A-Z][a-zà-ÿ]{3,}(?:[A-Z][a-z]+)?\b")
SYLLABLES = ["ka", "lo", "ve", "ri", "tan", "mo", "sel", "bra", "dun", "zi", "por", "nek", "vi", "sta", "gor", "lin"]


def stories() -> list[dict[str, tuple[str, str]]]:
    """Each story: language file name -> (suffix, text)."""
    found = []
    for folder in SOURCES:
        if not folder.is_dir():
            continue
        files = {p.name: (p.suffix, p.read_text(encoding="utf-8")) for p in sorted(folder.iterdir())
                 if p.suffix in (".txt", ".md", ".html") and p.name.lower() != "readme.md"}
        if len(files) >= 2:
            found.append(files)
    return found


def shared_names(story: dict[str, tuple[str, str]]) -> list[str]:
    """Capitalised words that every language version of a story uses: its proper names."""
    sets = [set(_NAME.findall(text)) for _, text in story.values()]
    common = set.intersection(*sets) if sets else set()
    return sorted(common, key=len, reverse=True)


def invent(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def generate(articles: int, out: pathlib.Path, seed: int = 11) -> int:
    rng = random.Random(seed)
    pool = stories()
    if not pool:
        raise SystemExit("no source stories found")
    names = [shared_names(s) for s in pool]
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    written = copy = 0
    while written < articles:
        index = copy % len(pool)
        story, replace = pool[index], {n: invent(rng) for n in names[index]}
        folder = out / f"{copy:05d}"
        folder.mkdir()
        for name, (_, text) in story.items():
            if written >= articles:
                break
            for old, new in replace.items():
                text = re.sub(rf"\b{re.escape(old)}\b", new, text)
            (folder / name).write_text(text, encoding="utf-8")
            written += 1
        copy += 1
    return written


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--out", type=pathlib.Path, required=True)
    ap.add_argument("--seed", type=int, default=11)
    args = ap.parse_args()
    n = generate(args.articles, args.out, args.seed)
    size = sum(p.stat().st_size for p in args.out.rglob("*") if p.is_file())
    print(f"{n} articles, {size / 1e6:.1f} MB in {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
