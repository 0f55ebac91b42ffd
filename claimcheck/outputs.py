"""Where a report goes: the renderer of every format (imported only when used), report files,
and GitHub Actions (annotations and the job summary)."""

from __future__ import annotations

import importlib
import os
from typing import Any

from .errors import ClaimcheckError
from .model import Report

RENDERERS = {
    "text": "claimcheck.report.text", "json": "claimcheck.report.json", "html": "claimcheck.report.html",
    "sarif": "claimcheck.report.sarif", "junit": "claimcheck.report.junit",
    "markdown": "claimcheck.report.markdown", "github": "claimcheck.report.github",
}


def renderer(fmt: str) -> Any:
    try:
        return importlib.import_module(RENDERERS[fmt])
    except ModuleNotFoundError as e:
        if e.name != RENDERERS[fmt]:
            raise
        raise ClaimcheckError(f"the {fmt} report is not available in this version of claimcheck") from None


def render(fmt: str, report: Report, color: bool = False, **options: Any) -> str:
    module = renderer(fmt)
    if fmt == "text":
        return module.render(report, color)
    return module.render(report, **options)


def write(path: str, content: str, what: str = "the report", error: type[ClaimcheckError] = ClaimcheckError) -> None:
    """Write a report file, creating its folder; `error` naming the file when it cannot."""
    folder = os.path.dirname(path)
    try:
        if folder:
            os.makedirs(folder, exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(content)
    except OSError as e:
        raise error(f"{path}: cannot write {what}: {(e.strerror or str(e)).lower()}") from None


def append_step_summary(report: Report, path: str) -> None:
    """Add the Markdown report to the job summary ($GITHUB_STEP_SUMMARY)."""
    content = render("markdown", report)
    try:
        with open(path, "a", encoding="utf-8", newline="\n") as fh:
            fh.write(content if content.endswith("\n") else content + "\n")
    except OSError as e:
        raise ClaimcheckError(f"{path}: cannot append the job summary: {(e.strerror or str(e)).lower()}") from None
