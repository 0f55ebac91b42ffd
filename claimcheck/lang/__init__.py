"""Per-language knowledge: one validated data file per language plus what CLDR knows.

`get("it")` returns the Italian `Language`; `available()` lists the codes that have a data file.
Adding a language is adding `data/<code>.toml` (and a case file under tests/cases/extract).
"""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from importlib import resources
from typing import Any

from ..errors import LanguageDataError, UnknownLanguageError
from . import cldr

QUALIFIERS = ("exact", "approx", "more_than", "at_least", "less_than", "at_most", "up_to")
SPACE_GROUPS = set(cldr.SPACES)


@dataclass(frozen=True)
class Language:
    """Everything extraction needs to know about one language, as plain mappings."""

    code: str
    name: str
    number_parser: str
    space_groups: bool
    forecast: tuple[str, ...]
    compound_words: bool
    capitalised_next_is_name: bool
    decimal: str
    group: str
    date_order: str
    cardinals: tuple[str, ...]
    weak: frozenset[str]
    aliases: dict[str, str]
    compound_only: frozenset[str]
    elided: dict[str, float]
    ambiguous: dict[str, dict[str, Any]]
    joiners: tuple[str, ...]
    table: dict[str, tuple[float, str]]
    ordinals: dict[str, int]
    ordinal_word_ending: str | None
    ordinal_stems: tuple[str, ...]
    ordinal_suffixes: tuple[str, ...]
    ordinal_suffixes_need_dot: frozenset[str]
    ordinal_prefixes: tuple[str, ...]
    determiners: tuple[str, ...]
    possessives: tuple[str, ...]
    fractions: dict[str, float]
    fraction_parts: dict[str, int]
    fraction_joiners: tuple[str, ...]
    fraction_one: frozenset[str]
    fraction_of: tuple[str, ...]
    ratio_joiners: tuple[str, ...]
    fraction_tails: dict[str, float]
    fraction_glued: dict[str, float]
    fraction_words: dict[str, float]
    fraction_nouns: dict[str, float]
    fraction_each: frozenset[str]
    fraction_noun_not_after: frozenset[str]
    nouns_capitalised: bool
    street_words: tuple[str, ...]
    day_prefixes: frozenset[str]
    scope_words: dict[str, frozenset[str]]
    ordinal_excluded_nouns: frozenset[str]
    ordinal_rank_words: frozenset[str]
    ordinal_place_nouns: frozenset[str]
    ordinal_streak_words: tuple[str, ...]
    reference_words: tuple[str, ...]
    reference_tails: tuple[str, ...]
    scales: dict[str, float]
    approx_scales: frozenset[str]
    scale_currencies: dict[str, str]
    money_scales: dict[str, float]
    scale_suffixes: dict[str, float]
    currency_code_scales: dict[str, float]
    qualifiers: dict[str, str]
    qualifiers_after: dict[str, str]
    not_qualifiers: tuple[str, ...]
    range_between: tuple[tuple[str, str], ...]
    range_joiners: tuple[str, ...]
    bound_joiners: frozenset[str]
    list_joiners: frozenset[str]
    negative_words: tuple[str, ...]
    negative_after: tuple[str, ...]
    conversion_joiners: tuple[str, ...]
    qualifier_symbols: dict[str, str]
    change_words: frozenset[str]
    currency_words: dict[str, str]
    currency_symbols: dict[str, str]
    currency_words_any_case: tuple[str, ...]
    currency_words_before: tuple[str, ...]
    percent_words: tuple[str, ...]
    point_words: tuple[str, ...]
    unit_words: dict[str, tuple[str, float]]
    unit_symbols: dict[str, str]
    durations: dict[str, tuple[str, float]]
    months: dict[str, int]
    month_abbreviations: dict[str, int]
    month_number_prefixes: tuple[str, ...]
    weekdays: frozenset[str]
    day_suffixes: tuple[str, ...]
    before_day: tuple[str, ...]
    time_before: tuple[str, ...]
    hour_before: tuple[str, ...]
    time_after: tuple[str, ...]
    day_words: dict[str, int]
    year_cues: tuple[str, ...]
    year_events: tuple[str, ...]
    year_words: frozenset[str]
    this_year: tuple[str, ...]
    last_year: tuple[str, ...]
    next_year: tuple[str, ...]
    object_joiners: tuple[str, ...]
    novelty: tuple[str, ...]
    stopwords: frozenset[str]
    dimensions: dict[str, tuple[str, float]]

    @property
    def group_is_space(self) -> bool:
        return self.group in SPACE_GROUPS or self.space_groups


