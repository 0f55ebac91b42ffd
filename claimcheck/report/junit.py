"""The JUnit XML report, for CI test viewers (GitLab, Jenkins, Azure DevOps, test-reporter actions).

One `<testsuites>` holding, always in this order and always present (possibly with no test case):

- `claimcheck.documents`: one test case per input. A document that was read passes (a warning
  about it, such as a guessed encoding, goes to its `<system-out>`); an input that could not be
  read is an `<error>`. So a clean run is never an empty file.
- `claimcheck.CC001.conflicting-values` and one suite per other rule: one test case per finding.
  Errors and warnings are `<failure>`s; a note passes, with its message in `<system-out>` (a note
  never fails a build, and "skipped" would say the check did not run). Findings silenced by a
  comment in an article or accepted in the baseline are `<skipped>`, with the reason.
- `claimcheck.topics`: one passing test case per topic none of whose claims' findings are listed
  above: the claims that agree.

Test case names are stable across runs that do not change the findings: a finding's name is its
rule and message and its fingerprint is a `<property>`. No times or timestamps are written.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter

from .. import __version__
from ..model import Claim, Finding, Report
from .json import display_path

# Characters XML 1.0 cannot hold at all (control characters other than tab and line ends, lone
# surrogates, U+FFFE and U+FFFF): replaced so that any document text gives well-formed XML.
_NOT_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def render(report: Report) -> str:
    from ..checks import RULES

    claims = {c.id: c for c in report.claims}
    paths = {d.id: display_path(d.path) for d in report.documents}
    root = ET.Element("testsuites", name="claimcheck")
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}

    def suite(name: str) -> ET.Element:
        return ET.SubElement(root, "testsuite", name=name)

    def case(parent: ET.Element, classname: str, name: str, file: str | None = None,
             line: int | None = None) -> ET.Element:
        attrs = {"classname": classname, "name": clean(name)}
        if file:
            attrs["file"] = clean(file)
        if line:
            attrs["line"] = str(line)
        return ET.SubElement(parent, "testcase", attrs)

    def text_of(parent: ET.Element, tag: str, text: str, **attrs: str) -> ET.Element:
        element = ET.SubElement(parent, tag, {k: clean(v) for k, v in attrs.items()})
        element.text = clean(text)
        return element

    def place(claim: Claim) -> str:
        return f"{paths.get(claim.doc or '', '?')}:{claim.line}:{claim.column}"

    def details(finding: Finding) -> str:
        from .text import quote

        lines = [f"{finding.severity}[{finding.rule}] {finding.message} (confidence {finding.confidence:.2f})"]
        lines += [f"  {place(claims[c])}  [{claims[c].lang}] {quote(claims[c])}" for c in finding.claims
                  if c in claims]
        lines += [f"  {finding.explanation}", f"  fingerprint {finding.fingerprint}"]
        return "\n".join(lines) + "\n"

    def finding_case(parent: ET.Element, classname: str, finding: Finding, set_aside: str | None) -> None:
        first = next((claims[c] for c in finding.claims if c in claims), None)
        element = case(parent, classname, f"{finding.rule}: {finding.message}",
                       paths.get(first.doc or "") if first else None, first.line if first else None)
        properties = ET.SubElement(element, "properties")
        for key, value in (("fingerprint", finding.fingerprint), ("severity", str(finding.severity)),
                           ("confidence", f"{finding.confidence:.2f}"), ("topic", finding.topic)):
            ET.SubElement(properties, "property", name=key, value=clean(value))
        if set_aside:
            text_of(element, "skipped", details(finding), message=f"{set_aside}: {finding.message}")
        elif finding.severity in ("error", "warning"):
            text_of(element, "failure", details(finding), message=finding.message, type=str(finding.severity))
        else:
            text_of(element, "system-out", details(finding))

    documents = suite("claimcheck.documents")
    ET.SubElement(ET.SubElement(documents, "properties"), "property", name="claimcheck.version", value=__version__)
    warnings: dict[str, list[str]] = {}
    for problem in report.warnings:
        warnings.setdefault(display_path(problem.path), []).append(problem.message)
    counts = Counter(c.doc for c in report.claims)
    for doc in report.documents:
        path = display_path(doc.path)
        element = case(documents, "claimcheck.documents", path, path if path != "-" else None)
        text_of(element, "system-out", f"read as {doc.lang} ({doc.format}), {counts[doc.id]} claims\n"
                + "".join(f"warning: {m}\n" for m in warnings.pop(path, [])))
    for problem in report.errors:
        path = display_path(problem.path)
        element = case(documents, "claimcheck.documents", path, path if path != "-" else None)
        text_of(element, "error", f"{path}: {problem.message}\n", message=problem.message, type="input")
    for path, messages in warnings.items():  # warnings about inputs that are not documents (unused comments...)
        element = case(documents, "claimcheck.documents", f"{path} (warnings)", path if path != "-" else None)
        text_of(element, "system-out", "".join(f"warning: {m}\n" for m in messages))

    by_rule = {rule.name: suite(f"claimcheck.{rule.code}.{rule.name}") for rule in RULES}
    for finding, set_aside in ([(f, None) for f in report.findings]
                               + [(f, "suppressed by a comment in the article") for f in report.suppressed]
                               + [(f, "accepted in the baseline") for f in report.baselined]):
        parent = by_rule.get(finding.rule)
        if parent is None:  # a rule this version does not list: a suite of its own
            parent = by_rule[finding.rule] = suite(f"claimcheck.{finding.rule}")
        finding_case(parent, parent.get("name", ""), finding, set_aside)

    reported = {f.topic for f in (*report.findings, *report.suppressed, *report.baselined)}
    topics = suite("claimcheck.topics")
    for topic in report.topics:
        if topic.id in reported:
            continue
        members = [claims[c] for c in topic.claims if c in claims]
        element = case(topics, "claimcheck.topics", f"{topic.id} {topic.label}",
                       paths.get(members[0].doc or "") if members else None, members[0].line if members else None)
        text_of(element, "system-out", "claims that agree:\n" + "".join(
            f"  {place(c)}  [{c.lang}] {c.text}\n" for c in members))

    for element in root:
        tally = {"tests": len(element.findall("testcase")),
                  "failures": len(element.findall("testcase/failure")),
                  "errors": len(element.findall("testcase/error")),
                  "skipped": len(element.findall("testcase/skipped"))}
        for key, value in tally.items():
            element.set(key, str(value))
            totals[key] += value
    for key, value in totals.items():
        root.set(key, str(value))
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
