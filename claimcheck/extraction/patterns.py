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


def _trie(words) -> str:
    """A regex matching any of `words`, factored as a prefix tree: the engine then tests one
    branch per character instead of every word in turn.  Longer words are tried first."""
    root: dict = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        branches = []
        for ch in sorted((k for k in node if k), key=lambda k: (k == " ", k)):
            token = SP + "+" if ch == " " else re.escape(ch)
            branches.append(token + emit(node[ch]))
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(root)


def alternation(words, flags: str = "") -> str:
    """A regex alternation of literal words (as a prefix tree), longest match first."""
    items = {w for w in words if w}
    if not items:
        return "(?!x)x"
    body = _trie(items)
    return f"(?{flags}:{body})" if flags else f"(?:{body})"


def reversed_alternation(words, flags: str = "") -> str:
    """`alternation` of the words spelled backwards, for patterns matched on reversed text."""
    return alternation([w[::-1] for w in words if w], flags)


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
    digit_trigger: re.Pattern
    word_trigger: re.Pattern
    weak_before: Behind
    ordinal_suffix: re.Pattern
    scale: re.Pattern
    scale_suffix: re.Pattern
    money_scale: re.Pattern
    unit: re.Pattern
    linked_unit: re.Pattern
    units: dict[str, UnitInfo]
    currency_prefix: Behind
    qualifier_before: Behind
    negative_before: Behind
    negative_after: re.Pattern
    not_qualifier: Behind
    qualifier_after: re.Pattern
    month_before: Behind
    date_after: re.Pattern
    month_number_before: Behind
    numeric_date: re.Pattern
    time_of_day: re.Pattern
    time_before: Behind
    hour_before: Behind
    time_after: re.Pattern
    reference_before: Behind
    year_cue: Behind
    year_event_before: re.Pattern
    year_event_after: re.Pattern
    determiner_before: Behind
    ordinal_prefix: Behind
    range_after: re.Pattern
    between_before: Behind
    phone: re.Pattern
    currency_lead: re.Pattern
    street_after: re.Pattern
    word_token: re.Pattern
    hyphen_unit: re.Pattern
    fraction_tail: re.Pattern
    share_after: re.Pattern
    share_of: re.Pattern
    share_of_scale: re.Pattern
    share_linker: re.Pattern
    article_after: re.Pattern
    mixed_fraction: re.Pattern
    ratio_after: re.Pattern


VULGAR = "½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞"  # fractions written as one character


def _digits(lang: Language) -> str:
    spaces = "\u00a0\u202f\u2009" + (" " if lang.group_is_space else "")
    group = f"[.,'’{spaces}]"
    start = r"(?<!\d)(?<!\d[.,])"
    grouped = rf"\d{{1,3}}(?:{group}\d{{3}})+|\d{{1,3}}(?: \d{{3}}){{2,}}|\d{{1,2}}(?:,\d{{2}})+,\d{{3}}"
    exponent = r"(?:e[+-]?\d{1,3}(?![\w.,]))?"  # "1.3e6": scanned lower-cased
    plain = rf"\d+(?:[.,]\d+)?(?!\d)(?:[{VULGAR}]|{exponent})"
    return rf"{start}(?:{grouped})(?:[.,]\d+)?(?!\d)|{start}{plain}|(?<![\w{VULGAR}])[{VULGAR}]"


def _number_words(lang: Language) -> tuple[str, str]:
    """Patterns for cardinal word sequences and for ordinal words."""
    if not lang.cardinals:
        return "(?!x)x", "(?!x)x"
    morph = alternation([*lang.cardinals, *lang.fraction_parts, *lang.fraction_nouns])  # "three quarters", "metà"
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


class BehindMatch:
    """The match of a `Behind` pattern, with spans and groups in the original text."""

    __slots__ = ("_end", "_m", "_text")

    def __init__(self, m: re.Match, text: str, end: int):
        self._m, self._text, self._end = m, text, end

    def start(self, group: int = 0) -> int:
        return self._end - self._m.end(group)

    def end(self, group: int = 0) -> int:
        return self._end - self._m.start(group)

    def group(self, group: int = 0) -> str | None:
        if self._m.group(group) is None:
            return None
        return self._text[self.start(group):self.end(group)]


class Behind:
    """Something that must end exactly where a number starts ("più di" before "1.200").

    It is matched on the reversed window, anchored at the number: one match attempt instead
    of a search over every position of the window.  `search(text, pos, endpos)` mirrors
    `re.Pattern.search` for patterns that end in `\\Z`.
    """

    def __init__(self, reversed_pattern: str):
        self.rx = re.compile(reversed_pattern)

    def search(self, text: str, pos: int, endpos: int) -> BehindMatch | None:
        """The match ending at `endpos` and starting at or after `pos`."""
        m = self.rx.match(text[pos:endpos][::-1])
        return BehindMatch(m, text, endpos) if m else None

    def at(self, text: str, reverse: str, end: int) -> BehindMatch | None:
        """The match ending at `end`, given `reverse == text[::-1]` (no copy per call)."""
        m = self.rx.match(reverse, len(text) - end)
        return BehindMatch(m, text, len(text)) if m else None


