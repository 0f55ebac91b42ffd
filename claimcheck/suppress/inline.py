"""Inline suppressions: a comment in an article that silences the findings citing a claim near it.

The same comment in every format (HTML, Markdown and plain text alike):

    <!-- claimcheck: ignore CC002 reason="the Italian release counts only Italian chargers" -->

- `ignore` is followed by rule codes or names (`CC002`, `divergent-values`), separated by commas
  or spaces; with none, the comment covers every rule.
- `reason="..."` (or '...') is required: a comment without one silences nothing and is reported.
- A comment covers the claims on its own line; a comment alone on its line covers the next line
  that is not blank (and not another comment), too.
- A finding is silenced when any of its claims is covered.  Silenced findings move to
  Report.suppressed; a comment that silenced nothing is reported in Report.warnings.

The comments are found in the source text by `documents.find_directives` (markup stripping
removes comments), and blanked out of plain text and Markdown so that they are never analysed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..model import Finding, InputProblem, Report

SYNTAX = '<!-- claimcheck: ignore RULE reason="why" -->'
_IGNORE = re.compile(
    r"""^ignore(?P<rules>(?:[\s,]+[A-Za-z][\w-]*)*)"""
    r"""(?:[\s,]+reason\s*=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'))?\s*$"""
)


@dataclass(frozen=True)
class Suppression:
    """One `<!-- claimcheck: ignore ... -->` comment."""

    path: str
    line: int
    last: int  # the last line it covers
    rules: frozenset[str] | None  # rule names; None: every rule
    reason: str
    text: str

    def covers(self, finding_rule: str, line: int) -> bool:
        return self.line <= line <= self.last and (self.rules is None or finding_rule in self.rules)

    @property
    def where(self) -> str:
        return f"line {self.line}" if self.last == self.line else f"lines {self.line}-{self.last}"


def _rule_names() -> dict[str, str]:
    """Every code and name a comment may use, to the rule's name."""
    from ..checks import RULES

    names: dict[str, str] = {}
    for rule in RULES:
        names[rule.code.lower()] = rule.name
        names[rule.name.lower()] = rule.name
    return names


def parse(report: Report) -> tuple[list[Suppression], list[InputProblem]]:
    """The suppressions written in the report's documents, and warnings about the comments that
    cannot be used (unreadable, unknown rule, no reason)."""
    known = _rule_names()
    found: list[Suppression] = []
    problems: list[InputProblem] = []
    for doc in report.documents:
        for line, last, text in doc.directives:
            m = _IGNORE.match(text)
            if not m:
                problems.append(InputProblem(doc.path, f"line {line}: cannot read the claimcheck comment "
                                                       f"{text!r}: write {SYNTAX}"))
                continue
            words = [w for w in re.split(r"[\s,]+", m.group("rules")) if w]
            unknown = [w for w in words if w.lower() not in known]
            if unknown:
                problems.append(InputProblem(doc.path, f"line {line}: unknown rule {', '.join(unknown)} in the "
                                                       f"claimcheck comment (rules: {_listing()}); it silences "
                                                       f"nothing"))
                continue
            reason = (m.group("dq") if m.group("dq") is not None else m.group("sq") or "").strip()
            if not reason:
                problems.append(InputProblem(doc.path, f"line {line}: the claimcheck comment has no reason, so it "
                                                       f"silences nothing: write {SYNTAX}"))
                continue
            rules = frozenset(known[w.lower()] for w in words) if words else None
            found.append(Suppression(doc.path, line, last, rules, reason, text))
    return found, problems


def _listing() -> str:
    from ..checks import RULES

    return ", ".join(f"{r.code} {r.name}" for r in sorted(RULES, key=lambda r: r.code))


def apply(report: Report) -> Report:
    """The report with every finding a suppression covers moved to `suppressed`, and warnings for
    the comments that silenced nothing."""
    suppressions, problems = parse(report)
    if not suppressions and not problems:
        return report
    claims = {c.id: c for c in report.claims}
    paths = {d.id: d.path for d in report.documents}
    by_path: dict[str, list[Suppression]] = {}
    for s in suppressions:
        by_path.setdefault(s.path, []).append(s)
    used: set[Suppression] = set()
    kept: list[Finding] = []
    silenced: list[Finding] = []
    for finding in report.findings:
        matched = [s for cid in finding.claims if cid in claims
                   for s in by_path.get(paths.get(claims[cid].doc or "", ""), ())
                   if s.covers(finding.rule, claims[cid].line)]
        if matched:
            used.update(matched)
            silenced.append(finding)
        else:
            kept.append(finding)
    for s in suppressions:
        if s not in used:
            what = "no finding" if s.rules is None else f"no {' or '.join(sorted(s.rules))} finding"
            problems.append(InputProblem(s.path, f"line {s.line}: unused claimcheck comment: {what} cites a claim "
                                                 f"on {s.where} (remove the comment?)"))
    problems.sort(key=lambda p: (p.path, _line(p.message), p.message))
    return replace(report, findings=tuple(kept), suppressed=(*report.suppressed, *silenced),
                   warnings=(*report.warnings, *problems))


def _line(message: str) -> int:
    m = re.match(r"line (\d+)", message)
    return int(m.group(1)) if m else 0
