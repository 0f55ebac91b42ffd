"""Scoring the candidate pairs, one article pair at a time.

What scoring decides about two claims of two articles depends on those two articles only:
whether they agree on several figures (and so tell one story), which of their claims found no
equal figure in the other (orphans, scored too), and which claim is the best counterpart of
which.  So the pairs are grouped by article pair, a worker scores each group whole, and only
the edges kept come back.  The result is the one of three passes over all pairs (equal values,
equal orphans, different values) followed by the choice of counterparts, to the order of the
edges.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from .. import parallel
from ..model import Claim
from .features import Features
from .linking import LINK_THRESHOLD, Evidence, Relatedness, Scorer

ORPHAN_SPAN = 0.25  # translations keep the order of the text: a counterpart is near the same place
CONFIRMING_FIGURES = 2  # articles that agree on this many figures tell one story

Pair = tuple[int, int]
Edge = tuple[int, int, Evidence]


@dataclass(frozen=True)
class Scoring:
    """What the workers share: the scorer, the claims and their features, the claims of each
    document, and the candidate pairs grouped by article pair (in the order of first pairs)."""

    scorer: Scorer
    relatedness: Relatedness
    features: list[Features]
    claims: list[Claim]
    by_doc: dict[str, list[int]]
    groups: list[tuple[tuple[str, str], list[Pair]]]
    facts: list[tuple[str | None, float, float]]  # unit, value, precision: what same_value reads


def prepare(scorer: Scorer, relatedness: Relatedness, features: list[Features], claims: list[Claim],
            pairs: list[Pair]) -> Scoring:
    """The shared state of scoring `pairs` (sorted), before the workers fork."""
    docs = [c.doc or "" for c in claims]
    by_doc: dict[str, list[int]] = defaultdict(list)
    for i, doc in enumerate(docs):
        by_doc[doc].append(i)
    groups: dict[tuple[str, str], list[Pair]] = {}
    for pair in pairs:
        a, b = docs[pair[0]], docs[pair[1]]
        key = (a, b) if a <= b else (b, a)
        found = groups.get(key)
        if found is None:
            groups[key] = [pair]
        else:
            found.append(pair)
    facts = [(c.unit, c.value, c.precision) for c in claims]
    return Scoring(scorer, relatedness, features, claims, dict(by_doc), list(groups.items()), facts)


def kept_edges(pool: parallel.Workers, state: Scoring, tasks: int) -> dict[Pair, Evidence]:
    """The edges kept: figures repeated in one article, then the counterparts of every two
    articles, in the order of the article pair's first scored pair."""
    repeated: list[Edge] = []
    across: list[tuple[tuple, list[Edge]]] = []
    for found, groups in pool.map(_score_groups, _spans([len(pairs) for _, pairs in state.groups], tasks)):
        repeated.extend(found)
        across.extend(groups)
    kept: dict[Pair, Evidence] = {}
    for a, b, evidence in sorted(repeated, key=lambda edge: (edge[0], edge[1])):
        kept[(a, b)] = evidence
    for _, edges in sorted(across, key=lambda group: group[0]):
        for a, b, evidence in edges:
            kept[(a, b)] = evidence
    return kept


