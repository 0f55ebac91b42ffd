"""claimcheck: find numbers that disagree across articles, in several languages.

    from claimcheck import extract, check
    claims = extract("più di 1.200 punti di ricarica", lang="it")
    report = check(["articles/"])
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "Claim", "Document", "Finding", "Kind", "Qualifier", "Report", "Scope", "Topic",
    "__version__", "check", "extract",
]

if TYPE_CHECKING:
    from .model import Claim, Document, Finding, Kind, Qualifier, Report, Scope, Topic


def extract(text: str, lang: str | None = None, published: Any = None) -> list[Claim]:
    """Every numeric claim in `text`; `lang` is an ISO 639-1 code, or None to detect it."""
    from .extraction import extract as _extract

    return _extract(text, lang=lang, published=published)


def check(paths: list[str] | str, **options: Any) -> Report:
    """Check the articles under `paths`; keyword options are those of `run.CheckOptions`."""
    from .run import CheckOptions
    from .run import check as _check

    return _check(paths, CheckOptions(**options))


def __getattr__(name: str) -> Any:
    if name in ("Claim", "Document", "Finding", "Kind", "Qualifier", "Report", "Scope", "Topic"):
        from . import model

        return getattr(model, name)
    raise AttributeError(f"module 'claimcheck' has no attribute {name!r}")
