"""Properties of extraction that hold for every supported language.

- A number formatted by Babel for the language's locale (plain, with a scale word, as a percent,
  as money) and put in a neutral sentence is extracted with that value and cites exactly the
  formatted text.
- No text crashes the extractor: arbitrary unicode, and soups of digits, separators, currency
  symbols, number words and punctuation.
- Spans always cite their text, inside their sentence.

Expected values come from the number hypothesis drew, never from the extractor.
"""

from __future__ import annotations

import itertools
import math
import re
import tomllib
from decimal import Decimal
from importlib import resources

import pytest
from babel.numbers import format_compact_decimal, format_currency, format_decimal, format_percent
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from claimcheck import extract
from claimcheck import lang as langdata

LANGS = langdata.available()

# Each template has one slot and no other number, date or number word (checked below).
COUNT = {
    "de": "Das Unternehmen meldete {n} neue Kunden.",
    "en": "The company reported {n} new customers.",
    "es": "La empresa registró {n} clientes nuevos.",
    "fr": "L'entreprise a enregistré {n} nouveaux clients.",
    "it": "L'azienda ha registrato {n} nuovi clienti.",
    "nl": "Het bedrijf meldde {n} nieuwe klanten.",
    "pt": "A empresa registou {n} novos clientes.",
    "vi": "Công ty ghi nhận {n} khách hàng mới.",
}
PERCENT = {
    "de": "Der Umsatz stieg um {n} gegenüber dem Vorjahr.",
    "en": "Sales rose by {n} compared with the previous quarter.",
    "es": "Las ventas aumentaron un {n} respecto al año anterior.",
    "fr": "Le chiffre d'affaires a progressé de {n} par rapport à l'an dernier.",
    "it": "Le vendite sono aumentate del {n} rispetto all'anno scorso.",
    "nl": "De omzet steeg met {n} ten opzichte van vorig jaar.",
    "pt": "As vendas cresceram {n} em relação ao ano anterior.",
    "vi": "Doanh thu tăng {n} so với cùng kỳ.",
}
MONEY = {
    "de": "Das Unternehmen investierte {n} in das neue Werk.",
    "en": "The company invested {n} in the new plant.",
    "es": "La empresa invirtió {n} en la nueva planta.",
    "fr": "L'entreprise a investi {n} dans la nouvelle usine.",
    "it": "L'azienda ha investito {n} nel nuovo stabilimento.",
    "nl": "Het bedrijf investeerde {n} in de nieuwe fabriek.",
    "pt": "A empresa investiu {n} na nova fábrica.",
    "vi": "Công ty đã đầu tư {n} vào nhà máy mới.",
}
TEMPLATES = {"count": COUNT, "percent": PERCENT, "money": MONEY}


def _babel_locale(code: str) -> str:
    """The Babel locale a language's data file names (`babel = "..."`), else the code itself."""
    data = resources.files("claimcheck.lang").joinpath("data", f"{code}.toml").read_text(encoding="utf-8")
    return tomllib.loads(data).get("babel", code)


LOCALES = {code: _babel_locale(code) for code in LANGS}

# `12.25`, `3.14`: a plain English decimal that also reads as month.day is dropped as a date
# (see test_plain_decimal_that_reads_as_a_date); kept out of the round trip until that is fixed.
_DAY_MONTH_DECIMAL = re.compile(r"\d{1,2}\.\d{2}")


def _known_date_like(code: str, written: str) -> bool:
    return langdata.get(code).decimal == "." and bool(_DAY_MONTH_DECIMAL.fullmatch(written))


def _only_claim(text: str, code: str):
    claims = extract(text, lang=code)
    assert len(claims) == 1, f"{text!r}: expected one claim, got {[(c.text, c.value) for c in claims]}"
    claim = claims[0]
    assert text[claim.start:claim.end] == claim.text
    return claim


# ------------------------------------------------------------------------------ templates


def test_every_language_has_templates() -> None:
    for name, table in TEMPLATES.items():
        assert set(table) == set(LANGS), f"{name} templates: {sorted(set(LANGS) ^ set(table))}"


@pytest.mark.parametrize("kind", sorted(TEMPLATES))
@pytest.mark.parametrize("code", LANGS)
def test_templates_hold_no_claim_of_their_own(code: str, kind: str) -> None:
    template = TEMPLATES[kind][code]
    assert template.count("{n}") == 1
    assert extract(template.replace("{n}", "").replace("  ", " "), lang=code) == []


