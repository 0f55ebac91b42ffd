"""Every output format: golden files for a scenario corpus, validity (SARIF schema, well-formed
XML), escaping of hostile document text, the caps each format applies, and findings set aside.

The scenario is tests/golden/scenario/inputs/ (see its README.md); its expected reports are in
tests/golden/scenario/expected/. `pytest --update-golden` rewrites them from the current output:
read the diff before committing it.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import pathlib
import re
import subprocess
import sys
import xml.dom.minidom
import xml.etree.ElementTree as ET

import pytest

from claimcheck import __version__
from claimcheck.model import Claim, Document, Finding, InputProblem, Kind, Qualifier, Report, Severity, Topic, Verdict
from claimcheck.report import github, html, junit, markdown, sarif, text
from claimcheck.report import json as json_report

HERE = pathlib.Path(__file__).resolve().parent
SCENARIO = HERE / "golden" / "scenario"
SARIF_SCHEMA = HERE / "data" / "sarif-schema-2.1.0.json"
EXPECTED = {  # format -> expected file
    "json": "report.json", "text": "report.txt", "sarif": "report.sarif", "junit": "report.junit.xml",
    "markdown": "report.md", "github": "report.github.txt", "html": "report.html",
}
RENDER = {
    "json": json_report.render, "text": text.render, "sarif": sarif.render, "junit": junit.render,
    "markdown": markdown.render, "github": github.render, "html": html.render,
}


def blank_version(output: str) -> str:
    """The output with claimcheck's version replaced by VERSION where a format writes it."""
    v = re.escape(__version__)
    output = re.sub(rf'("(?:version|semanticVersion)": "){v}"', r'\1VERSION"', output)
    output = re.sub(rf'(name="claimcheck\.version" value="){v}"', r'\1VERSION"', output)
    output = re.sub(rf'(<meta name="generator" content="claimcheck ){v}"', r'\1VERSION"', output)
    output = re.sub(rf'(<footer class="foot">claimcheck ){v}(</footer>)', r"\1VERSION\2", output)
    return re.sub(rf"(<sub>claimcheck ){v}(</sub>)", r"\1VERSION\2", output)


def render_all(report: Report) -> dict[str, str]:
    return {fmt: render(report) for fmt, render in RENDER.items()}


@pytest.fixture(scope="module")
def scenario() -> tuple[Report, dict[str, str]]:
    """The scenario checked and rendered from its own folder, so that paths read inputs/...."""
    import claimcheck

    with contextlib.chdir(SCENARIO):
        report = claimcheck.check(["inputs"])
        return report, render_all(report)


# ------------------------------------------------------------------------------------------ golden


@pytest.mark.parametrize("fmt", sorted(EXPECTED))
def test_golden(fmt: str, scenario: tuple[Report, dict[str, str]], update_golden: bool) -> None:
    actual = blank_version(scenario[1][fmt])
    expected_file = SCENARIO / "expected" / EXPECTED[fmt]
    if update_golden:
        expected_file.parent.mkdir(parents=True, exist_ok=True)
        expected_file.write_text(actual, encoding="utf-8", newline="\n")
    assert expected_file.is_file(), f"{expected_file} is missing: run pytest --update-golden"
    expected = expected_file.read_text(encoding="utf-8")
    assert actual == expected, f"{fmt} output differs from {expected_file} (pytest --update-golden rewrites it)"


def test_scenario_findings_are_the_planted_ones(scenario: tuple[Report, dict[str, str]]) -> None:
    report, _ = scenario
    claims = {c.id: c for c in report.claims}
    found = {(f.rule, tuple(sorted(claims[c].text for c in f.claims))) for f in report.findings}
    assert found == {
        ("conflicting-values", ("460", "640")),
        ("conflicting-values", ("68 milioni di euro", "€86 million")),
        ("divergent-values", ("1.200", "12,000")),
        ("scope-differs", ("1,7 milioni", "1.4 million")),
    }
    agreeing = [sorted(claims[c].text for c in t.claims) for t in report.topics
                if t.id not in {f.topic for f in report.findings}]
    assert ["420 metres", "420 metri"] in agreeing
    assert [(p.path, p.message.split(":")[0]) for p in report.errors] == [("inputs/garbled.txt", "binary file")]
    assert [p.path for p in report.warnings] == ["inputs/nota-latin1.txt"]


