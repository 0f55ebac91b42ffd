"""Numeric claims of a text: `extract(text, lang)` and `extract_document(document)`."""

from __future__ import annotations

import datetime as dt

from ..model import Claim, Document
from .scanner import Scanner

__all__ = ["extract", "extract_document"]


def extract(text: str, lang: str | None = None, published: dt.date | None = None) -> list[Claim]:
    """Every numeric claim in `text`; `lang` is an ISO 639-1 code, or None to detect it."""
    from .. import lang as langdata
    from ..documents.language import detect

    code = lang if lang else detect(text)
    langdata.get(code)  # unknown codes fail here with a clear message
    return Scanner(text, code, published).claims()


def extract_document(doc: Document) -> list[Claim]:
    """The claims of a loaded document, with line and column in its source file."""
    from ..documents.offsets import line_col_in_source

    return Scanner(doc.text, doc.lang, doc.published, doc=doc.id, line_col=line_col_in_source(doc)).claims()
