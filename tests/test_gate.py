"""The gate: the one pure function behind the exit code of `check`, and the exit codes the command
line really returns for each --fail-on (CliRunner and a real subprocess)."""

from __future__ import annotations

import pathlib

import pytest
from test_cli import ROOT, _in_process, _no_traceback, _subprocess

from claimcheck import gate
from claimcheck.errors import UsageError
from claimcheck.model import Finding, InputProblem, Report, Severity, Verdict

# Two short articles naming the same rare company with a conflicting figure: one error finding.
ACME = {
    "en.txt": "Acme Rail carried 12,000 passengers on its new Zorvik line in March.\n\n"
              "The company also opened two new stations.\n",
    "it.txt": "Acme Rail ha trasportato 21.000 passeggeri sulla nuova linea Zorvik a marzo.\n\n"
              "La società ha anche aperto due nuove stazioni.\n",
}


def write_corpus(folder: pathlib.Path, files: dict[str, str] = ACME) -> pathlib.Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _finding(severity: str, n: int = 1) -> Finding:
    verdict = {"error": Verdict.CONFLICT, "warning": Verdict.DIVERGENT, "note": Verdict.SCOPE_DIFFERS}[severity]
    return Finding(id=f"f{n}", rule="r", verdict=verdict, severity=Severity(severity), topic="t1", claims=(),
                   confidence=0.9, message="m", fingerprint=f"fp{n}")


def _report(*severities: str, errors: int = 0, suppressed: tuple[str, ...] = (),
            baselined: tuple[str, ...] = ()) -> Report:
    return Report(
        documents=(), claims=(), findings=tuple(_finding(s, n) for n, s in enumerate(severities, 1)),
        errors=tuple(InputProblem(f"bad{i}.txt", "binary file") for i in range(errors)),
        suppressed=tuple(_finding(s) for s in suppressed), baselined=tuple(_finding(s) for s in baselined),
    )


# worst finding of the run -> exit code for each --fail-on (error, warning, note, never)
TABLE = {
    None: (0, 0, 0, 0),
    "note": (0, 0, 1, 0),
    "warning": (0, 1, 1, 0),
    "error": (1, 1, 1, 0),
}


@pytest.mark.parametrize("worst", list(TABLE), ids=lambda w: f"worst-{w}")
@pytest.mark.parametrize("fail_on", gate.CHOICES)
def test_exit_code_table(worst: str | None, fail_on: str) -> None:
    severities = {"error": ("note", "error", "warning"), "warning": ("warning", "note"), "note": ("note",),
                  None: ()}[worst]
    expected = TABLE[worst][gate.CHOICES.index(fail_on)]
    assert gate.exit_code(_report(*severities), fail_on) == expected


@pytest.mark.parametrize("fail_on", gate.CHOICES)
def test_unreadable_input_is_exit_2_whatever_the_findings(fail_on: str) -> None:
    assert gate.exit_code(_report(errors=1), fail_on) == 2
    assert gate.exit_code(_report("error", errors=1), fail_on) == 2


def test_suppressed_and_baselined_findings_never_fail() -> None:
    report = _report(suppressed=("error",), baselined=("error", "warning"))
    assert gate.exit_code(report, "note") == 0
    assert gate.failing(report, "note") == []


def test_failing_lists_the_findings_that_reach_the_threshold() -> None:
    report = _report("note", "warning", "error")
    assert [str(f.severity) for f in gate.failing(report, "warning")] == ["warning", "error"]
    assert gate.failing(report, "never") == []


def test_the_default_is_error() -> None:
    assert gate.exit_code(_report("warning")) == 0
    assert gate.exit_code(_report("error")) == 1


def test_unknown_fail_on_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="fatal"):
        gate.exit_code(_report("error"), "fatal")


# ------------------------------------------------------------------------------ through the command line

EXPECTED = {
    # corpus: (exit code for error, warning, note, never)
    "acme": (1, 1, 1, 0),  # one conflicting-values error
    "launch": (0, 1, 1, 0),  # examples/launch: one planted divergent-values warning
}


@pytest.fixture(scope="module")
def acme(tmp_path_factory) -> pathlib.Path:
    return write_corpus(tmp_path_factory.mktemp("gate") / "acme")


@pytest.mark.parametrize("runner", ["runner", "subprocess"])
@pytest.mark.parametrize("corpus", sorted(EXPECTED))
@pytest.mark.parametrize("fail_on", gate.CHOICES)
def test_fail_on_exit_codes(runner: str, corpus: str, fail_on: str, acme: pathlib.Path) -> None:
    run = _in_process if runner == "runner" else _subprocess
    path = str(acme) if corpus == "acme" else "examples/launch"
    outcome = run(["check", path, "--fail-on", fail_on], cwd=ROOT)
    _no_traceback(outcome)
    assert outcome.code == EXPECTED[corpus][gate.CHOICES.index(fail_on)], outcome.out + outcome.err
    assert outcome.err == ""


def test_fail_on_rejects_an_unknown_level(acme: pathlib.Path) -> None:
    for run in (_in_process, _subprocess):
        outcome = run(["check", str(acme), "--fail-on", "fatal"])
        _no_traceback(outcome)
        assert outcome.code == 2
    assert len(outcome.err_lines) == 1 and "fatal" in outcome.err_lines[0], outcome.err
