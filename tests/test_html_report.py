"""The HTML report as text: escaping of hostile strings, the Content-Security-Policy, the data island,
determinism. The same page opened in headless Chromium is tested in test_browser_html.py, which
uses the report builders below."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import os
import pathlib
import re
import subprocess
import sys
from html.parser import HTMLParser

import pytest

import claimcheck
from claimcheck.model import (
    Claim,
    Document,
    Finding,
    InputProblem,
    Kind,
    Link,
    Qualifier,
    Report,
    Scope,
    Severity,
    Topic,
    Verdict,
)
from claimcheck.report import html

ROOT = pathlib.Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "launch"

# What a hostile article may hold: markup, script, event handlers, javascript: links, a string that
# ends the data island, line separators that end a JavaScript string.
HOSTILE = (
    "<script>window.__pwned = 1; alert(1)</script>",
    '<img src=x onerror="window.__pwned=1;alert(2)">',
    "[link](javascript:window.__pwned=1)",
    '<a href="javascript:window.__pwned=1">click</a>',
    "</script><script>window.__pwned=1</script>",
    "<!-- <script> -->",
    "&lt;b&gt; &amp; \u2028 \u2029 '\" `${x}`",
    '<svg onload="window.__pwned=1"><style>*{}</style>',
)
HOSTILE_TEXT = " ".join(HOSTILE)
SEVERITY_VERDICT_RULE = (
    (Severity.ERROR, Verdict.CONFLICT, "conflicting-values"),
    (Severity.WARNING, Verdict.DIVERGENT, "divergent-values"),
    (Severity.NOTE, Verdict.SCOPE_DIFFERS, "scope-differs"),
)


def hostile_report() -> Report:
    """A report in which every string a document, a path or a rule could put there is hostile."""
    docs, claims = [], []
    for i, lang in enumerate(("en", "it"), 1):
        sentence = f"{HOSTILE_TEXT} The network has more than {12000 // i:,} charging points."
        text = f"{HOSTILE_TEXT}\n\n{sentence}\n"
        number = f"{12000 // i:,}"
        start = text.index(number, len(HOSTILE_TEXT) + 2)
        docs.append(Document(id=f"d{i}", path=f"<img src=x onerror=alert({i})>/{lang}.txt", text=text, lang=lang,
                             published=dt.date(2025, 3, 12), title=HOSTILE[0]))
        claims.append(Claim(text=number, value=12000.0 / i, kind=Kind.COUNT, unit=None, qualifier=Qualifier.MORE_THAN,
                            low=12000.0 / i, high=None, start=start, end=start + len(number), object=HOSTILE[1],
                            sentence=sentence, sentence_start=len(HOSTILE_TEXT) + 2, line=3, column=1, lang=lang,
                            qualifier_text=HOSTILE[3], doc=f"d{i}", id=f"c{i}", topic="t1"))
    finding = Finding(id="f1", rule=HOSTILE[4], verdict=Verdict.DIVERGENT, severity=Severity.WARNING, topic="t1",
                      claims=("c1", "c2"), confidence=0.9, message=HOSTILE[0], fingerprint=HOSTILE[5],
                      explanation=HOSTILE_TEXT)
    return Report(
        documents=tuple(docs), claims=tuple(claims), topics=(Topic("t1", HOSTILE[1], ("c1", "c2")),),
        findings=(finding,), links=(Link(("c1", "c2"), 0.9, HOSTILE[2]),),
        errors=(InputProblem(HOSTILE[0], HOSTILE[1]),), warnings=(InputProblem(HOSTILE[3], HOSTILE[6]),),
        suppressed=(finding,), baselined=(finding,), stale=(HOSTILE[4],),
    )


def synthetic_report(findings: int, documents: int = 40, langs: tuple[str, ...] = ("en", "it", "vi", "de")) -> Report:
    """A report with `findings` findings of two claims each, spread over `documents` documents.

    Finding i compares a claim in document i mod `documents` with one in the next document; every
    fifth topic also holds a third claim that agrees, and every seventh topic has no finding.
    """
    sentences: list[list[tuple[str, str, Claim]]] = [[] for _ in range(documents)]
    claims: list[Claim] = []
    topics: list[Topic] = []
    found: list[Finding] = []
    links: list[Link] = []
    topic_count = findings + findings // 6
    words = ("parcels", "stations", "bikes", "vouchers", "couriers", "lockers", "vans", "depots")

    def add(doc: int, value: float, topic: str, index: int) -> Claim:
        number = f"{value:,.0f}"
        word = words[index % len(words)]
        sentence = f"In topic {topic} the company reports more than {number} {word} (row {index})."
        claim = Claim(text=number, value=value, kind=Kind.COUNT, unit=None, qualifier=Qualifier.MORE_THAN,
                      low=value, high=None, start=0, end=0, object=word, sentence=sentence,
                      lang=langs[doc % len(langs)], qualifier_text="more than", doc=f"d{doc + 1}",
                      id=f"c{len(claims) + 1}", topic=topic,
                      scope=Scope(year=2020 + index % 3))
        claims.append(claim)
        sentences[doc].append((sentence, number, claim))
        return claim

    for t in range(topic_count):
        topic_id = f"t{t + 1}"
        doc = t % documents
        a = add(doc, 1000 + t, topic_id, t)
        b = add((doc + 1) % documents, 1000 + t if t % 7 == 6 else 100 + t, topic_id, t)
        members = [a, b]
        links.append(Link((a.id, b.id), 0.8, f"both about {a.object}; both name Kalvera"))
        if t % 5 == 0:
            c = add((doc + 2) % documents, 1000 + t, topic_id, t)
            members.append(c)
            links.append(Link((a.id, c.id), 0.7, f"both about {a.object}; the same value"))
        topics.append(Topic(topic_id, f"{a.object} (Kalvera {t})", tuple(m.id for m in members)))
        if t % 7 != 6 and len(found) < findings:
            severity, verdict, rule = SEVERITY_VERDICT_RULE[len(found) % 3]
            found.append(Finding(
                id=f"f{len(found) + 1}", rule=rule, verdict=verdict, severity=severity, topic=topic_id,
                claims=(a.id, b.id), confidence=round(0.5 + (t % 50) / 100, 2),
                message=f"more than {a.text} vs more than {b.text}: they differ",
                fingerprint=hashlib.sha1(topic_id.encode()).hexdigest()[:20],
                explanation=f"Linked because both about {a.object}; both name Kalvera.",
            ))
    # lay the sentences out as documents and give every claim its offsets and line
    placed: dict[str, Claim] = {}
    docs = []
    for d, rows in enumerate(sentences):
        text, line = f"Kalvera report {d + 1}\n\n", 3
        for sentence, number, claim in rows:
            at = len(text)
            start = at + sentence.index(" " + number + " ") + 1
            placed[claim.id] = Claim(**{**_fields(claim), "start": start, "end": start + len(number),
                                        "sentence_start": at, "line": line, "column": start - at + 1})
            text += sentence + "\n"
            line += 1
        docs.append(Document(id=f"d{d + 1}", path=f"synthetic/{d + 1:03d}_{langs[d % len(langs)]}.txt", text=text,
                             lang=langs[d % len(langs)], published=dt.date(2021, 1, 1 + d % 28),
                             title=f"Kalvera report {d + 1}"))
    ordered = sorted(placed.values(), key=lambda c: (int(c.doc[1:]), c.start))
    return Report(documents=tuple(docs), claims=tuple(ordered), topics=tuple(topics), findings=tuple(found),
                  links=tuple(links))


def _fields(claim: Claim) -> dict:
    return {name: getattr(claim, name) for name in Claim.__slots__}


class _Tags(HTMLParser):
    """Every start tag of a page with its attributes, and the text of its <script> and <style> elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.raw: dict[str, list[str]] = {"script": [], "style": []}
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in self.raw:
            self._in = tag
            self.raw[tag].append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == self._in:
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in:
            self.raw[self._in][-1] += data


