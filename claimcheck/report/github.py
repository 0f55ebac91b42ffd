"""GitHub Actions annotations: workflow commands that GitHub shows on the run and on the pull
request's changed files.

    ::error file=it.md,line=12,endLine=12,col=5,endColumn=8,title=claimcheck CC001 conflicting-values::640 vs 460

One line per finding (its first claim is the place; the other claims are named in the message),
after one `::error` per unreadable input; input warnings come last as `::warning`. Findings
silenced by a comment or accepted in the baseline get no annotation. Severities map to `error`,
`warning` and `notice`.

GitHub shows at most 10 error, 10 warning and 10 notice annotations per step (and 50 per job;
actions/toolkit, docs/problem-matchers.md, "Limitations"); the rest are dropped silently. So
`limit` (10 by default, None for no cap) caps each kind, and when anything is left out the last
line is a `::notice` saying how many and why; one notice is kept free for it.

Escaping follows the runner's own (actions/toolkit `core/src/command.ts`): in the message `%`,
CR and LF become `%25`, `%0D` and `%0A`; in property values `:` and `,` also become `%3A` and
`%2C`.
"""

from __future__ import annotations

from ..model import Claim, Finding, Report
from .json import display_path, end_position

LIMIT = 10  # annotations of each kind GitHub shows per step
COMMANDS = {"error": "error", "warning": "warning", "note": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(kind: str, message: str, **properties: str | int | None) -> str:
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items()
                     if value is not None and value != "")
    return f"::{kind}{' ' + props if props else ''}::{escape_data(message)}"


def render(report: Report, limit: int | None = LIMIT) -> str:
    from ..checks import RULES
    from .text import quote

    codes = {rule.name: rule.code for rule in RULES}
    docs = {d.id: d for d in report.documents}
    claims = {c.id: c for c in report.claims}

    def path_of(claim: Claim) -> str | None:
        doc = docs.get(claim.doc or "")
        path = display_path(doc.path) if doc else None
        return None if path in (None, "-") else path

    def annotation(finding: Finding) -> tuple[str, str]:
        kind = COMMANDS.get(str(finding.severity), "warning")
        cited = [claims[c] for c in finding.claims if c in claims]
        title = f"claimcheck {codes.get(finding.rule, '')} {finding.rule}".replace("  ", " ")
        lines = [f"{finding.message}."]
        lines += [f"{path_of(c) or '-'}:{c.line}:{c.column} [{c.lang}] {quote(c)}" for c in cited]
        lines.append(finding.explanation)
        if not cited:
            return kind, command(kind, "\n".join(lines), title=title)
        first = cited[0]
        end_line, end_column = end_position(first, docs.get(first.doc or ""))
        place: dict[str, str | int | None] = {"file": path_of(first), "line": first.line, "endLine": end_line,
                                              "col": first.column, "endColumn": end_column}
        return kind, command(kind, "\n".join(lines), **place, title=title)

    candidates: list[tuple[str, str]] = []
    for problem in report.errors:
        path = display_path(problem.path)
        candidates.append(("error", command("error", f"{path}: {problem.message}", file=path if path != "-" else None,
                                            title="claimcheck: unreadable input")))
    candidates += [annotation(f) for f in report.findings]
    for problem in report.warnings:
        path = display_path(problem.path)
        candidates.append(("warning", command("warning", f"{path}: {problem.message}",
                                              file=path if path != "-" else None, title="claimcheck: input warning")))

    totals = {kind: sum(1 for k, _ in candidates if k == kind) for kind in ("error", "warning", "notice")}
    caps = dict.fromkeys(totals, limit)
    if limit is not None and any(n > limit for n in totals.values()):
        caps["notice"] = max(0, limit - 1)  # keep one notice for the line that says what was left out
    shown = {kind: 0 for kind in totals}
    lines = []
    for kind, line in candidates:
        cap = caps[kind]
        if cap is None or shown[kind] < cap:
            lines.append(line)
            shown[kind] += 1
    left_out = {kind: totals[kind] - shown[kind] for kind in totals if totals[kind] > shown[kind]}
    if left_out:
        listing = ", ".join(f"{n} {kind if n == 1 else kind + 's'}" for kind, n in left_out.items())
        lines.append(command("notice", f"{sum(left_out.values())} claimcheck annotations not shown ({listing}): "
                                       f"GitHub shows at most {limit} of each kind per step. The job log, the "
                                       "Markdown summary or the JSON/SARIF report has them all.",
                             title="claimcheck: more findings"))
    return "".join(line + "\n" for line in lines)
