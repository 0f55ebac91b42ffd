"""The HTML report opened in headless Chromium (Debian's `chromium`), driven by Playwright.

Playwright only drives the browser installed on the machine (`executable_path`); it downloads
nothing. Without a local chromium or without the playwright package these tests skip, except when
the CI environment variable is set, where they fail. Timings of the 10,000-finding report are
printed (run with -s to see them), never asserted.
"""

from __future__ import annotations

import os
import pathlib
import shutil
import time
from dataclasses import dataclass, field
from typing import Any

import pytest
from test_html_report import EXAMPLE, HOSTILE, hostile_report, synthetic_report

import claimcheck
from claimcheck.report import html

try:
    from playwright.sync_api import expect
except ImportError:  # the browser fixture says why the tests cannot run
    expect = None

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def _unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"browser tests must run in CI: {reason}")
    pytest.skip(reason)


def find_chromium() -> str | None:
    """CLAIMCHECK_CHROMIUM, else the first Chromium on PATH."""
    chosen = os.environ.get("CLAIMCHECK_CHROMIUM")
    if chosen:
        return chosen
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="module")
def browser():
    executable = find_chromium()
    if not executable:
        _unavailable("no chromium found (install Debian's chromium, or set CLAIMCHECK_CHROMIUM)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is not installed (pip install -e '.[test]')")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        yield chromium
        chromium.close()


