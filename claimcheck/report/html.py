"""The HTML report (`--html FILE`): one self-contained page that works offline.

The page is `assets/report.html.j2` with `assets/report.css` and `assets/report.js` inlined. What
the reader browses (finding cards, topics, documents with their claims highlighted) is built in the
browser from a JSON data island, a page at a time, so a report with 10,000 findings opens at once;
the summary, the input problems and the picture of the claim graph are written here. Nothing a
document contains reaches the page other than as escaped text: Jinja escapes everything written
into the markup, the data island escapes `<`, `>`, `&`, U+2028 and U+2029, and the script only
ever sets `textContent`. A Content-Security-Policy allows the inlined script and style by their
SHA-256 hashes and nothing else. See docs/html-report.md.

Like every renderer, this one neither filters, sorts nor recomputes: records are shown in the
order of the Report.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
import pathlib
from functools import cache
from typing import Any

from .. import __version__
from ..model import Finding, Report
from .json import claim_dict, display_path, document_dict

ASSETS = pathlib.Path(__file__).parent / "assets"
SEVERITIES = ("error", "warning", "note")
# the claim graph picture: topics in a grid of cells, each topic's claims on a circle
GRAPH_COLUMNS = 5
CELL_WIDTH, CELL_HEIGHT = 240, 200
LANG_CLASSES = 8  # colours for languages, reused past the eighth
LABEL_CHARS = 30  # a topic's label in its cell
NODE_CHARS = 13  # a claim's text beside its dot; the full text is in the tooltip


def render(report: Report) -> str:
    """The report as one HTML page; the same report always gives the same text."""
    css, js = _asset("report.css"), _asset("report.js")
    for name, text, tag in (("report.css", css, "</style"), ("report.js", js, "</script")):
        if tag in text.lower():
            raise ValueError(f"{name} must not contain {tag!r}")
    csp = "; ".join((
        "default-src 'none'",
        f"script-src '{_sha256(js)}'",
        f"style-src '{_sha256(css)}'",
        "img-src data:",
        "base-uri 'none'",
        "form-action 'none'",
        "require-trusted-types-for 'script'",
        "trusted-types 'none'",
    ))
    langs = _languages(report)
    template = _environment().get_template("report.html.j2")
    from markupsafe import Markup

    return template.render(
        csp=csp,
        css=Markup(css),
        js=Markup(js),
        data=Markup(script_json(data(report))),
        summary=summary(report),
        documents=_document_rows(report),
        rules=sorted({f.rule for f in report.findings}),
        languages=langs,
        errors=[{"path": display_path(e.path), "message": e.message} for e in report.errors],
        warnings=[{"path": display_path(e.path), "message": e.message} for e in report.warnings],
        stale=list(report.stale),
        graph=graph(report, langs),
        version=__version__,
    )


def data(report: Report) -> dict[str, Any]:
    """What the page's script reads: the JSON report's records plus document texts and graph edges."""
    langs = {d.id: d.lang for d in report.documents}
    claims = []
    for c in report.claims:
        record = {**claim_dict(c), "sentence_start": c.sentence_start, "lang": c.lang or langs.get(c.doc or "", "")}
        for key in ("value", "low", "high", "precision"):
            record[key] = _finite(record[key])
        claims.append(record)
    return {
        "documents": [{**document_dict(d), "text": d.text} for d in report.documents],
        "claims": claims,
        "topics": [{"id": t.id, "label": t.label, "claims": list(t.claims)} for t in report.topics],
        "findings": [finding_dict(f) for f in report.findings],
        "links": [{"claims": list(link.claims), "weight": _finite(link.weight), "reason": link.reason}
                  for link in report.links],
        "suppressed": [finding_dict(f) for f in report.suppressed],
        "baselined": [finding_dict(f) for f in report.baselined],
        "languages": [{"lang": entry["lang"], "class": f"lang-{entry['class']}"} for entry in _languages(report)],
    }


def finding_dict(f: Finding) -> dict[str, Any]:
    return {
        "id": f.id, "rule": f.rule, "verdict": str(f.verdict), "severity": str(f.severity), "topic": f.topic,
        "claims": list(f.claims), "confidence": _finite(f.confidence), "message": f.message,
        "explanation": f.explanation, "fingerprint": f.fingerprint,
    }


def script_json(value: Any) -> str:
    """JSON that is safe between <script type="application/json"> and </script>.

    `<`, `>` and `&` are written as \\u escapes, so no `</script>` or `<!--` can end or change the
    element; U+2028 and U+2029 likewise, for readers that treat them as line ends. Numbers that
    JSON cannot hold (infinities, NaN) must have been made strings before (see `data`).
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def summary(report: Report) -> dict[str, Any]:
    by_severity = dict.fromkeys(SEVERITIES, 0)
    for f in report.findings:
        by_severity[str(f.severity)] = by_severity.get(str(f.severity), 0) + 1
    with_findings = {f.topic for f in report.findings}
    return {
        "documents": len(report.documents), "claims": len(report.claims), "topics": len(report.topics),
        "findings": len(report.findings), "by_severity": by_severity,
        "consistent_topics": sum(1 for t in report.topics if t.id not in with_findings),
        "errors": len(report.errors), "warnings": len(report.warnings), "suppressed": len(report.suppressed),
        "baselined": len(report.baselined), "stale": len(report.stale), "links": len(report.links),
    }


