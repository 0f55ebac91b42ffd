"""The records that flow between stages: plain, frozen dataclasses and string-valued enums."""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum


class Kind(StrEnum):
    COUNT = "count"
    PERCENT = "percent"
    CURRENCY = "currency"
    QUANTITY = "quantity"
    DURATION = "duration"
    ORDINAL = "ordinal"
    YEAR = "year"
    NUMBER = "number"


class Qualifier(StrEnum):
    EXACT = "exact"
    APPROX = "approx"
    MORE_THAN = "more_than"
    AT_LEAST = "at_least"
    LESS_THAN = "less_than"
    AT_MOST = "at_most"
    UP_TO = "up_to"
    RANGE = "range"


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"


class Verdict(StrEnum):
    CONFLICT = "conflict"
    DIVERGENT = "divergent"
    SCOPE_DIFFERS = "scope_differs"
    CONSISTENT = "consistent"


def by_fields(record) -> tuple:
    """Pickle a frozen dataclass as its class and field values, rebuilt through `__init__`: a
    third faster than the default for the hundreds of thousands of records workers send back."""
    cls = type(record)
    values = _FIELD_VALUES.get(cls)
    if values is None:
        names = cls.__slots__
        values = _FIELD_VALUES[cls] = operator.attrgetter(*names) if len(names) > 1 else (
            lambda r: (getattr(r, names[0]),))
    return cls, values(record)


# class -> a function that reads the values of its fields as one tuple (in C, for more than one)
_FIELD_VALUES: dict[type, Callable[[object], tuple]] = {}


@dataclass(frozen=True, slots=True)
class Scope:
    """The time a claim refers to, when the text lets us know it."""

    year: int | None = None
    source: str | None = None  # "explicit", "relative", "published", "document"
    forecast: bool = False  # a target or a forecast ("expects 92,000 passengers"), not a measurement

    def to_dict(self) -> dict:
        out: dict = {}
        if self.year is not None:
            out["year"] = self.year
        if self.source:
            out["source"] = self.source
        if self.forecast:
            out["forecast"] = True
        return out


@dataclass(frozen=True, slots=True)
class Claim:
    """One numeric statement with its exact citation.

    `start`/`end` index the analysed text, so `text == doc_text[start:end]`; `line`/`column`
    (1-based) locate `start` in the original file.
    """

    __reduce__ = by_fields

    text: str
    value: float
    kind: Kind
    unit: str | None
    qualifier: Qualifier
    low: float | None
    high: float | None
    start: int
    end: int
    object: str = ""
    sentence: str = ""
    sentence_start: int = 0
    line: int = 1
    column: int = 1
    lang: str = ""
    scope: Scope = field(default_factory=Scope)
    qualifier_text: str = ""
    precision: float = 0.0  # the rounding step the written number implies ("290,000": 10000)
    doc: str | None = None
    id: str = ""
    topic: str | None = None

    @property
    def share(self) -> bool:
        """A part of a whole written without a unit ("two thirds of", "one in five", "3/4 of"):
        it compares with a percentage."""
        top = self.high if self.qualifier == Qualifier.RANGE and self.high is not None else self.value
        return self.kind == Kind.NUMBER and self.unit is None and self.value > 0 and top < 1


@dataclass(frozen=True, slots=True)
class Document:
    """An article ready for analysis: its text with markup stripped, and where it came from."""

    __reduce__ = by_fields

    id: str
    path: str
    text: str
    lang: str
    published: dt.date | None = None
    title: str | None = None
    format: str = "txt"
    # (text offset, source offset) pairs where the mapping changes; empty when text == source.
    offset_map: tuple[tuple[int, int], ...] = ()
    # offsets of line starts in the source file
    line_starts: tuple[int, ...] = (0,)
    lang_source: str = "detected"  # "detected", "option", "metadata"
    # inline claimcheck comments: (line of the comment, last line it covers, its text after "claimcheck:")
    directives: tuple[tuple[int, int, str], ...] = ()


@dataclass(frozen=True, slots=True)
class InputProblem:
    """An input that could not be read; the rest are still checked."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


@dataclass(frozen=True, slots=True)
class Topic:
    id: str
    label: str
    claims: tuple[str, ...]
    key: str = ""


@dataclass(frozen=True, slots=True)
class Link:
    """An edge of the claim graph: two claims judged to measure the same thing, and why."""

    claims: tuple[str, str]
    weight: float
    reason: str


@dataclass(frozen=True, slots=True)
class Finding:
    id: str
    rule: str
    verdict: Verdict
    severity: Severity
    topic: str
    claims: tuple[str, ...]
    confidence: float
    message: str
    fingerprint: str
    explanation: str = ""


@dataclass(frozen=True, slots=True)
class Report:
    """Everything one run found: the single model that every output format renders."""

    documents: tuple[Document, ...]
    claims: tuple[Claim, ...]
    topics: tuple[Topic, ...] = ()
    findings: tuple[Finding, ...] = ()
    links: tuple[Link, ...] = ()
    errors: tuple[InputProblem, ...] = ()
    # inputs read with a caveat (a guessed encoding) and unused inline suppressions: shown, never fatal
    warnings: tuple[InputProblem, ...] = ()
    suppressed: tuple[Finding, ...] = ()  # findings silenced by an inline comment in a document
    baselined: tuple[Finding, ...] = ()  # findings accepted in the baseline file
    stale: tuple[str, ...] = ()  # baseline fingerprints that no finding matched any more
