"""Read numbers as written: digits in the language's own format, and number words."""

from __future__ import annotations

import functools
import re

from ..lang import Language

_DIGIT_RUN = re.compile(r"\d+")
_SEPARATORS = ".,'’\u00a0\u202f\u2009 "


def parse_digits(raw: str, lang: Language) -> tuple[float, int] | None:
    """The value of a digit string and the number of decimals written, or None if it is not a
    well-formed number in this language (see `_parse_digits`)."""
    if len(raw) > MAX_DIGITS:
        return None
    if raw.isdigit():  # most numbers: no separator to interpret
        return float(raw), 0
    return _parse_digits(raw, lang)


MAX_DIGITS = 40  # longer runs are no numbers anyone writes as a claim


def _parse_digits(raw: str, lang: Language) -> tuple[float, int] | None:
    """The value of a digit string and the number of decimals written, or None if it is not a
    well-formed number in this language ("11.11" in Italian is not: groups have three digits).

    Grouping follows the language's CLDR symbols; a separator that cannot be a group there is
    read as a decimal mark ("1.5 million" in an Italian text is still one and a half million).
    """
    if not raw or not all(ch.isdigit() or ch in _SEPARATORS for ch in raw) or not raw[0].isdigit():
        return None
    seps = [(i, ch) for i, ch in enumerate(raw) if ch in _SEPARATORS]
    if not seps:
        return float(raw), 0
    kinds = {ch for _, ch in seps}
    runs = _DIGIT_RUN.findall(raw)
    if len(kinds) >= 2:
        # "1.234.567,89": the last separator is the decimal mark, the others group.
        dec_pos, dec = seps[-1]
        head = raw[:dec_pos]
        if dec in head or not _grouped(head):
            return None
        return float("".join(_DIGIT_RUN.findall(head)) + "." + runs[-1]), len(runs[-1])
    (sep,) = kinds
    if len(seps) > 1:
        if not _grouped(raw):
            return None
        return float("".join(runs)), 0
    # One separator: group or decimal?
    head, tail = runs[0], runs[1]
    group_like = len(tail) == 3 and 1 <= len(head) <= 3
    if sep == lang.decimal:
        return float(f"{head}.{tail}"), len(tail)
    if sep in _group_marks(lang):
        if group_like:
            return float(head + tail), 0
        if sep in ".,":  # not a valid group here: a decimal mark from another convention
            return float(f"{head}.{tail}"), len(tail)
        return None
    if sep in ".,":
        return float(f"{head}.{tail}"), len(tail)
    return (float(head + tail), 0) if group_like else None


def _group_marks(lang: Language) -> str:
    marks = lang.group + "\u00a0\u202f\u2009"
    if lang.group_is_space:
        marks += " "
    if lang.group in "'’":
        marks += "'’"
    return marks


def _grouped(raw: str) -> bool:
    """Three-digit groups ("1,234,567"), or the Indian lakh grouping ("12,34,567")."""
    runs = _DIGIT_RUN.findall(raw)
    if 1 <= len(runs[0]) <= 3 and all(len(r) == 3 for r in runs[1:]):
        return True
    return len(runs) >= 3 and len(runs[0]) <= 2 and all(len(r) == 2 for r in runs[1:-1]) and len(runs[-1]) == 3


def parse_words(words: list[str], lang: Language) -> tuple[float, int] | None:
    """The value of the longest leading run of number words that reads as one number, and how
    many words it used: ("tre", "milioni") -> (3000000, 2)."""
    for n in range(len(words), 0, -1):
        value = _read(tuple(words[:n]), lang)
        if value is not None:
            return value, n
    return None


def _read(words: tuple[str, ...], lang: Language) -> float | None:
    if len(words) > 1 and words[0] in lang.fractions:
        rest = _read(words[1:], lang)  # "half a million"
        if rest is None and len(words) == 2:
            rest = lang.scales.get(words[1])  # "mezzo milione": no bare scale word in text2num
        return lang.fractions[words[0]] * rest if rest and rest >= 1000 else None
    if lang.number_parser != "text2num":
        return _table(words, lang)
    value = _text2num(" ".join(words), lang.code)
    if value is None and len(words) > 1 and words[0] in lang.weak:
        value = _text2num(" ".join(words[1:]), lang.code)  # "a million" reads as "million"
    return value


@functools.lru_cache(maxsize=4096)
def _text2num(phrase: str, code: str) -> float | None:
    from text_to_num import text2num

    try:
        return float(text2num(phrase, code))
    except (ValueError, TypeError):
        return None


@functools.lru_cache(maxsize=4096)
def ordinal_value(word: str, code: str) -> int | None:
    """The number of an ordinal word through text2num ("tredicesima" -> 13)."""
    from text_to_num import alpha2digit

    try:
        out = alpha2digit(word, code)
    except (ValueError, TypeError):
        return None
    m = re.match(r"\s*(\d+)", out)
    return int(m.group(1)) if m and out.strip() != word.strip() else None


def _table(words: tuple[str, ...], lang: Language) -> float | None:
    """Read number words with the language's table (for languages text2num does not cover)."""
    total = current = 0.0
    last_unit = 0.0
    largest_scale = 0.0
    prev_role = ""
    for i, word in enumerate(words):
        entry = lang.table.get(word)
        if entry is None:
            return None
        value, role = entry
        if i > 0 and word in lang.ambiguous:
            return None  # "hai mươi năm" is twenty years, not twenty-five
        if role == "unit":
            if prev_role == "unit" and not (last_unit == 10 and value < 10):
                return None  # two digits in a row are two numbers
            current += value
            last_unit = value
        elif role == "ten":
            if prev_role != "unit" or last_unit >= 10:
                return None
            current += last_unit * (value - 1)
            last_unit = 0
        elif role == "hundred":
            current = (current or 1) * value
            last_unit = 0
        elif role == "scale":
            current = current or 1
            if total and value > largest_scale:
                total = (total + current) * value
            else:
                total += current * value
            largest_scale = max(largest_scale, value)
            current = last_unit = 0
        prev_role = role
    return total + current
