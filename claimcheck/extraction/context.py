"""What surrounds a claim: its sentence, the thing it measures, and the time it refers to."""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
from dataclasses import dataclass

from ..lang import Language
from ..model import Scope
from .patterns import alternation

# A sentence ends at a newline, or after a final stop, closing quotes and spaces before a capital
# or a digit.  The stop is matched, not looked behind for: a pattern that starts with a character
# class lets `re` skip ahead to the next candidate instead of trying every position.
_NEWLINE = re.compile("\n")
_STOP = re.compile(r"[.!?…;][\"”’»)\]]*[ \t\u00a0]+(?=[«\"“‘(\[]?[^\W\d_a-zà-ÿđ]|\d)")
_TOKEN = re.compile(r"[ \u00a0\u202f\t“”\"«»‘’'(]*([^\W\d_][\w'’\-]*)")
_TOKENS_AFTER = re.compile(r"[^,;:.!?()\n\d]{0,80}")
_TOKEN_BEFORE = re.compile(r"[^\W\d_][\w'’\-]*")
_UP_TO_CLAUSE = re.compile(r".*[,;:.!?()\n]", re.S)
# A year from 1800 to 2099 standing alone.  What may not precede it is checked after its first
# digit ("1" or "2"), not before, so that `re` can skip from one "1" or "2" to the next.
_YEAR = re.compile(r"(1(?<![\d.,/:\-]1)[89]\d\d|2(?<![\d.,/:\-]2)0\d\d)(?![\d.,/:]\d|\d|%)")
MAX_SENTENCE = 600


class TextIndex:
    """Sentence and line boundaries of one text, found once and looked up by offset."""

    def __init__(self, text: str):
        self.text = text
        self._sentences: list[int] | None = None
        self._lines: list[int] | None = None

    def sentence(self, start: int, end: int) -> tuple[int, int]:
        """The sentence around [start, end), capped to a window for very long sentences."""
        if self._sentences is None:
            stops = [m.end() for m in _STOP.finditer(self.text) if not self._abbreviation(m.start() + 1, m.end())]
            self._sentences = [0, *sorted(stops + self._line_starts()[1:])]
        i = bisect.bisect_right(self._sentences, start) - 1
        s = self._sentences[i]
        e = self._sentences[i + 1] if i + 1 < len(self._sentences) else len(self.text)
        if e - s > MAX_SENTENCE:
            s = max(s, start - MAX_SENTENCE // 2)
            e = min(e, end + MAX_SENTENCE // 2)
        while s < e and self.text[s].isspace():
            s += 1
        while e > s and self.text[e - 1].isspace():
            e -= 1
        return s, e

    def _abbreviation(self, after_stop: int, end: int) -> bool:
        """"Fr. 30", "No. 5", "p. 12": a short word's period before a number ends no sentence."""
        if not self.text[end:end + 1].isdigit():
            return False
        word = self.text[max(0, after_stop - 5):after_stop].rsplit(None, 1)[-1]
        return word.endswith(".") and len(word.rstrip(".")) <= 3 and word.rstrip(".").isalpha()

    def _line_starts(self) -> list[int]:
        if self._lines is None:
            self._lines = [0] + [m.end() for m in _NEWLINE.finditer(self.text)]
        return self._lines

    def line_col(self, pos: int) -> tuple[int, int]:
        lines = self._line_starts()
        i = bisect.bisect_right(lines, pos) - 1
        return i + 1, pos - lines[i] + 1


def measured_object(text: str, start: int, end: int, lang: Language, prefer_before: bool) -> str:
    """What the number counts or measures, as written: the words after it, or, for percentages
    and amounts that have none, the words before it."""
    after = _words_after(text, end, lang)
    while after and after[0].lower() in lang.object_joiners:
        after = after[1:]
    if not prefer_before:
        return " ".join(after)
    # Amounts and rates name their object on either side: "ricavi per 3,4 milioni", "150.000 lít sữa".
    return " ".join(_words_before(text, start, lang) + after)


def _words_after(text: str, pos: int, lang: Language, limit: int = 4) -> list[str]:
    words: list[str] = []
    content = 0
    for word in _TOKENS_AFTER.match(text, pos).group().split():
        word = word.strip("“”\"«»‘’'(")
        if not word or not (word[0].isalpha()):
            break
        low = word.lower()
        if low in lang.object_joiners:
            words.append(word)
        elif low in lang.stopwords:
            break
        else:
            words.append(word)
            content += 1
        if content >= limit:
            break
    while words and words[-1].lower() in lang.object_joiners:
        words.pop()
    return words


def _words_before(text: str, pos: int, lang: Language, limit: int = 5) -> list[str]:
    start = max(0, pos - 80)
    clause = _UP_TO_CLAUSE.match(text, start, pos)  # the words after the last mark of punctuation
    words = _TOKEN_BEFORE.findall(text, clause.end() if clause else start, pos)[-limit:]
    while words and words[0].lower() in lang.stopwords:
        words.pop(0)
    while words and (words[-1].lower() in lang.stopwords or words[-1].lower() in lang.qualifiers):
        words.pop()
    return words


@functools.cache
def _relative_pattern(this: tuple[str, ...], last: tuple[str, ...], nxt: tuple[str, ...]) -> re.Pattern:
    groups = []
    for name, words in (("this", this), ("last", last), ("next", nxt)):
        body = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) or "(?!x)x"
        groups.append(f"(?P<{name}>{body})")
    return re.compile("|".join(groups))


@functools.cache
def _forecast_pattern(words: tuple[str, ...]) -> re.Pattern | None:
    body = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w])(?:{body})(?![\w])") if body else None


