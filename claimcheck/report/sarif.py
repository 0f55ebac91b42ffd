"""The SARIF 2.1.0 report, for GitHub code scanning and other SARIF viewers (see docs/formats.md).

One run. `tool.driver.rules` holds every rule (CC001...) with its descriptions and help from the
rule definitions. Every finding is one result: its first claim is the location, the other claims
are related locations, `partialFingerprints["claimcheck/v1"]` is the finding's fingerprint (stable
across edits elsewhere in the files), and `properties` carry the confidence, topic and verdict.

Findings silenced by a comment in an article and findings accepted in the baseline are results
too, after the others, with a suppression (`inSource` and `external`), so viewers show them as
closed. Every result has a `suppressions` array (empty when nothing silences it: SARIF wants all or
none) and none has `baselineState` (SARIF wants it on every result or none, and a run without a
baseline cannot say "new"). Unreadable inputs, input warnings, stale baseline entries and anything
cut to respect GitHub's upload limits are tool execution notifications; `executionSuccessful` is
false when an input could not be read.
"""

from __future__ import annotations

import gzip
import json
import pathlib
import urllib.parse
from typing import Any

from .. import __version__
from ..model import Claim, Finding, InputProblem, Report
from .json import display_path, end_position

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
FINGERPRINT_KEY = "claimcheck/v1"
SRCROOT = "%SRCROOT%"
DEFAULT_INFORMATION_URI = "https://pypi.org/project/claimcheck/"
LEVELS = {"error": "error", "warning": "warning", "note": "note"}
# GitHub code scanning's upload limits (docs: "SARIF support for code scanning")
MAX_RESULTS = 25_000  # results per run
MAX_RELATED_LOCATIONS = 1_000  # related locations per result
MAX_GZIP_BYTES = 10 * 1024 * 1024  # the uploaded file, gzip-compressed


def render(report: Report, max_results: int = MAX_RESULTS, max_related: int = MAX_RELATED_LOCATIONS,
           max_gzip_bytes: int = MAX_GZIP_BYTES) -> str:
    from ..checks import RULES

    rule_index = {rule.name: i for i, rule in enumerate(RULES)}
    codes = {rule.name: rule.code for rule in RULES}
    docs = {d.id: d for d in report.documents}
    claims = {c.id: c for c in report.claims}
    labels = {t.id: t.label for t in report.topics}

    artifacts = {d.id: artifact(d.path) for d in report.documents}

    def location(claim: Claim, message: str | None = None, id_: int | None = None) -> dict[str, Any]:
        doc = docs.get(claim.doc or "")
        end_line, end_column = end_position(claim, doc)
        out: dict[str, Any] = {} if id_ is None else {"id": id_}
        out["physicalLocation"] = {
            "artifactLocation": dict(artifacts.get(claim.doc or "") or artifact("-")),
            "region": {"startLine": claim.line, "startColumn": claim.column, "endLine": end_line,
                       "endColumn": end_column, "snippet": {"text": claim.text}},
        }
        if message:
            out["message"] = {"text": message}
        return out

    def result(finding: Finding, suppression: dict[str, str] | None, cut: list[int]) -> dict[str, Any]:
        cited = [claims[c] for c in finding.claims if c in claims]
        level = LEVELS.get(str(finding.severity), "warning")
        out: dict[str, Any] = {"ruleId": codes.get(finding.rule, finding.rule)}
        if finding.rule in rule_index:
            out["ruleIndex"] = rule_index[finding.rule]
        out["level"] = level
        out["message"] = {"text": f"{finding.message}.\n{finding.explanation}"}
        if cited:
            out["locations"] = [location(cited[0], _quote(cited[0]))]
        related = cited[1:]
        if len(related) > max_related:
            cut.append(len(related) - max_related)
            related = related[:max_related]
        out["relatedLocations"] = [location(c, _quote(c), i) for i, c in enumerate(related, 1)]
        out["partialFingerprints"] = {FINGERPRINT_KEY: finding.fingerprint}
        out["suppressions"] = [suppression] if suppression else []
        out["properties"] = {
            "rule": finding.rule, "verdict": str(finding.verdict), "severity": str(finding.severity),
            "confidence": finding.confidence, "topic": finding.topic, "topicLabel": labels.get(finding.topic, ""),
            "finding": finding.id, "claims": list(finding.claims),
        }
        return out

    inline = {"kind": "inSource", "status": "accepted",
              "justification": "silenced by a claimcheck: ignore comment in the article"}
    external = {"kind": "external", "status": "accepted", "justification": "accepted in the claimcheck baseline file"}
    cut_related: list[int] = []
    results = [result(f, None, cut_related) for f in report.findings]
    results += [result(f, inline, cut_related) for f in report.suppressed]
    results += [result(f, external, cut_related) for f in report.baselined]

    notifications = [_notification("error", p) for p in report.errors]
    notifications += [_notification("warning", p) for p in report.warnings]
    notifications += [{"level": "note", "message": {"text": f"baseline entry {fp} matched no finding: remove it "
                                                            "from the baseline"}} for fp in report.stale]
    if cut_related:
        notifications.append(_limit(f"{sum(cut_related):,} related locations left out of {len(cut_related):,} "
                                    f"results: GitHub code scanning takes at most {max_related:,} per result"))
    if len(results) > max_results:
        notifications.append(_limit(f"{len(results) - max_results:,} of {len(results):,} results left out: GitHub "
                                    f"code scanning takes at most {max_results:,} results per run (the last ones, "
                                    "set-aside findings and then the mildest, were dropped)"))
        results = results[:max_results]

    def document(kept: list[dict[str, Any]], notes: list[dict[str, Any]]) -> str:
        run = {
            "tool": {"driver": _driver(RULES)},
            "invocations": [{"executionSuccessful": not report.errors, "toolExecutionNotifications": notes}],
            "originalUriBaseIds": {SRCROOT: {"description": {"text": "The folder claimcheck ran in: every "
                                                                    "relative path is relative to it."}}},
            "columnKind": "unicodeCodePoints",
            "results": kept,
            "properties": {"stale": list(report.stale)},
        }
        log = {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}
        return json.dumps(log, ensure_ascii=False, indent=2) + "\n"

    text = document(results, notifications)
    if _gzip_size(text) <= max_gzip_bytes:
        return text
    # Too big once compressed: keep the longest prefix of the results that fits.
    low, high = 0, len(results)
    while low < high:
        middle = (low + high + 1) // 2
        if _gzip_size(document(results[:middle], [*notifications, _limit("")])) <= max_gzip_bytes:
            low = middle
        else:
            high = middle - 1
    note = _limit(f"{len(results) - low:,} of {len(results):,} results left out: GitHub code scanning takes files "
                  f"of at most {max_gzip_bytes / 1024 / 1024:g} MB once gzip-compressed")
    return document(results[:low], [*notifications, note])


