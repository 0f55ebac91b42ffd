"""Candidate pairs by blocking, and the weight of the evidence that a pair measures one thing.

Blocking keys pair a claim's dimension with one of its concepts, names or rounded value; a key
shared by too many claims says little and is dropped, so the number of compared pairs grows
about linearly with the corpus instead of quadratically.
"""

from __future__ import annotations

import functools
import itertools
import math
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from ..model import by_fields
from .features import Features

MAX_BLOCK = 40
COGNATE = 80  # rapidfuzz ratio from which two words of two languages count as one ("vino", "vinho")
LINK_THRESHOLD = 0.55
MIN_RELATEDNESS = 0.45
ALIGNED = 0.55  # relatedness of articles that tell one story (translations, rewrites)
POSITION_SPAN = 0.15  # share of the article within which two claims count as in the same place
SAME_PASSAGE = 0.1  # share of the article within which two claims may be one passage translated
SHARED_FOR_SAME_STORY = 3.0  # weight of rare names and figures two articles share when they tell one story
RARE_ENOUGH = 0.5  # a shared name or figure in at most two or three articles
SMALL_CORPUS = 20  # articles below which every shared name counts as rare
STORY_SIZE = 8  # articles one story may have: a release and its translations
# The optional semantic backend (graph/semantic.py): sentences at least this similar (cosine) add
# up to SEMANTIC_BONUS, in proportion, to a pair that passed every other gate.
SIMILAR_FROM = 0.5
SEMANTIC_BONUS = 0.25


@dataclass(frozen=True, slots=True)
class Evidence:
    """Why two claims were linked, for the explanation of a finding."""

    __reduce__ = by_fields

    weight: float
    concepts: tuple[str, ...]
    names: tuple[str, ...]
    stems: tuple[str, ...]
    numbers: tuple[str, ...]
    same_value: bool
    conversion: bool = False
    similarity: float | None = None  # cosine of the two sentences, with the semantic backend

    def describe(self) -> str:
        if self.conversion:
            return "one is written as the conversion of the other"
        parts = []
        if self.concepts:
            parts.append("both about " + ", ".join(c.replace("_", " ") for c in self.concepts))
        if self.names:
            parts.append("both name " + ", ".join(self.names))
        if self.numbers:
            parts.append("the same context figures " + ", ".join(self.numbers))
        if self.stems and not self.concepts:
            parts.append("shared words (" + ", ".join(self.stems) + ")")
        if self.similarity is not None and self.similarity > SIMILAR_FROM:
            parts.append(f"similar sentences (cosine {self.similarity:.2f})")
        if self.same_value:
            parts.append("the same value")
        return "; ".join(parts) or "similar context"


_NONE = Evidence(0.0, (), (), (), (), False)


def block_keys(f: Features, value_key: str | None) -> list[tuple[str, str, str]]:
    """A claim's blocking keys, each once: its dimension with each of its concepts, its names, the
    other figures of its sentence, and its value to two significant digits."""
    dimension = f.dimension
    keys = [(dimension, "c", c) for c in f.object_concepts | f.context_concepts]
    keys += [(dimension, "n", n) for n in f.names]
    keys += [(dimension, "x", x) for x in f.numbers]  # translations keep a sentence's other figures
    if value_key:
        keys.append((dimension, "v", value_key))
    return keys


def value_key(value: float) -> str | None:
    """The value to two significant digits: equal figures written differently meet here."""
    if value == 0 or not math.isfinite(value):
        return None
    digits = 1 - math.floor(math.log10(abs(value)))
    return f"{round(value, digits):.6g}"


