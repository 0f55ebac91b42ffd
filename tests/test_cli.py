"""The command line: formats, standard input, the JSON report, help, exit codes, bad input.

Every scenario runs twice: in-process with click's CliRunner and as a real subprocess
(`python -m claimcheck`), so start-up, encoding of the streams and the exit status are real too.
"""

from __future__ import annotations

import json
import os
import pathlib
import re
import subprocess
import sys
from dataclasses import dataclass

import click
import pytest
from click.testing import CliRunner

from claimcheck.cli import cli as main

ROOT = pathlib.Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "launch"

GOOD = "The port handled 4,200 ships and more than 35,000 containers last month.\n"
GOOD_IT = "Dal primo novembre più di 60.000 punti di ritiro offriranno il servizio.\n"


@dataclass
class Outcome:
    code: int
    out: str
    err: str

    @property
    def err_lines(self) -> list[str]:
        return [line for line in self.err.splitlines() if line.strip()]


# what the environment may say to claimcheck: cleared for every test run, set by the test itself
AMBIENT = ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "NO_COLOR", "FORCE_COLOR", "CI")


def _ambient(name: str) -> bool:
    return name in AMBIENT or name.startswith("CLAIMCHECK_")


def _in_process(args: list[str], stdin: str | None = None, cwd: pathlib.Path | None = None,
                env: dict[str, str] | None = None) -> Outcome:
    old = os.getcwd()
    overrides: dict[str, str | None] = {k: None for k in os.environ if _ambient(k)}
    overrides.update(env or {})
    try:
        if cwd:
            os.chdir(cwd)
        result = CliRunner(env=overrides).invoke(main, args, input=stdin, catch_exceptions=False)
    finally:
        os.chdir(old)
    return Outcome(result.exit_code, result.stdout, result.stderr)


