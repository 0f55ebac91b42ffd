"""Features read where the documents are read.

A reading worker reads the features of its documents' claims after extracting them, instead of
a second round of workers after reading.  Only what needs the whole corpus waits: the names that
the corpus's known names decide (a capitalised first word is a name only if some article
capitalises it mid-sentence; in German only known names count) are read once every document is
in.  The features are equal to the ones `FeatureReader` reads.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass

from .. import lang as langdata
from ..model import Claim, Document
from .features import Features, KnownNames, _features, _names_of, _read_sentence, _Sentence

# A sentence's names in the order they are read: names, and the runs of capitalised words (run,
# first in the sentence) whose names wait for the known names.
Order = tuple[str | tuple[str, bool], ...]


@dataclass(slots=True)
class DocumentFeatures:
    """The features of one document's claims, numbered from 0 in the document, without the names
    that wait for the known names; `waiting` says which: (language, the claims of the sentence by
    number, the sentence's `Order`)."""

    features: list[Features]
    waiting: list[tuple[str, tuple[int, ...], Order]]


def read_document(doc: Document, claims: Sequence[Claim]) -> DocumentFeatures:
    """The features of the claims of `doc`, as extracted from it (in a reading worker)."""
    sentences: dict[int, _Sentence] = {}
    waiting: dict[int, tuple[str, list[int], Order]] = {}
    features = []
    for n, claim in enumerate(claims):
        code = claim.lang or doc.lang
        start = claim.sentence_start
        sentence = sentences.get(start)
        if sentence is None:
            order: list[str | tuple[str, bool]] = []
            sentence = sentences[start] = _read_sentence(claim.sentence, code, frozenset(), _seen(code), order)
            if order:
                waiting[start] = (code, [n], tuple(order))
        elif start in waiting:
            waiting[start][1].append(n)
        features.append(_features(n, claim, doc, code, sentence))
    return DocumentFeatures(features, [(code, tuple(ns), order) for code, ns, order in waiting.values()])


@functools.cache
def _seen(code: str) -> dict[tuple[str, bool], tuple[str, ...]]:
    """The names of runs that do not depend on the known names, per language, filled as met."""
    return {}


class CorpusFeatures:
    """The features of a corpus, gathered document by document as the reading workers send them,
    and completed with the corpus's known names once every document is in."""

    def __init__(self) -> None:
        self._parts: list[DocumentFeatures] = []
        self._known = KnownNames()

    def add(self, doc: Document, part: DocumentFeatures, first: int) -> None:
        """The features of `doc`, whose claims are numbered from `first` in the corpus."""
        doc_id, setter = doc.id, object.__setattr__  # features made in this run, held by no one else yet
        for n, f in enumerate(part.features, first):
            setter(f, "index", n)
            setter(f, "doc", doc_id)
            setter(f, "sentence_key", (doc_id, f.sentence_key[1]))
        self._parts.append(part)
        self._known.add(doc)

    def complete(self) -> list[Features]:
        """The features of every claim, in corpus order, their names read."""
        known = self._known.names()
        seen: dict[tuple[str, str, bool], tuple[str, ...]] = {}
        features: list[Features] = []
        for part in self._parts:
            for code, claims, order in part.waiting:
                language = langdata.get(code)
                names: set[str] = set()
                added = False
                for item in order:
                    if isinstance(item, str):
                        names.add(item)
                        continue
                    found = seen.get((code, *item))
                    if found is None:
                        found = seen[(code, *item)] = _names_of(item[0], item[1], language, known)
                    names.update(found)
                    added = added or bool(found)
                if added:
                    read = frozenset(names)
                    for n in claims:
                        object.__setattr__(part.features[n], "names", read)
            features.extend(part.features)
        return features