@functools.cache
def _any_of(words: tuple[str, ...]) -> re.Pattern:
    """A quick test for whether any of `words` may occur: a plain alternation (a prefix tree),
    which `re` scans much faster than the patterns above with their groups and look-arounds.
    It matches wherever they do, and sometimes where they do not (spaces are looser)."""
    return re.compile(alternation(words))


@dataclass(slots=True)
class _Sentence:
    """What a sentence says about time, read for its first claim."""

    end: int  # the sentence was read up to here
    years: list[tuple[int, int]]  # (offset in the sentence, year)
    relative: Scope
    forecast_from: int | None  # where a forecast word may start first; None: nowhere before `end`


class ScopeFinder:
    """The year a claim refers to: a year written in its sentence, else "this year" or "last
    year" resolved with the publication date.  Each sentence is read once."""

    def __init__(self, lang: Language, published: dt.date | None):
        self.lang, self.published = lang, published
        self._cache: dict[int, _Sentence] = {}
        self._relative_rx = _relative_pattern(lang.this_year, lang.last_year, lang.next_year)
        self._any_relative = _any_of(lang.this_year + lang.last_year + lang.next_year)
        self._forecast_rx = _forecast_pattern(lang.forecast)
        self._any_forecast = _any_of(lang.forecast)

    def scope(self, low: str, start: int, end: int, span: tuple[int, int], cue_years: set[int]) -> Scope:
        """For the sentence low[start:end] of the lower-cased text: `span` is the claim's place in
        the sentence; `cue_years` are sentence offsets of years that are claims themselves
        ("founded in 2006") and so scope nothing."""
        sentence = self._read(low, start, end)
        scope = self._year(sentence.years, sentence.relative, span, cue_years)
        forecast = self._forecast(low, start, start + span[0], sentence)
        if forecast and scope.year is not None and self.published and scope.year < self.published.year:
            forecast = False  # "expects 92,000 in 2026 after 80,000 in 2025": a past year is no forecast
        return Scope(scope.year, scope.source, forecast) if forecast else scope

    def _year(self, years: list[tuple[int, int]], relative: Scope, span: tuple[int, int],
              cue_years: set[int]) -> Scope:
        """The nearest year of the sentence, counted from the claim's start for years before it and
        from its end for years after it; a year before wins a tie."""
        best: tuple[int, int] | None = None
        start, end = span
        for at, year in years:
            if at in cue_years or at == start:
                continue
            distance = start - at if at < start else at - end + 1
            if best is None or distance < best[0]:
                best = (distance, year)
        if best:
            return Scope(year=best[1], source="explicit")
        return relative

    def _read(self, low: str, start: int, end: int) -> _Sentence:
        sentence = self._cache.get(start)
        if sentence is None:
            years = [(m.start() - start, int(m.group(1))) for m in _YEAR.finditer(low, start, end)]
            first = self._any_forecast.search(low, start, end)
            sentence = self._cache[start] = _Sentence(end, years, self._relative(low, start, end),
                                                      first.start() if first else None)
        return sentence

    def _forecast(self, low: str, start: int, at: int, sentence: _Sentence) -> bool:
        """Whether a forecast word ("expects", "prevede") stands in low[start:at]."""
        if self._forecast_rx is None:
            return False
        if at <= sentence.end and (sentence.forecast_from is None or sentence.forecast_from >= at):
            return False
        return bool(self._forecast_rx.search(low, start, at))

    def _relative(self, low: str, start: int, end: int) -> Scope:
        if not self._any_relative.search(low, start, end):
            return Scope()
        m = self._relative_rx.search(low, start, end)
        if not m:
            return Scope()
        delta = {"this": 0, "last": -1, "next": 1}[m.lastgroup]
        if self.published:
            return Scope(year=self.published.year + delta, source="relative")
        return Scope(year=None, source=f"{m.lastgroup}_year")
