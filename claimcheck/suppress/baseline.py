"""A baseline: the findings a team has accepted, so that only new findings fail the build.

`claimcheck baseline PATH...` writes one; `claimcheck check --baseline FILE` moves the findings
it lists to Report.baselined and lists the entries no finding matched any more in Report.stale.
Findings are matched by fingerprint (rule, topic key, document paths and normalised values; never
line numbers), so a baseline survives edits elsewhere, moved lines and reordered files.  A
fingerprint recorded twice accepts two findings with that fingerprint.

The file is JSON, schema `claimcheck/baseline/v1`, sorted and without times, so it diffs well:

    {
      "schema": "claimcheck/baseline/v1",
      "tool": {"name": "claimcheck", "version": "0.1.0"},
      "findings": [
        {"fingerprint": "3f0c...", "rule": "divergent-values", "severity": "warning",
         "message": "more than 12,000 vs more than 1,200 ...",
         "claims": [{"path": "examples/launch/en.md", "text": "12,000", "sentence": "..."}]}
      ]
    }

Only `fingerprint` is read back; the other fields are there for the people who review the file.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, replace
from typing import Any

from .. import __version__, outputs
from ..errors import BaselineError
from ..model import Finding, Report

SCHEMA = "claimcheck/baseline/v1"
SCHEMA_FAMILY = "claimcheck/baseline/"
DEFAULT_FILE = "claimcheck-baseline.json"


@dataclass(frozen=True)
class Entry:
    fingerprint: str
    rule: str = ""
    message: str = ""


@dataclass(frozen=True)
class Baseline:
    path: str
    entries: tuple[Entry, ...]

    def describe(self, fingerprint: str) -> str:
        """A stale fingerprint with the rule and message recorded for it."""
        entry = next((e for e in self.entries if e.fingerprint == fingerprint), None)
        if entry is None or not (entry.rule or entry.message):
            return fingerprint
        return f"{fingerprint} ({entry.rule}: {entry.message})" if entry.rule else f"{fingerprint} ({entry.message})"


def to_dict(report: Report) -> dict[str, Any]:
    """The baseline of a report: every finding still in `report.findings` and those already
    accepted in `report.baselined` (suppressed findings are accounted for in the articles)."""
    from ..documents.paths import display_path

    claims = {c.id: c for c in report.claims}
    paths = {d.id: display_path(d.path) for d in report.documents}
    entries = []
    for finding in (*report.findings, *report.baselined):
        cited = sorted(
            ({"path": paths.get(claims[cid].doc or "", "?"), "text": claims[cid].text,
              "sentence": " ".join(claims[cid].sentence.split())}
             for cid in finding.claims if cid in claims),
            key=lambda c: (c["path"], c["text"], c["sentence"]),
        )
        entries.append({"fingerprint": finding.fingerprint, "rule": finding.rule, "severity": str(finding.severity),
                        "message": finding.message, "claims": cited})
    entries.sort(key=lambda e: (e["fingerprint"], e["rule"], e["message"], json.dumps(e["claims"], sort_keys=True)))
    return {"schema": SCHEMA, "tool": {"name": "claimcheck", "version": __version__}, "findings": entries}


def dumps(report: Report) -> str:
    return json.dumps(to_dict(report), ensure_ascii=False, indent=2) + "\n"


def write(report: Report, path: str) -> int:
    """Write the baseline of `report` to `path`; the number of entries."""
    outputs.write(path, dumps(report), "the baseline", BaselineError)
    return len(report.findings) + len(report.baselined)


def load(path: str) -> Baseline:
    """Read a baseline file; BaselineError with one line naming the file and the problem."""
    try:
        with open(path, "rb") as fh:
            raw = fh.read()
    except FileNotFoundError:
        raise BaselineError(f"{path}: cannot read the baseline: no such file "
                            "(write one with 'claimcheck baseline PATH... --output FILE')") from None
    except IsADirectoryError:
        raise BaselineError(f"{path}: cannot read the baseline: it is a folder") from None
    except OSError as e:
        raise BaselineError(f"{path}: cannot read the baseline: {(e.strerror or str(e)).lower()}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise BaselineError(f"{path}: malformed baseline: not UTF-8 text (byte {raw[e.start]:#04x} at offset "
                            f"{e.start})") from None
    return parse(text, path)


def parse(text: str, path: str = "<baseline>") -> Baseline:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise BaselineError(f"{path}: malformed baseline: not valid JSON: {e.msg} (line {e.lineno}, "
                            f"column {e.colno})") from None
    if not isinstance(data, dict):
        raise BaselineError(f"{path}: malformed baseline: expected a JSON object with \"schema\": \"{SCHEMA}\"")
    schema = data.get("schema")
    if isinstance(schema, str) and schema.startswith("claimcheck/report/"):
        raise BaselineError(f"{path}: this is a claimcheck report ({schema}), not a baseline: write one with "
                            "'claimcheck baseline PATH... --output FILE'")
    if isinstance(schema, str) and schema.startswith(SCHEMA_FAMILY) and schema != SCHEMA:
        raise BaselineError(f"{path}: unsupported baseline version {schema!r}: this claimcheck {__version__} reads "
                            f"{SCHEMA!r}")
    if schema != SCHEMA:
        raise BaselineError(f"{path}: malformed baseline: \"schema\" is {schema!r}, expected {SCHEMA!r}")
    findings = data.get("findings")
    if not isinstance(findings, list):
        raise BaselineError(f"{path}: malformed baseline: \"findings\" must be a list")
    entries = []
    for n, item in enumerate(findings, 1):
        fingerprint = item.get("fingerprint") if isinstance(item, dict) else None
        if not isinstance(fingerprint, str) or not fingerprint.strip():
            raise BaselineError(f"{path}: malformed baseline: finding {n} has no \"fingerprint\" string")
        rule, message = item.get("rule", ""), item.get("message", "")
        entries.append(Entry(fingerprint.strip(), rule if isinstance(rule, str) else "",
                             message if isinstance(message, str) else ""))
    return Baseline(path=path, entries=tuple(entries))


def apply(report: Report, baseline: Baseline) -> Report:
    """The report with the findings the baseline accepts moved to `baselined`, and the baseline
    fingerprints that matched nothing in `stale`."""
    left = Counter(e.fingerprint for e in baseline.entries)
    kept: list[Finding] = []
    accepted: list[Finding] = []
    for finding in report.findings:
        if left[finding.fingerprint] > 0:
            left[finding.fingerprint] -= 1
            accepted.append(finding)
        else:
            kept.append(finding)
    stale = sorted(fp for fp, count in left.items() for _ in range(count))
    return replace(report, findings=tuple(kept), baselined=(*report.baselined, *accepted),
                   stale=(*report.stale, *stale))