def parse(page: str) -> _Tags:
    parser = _Tags()
    parser.feed(page)
    parser.close()
    return parser


def island(page: str) -> str:
    m = re.search(r'<script type="application/json" id="report-data">(.*?)</script>', page, re.S)
    assert m, "no data island"
    return m.group(1)


@pytest.fixture(scope="module")
def example_report() -> Report:
    return claimcheck.check([str(EXAMPLE)])


def test_hostile_strings_are_escaped_everywhere():
    report = hostile_report()
    page = html.render(report)
    tags = parse(page)
    names = [tag for tag, _ in tags.tags]
    assert names.count("script") == 2 and names.count("style") == 1
    assert "img" not in names and "a" not in names and "iframe" not in names
    # nothing in the page's markup runs: no event attributes, no javascript: or external URLs
    for tag, attrs in tags.tags:
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name, value)
            assert "javascript:" not in (value or "").lower(), (tag, name, value)
        if tag in ("link", "img", "script", "iframe"):
            assert attrs.get("src") in (None,) and attrs.get("href") in (None, "data:,"), (tag, attrs)
    # hostile strings show escaped in the markup rendered by Jinja ...
    assert "&lt;script&gt;window.__pwned = 1; alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;/en.txt" in page
    # ... and intact, but with no '<', '>' or '&', in the data island
    text = island(page)
    for char in "<>&\u2028\u2029":
        assert char not in text
    data = json.loads(text)
    assert html.records(data["documents"])[0]["text"].startswith(HOSTILE_TEXT)
    assert html.records(data["findings"])[0]["explanation"] == HOSTILE_TEXT
    assert html.records(data["links"])[0]["reason"] == HOSTILE[2]
    assert html.records(data["suppressed"])[0]["rule"] == HOSTILE[4]


