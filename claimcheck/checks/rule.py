"""What every finding rule declares about itself."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Severity, Verdict


@dataclass(frozen=True)
class Rule:
    """A finding rule: a stable code (never reused), a name, and what it reports."""

    code: str
    name: str
    verdict: Verdict
    severity: Severity
    summary: str
    help: str
    examples: tuple[tuple[str, str], ...] = ()
