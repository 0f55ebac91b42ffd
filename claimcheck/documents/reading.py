"""From paths to decoded text: find the articles, read their bytes, decode them or say why not."""

from __future__ import annotations

import codecs
import sys
from dataclasses import dataclass
from pathlib import Path

from ..model import InputProblem

DEFAULT_PATTERNS = ("*.txt", "*.md", "*.markdown", "*.html", "*.htm")
DEFAULT_MAX_BYTES = 16 * 1024 * 1024
_FALLBACK_ENCODINGS = ["cp1252", "iso8859_15", "cp1250", "cp1251", "latin_1", "gb18030", "big5", "shift_jis", "euc_kr"]
_LATIN_SCRIPT = {"cp1252", "iso8859_15", "cp1250", "latin_1"}
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass(frozen=True)
class Source:
    """One input's decoded text and where it came from."""

    path: str
    text: str
    format: str  # "txt", "md", "html"
    warning: str | None = None


def expand(paths: list[str], patterns: tuple[str, ...] = DEFAULT_PATTERNS) -> tuple[list[str], list[InputProblem]]:
    """The article files named by `paths` (folders searched recursively, in sorted order)."""
    files: list[str] = []
    problems: list[InputProblem] = []
    seen: set[str] = set()
    for raw in paths:
        if raw == "-":
            files.append("-")
            continue
        path = Path(raw)
        if path.is_dir():
            found = sorted({str(p) for pattern in patterns for p in path.rglob(pattern) if p.is_file()})
            if not found:
                problems.append(InputProblem(raw, f"no articles in this folder (looked for {', '.join(patterns)})"))
            new = [f for f in found if f not in seen]
        elif path.is_file():
            new = [raw] if raw not in seen else []
        elif path.exists():
            problems.append(InputProblem(raw, "not a regular file"))
            continue
        else:
            problems.append(InputProblem(raw, "no such file or folder"))
            continue
        seen.update(new)
        files.extend(new)
    return files, problems


def read(path: str, max_bytes: int = DEFAULT_MAX_BYTES, encoding: str | None = None) -> Source:
    """Read and decode one article; raises InputProblem-carrying ValueError on failure."""
    try:
        if path == "-":
            data = sys.stdin.buffer.read(max_bytes + 1)
        else:
            with open(path, "rb") as fh:
                data = fh.read(max_bytes + 1)
    except OSError as e:
        raise ReadError(path, e.strerror or str(e)) from None
    if len(data) > max_bytes:
        raise ReadError(path, f"larger than the {max_bytes // (1024 * 1024)} MB limit (raise it with --max-size)")
    text, warning = decode(path, data, encoding)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ReadError(path, "empty file: no text to check")
    return Source(path=path, text=text, format=format_of(path, text), warning=warning)


class ReadError(Exception):
    def __init__(self, path: str, message: str):
        super().__init__(f"{path}: {message}")
        self.problem = InputProblem(path, message)


def decode(path: str, data: bytes, encoding: str | None = None) -> tuple[str, str | None]:
    """Text from bytes: a BOM wins, then UTF-8, then a detected legacy encoding (with a warning)."""
    if encoding:
        try:
            return data.decode(encoding), None
        except (UnicodeDecodeError, LookupError) as e:
            raise ReadError(path, f"cannot be read as {encoding}: {e}") from None
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), None
            except UnicodeDecodeError as e:
                raise ReadError(path, f"broken {name} text at byte {e.start}") from None
    nul = data.find(b"\x00")
    if nul >= 0:
        raise ReadError(path, f"binary file: NUL byte at offset {nul}")
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as e:
        where = e.start
    if _looks_binary(data):
        raise ReadError(path, "binary file: mostly control characters")
    from charset_normalizer import from_bytes

    best = _preferred(from_bytes(data, cp_isolation=_FALLBACK_ENCODINGS))
    if best is None or best.chaos > 0.3 or not _plausible(data, str(best), best.encoding):
        raise ReadError(path, f"not valid UTF-8 (byte {data[where]:#04x} at offset {where}) and no other encoding fits")
    return str(best), f"not valid UTF-8 (byte {data[where]:#04x} at offset {where}); read as {best.encoding}"


def _plausible(data: bytes, text: str, encoding: str) -> bool:
    """A legacy encoding fits when it reads the text as letters: a text of mostly ASCII letters is
    in a Latin script, so a few odd bytes are accented letters, never Cyrillic or CJK, and never
    C1 control characters."""
    if any("\x80" <= ch <= "\x9f" for ch in text):
        return False
    high = sum(b >= 0x80 for b in data)
    ascii_letters = sum(65 <= b <= 90 or 97 <= b <= 122 for b in data)
    return encoding in _LATIN_SCRIPT or high > 0.3 * (high + ascii_letters)


def _preferred(matches):
    """charset_normalizer's best match, but among equally good ones the first in
    _FALLBACK_ENCODINGS: short Italian or Spanish cp1252 text decodes cleanly as cp1250 too
    ("caffč", "nińo") and scores the same."""
    best = matches.best()
    if best is None:
        return None
    ties = [m for m in matches
            if abs(m.chaos - best.chaos) < 1e-3 and abs(m.coherence - best.coherence) < 1e-3]
    rank = {name: i for i, name in enumerate(_FALLBACK_ENCODINGS)}
    return min(ties, key=lambda m: rank.get(m.encoding, len(rank)))


def _looks_binary(data: bytes) -> bool:
    sample = data[:4096]
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls > len(sample) * 0.1


def format_of(path: str, text: str) -> str:
    suffix = Path(path).suffix.lower()
    if suffix in (".html", ".htm", ".xhtml"):
        return "html"
    if suffix in (".md", ".markdown"):
        return "md"
    if path == "-" and text.lstrip()[:1] == "<" and "</" in text[:20000]:
        return "html"
    return "txt"
