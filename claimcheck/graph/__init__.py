"""The claim graph: claims are nodes, weighted edges join claims that measure the same thing,
and topics are the communities of that graph (networkx)."""

from __future__ import annotations

import functools
import re
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import networkx as nx

from .. import lang as langdata
from .. import parallel
from ..model import Claim, Document, Kind, Topic
from .features import FeatureReader, Features, fold, warm
from .linking import LINK_THRESHOLD, Evidence, Relatedness, Scorer, candidate_pairs

if TYPE_CHECKING:
    from .early import CorpusFeatures
    from .semantic import Embedder, SemanticEvidence

__all__ = ["ClaimGraph", "build", "same_value"]

MAX_TOPIC = 60
ORPHAN_SPAN = 0.25  # translations keep the order of the text: a counterpart is near the same place
CONFIRMING_FIGURES = 2  # articles that agree on this many figures tell one story


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


PARALLEL_FROM = 20_000  # claims: below this, forking workers costs more than it saves


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
    scored: dict[tuple[int, int], tuple[Evidence, bool]] = {}
    same_values = dict(zip(pairs, _same_values(claims, pairs), strict=True))
    agreeing: Counter = Counter()
    state = _Scoring(scorer, features, claims)
    with parallel.workers(state, jobs) as pool:  # one set of workers, their caches warm, for all passes
        for a, b, evidence in _score_all(pool, [pair for pair, same in same_values.items() if same], True, jobs):
            scored[(a, b)] = (evidence, True)
            if claims[a].doc != claims[b].doc:
                agreeing[_doc_pair(claims[a], claims[b])] += 1
        # Articles that agree on several figures and name the same rare company or place tell one story.
        confirmed_docs = frozenset(pair for pair, count in agreeing.items()
                                   if count >= CONFIRMING_FIGURES and relatedness.share_rare_name(*pair))
        different = [pair for pair, same in same_values.items() if not same]
        orphans = _orphan_pairs(claims, features, scored, confirmed_docs, set(same_values))
        equal = [(a, b) for a, b in orphans if same_value(claims[a], claims[b])]
        different += [(a, b) for a, b in orphans if not same_value(claims[a], claims[b])]
        for a, b, evidence in _score_all(pool, equal, True, jobs):  # equal figures blocking missed
            scored[(a, b)] = (evidence, True)
        for a, b, evidence in _score_all(pool, different, False, jobs, confirmed_docs):
            scored[(a, b)] = (evidence, False)
    clock.lap("scoring")
    edges = _counterparts(scored, claims)
    for a, b in written_conversions(claims):
        edges[(a, b)] = Evidence(1.0, (), (), (), (), False, conversion=True)
    rank = {index: position for position, index in enumerate(order)}
    for (a, b) in sorted(edges, key=lambda e: (rank[e[0]], rank[e[1]])):
        graph.add_edge(a, b, weight=edges[(a, b)].weight)

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


@dataclass(frozen=True)
class _Scoring:
    scorer: Scorer
    features: list[Features]
    claims: list[Claim]


def _score_all(pool: parallel.Workers, pairs: list[tuple[int, int]], same: bool, jobs: int,
               confirmed: frozenset[tuple[str, str]] = frozenset()) -> list[tuple[int, int, Evidence]]:
    """(a, b, evidence) of the pairs whose evidence reaches LINK_THRESHOLD, in the order of `pairs`;
    `confirmed`: the article pairs known to tell one story."""
    chunks = [(pairs[start:end], same, confirmed) for start, end in _chunks(len(pairs), jobs * 4)]
    return [found for part in pool.map(_score_chunk, chunks) for found in part]


def _score_chunk(state: _Scoring, work: tuple[list[tuple[int, int]], bool, frozenset[tuple[str, str]]]
                 ) -> list[tuple[int, int, Evidence]]:
    pairs, same, known = work
    features, claims, score = state.features, state.claims, state.scorer.score
    found = []
    for a, b in pairs:
        confirmed = same or _doc_pair(claims[a], claims[b]) in known
        evidence = score(features[a], features[b], same, confirmed)
        if evidence.weight >= LINK_THRESHOLD:
            found.append((a, b, evidence))
    return found