def _words_then(words, symbols=()) -> Behind:
    """One of `words` (after a word boundary) or `symbols`, then spaces, ending the window."""
    sym = f"|({reversed_alternation(symbols)})" if symbols else ""
    return Behind(rf"{SP}*(?:({reversed_alternation(words)})(?![\w]){sym})")


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

    strong = [w for w in lang.cardinals if w not in lang.weak] + list(lang.ordinals) + list(lang.ordinal_stems) \
        + list(lang.fraction_parts) + list(lang.fraction_nouns)
    ones = set(lang.weak) | set(lang.fraction_one)
    links = [*lang.fraction_joiners, *lang.ratio_joiners]
    parts = alternation(lang.fraction_parts) if lang.fraction_parts else "(?!x)x"
    return Patterns(
        lang=lang,
        scan=scan,
        # as [\d½...]+, but re skips to it faster: it starts with a class
        digit_trigger=re.compile(rf"[\d{VULGAR}][\d{VULGAR}]*"),
        word_trigger=re.compile(rf"\b{alternation(strong)}") if strong else re.compile("(?!x)x"),
        # "a million", "one and a half", "one in five", "un Français sur cinq": a weak word that
        # starts the number; group 1 is a nearer one ("one in [a] million")
        weak_before=Behind(
            rf"(?:{SP}+|-)(?:({reversed_alternation(ones)}){SP}+)?"
            rf"(?:(?:{reversed_alternation(links)}){SP}+(?:[^\W\d_]+{SP}+)?)?{reversed_alternation(lang.weak)}(?![\w])"
            if links else rf"{SP}+(){reversed_alternation(lang.weak)}(?![\w])"
        ),
        ordinal_suffix=re.compile(rf"(?:{alternation(lang.ordinal_suffixes)})(\.?)(?![\w])")
        if lang.ordinal_suffixes else re.compile("(?!x)x"),
        scale=re.compile(rf"{SP}*({alternation(lang.scales, 'i')}){WB_AFTER}"),
        scale_suffix=re.compile(rf"[ \u00a0\u202f]?({alternation(lang.scale_suffixes)})(?![\w])"),
        money_scale=re.compile(rf"{SP}?({alternation(lang.money_scales, 'i')}){WB_AFTER}"),
        unit=re.compile(rf"{SP}*(?:{unit_alt})"),
        linked_unit=re.compile(rf"{SP}+(?i:{alternation(linkers)}){SP}*(?:{unit_alt})"),
        units=units,
        currency_prefix=Behind(
            rf"{SP}?(?:({reversed_alternation(currency_prefixes)})|"
            rf"({reversed_alternation([*lang.currency_words_any_case, *lang.currency_words_before], 'i')}))(?![\w$])"
        ),
        qualifier_before=_words_then(lang.qualifiers, lang.qualifier_symbols),
        negative_before=_words_then(lang.negative_words),
        negative_after=re.compile(rf"{SP}+(?i:{alternation(lang.negative_after)})(?![\w])")
        if lang.negative_after else re.compile("(?!x)x"),
        not_qualifier=_words_then(lang.not_qualifiers),
        qualifier_after=re.compile(rf"{SP}*(?:,{SP}*)?({alternation(lang.qualifiers_after)}){WB_AFTER}"),
        month_before=Behind(
            rf"{SP}*,?{SP}*(?:(?:eht|ed|led){SP}+)?{reversed_alternation(months)}(?![\w])"
        ),
        date_after=re.compile(
            rf"(?:{SP}*{range_join}{SP}*\d{{1,2}})?(?:{day_suffix})?\.?{SP}*(?:(?:de|of|del|di){SP}+)?"
            rf"(?:{month_alt}(?![\w])|{month_prefix}{SP}*\d{{1,2}}(?!\d))"
        ),
        month_number_before=Behind(rf"{SP}*{reversed_alternation(lang.month_number_prefixes)}(?![\w])"),
        numeric_date=re.compile(
            r"\d{4}-\d{1,2}-\d{1,2}(?!\d)|\d{1,2}([/.\-])\d{1,2}\1\d{2,4}(?!\d)|\d{1,2}/\d{4}(?!\d)"
        ),
        time_of_day=re.compile(r"\d{1,2}(?::\d{2}){1,2}(?!\d)(?:" + SP + r"*(?i:[ap]\.?m\.?)(?![\w]))?"),
        time_before=_words_then(lang.time_before),
        hour_before=_words_then(lang.hour_before),
        time_after=re.compile(
            rf"(?:[.:h]\d{{2}}(?!\d)|{SP}*(?:{alternation(lang.time_after, 'i')})(?![\w])(?:{SP}*\d{{2}}(?!\d))?)"
        ),
        reference_before=Behind(
            rf"{SP}*(?:,?(?:[\w'’.\-]*[A-ZÀ-ÖØ-ÞĐ](?:{SP}+(?i:ed|led|id|ud|ad|nav|nov))?{SP}+){{1,3}})?"
            rf"(?:{reversed_alternation(lang.reference_words, 'i')}(?![\w])"
            rf"|{reversed_alternation(lang.reference_tails, 'i')}(?=[^\W\d_]))"
        ),
        year_cue=_words_then(lang.year_cues),
        year_event_before=re.compile(
            rf"(?<![\w])(?:{alternation(lang.year_events) or '(?!x)x'})(?:{SP}+[\w'’\-]+){{0,4}}{SP}+\Z", re.I),
        year_event_after=re.compile(
            rf"(?:{SP}+[\w'’\-]+){{0,4}}?{SP}+(?:{alternation(lang.year_events) or '(?!x)x'})(?![\w])", re.I),
        determiner_before=Behind(
            rf"{SP}*(?:{reversed_alternation(lang.determiners)}(?![\w])|{reversed_alternation(lang.possessives)})"
        ),
        ordinal_prefix=_words_then(lang.ordinal_prefixes),
        range_after=re.compile(rf"({SP}*(?:{range_join}){SP}*)(?=[\d$€£¥\w]|[-−]\d)"),
        between_before=_words_then([a for a, _ in lang.range_between]),
        currency_lead=re.compile(
            rf"(?:{alternation(currency_prefixes)}|(?i:{alternation(lang.currency_words_any_case)})){SP}?(?=\d)"
        ),
        street_after=re.compile(
            rf"(?:{SP}+[A-ZÀ-ÖØ-Þ][\w'’.\-]*){{1,3}}{SP}+(?i:{alternation(lang.street_words)})(?![\w])"
        ) if lang.street_words else re.compile("(?!x)x"),
        phone=re.compile(r"\(?\d{1,4}\)?(?:[ .\-/]\(?\d{1,4}\)?){2,}(?!\d)"),
        word_token=re.compile(r"[^\W\d_][\w'’\-]*"),
        hyphen_unit=re.compile(rf"-({alternation(list(lang.durations) + list(lang.unit_words), 'i')})(?![\w])"),
        # "3 milioni e mezzo", "two years and a half", "1 triệu rưỡi": a fraction after a whole
        fraction_tail=re.compile(
            rf"{SP}+(?:(?:{alternation(lang.fraction_joiners)}){SP}+(?:([^\W\d_]+){SP}+)??({parts})"
            rf"|({alternation(lang.fraction_tails)}))(?![\w])"
            if lang.fraction_joiners or lang.fraction_tails else "(?!x)x"
        ),
        # a fraction with no whole is a share of something: "two thirds of voters", "cut by a third."
        share_after=re.compile(rf"{SP}*(?:{alternation(lang.fraction_of)}(?![\w])|[.,;:!?)\]]|\Z)"
                               if lang.fraction_of else rf"{SP}*(?:[.,;:!?)\]]|\Z)"),
        # "un cuarto de hora", "un quart d'heure", "a quarter of an hour": a share of a unit
        share_linker=re.compile(rf"{SP}*(?:{alternation([*lang.fraction_of, *linkers])})(?:{SP}*|(?<=['’]))"
                                rf"(?:{alternation(lang.weak)}{SP}+)?"),
        share_of_scale=re.compile(
            rf"{SP}+{alternation(lang.fraction_of)}{SP}+(?:{alternation(lang.weak)}{SP}+)?"
            rf"({alternation([w for w, v in lang.scales.items() if v >= 1000])})(?![\w])"
            if lang.fraction_of else "(?!x)x"),
        mixed_fraction=re.compile(rf"{SP}+{alternation(lang.fraction_joiners)}{SP}+(\d{{1,2}})/(\d{{1,3}})(?![\d/]|[.,]\d)")
        if lang.fraction_joiners else re.compile("(?!x)x"),  # "2 e 1/4"
        article_after=re.compile(rf"{SP}+{alternation(lang.weak)}(?![\w])") if lang.weak else re.compile("(?!x)x"),
        share_of=re.compile(rf"{SP}*{alternation(lang.fraction_of)}(?![\w])"
                            if lang.fraction_of else "(?!x)x"),
        # "one in five", "un Français sur cinq" (group 1: what is counted, between the numbers)
        ratio_after=re.compile(rf"{SP}+(?:([^\W\d_][\w'’\-]*){SP}+)??(?:{alternation(lang.ratio_joiners)}){SP}+(?=[\w])")
        if lang.ratio_joiners else re.compile("(?!x)x"),
    )