def _data_text(name: str) -> str | None:
    path = resources.files(__package__).joinpath("data", name)
    return path.read_text(encoding="utf-8") if path.is_file() else None


@functools.cache
def available() -> tuple[str, ...]:
    """Language codes that have a data file."""
    folder = resources.files(__package__).joinpath("data")
    names = (p.name for p in folder.iterdir())
    return tuple(sorted(n[:-5] for n in names if n.endswith(".toml") and n != "common.toml"))


@functools.cache
def _common() -> dict[str, Any]:
    return _parse("common.toml", _data_text("common.toml") or "")


def _parse(name: str, text: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise LanguageDataError(f"{name}: not valid TOML: {e}") from None


def get(code: str) -> Language:
    """The Language for an ISO 639-1 code; UnknownLanguageError when there is no data file."""
    code = (code or "").strip().lower().replace("_", "-").split("-")[0]
    if code not in available():
        known = ", ".join(available())
        raise UnknownLanguageError(f"unknown language {code!r} (known: {known})")
    return _load(code)


@functools.cache
def _load(code: str) -> Language:
    name = f"{code}.toml"
    return build(name, _parse(name, _data_text(name) or ""), _common())


class _Checker:
    """Reads typed values out of a parsed data file, naming the file and key on failure."""

    def __init__(self, name: str, data: dict[str, Any]):
        self.name, self.data = name, data

    def fail(self, key: str, problem: str) -> LanguageDataError:
        return LanguageDataError(f"{self.name}: {key}: {problem}")

    def get(self, key: str, kind: type, default: Any) -> Any:
        node: Any = self.data
        for part in key.split("."):
            if not isinstance(node, dict) or part not in node:
                return default
            node = node[part]
        if not isinstance(node, kind):
            raise self.fail(key, f"expected {kind.__name__}, got {type(node).__name__}")
        return node

    def words(self, key: str) -> tuple[str, ...]:
        items = self.get(key, list, [])
        for item in items:
            if not isinstance(item, str) or not item.strip():
                raise self.fail(key, f"expected non-empty strings, got {item!r}")
        return tuple(item.lower() for item in items)

    def mapping(self, key: str) -> dict[str, Any]:
        return {k.lower(): v for k, v in self.get(key, dict, {}).items()}


def _scaled_units(checker: _Checker, key: str, dims: dict[str, tuple[str, float]]) -> dict[str, tuple[str, float]]:
    out: dict[str, tuple[str, float]] = {}
    for word, target in checker.mapping(key).items():
        unit, factor = (target, 1.0) if isinstance(target, str) else (target[0], float(target[1]))
        if unit not in dims:
            raise checker.fail(f"{key}.{word}", f"unknown unit {unit!r}")
        out[word] = (unit, factor)
    return out


def build(name: str, data: dict[str, Any], common: dict[str, Any]) -> Language:
    """Validate one parsed data file and merge it with the shared data and CLDR."""
    c = _Checker(name, data)
    code = c.get("code", str, "")
    if not code or name != f"{code}.toml":
        raise c.fail("code", f"must match the file name, got {code!r}")
    parser = c.get("number_parser", str, "table")
    if parser not in ("text2num", "table"):
        raise c.fail("number_parser", "must be 'text2num' or 'table'")

    dims = {k: (v[0], float(v[1])) for k, v in common.get("dimensions", {}).items()}
    cldr_units = common.get("cldr_units", {})
    facts = cldr.read(c.get("babel", str, code), common.get("currencies", []),
                      common.get("symbol_preference", []), cldr_units)

    qualifiers: dict[str, str] = {}
    for qual in QUALIFIERS:
        for phrase in c.words(f"qualifiers.{qual}"):
            qualifiers[phrase] = qual
    after = c.mapping("qualifiers.after")
    for phrase, qual in after.items():
        if qual not in QUALIFIERS:
            raise c.fail(f"qualifiers.after.{phrase}", f"unknown qualifier {qual!r}")

    table: dict[str, tuple[float, str]] = {}
    for word, entry in c.mapping("numbers.table").items():
        value, role = (entry, "unit") if isinstance(entry, int | float) else (entry[0], entry[1])
        if role not in ("unit", "ten", "hundred", "scale", "zero"):
            raise c.fail(f"numbers.table.{word}", f"unknown role {role!r}")
        table[word] = (float(value), role)

    currency_words = {k: v for k, v in facts.currency_words.items()}
    currency_words.update(c.mapping("currencies"))
    for word, iso in currency_words.items():
        if not (isinstance(iso, str) and len(iso) == 3 and iso.isupper()):
            raise c.fail(f"currencies.{word}", f"not an ISO 4217 code: {iso!r}")
    before_words = c.words("numbers.currency_words_before")
    for word in before_words:
        if word not in currency_words:
            raise c.fail("numbers.currency_words_before", f"{word!r} is no currency word of the language")
    currency_symbols = dict(facts.currency_symbols)
    currency_symbols.update(common.get("currency_symbols", {}))
    for iso in common.get("codes_any_case", []):
        currency_words.setdefault(iso.lower(), currency_symbols.get(iso, iso))

    unit_words = {w: (u, 1.0) for w, u in facts.unit_words.items() if u not in _time_units(dims)}
    durations = {w: (u, 1.0) for w, u in facts.unit_words.items() if u in _time_units(dims)}
    unit_words.update(_scaled_units(c, "units", dims))
    durations.update(_scaled_units(c, "durations", dims))
    unit_symbols = {s: u for s, u in facts.unit_symbols.items() if u not in _time_units(dims)}
    unit_symbols.update(common.get("unit_symbols", {}))
    unit_symbols.update(c.get("unit_symbols", dict, {}))
    for symbol, unit in unit_symbols.items():
        if unit not in dims:
            raise LanguageDataError(f"common.toml: unit_symbols.{symbol}: unknown unit {unit!r}")

    scales = {k.lower(): v for k, v in facts.scales.items() if k == k.lower()}
    scales.update({k: float(v) for k, v in c.mapping("scales.words").items()})
    collectives = _fractions(c, "scales.collectives")
    scale_currencies = c.mapping("scales.currencies")
    for word, iso in scale_currencies.items():
        if word not in scales or not (isinstance(iso, str) and len(iso) == 3 and iso.isupper()):
            raise c.fail(f"scales.currencies.{word}", "expected a scale word and an ISO 4217 code")
    scales.update(collectives)
    percent_words = tuple(sorted(set(c.words("percent.words")) | facts.percent_words))

    between = []
    for pair in c.get("ranges.between", list, []):
        if not (isinstance(pair, list) and len(pair) == 2 and all(isinstance(p, str) for p in pair)):
            raise c.fail("ranges.between", f"expected [opening, joiner] pairs, got {pair!r}")
        between.append((pair[0].lower(), pair[1].lower()))

    parts: dict[str, int] = {}
    for word, parts_in_whole in c.mapping("fractions.parts").items():
        if not (isinstance(parts_in_whole, int) and parts_in_whole >= 2):
            raise c.fail(f"fractions.parts.{word}", f"expected the number of parts (2 or more), got {parts_in_whole!r}")
        parts[word] = parts_in_whole

    aliases = c.mapping("numbers.aliases")
    for word, spelling in aliases.items():
        if not isinstance(spelling, str) or not spelling.strip():
            raise c.fail(f"numbers.aliases.{word}", f"expected the spelling the number parser reads, got {spelling!r}")

    ambiguous: dict[str, dict[str, Any]] = {}
    for word, rules in c.get("numbers.ambiguous", dict, {}).items():
        if not isinstance(rules, dict) or set(rules) - {"not_before", "not_after", "not_after_capitalized"}:
            raise c.fail(f"numbers.ambiguous.{word}", "expected not_before, not_after or not_after_capitalized")
        ambiguous[word.lower()] = {
            "not_before": frozenset(c.words(f"numbers.ambiguous.{word}.not_before")),
            "not_after": frozenset(c.words(f"numbers.ambiguous.{word}.not_after")),
            "not_after_capitalized": c.get(f"numbers.ambiguous.{word}.not_after_capitalized", bool, False),
        }
    return Language(
        code=code,
        name=c.get("name", str, code),
        number_parser=parser,
        space_groups=c.get("space_groups", bool, False),
        forecast=c.words("dates.forecast"),
        compound_words=c.get("compound_words", bool, False),
        capitalised_next_is_name=c.get("capitalised_next_is_name", bool, False),
        decimal=facts.decimal,
        group=facts.group,
        date_order=facts.date_order,
        cardinals=tuple(dict.fromkeys([*c.words("numbers.cardinals"), *aliases, *collectives])),
        weak=frozenset(c.words("numbers.weak")) | {k for k, v in aliases.items() if v in c.words("numbers.weak")},
        aliases=aliases,
        compound_only=frozenset(c.words("numbers.compound_only")),
        elided={k: float(v) for k, v in c.mapping("numbers.elided").items()},
        ambiguous=ambiguous,
        joiners=c.words("numbers.joiners"),
        table=table,
        ordinals={k: int(v) for k, v in c.mapping("numbers.ordinals").items()},
        ordinal_word_ending=c.get("numbers.ordinal_word_ending", str, None),
        ordinal_stems=c.words("numbers.ordinal_stems"),
        ordinal_suffixes=tuple(c.get("numbers.ordinal_suffixes", list, [])),
        ordinal_suffixes_need_dot=frozenset(c.get("numbers.ordinal_suffixes_need_dot", list, [])),
        ordinal_prefixes=c.words("numbers.ordinal_prefixes"),
        determiners=c.words("numbers.determiners"),
        possessives=c.words("numbers.possessives"),
        fractions={k: float(v) for k, v in c.mapping("numbers.fractions").items()},
        fraction_parts=parts,
        fraction_joiners=c.words("fractions.joiners"),
        fraction_one=frozenset(c.words("fractions.one")),
        fraction_of=c.words("fractions.of"),
        ratio_joiners=c.words("fractions.ratio"),
        fraction_tails=_fractions(c, "fractions.tails"),
        fraction_glued=_fractions(c, "fractions.glued"),
        fraction_words=_fractions(c, "fractions.words"),
        fraction_nouns=_fractions(c, "fractions.nouns"),
        fraction_each=frozenset(c.words("fractions.each")),
        fraction_noun_not_after=frozenset(c.words("fractions.noun_not_after")),
        nouns_capitalised=c.get("nouns_capitalised", bool, False),
        street_words=c.words("numbers.street_words"),
        day_prefixes=frozenset(c.words("dates.day_prefixes")),
        scope_words={k: frozenset(w.lower() for w in v) for k, v in c.mapping("durations_before_scope").items()},
        ordinal_excluded_nouns=frozenset(c.words("numbers.ordinal_excluded_nouns")),
        ordinal_rank_words=frozenset(c.words("numbers.ordinal_rank_words")),
        ordinal_place_nouns=frozenset(c.words("numbers.ordinal_place_nouns")),
        ordinal_streak_words=c.words("numbers.ordinal_streak_words"),
        reference_words=c.words("numbers.reference_words"),
        reference_tails=c.words("numbers.reference_tails"),
        scales=scales,
        approx_scales=frozenset(collectives),
        scale_currencies=scale_currencies,
        money_scales={k: float(v) for k, v in c.get("scales.money", dict, {}).items()},
        scale_suffixes={**{k: v for k, v in facts.scales.items() if k != k.lower()},
                        **{k: float(v) for k, v in c.get("scales.suffixes", dict, {}).items()}},
        currency_code_scales={k: float(v) for k, v in common.get("currency_code_scales", {}).items()},
        qualifiers=qualifiers,
        qualifiers_after=after,
        not_qualifiers=c.words("qualifiers.not_before"),
        range_between=tuple(between),
        range_joiners=tuple(c.get("ranges.joiners", list, [])),
        bound_joiners=frozenset(c.words("ranges.bound_joiners")),
        list_joiners=frozenset(c.words("ranges.list_joiners")),
        negative_words=c.words("numbers.negative_words"),
        negative_after=c.words("numbers.negative_after"),
        conversion_joiners=c.words("numbers.conversion_joiners"),
        qualifier_symbols=dict(common.get("qualifier_symbols", {})),
        change_words=frozenset(c.words("ranges.change_words")),
        currency_words=currency_words,
        currency_symbols=currency_symbols,
        currency_words_any_case=tuple(iso.lower() for iso in common.get("codes_any_case", [])),
        currency_words_before=before_words,
        percent_words=percent_words,
        point_words=c.words("percent.points"),
        unit_words=unit_words,
        unit_symbols=unit_symbols,
        durations=durations,
        months=facts.months,
        month_abbreviations=facts.month_abbreviations,
        month_number_prefixes=tuple(sorted(facts.month_number_prefixes)),
        weekdays=frozenset(facts.weekdays),
        day_suffixes=tuple(c.get("dates.day_suffixes", list, [])),
        before_day=c.words("dates.before_day"),
        time_before=c.words("dates.time_before"),
        hour_before=c.words("dates.hour_before"),
        time_after=c.words("dates.time_after"),
        day_words={k: int(v) for k, v in c.mapping("dates.day_words").items()},
        year_cues=c.words("dates.year_cues"),
        year_events=c.words("dates.year_events"),
        year_words=frozenset(c.words("dates.year_words")),
        this_year=c.words("dates.this_year"),
        last_year=c.words("dates.last_year"),
        next_year=c.words("dates.next_year"),
        object_joiners=c.words("objects.joiners"),
        novelty=c.words("objects.novelty"),
        stopwords=frozenset(c.words("objects.stopwords")),
        dimensions=dims,
    )


def _fractions(checker: _Checker, key: str) -> dict[str, float]:
    out = checker.mapping(key)
    for word, value in out.items():
        if not isinstance(value, int | float) or isinstance(value, bool) or value <= 0:
            raise checker.fail(f"{key}.{word}", f"expected a positive number, got {value!r}")
    return {word: float(value) for word, value in out.items()}


def _time_units(dims: dict[str, tuple[str, float]]) -> set[str]:
    return {unit for unit, (dim, _) in dims.items() if dim == "time"}


@functools.cache
def concepts(code: str) -> dict[str, tuple[str, ...]]:
    """The measured-concept words of a language: concept id -> surface forms (lower case).
    Languages without a concept file get an empty lexicon (linking then leans on names,
    context and values)."""
    data = _concept_file(code)
    if data is None:
        return {}
    name = f"{code}.toml"
    table = data.get("concepts")
    if not isinstance(table, dict):
        raise LanguageDataError(f"concepts/{name}: missing [concepts] table")
    out: dict[str, tuple[str, ...]] = {}
    for concept, forms in table.items():
        if not isinstance(forms, list) or not all(isinstance(f, str) and f.strip() for f in forms):
            raise LanguageDataError(f"concepts/{name}: {concept}: expected a list of words")
        out[concept] = tuple(f.strip().lower() for f in forms)
    return out


def plural_endings(code: str) -> tuple[str, ...]:
    """Endings a concept word may take in the text ("surface" -> "surfaces"): the concept
    file's `plural_endings`, none when it has no such key."""
    data = _concept_file(code)
    endings = data.get("plural_endings", []) if data else []
    if not isinstance(endings, list) or not all(isinstance(e, str) and e.strip() for e in endings):
        raise LanguageDataError(f"concepts/{code}.toml: plural_endings: expected a list of endings")
    return tuple(e.strip().lower() for e in endings)


@functools.cache
def _concept_file(code: str) -> dict[str, Any] | None:
    name = f"{code}.toml"
    path = resources.files(__package__).joinpath("concepts", name)
    if not path.is_file():
        return None
    return _parse(f"concepts/{name}", path.read_text(encoding="utf-8"))