def candidate_pairs(features: list[Features], values: list[float]) -> list[tuple[int, int]]:
    """The pairs of claims that share a blocking key (no key shared by more than MAX_BLOCK),
    each once, smaller index first, sorted."""
    blocks: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for f in features:
        for key in block_keys(f, value_key(values[f.index])):
            blocks[key].append(f.index)
    pairs: set[tuple[int, int]] = set()
    for members in blocks.values():
        if 2 <= len(members) <= MAX_BLOCK:
            pairs.update(itertools.combinations(sorted(members), 2))
    # Sorted as numbers, which compare faster than pairs: a * n + b orders as (a, b) for b < n.
    n = max(1, len(features))
    return [divmod(k, n) for k in sorted([a * n + b for a, b in pairs])]


@functools.lru_cache(maxsize=65536)
def rarity(df: int, documents: int) -> float:
    """1 for an item in one article, less the more articles carry it.  Rarity is judged as if
    among at least SMALL_CORPUS articles: in a folder of three translations every name is in
    every article, and still rare."""
    return 1.0 / (1.0 + math.log(max(1.0, _scaled(df, documents))))


def _scaled(df: int, documents: int) -> float:
    return df * min(1.0, documents / SMALL_CORPUS)


def few(df: int, documents: int) -> bool:
    """Whether a name is in so few articles that they may all tell one story: a release and
    its translations (STORY_SIZE articles), or any name in a small corpus."""
    return _scaled(df, documents) <= STORY_SIZE


@functools.lru_cache(maxsize=1 << 17)
def cognates(a: frozenset[str], b: frozenset[str]) -> tuple[str, ...]:
    """Words of two objects that are the same word or cognates across languages ("vino" and
    "vinho", "turbines" and "turbinen"), by rapidfuzz's similarity ratio."""
    if not a or not b:
        return ()
    from rapidfuzz.fuzz import ratio

    return tuple(sorted(x for x in a if any(x == y or ratio(x, y) >= COGNATE for y in b)))


class Relatedness:
    """How much two articles are about the same story: the rare names and the distinctive
    figures they share, each weighted down the more articles carry it (translations share many,
    reports of one event a few, unrelated articles hardly any)."""

    def __init__(self, features: list[Features], values: list[float]):
        self.names: dict[str, set[str]] = defaultdict(set)
        self.figures: dict[str, set[str]] = defaultdict(set)
        for f in features:
            self.names[f.doc] |= f.names
            key = value_key(values[f.index])
            if key and f.dimension not in ("year", "ordinal") and abs(values[f.index]) >= 10:
                self.figures[f.doc].add(f"{f.dimension}:{key}")
        docs = set(self.names) | set(self.figures)
        self.total = max(2, len(docs))
        self.name_df = Counter(n for names in self.names.values() for n in names)
        self.figure_df = Counter(v for figures in self.figures.values() for v in figures)
        self.weight = {x: rarity(df, self.total) for df_table in (self.name_df, self.figure_df)
                       for x, df in df_table.items()}
        self.name_total = {d: self._sum(_once(items)) for d, items in self.names.items()}
        self.figure_total = {d: self._sum(items) for d, items in self.figures.items()}
        self._cache: dict[tuple[str, str], float] = {}

    def share_rare_name(self, a: str, b: str) -> bool:
        """Whether two articles name a company, place or person few articles name."""
        shared = self.names.get(a, set()) & self.names.get(b, set())
        return any(few(self.name_df[n], self.total) for n in shared)

    def _sum(self, items) -> float:
        return sum(self.weight[x] for x in items)

    def __call__(self, a: str, b: str) -> float:
        """0 for articles that share nothing rare, 1 for translations of one release."""
        if a == b:
            return 1.0
        key = (a, b) if a < b else (b, a)
        found = self._cache.get(key)
        if found is None:
            found = self._cache[key] = self._relatedness(a, b)
        return found

    def _relatedness(self, a: str, b: str) -> float:
        names = self._sum(_once(self.names[a] & self.names[b])) if a in self.names and b in self.names else 0.0
        figures = self._sum(self.figures[a] & self.figures[b]) if a in self.figures and b in self.figures else 0.0
        shared = names + figures
        if not shared:
            return 0.0
        absolute = min(1.0, shared / SHARED_FOR_SAME_STORY)
        # Short articles share few items, but most of what they have: count the share too,
        # as long as what they share is rare enough to mean something.
        parts = [_share(names, self.name_total, a, b), _share(figures, self.figure_total, a, b)]
        coverage = max(p for p in parts if p is not None) if any(p is not None for p in parts) else 0.0
        return max(absolute, coverage * min(1.0, shared / RARE_ENOUGH))


