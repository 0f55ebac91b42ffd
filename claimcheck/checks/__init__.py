"""Findings: every topic's claims compared pairwise, each disagreement reported by its rule."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import math
import re
from collections import defaultdict

from ..documents.paths import display_path
from ..graph import ClaimGraph, same_value
from ..graph.linking import Evidence
from ..model import Claim, Document, Finding, Kind, Severity, Verdict
from . import compare, conflicting_values, conversion_mismatch, divergent_values, scope_differs
from .rule import Rule

RULES: tuple[Rule, ...] = (
    conflicting_values.RULE, divergent_values.RULE, scope_differs.RULE, conversion_mismatch.RULE,
)
BY_VERDICT = {r.verdict: r for r in RULES if r is not conversion_mismatch.RULE}
SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.NOTE: 2}
SCOPE_NOTE_MAX_RATIO = 10.0
_YEAR = re.compile(r"(?<!\d)(19\d\d|20\d\d)(?!\d)")


def document_year(doc: Document) -> int | None:
    """The year an article is about when a claim does not say: its publication year, else a
    single year named in its title."""
    if doc.published:
        return doc.published.year
    years = set(_YEAR.findall(doc.title or ""))
    return int(years.pop()) if len(years) == 1 else None


def run(claims: list[Claim], documents: list[Document], graph: ClaimGraph) -> list[Finding]:
    docs = {d.id: d for d in documents}
    years = {d.id: document_year(d) for d in documents}
    cached_compare = _Comparisons()
    found: list[tuple] = []
    groups = [(topic.id, [(a, b) for x, a in enumerate(graph.members[topic.id])
                          for b in graph.members[topic.id][x + 1:]]) for topic in graph.topics]
    for topic_id, candidates in groups:
        pairs = []
        for a, b in candidates:
            ca, cb = claims[a], claims[b]
            if ca.doc == cb.doc and ca.sentence_start == cb.sentence_start and not _conversion(graph, a, b):
                continue
            converted = _conversion(graph, a, b)
            first, second = (ca, cb) if ca.start <= cb.start or ca.doc != cb.doc else (cb, ca)
            result = cached_compare(first, second, _date(docs, first), _date(docs, second),
                                    _scope_year(first, years), _scope_year(second, years), converted)
            if result is None or result.verdict == Verdict.CONSISTENT:
                continue
            if result.verdict == Verdict.SCOPE_DIFFERS and result.ratio >= SCOPE_NOTE_MAX_RATIO:
                continue  # years apart and ten times apart: more likely two different measures
            rule = conversion_mismatch.RULE if _conversion(graph, a, b) else BY_VERDICT[result.verdict]
            pairs.append((rule, a, b, result))
        # Report the clearest disagreements first; a claim is reported once per rule and topic.
        pairs.sort(key=lambda p: (SEVERITY_ORDER[p[0].severity], -min(p[3].ratio, 1e12), p[1], p[2]))
        used: dict[str, set[int]] = defaultdict(set)
        for rule, a, b, result in pairs:
            if a in used[rule.name] or b in used[rule.name]:
                continue
            # The same disagreement with more articles: "68,000" against "86.000" and "86 000".
            more = [y if x in (a, b) else x for r, x, y, _ in pairs
                    if r is rule and len({x, y} & {a, b}) == 1 and not {x, y} & used[rule.name]
                    and same_value(claims[b if a in (x, y) else a], claims[y if x in (a, b) else x])]
            used[rule.name] |= {a, b, *more}
            found.append((rule, a, b, result, topic_id, tuple(more)))

    findings = []
    for rule, a, b, result, topic_id, more in found:
        ca, cb = claims[a], claims[b]
        others = [claims[i] for i in more]
        evidence = _evidence(graph, a, b)
        message = _message(ca, cb, result, docs)
        if others:
            noun = "article" if len(others) == 1 else "articles"
            message += f" (and {len(others)} more {noun} agreeing with one side)"
        findings.append(Finding(
            id="", rule=rule.name, verdict=result.verdict, severity=rule.severity, topic=topic_id,
            claims=(ca.id, cb.id, *(c.id for c in others)), confidence=_confidence(rule, result, evidence),
            message=message, explanation=_explanation(ca, cb, result, evidence, docs),
            fingerprint=fingerprint(rule.name, [ca, cb], docs),
        ))
    findings.sort(key=lambda f: (SEVERITY_ORDER[f.severity], -f.confidence, f.fingerprint))
    return [_with_id(f, n) for n, f in enumerate(findings, 1)]


class _Comparisons:
    """compare.compare, once per distinct pair of written values: the translations of a figure
    in a topic are compared once, not once per pair of articles."""

    def __init__(self):
        self._seen: dict[tuple, compare.Comparison | None] = {}

    def __call__(self, a: Claim, b: Claim, date_a: dt.date | None, date_b: dt.date | None,
                 year_a: int | None, year_b: int | None, conversion: bool) -> compare.Comparison | None:
        money = a.kind == Kind.CURRENCY
        key = (_signature(a), _signature(b), date_a if money else None, date_b if money else None,
               year_a, year_b, conversion)
        if key not in self._seen:
            self._seen[key] = compare.compare(a, b, date_a, date_b, year_a, year_b, conversion=conversion)
        return self._seen[key]


def _signature(c: Claim) -> tuple:
    """Everything of a claim that compare.compare reads."""
    return (c.kind, c.unit, c.value, c.low, c.high, c.precision, c.qualifier, c.scope.forecast,
            c.lang if c.kind in (Kind.QUANTITY, Kind.DURATION) else None)


def _scope_year(claim: Claim, years: dict[str, int | None]) -> int | None:
    """The year a claim is about: its own words, else its article's year; a year or an ordinal
    ("founded in 1887", "the 13th edition") is about no other year."""
    if claim.scope.year is not None:
        return claim.scope.year
    if claim.kind in (Kind.YEAR, Kind.ORDINAL):
        return None
    return years.get(claim.doc or "")


def _with_id(f: Finding, n: int) -> Finding:
    from dataclasses import replace

    return replace(f, id=f"f{n}")


def _date(docs: dict[str, Document], claim: Claim) -> dt.date | None:
    doc = docs.get(claim.doc or "")
    return doc.published if doc else None


def _conversion(graph: ClaimGraph, a: int, b: int) -> bool:
    evidence = graph.edges.get((a, b) if a < b else (b, a))
    return bool(evidence and evidence.conversion)


def _evidence(graph: ClaimGraph, a: int, b: int) -> Evidence | None:
    direct = graph.edges.get((a, b) if a < b else (b, a))
    if direct:
        return direct
    around = [e for (x, y), e in graph.edges.items() if x in (a, b) or y in (a, b)]
    if not around:
        return None
    # Linked through a third claim: its edge says why, but not that these two share a value.
    return dataclasses.replace(max(around, key=lambda e: e.weight), same_value=False)


def _confidence(rule: Rule, result: compare.Comparison, evidence: Evidence | None) -> float:
    link = evidence.weight if evidence else 0.5
    if rule.verdict == Verdict.CONFLICT:
        clarity = 0.7 + 0.3 * min(1.0, math.log10(max(result.ratio, 1.0)))
    elif rule.verdict == Verdict.DIVERGENT:
        clarity = min(0.9, 0.55 + 0.1 * math.log2(max(result.ratio, 1.0)))
    else:
        clarity = 0.5
    return round(min(1.0, link * 0.6 + 0.4) * clarity, 2)


def _where(claim: Claim, docs: dict[str, Document]) -> str:
    doc = docs.get(claim.doc or "")
    return f"{display_path(doc.path) if doc else '?'}:{claim.line}"


def describe_value(claim: Claim) -> str:
    """A claim's value in words that keep its qualifier: "more than 12,000", "€4.2 million"."""
    words = {"more_than": "more than ", "at_least": "at least ", "less_than": "less than ",
             "at_most": "at most ", "up_to": "up to ", "approx": "about "}
    if claim.share:  # "due terzi (66.67%)"
        return f"{words.get(str(claim.qualifier), '')}{claim.text} ({_num(claim.value * 100)}%)"
    if claim.qualifier == "range" and claim.low is not None and claim.high is not None:
        body = f"{_num(claim.low)} to {_num(claim.high)}"
    elif claim.kind == Kind.YEAR:
        body = f"{claim.value:.0f}"
    else:
        body = _num(claim.value)
    unit = "%" if claim.unit == "%" else f" {claim.unit}" if claim.unit else ""
    return f"{words.get(str(claim.qualifier), '')}{body}{unit}"


