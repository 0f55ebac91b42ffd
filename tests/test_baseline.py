"""The baseline: `claimcheck baseline` writes the accepted findings; `check --baseline` reports only
new ones, survives moved lines and reordered or relocated files, notices a changed number, lists
stale entries, and refuses a broken baseline with exit 2 and one line."""

from __future__ import annotations

import json
import pathlib
import re
import shutil

import pytest
from test_cli import Outcome, _in_process, _no_traceback, _subprocess
from test_gate import ACME, write_corpus

import claimcheck
from claimcheck.errors import BaselineError
from claimcheck.model import Finding, Report, Severity, Verdict
from claimcheck.suppress import baseline

# a third article that agrees with the Italian one, and an unrelated one
EXTRA = {
    "notes.md": "# Notes\n\nThe weather in Zorvik was fine all week.\n",
}


@pytest.fixture(params=["runner", "subprocess"])
def run(request):
    return _in_process if request.param == "runner" else _subprocess


@pytest.fixture
def project(tmp_path: pathlib.Path) -> pathlib.Path:
    """A project folder with the articles under articles/ (commands run from the project folder)."""
    write_corpus(tmp_path / "articles", {**ACME, **EXTRA})
    return tmp_path


def _json(outcome: Outcome) -> dict:
    return json.loads(outcome.out)


def _fingerprints(report: dict, key: str = "findings") -> list[str]:
    return sorted(f["fingerprint"] for f in report[key])


def test_the_baseline_flow(run, project: pathlib.Path) -> None:
    # today's findings: one error
    outcome = run(["check", "articles", "--format", "json"], cwd=project)
    assert outcome.code == 1, outcome.err
    today = _fingerprints(_json(outcome))
    assert len(today) == 1

    # accept them
    outcome = run(["baseline", "articles"], cwd=project)
    _no_traceback(outcome)
    assert outcome.code == 0, outcome.err
    written = project / baseline.DEFAULT_FILE
    assert "claimcheck-baseline.json" in outcome.out and "1 finding" in outcome.out
    data = json.loads(written.read_text(encoding="utf-8"))
    assert data["schema"] == "claimcheck/baseline/v1"
    assert [e["fingerprint"] for e in data["findings"]] == today
    (entry,) = data["findings"]
    assert entry["rule"] == "conflicting-values" and "12,000" in entry["message"]
    assert sorted((c["path"], c["text"]) for c in entry["claims"]) == [
        ("articles/en.txt", "12,000"), ("articles/it.txt", "21.000")]
    assert "Acme Rail carried 12,000 passengers" in entry["claims"][0]["sentence"]

    # nothing new: exit 0, the finding is baselined, the report keeps its shape
    outcome = run(["check", "articles", "--baseline", str(written), "--format", "json"], cwd=project)
    assert outcome.code == 0, outcome.err
    report = _json(outcome)
    assert report["findings"] == [] and _fingerprints(report, "baselined") == today and report["stale"] == []
    assert "1 finding(s) accepted by the baseline, 0 new" in outcome.err

    # lines move: paragraphs added above, the sentence moved down, the files listed in another order
    en = project / "articles" / "en.txt"
    en.write_text("Zorvik news\n\nThe weather was fine.\n\nThe company also opened two new stations.\n\n"
                  "Acme Rail carried 12,000 passengers on its new Zorvik line in March.\n", encoding="utf-8")
    it = project / "articles" / "it.txt"
    it.write_text("\n\n\n" + ACME["it.txt"], encoding="utf-8")
    outcome = run(["check", "articles/it.txt", "articles/notes.md", "articles/en.txt", "--baseline",
                   str(written), "--format", "json"], cwd=project)
    assert outcome.code == 0, outcome.err
    report = _json(outcome)
    assert report["findings"] == [] and _fingerprints(report, "baselined") == today and report["stale"] == []
    moved = {c["text"]: c["line"] for c in report["claims"]}
    assert moved["12,000"] == 7 and moved["21.000"] == 4, "the test did not move the lines"

    # a number changes: exactly one new finding, and the old entry is stale
    en.write_text(en.read_text(encoding="utf-8").replace("12,000", "13,000"), encoding="utf-8")
    outcome = run(["check", "articles", "--baseline", str(written), "--format", "json"], cwd=project)
    assert outcome.code == 1, outcome.err
    report = _json(outcome)
    assert len(report["findings"]) == 1 and report["baselined"] == []
    assert "13,000" in report["findings"][0]["message"]
    assert report["findings"][0]["fingerprint"] not in today
    assert report["stale"] == today
    assert "1 stale entry" in outcome.err