# ------------------------------------------------------------------------------ round trips

integers = st.integers(min_value=1, max_value=10**9)
# decimals with one or two fraction digits, 1 <= value <= 10^9
decimals = st.tuples(st.integers(min_value=1, max_value=2), st.integers(min_value=10, max_value=10**11)).map(
    lambda t: Decimal(t[1]).scaleb(-t[0])).filter(lambda d: 1 <= d <= 10**9 and d != d.to_integral_value())

ROUND_TRIP = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])


@pytest.mark.parametrize("code", LANGS)
@settings(ROUND_TRIP)
@given(value=integers)
@example(value=1_000)
@example(value=60_000)
@example(value=999_999_999)
@example(value=7)
def test_babel_integer_round_trip(code: str, value: int) -> None:
    written = format_decimal(value, locale=LOCALES[code])
    claim = _only_claim(COUNT[code].format(n=written), code)
    assert claim.text == written
    assert claim.value == pytest.approx(value, rel=0.005)
    assert (str(claim.kind), claim.unit, str(claim.qualifier)) == ("count", None, "exact")


@pytest.mark.parametrize("code", LANGS)
@settings(ROUND_TRIP)
@given(value=decimals)
@example(value=Decimal("1234.5"))
@example(value=Decimal("1.05"))
@example(value=Decimal("999999.99"))
def test_babel_decimal_round_trip(code: str, value: Decimal) -> None:
    written = format_decimal(value, locale=LOCALES[code])
    if _known_date_like(code, written):
        return
    claim = _only_claim(COUNT[code].format(n=written), code)
    assert claim.text == written
    assert claim.value == pytest.approx(float(value), rel=0.005)
    assert claim.unit is None and str(claim.qualifier) == "exact"


