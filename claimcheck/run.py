"""One run: documents -> claims -> (graph, topics, findings) -> suppressions -> the Report every
format renders."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from . import documents
from .extraction import extract_document
from .model import Claim, InputProblem, Link, Report

if TYPE_CHECKING:
    from .config import Config
    from .suppress.baseline import Baseline

# progress(stage, done, total): "reading" and "extracting" count documents; "linking" and
# "comparing" are single steps (0 of 1, then 1 of 1)
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class CheckOptions:
    """What a run may be told; every field has a sensible default."""

    lang: str | None = None
    published: dt.date | None = None
    patterns: tuple[str, ...] = documents.reading.DEFAULT_PATTERNS
    max_bytes: int = documents.reading.DEFAULT_MAX_BYTES
    encoding: str | None = None
    # a baseline file (or one already loaded): its findings move to Report.baselined
    baseline: str | Baseline | None = None
    # honour `<!-- claimcheck: ignore ... -->` comments in the articles
    inline_suppressions: bool = True

    @classmethod
    def from_config(cls, config: Config, baseline: str | Baseline | None = None) -> CheckOptions:
        return cls(lang=config["lang"], published=config["published"], patterns=tuple(config["include"]),
                   max_bytes=config["max-size"] * 1024 * 1024, encoding=config["encoding"], baseline=baseline)


def extract_paths(paths: list[str] | str, options: CheckOptions | None = None,
                  progress: Progress | None = None) -> Report:
    """Read every article under `paths` and extract its claims (no comparison)."""
    options = options or CheckOptions()
    if isinstance(paths, str):
        paths = [paths]
    load = documents.LoadOptions(lang=options.lang, published=options.published, patterns=options.patterns,
                                 max_bytes=options.max_bytes, encoding=options.encoding)
    reading = (lambda done, total: progress("reading", done, total)) if progress else None
    docs, problems, warnings = documents.load(sorted(paths, key=lambda p: (p == "-", p)), load, reading)
    claims: list[Claim] = []
    for done, doc in enumerate(docs):
        if progress:
            progress("extracting", done, len(docs))
        try:
            found = extract_document(doc)
        except Exception as e:  # one document's failure must not stop the others
            problems.append(InputProblem(doc.path, f"could not be analysed: {type(e).__name__}: {e}"))
            continue
        claims.extend(found)
    if progress:
        progress("extracting", len(docs), len(docs))
    claims = [replace(c, id=f"c{i}") for i, c in enumerate(claims, 1)]
    return Report(documents=tuple(docs), claims=tuple(claims), errors=tuple(problems), warnings=tuple(warnings))


def check(paths: list[str] | str, options: CheckOptions | None = None, progress: Progress | None = None) -> Report:
    """Read every article under `paths`, extract its claims, link the ones that measure the same
    thing into topics, and report the topics whose values disagree.  Findings silenced by a
    comment in an article move to `suppressed`, findings accepted by the baseline to `baselined`.

    A baseline that cannot be read raises BaselineError before any article is read."""
    from . import checks, graph
    from .suppress import baseline as baseline_mod
    from .suppress import inline

    options = options or CheckOptions()
    accepted = baseline_mod.load(options.baseline) if isinstance(options.baseline, str) else options.baseline
    extracted = extract_paths(paths, options, progress)
    claims = list(extracted.claims)
    if progress:
        progress("linking", 0, 1)
    claim_graph = graph.build(claims, list(extracted.documents))
    claims = [replace(c, topic=claim_graph.topic_of.get(i)) for i, c in enumerate(claims)]
    if progress:
        progress("comparing", 0, 1)
    findings = checks.run(claims, list(extracted.documents), claim_graph)
    if progress:
        progress("comparing", 1, 1)
    number = {c.id: i for i, c in enumerate(claims)}
    links = tuple(sorted((Link((claims[a].id, claims[b].id), evidence.weight, evidence.describe())
                          for (a, b), evidence in claim_graph.edges.items()),
                         key=lambda link: (number[link.claims[0]], number[link.claims[1]])))
    report = replace(extracted, claims=tuple(claims), topics=tuple(claim_graph.topics), findings=tuple(findings),
                     links=links)
    if options.inline_suppressions:
        report = inline.apply(report)
    if accepted is not None:
        report = baseline_mod.apply(report, accepted)
    return report
