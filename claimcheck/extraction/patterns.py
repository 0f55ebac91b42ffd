"""Regular expressions compiled once per language from its data.

One scan finds candidate numbers (digits, number words, ordinal words) in the lower-cased text;
small anchored patterns then read what stands right before and after each candidate.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .. import lang as langdata
from ..lang import Language

SP = "[ \u00a0\u202f\u2009\t]"  # spaces inside a line
WB_AFTER = r"(?![\w])"
UNIT_AFTER = r"(?![\w]|['’]\w)"


def alternation(words, flags: str = "") -> str:
    """A regex alternation of literal words, longest first (so "per cento" beats "per")."""
    items = sorted({w for w in words if w}, key=lambda w: (-len(w), w))
    body = "|".join(re.escape(w).replace(r"\ ", SP + "+") for w in items)
    if not body:
        return "(?!x)x"
    return f"(?{flags}:{body})" if flags else f"(?:{body})"


@dataclass(frozen=True)
class UnitInfo:
    """What a unit-like word or symbol after a number means."""

    kind: str  # "currency", "percent", "points", "unit", "duration"
    unit: str
    factor: float = 1.0


@dataclass(frozen=True)
class Patterns:
    lang: Language
    scan: re.Pattern
    ordinal_suffix: re.Pattern
    scale: re.Pattern
    scale_suffix: re.Pattern
    money_scale: re.Pattern
    unit: re.Pattern
    linked_unit: re.Pattern
    units: dict[str, UnitInfo]
    currency_prefix: re.Pattern
    qualifier_before: re.Pattern
    negative_before: re.Pattern
    not_qualifier: re.Pattern
    qualifier_after: re.Pattern
    month_before: re.Pattern
    date_after: re.Pattern
    month_number_before: re.Pattern
    numeric_date: re.Pattern
    time_of_day: re.Pattern
    time_before: re.Pattern
    time_after: re.Pattern
    reference_before: re.Pattern
    year_cue: re.Pattern
    determiner_before: re.Pattern
    ordinal_prefix: re.Pattern
    range_after: re.Pattern
    between_before: re.Pattern
    phone: re.Pattern
    currency_lead: re.Pattern
    street_after: re.Pattern
    word_token: re.Pattern
    hyphen_unit: re.Pattern


def _digits(lang: Language) -> str:
    spaces = "\u00a0\u202f\u2009" + (" " if lang.group_is_space else "")
    group = f"[.,'’{spaces}]"
    start = r"(?<!\d)(?<!\d[.,])"
    grouped = rf"\d{{1,3}}(?:{group}\d{{3}})+|\d{{1,3}}(?: \d{{3}}){{2,}}|\d{{1,2}}(?:,\d{{2}})+,\d{{3}}"
    return rf"{start}(?:{grouped})(?:[.,]\d+)?(?!\d)|{start}\d+(?:[.,]\d+)?(?!\d)"


def _number_words(lang: Language) -> tuple[str, str]:
    """Patterns for cardinal word sequences and for ordinal words."""
    if not lang.cardinals:
        return "(?!x)x", "(?!x)x"
    morph = alternation(lang.cardinals)
    word = f"{morph}+" if lang.compound_words else morph
    joiners = [j for j in lang.joiners if j != "-"]
    join = f"(?:{SP}+{alternation(joiners)}{SP}+|{SP}+|-)" if joiners else f"(?:{SP}+|-)"
    cardinal = rf"(?<![\w-]){word}(?:{join}{word})*(?![\w])"
    parts = []
    if lang.ordinals:
        parts.append(alternation(lang.ordinals))
    if lang.ordinal_word_ending and lang.ordinal_stems:
        prefix = f"{morph}*" if lang.compound_words else ""
        parts.append(f"{prefix}{alternation(lang.ordinal_stems)}{lang.ordinal_word_ending}")
    one = f"(?:{'|'.join(parts)})"
    ordinal = rf"(?<![\w-]){one}(?:{SP}+{one})*(?![\w])" if parts else "(?!x)x"
    return cardinal, ordinal


def _units(lang: Language) -> dict[str, UnitInfo]:
    units: dict[str, UnitInfo] = {}
    for word, (unit, factor) in lang.durations.items():
        units[word] = UnitInfo("duration", unit, factor)
    for word, (unit, factor) in lang.unit_words.items():
        units[word] = UnitInfo("unit", unit, factor)
    for symbol, unit in lang.unit_symbols.items():
        units[symbol] = UnitInfo("unit", unit)
    for word in lang.point_words:
        units[word] = UnitInfo("points", "pp")
    for word in lang.percent_words:
        units[word] = UnitInfo("percent", "%")
    units["%"] = UnitInfo("percent", "%")
    for word, code in lang.currency_words.items():
        units[word] = UnitInfo("currency", code)
    for symbol, code in lang.currency_symbols.items():
        units[symbol] = UnitInfo("currency", code)
    for code in set(lang.currency_symbols.values()):
        for prefix, factor in lang.currency_code_scales.items():  # "MEUR", "kUSD"
            units[prefix + code] = UnitInfo("currency", code, factor)
    return units


def _words_then(words, symbols=(), tail: str = "") -> re.Pattern:
    """Matches one of `words` (after a word boundary) or `symbols` at the very end of a window."""
    sym = f"|({alternation(symbols)})" if symbols else ""
    return re.compile(rf"(?:(?:^|[^\w])({alternation(words)}){sym}){tail}{SP}*\Z")


@functools.cache
def for_language(code: str) -> Patterns:
    lang = langdata.get(code)
    cardinal, ordinal = _number_words(lang)
    scan = re.compile(f"(?P<num>{_digits(lang)})|(?P<ordw>{ordinal})|(?P<word>{cardinal})")

    units = _units(lang)
    words = [k for k in units if any(ch.isalpha() for ch in k) and k == k.lower() and len(k) > 1]
    symbols = [k for k in units if k not in words]
    unit_alt = f"(?P<w>{alternation(words, 'i')}){UNIT_AFTER}|(?P<s>{alternation(symbols)}){UNIT_AFTER}"
    linkers = (*lang.object_joiners, "di", "de", "of", "d'", "d’")
    months = list(lang.months) + [f"{a}." for a in lang.month_abbreviations] + list(lang.month_abbreviations)
    month_alt = alternation(months)
    day_suffix = alternation(lang.day_suffixes) if lang.day_suffixes else "(?!x)x"
    range_join = alternation([j for j in lang.range_joiners] + [b for _, b in lang.range_between])
    month_prefix = alternation(lang.month_number_prefixes) if lang.month_number_prefixes else "(?!x)x"
    currency_prefixes = [s for s in lang.currency_symbols] + [c for c in set(lang.currency_symbols.values())]

    return Patterns(
        lang=lang,
        scan=scan,
        ordinal_suffix=re.compile(rf"(?:{alternation(lang.ordinal_suffixes)})(\.?)(?![\w])")
        if lang.ordinal_suffixes else re.compile("(?!x)x"),
        scale=re.compile(rf"{SP}*({alternation(lang.scales, 'i')}){WB_AFTER}"),
        scale_suffix=re.compile(rf"[ \u00a0\u202f]?({alternation(lang.scale_suffixes)})(?![\w])"),
        money_scale=re.compile(rf"{SP}?({alternation(lang.money_scales, 'i')}){WB_AFTER}"),
        unit=re.compile(rf"{SP}*(?:{unit_alt})"),
        linked_unit=re.compile(rf"{SP}+(?i:{alternation(linkers)}){SP}*(?:{unit_alt})"),
        units=units,
        currency_prefix=re.compile(
            rf"(?<![\w$])({alternation(currency_prefixes)}|(?i:{alternation(lang.currency_words_any_case)})){SP}?\Z"
        ),
        qualifier_before=_words_then(lang.qualifiers, lang.qualifier_symbols),
        negative_before=_words_then(lang.negative_words),
        not_qualifier=_words_then(lang.not_qualifiers),
        qualifier_after=re.compile(rf"{SP}*(?:,{SP}*)?({alternation(lang.qualifiers_after)}){WB_AFTER}"),
        month_before=re.compile(rf"(?:^|[^\w])(?:{month_alt})(?:{SP}+(?:the|de|del))?{SP}*,?{SP}*\Z"),
        date_after=re.compile(
            rf"(?:{SP}*{range_join}{SP}*\d{{1,2}})?(?:{day_suffix})?\.?{SP}*(?:(?:de|of|del|di){SP}+)?"
            rf"(?:{month_alt}(?![\w])|{month_prefix}{SP}*\d{{1,2}}(?!\d))"
        ),
        month_number_before=re.compile(rf"(?:^|[^\w]){month_prefix}{SP}*\Z"),
        numeric_date=re.compile(
            r"\d{4}-\d{1,2}-\d{1,2}(?!\d)|\d{1,2}([/.\-])\d{1,2}\1\d{2,4}(?!\d)|\d{1,2}/\d{4}(?!\d)"
        ),
        time_of_day=re.compile(r"\d{1,2}(?::\d{2}){1,2}(?!\d)(?:" + SP + r"*(?i:[ap]\.?m\.?)(?![\w]))?"),
        time_before=_words_then(lang.time_before),
        time_after=re.compile(
            rf"(?:[.:h]\d{{2}}(?!\d)|{SP}*(?:{alternation(lang.time_after, 'i')})(?![\w])(?:{SP}*\d{{2}}(?!\d))?)"
        ),
        reference_before=re.compile(
            rf"(?:^|[^\w])(?i:{alternation(lang.reference_words)})"
            rf"(?:(?:{SP}+(?:(?i:de|del|di|du|da|van|von){SP}+)?[A-ZÀ-ÖØ-ÞĐ][\w'’.\-]*){{1,3}},?)?{SP}*\Z"
        ),
        year_cue=_words_then(lang.year_cues),
        determiner_before=re.compile(
            rf"(?:(?:^|[^\w])(?:{alternation(lang.determiners)})|{alternation(lang.possessives)})"
            rf"(?:{SP}*|(?<=['’]))\Z"
        ),
        ordinal_prefix=_words_then(lang.ordinal_prefixes),
        range_after=re.compile(rf"({SP}*(?:{range_join}){SP}*)(?=[\d$€£¥\w]|[-−]\d)"),
        between_before=re.compile(
            rf"(?:^|[^\w])({alternation([a for a, _ in lang.range_between])}){SP}*\Z"
        ),
        currency_lead=re.compile(
            rf"(?:{alternation(currency_prefixes)}|(?i:{alternation(lang.currency_words_any_case)})){SP}?(?=\d)"
        ),
        street_after=re.compile(
            rf"(?:{SP}+[A-ZÀ-ÖØ-Þ][\w'’.\-]*){{1,3}}{SP}+(?i:{alternation(lang.street_words)})(?![\w])"
        ) if lang.street_words else re.compile("(?!x)x"),
        phone=re.compile(r"\(?\d{1,4}\)?(?:[ .\-/]\(?\d{1,4}\)?){2,}(?!\d)"),
        word_token=re.compile(r"[^\W\d_][\w'’\-]*"),
        hyphen_unit=re.compile(rf"-({alternation(list(lang.durations) + list(lang.unit_words), 'i')})(?![\w])"),
    )
