"""What every reader of a number shares: the number being read, the signal that a candidate is no
claim, look-behind probes, and the small patterns used around numbers."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..lang import Language
from ..model import Qualifier
from . import numerals, patterns
from .patterns import Patterns, UnitInfo

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
    lead: int = -1  # where the words before the number end, when not at `start` ("über die [Hälfte]")
    weak_lead: bool = False  # a weak word alone ("one"): a number only as the start of a share
    notes: list[str] = field(default_factory=list)


class _Skip(Exception):
    """Not a claim; scanning resumes at `until`."""

    def __init__(self, until: int = 0):
        self.until = until


class Reader:
    """The state a scanner reads with; the readers of digits, words, fractions, dates and what
    follows a number are mixed into `scanner.Scanner` and call each other through it."""

    text: str
    low: str
    rev_low: str
    rev_text: str
    p: Patterns
    lang: Language
    last_end: int

    def _lb(self, pattern: patterns.Behind, end: int) -> patterns.BehindMatch | None:
        """`pattern` ending at `end` in the lower-cased text."""
        m = pattern.rx.match(self.rev_low, self.size - end)
        return patterns.BehindMatch(m, self.low, self.size) if m else None

    def _tb(self, pattern: patterns.Behind, end: int) -> patterns.BehindMatch | None:
        """`pattern` ending at `end` in the text as written."""
        m = pattern.rx.match(self.rev_text, self.size - end)
        return patterns.BehindMatch(m, self.text, self.size) if m else None

    def _url_end(self, e: int) -> int:
        m = _NON_SPACE.match(self.text, e)
        return m.end() if m else e

    def _token_end(self, e: int) -> int:
        m = _TOKEN_TAIL.match(self.text, e)
        return m.end() if m else e

    def _names_a_part(self, e: int, capitalised: bool = False) -> bool:
        """An ordinal before one of the language's excluded nouns names a time or a part ("the
        second half", "la seconda volta", "der 2. Bundesliga"), unless a streak word follows the
        noun ("il nono anno consecutivo").  `capitalised`: only a capitalised noun, a name
        ("2. Bundesliga"), for ordinals in digits ("la 13ª volta" is a record)."""
        nxt = _NEXT_WORD.match(self.text, e)
        if not nxt or nxt.group(1).lower() not in self.lang.ordinal_excluded_nouns:
            return False
        if capitalised and not nxt.group(1)[0].isupper():
            return False
        after = " ".join(self.low[nxt.end():nxt.end() + 24].split())
        return not any(after.startswith(w) for w in self.lang.ordinal_streak_words)

    def _bounded(self, s: int) -> bool:
        """A qualifier such as "no less than" right before `s`."""
        return bool(self._lb(self.p.qualifier_before, s))

    def _unit_info(self, um: re.Match) -> UnitInfo | None:
        if um.group("w"):
            return self.p.units.get(_key(um.group("w")))
        return self.p.units.get(um.group("s"))


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
