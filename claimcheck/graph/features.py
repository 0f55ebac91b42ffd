"""What each claim offers as evidence of what it measures: its dimension, concepts, names,
cognate keys of its words, the other numbers around it, and its time scope."""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from .. import lang as langdata
from ..extraction.numerals import parse_digits
from ..extraction.patterns import alternation
from ..model import Claim, Document, Kind, by_fields

CONTEXT_CHARS = 140
_WORD = re.compile(r"[^\W\d_][\w'’\-]*")
_LONG_WORD = re.compile(r"[^\W\d_][\w'’\-]{3,}")  # the words of _WORD of four letters or more
_CAP = r"[A-ZÀ-ÖØ-ÞĐ][\w&'’\-]*"
_NAME = re.compile(rf"(?<![\w])(?:{_CAP}|[a-z]+[A-Z]\w*)(?:[ \u00a0](?:{_CAP}|for|of|de|di|del|und|van|da))*")
_NUMBER_TOKEN = re.compile(r"(?<![\w.,])\d[\d.,:/]*\d(?![\w])|(?<![\w.,])\d(?![\w.,])")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\"“”«»(\n]\s*)$")
_STARTS: dict[str, bool] = {}  # the three characters before a word -> whether they end a sentence


@dataclass(frozen=True, slots=True)
class Features:
    """Linking evidence of one claim."""

    __reduce__ = by_fields

    index: int
    doc: str
    dimension: str
    object_concepts: frozenset[str]
    context_concepts: frozenset[str]
    names: frozenset[str]
    stems: frozenset[str]
    object_stems: frozenset[str]
    numbers: frozenset[str]  # the sentence's other distinctive figures, as values
    novel: bool
    position: float
    rank: float  # where the claim stands among the figures of its sentence (0 first, 1 last, -1 alone)
    minor_numbers: frozenset[str]  # its small numbers and years
    sentence_key: tuple[str, int]
    has_object: bool = False  # the claim says what it counts or measures
    head_concepts: frozenset[str] = frozenset()  # the concepts of the object's first words: what is counted


@functools.cache
def _language(code: str) -> langdata.Language:
    """`lang.get`, looked up once per code: features ask for it for every claim and sentence."""
    return langdata.get(code)


def dimension(claim: Claim) -> str:
    """What a claim's value can be compared with: counts with counts, money with money..."""
    kind = claim.kind
    if claim.share:
        return "percent"  # "two thirds of voters" and "67% of voters"
    if kind in (Kind.COUNT, Kind.NUMBER):
        return "count"
    if kind == Kind.PERCENT:
        return "pp" if claim.unit == "pp" else "percent"
    if kind == Kind.CURRENCY:
        return "money"
    if kind == Kind.DURATION:
        return "time"
    if kind == Kind.QUANTITY:
        dims = _language(claim.lang or "en").dimensions
        return dims.get(claim.unit or "", (claim.unit or "quantity", 1.0))[0]
    return str(kind)