def _subprocess(args: list[str], stdin: str | None = None, cwd: pathlib.Path | None = None,
                env: dict[str, str] | None = None) -> Outcome:
    env = {**{k: v for k, v in os.environ.items() if not _ambient(k)}, **(env or {})}
    proc = subprocess.run(
        [sys.executable, "-m", "claimcheck", *args], input=stdin.encode("utf-8") if stdin is not None else None,
        capture_output=True, cwd=cwd or ROOT, env=env, timeout=300,
    )
    return Outcome(proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8"))


@pytest.fixture(params=["runner", "subprocess"])
def run(request):
    return _in_process if request.param == "runner" else _subprocess


def _no_traceback(outcome: Outcome) -> None:
    assert "Traceback" not in outcome.err and "Traceback" not in outcome.out, outcome.err


def _position(source: str, anchor: str) -> tuple[int, int]:
    offset = source.index(anchor)
    return source.count("\n", 0, offset) + 1, offset - (source.rfind("\n", 0, offset) + 1) + 1


@pytest.fixture
def good(tmp_path: pathlib.Path) -> pathlib.Path:
    path = tmp_path / "good.txt"
    path.write_text(GOOD, encoding="utf-8")
    return path


# ------------------------------------------------------------------------------ extract


def test_extract_jsonl(run, good: pathlib.Path) -> None:
    outcome = run(["extract", str(good), "--format", "jsonl"])
    assert (outcome.code, outcome.err) == (0, "")
    records = [json.loads(line) for line in outcome.out.splitlines()]
    assert [(r["text"], r["value"], r["kind"], r["qualifier"]) for r in records] == [
        ("4,200", 4200, "count", "exact"), ("35,000", 35000, "count", "more_than")]
    for r in records:
        assert r["path"].endswith("good.txt")
        assert GOOD[r["start"]:r["end"]] == r["text"]
        assert (r["line"], r["column"]) == _position(GOOD, r["text"])
        assert r["text"] in r["sentence"]


def test_extract_json(run, good: pathlib.Path) -> None:
    outcome = run(["extract", str(good), "--format", "json"])
    assert (outcome.code, outcome.err) == (0, "")
    report = json.loads(outcome.out)
    assert report["schema"] == "claimcheck/report/v1"
    assert [d["lang"] for d in report["documents"]] == ["en"]
    assert [(c["text"], c["value"], c["doc"]) for c in report["claims"]] == [
        ("4,200", 4200, report["documents"][0]["id"]), ("35,000", 35000, report["documents"][0]["id"])]


def test_extract_text(run, good: pathlib.Path) -> None:
    outcome = run(["extract", str(good), "--format", "text"])
    assert (outcome.code, outcome.err) == (0, "")
    lines = outcome.out.splitlines()
    assert len(lines) == 2
    for line, cited in zip(lines, ["4,200", "35,000"], strict=True):
        row, col = _position(GOOD, cited)
        assert re.match(rf".*good\.txt:{row}:{col}: ", line), line
        assert f'"{cited}"' in line
    assert "more_than" in lines[1]


def test_extract_stdin_with_lang(run) -> None:
    outcome = run(["extract", "-", "--lang", "it", "--format", "jsonl"], stdin=GOOD_IT)
    assert (outcome.code, outcome.err) == (0, "")
    (record,) = [json.loads(line) for line in outcome.out.splitlines()]
    assert record["path"] == "-"
    assert (record["text"], record["value"], record["kind"], record["qualifier"]) == (
        "60.000", 60000, "count", "more_than")
    assert (record["line"], record["column"]) == _position(GOOD_IT, "60.000")


def test_extract_stdin_lang_decides_the_separators(run) -> None:
    """"1.250" is 1250 in Italian; in English it is one and a quarter."""
    outcome = run(["extract", "-", "--lang", "it", "--format", "jsonl"], stdin="Il totale è di 1.250 tessere.\n")
    assert [json.loads(line)["value"] for line in outcome.out.splitlines()] == [1250]
    outcome = run(["extract", "-", "--lang", "en", "--format", "jsonl"], stdin="The total is 1.250 points.\n")
    assert 1250 not in [json.loads(line)["value"] for line in outcome.out.splitlines()]


# ------------------------------------------------------------------------------ check and the JSON report

CORPUS = {
    "en.txt": "The city council approved a budget of €4.5 million for 12 new bus lines.\n"
              "Ridership grew by 8% last year.\n",
    "it.md": "---\ntitle: Piano trasporti\ndate: 2021-10-30\n---\n\n"
             "Il consiglio comunale ha approvato un bilancio di 4,5 milioni di euro per 12 nuove linee di autobus.\n",
    "sub/vi.html": '<html lang="vi"><body><p>Hội đồng thành phố đã phê duyệt ngân sách 4,5 triệu euro '
                   "cho 12 tuyến xe buýt mới.</p></body></html>\n",
}
TOP_KEYS = {"schema", "tool", "documents", "claims", "topics", "findings", "errors", "summary"}
DOCUMENT_KEYS = {"id", "path", "lang", "published", "title"}
CLAIM_KEYS = {"id", "doc", "line", "column", "start", "end", "text", "sentence", "kind", "value", "unit",
              "qualifier", "low", "high", "object", "scope", "topic"}
TOPIC_KEYS = {"id", "label", "claims"}
FINDING_KEYS = {"id", "rule", "verdict", "severity", "topic", "claims", "confidence", "message", "fingerprint"}


@pytest.fixture
def corpus(tmp_path: pathlib.Path) -> pathlib.Path:
    folder = tmp_path / "articles"
    for name, content in CORPUS.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(content, encoding="utf-8")
    (folder / "notes.csv").write_text("id,value\n1,999\n", encoding="utf-8")  # not an article
    return folder


def _check_report_shape(report: dict) -> None:
    assert report["schema"] == "claimcheck/report/v1"
    assert set(report) >= TOP_KEYS
    assert report["tool"]["name"] == "claimcheck" and report["tool"]["version"]
    docs = {d["id"]: d for d in report["documents"]}
    claims = {c["id"]: c for c in report["claims"]}
    topics = {t["id"]: t for t in report["topics"]}
    for d in docs.values():
        assert set(d) >= DOCUMENT_KEYS, DOCUMENT_KEYS - set(d)
    for c in claims.values():
        assert set(c) >= CLAIM_KEYS, CLAIM_KEYS - set(c)
        assert c["doc"] in docs
        assert c["topic"] is None or c["topic"] in topics
    for t in topics.values():
        assert set(t) >= TOPIC_KEYS and set(t["claims"]) <= set(claims)
    for f in report["findings"]:
        assert set(f) >= FINDING_KEYS, FINDING_KEYS - set(f)
        assert set(f["claims"]) <= set(claims) and f["severity"] in ("error", "warning", "note")
    for e in report["errors"]:
        assert {"path", "message"} <= set(e)
    summary = report["summary"]
    assert (summary["documents"], summary["claims"], summary["topics"]) == (
        len(docs), len(claims), len(topics))
    severities = [f["severity"] for f in report["findings"]]
    assert summary["findings"] == {s: severities.count(s) for s in ("error", "warning", "note")}


def test_check_writes_the_json_report(run, corpus: pathlib.Path, tmp_path: pathlib.Path) -> None:
    out = tmp_path / "reports" / "out.json"
    outcome = run(["check", str(corpus), "--json", str(out), "--format", "json", "--fail-on", "never"])
    _no_traceback(outcome)
    assert outcome.code == 0, outcome.err
    report = json.loads(out.read_text(encoding="utf-8"))
    assert json.loads(outcome.out) == report, "--format json prints the same report --json writes"
    _check_report_shape(report)
    assert report["errors"] == []
    by_name = {pathlib.PurePath(d["path"]).name: d for d in report["documents"]}
    assert {n: d["lang"] for n, d in by_name.items()} == {"en.txt": "en", "it.md": "it", "vi.html": "vi"}
    assert by_name["it.md"]["published"] == "2021-10-30" and by_name["it.md"]["title"] == "Piano trasporti"
    # by reading: 4.5 million euro and 12 bus lines in each, and 8% in English
    found = {(pathlib.PurePath(next(d["path"] for d in report["documents"] if d["id"] == c["doc"])).name,
              c["text"], c["value"], c["unit"]) for c in report["claims"]}
    assert found == {
        ("en.txt", "€4.5 million", 4_500_000, "EUR"), ("en.txt", "12", 12, None), ("en.txt", "8%", 8, "%"),
        ("it.md", "4,5 milioni di euro", 4_500_000, "EUR"), ("it.md", "12", 12, None),
        ("vi.html", "4,5 triệu euro", 4_500_000, "EUR"), ("vi.html", "12", 12, None),
    }
    for c in report["claims"]:
        name = pathlib.PurePath(next(d["path"] for d in report["documents"] if d["id"] == c["doc"])).name
        if name != "vi.html":  # txt and md keep the source text, so the offsets index the file itself
            source = (corpus / name).read_text(encoding="utf-8")
            assert source[c["start"]:c["end"]] == c["text"]
            line = source.split("\n")[c["line"] - 1]
            assert line[c["column"] - 1:].startswith(c["text"])


def test_check_on_the_bundled_example(run, tmp_path: pathlib.Path) -> None:
    out = tmp_path / "example.json"
    outcome = run(["check", "examples/launch", "--fail-on", "never", "--json", str(out)], cwd=ROOT)
    _no_traceback(outcome)
    assert outcome.code == 0, outcome.err
    report = json.loads(out.read_text(encoding="utf-8"))
    _check_report_shape(report)
    assert sorted(d["path"] for d in report["documents"]) == [
        "examples/launch/en.md", "examples/launch/it.html", "examples/launch/vi.txt"]
    assert sorted(d["lang"] for d in report["documents"]) == ["en", "it", "vi"]
    assert {d["published"] for d in report["documents"]} == {"2025-03-12"}
    assert "3 documents" in outcome.out


def test_version_and_languages(run) -> None:
    outcome = run(["--version"])
    assert outcome.code == 0 and "0.1.0" in outcome.out
    outcome = run(["languages"])
    assert outcome.code == 0
    assert [line.split()[0] for line in outcome.out.splitlines()] == ["de", "en", "es", "fr", "it", "nl", "pt", "vi"]


# ------------------------------------------------------------------------------ help

COMMANDS = sorted(main.commands)


@pytest.mark.parametrize("command", COMMANDS)
def test_help_mentions_every_option(run, command: str) -> None:
    outcome = run([command, "--help"])
    assert outcome.code == 0
    for param in main.commands[command].params:
        if isinstance(param, click.Option):
            assert param.help, f"{command} {param.opts[0]} has no help text"
            for opt in param.opts:
                assert opt in outcome.out, f"{command} --help does not mention {opt}"
    assert main.commands[command].help.split("\n")[0].strip()[:30] in " ".join(outcome.out.split())


def test_main_help_lists_every_command(run) -> None:
    outcome = run(["--help"])
    assert outcome.code == 0
    for command in COMMANDS:
        assert re.search(rf"^\s+{command}\s", outcome.out, re.M), command


DESIGN_OPTIONS = [
    *[("check", o) for o in ("--json", "--format", "--fail-on", "--lang", "--html", "--sarif", "--junit",
                             "--markdown", "--baseline", "--config")],
    ("extract", "--format"), ("extract", "--lang"),
]


@pytest.mark.parametrize(("command", "option"), DESIGN_OPTIONS)
def test_design_contract_options(command: str, option: str) -> None:
    assert option in _in_process([command, "--help"]).out


# ------------------------------------------------------------------------------ bad input


def _binary(path: pathlib.Path) -> None:
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)


