#!/usr/bin/env python3
"""Generate a large multilingual corpus for scale benchmarks.

    python benchmarks/generate.py --articles 10000 --out benchmarks/.cache/scale-10000

Each generated story is a copy of one of the repository's multilingual stories (the bundled
example and tests/corpora/consistent), in all its languages, with every shared proper name
replaced by an invented one unique to the copy, and the digits of the copy's number written
before every figure of 100 or more (not years or percentages), each language's way.
Translations of one copy agree with each other; copies of one story share neither names nor
figures.  A copy of the bundled example keeps its planted discrepancy.  Deterministic for a
given seed.
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
SYLLABLES = ["ka", "lo", "ve", "ri", "tan", "mo", "sel", "bra", "dun", "zi", "por", "nek", "vi", "sta", "gor", "lin",
             "fa", "ru", "te", "dra", "mil", "quo", "ser", "bel", "tor", "wen", "ja", "pul", "cor", "ni", "hal", "ost"]


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
    """Capitalised words that two or more language versions of a story use: its proper names."""
    seen: dict[str, int] = {}
    for _, text in story.values():
        for word in set(_NAME.findall(text)):
            seen[word] = seen.get(word, 0) + 1
    calendar = _calendar_words()
    return sorted((w for w, n in seen.items() if n >= 2 and w.lower() not in calendar), key=len, reverse=True)


def _calendar_words() -> set[str]:
    """Month and weekday names of every language: the same in two versions, yet no names."""
    from claimcheck import lang as langdata

    words: set[str] = set()
    for code in langdata.available():
        language = langdata.get(code)
        words |= set(language.months) | set(language.month_abbreviations) | set(language.weekdays)
    return words


def prefix_figures(text: str, lang: str, prefix: int) -> str:
    """Every figure of 10 or more that claimcheck finds (not years, ordinals, percentages or
    dates) with the digits of `prefix` written before its first digit: "1.200" becomes
    "371.200", "1,2 milioni" becomes "371,2 milioni".  Figures that agree across translations
    still agree (to the same rounding); small numbers, often written as words, are kept."""
    from babel.numbers import format_decimal

    import claimcheck
    from claimcheck import lang as langdata
    from claimcheck.extraction.numerals import parse_digits

    if not prefix:
        return text
    language = langdata.get(lang)
    locale = {"pt": "pt_PT"}.get(lang, lang)
    pieces, last = [], 0
    for claim in claimcheck.extract(text, lang=lang):
        if str(claim.kind) in ("year", "ordinal", "percent") or abs(claim.value) < 100:
            continue
        for m in _DIGITS.finditer(text, claim.start, claim.end):
            parsed = parse_digits(m.group(), language)
            if parsed is None or m.start() < last:
                continue
            value, decimals = parsed
            value += prefix * 10 ** len(str(int(value)))
            written = format_decimal(value, format="#,##0." + "0" * decimals if decimals else "#,##0", locale=locale)
            pieces += [text[last:m.start()], written]
            last = m.end()
    return "".join(pieces) + text[last:]


_DIGITS = re.compile(r"\d(?:[\d.,\u00a0\u202f ]*\d)?")


def language_of(file_name: str) -> str:
    return pathlib.Path(file_name).stem.split("-")[-1][:2]


def invent(rng: random.Random, used: set[str]) -> str:
    """A made-up name no other copy uses."""
    while True:
        name = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()
        if name not in used:
            used.add(name)
            return name


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
    used: set[str] = set()
    while written < articles:
        index = copy % len(pool)
        story, replace = pool[index], {n: invent(rng, used) for n in names[index]}
        prefix = copy + 10 if copy >= len(pool) else 0  # the first copy of each story keeps its figures
        folder = out / f"{copy:05d}"
        folder.mkdir()
        for name, (_, text) in story.items():
            if written >= articles:
                break
            for old, new in replace.items():
                text = re.sub(rf"\b{re.escape(old)}\b", new, text)
            text = prefix_figures(text, language_of(name), prefix)
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
