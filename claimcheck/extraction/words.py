"""Numbers written in words ("tre milioni", "hai mươi", "two-thirds") and ordinal words."""

from __future__ import annotations

import re

from ..model import Qualifier
from . import numerals
from .reading import (
    _NEXT_WORD,
    _NON_SPACES,
    Reader,
    _key,
    _Number,
    _Skip,
    _written_step,
)


class WordReader(Reader):
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
        if negative and self._longer_qualifier(negative.start(1), s):
            negative = None  # "au moins cinq"
        if (first in lang.fraction_nouns or first in lang.fractions) and (
                len(units) == 1 or (len(units) == 2 and units[1] in lang.weak)):
            return self._fraction_word(first, s, len(units) == 1)  # "half an hour", "la mitad de"
        weak_lead = len(units) == 1 and first in lang.weak and not negative
        if weak_lead and (um := self.p.unit.match(self.text, e)) and self.p.fraction_tail.match(low, um.end()):
            weak_lead = False  # "un an et demi", "uma hora e meia", "an hour and a half"
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
        if reading is None and len(units) == 1 and first in lang.weak:
            reading = numerals.WordReading(1.0, 1)  # "an" (hour and a half): a weak word is one
        if reading is not None and reading.share:
            reading = self._settled_share(reading, units, ends, s)
        if reading is None:
            return None
        value, used = reading.value, reading.used
        if used < len(units) and used == 1 and units[0] in (lang.weak | lang.compound_only | lang.fractions.keys()):
            return None
        e = ends[used - 1]
        step = reading.step or (_written_step(str(int(value)), 0) if value == int(value) else 0.1)
        number = _Number(start=s, core_end=e, end=e, value=value, words=True, core_value=value, step=step,
                         weak_lead=weak_lead)
        if any(u in lang.approx_scales for u in units[:used]):
            number.qualifier = Qualifier.APPROX  # "une trentaine": about thirty
        scales = [lang.scales[u] for u in units[:used] if u in lang.scales and lang.scales[u] >= 1000]
        number.scaled = units[used - 1] in lang.scales or bool(scales)  # "dos millones y medio (de euros)"
        if number.scaled:
            number.factor = lang.scales.get(units[used - 1]) or scales[-1]
        if negative:
            number.start, number.negative, number.value = negative.start(1), True, -value
        dm = self.p.date_after.match(low, e)
        if dm and 1 <= value <= 31:
            raise _Skip(dm.end())
        self._time_of_day_words(number)
        return number

    def _fraction_word(self, word: str, s: int, alone: bool) -> _Number | None:
        """A fraction word with no number before it: "half an hour", "nửa tháng" (with a unit
        after it), "la mitad de los encuestados", "half of the staff" (a share noun)."""
        e = s + len(word)
        if word in self.lang.fractions:
            article = self.p.article_after.match(self.low, e)
            at = article.end() if article else e
            if self.p.unit.match(self.text, at):
                value = self.lang.fractions[word]
                return _Number(start=s, core_end=at, end=at, value=value, words=True, core_value=value, step=value)
        if alone and word in self.lang.fraction_nouns:
            return self._fraction_noun(s, e, word)
        return None

    def _fraction_noun(self, s: int, e: int, word: str) -> _Number | None:
        """"la mitad de los encuestados", "half of the staff", "über die Hälfte der": a noun that
        is a share, before the whole it divides; "the second half of the year" is a time."""
        if not self.p.share_of.match(self.low, e):
            return None
        before = self.low[max(0, s - 40):s].split()
        lead = s
        if before and before[-1] in self.lang.determiners:
            lead = self.low.rindex(before[-1], 0, s)  # the qualifier stands before the article
            before = before[:-1]
        if before and (before[-1] in self.lang.fraction_noun_not_after or before[-1] in self.lang.ordinals):
            return None
        value = self.lang.fraction_nouns[word]
        return _Number(start=s, core_end=e, end=e, value=value, words=True, core_value=value, step=value,
                       lead=lead)

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
        if before and before[-1] in lang.fraction_each:  # "jeder fünfte Deutsche": a share
            start = low.rindex(before[-1], 0, s)
            return _Number(start=start, core_end=e, end=e, value=1 / value, words=True, core_value=1 / value,
                           step=1 / value)
        if before and before[-1] in lang.weak and word in lang.fraction_parts and self.p.share_linker.match(low, e):
            return None  # "um quarto de hotel": a room, neither a rank nor a share
        if not (self._lb(self.p.determiner_before, s) or noun in lang.ordinal_place_nouns
                or (before and before[-1] in lang.ordinal_rank_words)):
            return None
        if self._names_a_part(e):
            return None  # "il secondo anno": a time, but "il nono anno consecutivo" a record
        return _Number(start=s, core_end=e, end=e, value=float(value), words=True, ordinal=True)