def _control_bytes(path: pathlib.Path) -> None:  # binary with no NUL at all
    path.write_bytes(bytes(range(1, 32)) * 100 + b"\xff\xfe\x80")


def _invalid_utf8(path: pathlib.Path) -> None:
    path.write_bytes(b"The harbour report \xff\xfe\xc3\x28 was \x80\x81\x8d\x8f\x90 garbled in transit.\n")


def _empty(path: pathlib.Path) -> None:
    path.write_bytes(b"")


def _blank(path: pathlib.Path) -> None:
    path.write_bytes(b" \n\n\t \n")


def _nul(path: pathlib.Path) -> None:
    path.write_bytes(b"The port handled\x00 4,200 ships.\n")


def _huge(path: pathlib.Path) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        chunk = "the quay was quiet and the cranes stood still " * 1000
        for _ in range(50 * 1024 * 1024 // len(chunk) + 1):
            fh.write(chunk)


def _missing(path: pathlib.Path) -> None:
    pass


def _no_articles(path: pathlib.Path) -> None:
    path.mkdir()
    (path / "data.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    (path / "image.png").write_bytes(b"\x89PNG\r\n")


BAD = {
    # name: (file name, writer, the problem the message must name)
    "binary": ("photo.txt", _binary, r"binary"),
    "control-bytes": ("noise.txt", _control_bytes, r"binary|control|UTF-8"),
    "invalid-utf8": ("garbled.txt", _invalid_utf8, r"UTF-8"),
    "empty": ("empty.txt", _empty, r"empty"),
    "blank": ("blank.md", _blank, r"empty|no text"),
    "nul-bytes": ("nul.txt", _nul, r"NUL"),
    "50mb-no-newline": ("huge.txt", _huge, r"larger than|MB|size"),
    "missing": ("missing.txt", _missing, r"no such|not found|does not exist"),
    "no-articles": ("folder", _no_articles, r"no articles"),
}


@pytest.fixture(scope="module")
def bad_inputs(tmp_path_factory) -> pathlib.Path:
    """Every bad input once (the 50 MB file is slow to write), each in its own folder."""
    root = tmp_path_factory.mktemp("bad")
    for case, (name, writer, _) in BAD.items():
        (root / case).mkdir()
        writer(root / case / name)
    return root


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_input_extract(run, bad_inputs: pathlib.Path, good: pathlib.Path, case: str) -> None:
    name, _, problem = BAD[case]
    bad = bad_inputs / case / name
    outcome = run(["extract", str(bad), str(good), "--format", "jsonl"])
    _no_traceback(outcome)
    assert outcome.code == 2
    assert len(outcome.err_lines) == 1, outcome.err
    assert name in outcome.err_lines[0] and re.search(problem, outcome.err_lines[0]), outcome.err_lines[0]
    good_claims = [r for r in map(json.loads, outcome.out.splitlines()) if r["path"].endswith("good.txt")]
    assert [r["text"] for r in good_claims] == ["4,200", "35,000"], "the good file was not processed"


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_input_check(run, bad_inputs: pathlib.Path, good: pathlib.Path, tmp_path: pathlib.Path,
                         case: str) -> None:
    name, _, problem = BAD[case]
    bad = bad_inputs / case / name
    out = tmp_path / "out.json"
    outcome = run(["check", str(bad), str(good), "--json", str(out), "--fail-on", "never"])
    _no_traceback(outcome)
    assert outcome.code == 2
    assert len(outcome.err_lines) == 1, outcome.err
    assert name in outcome.err_lines[0] and re.search(problem, outcome.err_lines[0]), outcome.err_lines[0]
    report = json.loads(out.read_text(encoding="utf-8"))
    _check_report_shape(report)
    assert [pathlib.PurePath(e["path"]).name for e in report["errors"]] == [name]
    assert re.search(problem, report["errors"][0]["message"])
    assert report["summary"]["errors"] == 1
    good_doc = [d for d in report["documents"] if d["path"].endswith("good.txt")]
    assert len(good_doc) == 1, "the good file is missing from the report"
    assert [c["text"] for c in report["claims"] if c["doc"] == good_doc[0]["id"]] == ["4,200", "35,000"]


def test_fifty_megabytes_on_one_line_can_be_read_when_allowed(tmp_path: pathlib.Path) -> None:
    filler = "the quay was quiet and the cranes stood still "
    sentence = "The port handled 4,200 ships. "
    count = 50 * 1024 * 1024 // len(filler)
    text = sentence + filler * (count // 2) + sentence + filler * (count - count // 2) + sentence
    path = tmp_path / "one-line.txt"
    path.write_text(text, encoding="utf-8")
    outcome = _in_process(["extract", str(path), "--max-size", "64", "--lang", "en", "--format", "jsonl"])
    assert (outcome.code, outcome.err) == (0, "")
    records = [json.loads(line) for line in outcome.out.splitlines()]
    starts = [0, len(sentence) + len(filler) * (count // 2), len(text) - len(sentence)]
    assert [(r["text"], r["line"], r["column"]) for r in records] == [
        ("4,200", 1, s + len("The port handled ") + 1) for s in starts]


def test_unknown_lang(run, good: pathlib.Path) -> None:
    for command in ("extract", "check"):
        outcome = run([command, str(good), "--lang", "xx"])
        _no_traceback(outcome)
        assert outcome.code == 2
        assert "xx" in outcome.err and "it" in outcome.err, outcome.err  # names the code and the known ones
        assert outcome.out == ""


def test_unknown_lang_is_one_line(good: pathlib.Path) -> None:
    outcome = _subprocess(["extract", str(good), "--lang", "xx"])
    assert len(outcome.err_lines) == 1, outcome.err


def test_missing_path_alone(run, tmp_path: pathlib.Path) -> None:
    outcome = run(["check", str(tmp_path / "nowhere"), "--fail-on", "never"])
    _no_traceback(outcome)
    assert outcome.code == 2
    assert len(outcome.err_lines) == 1 and "nowhere" in outcome.err_lines[0]


def test_bad_published_date_is_a_usage_error(run, good: pathlib.Path) -> None:
    outcome = run(["check", str(good), "--published", "30/10/2021"])
    _no_traceback(outcome)
    assert outcome.code == 2
    assert "30/10/2021" in outcome.err


# ------------------------------------------------------------------------------ check: reports, terminal, CI

ACME = {
    "en.txt": "Acme Rail carried 12,000 passengers on its new Zorvik line in March.\n",
    "it.txt": "Acme Rail ha trasportato 21.000 passeggeri sulla nuova linea Zorvik a marzo.\n",
}


@pytest.fixture
def acme(tmp_path: pathlib.Path) -> pathlib.Path:
    """Two articles naming the same rare company with conflicting figures: one error finding."""
    folder = tmp_path / "acme"
    folder.mkdir()
    for name, text in ACME.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _parse(fmt: str, text: str):
    if fmt in ("json", "sarif"):
        return json.loads(text)
    if fmt == "junit":
        import xml.etree.ElementTree as ET

        return ET.fromstring(text)
    return text


@pytest.mark.parametrize("fmt", ["json", "sarif", "junit", "markdown"])
def test_check_format_on_standard_output(run, acme: pathlib.Path, fmt: str) -> None:
    outcome = run(["check", "acme", "--format", fmt], cwd=acme.parent)
    _no_traceback(outcome)
    assert outcome.code == 1 and outcome.err == "", outcome.err
    parsed = _parse(fmt, outcome.out)
    if fmt == "json":
        assert [f["rule"] for f in parsed["findings"]] == ["conflicting-values"]
    elif fmt == "sarif":
        assert parsed["version"] == "2.1.0" and len(parsed["runs"][0]["results"]) == 1
    elif fmt == "junit":
        assert "conflicting-values" in outcome.out and parsed.tag in ("testsuites", "testsuite")
    else:
        assert "12,000" in parsed and "21.000" in parsed


def test_check_writes_every_report(run, acme: pathlib.Path, tmp_path: pathlib.Path) -> None:
    out = tmp_path / "out"
    names = {"json": "r.json", "html": "r.html", "sarif": "r.sarif", "junit": "r.xml", "markdown": "r.md"}
    args = [a for fmt, name in names.items() for a in (f"--{fmt}", str(out / fmt / name))]
    outcome = run(["check", str(acme), *args, "--fail-on", "never"])
    _no_traceback(outcome)
    assert outcome.code == 0, outcome.err
    for fmt, name in names.items():
        text = (out / fmt / name).read_text(encoding="utf-8")
        _parse(fmt, text)
        assert "12,000" in (json.dumps(json.loads(text), ensure_ascii=False) if fmt == "sarif" else text)
    assert "<html" in (out / "html" / "r.html").read_text(encoding="utf-8").lower()


def test_report_options_without_a_file_write_into_the_report_dir(run, acme: pathlib.Path) -> None:
    outcome = run(["check", "acme", "--fail-on", "never", "--html", "--sarif", "--json", "--junit", "--markdown"],
                  cwd=acme.parent)
    assert outcome.code == 0, outcome.err
    assert sorted(p.name for p in (acme.parent / "reports").iterdir()) == [
        "claimcheck.html", "claimcheck.json", "claimcheck.md", "claimcheck.sarif", "claimcheck.xml"]
    outcome = run(["check", "acme", "--fail-on", "never", "--report-dir", "elsewhere", "--html"], cwd=acme.parent)
    assert outcome.code == 0 and (acme.parent / "elsewhere" / "claimcheck.html").is_file()


def test_an_unwritable_report_is_exit_2_with_one_line(run, acme: pathlib.Path, tmp_path: pathlib.Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    outcome = run(["check", str(acme), "--json", str(blocker / "out.json"), "--fail-on", "never"])
    _no_traceback(outcome)
    assert outcome.code == 2
    assert len(outcome.err_lines) == 1 and "out.json: cannot write the report" in outcome.err_lines[0]


def test_github_annotations_and_job_summary(run, acme: pathlib.Path, tmp_path: pathlib.Path) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("# earlier step\n", encoding="utf-8")
    env = {"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)}
    outcome = run(["check", "acme"], cwd=acme.parent, env=env)
    assert outcome.code == 1, outcome.err
    annotations = [line for line in outcome.out.splitlines() if line.startswith("::")]
    assert len(annotations) == 1 and annotations[0].startswith("::error file=acme/en.txt,line=1,"), annotations
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("# earlier step\n") and "12,000" in text, "the summary is appended"

    # machine-readable standard output stays clean: the annotations go to standard error
    outcome = run(["check", "acme", "--format", "json"], cwd=acme.parent, env=env)
    assert json.loads(outcome.out)["schema"] == "claimcheck/report/v1"
    assert any(line.startswith("::error ") for line in outcome.err_lines)

    # off outside GitHub Actions, and when asked
    assert "::" not in run(["check", "acme"], cwd=acme.parent).out
    assert "::" not in run(["check", "acme", "--no-github"], cwd=acme.parent, env=env).out
    assert "::error" in run(["check", "acme", "--github"], cwd=acme.parent).out


@pytest.mark.parametrize(("args", "env", "coloured"), [
    ([], {}, False),  # not a terminal
    ([], {"FORCE_COLOR": "1"}, True),
    ([], {"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),
    (["--color", "always"], {"NO_COLOR": "1"}, True),
    (["--color", "never"], {"FORCE_COLOR": "1"}, False),
])
def test_colour(run, acme: pathlib.Path, args: list[str], env: dict[str, str], coloured: bool) -> None:
    outcome = run(["check", str(acme), *args], env=env)
    assert outcome.code == 1
    assert ("\033[" in outcome.out) == coloured, outcome.out


def test_no_progress_bar_off_a_terminal(run, acme: pathlib.Path) -> None:
    outcome = run(["check", str(acme), "--fail-on", "never"])
    assert outcome.err == ""
    outcome = run(["check", str(acme), "--fail-on", "never", "--no-progress"])
    assert (outcome.code, outcome.err) == (0, "")


def test_progress_callback_sees_every_stage(acme: pathlib.Path) -> None:
    from claimcheck.run import check as run_check

    seen: list[tuple[str, int, int]] = []
    run_check([str(acme)], progress=lambda stage, done, total: seen.append((stage, done, total)))
    stages = [s for s, _, _ in seen]
    assert stages[0] == "reading" and stages[-1] == "comparing"
    assert [s for i, s in enumerate(stages) if i == 0 or stages[i - 1] != s] == [
        "reading", "extracting", "linking", "comparing"]
    assert ("extracting", 2, 2) in seen and ("comparing", 1, 1) in seen


def test_progress_bar_draws_after_its_delay(capsys) -> None:
    from claimcheck.console import ProgressBar

    with ProgressBar(enabled=True, delay=0.0) as bar:
        for done in range(3):
            bar("extracting", done, 3)
    with ProgressBar(enabled=False, delay=0.0) as bar:
        bar("extracting", 0, 3)
    assert capsys.readouterr().out == ""


class _Stream:
    def __init__(self, tty: bool):
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


@pytest.mark.parametrize(("option", "tty", "env", "expected"), [
    ("auto", True, {}, True), ("auto", False, {}, False), ("auto", True, {"NO_COLOR": "1"}, False),
    ("auto", False, {"FORCE_COLOR": "1"}, True), ("auto", False, {"FORCE_COLOR": "0"}, False),
    ("auto", True, {"TERM": "dumb"}, False), ("always", False, {"NO_COLOR": "1"}, True),
    ("never", True, {"FORCE_COLOR": "1"}, False),
])
def test_use_color(option: str, tty: bool, env: dict[str, str], expected: bool) -> None:
    from claimcheck.console import use_color

    assert use_color(option, _Stream(tty), env) is expected


@pytest.mark.parametrize(("option", "tty", "env", "expected"), [
    (None, True, {}, True), (None, False, {}, False), (None, True, {"CI": "true"}, False),
    (None, True, {"GITHUB_ACTIONS": "true"}, False), (None, True, {"CI": "false"}, True),
    (True, False, {"CI": "1"}, True), (False, True, {}, False),
])
def test_show_progress(option: bool | None, tty: bool, env: dict[str, str], expected: bool) -> None:
    from claimcheck.console import show_progress

    assert show_progress(option, _Stream(tty), env) is expected


def test_on_github() -> None:
    from claimcheck.console import on_github

    assert on_github(None, {"GITHUB_ACTIONS": "true"}) and not on_github(None, {})
    assert on_github(True, {}) and not on_github(False, {"GITHUB_ACTIONS": "true"})
