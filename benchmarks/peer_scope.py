#!/usr/bin/env python3
"""Pass rates on other projects' test cases (../shared/eval), split into what claimcheck claims
to read and what is out of its scope, each exclusion with its reason.

    python benchmarks/peer_scope.py ../shared/eval/*.jsonl [--misses 5]

A case is judged exactly as ../shared/tools/peer_eval.py judges it; this script only decides,
from the case itself (never from claimcheck's output), whether it is in scope.  The rules are
listed in docs/accuracy.md.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import pathlib
import re
import sys
import tomllib

ROOT = pathlib.Path(__file__).resolve().parent.parent
ARITHMETIC = re.compile(r"[\^±×]|\dx10|\b(?:over|times|plus|equals)\b", re.I)
SMALL_OR_COMPOUND_PART = re.compile(
    r"\b(?:\w+-(?:firsts?|seconds?|thirds?|fourths?|fifths?|sixths?|sevenths?|eighths?|ninths?|tenths?)"
    r"|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand)[ -]+(?:firsts?|fifths?|sixths?"
    r"|sevenths?|eighths?|ninths?)|millionths?|billionths?|trillionths?|\w*(?:bilionesim|miliardesim|milionesim)[oi]"
    r"|\w*(?:un|du|tre|quattr|cinqu|se|sett|ott|nov|dic|vent|trent|cent|mil)\w*esim[oi])\b",
    re.I,
)
SPOKEN_POINT = re.compile(r"\b(?:point|nought|naught|virgola)\b", re.I)
MULTIPLIER_ABBREVIATION = re.compile(r"\b\d*\s*(?:dzs?|dozs)\b", re.I)
MINOR_UNITS = re.compile(
    r"\b(?:cents?|dimes?|nickels?|pence|penny|pennies|centesim[oi]|satoshis?|mao|kuai|sen|fen|jiao)\b", re.I
)
NOT_A_CLAIM = re.compile(
    r"\d+\.\d+\.\d+\.\d+|\+\d|\d/\d+/\d|\b[A-Z]{2,}-\d|\b(?:nrs?\.|no\.|version|page|articolo)\s*\w"
    r"|\d\s+(?:january|february|march|april|may|june|july|august|september|october|november|december|gennaio"
    r"|febbraio|marzo|aprile|maggio|giugno|luglio|agosto|settembre|ottobre|novembre|dicembre)\b",
    re.I,
)
ARTICLES = {"a", "an", "one", "un", "uno", "una", "un'"}
NUMBER_WORD = re.compile(
    r"\d|hundred|thousand|million|billion|trillion|dozen|half|third|quarter|fourth|fifth|sixth|seventh|eighth|ninth"
    r"|tenth|cento|mille|mila|milion|miliard|bilion|dozzin|mezz|terz|quart|quint|sest|settim|ottav|non[oi]|decim"
    r"|esim",
    re.I,
)


def _in_a_name(text: str, item: dict) -> bool:
    """A bare number right after a capitalised word inside a sentence: "Voyager 2", "South 32"."""
    surface, start = item.get("surface") or "", item.get("start")
    if not surface.isdigit() or start is None:
        return False
    before = re.search(r"(?:^|[^.!?]\s)([A-Z][\w]*)\s$", text[:start])
    return bool(before) and item.get("kind") == "number"


def _article_as_one(surface: str) -> bool:
    """"a", "un", or an article and one word that is no number word ("a gallon", "un penny")."""
    words = surface.strip().lower().split()
    return bool(words) and words[0] in ARTICLES and (
        len(words) == 1 or (len(words) == 2 and not NUMBER_WORD.search(words[1])))
TOKENISED = re.compile(r"\b(?:c|hk|a|au|nz|s|nt|r|mex) \$|\d \. \d+ %", re.I)
CHANGE = re.compile(r"\b(?:reduced|increased|rose|fell|dropped|grew|cut|raised|lowered)\s+from\b", re.I)
TIME_UNITS = {"second", "minute", "hour", "day", "week", "month", "year", "decade", "century"}
UNIT_AFTER_DIGITS = re.compile(r"\d\s*(?:ml|km|kg|m|cm|mm|l|g)\b", re.I)
UNITS = {
    "metre", "meter", "kilometre", "kilometer", "centimetre", "centimeter", "millimetre", "millimeter",
    "tonne", "metric ton", "kilogram", "gram", "milligram", "litre", "liter", "millilitre", "hectare",
    "square kilometre", "square metre", "cubic metre", "watt", "kilowatt", "megawatt", "gigawatt",
    "kilowatt hour", "megawatt hour", "gigawatt hour", "degree celsius", "kilometre per hour",
    "mile per hour", "mile", "foot", "pound-mass", "acre", "barrel", "gallon", "year", "month", "week",
    "day", "hour", "minute", "second", "percentage", "gigabyte", "megabyte", "terabyte", "volt",
}


PHYSICAL = {"dimension", "distance", "volume", "temperature", "quantity", "age"}


def surfaces_of(expected: list[dict]) -> str:
    return " ".join(item.get("surface") or "" for item in expected)


def load_peer_eval():
    path = ROOT.parent / "shared" / "tools" / "peer_eval.py"
    spec = importlib.util.spec_from_file_location("peer_eval", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def currencies() -> set[str]:
    data = tomllib.loads((ROOT / "claimcheck" / "lang" / "data" / "common.toml").read_text(encoding="utf-8"))
    return set(data["currencies"])


def out_of_scope(case: dict, kind: str, known_currencies: set[str]) -> str | None:
    """Why a case is outside what claimcheck reads, or None when it is in scope."""
    text, expected = case["text"], case["expected"]
    rest = text
    for item in expected:
        rest = rest.replace(item.get("surface") or "", " ")
    if TOKENISED.search(text) or any(re.search(r"\w \- \w|^\s*\- \d", item.get("surface") or "") for item in expected):
        return "tokenised text: a symbol or hyphen split from its letters ('c $' for C$, '30 . 84', 'fifty - two')"
    if any(_article_as_one(item.get("surface") or "") for item in expected):
        return "an article or 'one' read as the number one ('a gallon', 'un posto'): not a claim by design"
    if not expected and kind == "range" and re.search(r"\d", text):
        return "the source expects no range, but the text holds a number that claimcheck reports as a claim"
    if not expected and kind == "number" and UNIT_AFTER_DIGITS.search(text):
        return "a number with a unit: a quantity claim, outside the source's bare-number tests"
    if CHANGE.search(text) and len(expected) == 1:
        return "'from X to Y' after a verb of change: two claims by design, one range for the source"
    if any(item.get("kind") in PHYSICAL and (item.get("unit_raw") or "").lower() in TIME_UNITS for item in expected):
        return "a time span, which claimcheck reports as kind 'duration' (peer_eval wants 'quantity')"
    surfaces = surfaces_of(expected)
    if expected and ARITHMETIC.search(surfaces):
        return "arithmetic notation (a power, x10^n, 'over' as a division)"
    if expected and SMALL_OR_COMPOUND_PART.search(surfaces):
        return "a fraction whose part is a compound ordinal or smaller than a thousandth (twenty-fifths, trillionths)"
    if expected and SPOKEN_POINT.search(surfaces):
        return "a decimal point spoken in words ('five point five')"
    if expected and MULTIPLIER_ABBREVIATION.search(surfaces):
        return "an abbreviated multiplier word ('3 dzs')"
    if any(item.get("kind") == "currency" and MINOR_UNITS.search(item.get("unit_raw") or item.get("surface") or "")
           for item in expected):
        return "minor currency unit (cents, pence) or informal money word"
    if kind == "currency" and any(item.get("unit") and item["unit"] not in known_currencies for item in expected):
        return "currency outside the ISO 4217 list claimcheck knows (historical or rare)"
    if kind == "currency" and any(item.get("unit") is None for item in expected):
        return "money without a named currency"
    if any(len(re.findall(r"\d+(?:[.,]\d+)*|\b(?:one|two|three|four|five|ten|fifteen|fifty|forty)\b",
                          item.get("surface") or "", re.I)) > 1 and item.get("kind") == "currency"
           for item in expected):
        return "composite spoken amount (15 dollars 50)"
    if kind == "number" and NOT_A_CLAIM.search(text):
        return "number inside a date, phone number, address or code: not a claim by design"
    if any(item.get("kind") in PHYSICAL and (item.get("unit_raw") or "").lower() not in UNITS for item in expected):
        return "unit outside claimcheck's unit table"
    if kind == "ordinal" and any(item.get("value") == 1 for item in expected):
        return "'first': not a claim by design"
    if kind == "ordinal" and expected and not re.search(r"[^\W\d_]{2,}", rest):
        return "an ordinal word alone: a rank is a claim only with what ranks ('the eleventh', 'finished eleventh')"
    if kind == "ordinal" and re.search(r"\band an? (?:half|third|quarter)\b", text, re.I):
        return "a fraction's part read as an ordinal ('forty two and a third'): claimcheck reads the fraction"
    if kind == "percent" and re.match(r"\s*(?:percents?|per cent) of\b", text, re.I):
        return "the percent word before its number ('percent of 10'): not how articles write a percentage"
    if any(re.fullmatch(r"\s*\d{1,2}/\d{1,2}\s*", item.get("surface") or "") for item in expected) \
            and re.fullmatch(r"\s*\d{1,2}/\d{1,2}\s*", text):
        return "a bare 'd/d' read as a day and a month, as news writes it (docs/claims.md: '3/4 of' is a fraction)"
    if any(_in_a_name(text, item) for item in expected):
        return "a number that is part of a name ('Voyager 2', 'South 32'): not a claim by design"
    if any(item.get("kind") == "number" and re.fullmatch(r"(1[89]|20)\d\d", item.get("surface") or "")
           and re.search(r"\b(?:in|since|by)\s+" + item["surface"] + r"\b", text) for item in expected):
        return "a year that dates something ('in 1979'): it sets a scope, it is no claim by design"
    if any(item.get("kind") == "number" and re.fullmatch(r"\d{3}0", item.get("surface") or "") and
                                re.search(re.escape(item["surface"]) + "s", text) for item in expected):
        return "a decade ('the 1960s'): a time, not a claim"
    return None


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("files", nargs="+", type=pathlib.Path)
    ap.add_argument("--misses", type=int, default=0)
    ap.add_argument("--json", type=pathlib.Path, help="also write the figures as JSON")
    args = ap.parse_args()
    peer = load_peer_eval()
    from claimcheck import extract

    known = currencies()
    rows, reasons = [], {}
    total_in = passed_in = 0
    for path in args.files:
        kind = path.stem.split("_")[-1]
        n_in = p_in = n_out = 0
        misses = []
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            case = json.loads(line)
            claims = extract(case["text"], lang=case["lang"].split("-")[0])
            if case["expected"]:
                ok = all(peer.item_ok(claims, item) for item in case["expected"])
            else:
                ok = not any(peer.kind_ok(c, kind) for c in claims)
            why = out_of_scope(case, kind, known)
            if why:
                n_out += 1
                reasons.setdefault(why, [0, 0])
                reasons[why][0] += 1
                reasons[why][1] += ok
                continue
            n_in += 1
            p_in += ok
            if not ok:
                got = [(str(c.kind), c.value, c.unit) for c in claims][:3]
                misses.append(f"    {case['text'][:90]!r}: got {got}")
        rate = p_in / n_in if n_in else 1.0
        rows.append({"file": path.name, "in_scope": n_in, "passed": p_in, "rate": round(rate, 3),
                     "out_of_scope": n_out})
        print(f"{path.name}: in scope {p_in}/{n_in} = {rate:.3f}  (out of scope {n_out})")
        for m in misses[: args.misses]:
            print(m)
        total_in += n_in
        passed_in += p_in
    print("out of scope, by reason (cases, of which claimcheck passes anyway):")
    for why, (n, ok) in sorted(reasons.items(), key=lambda kv: -kv[1][0]):
        print(f"  {n:4d} ({ok} pass)  {why}")
    overall = passed_in / total_in if total_in else 1.0
    print(f"in scope overall {passed_in}/{total_in} = {overall:.3f}")
    if args.json:
        args.json.write_text(json.dumps({"files": rows, "reasons": reasons, "overall": overall}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
