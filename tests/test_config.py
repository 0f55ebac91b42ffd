"""Configuration: one option table; claimcheck.toml or [tool.claimcheck] found upwards or named with
--config; CLAIMCHECK_<OPTION>; precedence defaults < file < environment < command line; unknown
keys warn; wrong types are exit 2 with one line; `claimcheck config` says where each value came
from."""

from __future__ import annotations

import datetime as dt
import json
import os
import pathlib
import re
import tomllib

import pytest
from test_cli import ROOT, Outcome, _in_process, _no_traceback, _subprocess
from test_gate import write_corpus

from claimcheck import config
from claimcheck.errors import ConfigError


@pytest.fixture(params=["runner", "subprocess"])
def run(request):
    return _in_process if request.param == "runner" else _subprocess


def _toml(folder: pathlib.Path, text: str, name: str = "claimcheck.toml") -> pathlib.Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _effective(outcome: Outcome) -> dict[str, tuple[str, str]]:
    """`claimcheck config` output: option -> (value as written, source)."""
    rows = {}
    for line in outcome.out.splitlines()[1:]:
        m = re.match(r"^(?:# )?([a-z-]+)(?: = (.*?)| is not set(?: \(auto\))?)\s+# (.*)$", line)
        assert m, line
        rows[m.group(1)] = (m.group(2), m.group(3))
    return rows


# ------------------------------------------------------------------------------ the option table


def test_every_option_is_documented() -> None:
    docs = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    for option in config.OPTIONS:
        assert f"`{option.name}`" in docs, f"docs/configuration.md does not describe {option.name}"
        assert option.env in docs, f"docs/configuration.md does not name {option.env}"


def test_keys_are_spelled_like_the_long_options() -> None:
    from claimcheck.cli import cli

    for option in config.OPTIONS:
        if not option.cli:
            continue
        for command in option.commands:
            opts = {o for p in cli.commands[command].params for o in getattr(p, "opts", [])}
            assert f"--{option.name}" in opts, f"{command} has no --{option.name}"


# ------------------------------------------------------------------------------ precedence


def test_precedence_in_the_library(tmp_path: pathlib.Path) -> None:
    path = _toml(tmp_path, 'fail-on = "warning"\nlang = "it"\nmax-size = 8\nformat = "json"\n')
    environ = {"CLAIMCHECK_LANG": "vi", "CLAIMCHECK_MAX_SIZE": "4"}
    conf = config.resolve({"max-size": 2}, config_file=str(path), environ=environ)
    assert conf["format"] == "json" and conf.settings["format"].source.endswith("claimcheck.toml")  # file
    assert conf["fail-on"] == "warning"  # file over default
    assert (conf["lang"], conf.settings["lang"].source) == ("vi", "environment CLAIMCHECK_LANG")  # env over file
    assert (conf["max-size"], conf.settings["max-size"].source) == (2, "command line")  # command line over all
    assert (conf["color"], conf.settings["color"].source) == ("auto", "default")


def test_precedence_through_the_command_line(run, tmp_path: pathlib.Path) -> None:
    _toml(tmp_path, 'fail-on = "warning"\nlang = "it"\nmax-size = 8\nformat = "json"\n')
    outcome = run(["config", "--max-size", "2"], cwd=tmp_path,
                  env={"CLAIMCHECK_LANG": "vi", "CLAIMCHECK_MAX_SIZE": "4"})
    assert outcome.code == 0, outcome.err
    rows = _effective(outcome)
    assert rows["fail-on"] == ('"warning"', "from claimcheck.toml")
    assert rows["format"] == ('"json"', "from claimcheck.toml")
    assert rows["lang"] == ('"vi"', "from environment CLAIMCHECK_LANG")
    assert rows["max-size"] == ("2", "from command line")
    assert rows["color"] == ('"auto"', "default")
    assert rows["baseline"] == (None, "default")
    assert outcome.out.splitlines()[0] == "# config file: claimcheck.toml"


def test_precedence_decides_the_exit_code(run, tmp_path: pathlib.Path) -> None:
    """examples/launch has one warning: the file says fail on warnings, the environment never,
    the command line warnings again."""
    project = tmp_path / "p"
    _toml(project, f'paths = ["{(ROOT / "examples" / "launch").as_posix()}"]\nfail-on = "warning"\n')
    assert run(["check"], cwd=project).code == 1
    assert run(["check"], cwd=project, env={"CLAIMCHECK_FAIL_ON": "never"}).code == 0
    assert run(["check", "--fail-on", "warning"], cwd=project, env={"CLAIMCHECK_FAIL_ON": "never"}).code == 1


def test_config_output_is_toml_that_reads_back(tmp_path: pathlib.Path) -> None:
    _toml(tmp_path, 'fail-on = "note"\ninclude = ["*.md"]\npublished = 2021-10-30\nhtml = true\n')
    outcome = _in_process(["config"], cwd=tmp_path)
    assert outcome.code == 0
    data = tomllib.loads(outcome.out)
    assert data["fail-on"] == "note" and data["include"] == ["*.md"] and data["html"] is True
    assert data["published"] == dt.date(2021, 10, 30)
    assert set(data) <= {o.name for o in config.OPTIONS}


