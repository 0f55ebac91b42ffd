"""Documents: find the articles, decode them, strip markup, tell their language and date."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from ..model import Document, InputProblem
from . import markup, reading
from .offsets import line_starts

__all__ = ["LoadOptions", "load", "load_file", "load_text"]


@dataclass(frozen=True)
class LoadOptions:
    lang: str | None = None
    published: dt.date | None = None
    patterns: tuple[str, ...] = reading.DEFAULT_PATTERNS
    max_bytes: int = reading.DEFAULT_MAX_BYTES
    encoding: str | None = None


def load(paths: list[str], options: LoadOptions | None = None,
         progress: Callable[[int, int], None] | None = None,
         ) -> tuple[list[Document], list[InputProblem], list[InputProblem]]:
    """Documents for every readable article under `paths`, the problems of the others, and
    warnings (such as a fallback encoding) about the ones that were read.  `progress(done, total)`
    is called before each file is read."""
    options = options or LoadOptions()
    files, problems = reading.expand(paths, options.patterns)
    documents: list[Document] = []
    warnings: list[InputProblem] = []
    for done, path in enumerate(files):
        if progress:
            progress(done, len(files))
        doc, problem, warning = load_file(path, options, doc_id=f"d{len(documents) + 1}")
        problems.extend([problem] if problem else [])
        warnings.extend([warning] if warning else [])
        documents.extend([doc] if doc else [])
    return documents, problems, warnings


def load_file(path: str, options: LoadOptions, doc_id: str = "d1"
              ) -> tuple[Document | None, InputProblem | None, InputProblem | None]:
    """One article: its Document, or the problem that kept it from being read; and a warning
    about how it was read (a guessed encoding)."""
    try:
        source = reading.read(path, options.max_bytes, options.encoding)
    except reading.ReadError as e:
        return None, e.problem, None
    warning = InputProblem(path, source.warning + " (checked anyway)") if source.warning else None
    return load_text(source.text, path, source.format, options, doc_id=doc_id), None, warning


def load_text(source: str, path: str = "-", fmt: str = "txt", options: LoadOptions | None = None,
              doc_id: str = "d1") -> Document:
    """A Document from text already in memory."""
    # language data loads on first use: `import claimcheck.documents.reading` stays cheap for the CLI
    from .. import lang as langdata
    from .language import detect
    from .published import find_published

    options = options or LoadOptions()
    directives, spans = find_directives(source)
    if fmt == "html":  # comments are never text in HTML
        stripped = markup.strip_html(source)
        text, offset_map, meta = stripped.text, stripped.offset_map, stripped.meta
    elif fmt == "md":
        stripped = markup.strip_markdown(source)
        text, offset_map, meta = markup.soft_wraps(_blank(stripped.text, spans)), (), stripped.meta
    else:
        text, offset_map, meta = markup.soft_wraps(_blank(source, spans)), (), markup.plain_meta(source)
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
        offset_map=offset_map, line_starts=line_starts(source), lang_source=lang_source, directives=directives,
    )


# `<!-- claimcheck: ... -->` on one line, in every format (see claimcheck/suppress/inline.py)
_DIRECTIVE = re.compile(r"<!--[ \t]*claimcheck[ \t]*:([^\n]*?)-->")


def find_directives(source: str) -> tuple[tuple[tuple[int, int, str], ...], list[tuple[int, int]]]:
    """The claimcheck comments of a source text, as (line, last line covered, text after
    "claimcheck:"), and their spans.  A comment covers its own line; a comment alone on its line
    covers the next line that is neither blank nor another comment too."""
    if "claimcheck" not in source:  # the common case, without a regular expression
        return (), []
    found = list(_DIRECTIVE.finditer(source))
    if not found:
        return (), []
    starts = line_starts(source)
    spans = [(m.start(), m.end()) for m in found]
    lines = source.split("\n")
    alone = {line for line in {_line_of(starts, m.start()) for m in found}
             if not _DIRECTIVE.sub("", lines[line - 1]).strip()}
    out = []
    for m in found:
        line = _line_of(starts, m.start())
        last = line
        if line in alone:
            for following in range(line + 1, len(lines) + 1):
                if lines[following - 1].strip() and following not in alone:
                    last = following
                    break
        out.append((line, last, m.group(1).strip()))
    return tuple(out), spans


def _line_of(starts: tuple[int, ...], offset: int) -> int:
    return bisect.bisect_right(starts, offset)


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    """The comments replaced by spaces: same length, so offsets still index the source."""
    if not spans:
        return text
    parts, last = [], 0
    for start, end in spans:
        parts += [text[last:start], " " * (end - start)]
        last = end
    parts.append(text[last:])
    return "".join(parts)


def _first_line(text: str) -> str | None:
    for line in text[:5000].split("\n"):
        line = line.strip()
        if len(line) > 3 and not markup.is_header_line(line):
            return line[:200]
    return None

