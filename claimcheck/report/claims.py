"""Claims as lines: the output of `claimcheck extract` (jsonl, json or text)."""

from __future__ import annotations

import json

from ..model import Report
from .json import claim_dict, display_path, to_dict


def render(report: Report, fmt: str) -> str:
    paths = {d.id: display_path(d.path) for d in report.documents}
    if fmt == "json":
        return json.dumps(to_dict(report), ensure_ascii=False, indent=2) + "\n"
    lines = []
    for claim in report.claims:
        if fmt == "jsonl":
            record = {"path": paths.get(claim.doc or "", ""), **claim_dict(claim)}
            record.pop("topic", None)
            lines.append(json.dumps(record, ensure_ascii=False))
        else:
            unit = f" {claim.unit}" if claim.unit else ""
            qualifier = "" if claim.qualifier == "exact" else f" ({claim.qualifier})"
            lines.append(f"{paths.get(claim.doc or '', '')}:{claim.line}:{claim.column}: {claim.kind} "
                         f"{_number(claim.value, str(claim.kind))}{unit}{qualifier}  \"{claim.text}\"")
    return "".join(line + "\n" for line in lines)


def _number(value: float, kind: str = "") -> str:
    if kind in ("year", "ordinal") and value == int(value):
        return str(int(value))
    return f"{int(value):,}" if value == int(value) and abs(value) < 1e18 else f"{value:,.6g}"
