"""Two claims about one thing, compared as intervals: the bounds their words allow, the
rounding their written precision admits, the exchange rate of their day, and their scope."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from .. import lang as langdata
from ..model import Claim, Kind, Qualifier, Verdict
from . import rates

APPROX = 0.10  # "about", "circa", "khoảng": ten percent either way
ROUNDING = 0.5  # of the last written digit ("290,000" admits 285,000 to 295,000)
MAX_ROUNDING = 0.10  # "100 million" is 90 to 110 million, not 50 to 150 million
CONVERTED_SLACK = 0.005
DIVERGENT_RATIO = 2.0  # bounds that both hold but differ this much mislead ("more than 1,200" vs "12,000")
LOWER = {Qualifier.MORE_THAN, Qualifier.AT_LEAST}
UPPER = {Qualifier.LESS_THAN, Qualifier.AT_MOST, Qualifier.UP_TO}


@dataclass(frozen=True, slots=True)
class Interval:
    low: float
    high: float

    def overlaps(self, other: Interval) -> bool:
        """Strictly: "1978" and "1979" only touch at 1978.5 and do not agree."""
        if self.low == self.high or other.low == other.high:
            return self.low <= other.high and other.low <= self.high
        return self.low < other.high and other.low < self.high

    def scaled(self, lo: float, hi: float) -> Interval:
        candidates = [self.low * lo, self.low * hi, self.high * lo, self.high * hi]
        finite = [c for c in candidates if not math.isnan(c)]
        return Interval(min(finite), max(finite))


@dataclass(frozen=True, slots=True)
class Comparison:
    verdict: Verdict
    ratio: float
    detail: str


def interval(claim: Claim, exact: bool = False) -> Interval:
    """The values a claim's words allow, in its own unit.  `exact` for an amount whose written
    conversion sits next to it: the writer converted that figure, not a rounded one."""
    slack = min(claim.precision * ROUNDING, abs(claim.value) * MAX_ROUNDING)
    if exact:
        slack = abs(claim.value) * CONVERTED_SLACK
    v = claim.value
    q = claim.qualifier
    if q == Qualifier.RANGE and claim.low is not None and claim.high is not None:
        return Interval(claim.low - slack, claim.high + slack)
    if q == Qualifier.APPROX:
        margin = max(abs(v) * APPROX, slack)
        return Interval(v - margin, v + margin)
    strict = abs(v) * 1e-9 + 1e-12  # "more than 10" excludes 10 itself
    if q in LOWER:
        return Interval(v + strict if q == Qualifier.MORE_THAN else v, math.inf)
    if q in UPPER:
        return Interval(-math.inf, v - strict if q == Qualifier.LESS_THAN else v)
    return Interval(v - slack, v + slack)


def base_factor(claim: Claim) -> float:
    """To the base unit of the claim's dimension (tonnes to kilograms, days to seconds, a share
    to a percentage)."""
    if claim.share:
        return 100.0
    if claim.kind in (Kind.QUANTITY, Kind.DURATION) and claim.unit:
        dims = langdata.get(claim.lang or "en").dimensions
        return dims.get(claim.unit, ("", 1.0))[1]
    return 1.0


def compare(a: Claim, b: Claim, date_a: dt.date | None, date_b: dt.date | None,
            year_a: int | None, year_b: int | None, conversion: bool = False) -> Comparison | None:
    """The verdict on two claims of one topic, or None when they cannot be compared (money in
    a currency the rate series does not cover).  `conversion`: `b` is written as the
    conversion of `a` in one text."""
    ia, ib = interval(a, exact=conversion), interval(b)
    if a.kind == Kind.CURRENCY and a.unit != b.unit:
        span = rates.factor_range(b.unit or "", a.unit or "", date_b or date_a)
        if span is None:
            return None
        if not conversion and _same_figure(a, b) and not span[0] <= 1.0 <= span[1]:
            # "$4.1 billion" in one article and "4,1 miliardi di euro" in its translation: nobody
            # converts a sum and lands on the same digits; the currency was swapped.
            scoped = year_a is not None and year_b is not None and year_a != year_b
            verdict = Verdict.SCOPE_DIFFERS if scoped else Verdict.DIVERGENT
            rate = math.sqrt(span[0] * span[1])
            return Comparison(verdict, max(rate, 1 / rate), "the same figure in two currencies "
                              f"(1 {b.unit} = {rate:.4g} {a.unit} that day)")
        ib = ib.scaled(*span)
    else:
        fa, fb = base_factor(a), base_factor(b)
        ia, ib = ia.scaled(fa, fa), ib.scaled(fb, fb)
    ratio = _ratio(ia, ib, a, b)
    scoped = (year_a is not None and year_b is not None and year_a != year_b) or a.scope.forecast != b.scope.forecast
    if not ia.overlaps(ib):
        verdict = Verdict.SCOPE_DIFFERS if scoped else Verdict.CONFLICT
        return Comparison(verdict, ratio, _detail(a, b, ia, ib, year_a, year_b, scoped))
    same_side = (a.qualifier in LOWER and b.qualifier in LOWER) or (a.qualifier in UPPER and b.qualifier in UPPER)
    if same_side and ratio >= DIVERGENT_RATIO:
        verdict = Verdict.SCOPE_DIFFERS if scoped else Verdict.DIVERGENT
        return Comparison(verdict, ratio, _detail(a, b, ia, ib, year_a, year_b, scoped))
    return Comparison(Verdict.CONSISTENT, ratio, "the values agree within their bounds and rounding")


def _same_figure(a: Claim, b: Claim) -> bool:
    """The same number written twice ("4.1 billion" and "4,1 miliardi"), whether or not both
    say it is an estimate."""
    ranges = (a.qualifier == Qualifier.RANGE, b.qualifier == Qualifier.RANGE)
    same_bounds = (a.low, a.high) == (b.low, b.high) if all(ranges) else not any(ranges)
    return same_bounds and a.value != 0 and abs(a.value - b.value) <= 1e-9 * abs(a.value)


def _ratio(ia: Interval, ib: Interval, a: Claim, b: Claim) -> float:
    va = _centre(ia, a)
    vb = _centre(ib, b)
    lo, hi = sorted((abs(va), abs(vb)))
    return hi / lo if lo else math.inf


def _centre(i: Interval, claim: Claim) -> float:
    if math.isinf(i.low) and math.isinf(i.high):
        return claim.value
    if math.isinf(i.high):
        return i.low
    if math.isinf(i.low):
        return i.high
    return (i.low + i.high) / 2


def _detail(a: Claim, b: Claim, ia: Interval, ib: Interval, year_a: int | None, year_b: int | None,
            scoped: bool) -> str:
    if a.scope.forecast != b.scope.forecast:
        return "one is a forecast or a target, the other a measurement"
    if scoped:
        return f"they refer to different years ({year_a} and {year_b})"
    if ia.overlaps(ib):
        return "both bounds can hold, but they differ so much that one of them misleads"
    return "no value satisfies both"
