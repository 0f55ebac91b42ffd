"""Digits as written: separators, signs, the currency before them, and what makes them no claim
(part of a name, a date, a phone number, a year that only labels)."""

from __future__ import annotations

import re
import unicodedata

from . import numerals, patterns
from .reading import (
    _CURRENCY_CHARS,
    _DIGIT_RUN,
    _GROUP_AFTER,
    _NEXT_WORD,
    _SEPARATED,
    _URL_START,
    _YEAR_RANGE,
    YEAR_EVENT_WINDOW,
    Reader,
    _key,
    _Number,
    _Skip,
    _written_step,
)


class DigitReader(Reader):
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
        if cm and cm.group(2) and cm.group(2)[0].isalpha() and (um := p.unit.match(text, e)) \
                and (info := self._unit_info(um)) is not None and info.kind != "currency":
            cm = None  # "l'euro 5 anni fa": a currency word before a figure of something else
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
        elif (neg := self._lb(p.negative_before, start)) and not self._longer_qualifier(neg.start(1), start):
            number.start, number.negative, number.value = neg.start(1), True, -value  # "moins 5", not "au moins 5"
        elif start == s and prev == "+" and not prev2.isalnum():
            number.start = s - 1  # "+45 Mio. Euro": a sign written for a change
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
            if value == 1 or self._names_a_part(om.end(), capitalised=True):
                raise _Skip(om.end())  # "der 2. Bundesliga": a name, not a rank
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
            if abs(exponent) > 24:
                return None  # "1.3e610": no figure of the world
        parsed = numerals.parse_digits(raw, self.lang)
        if parsed is None:
            return None
        value, decimals = parsed
        if fraction:
            return value + fraction, decimals, fraction if decimals == 0 else 10.0 ** -decimals
        if exponent:  # "1.3e6" is written to a hundred thousand
            return value * 10.0 ** exponent, max(0, decimals - exponent), 10.0 ** (exponent - decimals)
        return value, decimals, _written_step(raw, decimals)

    def _longer_qualifier(self, word_start: int, start: int) -> bool:
        """A qualifier phrase that ends at `start` and begins before the negative word at
        `word_start` ("au moins 5", "plus ou moins 5"): the word is part of it."""
        qm = self._lb(self.p.qualifier_before, start)
        return bool(qm and qm.start() < word_start)

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

    def _year_like(self, number: _Number, raw: str, s: int, e: int) -> bool:
        if number.currency or number.negative or not (len(raw) == 4 and raw.isdigit()):
            return False
        if not 1000 <= number.value <= 2100 or (self._bounded(number.start) and not self._until_year(number.start, e)):
            return False
        if self.p.scale.match(self.text, e) or self.p.unit.match(self.text, e):
            return False
        m = _NEXT_WORD.match(self.text, e)
        if m:
            word = m.group(1)
            if word.lower() in self.lang.year_events:
                return True  # "das 1919 gegründete Unternehmen"
            if word[0].islower() and word.lower() not in self.lang.stopwords:
                before = self.low[max(0, s - 12):s].split()
                if not before or before[-1] not in self.lang.year_words:
                    return False  # "1500 dipendenti": a count
        return True

    def _until_year(self, s: int, e: int) -> bool:
        """"invertirá ... hasta 2026": an up-to word before a year with nothing counted after it
        names a time, not a bound on a count."""
        qm = self._lb(self.p.qualifier_before, s)
        phrase = _key(qm.group(1) or qm.group(2) or "") if qm else ""
        return (self.lang.qualifiers.get(phrase) == "up_to" and not self._counts_something(e)
                and not self.p.unit.match(self.text, e))

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
