"""Offline language identification with lingua, limited to the languages we have data for."""

from __future__ import annotations

import functools
import re

from .. import lang as langdata

SAMPLE = 1500  # characters read for detection: plenty for an article, cheap for a huge file
CLEAR_HITS = 12  # function words of one language a sample must have to be told without lingua
CLEAR_MARGIN = 3.0  # ... and how many times more than of any other language
_WORDS = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


@functools.cache
def _function_words() -> dict[str, str | None]:
    """Word -> the one language whose stopword list has it (None when several have it)."""
    owner: dict[str, str | None] = {}
    for code in langdata.available():
        for word in langdata.get(code).stopwords:
            owner[word] = code if owner.get(word, code) == code else None
    return owner


def _by_function_words(sample: str) -> str | None:
    owner = _function_words()
    hits: dict[str, int] = {}
    for word in _WORDS.findall(sample.lower()):
        code = owner.get(word)
        if code:
            hits[code] = hits.get(code, 0) + 1
    if not hits:
        return None
    ranked = sorted(hits.values(), reverse=True)
    best = max(hits, key=hits.__getitem__)
    second = ranked[1] if len(ranked) > 1 else 0
    return best if ranked[0] >= CLEAR_HITS and ranked[0] >= CLEAR_MARGIN * second else None


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
    """The ISO 639-1 code of the text's language, or `default` when it cannot be told.  A text
    whose function words clearly belong to one language is told by them; lingua decides the rest."""
    sample = text[:SAMPLE]
    if sum(map(str.isalpha, sample)) < 3:
        return default
    clear = _by_function_words(sample)
    if clear:
        return clear
    found = _detector().detect_language_of(sample)
    if found is None:
        return default
    return found.iso_code_639_1.name.lower()
