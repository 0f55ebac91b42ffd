#!/usr/bin/env python3
"""Mutation test: change one number in one translation of a consistent story and see whether
claimcheck flags it, with the right pair, and raises no alarm elsewhere.

    python benchmarks/mutations.py [--limit N] [--json FILE]

The stories and their facts come from tests/corpora/consistent/MANIFEST.toml (every figure
agrees across the four versions of a story).  Mutations: the value doubled, the value times
ten (a year moves by one or by ten years instead), the scale word swapped (million <->
billion), the currency swapped (euro <-> dollar), and the qualifier swapped (more than <->
less than).  Each mutation is checked on its story's four
documents; a mutation counts as flagged when an error or warning cites the mutated claim
together with the same fact in another language.
"""

from __future__ import annotations

import argparse
import json
import pathlib
import random
import re
import sys
import tempfile
import tomllib
from collections import Counter, defaultdict

from babel.numbers import format_decimal

ROOT = pathlib.Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpora" / "consistent"
SCALES = {
    "en": [("million", "billion")], "it": [("milioni", "miliardi"), ("milione", "miliardo")],
    "vi": [("triệu", "tỷ")], "es": [("millones", "mil millones")], "fr": [("millions", "milliards")],
    "de": [("Millionen", "Milliarden"), ("Mio.", "Mrd.")], "pt": [("milhões", "mil milhões")],
    "nl": [("miljoen", "miljard")],
}
CURRENCIES = {
    "en": [("€", "$"), ("euros", "dollars")], "it": [("euro", "dollari")], "vi": [("euro", "đô la Mỹ")],
    "es": [("euros", "dólares")], "de": [("Euro", "Dollar")], "pt": [("euros", "dólares")], "nl": [("euro", "dollar")],
    "fr": [("d'euros", "de dollars"), ("d’euros", "de dollars"), ("euros", "dollars")],  # not "de euros"
}
_DIGITS = re.compile(r"\d(?:[\d.,\u00a0\u202f ]*\d)?")


def load_manifest() -> tuple[dict, list[dict]]:
    data = tomllib.loads((CORPUS / "MANIFEST.toml").read_text(encoding="utf-8"))
    return {s["id"]: s for s in data["story"]}, data["fact"]


def scaled_span(span: str, lang: str, factor: float) -> str | None:
    """The span with its number multiplied, written the language's way."""
    from claimcheck import lang as langdata
    from claimcheck.extraction.numerals import parse_digits, parse_words

    language = langdata.get(lang)
    m = _DIGITS.search(span)
    if m:
        parsed = parse_digits(m.group(), language)
        if parsed is None:
            return None
        value, decimals = parsed
        new = format_decimal(value * factor, format=f"#,##0.{'0' * decimals}" if decimals else "#,##0",
                             locale=language_locale(lang))
        return span[:m.start()] + new + span[m.end():]
    words = span.split()
    reading = parse_words([w.lower() for w in words], language)
    if reading is None:
        return None
    value, used = reading.value, reading.used
    return " ".join([format_decimal(value * factor, locale=language_locale(lang)), *words[used:]])


def language_locale(lang: str) -> str:
    from claimcheck import lang as langdata

    return {"pt": "pt_PT"}.get(lang, lang) if langdata.get(lang) else lang


def swapped(span: str, pairs: list[tuple[str, str]]) -> str | None:
    for a, b in pairs:
        for old, new in ((a, b), (b, a)):
            if re.search(rf"(?<![\w]){re.escape(old)}(?![\w])", span):
                return re.sub(rf"(?<![\w]){re.escape(old)}(?![\w])", new, span, count=1)
    return None


def swapped_qualifier(text: str, at: int, lang: str) -> tuple[int, int, str] | None:
    """(start, end, replacement) of a 'more than' / 'less than' phrase just before `at`."""
    from claimcheck import lang as langdata

    language = langdata.get(lang)
    window = text[max(0, at - 40):at].lower()
    lower = [p for p, q in language.qualifiers.items() if q == "more_than"]
    upper = [p for p, q in language.qualifiers.items() if q == "less_than"]
    for found, opposite in ((lower, upper), (upper, lower)):
        for phrase in sorted(found, key=len, reverse=True):
            if window.rstrip().endswith(phrase) and opposite:
                end = at - (len(window) - len(window.rstrip()))
                return end - len(phrase), end, opposite[0]
    return None


