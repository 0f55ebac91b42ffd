"""The command line: parse options, call the library, map the outcome to an exit code.

Exit codes of `check`: 0 no finding reaches --fail-on, 1 one does, 2 usage, configuration or
input error (reports are still written for the readable inputs).
"""

from __future__ import annotations

import datetime as dt
import os
import sys
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


LANG_HELP = "Language of every input (ISO 639-1: it, en, vi, es, fr, de, pt, nl); detected per file when omitted."
PUBLISHED_HELP = "Publication date (YYYY-MM-DD) for every input; resolves 'this year'. Found in the text when omitted."


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


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="claimcheck", prog_name="claimcheck")
def cli() -> None:
    """Find numbers that disagree across articles, in several languages.

    \b
    claimcheck extract article.md              list the numeric claims of a file
    claimcheck check drafts/ --json out.json   compare every article under drafts/
    claimcheck languages                       the languages claimcheck reads
    """


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["jsonl", "json", "text"]), default="text", show_default=True,
              help="jsonl: one claim per line; json: one report object; text: one readable line per claim.")
@click.option("--lang", callback=_lang, help=LANG_HELP)
@click.option("--published", callback=_date, help=PUBLISHED_HELP)
@click.option("--max-size", type=click.IntRange(1, 4096), default=16, show_default=True, metavar="MB",
              help="Skip (with an error) files larger than this.")
@click.option("--encoding", help="Read every file with this encoding instead of UTF-8 with detection.")
def extract(paths: tuple[str, ...], fmt: str, lang: str | None, published: dt.date | None, max_size: int,
            encoding: str | None) -> None:
    """List the numeric claims of articles (files, folders, or - for standard input).

    Each claim has its value with scale words applied, kind, unit (ISO 4217 for money), qualifier
    and its exact citation: file, line, column and the quoted sentence.

    \b
    claimcheck extract press/it.html
    claimcheck extract drafts/ --format jsonl > claims.jsonl
    echo "più di 60.000 punti di ritiro" | claimcheck extract - --lang it
    """
    from .report import claims as claims_output
    from .run import CheckOptions, extract_paths

    options = CheckOptions(lang=lang, published=published, max_bytes=max_size * 1024 * 1024, encoding=encoding)
    report = extract_paths(list(paths), options)
    click.echo(claims_output.render(report, fmt), nl=False)
    for problem in report.warnings:
        _warn(str(problem))
    for problem in report.errors:
        _fail(str(problem))
    sys.exit(EXIT_ERROR if report.errors else EXIT_OK)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--json", "json_file", type=click.Path(dir_okay=False, writable=True), help="Write the JSON report here.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="What to print on standard output.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "never"]), default="error", show_default=True,
              help="Exit 1 when a finding of this severity or worse is reported.")
@click.option("--lang", callback=_lang, help=LANG_HELP)
@click.option("--published", callback=_date, help=PUBLISHED_HELP)
@click.option("--max-size", type=click.IntRange(1, 4096), default=16, show_default=True, metavar="MB",
              help="Skip (with an error) files larger than this.")
@click.option("--encoding", help="Read every file with this encoding instead of UTF-8 with detection.")
def check(paths: tuple[str, ...], json_file: str | None, fmt: str, fail_on: str, lang: str | None,
          published: dt.date | None, max_size: int, encoding: str | None) -> None:
    """Compare the numeric claims of articles and report the ones that disagree.

    PATHS are files and folders (.txt, .md, .markdown, .html, .htm, searched recursively) or -
    for standard input.  Exit code: 0 when no finding reaches --fail-on, 1 when one does, 2 when
    an input could not be read or an option is wrong (reports are still written).

    \b
    claimcheck check drafts/
    claimcheck check drafts/ --json reports/claimcheck.json --fail-on warning
    """
    from . import gate
    from .report import json as json_report
    from .report import text as text_report
    from .run import CheckOptions
    from .run import check as run_check

    options = CheckOptions(lang=lang, published=published, max_bytes=max_size * 1024 * 1024, encoding=encoding)
    report = run_check(list(paths), options)
    if json_file:
        _write(json_file, json_report.render(report))
    color = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    click.echo(json_report.render(report) if fmt == "json" else text_report.render(report, color), nl=False)
    for problem in report.warnings:
        _warn(str(problem))
    for problem in report.errors:
        _fail(str(problem))
    sys.exit(gate.exit_code(report, fail_on))


@cli.command()
def languages() -> None:
    """List the languages claimcheck reads, with their number format."""
    from . import lang

    for code in lang.available():
        language = lang.get(code)
        click.echo(f"{code}  {language.name:<12} decimal {language.decimal!r}  group {language.group!r}")


def _write(path: str, content: str) -> None:
    from .errors import ClaimcheckError

    folder = os.path.dirname(path)
    try:
        if folder:
            os.makedirs(folder, exist_ok=True)
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(content)
    except OSError as e:
        raise ClaimcheckError(f"{path}: cannot write the report: {e.strerror or e}") from None


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