def test_scenario_terminal_cost_conflict(scenario: tuple[Report, dict[str, str]]) -> None:
    report, _ = scenario
    claims = {c.id: c for c in report.claims}
    assert any({claims[c].text for c in f.claims} == {"€86 million", "68 milioni di euro"} for f in report.findings)


def test_output_does_not_depend_on_the_hash_seed() -> None:
    script = ("import contextlib, json, sys, claimcheck\n"
              "sys.path.insert(0, sys.argv[1])\n"
              "import test_formats as t\n"
              "with contextlib.chdir(t.SCENARIO):\n"
              "    print(json.dumps(t.render_all(claimcheck.check(['inputs']))))\n")
    outputs = []
    for seed in ("1", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-c", script, str(HERE)], capture_output=True, text=True, env=env,
                              check=True, encoding="utf-8")
        outputs.append(json.loads(done.stdout))
    for fmt in RENDER:
        assert outputs[0][fmt] == outputs[1][fmt], f"{fmt} differs between hash seeds"


# ------------------------------------------------------------------------------------------ validity


def sarif_errors(output: str) -> list[str]:
    import jsonschema

    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(json.loads(output))]


def test_vendored_schema_is_the_oasis_one() -> None:
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    assert schema["id"] == "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    assert schema["properties"]["version"]["enum"] == ["2.1.0"]


def test_scenario_sarif_is_valid(scenario: tuple[Report, dict[str, str]]) -> None:
    output = scenario[1]["sarif"]
    assert sarif_errors(output) == []
    run = json.loads(output)["runs"][0]
    assert [r["ruleId"] for r in run["results"]] == ["CC001", "CC001", "CC002", "CC003"]
    assert [r["level"] for r in run["results"]] == ["error", "error", "warning", "note"]
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == ["CC001", "CC002", "CC003", "CC004"]
    invocation = run["invocations"][0]
    assert invocation["executionSuccessful"] is False  # garbled.txt could not be read
    assert [n["level"] for n in invocation["toolExecutionNotifications"]] == ["error", "warning"]
    for result in run["results"]:
        region = result["locations"][0]["physicalLocation"]["region"]
        assert region["endColumn"] - region["startColumn"] == len(region["snippet"]["text"])
        assert result["partialFingerprints"]["claimcheck/v1"]
        assert result["suppressions"] == []


def test_scenario_junit_is_well_formed(scenario: tuple[Report, dict[str, str]]) -> None:
    output = scenario[1]["junit"]
    xml.dom.minidom.parseString(output.encode("utf-8"))
    root = ET.fromstring(output.encode("utf-8"))
    assert (root.get("tests"), root.get("failures"), root.get("errors"), root.get("skipped")) == ("10", "3", "1", "0")
    assert [s.get("name") for s in root.findall("testsuite")] == [
        "claimcheck.documents", "claimcheck.CC001.conflicting-values", "claimcheck.CC002.divergent-values",
        "claimcheck.CC003.scope-differs", "claimcheck.CC004.conversion-mismatch", "claimcheck.topics"]


# ------------------------------------------------------------------------------------------ set aside


@pytest.fixture(scope="module")
def set_aside(scenario: tuple[Report, dict[str, str]]) -> tuple[Report, dict[str, str]]:
    """The scenario with its error suppressed inline, its note accepted in the baseline and one
    stale baseline entry, as the suppression and baseline logic would leave it."""
    report, _ = scenario
    error = next(f for f in report.findings if f.rule == "conflicting-values" and "640" in f.message)
    warning = next(f for f in report.findings if f.rule == "divergent-values")
    note = next(f for f in report.findings if f.rule == "scope-differs")
    changed = dataclasses.replace(report, findings=(warning,), suppressed=(error,), baselined=(note,),
                                  stale=("0123456789abcdef0123",))
    with contextlib.chdir(SCENARIO):
        return changed, render_all(changed)