def mutations(stories: dict, facts: list[dict], rng: random.Random) -> list[dict]:
    out = []
    for fact in facts:
        story = stories[fact["story"]]
        langs = sorted(fact["spans"])
        for kind in ("x2", "x10", "scale", "currency", "qualifier"):
            lang = rng.choice(langs)
            span = fact["spans"][lang]
            path = CORPUS / fact["story"] / story["files"][lang]
            text = path.read_text(encoding="utf-8")
            at = text.find(span)
            if at < 0:
                continue
            if kind in ("x2", "x10") and fact.get("kind") == "year":
                # Doubling a year makes no year: move it by one or ten years instead.
                year = re.search(r"\d{4}", span)
                new = span.replace(year.group(), str(int(year.group()) + (1 if kind == "x2" else 10))) if year else None
                edit = (at, at + len(span), new) if new else None
            elif kind in ("x2", "x10"):
                new = scaled_span(span, lang, 2 if kind == "x2" else 10)
                edit = (at, at + len(span), new) if new else None
            elif kind == "scale":
                new = swapped(span, SCALES.get(lang, []))
                edit = (at, at + len(span), new) if new else None
            elif kind == "currency":
                new = swapped(span, CURRENCIES.get(lang, [])) if fact.get("unit") in ("EUR", "USD") else None
                edit = (at, at + len(span), new) if new else None
            else:
                edit = swapped_qualifier(text, at, lang)
            if not edit or edit[2] == text[edit[0]:edit[1]]:
                continue
            out.append({"fact": fact, "lang": lang, "kind": kind, "edit": edit, "span_at": at})
    return out


def line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def run_one(mutation: dict, stories: dict) -> tuple[bool, int]:
    from claimcheck import check

    fact, lang = mutation["fact"], mutation["lang"]
    story = stories[fact["story"]]
    start, end, new = mutation["edit"]
    with tempfile.TemporaryDirectory() as tmp:
        folder = pathlib.Path(tmp)
        for code, name in story["files"].items():
            text = (CORPUS / fact["story"] / name).read_text(encoding="utf-8")
            if code == lang:
                text = text[:start] + new + text[end:]
                mutated_line = line_of(text, min(start, mutation["span_at"]))
                mutated_name = name
            (folder / name).write_text(text, encoding="utf-8")
        report = check([str(folder)])
    docs = {d.id: pathlib.Path(d.path).name for d in report.documents}
    claims = {c.id: c for c in report.claims}
    counterparts = set()
    for code, name in story["files"].items():
        if code == lang or code not in fact["spans"]:
            continue
        text = (CORPUS / fact["story"] / name).read_text(encoding="utf-8")
        at = text.find(fact["spans"][code])
        counterparts.add((name, line_of(text, at)))

    def is_mutated(c) -> bool:
        return docs.get(c.doc) == mutated_name and c.line in (mutated_line, mutated_line + 1)

    def is_counterpart(c) -> bool:
        return (docs.get(c.doc), c.line) in counterparts

    flagged, elsewhere = False, 0
    for f in report.findings:
        if str(f.severity) not in ("error", "warning"):
            continue
        cited = [claims[i] for i in f.claims if i in claims]
        if any(is_mutated(c) for c in cited):
            flagged |= any(is_counterpart(c) for c in cited)
        else:
            elsewhere += 1
    return flagged, elsewhere


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--limit", type=int, default=0, help="run only the first N mutations")
    ap.add_argument("--seed", type=int, default=3)
    ap.add_argument("--json", type=pathlib.Path)
    ap.add_argument("--misses", action="store_true", help="list the mutations that were not flagged")
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT))
    stories, facts = load_manifest()
    todo = mutations(stories, facts, random.Random(args.seed))
    if args.limit:
        todo = todo[: args.limit]
    total, hits, alarms = Counter(), Counter(), Counter()
    misses = []
    for m in todo:
        flagged, elsewhere = run_one(m, stories)
        total[m["kind"]] += 1
        hits[m["kind"]] += flagged
        alarms[m["kind"]] += elsewhere
        if not flagged:
            new = m["edit"][2]
            misses.append(f"{m['kind']:9s} {m['fact']['story']}/{m['lang']} {m['fact']['id']}: -> {new!r}")
    rows = []
    print("| mutation | cases | flagged with the right pair | rate | alarms elsewhere |")
    print("|---|---|---|---|---|")
    for kind in ("x2", "x10", "scale", "currency", "qualifier"):
        if total[kind]:
            rate = hits[kind] / total[kind]
            rows.append({"kind": kind, "cases": total[kind], "flagged": hits[kind], "rate": round(rate, 3),
                         "alarms_elsewhere": alarms[kind]})
            print(f"| {kind} | {total[kind]} | {hits[kind]} | {rate:.1%} | {alarms[kind]} |")
    n, h, a = sum(total.values()), sum(hits.values()), sum(alarms.values())
    print(f"| all | {n} | {h} | {h / n:.1%} | {a} |")
    if args.misses:
        by_kind = defaultdict(list)
        for line in misses:
            by_kind[line.split()[0]].append(line)
        for lines in by_kind.values():
            print("\n".join(lines))
    if args.json:
        args.json.write_text(json.dumps({"rows": rows, "cases": n, "flagged": h, "alarms_elsewhere": a}, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
