"""One table of options, read from four places: defaults < config file < environment < command line.

The config file is `claimcheck.toml` (keys at the top level) or the `[tool.claimcheck]` table of
`pyproject.toml`, found in the working folder or the nearest folder above it that has one, or
named with `--config FILE` (or CLAIMCHECK_CONFIG).  Keys are spelled like the long options
(`fail-on`, `lang`, `baseline`, `html`, ...); unknown keys are warned about, values of the wrong
type are errors.  Every option can also be set in the environment as CLAIMCHECK_<OPTION>
(`CLAIMCHECK_FAIL_ON=warning`).  Relative paths in a config file are relative to its folder.

docs/configuration.md describes every option; `claimcheck config` prints the effective values
and where each one came from.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .documents.reading import DEFAULT_PATTERNS
from .errors import ConfigError, UnknownLanguageError

CONFIG_FILES = ("claimcheck.toml", "pyproject.toml")
ENV_PREFIX = "CLAIMCHECK_"
CONFIG_ENV = "CLAIMCHECK_CONFIG"
DEFAULT = "default"
COMMAND_LINE = "command line"
# the value of a report option given without a file name: write it into report-dir
IN_REPORT_DIR = "\0report-dir"
REPORT_EXTENSIONS = {"json": "json", "html": "html", "sarif": "sarif", "junit": "xml", "markdown": "md"}


@dataclass(frozen=True)
class Option:
    """One option: its long name (also its config key), the kind of value, default and help.

    Kinds: "choice", "int", "str", "path", "report" (a file name, or true for one in report-dir),
    "paths" and "list" (lists of strings), "lang", "date", "switch" (true, false or unset = auto),
    "model" (a semantic model: a folder, relative to a config file like a path, or BACKEND:NAME).
    """

    name: str
    kind: str
    default: Any
    help: str
    commands: tuple[str, ...] = ("check",)
    choices: tuple[str, ...] = ()
    low: int = 0
    high: int = 0
    metavar: str = ""
    cli: bool = True  # False: config file and environment only (paths)

    @property
    def env(self) -> str:
        return ENV_PREFIX + self.name.upper().replace("-", "_")

    @property
    def dest(self) -> str:
        return self.name.replace("-", "_")


ANALYSIS = ("check", "baseline", "extract")
OPTIONS: tuple[Option, ...] = (
    Option("paths", "paths", (), "Files and folders to check when the command line names none.",
           commands=("check", "baseline"), cli=False),
    Option("fail-on", "choice", "error", "Exit 1 when a finding of this severity or worse is reported.",
           choices=("error", "warning", "note", "never")),
    Option("format", "choice", "text", "What to print on standard output.",
           choices=("text", "json", "sarif", "junit", "markdown")),
    Option("json", "report", None, "Write the JSON report to FILE (alone: into --report-dir).", metavar="FILE"),
    Option("html", "report", None, "Write the HTML report to FILE (alone: into --report-dir).", metavar="FILE"),
    Option("sarif", "report", None, "Write a SARIF 2.1.0 log to FILE (alone: into --report-dir).", metavar="FILE"),
    Option("junit", "report", None, "Write a JUnit XML report to FILE (alone: into --report-dir).", metavar="FILE"),
    Option("markdown", "report", None, "Write a Markdown summary to FILE (alone: into --report-dir).",
           metavar="FILE"),
    Option("report-dir", "path", "reports", "Folder for reports asked for without a file name "
           "(claimcheck.json, claimcheck.html, ...).", metavar="DIR"),
    Option("baseline", "path", None, "Accept the findings recorded in this baseline file; report only new ones.",
           metavar="FILE"),
    Option("lang", "lang", None, "Language of every input (ISO 639-1: it, en, vi, es, fr, de, pt, nl); "
           "detected per file when omitted.", commands=ANALYSIS, metavar="CODE"),
    Option("published", "date", None, "Publication date (YYYY-MM-DD) for every input; resolves 'this year'. "
           "Found in the text when omitted.", commands=ANALYSIS, metavar="DATE"),
    Option("include", "list", DEFAULT_PATTERNS, "File name pattern of the articles in folders (repeatable).",
           commands=ANALYSIS, metavar="GLOB"),
    Option("max-size", "int", 16, "Skip (with an error) files larger than this.", commands=ANALYSIS,
           low=1, high=4096, metavar="MB"),
    Option("encoding", "str", None, "Read every file with this encoding instead of UTF-8 with detection.",
           commands=ANALYSIS, metavar="NAME"),
    Option("semantic", "model", None, "Also link claims by the meaning of their sentences, with a multilingual "
           "sentence embedding: MODEL is a local model2vec model folder, model2vec:NAME or "
           "sentence-transformers:NAME_OR_PATH (a NAME is downloaded once).  Off by default; needs "
           "pip install 'claimcheck[semantic]'.", commands=("check", "baseline"), metavar="MODEL"),
    Option("color", "choice", "auto", "Colour the text report: auto (on a terminal, unless NO_COLOR is set; "
           "FORCE_COLOR forces it), always or never.", choices=("auto", "always", "never")),
    Option("progress", "switch", None, "Show a progress bar on standard error (default: on a terminal, "
           "outside CI, for runs longer than a moment).", commands=("check", "baseline")),
    Option("github", "switch", None, "Print GitHub Actions annotations and append a Markdown summary to "
           "$GITHUB_STEP_SUMMARY (default: when GITHUB_ACTIONS=true)."),
)
BY_NAME = {o.name: o for o in OPTIONS}
REPORTS = tuple(REPORT_EXTENSIONS)


@dataclass(frozen=True)
class Setting:
    value: Any
    source: str  # "default", a config file's path, "environment CLAIMCHECK_X", "command line"


@dataclass(frozen=True)
class Config:
    """The effective value of every option and where it came from."""

    settings: Mapping[str, Setting]
    file: str | None = None
    warnings: tuple[str, ...] = ()

    def __getitem__(self, name: str) -> Any:
        return self.settings[name].value

    def report_path(self, fmt: str) -> str | None:
        """Where the `fmt` report goes, or None when it was not asked for."""
        value = self[fmt]
        if value is None or value is False:
            return None
        if value is True or value == IN_REPORT_DIR:
            return os.path.join(self["report-dir"], f"claimcheck.{REPORT_EXTENSIONS[fmt]}")
        return value


def find_file(start: str | os.PathLike | None = None) -> str | None:
    """claimcheck.toml, or a pyproject.toml with a [tool.claimcheck] table, in `start` or the
    nearest folder above it."""
    folder = os.path.abspath(start or os.getcwd())
    while True:
        for name in CONFIG_FILES:
            candidate = os.path.join(folder, name)
            if os.path.isfile(candidate) and (name != "pyproject.toml" or _has_tool_table(candidate)):
                return candidate
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def _has_tool_table(path: str) -> bool:
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError:
        return False
    if b"claimcheck" not in data:
        return False
    try:
        return "claimcheck" in tomllib.loads(data.decode("utf-8")).get("tool", {})
    except (tomllib.TOMLDecodeError, UnicodeDecodeError):
        return True  # let read_file say what is wrong with it


def read_file(path: str) -> tuple[dict[str, Any], list[str]]:
    """The typed values of a config file and warnings about its unknown keys; ConfigError when
    it cannot be read, is not TOML, or holds a value of the wrong type."""
    shown = _shown(path)
    try:
        with open(path, "rb") as fh:
            raw = fh.read()
    except IsADirectoryError:
        raise ConfigError(f"{shown}: cannot read the config file: it is a folder") from None
    except OSError as e:
        raise ConfigError(f"{shown}: cannot read the config file: {(e.strerror or str(e)).lower()}") from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as e:
        raise ConfigError(f"{shown}: config file is not UTF-8 text (byte {raw[e.start]:#04x} at offset {e.start})"
                          ) from None
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{shown}: config file is not valid TOML: {str(e).splitlines()[0]}") from None
    if os.path.basename(path) == "pyproject.toml":
        table = data.get("tool", {}).get("claimcheck")
        if table is None:
            raise ConfigError(f"{shown}: no [tool.claimcheck] table in this pyproject.toml")
        where = f"{shown} [tool.claimcheck]"
    else:
        table, where = data, shown
    if not isinstance(table, dict):
        raise ConfigError(f"{where}: expected a table of options")
    values: dict[str, Any] = {}
    warnings: list[str] = []
    base = os.path.dirname(os.path.abspath(path))
    for key, value in table.items():
        option = BY_NAME.get(key)
        if option is None:
            close = difflib.get_close_matches(key.replace("_", "-"), list(BY_NAME), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            warnings.append(f"{where}: unknown key '{key}' ignored{hint}")
            continue
        values[key] = _relative_to(base, option, convert(option, value, f"{where}: {key}"))
    return values, warnings


def from_environment(environ: Mapping[str, str]) -> dict[str, tuple[Any, str]]:
    """Options set as CLAIMCHECK_<OPTION> (an empty variable counts as unset)."""
    found: dict[str, tuple[Any, str]] = {}
    for option in OPTIONS:
        raw = environ.get(option.env, "")
        if raw.strip():
            found[option.name] = (convert(option, raw, f"environment {option.env}", text=True),
                                  f"environment {option.env}")
    return found


def resolve(command_line: Mapping[str, Any] | None = None, config_file: str | None = None,
            environ: Mapping[str, str] | None = None, cwd: str | None = None) -> Config:
    """The effective configuration.  `command_line` holds only the options given on the command
    line (already checked by click), by option name; `config_file` is --config when given."""
    environ = os.environ if environ is None else environ
    settings = {o.name: Setting(o.default, DEFAULT) for o in OPTIONS}
    path = config_file or environ.get(CONFIG_ENV) or find_file(cwd)
    warnings: list[str] = []
    if path:
        values, warnings = read_file(path)
        shown = _shown(path)
        settings.update({name: Setting(value, shown) for name, value in values.items()})
    for name, (value, source) in from_environment(environ).items():
        settings[name] = Setting(value, source)
    for name, value in (command_line or {}).items():
        settings[name] = Setting(value, COMMAND_LINE)
    return Config(settings=settings, file=_shown(path) if path else None, warnings=tuple(warnings))


_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def convert(option: Option, value: Any, where: str, text: bool = False) -> Any:
    """`value` checked and converted for `option`; `text` when it comes from the environment."""
    kind = option.kind
    if kind == "switch":
        if text and value.strip().lower() in _TRUE | _FALSE | {"auto"}:
            word = value.strip().lower()
            return None if word == "auto" else word in _TRUE
        if isinstance(value, bool):
            return value
        raise ConfigError(f"{where}: expected true or false, not {value!r}")
    if kind == "report":
        if text:
            word = value.strip()
            return True if word.lower() in _TRUE else None if word.lower() in _FALSE else word
        if isinstance(value, bool):
            return value or None
        if isinstance(value, str) and value.strip():
            return value
        raise ConfigError(f"{where}: expected a file name or true, not {value!r}")
    if kind in ("paths", "list"):
        if text:
            return tuple(part.strip() for part in value.split(",") if part.strip())
        if isinstance(value, str):
            value = [value]
        if isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value):
            return tuple(value)
        raise ConfigError(f"{where}: expected a list of strings, not {value!r}")
    if kind == "int":
        if text:
            try:
                value = int(value.strip())
            except ValueError:
                raise ConfigError(f"{where}: expected a whole number, not {value!r}") from None
        if isinstance(value, bool) or not isinstance(value, int):
            raise ConfigError(f"{where}: expected a whole number, not {value!r}")
        if not option.low <= value <= option.high:
            raise ConfigError(f"{where}: {value} is not in the range {option.low} to {option.high}")
        return value
    if kind == "date":
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value.strip())
            except ValueError:
                pass
        raise ConfigError(f"{where}: expected a date like 2021-10-30, not {value!r}")
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{where}: expected a string, not {value!r}")
    value = value.strip()
    if kind == "choice" and value not in option.choices:
        raise ConfigError(f"{where}: expected one of {', '.join(option.choices)}, not {value!r}")
    if kind == "lang":
        from . import lang

        try:
            return lang.get(value).code
        except UnknownLanguageError as e:
            raise ConfigError(f"{where}: {e}") from None
    return value


def _relative_to(base: str, option: Option, value: Any) -> Any:
    """Relative paths of a config file, made relative to its folder."""
    if option.kind in ("path", "report") and isinstance(value, str):
        return _join(base, value)
    if option.kind == "model" and isinstance(value, str):
        from .graph.semantic import split_spec

        return value if split_spec(value)[0] else _join(base, value)
    if option.kind == "paths":
        return tuple(_join(base, v) for v in value)
    return value


def _join(base: str, path: str) -> str:
    full = os.path.normpath(os.path.join(base, os.path.expanduser(path)))
    try:
        rel = os.path.relpath(full)
    except ValueError:  # another drive
        return full
    return rel


def _shown(path: str) -> str:
    """A path as the user would write it: relative to the working folder when below it."""
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return path
    return path if rel.startswith("..") else rel


def describe(config: Config, command: str = "check") -> str:
    """The effective configuration as TOML, each value followed by where it came from."""
    rows: list[tuple[str, str]] = []
    for option in OPTIONS:
        if command not in option.commands:
            continue
        setting = config.settings[option.name]
        value = setting.value
        if option.kind == "report" and value == IN_REPORT_DIR:
            value = True
        auto = " (auto)" if option.kind == "switch" else ""
        line = f"# {option.name} is not set{auto}" if value is None else f"{option.name} = {_toml(value)}"
        source = f"from {setting.source}" if setting.source != DEFAULT else "default"
        rows.append((line, source))
    width = max(len(line) for line, _ in rows)
    head = f"# config file: {config.file}" if config.file else "# no config file (claimcheck.toml or " \
        "[tool.claimcheck] in pyproject.toml) found"
    return "\n".join([head, *(f"{line:<{width}}  # {source}" for line, source in rows)]) + "\n"


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (tuple, list)):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    text = str(value).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{text}"'
