"""Screenshots of the HTML report for docs/html-report.md, taken in headless Chromium.

    .venv/bin/python benchmarks/screenshots.py [--out docs/images] [--chromium /usr/bin/chromium]

Checks the seed corpus (../shared/corpus/seeds) and the bundled example (examples/launch) from the
repository root, renders each report with claimcheck.report.html.render, opens it from a file in
Debian's chromium (driven by playwright, which downloads nothing) and writes:

- seeds-report.png, example-report.png: the page as it opens (summary and finding cards);
- example-topics.png: the topic of the finding, with the claim that agrees;
- example-graph.png: the first page of the claim graph;
- example-document.png: the Italian article with its claims highlighted, after a click on the
  cited line of the finding.

Each page is also checked as the browser tests check it: no console message, no script error, no
Content-Security-Policy violation.
"""

from __future__ import annotations

import argparse
import os
import pathlib
import shutil
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
VIEWPORT = {"width": 1280, "height": 900}
WATCH = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective));
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "images"), help="folder for the PNG files")
    parser.add_argument("--chromium", default=os.environ.get("CLAIMCHECK_CHROMIUM") or shutil.which("chromium"),
                        help="the Chromium binary (default: chromium on PATH)")
    args = parser.parse_args()
    if not args.chromium:
        print("no chromium found: install Debian's chromium or pass --chromium", file=sys.stderr)
        return 2
    out = pathlib.Path(args.out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    os.chdir(ROOT)  # paths in the report are relative to the folder claimcheck runs in

    from playwright.sync_api import sync_playwright

    import claimcheck
    from claimcheck.report import html

    seeds = ROOT.parent / "shared" / "corpus" / "seeds"
    reports = {"example": claimcheck.check(["examples/launch"])}
    if seeds.is_dir():
        reports["seeds"] = claimcheck.check([os.path.relpath(seeds)])
    else:
        print(f"{seeds} is missing: no seeds-report.png", file=sys.stderr)
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=args.chromium, args=["--no-sandbox"])
        for name, report in reports.items():
            path = pathlib.Path(tmp) / f"{name}.html"
            path.write_text(html.render(report), encoding="utf-8")
            page = browser.new_page(viewport=VIEWPORT)
            problems: list[str] = []
            page.add_init_script(WATCH)
            page.on("console", lambda m, problems=problems: problems.append(f"console {m.type}: {m.text}"))
            page.on("pageerror", lambda e, problems=problems: problems.append(f"error: {e}"))
            page.goto(path.as_uri())
            page.wait_for_selector("html[data-ready=true]")
            shot(page, out / f"{name}-report.png", full_page=True)
            if name == "example":
                page.click(".tab[data-view=topics]")
                page.select_option("#topic-filters select[name=status]", "findings")
                shot(page, out / "example-topics.png", selector="#view-topics")
                page.click(".tab[data-view=graph]")
                shot(page, out / "example-graph.png", selector="#view-graph")
                page.click(".tab[data-view=findings]")
                page.locator("#finding-cards figure.quote").nth(1).locator(".where button").click()
                shot(page, out / "example-document.png")
            problems += [f"CSP: {v}" for v in page.evaluate("window.__violations")]
            if problems:
                print(f"{name}: " + "; ".join(problems), file=sys.stderr)
                return 1
            page.close()
        browser.close()
    return 0


def shot(page, path: pathlib.Path, full_page: bool = False, selector: str | None = None) -> None:
    if selector:
        page.locator(selector).screenshot(path=str(path))
    else:
        page.screenshot(path=str(path), full_page=full_page)
    print(f"wrote {os.path.relpath(path)}")


if __name__ == "__main__":
    sys.exit(main())
