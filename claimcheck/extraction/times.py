"""Days, months and hours: numbers that are part of a date or a time of day are no claims."""

from __future__ import annotations

from .reading import (
    _CLOCK,
    _DAY_RANGE,
    _ELISION,
    _NEXT_WORD,
    _SLASH_DAY,
    _TIME_RANGE,
    Reader,
    _Number,
    _Skip,
)


class TimeReader(Reader):
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
