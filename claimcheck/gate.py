"""The one decision an exit code rests on: did the run pass the gate?

Findings silenced inline (Report.suppressed) or accepted by the baseline (Report.baselined) are
not in Report.findings, so they never fail the gate; stale baseline entries and warnings are
reported but never fatal.
"""

from __future__ import annotations

from .errors import UsageError
from .model import Finding, Report, Severity

EXIT_OK, EXIT_FAILED, EXIT_ERROR = 0, 1, 2
_RANK = {Severity.NOTE: 0, Severity.WARNING: 1, Severity.ERROR: 2}
FAIL_ON = {"error": Severity.ERROR, "warning": Severity.WARNING, "note": Severity.NOTE}
CHOICES = ("error", "warning", "note", "never")


def failing(report: Report, fail_on: str) -> list[Finding]:
    """The findings that reach the `fail_on` severity ("never" lets everything through)."""
    if fail_on not in CHOICES:
        raise UsageError(f"fail-on must be one of {', '.join(CHOICES)}, not {fail_on!r}")
    if fail_on == "never":
        return []
    threshold = _RANK[FAIL_ON[fail_on]]
    return [f for f in report.findings if _RANK[f.severity] >= threshold]


def exit_code(report: Report, fail_on: str = "error") -> int:
    """2 when an input could not be read, else 1 when a finding reaches `fail_on`, else 0."""
    if report.errors:
        return EXIT_ERROR
    return EXIT_FAILED if failing(report, fail_on) else EXIT_OK
