"""The claim graph: claims are nodes, weighted edges join claims that measure the same thing,
and topics are the communities of that graph (networkx)."""

from __future__ import annotations

import functools
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import networkx as nx

from .. import lang as langdata
from .. import parallel
from ..model import Claim, Document, Kind, Topic
from . import scoring
from .features import FeatureReader, Features, fold, warm
from .linking import Evidence, Relatedness, Scorer, candidate_pairs
from .scoring import same_value

if TYPE_CHECKING:
    from .early import CorpusFeatures
    from .semantic import Embedder, SemanticEvidence

__all__ = ["ClaimGraph", "build", "same_value"]

MAX_TOPIC = 60


@dataclass
class ClaimGraph:
    """Topics over a list of claims (by index), and the evidence on every kept edge."""

    topics: list[Topic]
    topic_of: dict[int, str]
    edges: dict[tuple[int, int], Evidence]
    features: list[Features]
    pairs_compared: int
    members: dict[str, list[int]] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage, for benchmarks


def _canonical(claims: list[Claim], docs: dict[str, Document]) -> list[int]:
    """Claim indices in an order that does not depend on the order of the inputs."""
    return sorted(range(len(claims)), key=lambda i: (docs[claims[i].doc].path if claims[i].doc in docs else "",
                                                      claims[i].start))


class _Clock:
    def __init__(self):
        self.laps: dict[str, float] = {}
        self._last = time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.laps[stage] = now - self._last
        self._last = now


PARALLEL_FROM = 5_000  # claims: below this, forking workers costs more than it saves


def build(claims: list[Claim], documents: list[Document], jobs: int | None = None,
          semantic: Embedder | None = None, read_features: CorpusFeatures | None = None) -> ClaimGraph:
    """The graph of `claims`; `jobs` worker processes read features and score pairs (None: one
    per core for large corpora).  The result does not depend on `jobs`.

    `semantic`, a sentence embedding (graph/semantic.py), adds evidence: similar sentences raise
    the weight of pairs that pass every other test, and become candidates themselves.

    `read_features`: the claims' features as the reading workers read them (graph/early.py);
    None: read here."""
    if jobs is None:
        jobs = parallel.cores() if len(claims) >= PARALLEL_FROM else 1
    clock = _Clock()
    docs = {d.id: d for d in documents}
    features = read_features.complete() if read_features is not None else _all_features(claims, documents, jobs)
    if len(features) != len(claims):
        raise ValueError(f"{len(features)} features for {len(claims)} claims")
    clock.lap("features")
    values = [_comparable_value(c) for c in claims]
    pairs = candidate_pairs(features, values)
    similar = None
    if semantic is not None:
        similar, pairs = _semantic(claims, features, pairs, semantic)
        clock.lap("semantic")
    relatedness = Relatedness(features, values)
    scorer = Scorer(features, concept_groups(), relatedness, similarity=similar)
    clock.lap("candidates")
    graph = nx.Graph()
    order = _canonical(claims, docs)
    graph.add_nodes_from(order)
    state = scoring.prepare(scorer, relatedness, features, claims, pairs)
    with parallel.workers(state, jobs) as pool:
        edges = scoring.kept_edges(pool, state, jobs * 8)
    clock.lap("scoring")
    for a, b in written_conversions(claims):
        edges[(a, b)] = Evidence(1.0, (), (), (), (), False, conversion=True)
    rank = {index: position for position, index in enumerate(order)}
    graph.add_edges_from((a, b, {"weight": edges[(a, b)].weight})
                         for a, b in sorted(edges, key=lambda e: (rank[e[0]], rank[e[1]])))

    groups: list[list[int]] = []
    for component in nx.connected_components(graph):
        if len(component) < 2:
            continue
        nodes = sorted(component, key=rank.__getitem__)
        if len(nodes) <= MAX_TOPIC:
            groups.append(nodes)
            continue
        sub = graph.subgraph(nodes).copy()  # a plain graph: Louvain walks it many times, a view slowly
        for community in nx.community.louvain_communities(sub, weight="weight", seed=7):
            if len(community) > 1:
                groups.append(sorted(community, key=rank.__getitem__))
    groups.sort(key=lambda g: rank[g[0]])
    clock.lap("topics")

    topics, topic_of, members = [], {}, {}
    for n, group in enumerate(groups, 1):
        topic_id = f"t{n}"
        label, key = _label(group, claims, features)
        topics.append(Topic(id=topic_id, label=label, claims=tuple(claims[i].id for i in group), key=key))
        members[topic_id] = group
        for i in group:
            topic_of[i] = topic_id
    clock.lap("labels")
    return ClaimGraph(topics=topics, topic_of=topic_of, edges=edges, features=features,
                      pairs_compared=len(pairs), members=members, timings=clock.laps)


