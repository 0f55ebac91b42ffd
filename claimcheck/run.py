"""One run: documents -> claims -> (graph, topics, findings) -> suppressions -> the Report every
format renders."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from . import documents, parallel
from .collector import paused as collector_paused
from .extraction import extract_document
from .model import Claim, Document, InputProblem, Link, Report

if TYPE_CHECKING:
    from .config import Config
    from .graph.early import CorpusFeatures
    from .graph.semantic import Embedder
    from .suppress.baseline import Baseline

# progress(stage, done, total): "reading" starts (0 of all files), "extracting" counts documents; "linking" and
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
    # worker processes that read and extract articles; None: one per core for large inputs
    jobs: int | None = None
    # the optional semantic backend: a model spec (graph/semantic.py, docs/semantic.md) or a loaded
    # embedder; None, the default, links claims without it
    semantic: str | Embedder | None = None

    @classmethod
    def from_config(cls, config: Config, baseline: str | Baseline | None = None) -> CheckOptions:
        return cls(lang=config["lang"], published=config["published"], patterns=tuple(config["include"]),
                   max_bytes=config["max-size"] * 1024 * 1024, encoding=config["encoding"], baseline=baseline,
                   semantic=config["semantic"])


def extract_paths(paths: list[str] | str, options: CheckOptions | None = None,
                  progress: Progress | None = None, read_features: CorpusFeatures | None = None) -> Report:
    """Read every article under `paths` and extract its claims (no comparison).  Many files are
    read in parallel, one process per core (`CheckOptions.jobs`); the result does not depend on it.

    `read_features`: where the claims' features for linking go, read along with the claims (for
    `graph.build`); None: not read."""
    with collector_paused():
        return _extract_paths(paths, options, progress, read_features)


def _extract_paths(paths: list[str] | str, options: CheckOptions | None, progress: Progress | None,
                   read_features: CorpusFeatures | None) -> Report:
    options = options or CheckOptions()
    if isinstance(paths, str):
        paths = [paths]
    load = documents.LoadOptions(lang=options.lang, published=options.published, patterns=options.patterns,
                                 max_bytes=options.max_bytes, encoding=options.encoding)
    files, problems = documents.reading.expand(sorted(paths, key=lambda p: (p == "-", p)), load.patterns)
    docs: list[Document] = []
    claims: list[Claim] = []
    warnings: list[InputProblem] = []
    if progress:
        progress("reading", 0, len(files))
    jobs, link = _jobs(options, files), read_features is not None
    for done, (doc, found, problem, warning, features) in enumerate(_read_all(files, load, jobs, link)):
        if progress:
            progress("extracting", done + 1, len(files))
        problems.extend([problem] if problem else [])
        warnings.extend([warning] if warning else [])
        if doc is not None:
            doc_id = f"d{len(docs) + 1}"
            docs.append(replace(doc, id=doc_id))
            if read_features is not None and features is not None:
                read_features.add(docs[-1], features, len(claims))
            claims.extend(_fill(c, doc=doc_id, id=f"c{n}") for n, c in enumerate(found, len(claims) + 1))
    return Report(documents=tuple(docs), claims=tuple(claims), errors=tuple(problems), warnings=tuple(warnings))


def _fill(claim: Claim, **fields) -> Claim:
    """Set fields of a claim this run has just made and no one else holds yet.  Claims are frozen
    for everyone else; `dataclasses.replace` would copy all their fields, seconds on 100,000 claims."""
    for name, value in fields.items():
        object.__setattr__(claim, name, value)
    return claim


PARALLEL_FROM = 32  # files: below this, starting worker processes costs more than it saves
CHUNK = 16  # files a worker reads per task


def _jobs(options: CheckOptions, files: list[str]) -> int:
    if options.jobs is not None:
        return max(1, options.jobs)
    if len(files) < PARALLEL_FROM or "-" in files:
        return 1
    return max(1, min(parallel.cores(), len(files) // CHUNK))


def _read_all(files: list[str], load: documents.LoadOptions, jobs: int, link: bool):
    """(document, claims, problem, warning, features of the claims if `link`) of every file, in
    the order of `files`."""
    chunks = [files[i:i + CHUNK] for i in range(0, len(files), CHUNK)]
    if jobs <= 1 or len(files) < 2:
        for chunk in chunks:
            yield from _read_chunk(chunk, load, link)
        return
    import concurrent.futures
    import multiprocessing

    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
    with concurrent.futures.ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        for results in pool.map(_read_chunk, chunks, [load] * len(chunks), [link] * len(chunks)):
            yield from results


def _read_chunk(paths: list[str], load: documents.LoadOptions, link: bool) -> list[tuple]:
    """The files read and their claims extracted, then (`link`) the features of their claims:
    one after the other, not file by file, so that each stays warm in the processor's caches
    (a tenth faster)."""
    read = [_read_one(path, load) for path in paths]
    if not link:
        return [(*found, None) for found in read]
    from .graph.early import read_document

    linked = []
    for path, (doc, claims, problem, warning) in zip(paths, read, strict=True):
        if doc is None:
            linked.append((doc, claims, problem, warning, None))
            continue
        try:
            linked.append((doc, claims, problem, warning, read_document(doc, claims)))
        except Exception as e:  # one document's failure must not stop the others
            linked.append((None, [], InputProblem(path, f"could not be analysed: {type(e).__name__}: {e}"),
                           warning, None))
    return linked


def _read_one(path: str, load: documents.LoadOptions
              ) -> tuple[Document | None, list[Claim], InputProblem | None, InputProblem | None]:
    try:
        doc, problem, warning = documents.load_file(path, load)
    except Exception as e:  # one document's failure must not stop the others
        return None, [], InputProblem(path, f"could not be read: {type(e).__name__}: {e}"), None
    if doc is None:
        return None, [], problem, warning
    try:
        return doc, extract_document(doc), None, warning
    except Exception as e:
        return None, [], InputProblem(path, f"could not be analysed: {type(e).__name__}: {e}"), warning


def check(paths: list[str] | str, options: CheckOptions | None = None, progress: Progress | None = None) -> Report:
    """Read every article under `paths`, extract its claims, link the ones that measure the same
    thing into topics, and report the topics whose values disagree.  Findings silenced by a
    comment in an article move to `suppressed`, findings accepted by the baseline to `baselined`.

    A baseline that cannot be read raises BaselineError, and a semantic model that cannot be
    loaded SemanticUnavailable, before any article is read."""
    with collector_paused():
        return _check(paths, options, progress)


def _check(paths: list[str] | str, options: CheckOptions | None, progress: Progress | None) -> Report:
    from . import checks, graph
    from .graph.early import CorpusFeatures
    from .suppress import baseline as baseline_mod
    from .suppress import inline

    options = options or CheckOptions()
    accepted = baseline_mod.load(options.baseline) if isinstance(options.baseline, str) else options.baseline
    embedder = _embedder(options.semantic)
    read_features = CorpusFeatures()
    extracted = extract_paths(paths, options, progress, read_features)
    claims = list(extracted.claims)
    if progress:
        progress("linking", 0, 1)
    claim_graph = graph.build(claims, list(extracted.documents), jobs=options.jobs, semantic=embedder,
                              read_features=read_features)
    claims = [_fill(c, topic=claim_graph.topic_of.get(i)) for i, c in enumerate(claims)]
    if progress:
        progress("comparing", 0, 1)
    findings = checks.run(claims, list(extracted.documents), claim_graph)
    if progress:
        progress("comparing", 1, 1)
    # In the order of the claims (an edge joins claim a to a later claim b).
    links = tuple(Link((claims[a].id, claims[b].id), evidence.weight, evidence.describe())
                  for (a, b), evidence in sorted(claim_graph.edges.items(), key=lambda edge: edge[0]))
    report = replace(extracted, claims=tuple(claims), topics=tuple(claim_graph.topics), findings=tuple(findings),
                     links=links)
    if options.inline_suppressions:
        report = inline.apply(report)
    if accepted is not None:
        report = baseline_mod.apply(report, accepted)
    return report


def _embedder(semantic: str | Embedder | None) -> Embedder | None:
    """The semantic backend's model, loaded once per run (None: off)."""
    if not isinstance(semantic, str):
        return semantic
    from .graph import semantic as semantic_mod

    return semantic_mod.load(semantic)
