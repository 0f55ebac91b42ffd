"""Find the numeric claims of one text.

One regex scan proposes candidate numbers; each candidate is then read outwards: currency
before it, scale words, units and currencies after it, and the context that makes it a date,
a time, a name, a reference, a range or a bound.  Everything language-specific comes from the
language's data through `patterns`.
"""

from __future__ import annotations

import bisect
import contextlib
import datetime as dt
import math
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from ..lang import Language
from ..model import Claim, Kind, Qualifier, Scope
from . import context, numerals, patterns
from .patterns import Patterns, UnitInfo

APPROX_MARGIN = 0.1
MAX_VALUE = 1e18
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")
_CURRENCY_CHARS = set("$€£¥₫₹₩₽₺₪₴₦฿₿元")


def _key(text: str) -> str:
    return " ".join(text.lower().split())


@dataclass
class _Number:
    """A number being read: its span so far and what has been learned about it."""

    start: int
    core_end: int
    end: int
    value: float
    decimals: int = 0
    words: bool = False
    negative: bool = False
    currency: str | None = None
    scaled: bool = False
    info: UnitInfo | None = None
    ordinal: bool = False
    year: bool = False
    qualifier: Qualifier = Qualifier.EXACT
    qualifier_text: str = ""
    qualifier_start: int = -1
    core_value: float = 0.0  # the number as written, before scale words
    step: float = 1.0  # the written precision of core_value
    factor: float = 1.0  # the scale words after it: "3 million" has 1e6
    low: float | None = None
    high: float | None = None
    weak_lead: bool = False  # a weak word alone ("one"): a number only as the start of a share
    notes: list[str] = field(default_factory=list)


class _Skip(Exception):
    """Not a claim; scanning resumes at `until`."""

    def __init__(self, until: int = 0):
        self.until = until