# ------------------------------------------------------------------------------ finding the file


def test_found_upwards_in_pyproject(tmp_path: pathlib.Path) -> None:
    _toml(tmp_path, '[project]\nname = "docs"\n\n[tool.claimcheck]\nfail-on = "never"\n', "pyproject.toml")
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    _toml(tmp_path / "a", '[project]\nname = "inner"\n', "pyproject.toml")  # no table: looked past
    assert config.find_file(deep) == str(tmp_path / "pyproject.toml")
    rows = _effective(_in_process(["config"], cwd=deep))
    assert rows["fail-on"][0] == '"never"'
    assert rows["fail-on"][1] in (f"from {tmp_path / 'pyproject.toml'}", "from ../../pyproject.toml")


def test_claimcheck_toml_wins_over_pyproject_in_the_same_folder(tmp_path: pathlib.Path) -> None:
    _toml(tmp_path, '[tool.claimcheck]\nfail-on = "never"\n', "pyproject.toml")
    _toml(tmp_path, 'fail-on = "note"\n')
    assert config.find_file(tmp_path) == str(tmp_path / "claimcheck.toml")
    assert config.resolve(environ={}, cwd=str(tmp_path))["fail-on"] == "note"


def test_config_option_and_environment_name_the_file(run, tmp_path: pathlib.Path) -> None:
    _toml(tmp_path, 'fail-on = "note"\n')  # found, but not used
    other = _toml(tmp_path / "ci", 'fail-on = "never"\n', "ci.toml")
    assert _effective(run(["config", "--config", str(other)], cwd=tmp_path))["fail-on"][0] == '"never"'
    outcome = run(["config"], cwd=tmp_path, env={"CLAIMCHECK_CONFIG": str(other)})
    assert _effective(outcome)["fail-on"][0] == '"never"'


def test_relative_paths_are_relative_to_the_config_file(tmp_path: pathlib.Path) -> None:
    write_corpus(tmp_path / "articles")
    _toml(tmp_path, 'paths = ["articles"]\nbaseline = "ci/baseline.json"\nreport-dir = "out"\njson = true\n'
                    'sarif = "out/claimcheck.sarif"\nfail-on = "never"\n')
    sub = tmp_path / "docs"
    sub.mkdir()
    old = os.getcwd()
    os.chdir(sub)
    try:
        conf = config.resolve(environ={})
    finally:
        os.chdir(old)
    assert conf["paths"] == (os.path.join("..", "articles"),)
    assert conf["baseline"] == os.path.join("..", "ci", "baseline.json")
    assert conf.report_path("json") == os.path.join("..", "out", "claimcheck.json")
    assert conf.report_path("sarif") == os.path.join("..", "out", "claimcheck.sarif")
    assert conf.report_path("html") is None


def test_paths_from_the_config_and_report_dir(run, tmp_path: pathlib.Path) -> None:
    write_corpus(tmp_path / "articles")
    _toml(tmp_path, 'paths = ["articles"]\nreport-dir = "out"\njson = true\n')
    outcome = run(["check", "--fail-on", "never"], cwd=tmp_path)
    assert outcome.code == 0, outcome.err
    report = json.loads((tmp_path / "out" / "claimcheck.json").read_text(encoding="utf-8"))
    assert sorted(d["path"] for d in report["documents"]) == ["articles/en.txt", "articles/it.txt"]


def test_no_paths_anywhere_is_one_usage_line(run, tmp_path: pathlib.Path) -> None:
    outcome = run(["check"], cwd=tmp_path)
    _no_traceback(outcome)
    assert outcome.code == 2
    assert len(outcome.err_lines) == 1 and "PATHS" in outcome.err_lines[0], outcome.err


# ------------------------------------------------------------------------------ unknown keys and bad values


def test_unknown_keys_warn_with_the_file_name(run, tmp_path: pathlib.Path) -> None:
    write_corpus(tmp_path / "articles")
    _toml(tmp_path, 'fail_on = "never"\nfail-on = "never"\ncolour = "never"\nzzz = 1\n')
    outcome = run(["check", "articles"], cwd=tmp_path)
    assert outcome.code == 0, outcome.err
    warnings = outcome.err_lines
    assert warnings == [
        "claimcheck: warning: claimcheck.toml: unknown key 'fail_on' ignored (did you mean 'fail-on'?)",
        "claimcheck: warning: claimcheck.toml: unknown key 'colour' ignored (did you mean 'color'?)",
        "claimcheck: warning: claimcheck.toml: unknown key 'zzz' ignored",
    ]


def test_unknown_keys_in_pyproject_name_the_table(tmp_path: pathlib.Path) -> None:
    _toml(tmp_path, '[tool.claimcheck]\nfailon = "never"\n', "pyproject.toml")
    outcome = _in_process(["config"], cwd=tmp_path)
    assert outcome.code == 0
    assert outcome.err_lines == ["claimcheck: warning: pyproject.toml [tool.claimcheck]: unknown key 'failon' "
                                 "ignored (did you mean 'fail-on'?)"]


