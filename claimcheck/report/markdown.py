"""The Markdown report: for a GitHub job summary ($GITHUB_STEP_SUMMARY) or a pull-request comment.

Layout: a heading with the counts, a table of findings per severity (with the suppressed and
baselined ones beside them), one section per finding with its claims in a table (place, language,
quoted sentence with the number in bold) and the explanation, then the findings set aside, the
stale baseline entries and the inputs with problems.  Places link to `path#Lline`, relative to the
folder claimcheck ran in unless `link_base` is given (for example
`https://github.com/OWNER/REPO/blob/SHA/`, which a comment or job summary needs for working links).

Every string that comes from a document (quotes, paths, messages) is escaped: HTML special
characters become entities, Markdown punctuation is backslash-escaped, table pipes cannot end a
cell, `$` cannot start GitHub math, and `@` cannot mention anyone.  The report is cut at a
finding's boundary to stay under `max_chars` (GitHub's limit for a comment, 65,536 characters, by
default), with a note saying how many findings were left out.
"""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Callable
from functools import partial

from .. import __version__
from ..model import Claim, Finding, InputProblem, Report
from .json import display_path, severity_counts
from .text import quote_parts

MAX_CHARS = 65_536  # GitHub's limit for an issue or pull-request comment body
ICONS = {"error": "❌", "warning": "⚠️", "note": "ℹ️"}
QUOTE_CHARS = 200
_SPECIAL = re.compile(r"([\\`*_\[\]|~$])")
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_SPACE = re.compile(r"\s+")
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f]")


def escape(text: str) -> str:
    """Text that renders as itself in GitHub Markdown, in a paragraph or a table cell: no HTML, no
    emphasis, code, links, math, strike-through or mentions, and no line breaks."""
    text = _CONTROL.sub("\ufffd", _SPACE.sub(" ", text))
    text = "".join(_HTML.get(ch, ch) for ch in text)
    text = _SPECIAL.sub(r"\\\1", text)
    return text.replace("@", "@\u2060")  # a word joiner after @ keeps "@name" from mentioning


def _utf16_len(text: str) -> int:
    """Length as GitHub counts it (JavaScript string length: UTF-16 code units)."""
    return len(text.encode("utf-16-le")) // 2


def render(report: Report, link_base: str | None = None, max_chars: int = MAX_CHARS) -> str:
    claims = {c.id: c for c in report.claims}
    paths = {d.id: display_path(d.path) for d in report.documents}
    rules = _rules()

    def place(claim: Claim) -> str:
        path = paths.get(claim.doc or "", "?")
        label = escape(f"{path}:{claim.line}:{claim.column}")
        if path in ("-", "?"):
            return label
        target = urllib.parse.quote(path, safe="/") + f"#L{claim.line}"
        if link_base:
            target = link_base.rstrip("/") + "/" + target.lstrip("/")
        return f"[{label}]({target})"

    def finding_block(finding: Finding) -> str:
        severity = str(finding.severity)
        code = rules.get(finding.rule, "")
        rows = ["| where | lang | quote |", "|---|---|---|"]
        for claim_id in finding.claims:
            claim = claims.get(claim_id)
            if claim is not None:
                before, cited, after = quote_parts(claim, QUOTE_CHARS)
                rows.append(f"| {place(claim)} | {escape(claim.lang)} | "
                            f"{escape(before)}<b>{escape(cited)}</b>{escape(after)} |")
        title = " ".join(part for part in (ICONS.get(severity, ""), f"{severity}:", code, escape(finding.rule)) if part)
        return "\n".join([f"#### {title} (confidence {finding.confidence:.2f})", "",
                          f"**{escape(finding.message)}**", "", *rows, "", escape(finding.explanation)])

    def set_aside_row(label: str, finding: Finding) -> str:
        where = ", ".join(place(claims[c]) for c in finding.claims if c in claims)
        return (f"| {label} | {finding.severity} | {rules.get(finding.rule, '')} {escape(finding.rule)} | "
                f"{escape(finding.message)} | {where} | `{escape(finding.fingerprint)}` |")

    def problem_row(label: str, problem: InputProblem) -> str:
        return f"| {label} | {escape(display_path(problem.path))} | {escape(problem.message)} |"

    counts = severity_counts(report.findings)
    out = "\n".join([_heading(counts), "", *_summary_table(report, counts), "", _inventory(report), ""])
    # Each piece is (section, how to write it); a section's title goes before the first of its
    # pieces. Pieces are written only while they fit.
    pieces: list[tuple[str, Callable[[], str]]] = [("findings", partial(finding_block, f)) for f in report.findings]
    pieces += [("set_aside", partial(set_aside_row, "suppressed", f)) for f in report.suppressed]
    pieces += [("set_aside", partial(set_aside_row, "baselined", f)) for f in report.baselined]
    pieces += [("stale", partial(lambda fp: f"- `{escape(fp)}`", fp)) for fp in report.stale]
    pieces += [("inputs", partial(problem_row, "❌ unreadable", p)) for p in report.errors]
    pieces += [("inputs", partial(problem_row, "⚠️ warning", p)) for p in report.warnings]
    footer = f"\n<sub>claimcheck {__version__}</sub>\n"
    budget = max_chars - _utf16_len(footer) - NOTE_ROOM
    size = _utf16_len(out)
    left_out: dict[str, int] = {}
    section = ""
    for name, write in pieces:
        if left_out:  # once one piece is cut, every later one is too, so what is shown keeps the order
            left_out[name] = left_out.get(name, 0) + 1
            continue
        addition = (("\n" + TITLES[name] + "\n" if name != section else "") + ("\n" if name == "findings" else "")
                    + write() + "\n")
        if size + _utf16_len(addition) > budget:
            left_out[name] = 1
            continue
        out += addition
        size += _utf16_len(addition)
        section = name
    if left_out:
        listing = ", ".join(f"{n:,} {LEFT_OUT_WORDS[name]}" for name, n in left_out.items())
        out += (f"\n> [!NOTE]\n> Not shown, to stay under {max_chars:,} characters: {listing}. "
                "The JSON or SARIF report has everything.\n")
    return out + footer


