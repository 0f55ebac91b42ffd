"""The terminal report of `claimcheck check`: one block per finding, then a summary line.

Each finding shows its severity, rule and message, then every claim as `path:line:col`, with
the quoted sentence and the number highlighted (bold on a terminal, [brackets] otherwise), and
the explanation of why the claims were linked.
"""

from __future__ import annotations

from ..model import Claim, Report
from .json import display_path

QUOTE_CHARS = 160
_COLORS = {"error": "\033[31m", "warning": "\033[33m", "note": "\033[36m"}
_BOLD, _RESET = "\033[1m", "\033[0m"


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
    langs = sorted({d.lang for d in report.documents})
    counts = {"error": 0, "warning": 0, "note": 0}
    for finding in report.findings:
        counts[str(finding.severity)] += 1
    lines.append(
        f"{len(report.documents)} documents ({', '.join(langs) or 'none'}), {len(report.claims)} claims, "
        f"{len(report.topics)} topics: {counts['error']} errors, {counts['warning']} warnings, "
        f"{counts['note']} notes" + (f", {len(report.errors)} unreadable inputs" if report.errors else "")
    )
    return "\n".join(lines) + "\n"


def quote(claim: Claim, color: bool = False) -> str:
    """The claim's sentence, shortened around the claim, with its cited text highlighted."""
    at = claim.start - claim.sentence_start
    sentence = " ".join(claim.sentence[:at].split(" ")), claim.sentence[at:at + len(claim.text)], \
        claim.sentence[at + len(claim.text):]
    before, cited, after = sentence
    before, after = before.replace("\n", " "), after.replace("\n", " ")
    room = max(20, (QUOTE_CHARS - len(cited)) // 2)
    if len(before) > room:
        before = "…" + before[-room:]
    if len(after) > room:
        after = after[:room] + "…"
    mark = f"{_BOLD}{cited}{_RESET}" if color else f"[{cited}]"
    return f"“{before}{mark}{after}”"
