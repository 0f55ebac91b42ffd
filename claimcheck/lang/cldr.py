"""What CLDR (through Babel) knows about a language: number symbols, scale words, currency and
unit names, month and weekday names. Read once per language and turned into plain mappings."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from babel import Locale
from babel.numbers import get_decimal_symbol, get_group_symbol

SPACES = " \u00a0\u202f\u2009"


@dataclass
class CldrFacts:
    decimal: str
    group: str
    scales: dict[str, float] = field(default_factory=dict)
    currency_words: dict[str, str] = field(default_factory=dict)
    currency_symbols: dict[str, str] = field(default_factory=dict)
    unit_words: dict[str, str] = field(default_factory=dict)
    unit_symbols: dict[str, str] = field(default_factory=dict)
    percent_words: set[str] = field(default_factory=set)
    months: dict[str, int] = field(default_factory=dict)
    month_abbreviations: dict[str, int] = field(default_factory=dict)
    month_number_prefixes: set[str] = field(default_factory=set)
    weekdays: set[str] = field(default_factory=set)
    date_order: str = "dmy"


def _walk(node) -> list[str]:
    """Every string below a (possibly nested) CLDR mapping."""
    if isinstance(node, str):
        return [node]
    try:
        items = list(node.values())
    except AttributeError:
        return []
    out: list[str] = []
    for value in items:
        out.extend(_walk(value))
    return out


def _norm(text: str) -> str:
    return re.sub(f"[{SPACES}]+", " ", text).strip()


def _pattern_surface(pattern: str) -> str:
    """'{0} tonnellate' -> 'tonnellate'; '{0}%' -> '%'."""
    return _norm(pattern.replace("{0}", " "))


def _is_word(surface: str) -> bool:
    return any(ch.isalpha() for ch in surface) and not surface.isupper()


def read(locale_name: str, currencies: list[str], preference: list[str], units: dict[str, str]) -> CldrFacts:
    """Read the CLDR facts of one locale for the given currencies and unit ids."""
    loc = Locale.parse(locale_name)
    facts = CldrFacts(decimal=get_decimal_symbol(loc), group=get_group_symbol(loc))

    for width in ("long", "short"):
        for plural in loc.compact_decimal_formats.get(width, {}).values():
            for magnitude, pattern in plural.items():
                text = pattern.pattern if hasattr(pattern, "pattern") else str(pattern)
                zeros = text.count("0")
                if not zeros:
                    continue
                word = _norm(text.replace("0", " ").replace("'", "").strip())
                if not word or (len(word) < 2 and width == "long"):
                    continue
                scale = int(magnitude) / 10 ** (zeros - 1)
                key = word.lower() if width == "long" else word
                facts.scales.setdefault(key, float(scale))

    rank = {code: i for i, code in enumerate(preference)}
    symbol_owner: dict[str, str] = {}
    names_plural = loc._data.get("currency_names_plural", {})
    for code in currencies:
        name = loc.currencies.get(code)
        if name:
            facts.currency_words[_norm(name).lower()] = code
        for plural in _walk(names_plural.get(code, {})):
            facts.currency_words[_norm(plural).lower()] = code
        symbol = loc.currency_symbols.get(code)
        if symbol and symbol != code and any(not ch.isalpha() for ch in symbol):
            prev = symbol_owner.get(symbol)
            if prev is None or rank.get(code, 999) < rank.get(prev, 999):
                symbol_owner[symbol] = code
    facts.currency_symbols.update(symbol_owner)

    patterns = loc._data.get("unit_patterns", {})
    for unit_id, symbol in units.items():
        entry = patterns.get(unit_id, {})
        for width in ("long", "short", "narrow"):
            forms = entry.get(width, {})
            for plural_key in ("one", "two", "few", "many", "other"):
                pattern = forms.get(plural_key) if hasattr(forms, "get") else None
                if not isinstance(pattern, str) or "{0}" not in pattern:
                    continue
                surface = _pattern_surface(pattern)
                if not surface:
                    continue
                if _is_word(surface) and width == "long":
                    facts.unit_words.setdefault(surface.lower(), symbol)
                elif (width == "short" and len(surface) >= 2) or surface == symbol:
                    facts.unit_symbols.setdefault(surface, symbol)
    percent = patterns.get("concentr-percent", {}).get("long", {})
    for plural_key in ("one", "other"):
        pattern = percent.get(plural_key) if hasattr(percent, "get") else None
        if isinstance(pattern, str):
            facts.percent_words.add(_pattern_surface(pattern).lower())

    for context in ("format", "stand-alone"):
        for number, name in loc.months[context]["wide"].items():
            _add_month(facts, name, number, facts.months)
        for number, name in loc.months[context]["abbreviated"].items():
            _add_month(facts, name, number, facts.month_abbreviations)
        for name in loc.days[context]["wide"].values():
            facts.weekdays.add(_norm(name).lower())

    short = loc.date_formats["short"].pattern.lower()
    order = [ch for ch in short if ch in "dmy"]
    facts.date_order = "".join(dict.fromkeys(order)) or "dmy"
    return facts


def _add_month(facts: CldrFacts, name: str, number: int, target: dict[str, int]) -> None:
    name = _norm(name).lower()
    digits = re.search(r"\d+", name)
    if digits:  # "tháng 10": the name carries the number; remember the word before it
        prefix = name[: digits.start()].strip()
        if prefix:
            facts.month_number_prefixes.add(prefix)
        return
    target[name.rstrip(".")] = number