def artifact(path: str) -> dict[str, Any]:
    """An artifactLocation: relative paths (to the folder claimcheck ran in) under %SRCROOT%,
    absolute ones as file: URIs, standard input as "-"."""
    shown = display_path(path)
    if shown == "-":
        return {"uri": "-", "description": {"text": "standard input"}}
    if pathlib.PurePosixPath(shown).is_absolute() or pathlib.PureWindowsPath(shown).is_absolute():
        try:
            return {"uri": pathlib.Path(shown).as_uri()}
        except ValueError:
            pass
    return {"uri": urllib.parse.quote(shown, safe="/"), "uriBaseId": SRCROOT}


def information_uri() -> str:
    """The project's home page from the installed package's metadata, else its PyPI page."""
    from importlib import metadata

    try:
        meta = metadata.metadata("claimcheck")
    except metadata.PackageNotFoundError:
        return DEFAULT_INFORMATION_URI
    for entry in meta.get_all("Project-URL") or []:
        label, _, url = entry.partition(",")
        if label.strip().lower() in ("homepage", "home", "documentation", "source") and url.strip():
            return url.strip()
    return meta.get("Home-page") or DEFAULT_INFORMATION_URI


def _driver(rules: Any) -> dict[str, Any]:
    return {
        "name": "claimcheck", "version": __version__, "semanticVersion": __version__,
        "informationUri": information_uri(),
        "rules": [
            {
                "id": rule.code, "name": rule.name,
                "shortDescription": {"text": rule.summary},
                "fullDescription": {"text": rule.help},
                "help": {"text": _help_text(rule), "markdown": _help_markdown(rule)},
                "defaultConfiguration": {"level": LEVELS.get(str(rule.severity), "warning")},
                "properties": {"verdict": str(rule.verdict), "tags": ["claimcheck", str(rule.verdict)]},
            }
            for rule in rules
        ],
    }


def _help_text(rule: Any) -> str:
    lines = [rule.summary, "", rule.help]
    if rule.examples:
        lines += ["", "Examples:", *(f"- {a} / {b}" for a, b in rule.examples)]
    return "\n".join(lines)


def _help_markdown(rule: Any) -> str:
    from .markdown import escape

    lines = [f"**{escape(rule.summary)}**", "", escape(rule.help)]
    if rule.examples:
        lines += ["", "Examples:", "", *(f"- {escape(a)} / {escape(b)}" for a, b in rule.examples)]
    return "\n".join(lines)


def _quote(claim: Claim) -> str:
    from .text import quote

    return f"[{claim.lang}] {quote(claim)}"


def _notification(level: str, problem: InputProblem) -> dict[str, Any]:
    return {"level": level, "message": {"text": f"{display_path(problem.path)}: {problem.message}"},
            "locations": [{"physicalLocation": {"artifactLocation": artifact(problem.path)}}]}


def _limit(text: str) -> dict[str, Any]:
    return {"level": "warning", "message": {"text": text or "results left out"}}


def _gzip_size(text: str) -> int:
    return len(gzip.compress(text.encode("utf-8"), compresslevel=6, mtime=0))