def test_script_json_escapes_what_could_end_the_element():
    text = html.script_json({"x": "</script><!-- & \u2028\u2029 >"})
    assert text == '{"x":"\\u003c/script\\u003e\\u003c!-- \\u0026 \\u2028\\u2029 \\u003e"}'
    assert json.loads(text) == {"x": "</script><!-- & \u2028\u2029 >"}


def test_content_security_policy_allows_only_the_inlined_assets(example_report):
    page = html.render(example_report)
    tags = parse(page)
    head = [tag for tag, _ in tags.tags][:3]
    assert head == ["html", "head", "meta"]  # charset first, then the policy, before any style or script
    metas = [attrs for tag, attrs in tags.tags if tag == "meta" and attrs.get("http-equiv")]
    assert len(metas) == 1 and metas[0]["http-equiv"] == "Content-Security-Policy"
    policy = dict(part.strip().split(" ", 1) for part in metas[0]["content"].split(";"))
    assert policy["default-src"] == "'none'"
    assert policy["img-src"] == "data:"
    assert "unsafe" not in metas[0]["content"]

    def digest(text: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"

    code = [text for (tag, attrs), text in zip([t for t in tags.tags if t[0] == "script"], tags.raw["script"],
                                               strict=True) if attrs.get("type") != "application/json"]
    assert len(code) == 1 and policy["script-src"] == digest(code[0])
    assert len(tags.raw["style"]) == 1 and policy["style-src"] == digest(tags.raw["style"][0])
    assert not any("style" in attrs for _, attrs in tags.tags), "a style attribute would be blocked by the policy"


def test_same_report_same_bytes(example_report):
    assert html.render(example_report) == html.render(example_report)
    again = claimcheck.check([str(EXAMPLE)])
    assert html.render(again) == html.render(example_report)


def test_output_does_not_depend_on_the_hash_seed():
    code = ("import hashlib, sys; sys.path.insert(0, sys.argv[1]); import test_html_report as t; "
            "from claimcheck.report import html; "
            "print(hashlib.sha256(html.render(t.synthetic_report(60)).encode()).hexdigest())")
    digests = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        out = subprocess.run([sys.executable, "-c", code, str(ROOT / "tests")], env=env, capture_output=True,
                             text=True, check=True, cwd=ROOT)
        digests.add(out.stdout.strip())
    assert len(digests) == 1


def check_data(report: Report) -> None:
    data = {key: html.records(value) if isinstance(value, dict) and "rows" in value else value
            for key, value in json.loads(island(html.render(report))).items()}
    claims = {c["id"]: c for c in data["claims"]}
    docs = {d["id"]: d for d in data["documents"]}
    assert len(claims) == len(report.claims) and len(docs) == len(report.documents)
    assert [f["id"] for f in data["findings"]] == [f.id for f in report.findings]  # in the report's order
    for finding in report.findings:
        for claim_id in finding.claims:
            claim = claims[claim_id]
            text = docs[claim["doc"]]["text"]
            assert text[claim["start"]:claim["end"]] == claim["text"]
            sentence = claim["sentence"] or text[claim["sentence_start"]:claim["sentence_end"]]
            at = claim["start"] - claim["sentence_start"]
            assert sentence[at:at + len(claim["text"])] == claim["text"]
    for topic in data["topics"]:
        assert all(claim_id in claims for claim_id in topic["claims"])
    for link in data["links"]:
        assert all(claim_id in claims for claim_id in link["claims"]) and link["reason"]
    assert len(data["graph"]["topics"]) == len(data["topics"]) and len(data["graph"]["links"]) == len(data["links"])


def test_every_finding_has_its_claims_in_the_data(example_report):
    assert example_report.findings
    check_data(example_report)
    check_data(synthetic_report(300))


def test_every_finding_of_the_seeds_has_its_claims_in_the_data(shared):
    report = claimcheck.check([str(shared / "corpus" / "seeds")])
    check_data(report)


def test_summary_and_sections(example_report):
    page = html.render(example_report)
    count = len(example_report.findings)
    assert f"claimcheck report: {count} finding{'' if count == 1 else 's'}</title>" in page
    for section in ("errors", "warnings", "suppressed", "baselined", "stale"):
        assert f'<details id="{section}"' in page
    assert '<details id="suppressed" class="problems lazy-findings" data-list="suppressed">' in page  # collapsed
    consistent = sum(1 for t in example_report.topics if t.id not in {f.topic for f in example_report.findings})
    assert f"{consistent} consistent" in page
    report = hostile_report()
    page = html.render(report)
    assert '<details id="errors" class="problems" open>' in page  # unreadable inputs are never hidden


def test_graph_layout_follows_topics_and_links(example_report):
    layout = html.graph(example_report)
    assert len(layout["topics"]) == len(example_report.topics)
    for topic, (x, y, status, positions) in zip(example_report.topics, layout["topics"], strict=True):
        assert len(positions) == len(topic.claims)
        assert status == next((str(f.severity) for f in example_report.findings if f.topic == topic.id), "consistent")
        for px, py, label_y in positions:  # every claim and its label inside the topic's cell
            assert x < px < x + html.CELL_WIDTH and y + 20 < py < y + html.CELL_HEIGHT
            assert y + 20 < label_y < y + html.CELL_HEIGHT
    disagreeing = {frozenset(f.claims[:2]): str(f.severity) for f in example_report.findings}
    assert layout["links"] == [disagreeing.get(frozenset(link.claims), "agree") for link in example_report.links]
    assert "warning" in layout["links"]
    big = html.graph(synthetic_report(200))  # cells are laid out a page at a time
    corners = [(x, y) for x, y, _, _ in big["topics"]]
    assert corners[:html.GRAPH_PAGE] == corners[html.GRAPH_PAGE:2 * html.GRAPH_PAGE]
    assert len(set(corners[:html.GRAPH_PAGE])) == html.GRAPH_PAGE


def test_numbers_json_cannot_hold_are_written_as_strings():
    report = synthetic_report(3)
    claims = list(report.claims)
    claims[0] = Claim(**{**_fields(claims[0]), "value": float("inf"), "high": float("nan")})
    data = json.loads(island(html.render(Report(**{**{f: getattr(report, f) for f in report.__slots__},
                                                   "claims": tuple(claims)}))))
    first = html.records(data["claims"])[0]
    assert first["value"] == "inf" and first["high"] == "nan"


def test_empty_report_renders():
    page = html.render(Report(documents=(), claims=()))
    data = json.loads(island(page))
    assert data["findings"] == {"fields": [], "rows": []} and data["graph"]["topics"] == []


def test_script_uses_no_markup_sink():
    """report.js builds the page from text only: no HTML-parsing sink, no string evaluation, no links.
    (The policy's Trusted Types would make a sink throw in Chromium; this says so before a browser does.)"""
    script = (html.ASSETS / "report.js").read_text(encoding="utf-8")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "Function(",
                 "createElement(\"a\")", "href", "srcdoc", "DOMParser", "createContextualFragment"):
        assert sink not in script, sink
    assert not re.search(r"setTimeout\(\s*[\"'`]", script)