def test_json_shows_the_findings_set_aside(set_aside: tuple[Report, dict[str, str]]) -> None:
    data = json.loads(set_aside[1]["json"])
    assert [f["rule"] for f in data["findings"]] == ["divergent-values"]
    assert [f["rule"] for f in data["suppressed"]] == ["conflicting-values"]
    assert [f["rule"] for f in data["baselined"]] == ["scope-differs"]
    assert data["stale"] == ["0123456789abcdef0123"]
    assert data["summary"]["findings"] == {"error": 0, "warning": 1, "note": 0}
    assert (data["summary"]["suppressed"], data["summary"]["baselined"], data["summary"]["stale"]) == (1, 1, 1)


def test_json_shape_does_not_depend_on_a_baseline(scenario: tuple[Report, dict[str, str]],
                                                  set_aside: tuple[Report, dict[str, str]]) -> None:
    plain, changed = json.loads(scenario[1]["json"]), json.loads(set_aside[1]["json"])
    assert set(plain) == set(changed)
    assert set(plain["summary"]) == set(changed["summary"])
    assert (plain["suppressed"], plain["baselined"], plain["stale"]) == ([], [], [])
    assert plain["warnings"] == [{"path": "inputs/nota-latin1.txt", "message": plain["warnings"][0]["message"]}]


def test_text_shows_the_findings_set_aside(set_aside: tuple[Report, dict[str, str]]) -> None:
    output = set_aside[1]["text"]
    assert "suppressed error[conflicting-values] 640 vs 460" in output
    assert "baselined note[scope-differs]" in output
    assert "stale baseline entry 0123456789abcdef0123" in output
    assert output.rstrip().endswith(", 1 suppressed, 1 baselined, 1 stale baseline entries")
    assert "warning[divergent-values]" in output and "  Linked because" in output


def test_sarif_shows_the_findings_set_aside(set_aside: tuple[Report, dict[str, str]]) -> None:
    output = set_aside[1]["sarif"]
    assert sarif_errors(output) == []
    run = json.loads(output)["runs"][0]
    assert [(r["ruleId"], [s["kind"] for s in r["suppressions"]]) for r in run["results"]] == [
        ("CC002", []), ("CC001", ["inSource"]), ("CC003", ["external"])]
    assert all("baselineState" not in r for r in run["results"])
    notes = [n["message"]["text"] for n in run["invocations"][0]["toolExecutionNotifications"]]
    assert any("0123456789abcdef0123" in n for n in notes)
    assert run["properties"]["stale"] == ["0123456789abcdef0123"]


def test_junit_shows_the_findings_set_aside(set_aside: tuple[Report, dict[str, str]]) -> None:
    root = ET.fromstring(set_aside[1]["junit"].encode("utf-8"))
    assert (root.get("failures"), root.get("skipped")) == ("1", "2")
    skipped = [e.get("message") for e in root.iter("skipped")]
    assert skipped[0].startswith("suppressed by a comment") and skipped[1].startswith("accepted in the baseline")


def test_markdown_shows_the_findings_set_aside(set_aside: tuple[Report, dict[str, str]]) -> None:
    output = set_aside[1]["markdown"]
    assert "## claimcheck: 0 errors, 1 warning, 0 notes" in output
    assert "| ❌ error | 0 | 1 | 0 |" in output and "| ℹ️ note | 0 | 0 | 1 |" in output
    assert "### Set aside" in output
    assert "| suppressed | error | CC001" in output and "| baselined | note | CC003" in output
    assert "### Stale baseline entries" in output and "`0123456789abcdef0123`" in output


def test_github_annotates_only_active_findings(set_aside: tuple[Report, dict[str, str]]) -> None:
    lines = set_aside[1]["github"].splitlines()
    titles = [re.search(r"title=([^:]*)::", line).group(1) for line in lines]
    assert titles == ["claimcheck%3A unreadable input", "claimcheck CC002 divergent-values",
                      "claimcheck%3A input warning"]


# ------------------------------------------------------------------------------------------ hostile text