def test_the_baseline_holds_in_a_copy_of_the_project_elsewhere(project: pathlib.Path,
                                                               tmp_path_factory) -> None:
    """Fingerprints use paths relative to the working folder: a fresh checkout at another place
    (another CI runner) matches the same baseline."""
    assert _in_process(["baseline", "articles"], cwd=project).code == 0
    elsewhere = tmp_path_factory.mktemp("other-checkout") / "deep" / "project"
    shutil.copytree(project, elsewhere)
    outcome = _subprocess(["check", "articles", "--baseline", baseline.DEFAULT_FILE], cwd=elsewhere)
    assert outcome.code == 0, outcome.out + outcome.err
    # absolute paths below the working folder are shown, and fingerprinted, relative to it
    outcome = _subprocess(["check", str(elsewhere / "articles"), "--baseline", baseline.DEFAULT_FILE],
                          cwd=elsewhere)
    assert outcome.code == 0, outcome.out + outcome.err


def test_running_from_another_folder_changes_the_paths(project: pathlib.Path) -> None:
    """Documented limit: run check from the folder the baseline was written in."""
    assert _in_process(["baseline", "articles"], cwd=project).code == 0
    outcome = _in_process(["check", ".", "--baseline", str(project / baseline.DEFAULT_FILE)],
                          cwd=project / "articles")
    assert outcome.code == 1
    assert "1 stale entry" in outcome.err


def test_the_baseline_file_is_deterministic(project: pathlib.Path) -> None:
    first = _in_process(["baseline", "articles", "--output", "one.json"], cwd=project)
    second = _in_process(["baseline", "articles", "--output", "sub/two.json"], cwd=project)
    assert (first.code, second.code) == (0, 0)
    one = (project / "one.json").read_bytes()
    assert one == (project / "sub" / "two.json").read_bytes()
    assert one.endswith(b"\n") and b"\r" not in one
    data = json.loads(one)
    assert data["findings"] == sorted(data["findings"], key=lambda e: e["fingerprint"])
    keys = {k for e in data["findings"] for k in e} | {k for e in data["findings"] for c in e["claims"] for k in c}
    assert not keys & {"line", "column", "start", "end"}, "no positions: the file does not churn when lines move"


def test_the_configured_baseline_is_the_default_output(project: pathlib.Path) -> None:
    (project / "claimcheck.toml").write_text('baseline = "ci/accepted.json"\n', encoding="utf-8")
    outcome = _in_process(["baseline", "articles"], cwd=project)
    assert outcome.code == 0, outcome.err
    assert (project / "ci" / "accepted.json").is_file()
    assert _in_process(["check", "articles"], cwd=project).code == 0  # the config names the baseline


def test_no_baseline_is_written_when_an_input_cannot_be_read(project: pathlib.Path) -> None:
    (project / "articles" / "broken.txt").write_bytes(b"\x00\x01binary")
    outcome = _in_process(["baseline", "articles"], cwd=project)
    assert outcome.code == 2
    assert not (project / baseline.DEFAULT_FILE).exists()
    assert any("broken.txt" in line for line in outcome.err_lines)
    assert "baseline not written" in outcome.err_lines[-1]


