"""The terminal summary of `claimcheck check`."""

from __future__ import annotations

from ..model import Report


def render(report: Report) -> str:
    lines = []
    for finding in report.findings:
        lines.append(f"{finding.severity}: {finding.message}")
    langs = sorted({d.lang for d in report.documents})
    lines.append(
        f"{len(report.documents)} documents ({', '.join(langs) or 'none'}), {len(report.claims)} claims, "
        f"{len(report.topics)} topics, {len(report.findings)} findings, {len(report.errors)} input errors"
    )
    return "\n".join(lines) + "\n"
