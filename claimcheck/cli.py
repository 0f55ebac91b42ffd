"""The command line: parse options, call the library, map the outcome to an exit code.

Exit codes of `check`: 0 no finding reaches --fail-on, 1 one does, 2 usage, configuration or
input error (reports are still written for the readable inputs).

The options of every command come from the one table in claimcheck/config.py, and their values
from defaults < config file < environment (CLAIMCHECK_<OPTION>) < command line.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Callable
from typing import Any

import click

EXIT_OK, EXIT_FAILED, EXIT_ERROR = 0, 1, 2


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date like 2021-10-30") from None


def _lang(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    from . import lang
    from .errors import UnknownLanguageError

    try:
        return lang.get(value).code
    except UnknownLanguageError as e:
        raise click.BadParameter(str(e)) from None


def _fail(message: str) -> None:
    click.echo(f"claimcheck: error: {message}", err=True)


def _warn(message: str) -> None:
    click.echo(f"claimcheck: warning: {message}", err=True)


def _note(message: str) -> None:
    click.echo(f"claimcheck: note: {message}", err=True)


class _Group(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        from .errors import ClaimcheckError

        try:
            return super().invoke(ctx)
        except ClaimcheckError as e:
            _fail(str(e))
            ctx.exit(EXIT_ERROR)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
            raise
        except KeyboardInterrupt:
            _fail("interrupted")
            ctx.exit(130)
        except Exception as e:  # never a traceback for users; CLAIMCHECK_DEBUG=1 shows one
            if os.environ.get("CLAIMCHECK_DEBUG"):
                raise
            _fail(f"internal error: {type(e).__name__}: {e} (set CLAIMCHECK_DEBUG=1 for details)")
            ctx.exit(EXIT_ERROR)


def _options(command: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """The click options of `command`, made from the option table in claimcheck/config.py; every
    value defaults to None here so that only what the command line says overrides the rest."""
    from . import config

    def option(o: config.Option) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        shown = ", ".join(o.default) if isinstance(o.default, tuple) else o.default
        text = o.help + (f"  [default: {shown}]" if o.default not in (None, ()) else "")
        attrs: dict[str, Any] = {"help": text, "default": None, "metavar": o.metavar or None}
        declaration = f"--{o.name}"
        if o.kind == "choice":
            attrs.update(type=click.Choice(o.choices), metavar=None)
        elif o.kind == "int":
            attrs["type"] = click.IntRange(o.low, o.high)
        elif o.kind == "report":
            attrs.update(is_flag=False, flag_value=config.IN_REPORT_DIR)
        elif o.kind == "lang":
            attrs["callback"] = _lang
        elif o.kind == "date":
            attrs["callback"] = _date
        elif o.kind == "list":
            attrs.update(multiple=True, default=())
        elif o.kind == "switch":
            declaration = f"--{o.name}/--no-{o.name}"
            del attrs["metavar"]
        return click.option(declaration, o.dest, **attrs)

    def decorate(f: Callable[..., Any]) -> Callable[..., Any]:
        for o in reversed([o for o in config.OPTIONS if command in o.commands and o.cli]):
            f = option(o)(f)
        return click.option("--config", "config_file", metavar="FILE",
                            help="Read options from this TOML file instead of the claimcheck.toml or pyproject.toml "
                                 "[tool.claimcheck] found in this folder or above (also CLAIMCHECK_CONFIG).")(f)

    return decorate


def _configure(ctx: click.Context, command: str) -> Any:
    """The effective configuration: what the command line says, over the environment, over the
    config file, over the defaults.  Warnings about the config file are printed here."""
    from click.core import ParameterSource

    from . import config

    given = {o.name: ctx.params[o.dest] for o in config.OPTIONS
             if command in o.commands and o.cli and ctx.get_parameter_source(o.dest) == ParameterSource.COMMANDLINE}
    conf = config.resolve(given, config_file=ctx.params.get("config_file"))
    for warning in conf.warnings:
        _warn(warning)
    return conf


def _paths(paths: tuple[str, ...], conf: Any) -> list[str]:
    from .errors import UsageError

    chosen = list(paths) or list(conf["paths"])
    if not chosen:
        raise UsageError("no PATHS to check: name files or folders, or set paths in claimcheck.toml")
    return chosen


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="claimcheck", prog_name="claimcheck")
def cli() -> None:
    """Find numbers that disagree across articles, in several languages.

    \b
    claimcheck extract article.md              list the numeric claims of a file
    claimcheck check drafts/ --json out.json   compare every article under drafts/
    claimcheck baseline drafts/                accept today's findings; check reports only new ones
    claimcheck config                          the effective options and where they came from
    claimcheck languages                       the languages claimcheck reads
    """


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["jsonl", "json", "text"]), default="text", show_default=True,
              help="jsonl: one claim per line; json: one report object; text: one readable line per claim.")
@_options("extract")
@click.pass_context
def extract(ctx: click.Context, paths: tuple[str, ...], fmt: str, **_: Any) -> None:
    """List the numeric claims of articles (files, folders, or - for standard input).

    Each claim has its value with scale words applied, kind, unit (ISO 4217 for money), qualifier
    and its exact citation: file, line, column and the quoted sentence.

    \b
    claimcheck extract press/it.html
    claimcheck extract drafts/ --format jsonl > claims.jsonl
    echo "più di 1.200 punti di ricarica" | claimcheck extract - --lang it
    """
    from .report import claims as claims_output
    from .run import CheckOptions, extract_paths

    conf = _configure(ctx, "extract")
    report = extract_paths(list(paths), CheckOptions.from_config(conf))
    click.echo(claims_output.render(report, fmt), nl=False)
    for problem in report.warnings:
        _warn(str(problem))
    for problem in report.errors:
        _fail(str(problem))
    sys.exit(EXIT_ERROR if report.errors else EXIT_OK)


@cli.command()
@click.argument("paths", nargs=-1)
@_options("check")
@click.pass_context
def check(ctx: click.Context, paths: tuple[str, ...], **_: Any) -> None:
    """Compare the numeric claims of articles and report the ones that disagree.

    PATHS are files and folders (.txt, .md, .markdown, .html, .htm, searched recursively) or -
    for standard input; without PATHS, the paths of the config file.  Exit code: 0 when no finding
    reaches --fail-on, 1 when one does, 2 when an input, the config or the baseline could not be
    read or an option is wrong (reports are still written for the inputs that were read).

    Report options given without a file name (--html alone) write into --report-dir.  Findings
    silenced by a <!-- claimcheck: ignore RULE reason="..." --> comment, or accepted by --baseline,
    never fail the run.

    \b
    claimcheck check drafts/
    claimcheck check drafts/ --json reports/claimcheck.json --fail-on warning
    claimcheck check docs/ --sarif claimcheck.sarif --baseline claimcheck-baseline.json
    """
    from . import console, gate, outputs
    from .run import CheckOptions
    from .run import check as run_check
    from .suppress import baseline as baseline_mod

    conf = _configure(ctx, "check")
    chosen = _paths(paths, conf)
    accepted = baseline_mod.load(conf["baseline"]) if conf["baseline"] else None
    with console.ProgressBar(console.show_progress(conf["progress"], sys.stderr)) as bar:
        report = run_check(chosen, CheckOptions.from_config(conf, accepted), bar)
    for fmt in ("json", "html", "sarif", "junit", "markdown"):
        target = conf.report_path(fmt)
        if target:
            outputs.write(target, outputs.render(fmt, report))
    fmt = conf["format"]
    color = console.use_color(conf["color"], sys.stdout)
    click.echo(outputs.render(fmt, report, color), nl=False, color=color)  # click strips colour off a terminal
    if console.on_github(conf["github"]):
        _github(report, to_stdout=fmt == "text")
    if report.suppressed:
        _note(f"{len(report.suppressed)} finding(s) silenced by claimcheck comments in the articles")
    if accepted is not None:
        stale = f"; {len(report.stale)} stale entr{'y' if len(report.stale) == 1 else 'ies'} matched no finding " \
            "(rewrite it with 'claimcheck baseline')" if report.stale else ""
        _note(f"{accepted.path}: {len(report.baselined)} finding(s) accepted by the baseline, "
              f"{len(report.findings)} new{stale}")
    for problem in report.warnings:
        _warn(str(problem))
    for problem in report.errors:
        _fail(str(problem))
    sys.exit(gate.exit_code(report, conf["fail-on"]))


def _github(report: Any, to_stdout: bool) -> None:
    """Annotations for GitHub Actions (on standard output, unless that holds a machine-readable
    report), and the Markdown report appended to the job summary."""
    from . import outputs
    from .errors import ClaimcheckError

    try:
        annotations = outputs.render("github", report)
        click.echo(annotations, nl=False, err=not to_stdout)
        summary = os.environ.get("GITHUB_STEP_SUMMARY")
        if summary:
            outputs.append_step_summary(report, summary)
    except ClaimcheckError as e:
        _warn(f"GitHub Actions output skipped: {e}")


@cli.command()
@click.argument("paths", nargs=-1)
@click.option("--output", "-o", metavar="FILE",
              help="Write the baseline here.  [default: the configured baseline, else claimcheck-baseline.json]")
@_options("baseline")
@click.pass_context
def baseline(ctx: click.Context, paths: tuple[str, ...], output: str | None, **_: Any) -> None:
    """Write a baseline: the findings of today, accepted, so that `check --baseline FILE` reports
    only new ones.

    Findings are matched by fingerprint (rule, topic, document paths and values, never line
    numbers), so the baseline survives edits elsewhere and moved lines; run check from the same
    folder as baseline.  The file (schema claimcheck/baseline/v1) is sorted JSON, meant to be
    committed and reviewed.  Findings silenced by comments in the articles are left out.  Nothing
    is written when an input cannot be read.

    \b
    claimcheck baseline docs/
    claimcheck check docs/ --baseline claimcheck-baseline.json
    """
    from . import console
    from .run import CheckOptions
    from .run import check as run_check
    from .suppress import baseline as baseline_mod

    conf = _configure(ctx, "baseline")
    chosen = _paths(paths, conf)
    target = output or conf["baseline"] or baseline_mod.DEFAULT_FILE
    with console.ProgressBar(console.show_progress(conf["progress"], sys.stderr)) as bar:
        report = run_check(chosen, CheckOptions.from_config(conf), bar)
    for problem in report.warnings:
        _warn(str(problem))
    for problem in report.errors:
        _fail(str(problem))
    if report.errors:
        _fail(f"baseline not written: {len(report.errors)} input(s) could not be read")
        sys.exit(EXIT_ERROR)
    count = baseline_mod.write(report, target)
    click.echo(f"{target}: {count} finding(s) accepted")
    sys.exit(EXIT_OK)


@cli.command("config")
@_options("check")
@click.pass_context
def config_command(ctx: click.Context, **_: Any) -> None:
    """Print the effective options of `check` as TOML, each with where its value came from:
    default, the config file, the environment (CLAIMCHECK_<OPTION>) or the command line.

    \b
    claimcheck config
    CLAIMCHECK_FAIL_ON=warning claimcheck config --lang it
    """
    from . import config

    conf = _configure(ctx, "check")
    click.echo(config.describe(conf), nl=False)


@cli.command()
def languages() -> None:
    """List the languages claimcheck reads, with their number format."""
    from . import lang

    for code in lang.available():
        language = lang.get(code)
        click.echo(f"{code}  {language.name:<12} decimal {language.decimal!r}  group {language.group!r}")


def main(args: list[str] | None = None) -> None:
    """The console script: usage errors as one line (exit 2), everything else as click runs it."""
    try:
        code = cli.main(args=args, prog_name="claimcheck", standalone_mode=False)
    except click.UsageError as e:
        if type(e).__name__ == "NoArgsIsHelpError":  # bare "claimcheck": show the help
            click.echo(e.ctx.get_help() if e.ctx else str(e))
            sys.exit(EXIT_ERROR)
        where = f" (try 'claimcheck {e.ctx.command_path.split(' ', 1)[1]} --help')" \
            if e.ctx and " " in e.ctx.command_path else " (try 'claimcheck --help')"
        _fail(e.format_message() + where)
        sys.exit(EXIT_ERROR)
    except click.exceptions.Exit as e:
        sys.exit(e.exit_code)
    except click.Abort:
        _fail("aborted")
        sys.exit(130)
    except click.ClickException as e:
        _fail(e.format_message())
        sys.exit(EXIT_ERROR)
    sys.exit(code if isinstance(code, int) else EXIT_OK)
