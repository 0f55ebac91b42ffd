"""The terminal and the CI around a run: colour, a progress bar, GitHub Actions.

Pure decisions (`use_color`, `show_progress`, `in_ci`, `on_github`) take the environment as an
argument so that tests need not touch the real one.
"""

from __future__ import annotations

import os
import time
from collections.abc import Mapping
from typing import IO, Any

# variables that CI services set; CI=true covers most (GitHub, GitLab, Travis, CircleCI, ...)
CI_VARIABLES = ("CI", "GITHUB_ACTIONS", "GITLAB_CI", "BUILDKITE", "JENKINS_URL", "TF_BUILD", "TEAMCITY_VERSION")


def _set(environ: Mapping[str, str], name: str) -> bool:
    return environ.get(name, "").strip().lower() not in ("", "0", "false", "no")


def _tty(stream: IO[Any]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def in_ci(environ: Mapping[str, str] | None = None) -> bool:
    environ = os.environ if environ is None else environ
    return any(_set(environ, name) for name in CI_VARIABLES)


def on_github(option: bool | None, environ: Mapping[str, str] | None = None) -> bool:
    """GitHub Actions output: when asked, else when GITHUB_ACTIONS=true."""
    environ = os.environ if environ is None else environ
    return option if option is not None else environ.get("GITHUB_ACTIONS") == "true"


def use_color(option: str, stream: IO[Any], environ: Mapping[str, str] | None = None) -> bool:
    """--color always/never wins; then NO_COLOR (any value) turns colour off and FORCE_COLOR (any
    value but 0/false) turns it on; else colour on a terminal that is not TERM=dumb."""
    environ = os.environ if environ is None else environ
    if option in ("always", "never"):
        return option == "always"
    if environ.get("NO_COLOR", ""):
        return False
    if _set(environ, "FORCE_COLOR"):
        return True
    return _tty(stream) and environ.get("TERM") != "dumb"


def show_progress(option: bool | None, stream: IO[Any], environ: Mapping[str, str] | None = None) -> bool:
    """A progress bar when asked, else on a terminal outside CI."""
    environ = os.environ if environ is None else environ
    if option is not None:
        return option
    return _tty(stream) and not in_ci(environ) and environ.get("TERM") != "dumb"


STAGES = {"reading": "Reading articles", "extracting": "Extracting claims", "linking": "Linking claims",
          "comparing": "Comparing"}


class ProgressBar:
    """A `run.Progress` callback that draws a rich progress bar on standard error once a run has
    lasted `delay` seconds (short runs show nothing), and erases it when closed."""

    def __init__(self, enabled: bool, delay: float = 0.5):
        self.enabled = enabled
        self.delay = delay
        self.started = time.monotonic()
        self._progress: Any = None
        self._task: Any = None

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self.enabled:
            return
        if self._progress is None:
            if time.monotonic() - self.started < self.delay:
                return
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            self._progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                      TimeElapsedColumn(), console=Console(stderr=True), transient=True)
            self._progress.start()
            self._task = self._progress.add_task(STAGES.get(stage, stage), total=total)
        self._progress.update(self._task, description=STAGES.get(stage, stage), completed=done, total=total)

    def close(self) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None

    def __enter__(self) -> ProgressBar:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