BAD_FILES = {
    # name: (claimcheck.toml content, what the one line must say)
    "not-toml": ('fail-on = "never\n', r"claimcheck\.toml: config file is not valid TOML: .*line 1"),
    "bad-choice": ('fail-on = "fatal"\n', r"claimcheck\.toml: fail-on: expected one of error, warning, note, "
                                          r"never, not 'fatal'"),
    "number-as-text": ('max-size = "big"\n', r"claimcheck\.toml: max-size: expected a whole number, not 'big'"),
    "number-out-of-range": ("max-size = 0\n", r"max-size: 0 is not in the range 1 to 4096"),
    "bool-as-number": ("max-size = true\n", r"max-size: expected a whole number"),
    "unknown-lang": ('lang = "xx"\n', r"claimcheck\.toml: lang: .*xx"),
    "bad-date": ('published = "yesterday"\n', r"published: expected a date like 2021-10-30, not 'yesterday'"),
    "list-of-numbers": ("include = [1, 2]\n", r"include: expected a list of strings"),
    "switch-as-text": ('progress = "sometimes"\n', r"progress: expected true or false"),
    "report-as-number": ("html = 3\n", r"html: expected a file name or true"),
    "not-utf8": (b"fail-on = \"\xff\"\n", r"not UTF-8"),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_a_broken_config_is_exit_2_with_one_line(run, case: str, tmp_path: pathlib.Path) -> None:
    content, problem = BAD_FILES[case]
    write_corpus(tmp_path / "articles")
    if isinstance(content, bytes):
        (tmp_path / "claimcheck.toml").write_bytes(content)
    else:
        _toml(tmp_path, content)
    outcome = run(["check", "articles", "--json", "out.json"], cwd=tmp_path)
    _no_traceback(outcome)
    assert outcome.code == 2
    assert len(outcome.err_lines) == 1, outcome.err
    assert outcome.err_lines[0].startswith("claimcheck: error: ")
    assert re.search(problem, outcome.err_lines[0]), outcome.err_lines[0]
    assert outcome.out == "" and not (tmp_path / "out.json").exists()


@pytest.mark.parametrize(("variable", "value", "problem"), [
    ("CLAIMCHECK_FAIL_ON", "fatal", r"environment CLAIMCHECK_FAIL_ON: expected one of"),
    ("CLAIMCHECK_MAX_SIZE", "12MB", r"environment CLAIMCHECK_MAX_SIZE: expected a whole number"),
    ("CLAIMCHECK_PROGRESS", "maybe", r"environment CLAIMCHECK_PROGRESS: expected true or false"),
    ("CLAIMCHECK_CONFIG", "nowhere.toml", r"nowhere\.toml: cannot read the config file: no such file"),
])
def test_a_bad_environment_variable_is_exit_2_with_one_line(run, tmp_path: pathlib.Path, variable: str,
                                                            value: str, problem: str) -> None:
    write_corpus(tmp_path / "articles")
    outcome = run(["check", "articles"], cwd=tmp_path, env={variable: value})
    _no_traceback(outcome)
    assert outcome.code == 2
    assert len(outcome.err_lines) == 1 and re.search(problem, outcome.err_lines[0]), outcome.err


def test_a_missing_config_option_file_is_exit_2(run, tmp_path: pathlib.Path) -> None:
    outcome = run(["check", "x", "--config", str(tmp_path / "nope.toml")], cwd=tmp_path)
    assert outcome.code == 2
    assert len(outcome.err_lines) == 1 and "nope.toml: cannot read the config file" in outcome.err_lines[0]


def test_a_pyproject_without_the_table_named_explicitly_is_an_error(tmp_path: pathlib.Path) -> None:
    path = _toml(tmp_path, '[project]\nname = "x"\n', "pyproject.toml")
    with pytest.raises(ConfigError, match=r"no \[tool\.claimcheck\] table"):
        config.resolve(config_file=str(path), environ={})


def test_empty_environment_variables_count_as_unset() -> None:
    conf = config.resolve(environ={"CLAIMCHECK_FAIL_ON": "", "CLAIMCHECK_LANG": "  "}, cwd="/")
    assert conf.settings["fail-on"].source == "default" and conf["lang"] is None


@pytest.mark.parametrize(("raw", "expected"), [("true", True), ("1", True), ("no", False), ("auto", None)])
def test_switches_from_the_environment(raw: str, expected: bool | None) -> None:
    assert config.resolve(environ={"CLAIMCHECK_PROGRESS": raw}, cwd="/")["progress"] is expected


@pytest.mark.parametrize(("raw", "expected"), [
    ("true", "reports/claimcheck.html"), ("false", None), ("out/page.html", "out/page.html")])
def test_reports_from_the_environment(raw: str, expected: str | None) -> None:
    conf = config.resolve(environ={"CLAIMCHECK_HTML": raw}, cwd="/")
    assert conf.report_path("html") == (expected and expected.replace("/", os.sep))


def test_lists_from_the_environment() -> None:
    conf = config.resolve(environ={"CLAIMCHECK_INCLUDE": "*.md, *.rst"}, cwd="/")
    assert conf["include"] == ("*.md", "*.rst")