class Scanner:
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

    # `Behind.at` written out, without its call: these run several times per candidate number.
    def _lb(self, pattern: patterns.Behind, end: int) -> patterns.BehindMatch | None:
        """`pattern` ending at `end` in the lower-cased text."""
        m = pattern.rx.match(self.rev_low, self.size - end)
        return patterns.BehindMatch(m, self.low, self.size) if m else None

    def _tb(self, pattern: patterns.Behind, end: int) -> patterns.BehindMatch | None:
        """`pattern` ending at `end` in the text as written."""
        m = pattern.rx.match(self.rev_text, self.size - end)
        return patterns.BehindMatch(m, self.text, self.size) if m else None

    # -- the loop -------------------------------------------------------------------------
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

    # -- digits ---------------------------------------------------------------------------
    def _digits(self, s: int, e: int, in_range: bool = False) -> _Number | None:
        text, p = self.text, self.p
        prev = text[s - 1] if s else " "
        prev2 = text[s - 2] if s > 1 else " "
        start, currency = s, None
        cm = self._tb(p.currency_prefix, s)
        signed = False
        if cm is None and prev in "-−" and s > 1:
            cm = self._tb(p.currency_prefix, s - 1)  # "$-99.99"
            signed = cm is not None
        if cm and cm.start() < self.last_end:
            cm, signed = None, False  # "12 $ 15": the symbol already belongs to the number before
        if cm:
            symbol = cm.group(1) or cm.group(2)
            start = cm.start(1) if cm.group(1) else cm.start(2)
            currency = self.lang.currency_symbols.get(symbol) or self.lang.currency_words.get(symbol.lower(), symbol)
        elif prev.isalpha() or prev in _CURRENCY_CHARS:
            raise _Skip(self._token_end(e))  # "G7", "A380", "CO2": part of a name
        if prev in "-–" and prev2.isalpha() and not in_range:
            raise _Skip(self._token_end(e))  # "Covid-19"
        if not signed and ((prev in "-–/:.,+" and prev2.isdigit() and not in_range) or prev in "#@_=&\\/%"):
            raise _Skip(self._token_end(e))
        if prev in "/=?&%:.#" or prev.isalpha():
            url = _URL_START.search(text, max(0, s - 300), s)
            if url:
                raise _Skip(self._url_end(e))
        if _SEPARATED.match(text, s):  # only then can it be a date, a time or a phone number
            for rx in (p.numeric_date, p.time_of_day):
                dm = rx.match(text, s)
                if dm and dm.end() >= e:
                    raise _Skip(dm.end())
            ph = p.phone.match(text, s)
            if ph and ph.end() > e and sum(ch.isdigit() for ch in ph.group()) >= 7 \
                    and not self._year_then_figure(s, e, ph.end()) and not _GROUP_AFTER.match(text, ph.end()):
                raise _Skip(ph.end())

        raw = text[s:e]
        figure = self._figure(raw)
        if figure is None:
            raise _Skip(e)
        value, decimals, step = figure
        if prev == "." and not prev2.isalnum() and raw.isdigit() and start == s:
            start, value, decimals, step = s - 1, float("0." + raw), len(raw), 10.0 ** -len(raw)  # ".25"
        number = _Number(start=start, core_end=e, end=e, value=value, decimals=decimals, currency=currency,
                         core_value=value, step=step)
        if signed:
            number.negative, number.value = True, -value
        elif start == s and prev in "-−" and not prev2.isalnum():
            number.start, number.negative, number.value = s - 1, True, -value
        elif neg := self._lb(p.negative_before, start):
            number.start, number.negative, number.value = neg.start(1), True, -value
        if not ("/" in text[e:e + 12] and self._digit_fraction(number)):
            self._not_a_date_or_time(number, s)
        # "Buslinie 41.000 Fahrgäste": a figure with a thousands point or comma is a count, not line 41
        grouped = value >= 1000 and decimals == 0 and any(ch in ".,’'" for ch in raw)
        if not grouped and self._tb(p.reference_before, s) and not p.unit.match(text, e):
            m = _DIGIT_RUN.match(text, e)
            raise _Skip(m.end() if m else e)
        om = p.ordinal_suffix.match(text, e)
        if om and not currency and decimals == 0 and value == int(value) and self._ordinal_suffix_ok(s, om):
            number.ordinal, number.end = True, om.end()
            if value == 1:
                raise _Skip(om.end())
            return number
        if self._year_like(number, raw, s, e) and not in_range:
            if self._lb(p.year_cue, start) or self._year_of_event(s, e):
                number.year = True
                return number
            end = self._year_range_end(e)
            if end > e or not self._range_of_numbers_after(e):
                raise _Skip(end)  # "2020-21", "the 2021 festival": a scope, not a claim
        return number

    def _figure(self, raw: str) -> tuple[float, int, float] | None:
        """Value, decimals and written step of a figure: digits in the language's format, maybe
        with a fraction character ("5½", "¾") or an exponent ("1.3e6")."""
        exponent, fraction = 0, 0.0
        if raw[-1] in patterns.VULGAR:
            raw, fraction = raw[:-1], unicodedata.numeric(raw[-1])
            if not raw:
                return fraction, 0, fraction
        elif "e" in raw or "E" in raw:
            raw, _, power = raw.lower().partition("e")
            exponent = int(power)
        parsed = numerals.parse_digits(raw, self.lang)
        if parsed is None:
            return None
        value, decimals = parsed
        if fraction:
            return value + fraction, decimals, fraction if decimals == 0 else 10.0 ** -decimals
        if exponent:  # "1.3e6" is written to a hundred thousand
            return value * 10.0 ** exponent, max(0, decimals - exponent), 10.0 ** (exponent - decimals)
        return value, decimals, _written_step(raw, decimals)

    def _digit_fraction(self, number: _Number) -> bool:
        """"2 1/4", and "3/4 of" or "1/2 mile": a fraction written with a slash, read into
        `number`.  A bare "3/4" stays what it most often is in news, a day and a month."""
        if number.decimals or number.currency or number.value != int(number.value):
            return False
        text, e = self.text, number.core_end
        mixed = _MIXED_FRACTION.match(text, e) or self.p.mixed_fraction.match(self.low, e)
        if mixed:
            count, parts = int(mixed.group(1)), int(mixed.group(2))
            if 1 <= count < parts <= 100:
                number.value += (-1 if number.negative else 1) * count / parts
                number.core_value, number.step = number.value, 1 / parts
                number.core_end = number.end = mixed.end()
                return True
            return False
        slash = _SLASH_FRACTION.match(text, e)
        if not slash:
            return False
        count, parts = abs(number.value), int(slash.group(1))
        if not 1 <= count < parts <= 100:
            return False
        after = slash.end()
        if not (number.negative or self.p.share_of.match(self.low, after) or self.p.unit.match(text, after)
                or self.p.scale.match(text, after) or self._bounded(number.start)):
            return False
        number.value = (-count if number.negative else count) / parts
        number.core_value, number.step = number.value, 1 / parts
        number.core_end = number.end = after
        return True

    def _ratio(self, number: _Number) -> bool:
        """"one in five adults", "8 out of 10", "uno su tre": a share written as a count of a
        count, read into `number`."""
        rm = self.p.ratio_after.match(self.low, number.end)
        if not rm or number.currency or number.decimals or number.value != int(number.value) or number.value < 1:
            return False
        if self.p.unit.match(self.text, number.end):
            return False  # "năm phần trăm" is five per cent
        counted = rm.group(1)
        if counted and (not number.words or counted.lower() in self.lang.stopwords
                        or self._unit_info_of(counted) is not None):
            return False  # "un Français sur cinq", but not "3 goals in 5" or "one day in five"
        second = self.p.scan.match(self.low, rm.end())
        if not second or second.lastgroup == "ordw":
            return False
        if second.lastgroup == "num":
            raw = self.text[second.start():second.end()]
            parsed = numerals.parse_digits(raw, self.lang)
            if parsed is None or parsed[1] or (len(raw) == 4 and 1000 <= parsed[0] <= 2100):
                return False  # "5 in 2021" is a year
            whole, end = parsed[0], second.end()
        else:
            units, _, ends = self._word_units(second.start(), second.end())
            reading = numerals.parse_words(units, self.lang)
            if units[0] in self.lang.weak or reading is None or reading.share:
                return False  # "one in a million" is a manner of speaking
            whole, end = reading.value, ends[reading.used - 1]
        if whole <= number.value or self.p.unit.match(self.text, end) or self.p.scale.match(self.text, end):
            return False  # "two in three years", "1 in 2 million"
        number.value = number.core_value = number.value / whole
        number.step, number.end = 1 / whole, end
        return True

    def _year_then_figure(self, s: int, e: int, end: int) -> bool:
        """"2026 7.240 studenten": a year (or "2025-2026"), a space and a figure with a thousands
        separator, not a phone number."""
        raw = self.text[s:e]
        if len(raw) != 4 or not (raw.isascii() and raw.isdigit()) or not 1000 <= int(raw) <= 2100:
            return False
        e = self._year_range_end(e)  # "2025-2026 7.240"
        if self.text[e:e + 1] != " ":
            return False
        m = self.p.scan.match(self.low, e + 1)
        return bool(m and m.end() == end and any(ch in ".,’'" for ch in m.group()))

    def _range_of_numbers_after(self, e: int) -> bool:
        rm = self.p.range_after.match(self.low, e)
        return bool(rm and self.low[rm.end():rm.end() + 1].isdigit())

    def _ordinal_suffix_ok(self, s: int, om: re.Match) -> bool:
        if self.text[s:om.end()].endswith(".") and om.group(0) == ".":
            # "13." is an ordinal only as "die 13. Ausgabe": after a determiner, before a word.
            nxt = self.text[om.end():om.end() + 2]
            return bool(self._lb(self.p.determiner_before, s)) and nxt[:1] == " " \
                and nxt[1:].isalpha()
        return True

    def _not_a_date_or_time(self, number: _Number, s: int) -> None:
        """Raise _Skip for days, months, years of dates and for times of day."""
        p, low, e = self.p, self.low, number.core_end
        value = number.value
        day_like = number.decimals == 0 and 1 <= value <= 31
        if day_like:
            dm = p.date_after.match(low, e)
            if dm:
                raise _Skip(dm.end())
        if (day_like or 1000 <= value <= 2100) and self._lb(p.month_before, s):
            rm = _DAY_RANGE.match(low, e)
            raise _Skip(rm.end() if rm else e)
        if day_like and value <= 12 and self._lb(p.month_number_before, s):
            raise _Skip(e)
        if day_like and self.lang.day_prefixes:
            before = low[max(0, s - 16):s].split()
            if before and before[-1] in self.lang.day_prefixes:
                rm = p.range_after.match(low, e)
                raise _Skip(self._token_end(rm.end()) if rm else e)  # "ngày 20": a day
        if value > 24 and number.decimals != 2:
            return  # neither an hour nor a clock time "15.30"
        raw = self.text[s:e]
        clock = _CLOCK.fullmatch(raw)
        if number.decimals == 0 and value <= 24 and (hour := self._hour_word_at(e)) and self._at_hour(s):
            raise _Skip(hour)  # "a las 8 horas", "om 9 uur", "à 8 heures": a time of day
        if (number.decimals == 0 and value <= 24) or (clock and int(clock[1]) <= 24 and int(clock[2]) < 60):
            after = p.time_after.match(low, e)
            if after and not (number.decimals == 0 and self._hour_word_at(e) == after.end()):  # "durante 8 horas"
                raise _Skip(after.end())
        if p.unit.match(self.text, e):
            return
        if number.decimals == 0 and value <= 24 and self._lb(p.time_before, s):
            nxt = _NEXT_WORD.match(self.text, e)
            if not nxt or _ELISION.split(nxt.group(1).lower())[0] in self.lang.stopwords \
                        or self._lb(p.time_before, nxt.end(1)):
                end = self._time_range_end(e)
                if end > e and (p.unit.match(self.text, end) or self._counts_something(end)):
                    return  # "from 7 to 10 points": a range of something, not hours
                raise _Skip(end)
        raw = self.text[s:e]
        if _CLOCK.fullmatch(raw):
            hh, mm = int(raw[:-3]), int(raw[-2:])
            after = p.time_after.match(low, e)
            if hh <= 24 and mm < 60 and (after or self._lb(p.time_before, s)):
                raise _Skip(after.end() if after else e)
        if e < len(low) and low[e] == "/" and _SLASH_DAY.match(low, e) and day_like:
            raise _Skip(e + 3)

    def _hour_word_at(self, e: int) -> int:
        """The end of a word for hours right after `e` ("horas", "uur", "heures"), else 0."""
        m = _NEXT_WORD.match(self.text, e)
        word = m.group(1).lower() if m else ""
        return m.end() if len(word) > 2 and self.lang.durations.get(word, ("",))[0] == "hour" else 0

    def _at_hour(self, s: int) -> bool:
        """A word that makes the number after it an hour of the day ("om", "a las", "à")."""
        return bool(self._lb(self.p.time_before, s) or self._lb(self.p.hour_before, s))

    def _time_of_day_words(self, number: _Number) -> None:
        """"om negen uur", "om kwart over drie": number words after a time word are an hour."""
        value, e = number.value, number.core_end
        if value != int(value) or not 0 <= value <= 24 or not self._at_hour(number.start):
            return
        hour = self._hour_word_at(e)
        if hour:
            raise _Skip(hour)
        nxt = _NEXT_WORD.match(self.text, e)
        if self._lb(self.p.time_before, number.start) and not self.p.unit.match(self.text, e) and (
                not nxt or nxt.group(1).lower() in self.lang.stopwords):
            raise _Skip(e)

    def _time_range_end(self, e: int) -> int:
        """The end of "9 alle 18", "9 to 17": a second time after a time word or a joiner."""
        m = _TIME_RANGE.match(self.low, e)
        if m and (self._lb(self.p.time_before, m.end() - len(m.group().rsplit(None, 1)[-1]))
                  or self.p.range_after.match(self.low, e)):
            return m.end()
        return e

    def _year_like(self, number: _Number, raw: str, s: int, e: int) -> bool:
        if number.currency or number.negative or not (len(raw) == 4 and raw.isdigit()):
            return False
        if not 1000 <= number.value <= 2100 or self._bounded(number.start):
            return False
        if self.p.scale.match(self.text, e) or self.p.unit.match(self.text, e):
            return False
        m = _NEXT_WORD.match(self.text, e)
        if m:
            word = m.group(1)
            if word[0].islower() and word.lower() not in self.lang.stopwords:
                before = self.low[max(0, s - 12):s].split()
                if not before or before[-1] not in self.lang.year_words:
                    return False  # "1500 dipendenti": a count
        return True

    def _year_of_event(self, s: int, e: int) -> bool:
        """A year a few words from a one-time event's word, in the same clause."""
        window = YEAR_EVENT_WINDOW
        return bool(self.p.year_event_before.search(self.low, max(0, s - window), s)
                    or self.p.year_event_after.match(self.low, e, e + window))

    def _year_range_end(self, e: int) -> int:
        """The end of "2020-21" or "2019/2020" after a year at `e`, else `e`."""
        m = _YEAR_RANGE.match(self.text, e)
        if m and (len(m.group(1)) == 2 or 1000 <= int(m.group(1)) <= 2100):
            return m.end()
        return e

    def _url_end(self, e: int) -> int:
        m = _NON_SPACE.match(self.text, e)
        return m.end() if m else e

    def _token_end(self, e: int) -> int:
        m = _TOKEN_TAIL.match(self.text, e)
        return m.end() if m else e

    # -- words ----------------------------------------------------------------------------
    def _words(self, s: int, e: int, in_range: bool = False) -> _Number | None:
        lang, low = self.lang, self.low
        units, starts, ends = self._word_units(s, e)
        while len(units) > 1 and (units[0] in lang.compound_only or (
                units[0] in lang.weak and units[1] not in lang.scales and units[1] not in lang.fraction_parts
                and units[1] not in lang.fraction_joiners)):
            # "a five-year contract", "fabrieken en drie": the lead word is not part of the number
            units, starts, ends = units[1:], starts[1:], ends[1:]
        s, first = starts[0], units[0]
        om = self._lb(self.p.ordinal_prefix, s)
        if om:
            reading = numerals.parse_words(units, lang)
            if reading is None or reading.share:
                return None
            end = ends[reading.used - 1]
            number = _Number(start=s, core_end=end, end=end, value=reading.value, words=True)
            return self._prefixed_ordinal(number, om)
        if len(units) == 1 and first in lang.elided and self.text[e:e + 1] in "'’" \
                and self.text[e + 1:e + 2].isalpha():  # "vent'anni"
            value = lang.elided[first]
            return _Number(start=s, core_end=e + 1, end=e + 1, value=value, words=True, core_value=value,
                           step=_written_step(str(int(value)), 0))
        negative = self._lb(self.p.negative_before, s)
        if first in lang.fractions and (len(units) == 1 or (len(units) == 2 and units[1] in lang.weak)):
            article = self.p.article_after.match(low, starts[0] + len(first))  # "half an hour", "nửa tháng"
            at = article.end() if article else starts[0] + len(first)
            if self.p.unit.match(self.text, at):
                value = lang.fractions[first]
                return _Number(start=s, core_end=at, end=at, value=value, words=True, core_value=value, step=value)
        weak_lead = len(units) == 1 and first in lang.weak and not negative
        if len(units) == 1 and (first in lang.compound_only or first in lang.fractions or first in lang.fraction_parts
                                or (weak_lead and not self.p.ratio_after.match(low, e))):
            return None  # "one" alone is a pronoun, but "one in five" a share
        if not lang.compound_words and first in lang.compound_only:
            return None
        if len(units) == 1 and first in lang.ambiguous and not self._ambiguous_ok(first, s, e):
            return None
        nxt = _NEXT_WORD.match(self.text, e)
        if nxt is not None and nxt.group(0).lstrip()[:1].isdigit():
            return None  # "năm 2024", "tre 4": a word before digits is not their number
        if len(units) == 1 and lang.capitalised_next_is_name and nxt and nxt.group(1)[0].isupper():
            return None
        reading = numerals.parse_words(units, lang)
        if reading is not None and reading.share and (sm := self.p.share_of_scale.match(low, ends[reading.used - 1])):
            scale = lang.scales[_key(sm.group(1))]  # "a quarter of a million"
            reading = numerals.WordReading(reading.value * scale, reading.used, False, reading.step * scale)
            ends[reading.used - 1] = sm.end()
        if reading is not None and reading.share and not (self.p.share_after.match(low, ends[reading.used - 1])
                                                          or self.p.unit.match(self.text, ends[reading.used - 1])
                                                          or self._bounded(s)):
            # "three quarters in a row" counts quarters; "a third term" is a rank
            reading = numerals.parse_words(units[:reading.used - 1], lang) if reading.used > 1 else None
            if reading is not None and reading.share:
                reading = None
        if reading is None:
            return None
        value, used = reading.value, reading.used
        if used < len(units) and used == 1 and units[0] in (lang.weak | lang.compound_only | lang.fractions.keys()):
            return None
        e = ends[used - 1]
        step = reading.step or (_written_step(str(int(value)), 0) if value == int(value) else 0.1)
        number = _Number(start=s, core_end=e, end=e, value=value, words=True, core_value=value, step=step,
                         weak_lead=weak_lead)
        number.scaled = units[used - 1] in lang.scales
        if number.scaled:
            number.factor = lang.scales[units[used - 1]]
        if negative:
            number.start, number.negative, number.value = negative.start(1), True, -value
        dm = self.p.date_after.match(low, e)
        if dm and 1 <= value <= 31:
            raise _Skip(dm.end())
        self._time_of_day_words(number)
        return number

    def _word_units(self, s: int, e: int) -> tuple[list[str], list[int], list[int]]:
        """The words of low[s:e] with their start and end offsets.  Hyphens part words where the
        language writes numbers apart ("vingt-deux" stays one word for text2num) and before a
        part word ("two-thirds")."""
        lang = self.lang
        split_all = not (lang.compound_words or lang.number_parser == "text2num")
        units: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        for m in _NON_SPACES.finditer(self.low, s, e):
            token, at = m.group(), m.start()
            if "-" in token and (split_all or token.rsplit("-", 1)[1] in lang.fraction_parts):
                for piece in token.split("-"):
                    if piece:
                        units.append(piece)
                        starts.append(at)
                        ends.append(at + len(piece))
                    at += len(piece) + 1
            else:
                units.append(token)
                starts.append(at)
                ends.append(m.end())
        return units, starts, ends

    def _bounded(self, s: int) -> bool:
        """A qualifier such as "no less than" right before `s`."""
        return bool(self._lb(self.p.qualifier_before, s))

    def _ambiguous_ok(self, word: str, s: int, e: int) -> bool:
        rules = self.lang.ambiguous[word]
        before = self.low[max(0, s - 24):s].split()
        after = _NEXT_WORD.match(self.text, e)
        if before and before[-1] in rules["not_before"]:
            return False
        if after:
            nxt = after.group(1)
            if nxt.lower() in rules["not_after"]:
                return False
            if rules.get("not_after_capitalized") and nxt[0].isupper():
                return False
        return True

    def _prefixed_ordinal(self, number: _Number, om: re.Match) -> _Number:
        prefix = _key(om.group(1))
        s = number.start
        word_start = om.start(1)
        original = self.text[s:number.core_end]
        if prefix == "thứ" and not number.words and 2 <= number.value <= 7:
            raise _Skip(number.core_end)  # "thứ 2": Monday
        if prefix == "thứ" and number.words and original[:1].isupper():
            raise _Skip(number.core_end)  # "thứ Tư": Wednesday
        if number.value == 1:
            raise _Skip(number.core_end)
        number.start = word_start + len(om.group(1)) - len(om.group(1).split()[-1])
        number.ordinal = True
        return number

    def _ordinal_word(self, s: int, e: int) -> _Number | None:
        lang, low = self.lang, self.low
        word = _key(low[s:e])
        value = lang.ordinals.get(word) or numerals.ordinal_value(word, lang.code)
        if not value and " " in word:  # "décima terceira": ten and three
            parts = [lang.ordinals.get(w) for w in word.split()]
            value = sum(parts) if all(parts) else None
        if not value or value == 1:
            return None
        nxt = _NEXT_WORD.match(self.text, e)
        noun = nxt.group(1).lower() if nxt else ""
        before = low[max(0, s - 24):s].split()
        if not (self._lb(self.p.determiner_before, s) or noun in lang.ordinal_place_nouns
                or (before and before[-1] in lang.ordinal_rank_words)):
            return None
        if noun in lang.ordinal_excluded_nouns:
            after = " ".join(low[nxt.end():nxt.end() + 24].split())
            if not any(after.startswith(w) for w in lang.ordinal_streak_words):
                return None  # "il secondo anno": a time, but "il nono anno consecutivo" a record
        return _Number(start=s, core_end=e, end=e, value=float(value), words=True, ordinal=True)

    # -- what follows the number ----------------------------------------------------------
    def _suffixes(self, number: _Number) -> None:
        text, p, lang = self.text, self.p, self.lang
        pos = number.core_end
        if number.ordinal:
            return
        if not number.words:
            om = self._lb(p.ordinal_prefix, number.start)
            if om and not number.currency and number.decimals == 0:
                self._prefixed_ordinal(number, om)
                return
        tail = p.fraction_tail
        if tail.match(self.low, pos):
            pos = self._fraction_after(number, pos)  # "5 and a half million"
        fractioned = pos
        while True:
            sm = p.scale.match(text, pos)
            if not sm:
                break
            number.factor *= lang.scales[_key(sm.group(1))]
            number.value *= lang.scales[_key(sm.group(1))]
            number.scaled, pos = True, sm.end()
        if number.scaled and fractioned == number.core_end and tail.match(self.low, pos):
            pos = fractioned = self._fraction_after(number, pos)  # "3 milioni e mezzo"
        if not number.scaled and not number.words:
            fm = p.scale_suffix.match(text, pos)
            if fm:  # "1.2M", "35 Mln", "3,5 Mrd.": CLDR's short compact forms
                number.factor = lang.scale_suffixes[fm.group(1)]
                number.value *= number.factor
                number.scaled, pos = True, fm.end()
        if not number.scaled:
            mm = p.money_scale.match(text, pos)
            if mm and (number.currency or self._currency_at(mm.end())):
                number.factor = lang.money_scales[mm.group(1).lower()]
                number.value *= number.factor
                number.scaled, pos = True, mm.end()
        um = p.unit.match(text, pos)
        if um is None and number.scaled:
            um = p.linked_unit.match(text, pos)
        if um is not None:
            info = self._unit_info(um)
            if info is not None and not (info.kind == "currency" and number.currency and um.group("s")) \
                    and not (info.kind == "currency" and number.currency and info.unit != number.currency) \
                    and self._unit_word_ok(um, info):
                number.info, pos = info, um.end()
                sm = p.scale.match(text, pos) if info.kind == "currency" and not number.scaled else None
                if sm:  # "75 USD million"
                    number.factor = lang.scales[_key(sm.group(1))]
                    number.value *= number.factor
                    number.scaled, pos = True, sm.end()
        else:
            hm = p.hyphen_unit.match(text, pos)
            if hm:
                number.info, pos = p.units.get(_key(hm.group(1))), hm.end()
        if number.info is not None and fractioned == number.core_end and tail.match(self.low, pos):
            pos = self._fraction_after(number, pos)  # "due anni e mezzo", "hai năm rưỡi"
        if number.currency and (number.info is None or number.info.kind != "currency"):
            number.info = UnitInfo("currency", number.currency)
        glued = pos < len(text) and text[pos].isalnum()
        hyphened = text[pos:pos + 1] == "-" and text[pos + 1:pos + 2].isalpha() and number.info is None
        if glued or hyphened:
            raise _Skip(self._token_end(pos))  # "3D", "5G", "5-star": a name, not a quantity
        number.end = pos
        if (number.info is None or number.info.kind == "duration") and not number.scaled \
                and self._date_like_name(number) and self._used_as_name(number, pos):
            raise _Skip(pos)

    def _fraction_after(self, number: _Number, pos: int) -> int:
        """A fraction after a whole, its scale word or its unit ("5 and a half", "3 milioni e
        mezzo", "2 anni e mezzo", "1 triệu rưỡi") adds to it; returns where reading goes on."""
        fm = self.p.fraction_tail.match(self.low, pos)
        if not fm or number.value != int(number.value) or self.p.share_of_scale.match(self.low, fm.end()):
            return pos  # "one trillion yen and a quarter of a million units": another number
        lang = self.lang
        if fm.group(3):
            fraction = lang.fraction_tails[_key(fm.group(3))]
        else:
            parts = lang.fraction_parts[_key(fm.group(2))]
            count: float | None = 1.0
            if fm.group(1) and fm.group(1) not in lang.fraction_one:
                reading = numerals.parse_words([fm.group(1)], lang)
                count = reading.value if reading and not reading.share else None
            if not count or count >= parts:
                return pos
            fraction = count / parts
        if self._lb(self.p.time_before, number.start):
            return pos  # "alle 5 e mezza" is half past five
        sign = -1 if number.negative else 1
        number.value += sign * fraction * number.factor
        number.core_value, number.step = number.value, fraction * number.factor
        return fm.end()

    def _unit_word_ok(self, um: re.Match, info: UnitInfo) -> bool:
        """A time word followed by a number names a year or a month ("năm 2021", "tháng 10"),
        and one followed by a scope word names a time ("năm nay" is this year, not a duration)."""
        word = _key(um.group("w") or "")
        after = _NEXT_WORD.match(self.text, um.end())
        if info.kind == "duration" and after and after.group(1)[0].isdigit():
            return False
        return not (word in self.lang.scope_words and after and after.group(1).lower() in self.lang.scope_words[word])

    def _bare_number(self, number: _Number) -> None:
        """A plain number after a reference word ("page 12"), a name ("FTSE 100", "via Roma
        25") or before a street name is a label, not a claim."""
        s, e, _low = number.start, number.core_end, self.low
        if number.words and self._tb(self.p.reference_before, s):  # digits were checked in _digits
            m = _DIGIT_RUN.match(self.text, e)
            raise _Skip(m.end() if m else e)
        raw = self.text[s:e]
        if raw.isdigit() and not self.lang.nouns_capitalised:
            name = _NAME_BEFORE.search(self.text, max(0, s - 40), s)
            if name and name.group(1)[0].isupper() and name.group(1).lower() not in self.lang.stopwords:
                before = self.text[max(0, name.start(1) - 3):name.start(1)].rstrip(" \u00a0\t")
                if before and before[-1] not in ".!?:;\n\"“«" and before[-1] != "(":
                    raise _Skip(e)
        street = self.p.street_after.match(self.text, e)
        if street:
            raise _Skip(street.end())
        if _POSTCODE_BEFORE.search(self.text, max(0, s - 12), s) and raw.isdigit() and 4 <= len(raw) <= 5:
            nxt = _NEXT_WORD.match(self.text, e)
            if nxt and nxt.group(1)[0].isupper():
                raise _Skip(e)  # "Kajgade 41, 7100 Aldvik": a postcode after a street number

    def _used_as_name(self, number: _Number, pos: int) -> bool:
        """"11.11" is a name if the text uses it as one anywhere ("the 11.11 Global Shopping
        Festival"), even where a word follows ("11.11 sales period"); "2.15 children" is a number."""
        if self._date_names is None:
            self._date_names = {m.group() for m in _DATE_LIKE_TOKEN.finditer(self.text)
                                if not self._counts_something(m.end())}
        return self.text[number.start:number.core_end] in self._date_names or not self._counts_something(pos)

    def _counts_something(self, pos: int) -> bool:
        """Whether an ordinary word follows, as in "2.15 children" (not "the 11.11 Festival")."""
        nxt = _NEXT_WORD.match(self.text, pos)
        if not nxt or not nxt.group(1)[0].islower():
            return False
        word = nxt.group(1).lower()
        return word not in self.lang.stopwords and word not in self.lang.durations

    def _currency_at(self, pos: int) -> bool:
        um = self.p.unit.match(self.text, pos)
        info = self._unit_info(um) if um else None
        return bool(info and info.kind == "currency")

    def _unit_info_of(self, word: str) -> UnitInfo | None:
        return self.p.units.get(_key(word)) or (self.lang.scales.get(_key(word)) and UnitInfo("unit", "scale"))

    def _unit_info(self, um: re.Match) -> UnitInfo | None:
        if um.group("w"):
            return self.p.units.get(_key(um.group("w")))
        return self.p.units.get(um.group("s"))

    def _date_like_name(self, number: _Number) -> bool:
        """"11.11", "6.18": a decimal that reads as a day and a month is a date or a festival."""
        raw = self.text[number.start:number.core_end]
        m = _DATE_LIKE.fullmatch(raw)
        if not m:
            return False
        a, b = int(m.group(1)), int(m.group(2))
        return 1 <= a <= 31 and 1 <= b <= 31 and (a <= 12 or b <= 12)

    # -- ranges ---------------------------------------------------------------------------
    def _range(self, number: _Number) -> None:
        p, low = self.p, self.low
        rm = p.range_after.match(low, number.end)
        if not rm:
            return
        joiner = _key(rm.group(1))
        opening = self._lb(p.between_before, number.start)
        pairs = {a: b for a, b in self.lang.range_between}
        if opening:
            if pairs.get(_key(opening.group(1))) != joiner and joiner not in self.lang.range_joiners:
                return
            window = low[max(0, opening.start(1) - 32):opening.start(1)].split()
            if window and window[-1].strip(",") in self.lang.change_words:
                return  # "rose from 5% to 7%": a change, two claims
        elif joiner not in self.lang.range_joiners:
            return
        at = rm.end()
        cm = self.p.currency_lead.match(self.text, at)
        if cm:
            at = cm.end()
        elif self.text[at:at + 1] in "-−" and self.text[at + 1:at + 2].isdigit():
            at += 1  # "from -18 °C to -34 °C"
        second = self.p.scan.match(low, at)
        if not second or second.lastgroup == "ordw":
            return
        try:
            other = self._digits(second.start(), second.end(), in_range=True) if second.lastgroup == "num" \
                else self._words(second.start(), second.end(), in_range=True)
        except _Skip:
            return
        if other is None or other.ordinal or other.year:
            return
        self._suffixes_safe(other)
        a_info, b_info = number.info, other.info
        if a_info and b_info and (a_info.kind, a_info.unit) != (b_info.kind, b_info.unit):
            return
        low_value = number.value
        if not number.scaled and other.scaled:
            factor = other.value / _unscaled(self.text, other, self.lang)
            low_value *= factor
        high_value = other.value
        if low_value >= high_value:
            if not opening or low_value == high_value:
                if joiner in "-–—" and not (number.info or number.scaled):
                    raise _Skip(other.end)  # "3-1": a score
                return
            low_value, high_value = high_value, low_value  # "ranged from -18 °C to -34 °C"
        number.info = number.info or b_info
        number.qualifier, number.low, number.high = Qualifier.RANGE, low_value, high_value
        number.value, number.end = (low_value + high_value) / 2, other.end
        if opening:
            number.qualifier_text = opening.group(1)

    def _suffixes_safe(self, number: _Number) -> None:
        with contextlib.suppress(_Skip):
            self._suffixes(number)

    # -- qualifiers -----------------------------------------------------------------------
    def _qualifier(self, number: _Number) -> None:
        if number.qualifier == Qualifier.RANGE:
            return
        p, low = self.p, self.low
        if not self._lb(p.not_qualifier, number.start):
            qm = self._lb(p.qualifier_before, number.start)
            if qm:
                group = 1 if qm.group(1) else 2
                phrase = _key(qm.group(group))
                number.qualifier = Qualifier(self.lang.qualifiers.get(phrase) or self.lang.qualifier_symbols[phrase])
                number.qualifier_text = self.text[qm.start(group):qm.end(group)]
                number.qualifier_start = qm.start(group)
        am = p.qualifier_after.match(low, number.end)
        if am and not _NUMBER_SOON.match(low, am.end(), am.end() + 18):
            number.qualifier = Qualifier(self.lang.qualifiers_after[_key(am.group(1))])
            number.qualifier_text = self.text[am.start(1):am.end(1)]

    # -- the claim ------------------------------------------------------------------------
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