def _chunks(total: int, parts: int) -> list[tuple[int, int]]:
    size = max(1, -(-total // max(1, parts)))
    return [(start, min(total, start + size)) for start in range(0, total, size)]


def _orphan_pairs(claims: list[Claim], features: list[Features], scored: dict, confirmed: set[tuple[str, str]],
                  known: set[tuple[int, int]]) -> list[tuple[int, int]]:
    """More candidates in articles that agree on several figures (translations, rewrites): their
    claims of one dimension, at about the same place in the text, that found no equal figure in the
    other article, which blocking may have missed for want of a shared word ("373.000 ettari" and
    "186,500 hectares")."""
    matched: set[tuple[int, str]] = set()
    for a, b in scored:
        matched.add((a, claims[b].doc or ""))
        matched.add((b, claims[a].doc or ""))
    by_doc: dict[str, list[int]] = defaultdict(list)
    for i, claim in enumerate(claims):
        by_doc[claim.doc or ""].append(i)
    extra = []
    for doc_a, doc_b in sorted(confirmed):
        left = [i for i in by_doc[doc_a] if (i, doc_b) not in matched]
        right = [j for j in by_doc[doc_b] if (j, doc_a) not in matched]
        for i in left:
            for j in right:
                pair = (i, j) if i < j else (j, i)
                fi, fj = features[i], features[j]
                if fi.dimension == fj.dimension and abs(fi.position - fj.position) <= ORPHAN_SPAN and pair not in known:
                    extra.append(pair)
    return extra


def _counterparts(scored: dict[tuple[int, int], tuple[Evidence, bool]],
                  claims: list[Claim]) -> dict[tuple[int, int], Evidence]:
    """Match the claims of every two articles one to one, strongest evidence first.

    An article states a measure once (or repeats the same figure): a claim keeps its first match
    in the other article, and further ones only where they repeat that match's value.  So equal
    figures pair up first, and of the rest each finds the best counterpart still free: a
    turbine's 14 MW does not meet the farm's 756 MW through their shared story, and a changed
    "1,740 homes repaired" still meets "870 homes repaired" once "1,150 homes damaged" is paired.
    """
    kept: dict[tuple[int, int], Evidence] = {}
    by_docs: dict[tuple[str, str], list[tuple[float, int, int, Evidence]]] = defaultdict(list)
    for (a, b), (evidence, same) in scored.items():
        if claims[a].doc == claims[b].doc:
            if same:  # a figure repeated in one article
                kept[(a, b)] = evidence
        else:
            by_docs[_doc_pair(claims[a], claims[b])].append((evidence.weight, a, b, evidence))
    for items in by_docs.values():
        items.sort(key=lambda item: (-item[0], item[1], item[2]))
        partner: dict[int, int] = {}
        for _, a, b, evidence in items:
            if a in partner and not same_value(claims[partner[a]], claims[b]):
                continue
            if b in partner and not same_value(claims[partner[b]], claims[a]):
                continue
            kept[(a, b)] = evidence
            partner.setdefault(a, b)
            partner.setdefault(b, a)
    return kept


def _doc_pair(a: Claim, b: Claim) -> tuple[str, str]:
    return (a.doc or "", b.doc or "") if (a.doc or "") <= (b.doc or "") else (b.doc or "", a.doc or "")


def _comparable_value(claim: Claim) -> float:
    return claim.value


def _same_values(claims: list[Claim], pairs: list[tuple[int, int]]) -> list[bool]:
    """`same_value` of many pairs, with the claims' units, values and precisions looked up once."""
    facts = [(c.unit, c.value, c.precision) for c in claims]
    return [_same(*facts[a], *facts[b]) for a, b in pairs]


def same_value(a: Claim, b: Claim) -> bool:
    """The same figure, in the same unit ("200 billion yuan" and "US$200 billion" are not)."""
    return _same(a.unit, a.value, a.precision, b.unit, b.value, b.precision)


def _same(unit_a: str | None, a: float, step_a: float, unit_b: str | None, b: float, step_b: float) -> bool:
    if unit_a != unit_b:
        return False
    hi = max(abs(a), abs(b))
    return hi == 0 or abs(a - b) <= max(step_a, step_b, 1e-9 * hi) / 2 + 1e-9 * hi


def _top(counts: Counter) -> tuple[str, int]:
    """The commonest item, ties broken alphabetically so labels never depend on set order."""
    return min(counts.items(), key=lambda kv: (-kv[1], kv[0])) if counts else ("", 0)


def _label(group: list[int], claims: list[Claim], features: list[Features]) -> tuple[str, str]:
    """A readable label and a stable key: the commonest concept and name of the topic."""
    concepts = Counter(c for i in group for c in features[i].object_concepts)
    if not concepts:
        concepts = Counter(c for i in group for c in features[i].context_concepts)
    concept, _ = _top(concepts)
    name, seen = _top(Counter(n for i in group for n in features[i].names))
    name = name if seen > 1 else ""
    objects = Counter(fold(claims[i].object) for i in group if claims[i].object)
    words = concept.replace("_", " ") if concept else _top(objects)[0]
    kind = str(claims[group[0]].kind)
    label = " ".join(part for part in (words or kind, f"({name.title()})" if name else "") if part)
    key = "|".join((kind, concept or words, name))
    return label, key
