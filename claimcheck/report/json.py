"""The JSON report, schema `claimcheck/report/v1` (see docs/report-schema.md)."""

from __future__ import annotations

import json
import os
from typing import Any

from .. import __version__
from ..model import Claim, Document, Report

SCHEMA = "claimcheck/report/v1"


def display_path(path: str) -> str:
    """Paths relative to the working folder when they are below it, with forward slashes."""
    if path == "-":
        return path
    try:
        rel = os.path.relpath(path)
    except ValueError:
        rel = path
    chosen = path if rel.startswith("..") else rel
    return chosen.replace(os.sep, "/")


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


def to_dict(report: Report) -> dict[str, Any]:
    severities = {"error": 0, "warning": 0, "note": 0}
    for f in report.findings:
        severities[str(f.severity)] += 1
    return {
        "schema": SCHEMA,
        "tool": {"name": "claimcheck", "version": __version__},
        "documents": [document_dict(d) for d in report.documents],
        "claims": [claim_dict(c) for c in report.claims],
        "topics": [
            {"id": t.id, "label": t.label, "claims": list(t.claims)} for t in report.topics
        ],
        "findings": [
            {
                "id": f.id, "rule": f.rule, "verdict": str(f.verdict), "severity": str(f.severity),
                "topic": f.topic, "claims": list(f.claims), "confidence": f.confidence,
                "message": f.message, "explanation": f.explanation, "fingerprint": f.fingerprint,
            }
            for f in report.findings
        ],
        "errors": [{"path": display_path(e.path), "message": e.message} for e in report.errors],
        "summary": {
            "documents": len(report.documents), "claims": len(report.claims),
            "topics": len(report.topics), "findings": severities, "errors": len(report.errors),
        },
    }


def render(report: Report) -> str:
    return json.dumps(to_dict(report), ensure_ascii=False, indent=2) + "\n"