def graph(report: Report, langs: list[dict[str, Any]]) -> dict[str, Any]:
    """A picture of the claim graph: each topic a cell of a grid, its claims on a circle, the
    graph's links as lines (coloured by the finding that joins the two claims, if any)."""
    lang_class = {entry["lang"]: entry["class"] for entry in langs}
    claims = {c.id: c for c in report.claims}
    doc_lang = {d.id: d.lang for d in report.documents}
    worst: dict[str, str] = {}
    pair_severity: dict[frozenset[str], str] = {}
    for f in report.findings:
        severity = str(f.severity)
        if f.topic not in worst or _rank(severity) < _rank(worst[f.topic]):
            worst[f.topic] = severity
        for i, a in enumerate(f.claims):
            for b in f.claims[i + 1:]:
                key = frozenset((a, b))
                if key not in pair_severity or _rank(severity) < _rank(pair_severity[key]):
                    pair_severity[key] = severity
    columns = max(1, min(GRAPH_COLUMNS, len(report.topics)))
    rows = math.ceil(len(report.topics) / columns)
    cells, nodes, position = [], [], {}
    for index, topic in enumerate(report.topics):
        x0, y0 = (index % columns) * CELL_WIDTH, (index // columns) * CELL_HEIGHT
        cx, cy = x0 + CELL_WIDTH / 2, y0 + 28 + (CELL_HEIGHT - 28) / 2
        count = len(topic.claims)
        radius = 0 if count == 1 else min(56.0, 18.0 + 8.0 * count)
        label = topic.label if len(topic.label) <= LABEL_CHARS else topic.label[:LABEL_CHARS - 1] + "…"
        cells.append({"id": topic.id, "x": x0 + 4, "y": y0 + 4, "width": CELL_WIDTH - 8, "height": CELL_HEIGHT - 8,
                      "label": f"{topic.id} {label}", "title": f"{topic.id}: {topic.label}",
                      "status": worst.get(topic.id, "consistent")})
        for k, claim_id in enumerate(topic.claims):
            angle = (math.pi if count == 2 else -math.pi / 2) + 2 * math.pi * k / max(count, 1)
            x, y = round(cx + radius * math.cos(angle), 1), round(cy + radius * math.sin(angle), 1)
            position[claim_id] = (x, y)
            claim = claims.get(claim_id)
            text = claim.text if claim else claim_id
            lang = (claim.lang or doc_lang.get(claim.doc or "", "")) if claim else ""
            nodes.append({"id": claim_id, "topic": topic.id, "x": x, "y": y, "lang_class": lang_class.get(lang, 0),
                          "label": text if len(text) <= NODE_CHARS else text[:NODE_CHARS - 1] + "…",
                          "label_y": round(y + 20 if y > cy + 1 or (y > cy - 1 and k % 2) else y - 12, 1),
                          "title": f"{claim_id} [{lang}] {text}"})
    edges = []
    for link in report.links:
        a, b = link.claims
        if a not in position or b not in position:
            continue
        (x1, y1), (x2, y2) = position[a], position[b]
        status = pair_severity.get(frozenset(link.claims), "agree")
        cross = claims[a].topic != claims[b].topic if a in claims and b in claims else False
        edges.append({"x1": x1, "y1": y1, "x2": x2, "y2": y2, "status": status, "cross": cross,
                      "width": round(1 + 2 * max(0.0, min(1.0, link.weight)), 2),
                      "title": f"{a} – {b} ({link.weight:.2f}): {link.reason}"})
    return {"width": columns * CELL_WIDTH, "height": max(rows, 1) * CELL_HEIGHT, "cells": cells, "nodes": nodes,
            "edges": edges}


def _languages(report: Report) -> list[dict[str, Any]]:
    counts: dict[str, int] = {}
    for d in report.documents:
        counts[d.lang] = counts.get(d.lang, 0) + 1
    return [{"lang": lang, "documents": n, "class": i % LANG_CLASSES}
            for i, (lang, n) in enumerate(sorted(counts.items()))]


def _document_rows(report: Report) -> list[dict[str, Any]]:
    """The documents with how many claims they hold and how many findings cite them."""
    claims: dict[str, int] = {}
    doc_of = {}
    for c in report.claims:
        claims[c.doc or ""] = claims.get(c.doc or "", 0) + 1
        doc_of[c.id] = c.doc or ""
    findings: dict[str, int] = {}
    for f in report.findings:
        for doc in {doc_of.get(claim_id, "") for claim_id in f.claims}:
            findings[doc] = findings.get(doc, 0) + 1
    return [{"id": d.id, "path": display_path(d.path), "lang": d.lang,
             "published": d.published.isoformat() if d.published else "", "title": d.title or "",
             "format": d.format, "claims": claims.get(d.id, 0), "findings": findings.get(d.id, 0)}
            for d in report.documents]


def _rank(severity: str) -> int:
    return SEVERITIES.index(severity) if severity in SEVERITIES else len(SEVERITIES)


def _finite(value: Any) -> Any:
    """JSON has no infinities or NaN: such a number is written as a string ("inf")."""
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    return value


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


@cache
def _asset(name: str) -> str:
    return (ASSETS / name).read_text(encoding="utf-8")


@cache
def _environment() -> Any:
    import jinja2

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(ASSETS)), autoescape=True, undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True,
    )
