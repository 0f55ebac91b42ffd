"""The JSON report, schema `claimcheck/report/v1` (see docs/report-schema.md)."""

from __future__ import annotations

import json
from typing import Any

from .. import __version__
from ..documents.paths import display_path
from ..model import Claim, Document, Finding, InputProblem, Report

__all__ = ["SCHEMA", "display_path", "render", "to_dict"]

SCHEMA = "claimcheck/report/v1"


def end_position(claim: Claim, doc: Document | None) -> tuple[int, int]:
    """1-based line and column just after the claim's cited span in the source file (the SARIF
    `endLine`/`endColumn` convention): the last cited character located like `line`/`column`."""
    if doc is None or claim.end <= claim.start:
        return claim.line, claim.column + max(1, len(claim.text))
    from ..documents.offsets import source_line_col

    line, column = source_line_col(doc, claim.end - 1)
    if (line, column) < (claim.line, claim.column):  # an offset map that does not run forward
        return claim.line, claim.column + max(1, len(claim.text))
    return line, column + 1


def document_dict(doc: Document) -> dict[str, Any]:
    return {
        "id": doc.id, "path": display_path(doc.path), "lang": doc.lang,
        "published": doc.published.isoformat() if doc.published else None, "title": doc.title,
        "format": doc.format,
    }


def claim_dict(claim: Claim) -> dict[str, Any]:
    return {
        "id": claim.id, "doc": claim.doc, "line": claim.line, "column": claim.column,
        "start": claim.start, "end": claim.end, "text": claim.text, "sentence": claim.sentence,
        "kind": str(claim.kind), "value": claim.value, "unit": claim.unit,
        "qualifier": str(claim.qualifier), "qualifier_text": claim.qualifier_text or None,
        "low": claim.low, "high": claim.high, "precision": claim.precision, "object": claim.object,
        "scope": claim.scope.to_dict(), "topic": claim.topic,
    }


def finding_dict(f: Finding) -> dict[str, Any]:
    return {
        "id": f.id, "rule": f.rule, "verdict": str(f.verdict), "severity": str(f.severity),
        "topic": f.topic, "claims": list(f.claims), "confidence": f.confidence,
        "message": f.message, "explanation": f.explanation, "fingerprint": f.fingerprint,
    }


def problem_dict(problem: InputProblem) -> dict[str, Any]:
    return {"path": display_path(problem.path), "message": problem.message}


def severity_counts(findings: tuple[Finding, ...]) -> dict[str, int]:
    """Findings per severity; every severity is present."""
    counts = {"error": 0, "warning": 0, "note": 0}
    for f in findings:
        counts[str(f.severity)] += 1
    return counts


def to_dict(report: Report) -> dict[str, Any]:
    """The report as plain data. Every key is always present (possibly empty), whether or not a
    baseline or inline suppressions were used, so the shape never depends on the options."""
    return {
        "schema": SCHEMA,
        "tool": {"name": "claimcheck", "version": __version__},
        "documents": [document_dict(d) for d in report.documents],
        "claims": [claim_dict(c) for c in report.claims],
        "topics": [
            {"id": t.id, "label": t.label, "claims": list(t.claims)} for t in report.topics
        ],
        "findings": [finding_dict(f) for f in report.findings],
        "errors": [problem_dict(e) for e in report.errors],
        "warnings": [problem_dict(w) for w in report.warnings],
        "suppressed": [finding_dict(f) for f in report.suppressed],
        "baselined": [finding_dict(f) for f in report.baselined],
        "stale": list(report.stale),
        "summary": {
            "documents": len(report.documents), "claims": len(report.claims),
            "topics": len(report.topics), "findings": severity_counts(report.findings),
            "errors": len(report.errors), "warnings": len(report.warnings),
            "suppressed": len(report.suppressed), "baselined": len(report.baselined), "stale": len(report.stale),
        },
    }


def render(report: Report) -> str:
    return json.dumps(to_dict(report), ensure_ascii=False, indent=2) + "\n"