def test_two_equal_fingerprints_need_two_entries() -> None:
    def finding(n: int) -> Finding:
        return Finding(id=f"f{n}", rule="conflicting-values", verdict=Verdict.CONFLICT, severity=Severity.ERROR,
                       topic="t1", claims=(), confidence=0.9, message="m", fingerprint="same")

    report = Report(documents=(), claims=(), findings=(finding(1), finding(2)))
    one = baseline.Baseline("b.json", (baseline.Entry("same"),))
    applied = baseline.apply(report, one)
    assert [f.id for f in applied.baselined] == ["f1"] and [f.id for f in applied.findings] == ["f2"]
    two = baseline.Baseline("b.json", (baseline.Entry("same"), baseline.Entry("same"), baseline.Entry("gone")))
    applied = baseline.apply(report, two)
    assert applied.findings == () and applied.stale == ("gone",)


def test_the_python_api_takes_a_baseline(project: pathlib.Path, monkeypatch) -> None:
    monkeypatch.chdir(project)
    report = claimcheck.check(["articles"])
    path = project / "accepted.json"
    baseline.write(report, str(path))
    again = claimcheck.check(["articles"], baseline=str(path))
    assert again.findings == () and [f.fingerprint for f in again.baselined] == [
        f.fingerprint for f in report.findings]
    with pytest.raises(BaselineError, match=r"nowhere\.json"):
        claimcheck.check(["articles"], baseline=str(project / "nowhere.json"))


# ------------------------------------------------------------------------------ broken baselines