# Runs before the page's own script, whatever the page's policy: records policy violations and
# gives injected script something to set.
WATCH = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__violations.push(e.violatedDirective + ' ' + e.blockedURI);
});
"""


@dataclass
class Opened:
    page: Any
    url: str
    console: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    load_seconds: float = 0.0
    report: Any = None

    def problems(self) -> list[str]:
        """Everything that should not happen on a clean page."""
        violations = self.page.evaluate("window.__violations")
        foreign = [url for url in self.requests if url != self.url]
        return ([f"console: {m}" for m in self.console] + [f"page error: {e}" for e in self.errors]
                + [f"dialog: {d}" for d in self.dialogs] + [f"CSP: {v}" for v in violations]
                + [f"request: {u}" for u in foreign])

    def status(self, view: str = "finding") -> str:
        return self.page.inner_text(f"#{view}-status")

    def cards(self, view: str = "finding") -> Any:
        return self.page.locator(f"#{view}-cards > article")


def open_report(browser: Any, report: claimcheck.Report, path: pathlib.Path) -> Opened:
    path.write_text(html.render(report), encoding="utf-8")
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    opened = Opened(page, path.as_uri())
    page.add_init_script(WATCH)
    page.on("console", lambda m: opened.console.append(f"{m.type}: {m.text}") if m.type in ("error", "warning")
            else None)
    page.on("pageerror", lambda e: opened.errors.append(str(e)))
    page.on("request", lambda r: opened.requests.append(r.url))

    def dialog(d: Any) -> None:
        opened.dialogs.append(f"{d.type}: {d.message}")
        d.dismiss()

    page.on("dialog", dialog)
    started = time.perf_counter()
    page.goto(opened.url)
    page.wait_for_selector("html[data-ready=true]", timeout=120_000)
    opened.load_seconds = time.perf_counter() - started
    return opened


@pytest.fixture(scope="module")
def example(browser, tmp_path_factory):
    report = claimcheck.check([str(EXAMPLE)])
    opened = open_report(browser, report, tmp_path_factory.mktemp("example") / "r.html")
    opened.report = report
    yield opened
    opened.page.close()


def planted(report: claimcheck.Report) -> claimcheck.Finding:
    """The example's planted discrepancy: "more than 12,000" charging points in English, "più di 1.200"
    in Italian (examples/README.md)."""
    texts = {c.id: c.text for c in report.claims}
    found = [f for f in report.findings if {texts[c] for c in f.claims[:2]} == {"12,000", "1.200"}]
    assert len(found) == 1, report.findings
    return found[0]


def findings_status(count: int) -> str:
    return f"Showing 1–{count} of {count} findings." if count else "No findings to show."


def test_example_loads_clean(example):
    count = len(example.report.findings)
    assert example.problems() == []
    assert example.page.title() == f"claimcheck report: {count} finding{'' if count == 1 else 's'}"
    summary = example.page.inner_text("#summary")
    assert f"{len(example.report.documents)}\ndocuments" in summary and "3\nlanguages" in summary
    assert example.status() == findings_status(count)
    assert example.cards().count() == count


def test_a_screenshot_is_written(example):
    """The page as a reviewer sees it, written as a PNG under reports/ (benchmarks/screenshots.py
    writes the ones docs/ shows, from the same rendering)."""
    out = pathlib.Path(__file__).resolve().parent.parent / "reports" / "browser-test-example.png"
    out.parent.mkdir(exist_ok=True)
    example.page.screenshot(path=str(out), full_page=True)
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert width == 1280 and height >= 600
    assert example.problems() == []


def test_finding_card_shows_both_quotes(example):
    finding = planted(example.report)
    card = example.page.locator(f"#finding-cards > article[data-finding={finding.id}]")
    quotes = card.locator("figure.quote")
    assert quotes.count() == len(finding.claims)
    texts = {c.id: c for c in example.report.claims}
    for i, claim_id in enumerate(finding.claims):
        claim = texts[claim_id]
        quote = quotes.nth(i)
        assert quote.locator("mark").inner_text() == claim.text
        assert quote.locator("blockquote").inner_text() == f"“{claim.sentence}”"
        assert f":{claim.line}:{claim.column}" in quote.locator(".where").inner_text()
        assert quote.get_attribute("lang") == claim.lang
        assert "published 2025-03-12" in quote.inner_text()
    shown = card.inner_text()
    assert "more than 12,000 charging points" in shown and "più di 1.200 punti di ricarica" in shown
    assert f"confidence {finding.confidence:.2f}" in shown and f"verdict: {finding.verdict}" in shown.lower()
    assert finding.explanation in shown
    a, b = finding.claims[:2]
    link = next(link for link in example.report.links if set(link.claims) == {a, b})
    assert f"{a} ↔ {b}: {link.reason}" in shown  # why the graph linked the two


def test_severity_filter_changes_what_is_shown(example):
    page = example.page
    count = len(example.report.findings)
    warnings = sum(1 for f in example.report.findings if f.severity == "warning")
    assert warnings
    page.uncheck("#finding-filters input[value=warning]")
    assert example.cards().count() == count - warnings
    assert all("sev-warning" not in (c.get_attribute("class") or "") for c in example.cards().all())
    page.check("#finding-filters input[value=warning]")
    assert example.cards().count() == count
    assert example.status() == findings_status(count)


def test_search_filters(example):
    page = example.page
    count = len(example.report.findings)
    status = page.locator("#finding-status")
    page.fill("#finding-filters input[name=q]", "no such words anywhere")
    expect(status).to_have_text(f"No findings to show ({count} hidden by the filters).")
    assert example.cards().count() == 0
    page.fill("#finding-filters input[name=q]", "PUNTI di ricarica")  # any case, every word
    expect(status).not_to_contain_text("No findings")
    assert example.cards().count() >= 1
    assert all("punti di ricarica" in text for text in example.cards().all_inner_texts())
    page.fill("#finding-filters input[name=q]", "")
    expect(status).to_have_text(findings_status(count))


def test_language_and_document_filters(example):
    page = example.page
    report = example.report
    claims = {c.id: c for c in report.claims}
    docs = {d.id: d for d in report.documents}
    for lang in ("en", "it", "vi"):
        page.select_option("#finding-filters select[name=lang]", lang)
        expected = [f.id for f in report.findings if any(claims[c].lang == lang for c in f.claims)]
        assert [c.get_attribute("data-finding") for c in example.cards().all()] == expected
    page.select_option("#finding-filters select[name=lang]", "")
    for doc_id in docs:
        page.select_option("#finding-filters select[name=doc]", doc_id)
        expected = [f.id for f in report.findings if any(claims[c].doc == doc_id for c in f.claims)]
        assert [c.get_attribute("data-finding") for c in example.cards().all()] == expected
    page.select_option("#finding-filters select[name=doc]", "")
    rule = report.findings[0].rule
    page.select_option("#finding-filters select[name=rule]", rule)
    assert example.cards().count() == sum(1 for f in report.findings if f.rule == rule)
    page.select_option("#finding-filters select[name=rule]", "")
    assert example.cards().count() == len(report.findings)


def test_topics_view_shows_agreements(example):
    page = example.page
    report = example.report
    with_findings = {f.topic for f in report.findings}
    consistent = [t for t in report.topics if t.id not in with_findings]
    page.click(".tab[data-view=topics]")
    assert page.is_visible("#view-topics") and not page.is_visible("#view-findings")
    assert example.status("topic") == f"Showing 1–{len(report.topics)} of {len(report.topics)} topics."
    page.select_option("#topic-filters select[name=status]", "consistent")
    assert example.cards("topic").count() == len(consistent)
    assert example.cards("topic").first.locator(".badge").first.inner_text().lower() == "consistent"
    page.select_option("#topic-filters select[name=status]", "findings")
    assert example.cards("topic").count() == len(with_findings)
    finding = planted(report)
    topic = next(t for t in report.topics if t.id == finding.topic)
    card = page.locator(f"#topic-cards > article[data-topic={topic.id}]")
    assert card.locator("tbody tr").count() == len(topic.claims)  # the agreeing Vietnamese claim too
    assert "hơn 12.000 điểm sạc" in card.inner_text()
    page.select_option("#topic-filters select[name=status]", "")


def test_graph_view_opens_a_topic(example):
    page = example.page
    report = example.report
    page.click(".tab[data-view=graph]")
    assert page.locator("#graph-box svg g.cell").count() == len(report.topics)
    assert page.locator("#graph-box svg g.node").count() == sum(len(t.claims) for t in report.topics)
    assert page.locator("#graph-box svg line").count() == len(report.links)
    assert page.locator("#graph-box svg line.edge-warning").count() >= 1
    topic = planted(report).topic
    page.click(f"#graph-box svg g.cell[data-topic={topic}] rect")
    assert page.is_visible("#view-topics")
    assert example.cards("topic").count() == 1
    assert example.cards("topic").first.get_attribute("data-topic") == topic


def test_document_view_highlights_claims(example):
    page = example.page
    report = example.report
    finding = planted(report)
    italian = next(c for c in report.claims if c.id in finding.claims and c.lang == "it")
    page.click(".tab[data-view=findings]")
    card = page.locator(f"#finding-cards > article[data-finding={finding.id}]")
    card.locator("figure.quote", has=page.locator(f"mark:text-is('{italian.text}')")).locator(".where button").click()
    assert page.is_visible("#view-documents")
    assert page.input_value("#doc-picker select") == italian.doc
    marks = page.locator("#doc-text mark")
    assert marks.count() == sum(1 for c in report.claims if c.doc == italian.doc)
    flashed = page.locator("#doc-text mark.flash")
    assert flashed.inner_text() == "1.200" and "sev-warning" in flashed.get_attribute("class")
    assert example.problems() == []


def test_hostile_documents_show_as_text_and_nothing_runs(browser, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    en = ("Kalvera opens its network {0}\n\nAldvik, 12 March 2025 - Kalvera Mobility says its charging network now "
          "has more than 12,000 charging points in 14 countries {1}.\nRead more: {2} or {3}.\n{4}\n"
          "The company employs 912 people.\n")
    it = ("Kalvera apre la sua rete {7}\n\nAldvik, 12 marzo 2025 - Kalvera Mobility dice che la sua rete di ricarica "
          "conta più di 1.200 punti di ricarica in 14 paesi {4}.\nLeggi: {2} e {3} {6}\n"
          "L'azienda impiega 912 persone.\n")
    (corpus / "en.txt").write_text(en.format(*HOSTILE), encoding="utf-8")
    (corpus / "it.txt").write_text(it.format(*HOSTILE), encoding="utf-8")
    (corpus / "<img src=x onerror=alert(3)>.md").write_text(en.format(*HOSTILE), encoding="utf-8")
    (corpus / "page.html").write_text(
        "<html lang=en><head><title>&lt;script&gt;window.__pwned=1&lt;/script&gt;</title></head><body>"
        "<p>Kalvera has &lt;img src=x onerror=window.__pwned=1&gt; 912 employees.</p>"
        "<p><a href=\"javascript:window.__pwned=1\">12,000 charging points</a></p></body></html>", encoding="utf-8")
    report = claimcheck.check([str(corpus)])
    assert report.findings, "the hostile corpus should still give a finding"
    for name, built in (("checked", report), ("synthetic", hostile_report())):
        opened = open_report(browser, built, tmp_path / f"{name}.html")
        page = opened.page
        # visit everything: cards, topics, graph, every document, the collapsed sections
        for section in ("errors", "warnings", "suppressed", "baselined", "stale"):
            page.click(f"#{section} > summary")
        for view in ("topics", "graph", "documents"):
            page.click(f".tab[data-view={view}]")
        for doc in built.documents:  # each document's text is on the page as it is, as text
            page.select_option("#doc-picker select", doc.id)
            assert page.text_content("#doc-text") == doc.text.lstrip()
        page.click(".tab[data-view=findings]")
        page.wait_for_timeout(200)
        assert page.evaluate("window.__pwned") is None
        assert opened.dialogs == []
        assert page.locator("img").count() == 0
        assert page.locator("a").count() == 0
        assert page.evaluate("""() => Array.from(document.querySelectorAll('*')).flatMap(
            e => Array.from(e.attributes).filter(a => a.name.startsWith('on')).map(a => e.tagName + ' ' + a.name))""") \
            == []
        assert page.locator("main script, main style").count() == 0  # only the page's own script and style
        claims = {c.id: c for c in built.claims}
        for quote, claim_id in zip(opened.cards().first.locator("blockquote").all_text_contents(),
                                   built.findings[0].claims, strict=True):
            assert quote == f"“{claims[claim_id].sentence}”"
        assert "<script>window.__pwned = 1; alert(1)</script>" in page.inner_text("#summary")  # a title
        assert opened.problems() == [], name
        page.close()


def test_suppressed_and_baselined_sections_render_cards(browser, tmp_path):
    opened = open_report(browser, hostile_report(), tmp_path / "r.html")
    page = opened.page
    assert page.locator("#suppressed .card").count() == 0  # built only when opened
    page.click("#suppressed > summary")  # the toggle event that builds the cards comes as a task
    page.locator("#suppressed .card").first.wait_for(timeout=5000)
    assert page.locator("#suppressed .card").count() == 1
    assert page.locator("#suppressed .card .badge", has_text="suppressed").count() == 1
    page.click("#baselined > summary")
    page.locator("#baselined .card").first.wait_for(timeout=5000)
    assert page.locator("#baselined .card").count() == 1
    page.click("#stale > summary")
    assert "</script><script>window.__pwned=1</script>" in page.inner_text("#stale")
    assert opened.problems() == []
    page.close()


def test_ten_thousand_findings(browser, tmp_path):
    started = time.perf_counter()
    report = synthetic_report(10_000)
    built = time.perf_counter() - started
    started = time.perf_counter()
    text = html.render(report)
    rendered = time.perf_counter() - started
    path = tmp_path / "big.html"
    opened = open_report(browser, report, path)
    page = opened.page
    assert opened.status() == "Showing 1–50 of 10000 findings."
    assert opened.cards().count() == 50

    def timed(script: str) -> float:
        """Milliseconds the page's script takes for `script`, layout included."""
        return page.evaluate(f"() => {{ const t = performance.now(); {script}; document.body.offsetHeight; "
                             "return performance.now() - t; }")

    uncheck = timed("document.querySelector('#finding-filters input[value=error]').click()")
    assert opened.status() == "Showing 1–50 of 6666 findings (10000 in all)."
    language = timed("const s = document.querySelector('#finding-filters select[name=lang]'); s.value = 'vi'; "
                     "s.dispatchEvent(new Event('change', {bubbles: true}))")
    search = timed("const q = document.querySelector('#finding-filters input[name=q]'); q.value = 'lockers'; "
                   "document.getElementById('finding-filters').requestSubmit()")
    shown = opened.status()
    assert shown.startswith("Showing 1–50 of ") and "(10000 in all)" in shown
    assert all("lockers" in t for t in opened.cards().all_inner_texts())
    reset = timed("document.getElementById('finding-filters').reset(); "
                  "document.getElementById('finding-filters').requestSubmit()")
    assert opened.status() == "Showing 1–50 of 10000 findings."
    next_page = timed("document.querySelector('#finding-pager button:last-child').click()")
    assert opened.status() == "Showing 51–100 of 10000 findings."
    topics = timed("document.querySelector('.tab[data-view=topics]').click()")
    graph = timed("document.querySelector('.tab[data-view=graph]').click()")
    documents = timed("document.querySelector('.tab[data-view=documents]').click()")
    assert opened.problems() == []
    print(f"\n10,000 findings: {len(report.claims)} claims, {len(report.topics)} topics, {len(report.documents)} "
          f"documents; synthetic report built in {built:.2f} s, rendered in {rendered:.2f} s, "
          f"{len(text.encode()) / 1e6:.1f} MB of HTML\n"
          f"  browser: load to first page of cards {opened.load_seconds * 1000:.0f} ms; untick 'error' "
          f"{uncheck:.0f} ms; language {language:.0f} ms; search {search:.0f} ms; reset {reset:.0f} ms; "
          f"next page {next_page:.0f} ms; topics view {topics:.0f} ms; graph view {graph:.0f} ms; "
          f"documents view {documents:.0f} ms")
    page.close()