HOSTILE = ("Revenue <script>alert('x')</script> | `rm -rf` **bold** [link](http://evil.example) $5 and $6 "
           "@octocat ~~gone~~ 100% done\x00\x1b, a: b\r\nnext line")


def synthetic(n: int, severity: Severity = Severity.ERROR, sentence: str = HOSTILE,
              path: str = "docs/a file|x.md") -> Report:
    """n findings, each between two claims "4,200" and "2,400" of two documents."""
    docs, claims, topics, findings = [], [], [], []
    for d, name in enumerate((path, "docs/b.md"), 1):
        docs.append(Document(id=f"d{d}", path=name, text=sentence + " 4,200 units.", lang="en",
                             line_starts=(0,)))
    verdict = {Severity.ERROR: Verdict.CONFLICT, Severity.WARNING: Verdict.DIVERGENT,
               Severity.NOTE: Verdict.SCOPE_DIFFERS}[severity]
    rule = {Severity.ERROR: "conflicting-values", Severity.WARNING: "divergent-values",
            Severity.NOTE: "scope-differs"}[severity]
    start = len(sentence) + 1
    for i in range(n):
        pair = []
        for d, value in ((1, "4,200"), (2, "2,400")):
            cid = f"c{len(claims) + 1}"
            claims.append(Claim(text=value, value=float(value.replace(",", "")), kind=Kind.COUNT, unit=None,
                                qualifier=Qualifier.EXACT, low=None, high=None, start=start, end=start + 5,
                                object="units", sentence=sentence + f" {value} units.", line=1, column=start + 1,
                                lang="en", doc=f"d{d}", id=cid, topic=f"t{i + 1}"))
            pair.append(cid)
        topics.append(Topic(id=f"t{i + 1}", label="units <b>|", claims=tuple(pair)))
        findings.append(Finding(id=f"f{i + 1}", rule=rule, verdict=verdict, severity=severity, topic=f"t{i + 1}",
                                claims=tuple(pair), confidence=0.9, message="4,200 vs 2,400 (1.8×): `no` value | both",
                                fingerprint=f"{i:020x}", explanation=f"Linked because {sentence}"))
    return Report(documents=tuple(docs), claims=tuple(claims), topics=tuple(topics), findings=tuple(findings),
                  errors=(InputProblem("docs/bad<1>.md", "binary file: NUL\x00 byte"),),
                  warnings=(InputProblem("docs/w,x:y.md", "guessed 100% cp1252\nsecond line"),))


def test_markdown_escapes_document_text() -> None:
    output = markdown.render(synthetic(1))
    assert "<script" not in output and "&lt;script&gt;" in output
    assert "@octocat" not in output and "@\u2060octocat" in output
    assert "\\`rm -rf\\`" in output and "\\$5" in output and "\\*\\*bold\\*\\*" in output
    assert "\\[link\\](http://evil.example)" in output
    assert "<b>4,200</b>" in output and "<b>|" not in output
    columns = 0  # every row of a table has as many cells as its header: no pipe from a document opens one
    for line in output.splitlines():
        if not line.startswith("|"):
            columns = 0
            continue
        cells = len(re.split(r"(?<!\\)\|", line)) - 2
        columns = columns or cells
        assert cells == columns, line
    assert "\x00" not in output and "\x1b" not in output


def test_markdown_links_are_relative_or_based() -> None:
    report = synthetic(1, path="docs/a file (v2).md")
    assert "(docs/a%20file%20%28v2%29.md#L1)" in markdown.render(report)
    based = markdown.render(report, link_base="https://github.com/o/r/blob/abc/")
    assert "(https://github.com/o/r/blob/abc/docs/a%20file%20%28v2%29.md#L1)" in based


def test_junit_is_well_formed_with_hostile_text() -> None:
    output = junit.render(synthetic(2))
    root = ET.fromstring(output.encode("utf-8"))
    xml.dom.minidom.parseString(output.encode("utf-8"))
    assert root.get("failures") == "2" and root.get("errors") == "1"
    assert "<script>" not in output and "\ufffd" in output