GOOD_ENTRY = {"fingerprint": "0123456789abcdef0123", "rule": "conflicting-values"}
BROKEN = {
    # name: (file content, or None for no file / a folder, the problem the one line must name)
    "missing": (None, r"no such file"),
    "folder": ("<folder>", r"folder"),
    "empty": ("", r"not valid JSON"),
    "not-json": ("{fingerprints: [1, 2", r"not valid JSON.*line 1"),
    "not-utf8": (b'{"schema": "claimcheck/baseline/v1", "findings": ["\xff\xfe"]}', r"not UTF-8"),
    "a-list": ("[]", r"expected a JSON object"),
    "no-schema": (json.dumps({"findings": []}), r"\"schema\" is None"),
    "other-schema": (json.dumps({"schema": "bandit/baseline", "findings": []}), r"expected 'claimcheck/baseline/v1'"),
    "future-version": (json.dumps({"schema": "claimcheck/baseline/v2", "findings": []}),
                       r"unsupported baseline version 'claimcheck/baseline/v2'"),
    "a-report": (json.dumps({"schema": "claimcheck/report/v1", "findings": []}), r"claimcheck report"),
    "findings-not-a-list": (json.dumps({"schema": "claimcheck/baseline/v1", "findings": {}}), r"must be a list"),
    "entry-without-fingerprint": (
        json.dumps({"schema": "claimcheck/baseline/v1", "findings": [GOOD_ENTRY, {"rule": "x"}]}),
        r"finding 2 has no \"fingerprint\""),
    "fingerprint-not-a-string": (
        json.dumps({"schema": "claimcheck/baseline/v1", "findings": [{"fingerprint": 12}]}), r"finding 1"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_a_broken_baseline_is_exit_2_with_one_line(run, case: str, tmp_path: pathlib.Path) -> None:
    content, problem = BROKEN[case]
    articles = write_corpus(tmp_path / "articles")
    path = tmp_path / f"{case}.json"
    if content == "<folder>":
        path.mkdir()
    elif isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        path.write_text(content, encoding="utf-8")
    outcome = run(["check", str(articles), "--baseline", str(path), "--json", str(tmp_path / "out.json")])
    _no_traceback(outcome)
    assert outcome.code == 2
    assert len(outcome.err_lines) == 1, outcome.err
    line = outcome.err_lines[0]
    assert line.startswith("claimcheck: error: ") and f"{case}.json" in line, line
    assert re.search(problem, line), line
    assert outcome.out == ""
    assert not (tmp_path / "out.json").exists(), "a broken baseline stops the run before any report"


def test_a_good_baseline_with_extra_fields_is_read() -> None:
    text = json.dumps({"schema": "claimcheck/baseline/v1", "tool": {"name": "claimcheck"}, "comment": "by hand",
                       "findings": [{**GOOD_ENTRY, "reviewed-by": "ana", "claims": []}]})
    loaded = baseline.parse(text, "b.json")
    assert [e.fingerprint for e in loaded.entries] == [GOOD_ENTRY["fingerprint"]]
    assert "conflicting-values" in loaded.describe(GOOD_ENTRY["fingerprint"])


# ------------------------------------------------------------------------------ fingerprint stability


def _one_fingerprint(folder: pathlib.Path, monkeypatch, *paths: str) -> str:
    monkeypatch.chdir(folder)
    report = claimcheck.check(list(paths) or ["."])
    (finding,) = [f for f in report.findings if f.rule == "conflicting-values"]
    return finding.fingerprint


def test_fingerprint_is_stable_and_changes_with_the_number(tmp_path: pathlib.Path, monkeypatch) -> None:
    folder = write_corpus(tmp_path / "a")
    before = _one_fingerprint(folder, monkeypatch, "en.txt", "it.txt")
    assert _one_fingerprint(folder, monkeypatch, "it.txt", "en.txt") == before  # argument order
    (folder / "en.txt").write_text("Intro.\n\n\n" + ACME["en.txt"], encoding="utf-8")  # moved lines
    assert _one_fingerprint(folder, monkeypatch, "en.txt", "it.txt") == before
    (folder / "en.txt").write_text(ACME["en.txt"].replace("12,000", "13,000"), encoding="utf-8")
    assert _one_fingerprint(folder, monkeypatch, "en.txt", "it.txt") != before


def test_fingerprint_changes_with_a_seventh_digit(tmp_path: pathlib.Path, monkeypatch) -> None:
    corpus = {name: text.replace("12,000", "1,234,567").replace("21.000", "2.100.000") for name, text in ACME.items()}
    folder = write_corpus(tmp_path / "a", corpus)
    before = _one_fingerprint(folder, monkeypatch)
    (folder / "en.txt").write_text(corpus["en.txt"].replace("1,234,567", "1,234,569"), encoding="utf-8")
    assert _one_fingerprint(folder, monkeypatch) != before


def test_fingerprint_ignores_a_new_article_in_the_topic(tmp_path: pathlib.Path, monkeypatch) -> None:
    """An article joining the topic (and changing its label) leaves the en/it finding's
    fingerprint alone: it hashes the rule and the two cited claims only."""
    folder = write_corpus(tmp_path / "a")
    monkeypatch.chdir(folder)

    def key() -> str:
        report = claimcheck.check(["."])
        (finding,) = [f for f in report.findings if f.rule == "conflicting-values"]
        return finding.fingerprint

    before = key()
    (folder / "zz.txt").write_text("Il gruppo Zorvik Rail ha trasportato 21.000 passeggeri sulla nuova linea "
                                   "Zorvik a marzo.\n\nLa società ha anche aperto due nuove stazioni.\n",
                                   encoding="utf-8")
    assert key() == before


def test_fingerprint_ignores_an_agreeing_article(tmp_path: pathlib.Path, monkeypatch) -> None:
    launch = pathlib.Path(__file__).resolve().parent.parent / "examples" / "launch"
    folder = tmp_path / "launch"
    shutil.copytree(launch, folder)
    monkeypatch.chdir(tmp_path)

    def divergent(*names: str) -> str:
        (finding,) = [f for f in claimcheck.check([f"launch/{n}" for n in names]).findings
                      if f.rule == "divergent-values"]
        return finding.fingerprint

    assert divergent("en.md", "it.html", "vi.txt") == divergent("en.md", "it.html")