TITLES = {
    "findings": "### Findings",
    "set_aside": "### Set aside\n\nFindings silenced by a `claimcheck: ignore` comment in an article (suppressed) or "
                 "accepted in the baseline file (baselined): they do not fail the build.\n\n"
                 "| | severity | rule | finding | where | fingerprint |\n|---|---|---|---|---|---|",
    "stale": "### Stale baseline entries\n\nNo finding has these fingerprints any more: remove them from the "
             "baseline.\n",
    "inputs": "### Inputs with problems\n\n| | path | problem |\n|---|---|---|",
}
LEFT_OUT_WORDS = {"findings": "findings", "set_aside": "findings set aside", "stale": "stale baseline entries",
                  "inputs": "input problems"}
NOTE_ROOM = 400  # characters kept free for the note on what was left out


def _rules() -> dict[str, str]:
    from ..checks import RULES

    return {r.name: r.code for r in RULES}


def _count(n: int, one: str, many: str) -> str:
    return f"{n:,} {one if n == 1 else many}"


def _heading(counts: dict[str, int]) -> str:
    return "## claimcheck: " + ", ".join(_count(counts[s], s, s + "s") for s in ("error", "warning", "note"))


def _summary_table(report: Report, counts: dict[str, int]) -> list[str]:
    suppressed, baselined = severity_counts(report.suppressed), severity_counts(report.baselined)
    rows = ["| severity | findings | suppressed | baselined |", "|---|---:|---:|---:|"]
    for severity in ("error", "warning", "note"):
        rows.append(f"| {ICONS[severity]} {severity} | {counts[severity]:,} | {suppressed[severity]:,} | "
                    f"{baselined[severity]:,} |")
    return rows


def _inventory(report: Report) -> str:
    langs = sorted({d.lang for d in report.documents})
    parts = [_count(len(report.documents), "document", "documents") + f" ({', '.join(langs) or 'none'})",
             _count(len(report.claims), "claim", "claims"), _count(len(report.topics), "topic", "topics")]
    for n, one, many in ((len(report.errors), "unreadable input", "unreadable inputs"),
                         (len(report.warnings), "input warning", "input warnings"),
                         (len(report.stale), "stale baseline entry", "stale baseline entries")):
        if n:
            parts.append(_count(n, one, many))
    return escape(" · ".join(parts))