def test_sarif_is_valid_with_hostile_text() -> None:
    output = sarif.render(synthetic(2))
    assert sarif_errors(output) == []
    location = json.loads(output)["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "docs/a%20file%7Cx.md", "uriBaseId": "%SRCROOT%"}


def test_github_escapes_data_and_properties() -> None:
    lines = github.render(synthetic(1)).splitlines()
    assert len(lines) == 3
    error, finding, warning = lines
    assert error.startswith("::error file=docs/bad<1>.md,title=claimcheck%3A unreadable input::")
    assert warning.startswith("::warning file=docs/w%2Cx%3Ay.md,")
    assert warning.endswith("guessed 100%25 cp1252%0Asecond line")
    assert "\r" not in finding and "%0D%0Anext line" in finding and "100%25 done" in finding
    assert github.escape_property("a:b,c%d\n") == "a%3Ab%2Cc%25d%0A"
    assert github.escape_data("a:b,c%d\r\n") == "a:b,c%25d%0D%0A"


# ------------------------------------------------------------------------------------------ caps


def test_github_caps_each_kind_and_says_so() -> None:
    report = synthetic(15)
    report = dataclasses.replace(report, findings=report.findings + synthetic(12, Severity.WARNING).findings
                                 + synthetic(12, Severity.NOTE).findings)
    lines = github.render(report).splitlines()
    kinds = [line.split(" ", 1)[0] for line in lines]
    assert (kinds.count("::error"), kinds.count("::warning"), kinds.count("::notice")) == (10, 10, 10)
    assert lines[-1].startswith("::notice title=claimcheck%3A more findings::")
    # 15 findings and 1 input error, 12 findings and 1 input warning, 12 notes of which 9 are shown
    assert "::12 claimcheck annotations not shown (6 errors, 3 warnings, 3 notices)" in lines[-1]
    assert len(github.render(report, limit=None).splitlines()) == 1 + 15 + 12 + 12 + 1


def test_github_left_out_counts() -> None:
    report = synthetic(12)
    lines = github.render(report).splitlines()
    assert lines[-1].endswith("::3 claimcheck annotations not shown (3 errors): GitHub shows at most 10 of each "
                              "kind per step. The job log, the Markdown summary or the JSON/SARIF report has them all.")
    assert github.render(synthetic(2)).count("::notice") == 0


def test_markdown_stays_under_the_comment_limit() -> None:
    report = synthetic(2000)
    output = markdown.render(report)
    assert len(output.encode("utf-16-le")) // 2 <= markdown.MAX_CHARS
    shown = output.count("#### ❌ error")
    assert 0 < shown < 2000
    assert f"> Not shown, to stay under 65,536 characters: {2000 - shown:,} findings, 2 input problems." in output
    small = markdown.render(report, max_chars=3000)
    assert len(small.encode("utf-16-le")) // 2 <= 3000 and "[!NOTE]" in small


def test_sarif_caps_results_and_size() -> None:
    report = synthetic(30)
    capped = json.loads(sarif.render(report, max_results=10))
    run = capped["runs"][0]
    assert len(run["results"]) == 10
    assert any("20 of 30 results left out" in n["message"]["text"]
               for n in run["invocations"][0]["toolExecutionNotifications"])
    small = sarif.render(report, max_gzip_bytes=2800)
    assert sarif_errors(small) == []
    run = json.loads(small)["runs"][0]
    assert 0 < len(run["results"]) < 30
    assert any("gzip" in n["message"]["text"] for n in run["invocations"][0]["toolExecutionNotifications"])


def test_text_keeps_what_it_showed(scenario: tuple[Report, dict[str, str]]) -> None:
    output = scenario[1]["text"]
    assert output.startswith("error[conflicting-values] 86,000,000 EUR vs 68,000,000 EUR")
    assert "\nerror[conflicting-values] 640 vs 460" in output
    assert "  inputs/en.md:10:" in output and "[en] “The terminal has [640] employees.”" in output
    assert re.search(r"\n3 documents \(en, it\), 12 claims, \d+ topics: 2 errors, 1 warnings, 1 notes, "
                     r"1 unreadable inputs, 1 input warnings\n$", output)
