"""Documents: find the articles, decode them, strip markup, tell their language and date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .. import lang as langdata
from ..model import Document, InputProblem
from . import markup, reading
from .language import detect
from .offsets import line_starts
from .published import find_published, parse_date

__all__ = ["LoadOptions", "load", "load_text"]


@dataclass(frozen=True)
class LoadOptions:
    lang: str | None = None
    published: dt.date | None = None
    patterns: tuple[str, ...] = reading.DEFAULT_PATTERNS
    max_bytes: int = reading.DEFAULT_MAX_BYTES
    encoding: str | None = None


def load(paths: list[str], options: LoadOptions | None = None
         ) -> tuple[list[Document], list[InputProblem], list[InputProblem]]:
    """Documents for every readable article under `paths`, the problems of the others, and
    warnings (such as a fallback encoding) about the ones that were read."""
    options = options or LoadOptions()
    files, problems = reading.expand(paths, options.patterns)
    documents: list[Document] = []
    warnings: list[InputProblem] = []
    for path in files:
        try:
            source = reading.read(path, options.max_bytes, options.encoding)
        except reading.ReadError as e:
            problems.append(e.problem)
            continue
        if source.warning:
            warnings.append(InputProblem(path, source.warning + " (checked anyway)"))
        documents.append(load_text(source.text, path, source.format, options, doc_id=f"d{len(documents) + 1}"))
    return documents, problems, warnings


def load_text(source: str, path: str = "-", fmt: str = "txt", options: LoadOptions | None = None,
              doc_id: str = "d1") -> Document:
    """A Document from text already in memory."""
    options = options or LoadOptions()
    if fmt == "html":
        stripped = markup.strip_html(source)
        text, offset_map, meta = stripped.text, stripped.offset_map, stripped.meta
    elif fmt == "md":
        stripped = markup.strip_markdown(source)
        text, offset_map, meta = markup.soft_wraps(stripped.text), (), stripped.meta
    else:
        text, offset_map, meta = markup.soft_wraps(source), (), markup.plain_meta(source)
    if options.lang:
        code, lang_source = options.lang, "option"
    elif meta.get("lang", "")[:2].lower() in langdata.available():
        code, lang_source = meta["lang"][:2].lower(), "metadata"
    else:
        code, lang_source = detect(text), "detected"
    language = langdata.get(code)
    published = options.published or find_published(meta.get("date"), text, language)
    title = meta.get("title") or _first_line(text)
    return Document(
        id=doc_id, path=path, text=text, lang=code, published=published, title=title, format=fmt,
        offset_map=offset_map, line_starts=line_starts(source), lang_source=lang_source,
    )


def _first_line(text: str) -> str | None:
    for line in text[:5000].split("\n"):
        line = line.strip()
        if len(line) > 3 and not markup.is_header_line(line):
            return line[:200]
    return None


_ = parse_date
