"""Read numbers as written: digits in the language's own format, and number words."""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass

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


@dataclass(frozen=True)
class WordReading:
    """Number words read as one number."""

    value: float
    used: int  # how many words it took
    share: bool = False  # a fraction with no whole ("two thirds"): a share of what follows it
    step: float = 0.0  # the precision the words imply ("and a half": a half), 0 when they imply none


def parse_words(words: list[str], lang: Language) -> WordReading | None:
    """The longest leading run of number words that reads as one number:
    ("tre", "milioni") -> 3000000 using 2 words; ("two", "and", "a", "half") -> 2.5."""
    for n in range(len(words), 0, -1):
        reading = _reading(tuple(words[:n]), lang)
        if reading is not None:
            value, share, step = reading
            return WordReading(value, n, share, step)
    return None


def _reading(words: tuple[str, ...], lang: Language) -> tuple[float, bool, float] | None:
    """(value, share, step) of exactly these words, or None."""
    value = _read(words, lang)
    if value is not None:
        return value, False, 0.0
    if len(words) == 1:
        return _glued(words[0], lang)
    if len(words) >= 3 and (tail := _fraction_tail(words, lang)) is not None:
        return tail
    share = _share(words, lang)
    if share is not None:
        return share
    if words[-1] in lang.scales:  # "one trillion", "a dozen", "three dozen": scales text2num lacks
        head = words[:-1]
        scale = lang.scales[words[-1]]
        if len(head) == 1 and head[0] in lang.weak:
            return scale, False, 0.0
        inner = _reading(head, lang)
        if inner is not None and not inner[1]:
            return inner[0] * scale, False, inner[2] * scale
    return None


def _glued(word: str, lang: Language) -> tuple[float, bool, float] | None:
    """One word that holds a fraction: "anderthalb", "zweieinhalb" (two and a half)."""
    if word in lang.fraction_words:
        return lang.fraction_words[word], False, 0.5
    for ending, fraction in lang.fraction_glued.items():
        if word.endswith(ending) and len(word) > len(ending):
            whole = _read((word[: -len(ending)],), lang)
            if whole is not None:
                return whole + fraction, False, fraction
    return None


def _scales_at_end(words: tuple[str, ...], lang: Language) -> tuple[int, float]:
    """Where the trailing scale words start, and their product: (... "million") -> (i, 1e6)."""
    i, factor = len(words), 1.0
    while i > 0 and words[i - 1] in lang.scales and lang.scales[words[i - 1]] >= 1000:
        i -= 1
        factor *= lang.scales[words[i]]
    return i, factor


def _part(words: tuple[str, ...], lang: Language) -> tuple[float, int] | None:
    """A fraction written in words, with nothing after it: ("a", "half") -> (1, 2),
    ("three", "quarters") -> (3, 4), ("mezzo",) -> (1, 2)."""
    if not words or words[-1] not in lang.fraction_parts:
        return None
    parts = lang.fraction_parts[words[-1]]
    head = words[:-1]
    if not head:
        return 1.0, parts
    if len(head) == 1 and head[0] in lang.fraction_one:
        return 1.0, parts
    count = _read(head, lang)
    return (count, parts) if count is not None and count >= 1 else None


def _fraction_tail(words: tuple[str, ...], lang: Language) -> tuple[float, bool, float] | None:
    """A whole, a joiner and a fraction, maybe a scale after: "two and a half (million)",
    "tre milioni e mezzo" (the half is of the million), "cento e tre quarti"."""
    end, after = _scales_at_end(words, lang)
    for i in range(end - 2, 0, -1):
        if words[i] not in lang.fraction_joiners:
            continue
        part = _part(words[i + 1:end], lang)
        if part is None or part[0] >= part[1]:
            continue  # "and a half", "e tre quarti": less than one
        inner = _reading(words[:i], lang)
        if inner is None or inner[1]:
            return None
        whole, fraction = inner[0], part[0] / part[1]
        if after > 1 and whole < after:  # "five and a half million"
            return (whole + fraction) * after, False, after / part[1]
        if after > 1:  # "one billion and a half million"
            return whole + fraction * after, False, after / part[1]
        unit = lang.scales.get(words[i - 1], 1.0)
        unit = unit if unit >= 1000 else 1.0  # "un milione e mezzo" is a million and a half
        return whole + fraction * unit, False, unit / part[1]
    return None


def _share(words: tuple[str, ...], lang: Language) -> tuple[float, bool, float] | None:
    """A fraction with no whole: "two thirds", "a quarter", "un terzo", maybe a scale after."""
    end, after = _scales_at_end(words, lang)
    part = _part(words[:end], lang) if end >= 2 or after > 1 else None  # a part word alone is no share
    if part is None:
        return None
    count, parts = part
    if count > parts and after == 1:
        return count / parts, False, 1 / parts  # "three halves": more than a whole, no share
    if count < parts <= 12 and count == int(count) and math.gcd(int(count), parts) > 1:
        return None  # fractions are written in lowest terms: "dois quartos" are two rooms, not a half
    value = part[0] / part[1] * after
    return value, after == 1, after / part[1]


def _read(words: tuple[str, ...], lang: Language) -> float | None:
    if len(words) > 1 and words[0] in lang.fractions:
        rest = _read(words[1:], lang)  # "half a million"
        bare = words[2:] if words[1] in lang.weak else words[1:]
        if rest is None and len(bare) == 1:
            rest = lang.scales.get(bare[0])  # "mezzo milione", "half a dozen": scale words text2num lacks
        return lang.fractions[words[0]] * rest if rest and rest >= 12 else None  # "half a dozen"
    if lang.aliases:
        words = tuple(lang.aliases.get(w, w) for w in words)  # "veintiún" -> "veintiuno"
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
