"""One run: documents -> claims -> (graph, topics, findings) -> the Report every format renders."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from . import documents
from .extraction import extract_document
from .model import Claim, InputProblem, Link, Report


@dataclass(frozen=True)
class CheckOptions:
    """What a run may be told; every field has a sensible default."""

    lang: str | None = None
    published: dt.date | None = None
    patterns: tuple[str, ...] = documents.reading.DEFAULT_PATTERNS
    max_bytes: int = documents.reading.DEFAULT_MAX_BYTES
    encoding: str | None = None


def extract_paths(paths: list[str] | str, options: CheckOptions | None = None) -> Report:
    """Read every article under `paths` and extract its claims (no comparison)."""
    options = options or CheckOptions()
    if isinstance(paths, str):
        paths = [paths]
    load = documents.LoadOptions(lang=options.lang, published=options.published, patterns=options.patterns,
                                 max_bytes=options.max_bytes, encoding=options.encoding)
    docs, problems, warnings = documents.load(sorted(paths, key=lambda p: (p == "-", p)), load)
    claims: list[Claim] = []
    for doc in docs:
        try:
            found = extract_document(doc)
        except Exception as e:  # one document's failure must not stop the others
            problems.append(InputProblem(doc.path, f"could not be analysed: {type(e).__name__}: {e}"))
            continue
        claims.extend(found)
    claims = [replace(c, id=f"c{i}") for i, c in enumerate(claims, 1)]
    return Report(documents=tuple(docs), claims=tuple(claims), errors=tuple(problems), warnings=tuple(warnings))


def check(paths: list[str] | str, options: CheckOptions | None = None) -> Report:
    """Read every article under `paths`, extract its claims, link the ones that measure the same
    thing into topics, and report the topics whose values disagree."""
    from . import checks, graph

    extracted = extract_paths(paths, options)
    claims = list(extracted.claims)
    claim_graph = graph.build(claims, list(extracted.documents))
    claims = [replace(c, topic=claim_graph.topic_of.get(i)) for i, c in enumerate(claims)]
    findings = checks.run(claims, list(extracted.documents), claim_graph)
    number = {c.id: i for i, c in enumerate(claims)}
    links = tuple(sorted((Link((claims[a].id, claims[b].id), evidence.weight, evidence.describe())
                          for (a, b), evidence in claim_graph.edges.items()),
                         key=lambda link: (number[link.claims[0]], number[link.claims[1]])))
    return replace(extracted, claims=tuple(claims), topics=tuple(claim_graph.topics), findings=tuple(findings),
                   links=links)