@functools.lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """Lower case without accents: "Thương" -> "thuong", "città" -> "citta"."""
    decomposed = unicodedata.normalize("NFKD", word.lower().replace("đ", "d"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@functools.lru_cache(maxsize=65536)
def name_key(word: str) -> str:
    """A name as compared: folded, without quotes or an English possessive ("Montclar's")."""
    key = fold(word).replace("’", "'")
    return (key[:-2] if key.endswith("'s") else key).strip("'")


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A cheap cognate key: the folded word cut to five letters ("consumatori", "consumers",
    "consumidores" all give "consu")."""
    folded = fold(word)
    return folded[:5]


@functools.cache
def _concept_pattern(code: str) -> tuple[re.Pattern | None, dict[str, tuple[str, ...]]]:
    forms: dict[str, tuple[str, ...]] = {}
    for concept, words in langdata.concepts(code).items():
        for word in words:
            forms[word] = (*forms.get(word, ()), concept)  # "iscritti": members and students
    if not forms:
        return None, forms
    endings = langdata.plural_endings(code)
    tail = f"(?:{alternation(endings)})?" if endings else ""
    return re.compile(rf"(?<![\w])(?P<w>{alternation(forms)}){tail}(?![\w])"), forms


def _concept_of(m: re.Match, forms: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    """The concepts of a match, "pick-up points" read as "pick up points"."""
    word = m.group("w")
    return forms.get(" ".join(word.replace("-", " ").split())) or forms.get(word) or ()


@functools.cache
def _concepts_of_words(code: str) -> dict[str, frozenset[str]]:
    """Matched word -> `_concept_of` it as a set, per lexicon; filled as words are met."""
    return {}


@functools.lru_cache(maxsize=65536)
def concepts_in(text: str, code: str) -> frozenset[str]:
    """Concept ids named in `text`, in its language and in English (news in every language
    borrows English words: "brand", "voucher", "startup")."""
    return frozenset(c for _, _, found in concept_spans(text, code) for c in found)


@functools.cache
def _common_words(code: str) -> frozenset[str]:
    """Words that are no names even capitalised ("University", "März", "Prozent", "Euro"):
    concept words of the language and of English, months, weekdays, units, currencies, scales."""
    words = set()
    for lexicon in {code, "en"}:
        for forms in langdata.concepts(lexicon).values():
            words.update(w for form in forms for w in form.split())
        language = langdata.get(lexicon)
        for table in (language.months, language.month_abbreviations, language.weekdays, language.percent_words,
                      language.unit_words, language.currency_words, language.scales, language.durations,
                      language.stopwords):
            words.update(w for phrase in table for w in phrase.split())
    return frozenset(words)


@functools.cache
def _novelty_pattern(words: tuple[str, ...]) -> re.Pattern:
    return re.compile(rf"(?<![\w]){alternation(words)}(?![\w])")


_CLAUSE_END = re.compile(r"[,;:.()]")


def _novel(claim: Claim, words: tuple[str, ...]) -> bool:
    """Whether the claim counts something new ("2,600 new brands", "introduced for the first time")."""
    at = claim.start - claim.sentence_start
    after = _CLAUSE_END.split(claim.sentence[at + len(claim.text):at + len(claim.text) + 40], maxsplit=1)[0]
    near = (claim.sentence[max(0, at - 30):at] + " " + claim.object + " " + after).lower()
    return bool(words) and _novelty_pattern(words).search(near) is not None


_CODE_THEN_DIGIT = re.compile(r"([A-Z]{3})\d")


@functools.cache
def _currency_codes() -> frozenset[str]:
    from babel.numbers import list_currencies

    return frozenset(list_currencies())


def _amount_like(token: str) -> bool:
    """"VND10,6" or "USD5": an amount written after its currency code, no name."""
    m = _CODE_THEN_DIGIT.match(token)
    return bool(m and m.group(1) in _currency_codes())


def known_names(documents) -> frozenset[str]:
    """Words that are names wherever they stand, even first in a sentence: those some article
    capitalises after a lower-case word, and those articles in two languages both capitalise."""
    known = KnownNames()
    for doc in documents:
        known.add(doc)
    return known.names()


class KnownNames:
    """`known_names` gathered one document at a time, as the documents are read."""

    def __init__(self) -> None:
        self._found: set[str] = set()
        self._by_lang: dict[str, set[str]] = {}

    def add(self, doc: Document) -> None:
        if not _language(doc.lang).nouns_capitalised:  # German capitalises every noun
            self._found.update(map(name_key, set(_MID_CAPITAL.findall(doc.text))))
        self._by_lang.setdefault(doc.lang, set()).update(map(name_key, set(_CAPITAL.findall(doc.text))))

    def names(self) -> frozenset[str]:
        found = set(self._found)
        languages = list(self._by_lang.values())
        for i, words in enumerate(languages):
            for other in languages[i + 1:]:
                found |= words & other
        return frozenset(found)


# The capital first and the look-behind after it: the regex engine then skips to capitals quickly.
_CAPITAL = re.compile(r"[A-ZÀ-ÖØ-ÞĐ](?<![\w][A-ZÀ-ÖØ-ÞĐ])[\w&'’\-]{3,}")
_MID_CAPITAL = re.compile(r"[a-zà-ÿ0-9,][ \u00a0]([A-ZÀ-ÖØ-ÞĐ][\w&'’\-]+)")


@dataclass(frozen=True, slots=True)
class _Sentence:
    """What linking reads from a sentence, read once for all its claims."""

    concepts: tuple[tuple[int, int, frozenset[str]], ...]  # (start, end, concept ids) of each mention
    names: frozenset[str]
    words: tuple[tuple[int, str], ...]  # (start, stem) of every word of four letters or more
    numbers: tuple[tuple[int, int, str, bool], ...]  # (start, end, value key, minor) of each number


@functools.lru_cache(maxsize=65536)
def head_concepts(text: str, code: str) -> frozenset[str]:
    """The concepts named by the first words of a measured object ("brands" in "brands
    participating"): what a count counts, the rest qualifies it."""
    start = len(text) - len(text.lstrip())
    return frozenset(c for s, _, found in concept_spans(text, code) if s == start for c in found)


def concept_spans(text: str, code: str) -> list[tuple[int, int, frozenset[str]]]:
    """Where `text` names a concept, in its language and in English."""
    spans = []
    low = text.lower()
    for lexicon in dict.fromkeys((code, "en")):
        pattern, forms = _concept_pattern(lexicon)
        if pattern is None:
            continue
        known = _concepts_of_words(lexicon)
        for m in pattern.finditer(low):
            found = known.get(m.group("w"))
            if found is None:
                found = known[m.group("w")] = frozenset(_concept_of(m, forms))
            if found:
                spans.append((m.start(), m.end(), found))
    return spans


def _read_sentence(sentence: str, code: str, known_names: frozenset[str],
                   seen: dict[tuple[str, bool], tuple[str, ...]] | None = None,
                   order: list[str | tuple[str, bool]] | None = None) -> _Sentence:
    """`seen`: the names already read from a capitalised run of words, at a sentence's start or
    not, for this language and these known names (a corpus repeats its names a lot).

    `order`, when given: the runs whose names depend on the known names are left out, and the
    sentence's names are listed there in the order they are read, with those runs (run, first in
    the sentence) in their places, to be read when the known names are (see `early.py`)."""
    language = _language(code)
    stop = language.stopwords
    names: set[str] = set()
    seen = {} if seen is None else seen
    waiting = False
    for m in _NAME.finditer(sentence):
        # A capitalised first word is a name only if some article capitalises it mid-sentence.
        before = sentence[max(0, m.start() - 3):m.start()]
        first = _STARTS.get(before)
        if first is None:
            first = _STARTS[before] = bool(_SENTENCE_START.search(before))
        key = (m.group(), first)
        if order is not None and _needs_known(key[0], first, language):
            order.append(key)
            waiting = True
            continue
        found = seen.get(key)
        if found is None:
            found = seen[key] = _names_of(m.group(), first, language, known_names)
        names.update(found)
        if order is not None:
            order.extend(found)
    if order is not None and not waiting:
        order.clear()
    numbers = []
    tokens = _number_keys(code)
    for m in _NUMBER_TOKEN.finditer(sentence):
        token = m.group()
        found = tokens.get(token)
        if found is None:
            found = tokens[token] = _number_key(token, code)
        start, end = m.span()
        if not (found[2] and _day_month(sentence[end:end + 24], language.scales)):
            numbers.append((start, end, found[0], found[1]))
    keys = _word_keys(code)
    words = []
    for m in _LONG_WORD.finditer(sentence):
        word = m.group()
        key = keys.get(word)
        if key is None:
            key = keys[word] = stem(word) if word.lower() not in stop else ""
        if key:
            words.append((m.start(), key))
    return _Sentence(tuple(concept_spans(sentence, code)), frozenset(names), tuple(words), tuple(numbers))


def _needs_known(run: str, first: bool, language: langdata.Language) -> bool:
    """Whether what `_names_of` reads in a run depends on the corpus's known names."""
    return language.nouns_capitalised or (first and " " not in run)


def _names_of(run: str, first: bool, language: langdata.Language, known_names: frozenset[str]) -> tuple[str, ...]:
    """The names of a run of capitalised words: the whole run and its rarer words."""
    if first and " " not in run and name_key(run) not in known_names:
        return ()
    if language.nouns_capitalised:  # only words other languages capitalise too are names here
        run = " ".join(t for t in run.split() if name_key(t) in known_names)
    stop, common = language.stopwords, _common_words(language.code)
    words = [t for t in run.split() if t[:1].isupper()]
    while words and words[0].lower() in stop:  # "The Sorvento Civic Museum", "Il Museo Civico"
        words.pop(0)
    names = []
    if len(words) > 1:  # "Đồng Lâm", "Ho Chi Minh": the whole name, whatever its syllables
        names.append(" ".join(name_key(t) for t in words))
    tokens = [name_key(t) for t in words if t.lower() not in common and t.lower() not in stop and not _amount_like(t)]
    names.extend(t for t in tokens if len(t) > 3)
    return tuple(names)


@functools.cache
def _word_keys(code: str) -> dict[str, str]:
    """Word of four letters or more -> its cognate key, or "" for stopwords; filled as words are met."""
    return {}


@functools.cache
def _number_keys(code: str) -> dict[str, tuple[str, bool, bool]]:
    """Number token -> its `_number_key`, per language; filled as tokens are met."""
    return {}


def _number_key(token: str, code: str) -> tuple[str, bool, bool]:
    """A number of a sentence as a value key ("912,000" and "912.000" meet), whether it is
    minor (days, small counts and years are in too many sentences to align on alone), and
    whether it reads as a day and a month ("11.11", "6/18")."""
    parsed = parse_digits(token, _language(code))
    key = f"{parsed[0]:.4g}" if parsed else token
    m = _DAY_MONTH.fullmatch(token)
    dated = bool(m and 1 <= int(m[1]) <= 31 and 1 <= int(m[2]) <= 31 and min(int(m[1]), int(m[2])) <= 12)
    return key, bool(parsed and parsed[1] == 0 and (parsed[0] < 100 or 1900 <= parsed[0] <= 2100)), dated


_DAY_MONTH = re.compile(r"(\d{1,2})[./](\d{1,2})")


def _day_month(after: str, scales: dict[str, float]) -> bool:
    """Whether a number that reads as a day and a month is a date or a festival's name ("11.11",
    "6/18"), no figure to align sentences on: unless a scale word follows ("1.25 billion")."""
    nxt = after.split(None, 1)
    return not (nxt and nxt[0].lower() in scales)


def warm(codes: set[str]) -> None:
    """Compile the languages' concept patterns and word lists once, before forking workers that
    would each compile them again."""
    for code in sorted(codes | {"en"}):
        _concept_pattern(code)
        _common_words(code)


class FeatureReader:
    """Features of the claims of one corpus; each sentence is read once."""

    def __init__(self, documents, known: frozenset[str] | None = None):
        self.docs = {d.id: d for d in documents}
        self.known_names = known_names(documents) if known is None else known
        self._sentences: dict[tuple[str, int], _Sentence] = {}
        self._names: dict[str, dict[tuple[str, bool], tuple[str, ...]]] = {}  # per language

    def __call__(self, index: int, claim: Claim) -> Features:
        doc = self.docs.get(claim.doc or "")
        code = claim.lang or (doc.lang if doc else "en")
        key = (claim.doc or "", claim.sentence_start)
        sentence = self._sentences.get(key)
        if sentence is None or key[0] == "":
            sentence = self._sentences[key] = _read_sentence(claim.sentence, code, self.known_names,
                                                             self._names.setdefault(code, {}))
        return _features(index, claim, doc, code, sentence)


def extract_features(index: int, claim: Claim, doc: Document | None,
                     known: frozenset[str] = frozenset()) -> Features:
    """The features of one claim (FeatureReader does a corpus, reading each sentence once)."""
    code = claim.lang or (doc.lang if doc else "en")
    return _features(index, claim, doc, code, _read_sentence(claim.sentence, code, known))


def _features(index: int, claim: Claim, doc: Document | None, code: str, sentence: _Sentence) -> Features:
    language = _language(code)
    at = claim.start - claim.sentence_start
    end = at + len(claim.text)
    lo, hi = at - CONTEXT_CHARS, end + CONTEXT_CHARS
    object_concepts = concepts_in(claim.object, code) if claim.object else frozenset()
    head = head_concepts(claim.object, code) if object_concepts else frozenset()
    context_concepts: set[str] = set()
    for s, e, found in sentence.concepts:
        if lo <= s and e <= hi and (e <= at or s >= end):
            context_concepts |= found
    context_concepts -= object_concepts
    object_keys, object_stems, has_object = _object_words(claim.object, code)
    stems = {w for s, w in sentence.words if lo <= s < hi and not at <= s < end}
    stems |= object_keys
    numbers, minor = set(), set()
    before = others = 0
    for s, _, key, small in sentence.numbers:
        if at <= s < end:
            continue
        others += 1
        before += s < at
        (minor if small else numbers).add(key)
    rank = before / others if others else -1.0
    return Features(
        index=index, doc=claim.doc or "", dimension=dimension(claim),
        object_concepts=frozenset(object_concepts), context_concepts=frozenset(context_concepts),
        names=sentence.names, stems=frozenset(stems), numbers=frozenset(numbers), object_stems=object_stems,
        novel=_novel(claim, language.novelty),
        position=claim.start / max(1, len(doc.text)) if doc else 0.0, rank=rank,
        minor_numbers=frozenset(minor),
        sentence_key=(claim.doc or "", claim.sentence_start), has_object=has_object, head_concepts=head,
    )


@functools.lru_cache(maxsize=65536)
def _object_words(text: str, code: str) -> tuple[frozenset[str], frozenset[str], bool]:
    """What a measured object's words give: the cognate keys of its words of four letters or
    more (stopwords aside), the folded ones of those not capitalised (object stems), and whether
    it has a word at all."""
    stop = _language(code).stopwords
    words = [w for w in _WORD.findall(text) if len(w) >= 4 and w.lower() not in stop]
    return (frozenset(stem(w) for w in words), frozenset(fold(w) for w in words if not w[0].isupper()),
            bool(_WORD.search(text)))
