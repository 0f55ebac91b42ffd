"""Fractions and shares: "2 1/4", "3/4 of", "one in five", "3 milioni e mezzo"."""

from __future__ import annotations

from . import numerals
from .reading import (
    _MIXED_FRACTION,
    _SLASH_FRACTION,
    Reader,
    _key,
    _Number,
)


class FractionReader(Reader):
    def _settled_share(self, reading: numerals.WordReading, units: list[str], ends: list[int],
                       s: int) -> numerals.WordReading | None:
        """A fraction with no whole, read in words ("two thirds", "un cuarto"), as what its
        context makes it: a scaled figure ("a quarter of a million"), a part of a unit ("un cuarto
        de hora": `ends` is moved to the unit), a share ("two thirds of voters", "cut by a third.",
        after a bound), or else the count without its part word ("three quarters in a row")."""
        low, at = self.low, ends[reading.used - 1]
        if sm := self.p.share_of_scale.match(low, at):
            scale = self.lang.scales[_key(sm.group(1))]
            ends[reading.used - 1] = sm.end()
            return numerals.WordReading(reading.value * scale, reading.used, False, reading.step * scale)
        if (om := self.p.share_linker.match(low, at)) and self.p.unit.match(self.text, om.end()):
            ends[reading.used - 1] = om.end()
            return numerals.WordReading(reading.value, reading.used, False, reading.step)
        if self.p.share_after.match(low, at) or self._bounded(s) or self.p.unit.match(self.text, at) \
                or self.p.hyphen_unit.match(self.text, at):
            return reading
        count = numerals.parse_words(units[:reading.used - 1], self.lang) if reading.used > 1 else None
        return count if count is not None and not count.share else None

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
                        or _key(counted) in self.p.units or _key(counted) in self.lang.scales):
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
