"""Offline language identification with lingua, limited to the languages we have data for."""

from __future__ import annotations

import functools

from .. import lang as langdata

SAMPLE = 1500  # characters read for detection: plenty for an article, cheap for a huge file


@functools.cache
def _detector():
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    codes = []
    for code in langdata.available():
        try:
            codes.append(IsoCode639_1.from_str(code))
        except ValueError:
            continue
    return LanguageDetectorBuilder.from_iso_codes_639_1(*codes).with_low_accuracy_mode().build()


def detect(text: str, default: str = "en") -> str:
    """The ISO 639-1 code of the text's language, or `default` when it cannot be told."""
    sample = text[:SAMPLE]
    if sum(ch.isalpha() for ch in sample) < 3:
        return default
    found = _detector().detect_language_of(sample)
    if found is None:
        return default
    return found.iso_code_639_1.name.lower()