def _num(value: float) -> str:
    if abs(value) < 1e15 and abs(value - round(value)) <= 1e-9 * max(1.0, abs(value)):
        return f"{round(value):,}"  # "4,100,000,000", not "4.1e+09" for a float a hair off
    return f"{value:,.4g}" if abs(value) >= 1 else f"{value:.4g}"


def _message(a: Claim, b: Claim, result: compare.Comparison, docs: dict[str, Document]) -> str:
    times = f" ({result.ratio:.1f}×)" if math.isfinite(result.ratio) and result.ratio >= 1.05 else ""
    return f"{describe_value(a)} vs {describe_value(b)}{times}: {result.detail}"


def _explanation(a: Claim, b: Claim, result: compare.Comparison, evidence: Evidence | None,
                 docs: dict[str, Document]) -> str:
    why = evidence.describe() if evidence else "they sit in the same topic"
    return (f"Linked because {why}. \"{a.text}\" ({_where(a, docs)}) and \"{b.text}\" ({_where(b, docs)}): "
            f"{result.detail}.")


def fingerprint(rule: str, claims: list[Claim], docs: dict[str, Document]) -> str:
    """Stable across edits elsewhere in the files: the rule, the two documents and the two values
    as written, never line numbers, offsets, topic labels or the other articles that agree."""

    def number(value: float | None) -> str:
        return "" if value is None else format(value, ".15g")

    parts = sorted(
        f"{display_path(docs[c.doc].path) if c.doc in docs else ''}|{c.kind}|{c.unit}|{c.qualifier}"
        f"|{number(c.value)}|{number(c.low)}|{number(c.high)}"
        for c in claims
    )
    digest = hashlib.sha256("\n".join([rule, *parts]).encode("utf-8")).hexdigest()
    return digest[:20]
