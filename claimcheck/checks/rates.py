"""Exchange rates of the day, offline: the European Central Bank's reference rates as shipped
by the `currencyconverter` package (no network, no hand-typed rates)."""

from __future__ import annotations

import datetime as dt
import functools

RATE_SLACK = 0.02  # a day's rate against the rate a writer used (a day or two off, rounding)
UNKNOWN_DATE_YEARS = 10  # with no publication date, any rate of the last ten years will do


@functools.cache
def _converter():
    from currency_converter import CurrencyConverter

    return CurrencyConverter(fallback_on_missing_rate=True, fallback_on_wrong_date=True)


def known(code: str) -> bool:
    try:
        return code in _converter().currencies
    except Exception:  # the package or its data is missing: no conversions, no crash
        return False


@functools.lru_cache(maxsize=4096)
def factor_range(source: str, target: str, date: dt.date | None) -> tuple[float, float] | None:
    """How many `target` one `source` is worth: the rate of `date` give or take RATE_SLACK, or
    the range over the last years of the series when the date is unknown. None when the ECB
    series does not cover a currency."""
    if source == target:
        return 1.0, 1.0
    if not (known(source) and known(target)):
        return None
    converter = _converter()
    if date is not None:
        rate = converter.convert(1.0, source, target, date=date)
        return rate * (1 - RATE_SLACK), rate * (1 + RATE_SLACK)
    last = min(converter.bounds[source].last_date, converter.bounds[target].last_date)
    first = max(converter.bounds[source].first_date, converter.bounds[target].first_date,
                last - dt.timedelta(days=365 * UNKNOWN_DATE_YEARS))
    rates = []
    day = first
    while day <= last:
        rates.append(converter.convert(1.0, source, target, date=day))
        day += dt.timedelta(days=30)
    return min(rates) * (1 - RATE_SLACK), max(rates) * (1 + RATE_SLACK)


def rate_of_day(source: str, target: str, date: dt.date | None) -> float | None:
    """The mid rate used in explanations."""
    span = factor_range(source, target, date)
    return (span[0] + span[1]) / 2 if span else None