@pytest.mark.parametrize("code", LANGS)
@settings(ROUND_TRIP)
@given(value=st.integers(min_value=1000, max_value=10**9))
@example(value=1000)
@example(value=1_100_000)
@example(value=14_000_000)
@example(value=999_960)
@example(value=2_300_000_000 // 10)
def test_babel_scale_word_round_trip(code: str, value: int) -> None:
    """"1,2 milioni", "14 triệu", "2.3 billion": Babel rounds to one fraction digit of its scale."""
    written = format_compact_decimal(value, locale=LOCALES[code], format_type="long", fraction_digits=1)
    scale = 10 ** (3 * int(math.log10(value) // 3))  # thousand, million or billion
    claim = _only_claim(COUNT[code].format(n=written), code)
    assert claim.text == written
    assert abs(claim.value - value) <= max(0.005 * value, 0.05 * scale + 1e-6), (written, claim.value)
    assert claim.unit is None and str(claim.qualifier) == "exact"


percents = st.integers(min_value=1, max_value=99_999).map(lambda k: Decimal(k).scaleb(-2))  # 0.01 .. 999.99


@pytest.mark.parametrize("code", LANGS)
@settings(ROUND_TRIP)
@given(percent=percents)
@example(percent=Decimal("30"))
@example(percent=Decimal("5.05"))
@example(percent=Decimal("0.5"))
def test_babel_percent_round_trip(code: str, percent: Decimal) -> None:
    written = format_percent(percent / 100, locale=LOCALES[code], decimal_quantization=False)
    claim = _only_claim(PERCENT[code].format(n=written), code)
    assert claim.text == written
    assert claim.value == pytest.approx(float(percent), rel=0.005)
    assert (str(claim.kind), claim.unit, str(claim.qualifier)) == ("percent", "%", "exact")


amounts = st.integers(min_value=100, max_value=10**11).map(lambda k: Decimal(k).scaleb(-2))  # 1.00 .. 10^9


@pytest.mark.parametrize("currency", ["EUR", "USD"])
@pytest.mark.parametrize("code", LANGS)
@settings(ROUND_TRIP)
@given(amount=amounts)
@example(amount=Decimal("4990"))
@example(amount=Decimal("1.16"))
@example(amount=Decimal("48000000"))
def test_babel_currency_round_trip(code: str, currency: str, amount: Decimal) -> None:
    written = format_currency(amount, currency, locale=LOCALES[code])
    claim = _only_claim(MONEY[code].format(n=written), code)
    assert claim.text == written
    assert claim.value == pytest.approx(float(amount), rel=0.005)
    assert (str(claim.kind), claim.unit, str(claim.qualifier)) == ("currency", currency, "exact")


@pytest.mark.parametrize("text", [
    "The average household has 2.15 children.",
    "The reproduction number fell to 1.12 last week.",
    "The company reported 12.25 new customers.",
])
def test_plain_decimal_that_reads_as_a_date(text: str) -> None:
    written = re.search(r"\d+\.\d+", text).group()
    claim = _only_claim(text, "en")
    assert claim.text == written
    assert claim.value == pytest.approx(float(written))


# ------------------------------------------------------------------------------ no crash, spans


def _check_spans(text: str, claims) -> None:
    for c in claims:
        assert 0 <= c.start < c.end <= len(text), (c.start, c.end, len(text))
        assert text[c.start:c.end] == c.text
        assert c.text == c.text.strip(), f"span {c.text!r} has surrounding whitespace"
        s = c.sentence_start
        assert text[s:s + len(c.sentence)] == c.sentence, "the sentence is not a slice of the text"
        if not _known_split_sentence(c):
            assert c.text in c.sentence
            assert s <= c.start and c.end <= s + len(c.sentence), "the claim lies outside its sentence"
        assert math.isfinite(c.value)
        if c.low is not None and c.high is not None and not _known_reversed_bounds(c):
            assert c.low <= c.high, f"{c.text!r}: low {c.low} > high {c.high}"


def _known_split_sentence(claim) -> bool:
    """"Fr. 30": the sentence ends at the abbreviation's dot (see test_sentence_holds_a_dotted_currency)."""
    return bool(re.search(r"[^\W\d_]\.\s", claim.text))


def _known_reversed_bounds(claim) -> bool:
    """Approximate negative values get low > high (see test_approximate_negative_value_bounds)."""
    return claim.value < 0 and str(claim.qualifier) == "approx"


def _vocabulary(code: str) -> list[str]:
    """Number words, scale words, percent words, qualifiers and month names of one language."""
    lang = langdata.get(code)
    words = set(lang.cardinals) | set(lang.scales) | set(lang.percent_words) | set(lang.qualifiers)
    words |= set(lang.ordinals) | set(lang.months) | set(lang.durations) | set(lang.unit_words)
    words |= set(lang.currency_words)
    words |= set(lang.fraction_parts) | set(lang.fraction_nouns) | set(lang.fraction_joiners) | set(lang.ratio_joiners)
    words |= set(lang.fraction_of) | set(lang.fraction_tails) | set(lang.fraction_each) | set(lang.weak)
    words |= set(lang.negative_words) | set(lang.negative_after) | set(lang.time_before) | set(lang.hour_before)
    return sorted(w for w in words if w)


def _symbols(code: str) -> list[str]:
    return sorted(set(langdata.get(code).currency_symbols) | {"$", "€", "£", "¥", "₫", "US$", "%", "‰", "°C"})


SEPARATORS = [".", ",", " ", "\u00a0", "\u202f", "'", "’", "-", "–", "/", ":", "+", "x", "×", "~", "½", "¾", "e", "e-"]
PUNCTUATION = [".", ",", ";", ":", "!", "?", "(", ")", "[", "]", "«", "»", "“", "”", '"', "…", "\n", "\n\n", "\t",
               "—", "#", "&", "*", "_", "http://", "@"]


def soup(code: str) -> st.SearchStrategy[str]:
    """Text made of the raw material of numbers in one language."""
    token = st.one_of(
        st.from_regex(r"\d{1,4}", fullmatch=True),
        st.integers(min_value=-(10**15), max_value=10**15).map(str),
        st.integers(min_value=0, max_value=10**12).map(lambda n: format_decimal(n, locale=LOCALES[code])),
        st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False).map(
            lambda d: format_decimal(d, locale=LOCALES[code])),
        st.sampled_from(SEPARATORS),
        st.sampled_from(_symbols(code)),
        st.sampled_from(_vocabulary(code)),
        st.sampled_from(PUNCTUATION),
    )
    glue = st.sampled_from(["", " ", " ", "\u00a0", "-", "\n"])
    return st.lists(st.tuples(token, glue), max_size=40).map(lambda xs: "".join(a + b for a, b in xs))


FUZZ = settings(max_examples=100, deadline=None)


def _short_numbers(text: str) -> bool:
    """Fewer than 300 digits in all: longer numbers overflow a float (see
    test_numbers_too_long_for_a_float), a known bug kept out of the fuzzers until it is fixed."""
    return sum(ch.isdigit() for ch in text) < 300


@pytest.mark.parametrize("code", [*LANGS, None])
@FUZZ
@given(text=st.text(max_size=400))
@example(text="")
@example(text="\x00\ufeff\u202e1\u200b2")
@example(text="9" * 250)
@example(text="1." * 300)
@example(text="<p>4,200&nbsp;€</p>\r\n\u2028" * 3)
def test_no_crash_on_any_unicode(code: str | None, text: str) -> None:
    assume(_short_numbers(text))
    claims = extract(text, lang=code)
    _check_spans(text, claims)


@pytest.mark.parametrize("code", LANGS)
@FUZZ
@given(data=st.data())
def test_no_crash_on_number_soup(code: str, data: st.DataObject) -> None:
    text = data.draw(soup(code))
    assume(_short_numbers(text))
    claims = extract(text, lang=code)
    _check_spans(text, claims)


@pytest.mark.parametrize("text", [
    "9" * 309,                                   # OverflowError: cannot convert float infinity to integer
    "1" + ",000" * 103,                          # OverflowError: (34, 'Numerical result out of range')
    "It cost $" + "9" * 310 + ".",               # a claim whose value is inf
    "It took 1.3e610 seconds.",                  # OverflowError: an exponent no figure of the world has
])
def test_numbers_too_long_for_a_float(text: str) -> None:
    claims = extract(text, lang="en")
    _check_spans(text, claims)


@pytest.mark.parametrize("code", LANGS)
@FUZZ
@given(data=st.data())
def test_spans_cite_their_text_in_sentences(code: str, data: st.DataObject) -> None:
    """Sentences from the templates, joined with soup between them: every span is exact."""
    sentences = data.draw(st.lists(st.one_of(
        integers.map(lambda v: COUNT[code].format(n=format_decimal(v, locale=LOCALES[code]))),
        percents.map(lambda p: PERCENT[code].format(
            n=format_percent(p / 100, locale=LOCALES[code], decimal_quantization=False))),
        amounts.map(lambda a: MONEY[code].format(n=format_currency(a, "EUR", locale=LOCALES[code]))),
        soup(code),
    ), min_size=1, max_size=6))
    joiner = data.draw(st.sampled_from([" ", "\n", "\n\n", "  "]))
    text = joiner.join(sentences)
    claims = extract(text, lang=code)
    _check_spans(text, claims)
    starts = [c.start for c in claims]
    assert starts == sorted(starts), "claims are not in text order"
    for a, b in itertools.pairwise(claims):
        shared = text[b.start:a.end].strip()
        if a.end > b.start and (shared in _symbols(code) or shared.lower() in langdata.get(code).currency_words):
            continue  # one symbol claimed by both neighbours: see test_one_symbol_two_claims
        assert a.end <= b.start, f"overlapping spans {a.text!r} and {b.text!r}"


@pytest.mark.parametrize(("code", "text"), [
    ("en", "The plan costs 12 $ 15 with tax."),
    ("it", "Il biglietto costa 25 € 10 € in più."),
])
def test_one_symbol_two_claims(code: str, text: str) -> None:
    claims = extract(text, lang=code)
    _check_spans(text, claims)
    for a, b in itertools.pairwise(claims):
        assert a.end <= b.start, f"overlapping spans {a.text!r} and {b.text!r}"


@pytest.mark.parametrize(("code", "text", "value"), [
    ("en", "Overnight temperatures fell to about -15 °C.", -15),
    ("it", "Il saldo è stato di circa -2 milioni di euro.", -2_000_000),
    ("en", "The balance was around -3%.", -3),
])
def test_approximate_negative_value_bounds(code: str, text: str, value: float) -> None:
    claim = _only_claim(text, code)
    assert str(claim.qualifier) == "approx"
    assert claim.value == pytest.approx(value)
    # claims.md: an approximate value allows +-10%
    assert claim.low == pytest.approx(value * 1.1) and claim.high == pytest.approx(value * 0.9)


@pytest.mark.parametrize(("code", "text", "cited", "value"), [
    ("de", "Der Eintritt kostet Fr. 30 pro Person.", "Fr. 30", 30),
    ("en", "The fare is Fr. 12 for adults.", "Fr. 12", 12),
    ("fr", "Le billet coûte Fr. 30 par personne.", "Fr. 30", 30),
])
def test_sentence_holds_a_dotted_currency(code: str, text: str, cited: str, value: float) -> None:
    claim = _only_claim(text, code)
    assert (claim.text, claim.value, claim.unit) == (cited, value, "CHF")
    assert claim.sentence == text
