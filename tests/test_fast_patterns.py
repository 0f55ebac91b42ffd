"""Patterns written for speed find what their plain forms find.

Some patterns of `claimcheck.extraction.context` are written so that `re` can skip quickly to the
next place they may match (a look-behind moved after the first character, a stop matched instead
of looked behind for, a loose alternation tried before an exact pattern).  Here each is checked
against the plain form it replaces, on strings made of the pieces that matter: every short one
for years, random ones for sentences and words.
"""

from __future__ import annotations

import bisect
import itertools
import re

from hypothesis import given
from hypothesis import strategies as st

from claimcheck import lang as langdata
from claimcheck.extraction import context

PLAIN_YEAR = re.compile(r"(?<![\d.,/:\-])(1[89]\d\d|20\d\d)(?![\d.,/:]\d|\d|%)")
PLAIN_BOUNDARY = re.compile(r"\n|(?<=[.!?…;])[\"”’»)\]]*[ \t\u00a0]+(?=[«\"“‘(\[]?[^\W\d_a-zà-ÿđ]|\d)")

sentence_pieces = [*"aAbZ1 .!?…;\"”’»)]\n\t\u00a0«“‘([", "No. ", "p. ", "Fr. 3"]
sentence_text = st.lists(st.sampled_from(sentence_pieces), max_size=30).map("".join)


def test_year_pattern_finds_the_plain_years() -> None:
    pieces = ["1999", "2021", "1", "0", ".", "/", "-", "%", " "]
    for size in range(4):
        for text in map("".join, itertools.product(pieces, repeat=size)):
            for pos, endpos in itertools.combinations_with_replacement(range(len(text) + 1), 2):
                found = [(m.start(), m.group(1)) for m in context._YEAR.finditer(text, pos, endpos)]
                assert found == [(m.start(), m.group(1)) for m in PLAIN_YEAR.finditer(text, pos, endpos)], text


def _plain_sentence_starts(text: str) -> list[int]:
    starts = [0]
    for m in PLAIN_BOUNDARY.finditer(text):
        if m.group() != "\n" and text[m.end():m.end() + 1].isdigit():
            word = text[max(0, m.start() - 5):m.start()].rsplit(None, 1)[-1]
            if word.endswith(".") and len(word.rstrip(".")) <= 3 and word.rstrip(".").isalpha():
                continue  # "No. 5": an abbreviation
        starts.append(m.end())
    return starts


@given(sentence_text)
def test_sentences_split_where_the_plain_pattern_splits(text: str) -> None:
    index = context.TextIndex(text)
    starts = _plain_sentence_starts(text)
    for pos in range(len(text) + 1):
        i = bisect.bisect_right(starts, pos) - 1
        s, e = starts[i], starts[i + 1] if i + 1 < len(starts) else len(text)
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        assert index.sentence(pos, pos) == (s, e)


@given(st.sampled_from(langdata.available()), st.data())
def test_quick_word_tests_never_miss_a_word(code: str, data: st.DataObject) -> None:
    lang = langdata.get(code)
    words = lang.forecast + lang.this_year + lang.last_year + lang.next_year
    pieces = st.sampled_from([*words, " ", "x", "\u00a0", ".", "a"])
    text = "".join(data.draw(st.lists(pieces, max_size=6)))
    finder = context.ScopeFinder(lang, None)
    exact = [finder._forecast_rx, finder._relative_rx]
    quick = [finder._any_forecast, finder._any_relative]
    for rx, test in zip(exact, quick, strict=True):
        m = rx.search(text) if rx else None
        if m:
            first = test.search(text)
            assert first and first.start() <= m.start()