YEAR_EVENT_WINDOW = 48  # characters around a year searched for its event word
_DIGIT_RUN = re.compile(r"[\d\s.\-/]*\d")
_MIXED_FRACTION = re.compile(r"[ \u00a0]+(\d{1,2})/(\d{1,3})(?![\d/]|[.,]\d)")  # "2 1/4"
_SLASH_FRACTION = re.compile(r"/(\d{1,3})(?![\d/]|[.,]\d)")  # "3/4 of"
_CLOCK = re.compile(r"(\d{1,2})[.:](\d{2})")
_ELISION = re.compile("['’]")
_SLASH_DAY = re.compile(r"/\d{1,2}(?!\d)")
_TIME_RANGE = re.compile(r"[^\S\n]*[\w'’]+[^\S\n]*\d{1,2}(?:[.:]\d{2})?(?!\d)")
_YEAR_RANGE = re.compile(r"[-–/](\d{2}|\d{4})(?!\d)")
_NON_SPACE = re.compile(r"\S*")
_NON_SPACES = re.compile(r"\S+")
_TOKEN_TAIL = re.compile(r"[\w.\-/]*")
_DATE_LIKE_TOKEN = re.compile(r"\d(?<![\d.,]\d)\d?\.\d{2}(?![\d.,]\d)")  # starts with a class: re skips to it
_DATE_LIKE = re.compile(r"(\d{1,2})\.(\d{2})")
_NUMBER_SOON = re.compile(r"[^\d.,;:!?()]{0,16}\d")
_POSTCODE_BEFORE = re.compile(r"\d+[a-zA-Z]?,[ \u00a0]*\Z")
_SEPARATED = re.compile(r"\d+[ /.:\-(]\(?\d")
_GROUP_AFTER = re.compile(r"[.,’']\d")  # a phone number does not end inside a figure ("2025-2026 7,240")
_DAY_RANGE = re.compile(r"\s*[-–]\s*\d{1,2}(?!\d)")
_URL_START = re.compile(r"(?:https?://|www\.|\w@)\S*\Z")
_LOWER = {Qualifier.MORE_THAN, Qualifier.AT_LEAST}
_UPPER = {Qualifier.LESS_THAN, Qualifier.AT_MOST, Qualifier.UP_TO}
_NAME_BEFORE = re.compile(r"([^\W\d_][\w&'’.\-]*)[ \u00a0]\Z")
_NEXT_WORD = re.compile(r"[ \u00a0\u202f\t“”\"«»‘’']*([^\W_][\w'’\-]*)")


def _unscaled(text: str, n: _Number, lang: Language) -> float:
    raw = text[n.start:n.core_end]
    first = next((i for i, ch in enumerate(raw) if ch.isdigit()), len(raw))  # past "-", "$", "US$"
    raw = raw[first:]
    parsed = numerals.parse_digits(raw, lang) if raw[:1].isdigit() else None
    return parsed[0] if parsed and parsed[0] else (n.value or 1.0)


def _written_step(raw: str, decimals: int) -> float:
    """The rounding step of a number as written: "290,000" -> 10000, "1,1" -> 0.1, "27" -> 1."""
    if decimals:
        return 10.0 ** -decimals
    digits = "".join(filter(str.isdigit, raw)).lstrip("0")
    stripped = digits.rstrip("0")
    zeros = len(digits) - len(stripped)
    if not stripped or len(digits) < 3 or (len(digits) == 3 and zeros < 2):
        return 1.0  # "10 draws", "250 staff": small counts are written exactly
    return 10.0 ** zeros


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
