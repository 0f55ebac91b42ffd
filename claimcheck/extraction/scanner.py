"""Find the numeric claims of one text.

One regex scan proposes candidate numbers; each candidate is then read outwards: currency
before it, scale words, units and currencies after it, and the context that makes it a date,
a time, a name, a reference, a range or a bound.  Everything language-specific comes from the
language's data through `patterns`.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
import re
from collections.abc import Callable

from ..lang import Language
from ..model import Claim, Kind, Qualifier, Scope
from . import context, patterns
from .digits import DigitReader
from .following import FollowingReader
from .fractions import FractionReader
from .patterns import Patterns
from .reading import (
    _LOWER,
    _UPPER,
    _key,
    _Number,
    _Skip,
)
from .times import TimeReader
from .words import WordReader

APPROX_MARGIN = 0.1
MAX_VALUE = 1e18


class Scanner(DigitReader, WordReader, FractionReader, TimeReader, FollowingReader):
    def __init__(self, text: str, code: str, published: dt.date | None = None, doc: str | None = None,
                 line_col: Callable[[int], tuple[int, int]] | None = None):
        """`doc` and `line_col` (offset -> line and column in the source file) go into every claim;
        without `line_col` lines and columns count in `text`."""
        self.text = text
        self.doc = doc
        low = text.lower()
        self.low = low if len(low) == len(text) else "".join(ch.lower()[0] for ch in text)
        self.p: Patterns = patterns.for_language(code)
        self.lang: Language = self.p.lang
        self.published = published
        self.rev_low, self.rev_text = self.low[::-1], text[::-1]
        self.size = len(text)
        self.last_end = 0
        self._date_names: set[str] | None = None
        self.index = context.TextIndex(text)
        self.line_col = line_col or self.index.line_col
        self._sentences: dict[tuple[int, int], str] = {}
        self.scopes = context.ScopeFinder(self.lang, published)

    def claims(self) -> list[Claim]:
        found: list[_Number] = []
        skip_until = 0
        for m in self._candidates():
            if m.start() < skip_until:
                continue
            try:
                number = self._read(m)
            except _Skip as skip:
                skip_until = max(skip_until, skip.until)
                continue
            if number is not None:
                found.append(number)
                skip_until = self.last_end = number.end
        found = self._join_bounds(found)
        self._share_units(found)
        cue_years = [n.start for n in found if n.year]
        return [c for c in (self._claim(n, cue_years) for n in found) if c is not None]

    def _candidates(self):
        """Candidate numbers in text order: two fast trigger scans (digits, number words), each
        hit read by the full pattern anchored there."""
        low, scan, p = self.low, self.p.scan, self.p
        digit = p.digit_trigger.search(low)
        word = p.word_trigger.search(low)
        while digit or word:
            near = None
            if digit and (not word or digit.start() <= word.start()):
                at, digit = digit.start(), p.digit_trigger.search(low, digit.end())
                trigger = at
            else:
                at = trigger = word.start()
                weak = self._lb(p.weak_before, at)
                if weak:
                    at = weak.start()  # "a million", "un milione", "one and a half", "one in five"
                    near = weak.start(1) if weak.group(1) and weak.start(1) != at else None
                word = p.word_trigger.search(low, word.end())
            end = at
            # should the weak word not start a number, a nearer one and the trigger get their turns
            for start in (at, near, trigger) if at != trigger else (at,):
                m = scan.match(low, start) if start is not None else None
                if m:
                    yield m
                    end = max(end, m.end())
            if digit and digit.start() < end:
                digit = p.digit_trigger.search(low, end)
            if word and word.start() < end:
                word = p.word_trigger.search(low, end)

    def _join_bounds(self, found: list[_Number]) -> list[_Number]:
        """"more than 100 and fewer than 300": a lower and an upper bound joined make one range."""
        out: list[_Number] = []
        for n in found:
            prev = out[-1] if out else None
            if prev is not None and n.qualifier_start > prev.end and self._bounds_pair(prev, n):
                lower, upper = (prev, n) if prev.qualifier in _LOWER else (n, prev)
                prev.low, prev.high, prev.qualifier = lower.value, upper.value, Qualifier.RANGE
                prev.value = (lower.value + upper.value) / 2
                prev.end, prev.info = n.end, prev.info or n.info
                continue
            out.append(n)
        return out

    def _share_units(self, found: list[_Number]) -> None:
        """"4 and 5 per cent", "two or three million people": the bare numbers of a list take
        the unit and scale written once after the last."""
        inherited: set[int] = set()
        for i in range(len(found) - 2, -1, -1):
            a, b = found[i], found[i + 1]
            if a.info or a.scaled or a.ordinal or a.year or a.currency or a.qualifier == Qualifier.RANGE:
                continue
            if not (b.info or b.scaled) or b.ordinal or b.year or b.currency or b.qualifier == Qualifier.RANGE:
                continue
            joiner = _key(self.text[a.end:b.qualifier_start if b.qualifier_start > a.end else b.start])
            if joiner not in self.lang.list_joiners or (joiner == "," and i + 1 not in inherited):
                continue  # a comma lists only before "and" or "or": "of the 12, 5 million"
            if b.scaled and not (abs(a.value) < 1000 and a.step <= 1):
                continue  # "1,500 and 3 million": not a list of millions
            a.info, a.scaled = b.info, b.scaled
            a.value *= b.factor
            a.factor = b.factor
            inherited.add(i)

    def _bounds_pair(self, a: _Number, b: _Number) -> bool:
        between = _key(self.text[a.end:b.qualifier_start])
        if between not in self.lang.bound_joiners:
            return False
        if not ({a.qualifier, b.qualifier} & _LOWER and {a.qualifier, b.qualifier} & _UPPER):
            return False
        if (a.info and b.info and (a.info.kind, a.info.unit) != (b.info.kind, b.info.unit)) or a.ordinal or b.ordinal:
            return False
        lower, upper = (a, b) if a.qualifier in _LOWER else (b, a)
        return lower.value < upper.value

    def _read(self, m: re.Match) -> _Number | None:
        group = m.lastgroup
        if group == "num":
            number = self._digits(m.start(), m.end())
        elif group == "word":
            number = self._words(m.start(), m.end())
        else:
            number = self._ordinal_word(m.start(), m.end())
        if number is None:
            return None
        if not number.ordinal and not number.year and not (
                self.p.ratio_after.match(self.low, number.end) and self._ratio(number)):
            if number.weak_lead:
                return None  # "one in a million": no share here, and "one" alone is no claim
            self._suffixes(number)
            self._range(number)
            if number.info is None and not number.scaled and number.qualifier != Qualifier.RANGE:
                self._bare_number(number)
        if not number.ordinal:  # "moved up to ninth place": a rank has no bound
            self._qualifier(number)
        return number

    def _claim(self, n: _Number, cue_years: list[int]) -> Claim | None:
        text, lang = self.text, self.lang
        kind, unit = _kind_and_unit(n)
        value = n.value * (n.info.factor if n.info else 1.0)
        if not math.isfinite(value) or abs(value) > MAX_VALUE:
            return None  # a run of hundreds of digits is no claim about the world
        low, high = _bounds(n, value)
        s_start, s_end = self.index.sentence(n.start, n.end)
        sentence = self._sentences.get((s_start, s_end))
        if sentence is None:  # one string for all the claims of a sentence
            sentence = self._sentences[(s_start, s_end)] = text[s_start:s_end]
        obj = context.measured_object(text, n.start, n.end, lang, kind in _OBJECT_EITHER_SIDE)
        if kind == Kind.NUMBER and value >= 0 and (value == int(value) or (
                n.qualifier == Qualifier.RANGE and low == int(low or 0.5) and high == int(high or 0.5))):
            kind = Kind.COUNT  # "7 to 10" is a range of counts, though its middle is 8.5
        if kind == Kind.YEAR:
            scope = Scope()
        else:
            lo, hi = bisect.bisect_left(cue_years, s_start), bisect.bisect_left(cue_years, s_end)
            cues = {y - s_start for y in cue_years[lo:hi]}
            scope = self.scopes.scope(self.low, s_start, s_end, (n.start - s_start, n.end - s_start), cues)
        line, column = self.line_col(n.start)
        precision = n.step * abs(value / n.core_value) if n.core_value else n.step
        if kind in _ONE_PLACE:
            precision = 1.0  # "2000" names one year and "100th" one place, not a rounded figure
        return Claim(
            text=text[n.start:n.end], value=value, kind=kind, unit=unit, qualifier=n.qualifier, precision=precision,
            low=low, high=high, start=n.start, end=n.end, object=obj, sentence=sentence,
            sentence_start=s_start, line=line, column=column, lang=lang.code, scope=scope,
            qualifier_text=n.qualifier_text, doc=self.doc,
        )


def _kind_and_unit(n: _Number) -> tuple[Kind, str | None]:
    if n.ordinal:
        return Kind.ORDINAL, None
    if n.year:
        return Kind.YEAR, None
    info = n.info
    if info is None:
        return Kind.NUMBER, None
    return _KINDS[info.kind], info.unit


_ONE_PLACE = frozenset({Kind.YEAR, Kind.ORDINAL})

_OBJECT_EITHER_SIDE = frozenset({Kind.PERCENT, Kind.CURRENCY, Kind.QUANTITY, Kind.YEAR, Kind.DURATION})

_KINDS = {"currency": Kind.CURRENCY, "percent": Kind.PERCENT, "points": Kind.PERCENT, "unit": Kind.QUANTITY,
          "duration": Kind.DURATION}


def _bounds(n: _Number, value: float) -> tuple[float | None, float | None]:
    factor = n.info.factor if n.info else 1.0
    q = n.qualifier
    if q == Qualifier.EXACT:
        return value, value
    if q == Qualifier.RANGE:
        return (n.low or 0) * factor, (n.high or 0) * factor
    if q == Qualifier.APPROX:
        low, high = sorted((value * (1 - APPROX_MARGIN), value * (1 + APPROX_MARGIN)))
        return low, high
    if q in _LOWER:
        return value, None
    return None, value
