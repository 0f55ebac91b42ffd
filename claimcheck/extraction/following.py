"""What follows a number and changes what it says: scale words, units, currencies, a second
number that makes a range, a qualifier; and the labels that are no claims ("page 12", "FTSE 100")."""

from __future__ import annotations

import contextlib
import re

from ..model import Qualifier
from .patterns import UnitInfo
from .reading import (
    _DATE_LIKE,
    _DATE_LIKE_TOKEN,
    _DIGIT_RUN,
    _NAME_BEFORE,
    _NEXT_WORD,
    _NUMBER_SOON,
    _POSTCODE_BEFORE,
    Reader,
    _key,
    _Number,
    _Skip,
    _unscaled,
)


class FollowingReader(Reader):
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
            if not number.currency and _key(sm.group(1)) in lang.scale_currencies:
                number.currency = lang.scale_currencies[_key(sm.group(1))]  # "500 mdd": millones de dólares
            if _key(sm.group(1)) in lang.approx_scales and not number.decimals:
                number.qualifier = Qualifier.APPROX  # "3 decine": about thirty; "1,1 millier" is a figure
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
        if number.info is not None and not number.negative and (nm := p.negative_after.match(text, pos)):
            number.value, number.negative, pos = -number.value, True, nm.end()  # "9 grados bajo cero"
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
            # "FTSE 100"; a capitalised article only before a small number that counts nothing ("La 1")
            if name and name.group(1)[0].isupper() and (name.group(1).lower() not in self.lang.stopwords or (
                    len(raw) <= 2 and not self._counts_something(e) and not self.p.unit.match(self.text, e))):
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

    def _date_like_name(self, number: _Number) -> bool:
        """"11.11", "6.18": a decimal that reads as a day and a month is a date or a festival."""
        raw = self.text[number.start:number.core_end]
        m = _DATE_LIKE.fullmatch(raw)
        if not m:
            return False
        a, b = int(m.group(1)), int(m.group(2))
        return 1 <= a <= 31 and 1 <= b <= 31 and (a <= 12 or b <= 12)

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
                small = max(low_value, high_value) <= 30 and low_value.is_integer() and high_value.is_integer()
                score = joiner in "-–—" or (small and not self._counts_something(other.end))
                if score and not (number.info or number.scaled or other.info or other.scaled):
                    raise _Skip(other.end)  # "3-1", "terminou 2 a 1": a score; "fell 10 to 5 points" is no score
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

    def _qualifier(self, number: _Number) -> None:
        if number.qualifier == Qualifier.RANGE:
            return
        p, low = self.p, self.low
        lead = number.lead if number.lead >= 0 else number.start
        if not self._lb(p.not_qualifier, lead):  # "più della [metà]", else "über die [Hälfte]"
            qm = self._lb(p.qualifier_before, number.start) or self._lb(p.qualifier_before, lead)
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
