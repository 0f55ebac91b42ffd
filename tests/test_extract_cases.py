"""Table-driven extraction cases, one TOML file per language (see tests/cases/extract/README.md)."""

from __future__ import annotations

import math
import pathlib
import tomllib

import pytest

from claimcheck import extract

CASES = pathlib.Path(__file__).parent / "cases" / "extract"


def _cases():
    for path in sorted(CASES.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        lang = data["lang"]
        for case in data["case"]:
            marks = [pytest.mark.xfail(reason=case["xfail"], strict=True)] if "xfail" in case else []
            yield pytest.param(lang, case, id=f"{lang}-{case['id']}", marks=marks)


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=0.005, abs_tol=1e-9)


def _describe(c) -> str:
    return f"{c.text!r}={c.value} {c.kind} {c.unit} {c.qualifier}"


@pytest.mark.parametrize(("lang", "case"), list(_cases()))
def test_case(lang: str, case: dict) -> None:
    claims = extract(case["text"], lang=lang, published=case.get("published"))
    for claim in claims:
        assert case["text"][claim.start:claim.end] == claim.text
    got = {c.text: c for c in claims}
    problems = []
    for want in case["claims"]:
        claim = got.pop(want["text"], None)
        if claim is None:
            problems.append(f"missed {want['text']!r}")
            continue
        expected = (want["value"], want["kind"], want.get("unit"), want["qualifier"])
        if not _close(claim.value, float(want["value"])) or str(claim.kind) != want["kind"] \
                or claim.unit != want.get("unit") or str(claim.qualifier) != want["qualifier"]:
            problems.append(f"{_describe(claim)} != {expected}")
        if "scope_year" in want and claim.scope.year != want["scope_year"]:
            problems.append(f"{want['text']!r} scope year {claim.scope.year} != {want['scope_year']}")
        if "forecast" in want and claim.scope.forecast != want["forecast"]:
            problems.append(f"{want['text']!r} forecast {claim.scope.forecast} != {want['forecast']}")
        if want["qualifier"] == "range" and not (_close(claim.low, want["low"]) and _close(claim.high, want["high"])):
            problems.append(f"{want['text']!r} range {claim.low}..{claim.high} != {want['low']}..{want['high']}")
    problems += [f"spurious {_describe(c)}" for c in got.values()]
    assert not problems, "; ".join(problems)