def _spans(sizes: list[int], parts: int) -> list[tuple[int, int]]:
    """Consecutive ranges of groups with about the same number of pairs each."""
    target = max(1, -(-sum(sizes) // max(1, parts)))
    spans, start, total = [], 0, 0
    for i, size in enumerate(sizes):
        total += size
        if total >= target:
            spans.append((start, i + 1))
            start, total = i + 1, 0
    if start < len(sizes):
        spans.append((start, len(sizes)))
    return spans


def _score_groups(state: Scoring, span: tuple[int, int]) -> tuple[list[Edge], list[tuple[tuple, list[Edge]]]]:
    repeated: list[Edge] = []
    across: list[tuple[tuple, list[Edge]]] = []
    for docs, pairs in state.groups[span[0]:span[1]]:
        if docs[0] == docs[1]:
            repeated.extend(_repeated(state, pairs))
        else:
            found = _across(state, docs, pairs)
            if found is not None:
                across.append(found)
    return repeated, across


def _repeated(state: Scoring, pairs: list[Pair]) -> list[Edge]:
    """A figure repeated in one article: inside an article only equal values are linked."""
    features, facts, score = state.features, state.facts, state.scorer.score
    found = []
    for a, b in pairs:
        if _same(*facts[a], *facts[b]):
            evidence = score(features[a], features[b], True, True)
            if evidence.weight >= LINK_THRESHOLD:
                found.append((a, b, evidence))
    return found


def _across(state: Scoring, docs: tuple[str, str], pairs: list[Pair]) -> tuple[tuple, list[Edge]] | None:
    """The kept edges between two articles, and where the first scored pair stands among all the
    pairs the passes score (for the order of the edges); None when no pair scores.

    Where a pair stands: (1, 0, a, b) in the pass over equal values (candidate pairs, sorted),
    (2, 0, article, article, i, j) in the pass over equal orphans (by article pair, then claim),
    (3, 0, a, b) and (3, 1, article, article, i, j) in the pass over different values."""
    features, facts, score = state.features, state.facts, state.scorer.score
    rel = state.relatedness(*docs)  # the same for every pair of the two articles
    scored: list[tuple[float, int, int, Evidence]] = []
    first: tuple | None = None
    equal: list[Pair] = []
    different: list[tuple[Pair, tuple]] = []
    for pair in pairs:
        if _same(*facts[pair[0]], *facts[pair[1]]):
            equal.append(pair)
        else:
            different.append((pair, (3, 0, *pair)))
    for a, b in equal:
        evidence = score(features[a], features[b], True, True, rel)
        if evidence.weight >= LINK_THRESHOLD:
            first = first or (1, 0, a, b)
            scored.append((evidence.weight, a, b, evidence))
    # Articles that agree on several figures and name the same rare company or place tell one story.
    confirmed = len(scored) >= CONFIRMING_FIGURES and state.relatedness.share_rare_name(*docs)
    orphans = _orphans(state, docs, {x for _, a, b, _ in scored for x in (a, b)}, set(pairs)) if confirmed else []
    for i, j, (a, b) in orphans:  # equal figures blocking missed
        if not _same(*facts[a], *facts[b]):
            different.append(((a, b), (3, 1, *docs, i, j)))
            continue
        evidence = score(features[a], features[b], True, True, rel)
        if evidence.weight >= LINK_THRESHOLD:
            first = first or (2, 0, *docs, i, j)
            scored.append((evidence.weight, a, b, evidence))
    for (a, b), at in different:
        evidence = score(features[a], features[b], False, confirmed, rel)
        if evidence.weight >= LINK_THRESHOLD:
            first = first or at
            scored.append((evidence.weight, a, b, evidence))
    return None if first is None else (first, _counterparts(scored, facts))


def _orphans(state: Scoring, docs: tuple[str, str], matched: set[int], known: set[Pair]
             ) -> list[tuple[int, int, Pair]]:
    """More candidates in articles that agree on several figures (translations, rewrites): their
    claims of one dimension, at about the same place in the text, that found no equal figure in the
    other article, which blocking may have missed for want of a shared word ("373.000 ettari" and
    "186,500 hectares").  (claim of the first article, claim of the second, the pair)."""
    features = state.features
    left = [i for i in state.by_doc.get(docs[0], ()) if i not in matched]
    right = [j for j in state.by_doc.get(docs[1], ()) if j not in matched]
    extra = []
    for i in left:
        fi = features[i]
        for j in right:
            fj = features[j]
            pair = (i, j) if i < j else (j, i)
            if fi.dimension == fj.dimension and abs(fi.position - fj.position) <= ORPHAN_SPAN and pair not in known:
                extra.append((i, j, pair))
    return extra


def _counterparts(scored: list[tuple[float, int, int, Evidence]], facts: list[tuple[str | None, float, float]]
                  ) -> list[Edge]:
    """Match the claims of two articles one to one, strongest evidence first.

    An article states a measure once (or repeats the same figure): a claim keeps its first match
    in the other article, and further ones only where they repeat that match's value.  So equal
    figures pair up first, and of the rest each finds the best counterpart still free: a
    turbine's 14 MW does not meet the farm's 756 MW through their shared story, and a changed
    "1,740 homes repaired" still meets "870 homes repaired" once "1,150 homes damaged" is paired.
    """
    scored.sort(key=lambda item: (-item[0], item[1], item[2]))
    kept = []
    partner: dict[int, int] = {}
    for _, a, b, evidence in scored:
        if a in partner and not _same(*facts[partner[a]], *facts[b]):
            continue
        if b in partner and not _same(*facts[partner[b]], *facts[a]):
            continue
        kept.append((a, b, evidence))
        partner.setdefault(a, b)
        partner.setdefault(b, a)
    return kept


def same_value(a: Claim, b: Claim) -> bool:
    """The same figure, in the same unit ("200 billion yuan" and "US$200 billion" are not)."""
    return _same(a.unit, a.value, a.precision, b.unit, b.value, b.precision)


def _same(unit_a: str | None, a: float, step_a: float, unit_b: str | None, b: float, step_b: float) -> bool:
    if unit_a != unit_b:
        return False
    hi = max(abs(a), abs(b))
    return hi == 0 or abs(a - b) <= max(step_a, step_b, 1e-9 * hi) / 2 + 1e-9 * hi
