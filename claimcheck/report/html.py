"""The HTML report (`--html FILE`): one self-contained page that works offline.

The page is `assets/report.html.j2` with `assets/report.css` and `assets/report.js` inlined. The
summary and the input problems are written here. What the reader browses (finding cards, topics,
the picture of the claim graph, documents with their claims highlighted) is built in the browser
from a JSON data island, a page at a time, so a report with 10,000 findings opens at once; the
graph's layout is computed here (`graph`), the script only draws it. Nothing a
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
from .json import claim_dict, display_path, document_dict, finding_dict, problem_dict, severity_counts

ASSETS = pathlib.Path(__file__).parent / "assets"
SEVERITIES = ("error", "warning", "note")
# the claim graph picture: topics in a grid of cells, each topic's claims on a circle
GRAPH_COLUMNS = 5
GRAPH_PAGE = 60  # topics drawn at once
CELL_WIDTH, CELL_HEIGHT = 240, 200
LANG_CLASSES = 8  # colours for languages, reused past the eighth


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
    from markupsafe import Markup

    return _environment().get_template("report.html.j2").render(
        csp=csp,
        css=Markup(css),
        js=Markup(js),
        data=Markup(script_json(data(report))),
        summary=summary(report),
        documents=_document_rows(report),
        rules=sorted({f.rule for f in report.findings}),
        languages=_languages(report),
        errors=[problem_dict(e) for e in report.errors],
        warnings=[problem_dict(e) for e in report.warnings],
        stale=list(report.stale),
        version=__version__,
    )


def data(report: Report) -> dict[str, Any]:
    """What the page's script reads: the JSON report's records, the documents' texts, the claim
    graph's links and its layout.

    Each list is a table, `{"fields": [...], "rows": [[...], ...]}`, which keeps a report with
    10,000 findings small. A claim's `sentence` is null when it is the slice of its document's text
    from `sentence_start` to `sentence_end`, as it almost always is.
    """
    texts = {d.id: d.text for d in report.documents}
    langs = {d.id: d.lang for d in report.documents}
    claims = []
    for c in report.claims:
        record = {**claim_dict(c), "sentence_start": c.sentence_start,
                  "sentence_end": c.sentence_start + len(c.sentence), "lang": c.lang or langs.get(c.doc or "", "")}
        if texts.get(c.doc or "", "")[c.sentence_start:c.sentence_start + len(c.sentence)] == c.sentence:
            record["sentence"] = None
        for key in ("value", "low", "high", "precision"):
            record[key] = _finite(record[key])
        claims.append(record)
    return {
        "documents": _table([{**document_dict(d), "text": d.text} for d in report.documents]),
        "claims": _table(claims),
        "topics": _table([{"id": t.id, "label": t.label, "claims": list(t.claims)} for t in report.topics]),
        "findings": _table([_finding(f) for f in report.findings]),
        "links": _table([{"claims": list(link.claims), "weight": _finite(link.weight), "reason": link.reason}
                         for link in report.links]),
        "suppressed": _table([_finding(f) for f in report.suppressed]),
        "baselined": _table([_finding(f) for f in report.baselined]),
        "languages": [{"lang": entry["lang"], "class": f"lang-{entry['class']}"} for entry in _languages(report)],
        "graph": graph(report),
    }


def _finding(f: Finding) -> dict[str, Any]:
    return {**finding_dict(f), "confidence": _finite(f.confidence)}


def records(table: dict[str, Any]) -> list[dict[str, Any]]:
    """The records of a table of `data` (for tests and for reading a report back)."""
    return [dict(zip(table["fields"], row, strict=True)) for row in table["rows"]]


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
    by_severity = severity_counts(report.findings)
    with_findings = {f.topic for f in report.findings}
    return {
        "documents": len(report.documents), "claims": len(report.claims), "topics": len(report.topics),
        "findings": len(report.findings), "by_severity": by_severity,
        "consistent_topics": sum(1 for t in report.topics if t.id not in with_findings),
        "errors": len(report.errors), "warnings": len(report.warnings), "suppressed": len(report.suppressed),
        "baselined": len(report.baselined), "stale": len(report.stale), "links": len(report.links),
    }


def graph(report: Report) -> dict[str, Any]:
    """The layout of the claim graph's picture, which the page draws as SVG a page of topics at a time.

    Each topic is a cell of a grid, `GRAPH_PAGE` cells to a page; its claims sit on a circle in it.
    `topics[i]` is `[x, y, status, positions]` for the report's i-th topic: the cell's corner, the
    worst severity of its findings or "consistent", and `[x, y, label_y]` for each of its claims, in
    the topic's order. `links[i]` says how to draw the report's i-th link: the severity of the
    finding whose first two claims (the two that disagree) it joins, else "agree".
    """
    worst: dict[str, str] = {}
    pair_severity: dict[frozenset[str], str] = {}
    for f in report.findings:
        severity = str(f.severity)
        if f.topic not in worst or _rank(severity) < _rank(worst[f.topic]):
            worst[f.topic] = severity
        # the first two claims are the ones that disagree; any others agree with one of them
        key = frozenset(f.claims[:2])
        if key not in pair_severity or _rank(severity) < _rank(pair_severity[key]):
            pair_severity[key] = severity
    columns = max(1, min(GRAPH_COLUMNS, len(report.topics)))
    topics = []
    for index, topic in enumerate(report.topics):
        k = index % GRAPH_PAGE
        x0, y0 = (k % columns) * CELL_WIDTH, (k // columns) * CELL_HEIGHT
        cx, cy = x0 + CELL_WIDTH / 2, y0 + 28 + (CELL_HEIGHT - 28) / 2
        count = len(topic.claims)
        radius = 0 if count == 1 else min(56.0, 18.0 + 8.0 * count)
        positions = []
        for k, _claim in enumerate(topic.claims):
            angle = (math.pi if count == 2 else -math.pi / 2) + 2 * math.pi * k / max(count, 1)
            x, y = round(cx + radius * math.cos(angle), 1), round(cy + radius * math.sin(angle), 1)
            below = y > cy + 1 or (y > cy - 1 and k % 2)
            positions.append([x, y, round(y + 20 if below else y - 12, 1)])
        topics.append([x0, y0, worst.get(topic.id, "consistent"), positions])
    return {
        "columns": columns, "per_page": GRAPH_PAGE, "cell": [CELL_WIDTH, CELL_HEIGHT], "topics": topics,
        "links": [pair_severity.get(frozenset(link.claims), "agree") for link in report.links],
    }


def _table(rows: list[dict[str, Any]]) -> dict[str, Any]:
    fields = list(rows[0]) if rows else []
    return {"fields": fields, "rows": [list(row.values()) for row in rows]}


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
