"""From an offset in the analysed text to a line and column in the source file."""

from __future__ import annotations

import bisect
from collections.abc import Callable

from ..model import Document


def source_offset(doc: Document, pos: int) -> int:
    if not doc.offset_map:
        return pos
    keys = [t for t, _ in doc.offset_map]
    i = bisect.bisect_right(keys, pos) - 1
    if i < 0:
        return pos
    t, s = doc.offset_map[i]
    return s + (pos - t)


def line_col_in_source(doc: Document) -> Callable[[int], tuple[int, int]]:
    """`source_line_col` for many offsets of one document, its offset map indexed once."""
    keys = [t for t, _ in doc.offset_map]
    mapped, starts = doc.offset_map, doc.line_starts

    def line_col(pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(keys, pos) - 1
        src = pos if i < 0 else mapped[i][1] + (pos - mapped[i][0])
        line = bisect.bisect_right(starts, src) - 1
        return line + 1, src - starts[line] + 1

    return line_col


def source_line_col(doc: Document, pos: int) -> tuple[int, int]:
    """1-based line and column of text offset `pos` in the document's source file."""
    src = source_offset(doc, pos)
    i = bisect.bisect_right(doc.line_starts, src) - 1
    return i + 1, src - doc.line_starts[i] + 1


def line_starts(source: str) -> tuple[int, ...]:
    starts = [0]
    find = source.find
    i = find("\n")
    while i != -1:
        starts.append(i + 1)
        i = find("\n", i + 1)
    return tuple(starts)
