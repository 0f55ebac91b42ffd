"""The publication date of an article: metadata first, then a dateline near the top."""

from __future__ import annotations

import datetime as dt
import re

from ..lang import Language

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_NUMERIC = re.compile(r"(?<![\d/.\-])(\d{1,2})([/.\-])(\d{1,2})\2(\d{4}|\d{2})(?![\d/.\-])")
_WORD = re.compile(r"[^\W\d_][\w.]*")
_DAY_BEFORE = re.compile(r"(\d{1,2})(?:st|nd|rd|th|er|º|°|\.)?\s*(?:de\s+|of\s+)?$")
_DATELINE_END = re.compile(r"\s[–—-]\s|\.\s|:\s")
DATELINE_CHARS = 1500
DATELINE_LINES = 8


def parse_date(text: str, lang: Language) -> dt.date | None:
    """A calendar date written in `text`: ISO, numeric in the language's order, or with a month
    name ("30 ottobre 2021", "October 30, 2021")."""
    m = _ISO.search(text)
    if m:
        return _date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = _NUMERIC.search(text)
    if m:
        a, b, year = int(m.group(1)), int(m.group(3)), int(m.group(4))
        year += 2000 if year < 100 else 0
        if lang.date_order.index("m") < lang.date_order.index("d"):
            month, day = a, b
        else:
            day, month = a, b
        return _date(year, month, day) or _date(year, day, month)
    return _month_name_date(text, lang)


def _month_name_date(text: str, lang: Language) -> dt.date | None:
    low = text.lower()
    names = {**lang.month_abbreviations, **lang.months}
    for word in _WORD.finditer(low):
        month = names.get(word.group().rstrip("."))
        if not month:
            continue
        before = _DAY_BEFORE.search(low[max(0, word.start() - 12):word.start()])
        after = re.match(r"\s*(\d{1,2})(?:st|nd|rd|th)?\b,?", low[word.end():word.end() + 8])
        year = re.search(r"\b(1[89]\d\d|20\d\d)\b", low[word.end():word.end() + 16])
        if not year:
            continue
        day = int(before.group(1)) if before else int(after.group(1)) if after else 1
        return _date(int(year.group(1)), month, day)
    m = re.search(r"(?:^|\D)(\d{1,2})\s+(?:" + "|".join(map(re.escape, lang.month_number_prefixes or ("\x00",))) +
                  r")\s*(\d{1,2})(?:\s*(?:năm|,)?\s*(\d{4}))", low)
    if m:
        return _date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    return None


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def find_published(meta_date: str | None, text: str, lang: Language) -> dt.date | None:
    """The publication date from metadata, else from a dateline in the first lines."""
    if meta_date:
        found = parse_date(meta_date, lang) or _dateparser(meta_date, lang.code)
        if found:
            return found
    head = "\n".join(text[:DATELINE_CHARS].split("\n")[:DATELINE_LINES])
    for line in head.split("\n"):
        line = line.strip()
        if len(line) > 120:  # "ALBARENA, 8 October 2025 – The coast welcomed ...": the dateline opens a paragraph
            line = _DATELINE_END.split(line, 1)[0]
        if not line or len(line) > 120:
            continue
        found = parse_date(line, lang)
        if found and dt.date(1990, 1, 1) <= found <= dt.date.today() + dt.timedelta(days=366):
            return found
    return None


def _dateparser(text: str, code: str) -> dt.date | None:
    """dateparser, when installed (the `dates` extra), for free-form metadata dates."""
    try:
        import dateparser
    except ImportError:
        return None
    found = dateparser.parse(text, languages=[code, "en"], settings={"STRICT_PARSING": True})
    return found.date() if found else None
