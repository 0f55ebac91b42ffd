"""The terminal report of `claimcheck check`: one block per finding, then what was set aside, then a
summary line.

Each finding shows its severity, rule and message, then every claim as `path:line:col`, with
the quoted sentence and the number highlighted (bold on a terminal, [brackets] otherwise), and
the explanation of why the claims were linked.  After the findings come, only when there are
any: the findings silenced by a comment in an article (`suppressed`), the findings accepted by
the baseline (`baselined`), one line each with their claims' places; the baseline entries that
matched nothing (`stale`); and the inputs that could not be read or were read with a caveat.
"""

from __future__ import annotations

from ..model import Claim, Finding, Report
from .json import display_path, severity_counts

QUOTE_CHARS = 160
_COLORS = {"error": "\033[31m", "warning": "\033[33m", "note": "\033[36m"}
_BOLD, _DIM, _RESET = "\033[1m", "\033[2m", "\033[0m"


def render(report: Report, color: bool = False) -> str:
    claims = {c.id: c for c in report.claims}
    paths = {d.id: display_path(d.path) for d in report.documents}
    lines: list[str] = []
    for finding in report.findings:
        severity = str(finding.severity)
        head = f"{severity}[{finding.rule}]"
        if color:
            head = f"{_COLORS.get(severity, '')}{_BOLD}{head}{_RESET}"
        lines.append(f"{head} {finding.message} (confidence {finding.confidence:.2f})")
        for claim_id in finding.claims:
            claim = claims.get(claim_id)
            if claim is None:
                continue
            where = f"{paths.get(claim.doc or '', '?')}:{claim.line}:{claim.column}"
            lines.append(f"  {where}  [{claim.lang}] {quote(claim, color)}")
        lines.append(f"  {finding.explanation}")
        lines.append("")
    for label, findings in (("suppressed", report.suppressed), ("baselined", report.baselined)):
        for finding in findings:
            lines.extend(_set_aside(label, finding, claims, paths, color))
    if report.suppressed or report.baselined:
        lines.append("")
    for fingerprint in report.stale:
        lines.append(_dim(f"stale baseline entry {fingerprint}: no finding has this fingerprint any more "
                          "(remove it from the baseline)", color))
    for problem in report.errors:
        lines.append(f"input error: {display_path(problem.path)}: {problem.message}")
    for problem in report.warnings:
        lines.append(f"input warning: {display_path(problem.path)}: {problem.message}")
    if report.stale or report.errors or report.warnings:
        lines.append("")
    langs = sorted({d.lang for d in report.documents})
    counts = severity_counts(report.findings)
    extras = [(len(report.errors), "unreadable inputs"), (len(report.warnings), "input warnings"),
              (len(report.suppressed), "suppressed"), (len(report.baselined), "baselined"),
              (len(report.stale), "stale baseline entries")]
    lines.append(
        f"{len(report.documents)} documents ({', '.join(langs) or 'none'}), {len(report.claims)} claims, "
        f"{len(report.topics)} topics: {counts['error']} errors, {counts['warning']} warnings, "
        f"{counts['note']} notes" + "".join(f", {n} {what}" for n, what in extras if n)
    )
    return "\n".join(lines) + "\n"


def _set_aside(label: str, finding: Finding, claims: dict[str, Claim], paths: dict[str, str],
               color: bool) -> list[str]:
    """A suppressed or baselined finding: one line, then its claims' places."""
    places = [f"{paths.get(claims[c].doc or '', '?')}:{claims[c].line}:{claims[c].column}"
              for c in finding.claims if c in claims]
    return [_dim(f"{label} {finding.severity}[{finding.rule}] {finding.message} "
                 f"(confidence {finding.confidence:.2f}, fingerprint {finding.fingerprint})", color),
            _dim(f"  {', '.join(places)}", color)]


def _dim(text: str, color: bool) -> str:
    return f"{_DIM}{text}{_RESET}" if color else text


def quote_parts(claim: Claim, chars: int = QUOTE_CHARS) -> tuple[str, str, str]:
    """The claim's sentence on one line, as (before, cited text, after), shortened with "…" around
    the cited text to about `chars` characters."""
    at = claim.start - claim.sentence_start
    before = claim.sentence[:at]
    cited = claim.sentence[at:at + len(claim.text)]
    after = claim.sentence[at + len(claim.text):]
    before, after = before.replace("\n", " "), after.replace("\n", " ")
    room = max(20, (chars - len(cited)) // 2)
    if len(before) > room:
        before = "…" + before[-room:]
    if len(after) > room:
        after = after[:room] + "…"
    return before, cited, after


def quote(claim: Claim, color: bool = False) -> str:
    """The claim's sentence, shortened around the claim, with its cited text highlighted."""
    before, cited, after = quote_parts(claim)
    mark = f"{_BOLD}{cited}{_RESET}" if color else f"[{cited}]"
    return f"“{before}{mark}{after}”"
