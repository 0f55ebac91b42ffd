"""An optional semantic backend: a multilingual sentence embedding as one more piece of linking
evidence.  Off by default; docs/semantic.md says when it helps and what it costs.

`load(spec)` resolves a model:

- a local folder holding a model2vec static model (as `StaticModel.save_pretrained` writes it);
- `model2vec:NAME`: a model2vec model by its Hugging Face name (downloaded once, then cached);
- `sentence-transformers:NAME_OR_PATH`: a sentence-transformers model by name or local folder.

A local folder never downloads anything; only a model name the user writes does.  numpy and the
model packages are imported when a model is loaded, never on the default path.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Protocol

from ..errors import SemanticUnavailable

if TYPE_CHECKING:
    import numpy as np

    from ..model import Claim

__all__ = ["Embedder", "SemanticEvidence", "SemanticUnavailable", "load", "split_spec"]

INSTALL = "pip install 'claimcheck[semantic]'"
BACKENDS = ("model2vec", "sentence-transformers")
BATCH = 256  # sentences per call to the model
NEIGHBOURS = 5  # extra candidates per claim: its most similar claims of the same dimension elsewhere
NEIGHBOUR_SIMILARITY = 0.8  # cosine from which a similar sentence is a candidate
MAX_NEIGHBOUR_CLAIMS = 20_000  # above this, no extra candidates: the brute-force product grows quadratically
BLOCK = 512  # rows of the similarity matrix computed at once


class Embedder(Protocol):
    """A sentence embedding: one row per sentence, every row of length 1 (or 0 for a sentence
    the model knows no word of)."""

    def encode(self, sentences: list[str]) -> np.ndarray: ...


def split_spec(spec: str) -> tuple[str, str]:
    """(backend, name or path) of a model spec; the backend is "" for a bare local folder."""
    head, sep, rest = spec.partition(":")
    if sep and head in BACKENDS:
        return head, rest.strip()
    return "", spec.strip()


def load(spec: str) -> Embedder:
    """The embedder a spec names; SemanticUnavailable (one line) when its package is not
    installed or the model cannot be loaded."""
    backend, target = split_spec(spec)
    if not target:
        raise SemanticUnavailable(f"semantic: no model in {spec!r}: name a local model2vec model folder, "
                                  "model2vec:NAME or sentence-transformers:NAME")
    if backend == "sentence-transformers":
        return _sentence_transformers(target)
    if not backend and not os.path.isdir(target):
        raise SemanticUnavailable(f"{target}: no such model folder (semantic takes a local model2vec model folder, "
                                  "model2vec:NAME or sentence-transformers:NAME)")
    return _model2vec(target)


def _model2vec(target: str) -> Embedder:
    try:
        from model2vec import StaticModel
    except ImportError as e:
        raise SemanticUnavailable(f"the semantic backend needs the model2vec package ({_first_line(e)}): "
                                  f"{INSTALL}") from None
    try:
        model = StaticModel.from_pretrained(target)  # an existing folder is read, never fetched
    except Exception as e:  # a folder without the model's files, a name the hub does not know, no network
        raise SemanticUnavailable(f"{target}: cannot load a model2vec model: {_first_line(e)}") from None
    return _StaticEmbedder(model)


def _sentence_transformers(target: str) -> Embedder:
    try:
        from sentence_transformers import SentenceTransformer
    except ImportError as e:
        raise SemanticUnavailable(f"sentence-transformers:{target} needs the sentence-transformers package "
                                  f"({_first_line(e)}): {INSTALL} sentence-transformers") from None
    try:
        model = SentenceTransformer(target)
    except Exception as e:
        raise SemanticUnavailable(f"{target}: cannot load a sentence-transformers model: {_first_line(e)}") from None
    return _TransformerEmbedder(model)


def _first_line(error: BaseException) -> str:
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    return lines[0] if lines else type(error).__name__


class _StaticEmbedder:
    """A model2vec static model: the mean of its word vectors."""

    def __init__(self, model: Any):
        self.model = model

    def encode(self, sentences: list[str]) -> np.ndarray:
        return _unit_rows(self.model.encode(list(sentences)))


class _TransformerEmbedder:
    """A sentence-transformers model."""

    def __init__(self, model: Any):
        self.model = model

    def encode(self, sentences: list[str]) -> np.ndarray:
        return _unit_rows(self.model.encode(list(sentences), batch_size=32, show_progress_bar=False,
                                            convert_to_numpy=True, normalize_embeddings=True))


def _unit_rows(matrix: Any) -> np.ndarray:
    """`matrix` as float32 rows of length 1; rows of zeros stay zeros."""
    import numpy as np

    rows = np.asarray(matrix, dtype=np.float32)
    if rows.ndim == 1:
        rows = rows.reshape(1, -1)
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    return np.divide(rows, norms, out=np.zeros_like(rows), where=norms > 0)


def _text(claim: Claim) -> str:
    return claim.sentence or claim.object or claim.text


class SemanticEvidence:
    """The sentences of claims, each distinct sentence embedded once: `similarity(i, j)` is the
    cosine of the sentences of claims i and j (1 for one sentence, about 0 for unrelated ones)."""

    def __init__(self, claims: Sequence[Claim], embedder: Embedder, batch: int = BATCH):
        import numpy as np

        rows: dict[str, int] = {}
        self.row = np.array([rows.setdefault(_text(c), len(rows)) for c in claims], dtype=np.int64)
        texts = list(rows)
        parts = []
        for start in range(0, len(texts), batch):
            chunk = texts[start:start + batch]
            vectors = _unit_rows(embedder.encode(chunk))
            if len(vectors) != len(chunk):
                raise SemanticUnavailable(f"the semantic model gave {len(vectors)} vectors for {len(chunk)} sentences")
            parts.append(vectors)
        self.vectors = np.vstack(parts) if parts else np.zeros((0, 1), dtype=np.float32)
        self.docs = [c.doc or "" for c in claims]
        # plain lists for the scorer's one pair at a time: about twice as fast as indexing arrays
        self._rows, self._by_row = self.row.tolist(), list(self.vectors)

    def similarity(self, i: int, j: int) -> float:
        """The cosine of the sentences of claims i and j, to four decimals."""
        return round(float(self._by_row[self._rows[i]].dot(self._by_row[self._rows[j]])), 4)

    __call__ = similarity

    def neighbours(self, dimensions: Sequence[str], k: int = NEIGHBOURS,
                   threshold: float = NEIGHBOUR_SIMILARITY) -> list[tuple[int, int]]:
        """Pairs (i, j), i < j, of claims of one dimension (`dimensions[i]`) in different articles
        whose sentences are at least `threshold` similar: each claim with its `k` most similar
        (and any tied with the k-th).  Brute force, one matrix product per dimension in blocks of
        rows, so above MAX_NEIGHBOUR_CLAIMS claims it is skipped and gives no pairs."""
        import numpy as np

        if len(dimensions) > MAX_NEIGHBOUR_CLAIMS or not len(self.vectors):
            return []
        number = {doc: n for n, doc in enumerate(sorted(set(self.docs)))}
        docs = np.array([number[doc] for doc in self.docs], dtype=np.int64)
        by_dimension: dict[str, list[int]] = defaultdict(list)
        for i, dimension in enumerate(dimensions):
            by_dimension[dimension].append(i)
        found: set[tuple[int, int]] = set()
        for dimension in sorted(by_dimension):
            members = np.array(by_dimension[dimension], dtype=np.int64)
            if len(members) < 2:
                continue
            vectors, member_docs = self.vectors[self.row[members]], docs[members]
            for start in range(0, len(members), BLOCK):
                stop = min(len(members), start + BLOCK)
                sims = vectors[start:stop] @ vectors.T
                sims[member_docs[start:stop, None] == member_docs[None, :]] = -1.0
                lines, columns = np.nonzero(sims >= threshold - 1e-4)
                values = np.round(sims[lines, columns], 4)  # as similarity() gives them
                kept = values >= threshold
                if not kept.any():
                    continue
                order = np.lexsort((-values[kept], lines[kept]))  # by row, most similar first
                lines, columns, values = lines[kept][order], columns[kept][order], values[kept][order]
                bounds = np.flatnonzero(np.diff(lines)) + 1
                for line, near, similar in zip(lines[np.r_[0, bounds]], np.split(columns, bounds),
                                               np.split(values, bounds), strict=True):
                    if len(similar) > k:
                        near = near[similar >= similar[k - 1]]  # the k most similar, and any tied with the k-th
                    i = int(members[start + line])
                    for j in members[near].tolist():
                        found.add((i, j) if i < j else (j, i))
        return sorted(found)