@functools.cache
def concept_groups() -> dict[str, frozenset[str]]:
    """Concept id -> the concepts it may be restated as (common.toml [concept_groups])."""
    from ..lang import _common

    related: dict[str, set[str]] = {}
    for members in _common().get("concept_groups", {}).values():
        for concept in members:
            related.setdefault(concept, set()).update(m for m in members if m != concept)
    return {k: frozenset(v) for k, v in related.items()}


def written_conversions(claims: list[Claim]) -> list[tuple[int, int]]:
    """Pairs like "200 miliardi di yuan (28,28 miliardi di dollari)": an amount followed in its
    sentence by the same amount in another currency, in brackets or after "or"."""
    pairs = []
    for i in range(len(claims) - 1):
        a, b = claims[i], claims[i + 1]
        if a.kind != Kind.CURRENCY or b.kind != Kind.CURRENCY or a.unit == b.unit or a.doc != b.doc:
            continue
        if a.sentence_start != b.sentence_start or not 0 <= b.start - a.end <= 40:
            continue
        between = a.sentence[a.end - a.sentence_start:b.start - a.sentence_start]
        if _conversion_joiner(a.lang).match(between):
            pairs.append((i, i + 1))
    return pairs


@functools.cache
def _conversion_joiner(code: str) -> re.Pattern:
    words = langdata.get(code or "en").conversion_joiners
    alternation = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) or "(?!x)x"
    return re.compile(rf"\s*,?\s*(?:[(\[]|[–—-]\s|(?:{alternation})(?![\w]))[^.;:()]{{0,24}}$", re.I)


def _semantic(claims: list[Claim], features: list[Features], pairs: list[tuple[int, int]], embedder: Embedder
              ) -> tuple[SemanticEvidence, list[tuple[int, int]]]:
    """The sentence similarity of claims, and the candidate pairs with each claim's most similar
    claims of its dimension in other articles added (none above semantic.MAX_NEIGHBOUR_CLAIMS)."""
    from .semantic import SemanticEvidence

    evidence = SemanticEvidence(claims, embedder)
    extra = evidence.neighbours([f.dimension for f in features])
    return evidence, sorted(set(pairs).union(extra))


def _all_features(claims: list[Claim], documents: list[Document], jobs: int) -> list[Features]:
    read = FeatureReader(documents)
    if jobs <= 1:
        return [read(i, c) for i, c in enumerate(claims)]
    chunks = _chunks(len(claims), jobs * 8)
    warm({d.lang for d in documents})
    return [f for part in parallel.fork_map(_features_of, chunks, (read, claims), jobs) for f in part]


def _features_of(state: tuple[FeatureReader, list[Claim]], span: tuple[int, int]) -> list[Features]:
    read, claims = state
    return [read(i, claims[i]) for i in range(*span)]


def _chunks(total: int, parts: int) -> list[tuple[int, int]]:
    size = max(1, -(-total // max(1, parts)))
    return [(start, min(total, start + size)) for start in range(0, total, size)]


def _comparable_value(claim: Claim) -> float:
    return claim.value


def _top(counts: dict[str, int]) -> tuple[str, int]:
    """The commonest item, ties broken alphabetically so labels never depend on set order."""
    return min(counts.items(), key=lambda kv: (-kv[1], kv[0])) if counts else ("", 0)


def _count(items: Iterable[str]) -> dict[str, int]:
    """How often each item comes (a Counter costs more to make than a small topic has items)."""
    counts: dict[str, int] = {}
    for item in items:
        counts[item] = counts.get(item, 0) + 1
    return counts


def _label(group: list[int], claims: list[Claim], features: list[Features]) -> tuple[str, str]:
    """A readable label and a stable key: the commonest concept and name of the topic."""
    concepts = _count(c for i in group for c in features[i].object_concepts)
    if not concepts:
        concepts = _count(c for i in group for c in features[i].context_concepts)
    concept, _ = _top(concepts)
    name, seen = _top(_count(n for i in group for n in features[i].names))
    name = name if seen > 1 else ""
    objects = _count(fold(claims[i].object) for i in group if claims[i].object)
    words = concept.replace("_", " ") if concept else _top(objects)[0]
    kind = str(claims[group[0]].kind)
    label = " ".join(part for part in (words or kind, f"({name.title()})" if name else "") if part)
    key = "|".join((kind, concept or words, name))
    return label, key