def _share(shared: float, totals: dict[str, float], a: str, b: str) -> float | None:
    """The part of the smaller article's items that the two share."""
    if a not in totals or b not in totals or not totals[a] or not totals[b]:
        return None
    return shared / max(min(totals[a], totals[b]), shared, 1.0)


def _once(items: set[str]) -> set[str]:
    """Shared names with the words of a shared longer name left out: "european investment bank"
    is one name, not three."""
    inside = {word for item in items if " " in item for word in item.split()}
    return {item for item in items if item not in inside}


class Scorer:
    """Weighs the evidence of a pair; rare names and concepts count more than common ones."""

    def __init__(self, features: list[Features], groups: dict[str, frozenset[str]] | None = None,
                 relatedness: Relatedness | None = None, similarity: Callable[[int, int], float] | None = None):
        """`similarity(i, j)`: how alike the sentences of claims i and j are (the semantic backend)."""
        self.name_df = Counter(n for f in features for n in f.names)
        self.concept_df = Counter(c for f in features for c in f.object_concepts | f.context_concepts)
        self.total = max(1, len(features))
        self.groups = groups or {}
        self.relatedness = relatedness
        self.per_dimension = Counter((f.doc, f.dimension) for f in features)
        self.concept_idf = {c: self._idf(df) for c, df in self.concept_df.items()}
        self.name_idf = {n: self._idf(df) for n, df in self.name_df.items()}
        self._related_cache: dict[tuple[frozenset[str], frozenset[str]], bool] = {}
        self.similarity = similarity

    def _related(self, a: frozenset[str], b: frozenset[str]) -> bool:
        key = (a, b)
        found = self._related_cache.get(key)
        if found is None:
            found = self._related_cache[key] = any(self.groups.get(x, frozenset()) & b for x in a)
        return found

    def _idf(self, df: int) -> float:
        return math.log(1 + self.total / max(1, df)) / math.log(1 + self.total)

    def rare_name(self, a: Features, b: Features) -> bool:
        """Whether the two claims' sentences share a name few articles carry."""
        docs = self.relatedness.name_df if self.relatedness else self.name_df
        total = self.relatedness.total if self.relatedness else self.total
        return any(few(docs[n], total) for n in a.names & b.names)

    def score(self, a: Features, b: Features, same_value: bool, confirmed: bool = True,
              rel: float | None = None) -> Evidence:
        """`confirmed`: the two articles already agree on other figures, so they tell one story;
        `rel`: the relatedness of the two articles, when the caller knows it."""
        none = _NONE
        if a.dimension != b.dimension or a.sentence_key == b.sentence_key or a.novel != b.novel:
            return none  # "250,000 new brands" and "290,000 brands" are different measures
        if rel is None:
            rel = self.relatedness(a.doc, b.doc) if self.relatedness else 1.0
        if rel < MIN_RELATEDNESS:
            return none  # articles about different stories
        if not same_value and not confirmed and not self.rare_name(a, b):
            return none  # different figures, articles not known to tell one story, no rare name in common
        shared_object = a.object_concepts & b.object_concepts
        object_stems = cognates(a.object_stems, b.object_stems)
        numbers = a.numbers & b.numbers
        context = (a.object_concepts | a.context_concepts) & (b.object_concepts | b.context_concepts)
        # Articles that tell one story and each state one figure of this dimension: they state the same one.
        # Not for counts: what a count counts is in its words, which may well differ.
        sole = (rel >= ALIGNED and a.dimension != "count"
                and self.per_dimension[(a.doc, a.dimension)] == 1 == self.per_dimension[(b.doc, b.dimension)])
        # Different figures in articles not known to tell one story: the two sentences must name the
        # same rare company, place or product (tested first, above), and not say they count different things.
        if (not same_value and not confirmed and a.object_concepts and b.object_concepts and not (
                shared_object or object_stems or sole or self._related(a.object_concepts, b.object_concepts))):
            return none
        if (not same_value and a.dimension == "count" and a.has_object and b.has_object
                and abs(a.position - b.position) > SAME_PASSAGE):
            # Both say what they count, and nothing says it is the same thing: only a translation of
            # the same passage may count one thing in words the lexicon does not know.
            head_a, head_b = a.head_concepts or a.object_concepts, b.head_concepts or b.object_concepts
            if not (head_a & head_b or object_stems or self._related(head_a, head_b)):
                return none
        # In translations, sentences that share their other figures or what they talk about.
        every_a, every_b = a.numbers | a.minor_numbers, b.numbers | b.minor_numbers
        figures = len(every_a & every_b)
        aligned = rel >= ALIGNED and bool(numbers or context or sole or figures)
        if not (same_value or shared_object or object_stems or aligned):
            return none  # different values are compared only when the claims count the same thing
        weight = 0.2 * rel
        if rel >= ALIGNED and a.doc != b.doc:
            # Translations keep the order of the text: claims at the same place are likelier to match.
            weight += 0.15 * rel * max(0.0, 1.0 - abs(a.position - b.position) / POSITION_SPAN)
        if sole and a.doc != b.doc:
            weight += 0.3
        if shared_object:
            weight += 0.45 + 0.1 * max(self.concept_idf[c] for c in shared_object)
        elif object_stems or self._related(a.object_concepts, b.object_concepts):
            weight += 0.3
        elif (a.object_concepts and b.object_concepts and (rel < ALIGNED or a.dimension == "count")
              and not self._related(a.object_concepts, b.object_concepts)):
            weight -= 0.35  # both say what they count, and it is not the same thing
        near = context  # no longer needed as it was
        near -= shared_object
        weight += min(0.3, sum(0.15 * self.concept_idf[c] for c in near))
        names = a.names & b.names
        weight += min(0.3, sum(0.15 * self.name_idf[n] for n in names))
        stems = a.stems & b.stems
        union = (len(a.stems) + len(b.stems) - len(stems)) or 1  # len(a.stems | b.stems)
        weight += 0.2 * len(stems) / union
        if figures:
            # Translations of one sentence keep its other figures: the same set of neighbours
            # tells which of several figures in the sentence is which.
            weight += 0.3 * figures / (len(every_a) + len(every_b) - figures)
        if a.rank >= 0 and b.rank >= 0 and a.doc != b.doc and rel >= ALIGNED:
            weight += 0.1 * (1.0 - abs(a.rank - b.rank))
        if same_value:
            # In articles about one story an equal figure is strong evidence; elsewhere a weak one.
            weight += 0.15 + 0.4 * rel + (0.15 if a.dimension in ("year", "ordinal") else 0.0)
        similar = None
        if self.similarity is not None:
            # Past every gate: similar sentences are one more piece of evidence, never the only one.
            similar = self.similarity(a.index, b.index)
            weight += SEMANTIC_BONUS * max(0.0, (similar - SIMILAR_FROM) / (1.0 - SIMILAR_FROM))

        weight = round(max(0.0, min(1.0, weight)), 3)
        if weight < LINK_THRESHOLD:
            return Evidence(weight, (), (), (), (), same_value)  # no edge: no need to say why
        return Evidence(
            weight=weight,
            concepts=tuple(sorted(shared_object or near)), names=tuple(sorted(names)),
            stems=tuple(sorted(stems))[:5], numbers=tuple(sorted(numbers)), same_value=same_value,
            similarity=similar,
        )
