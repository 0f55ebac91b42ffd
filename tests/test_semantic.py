"""The optional semantic backend (claimcheck/graph/semantic.py, docs/semantic.md), with a tiny
model2vec model built here: no download, no network.

The model knows a few words in English, Italian, Vietnamese and Spanish.  Every word of one concept
("boat", "nave", "thuyền", "barco") gets that concept's one-hot vector plus a little noise, so the
mean vector of a sentence is about the mix of its concepts: a translation has about the same
vector (cosine near 1), a sentence about other things one at right angles (cosine near 0), and a
sentence of unknown words none at all (model2vec drops unknown words).
"""

from __future__ import annotations

import json
import os
import pathlib
import subprocess
import sys
import textwrap

import pytest
from click.testing import CliRunner

from claimcheck import config, graph
from claimcheck.cli import cli
from claimcheck.errors import SemanticUnavailable
from claimcheck.graph import semantic
from claimcheck.model import Claim, Kind, Qualifier
from claimcheck.run import CheckOptions, check, extract_paths

np = pytest.importorskip("numpy")
pytest.importorskip("model2vec")
pytest.importorskip("tokenizers")

ROOT = pathlib.Path(__file__).resolve().parent.parent

CONCEPTS = {  # concept: its word in en, it, vi, es
    "boat": ("boat", "nave", "thuyền", "barco"),
    "carry": ("carried", "trasportato", "chở", "transportó"),
    "sheep": ("sheep", "pecore", "cừu", "ovejas"),
    "island": ("island", "isola", "đảo", "isla"),
    "spring": ("spring", "primavera", "xuân", "primavera"),
    "trial": ("trial", "prova", "thử", "prueba"),
    "rain": ("rain", "pioggia", "mưa", "lluvia"),
    "school": ("school", "scuola", "trường", "escuela"),
    "closed": ("closed", "chiuso", "đóng", "cerró"),
}
NOISE = 0.02  # per coordinate: translations stay above 0.95, unrelated sentences below 0.2

SHEEP_EN = "During the spring trial, the boat carried 120 sheep to the island."
SHEEP_IT = "Durante la prova di primavera, la nave ha trasportato 150 pecore sull'isola."
SHEEP_VI = "Trong đợt thử mùa xuân, thuyền đã chở 130 con cừu ra đảo."
SHEEP_ES = "Durante la prueba de primavera, el barco transportó 140 ovejas a la isla."
RAIN_EN = "Rain closed the school for 2 days."


def build_model(folder: pathlib.Path) -> pathlib.Path:
    """A model2vec static model over CONCEPTS, saved in model2vec's format."""
    from model2vec import StaticModel
    from tokenizers import Tokenizer, models, normalizers, pre_tokenizers

    rng = np.random.default_rng(7)
    vocab = {"[UNK]": 0}
    vectors = [np.zeros(len(CONCEPTS))]
    for n, words in enumerate(CONCEPTS.values()):
        for word in dict.fromkeys(words):  # "primavera" is Italian and Spanish
            vocab[word] = len(vocab)
            vectors.append(np.eye(len(CONCEPTS))[n] + rng.normal(0.0, NOISE, len(CONCEPTS)))
    tokenizer = Tokenizer(models.WordLevel(vocab=vocab, unk_token="[UNK]"))
    tokenizer.normalizer = normalizers.Lowercase()
    tokenizer.pre_tokenizer = pre_tokenizers.Whitespace()
    StaticModel(np.array(vectors, dtype=np.float32), tokenizer, normalize=True).save_pretrained(str(folder))
    return folder


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory: pytest.TempPathFactory) -> pathlib.Path:
    return build_model(tmp_path_factory.mktemp("semantic") / "tiny-model")


@pytest.fixture(scope="module")
def embedder(model_dir: pathlib.Path) -> semantic.Embedder:
    return semantic.load(str(model_dir))


def _claim(text: str, sentence: str, doc: str, kind: Kind = Kind.COUNT) -> Claim:
    at = sentence.index(text)
    return Claim(text=text, value=float(text), kind=kind, unit=None, qualifier=Qualifier.EXACT, low=None, high=None,
                 start=at, end=at + len(text), sentence=sentence, doc=doc)


# ------------------------------------------------------------------------------ the model


def test_load_a_local_model2vec_folder(embedder: semantic.Embedder) -> None:
    vectors = embedder.encode([SHEEP_EN, RAIN_EN, "nothing here is known"])
    assert vectors.shape == (3, len(CONCEPTS))
    assert np.allclose(np.linalg.norm(vectors[:2], axis=1), 1.0, atol=1e-5)
    assert not vectors[2].any()  # no known word: no direction at all


def test_translations_are_more_similar_than_unrelated_sentences(embedder: semantic.Embedder) -> None:
    claims = [_claim("120", SHEEP_EN, "d1"), _claim("150", SHEEP_IT, "d2"), _claim("130", SHEEP_VI, "d3"),
              _claim("140", SHEEP_ES, "d4"), _claim("2", RAIN_EN, "d1")]
    evidence = semantic.SemanticEvidence(claims, embedder)
    for other in (1, 2, 3):
        assert evidence.similarity(0, other) > 0.95  # the same five concepts, in another language
        assert abs(evidence.similarity(other, 4)) < 0.2  # no concept in common
    assert evidence.similarity(0, 1) > evidence.similarity(0, 4)


def test_each_distinct_sentence_is_embedded_once(embedder: semantic.Embedder) -> None:
    seen: list[list[str]] = []

    class Counting:
        def encode(self, sentences: list[str]):
            seen.append(list(sentences))
            return embedder.encode(sentences)

    claims = [_claim("120", SHEEP_EN, "d1"), _claim("2", SHEEP_EN + " 2", "d1"), _claim("150", SHEEP_IT, "d2"),
              _claim("120", SHEEP_EN, "d3")]
    evidence = semantic.SemanticEvidence(claims, Counting(), batch=2)
    assert sorted(s for batch in seen for s in batch) == sorted({SHEEP_EN, SHEEP_EN + " 2", SHEEP_IT})
    assert all(len(batch) <= 2 for batch in seen)
    assert evidence.similarity(0, 3) == pytest.approx(1.0, abs=1e-4)


def test_neighbours_are_similar_claims_of_one_dimension_in_other_articles(embedder: semantic.Embedder) -> None:
    claims = [_claim("120", SHEEP_EN, "d1"), _claim("150", SHEEP_IT, "d2"), _claim("130", SHEEP_VI, "d2"),
              _claim("140", SHEEP_ES, "d1"), _claim("2", RAIN_EN, "d2")]
    dimensions = ["count", "count", "money", "count", "count"]
    pairs = semantic.SemanticEvidence(claims, embedder).neighbours(dimensions)
    # 0-1 and 1-3: translations of one dimension in two articles; 0-3 share an article, 2 is money,
    # 4 is about something else
    assert pairs == [(0, 1), (1, 3)]
    assert semantic.SemanticEvidence(claims, embedder).neighbours(dimensions, k=1) == [(0, 1), (1, 3)]


# ------------------------------------------------------------------------------ a corpus

EN = """\
    ---
    lang: en
    date: 2023-05-02
    ---
    # Montclar ferry season

    Montclar Shipping said on Monday that its Solvenna line will open on 12 May with 3 new vessels.

    The company expects 45,000 passengers between May and September, up from 38,000 last year.

    {sheep}

    Tickets will cost 18 euros for adults.
    """
IT = """\
    ---
    lang: it
    date: 2023-05-02
    ---
    # La stagione dei traghetti Montclar

    Montclar Shipping ha annunciato lunedì che la linea Solvenna aprirà il 12 maggio con 3 nuove navi.

    La società prevede 45.000 passeggeri tra maggio e settembre, contro i 38.000 dell'anno scorso.

    {sheep}

    I biglietti costeranno 18 euro per gli adulti.
    """


@pytest.fixture()
def corpus(tmp_path: pathlib.Path) -> pathlib.Path:
    """A release and its translation that state the sheep differently, in sentences that share
    nothing the default path weighs much: no other figure, no name, no word of the concept
    lexicon for what is counted, no cognate ("sheep", "pecore"); only a boat nearby."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "en.md").write_text(textwrap.dedent(EN).format(sheep=SHEEP_EN), encoding="utf-8")
    (folder / "it.md").write_text(textwrap.dedent(IT).format(sheep=SHEEP_IT), encoding="utf-8")
    return folder


def _run(args: list[str], cwd: pathlib.Path | None = None) -> tuple[int, str, str]:
    env = {k: None for k in os.environ if k.startswith("CLAIMCHECK_")}
    old = os.getcwd()
    try:
        if cwd:
            os.chdir(cwd)
        result = CliRunner(env=env).invoke(cli, args, catch_exceptions=False)
    finally:
        os.chdir(old)
    return result.exit_code, result.stdout, result.stderr


def _sheep(report: dict) -> list[dict]:
    return [c for c in report["claims"] if c["text"] in ("120", "150")]


def test_semantic_links_translated_sentences_the_default_path_leaves_apart(
        corpus: pathlib.Path, model_dir: pathlib.Path, tmp_path: pathlib.Path) -> None:
    plain, linked = tmp_path / "plain.json", tmp_path / "semantic.json"
    code, _, err = _run(["check", str(corpus), "--json", str(plain)])
    assert code == 0, err  # nothing found: the sheep are not compared
    code, out, err = _run(["check", str(corpus), "--json", str(linked), "--semantic", str(model_dir)])
    assert code == 1, err  # 120 and 150 sheep cannot both be true
    before, after = (json.loads(p.read_text(encoding="utf-8")) for p in (plain, linked))

    sheep = _sheep(before)
    assert len(sheep) == 2 and sheep[0]["topic"] is None and sheep[1]["topic"] is None
    sheep = _sheep(after)
    assert sheep[0]["topic"] is not None and sheep[0]["topic"] == sheep[1]["topic"]
    new = [f for f in after["findings"] if set(f["claims"]) == {c["id"] for c in sheep}]
    assert len(new) == 1 and new[0]["severity"] == "error"
    assert "similar sentences" in out
    # it only adds: the same claims, and every finding of the default path
    assert [c["text"] for c in after["claims"]] == [c["text"] for c in before["claims"]]
    assert {f["fingerprint"] for f in before["findings"]} <= {f["fingerprint"] for f in after["findings"]}


def test_a_model_that_knows_no_word_changes_nothing(corpus: pathlib.Path) -> None:
    class Blind:
        def encode(self, sentences: list[str]):
            return np.zeros((len(sentences), 4), dtype=np.float32)

    from claimcheck import outputs

    default = outputs.render("json", check([str(corpus)]))
    blind = outputs.render("json", check([str(corpus)], CheckOptions(semantic=Blind())))
    assert blind == default


def test_scoring_on_forked_workers_gives_the_same_graph(corpus: pathlib.Path, embedder: semantic.Embedder) -> None:
    report = extract_paths([str(corpus)])
    one, two = (graph.build(list(report.claims), list(report.documents), jobs=jobs, semantic=embedder)
                for jobs in (1, 2))
    assert one.edges == two.edges and one.topics == two.topics
    assert any(e.similarity is not None and e.similarity > 0.95 for e in one.edges.values())


def test_semantic_never_links_claims_of_different_dimensions(embedder: semantic.Embedder, tmp_path) -> None:
    folder = tmp_path / "dims"
    folder.mkdir()
    (folder / "en.md").write_text(textwrap.dedent(EN).format(sheep=SHEEP_EN), encoding="utf-8")
    (folder / "it.md").write_text(textwrap.dedent(IT).format(
        sheep=SHEEP_IT.replace("150 pecore", "150 euro di pecore")), encoding="utf-8")
    report = extract_paths([str(folder)])
    claims = list(report.claims)
    built = graph.build(claims, list(report.documents), semantic=embedder)
    dimension = {f.index: f.dimension for f in built.features}
    assert all(dimension[a] == dimension[b] for a, b in built.edges)
    sheep = [i for i, c in enumerate(claims) if c.text in ("120", "150 euro")]
    assert len(sheep) == 2 and dimension[sheep[0]] != dimension[sheep[1]]
    assert built.topic_of.get(sheep[0]) is None or built.topic_of.get(sheep[0]) != built.topic_of.get(sheep[1])


def test_the_default_path_does_not_import_numpy(corpus: pathlib.Path) -> None:
    script = ("import sys; from claimcheck.run import check; check([sys.argv[1]]); "
              "print(sorted(m for m in ('numpy', 'model2vec', 'claimcheck.graph.semantic') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", script, str(corpus)], capture_output=True, text=True, cwd=ROOT,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


# ------------------------------------------------------------------------------ errors


def _one_error_line(err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert lines[0].startswith("claimcheck: error: ") and "Traceback" not in err
    return lines[0]


def test_a_missing_model_folder_exits_2_with_one_line(corpus: pathlib.Path, tmp_path: pathlib.Path) -> None:
    code, out, err = _run(["check", str(corpus), "--semantic", str(tmp_path / "no-such-model")])
    assert code == 2 and not out
    assert "no-such-model: no such model folder" in _one_error_line(err)


def test_a_folder_without_a_model_exits_2_with_one_line(corpus: pathlib.Path, tmp_path: pathlib.Path) -> None:
    (tmp_path / "not-a-model").mkdir()
    code, _, err = _run(["check", str(corpus), "--semantic", str(tmp_path / "not-a-model")])
    assert code == 2
    assert "cannot load a model2vec model" in _one_error_line(err)


def test_a_missing_package_says_what_to_install(corpus: pathlib.Path, model_dir: pathlib.Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "model2vec", None)  # import model2vec now raises ImportError
    with pytest.raises(SemanticUnavailable, match=r"pip install 'claimcheck\[semantic\]'"):
        semantic.load(str(model_dir))
    code, _, err = _run(["check", str(corpus), "--semantic", str(model_dir)])
    assert code == 2
    assert "needs the model2vec package" in _one_error_line(err)

    monkeypatch.setitem(sys.modules, "sentence_transformers", None)
    code, _, err = _run(["check", str(corpus), "--semantic", "sentence-transformers:some-model"])
    assert code == 2
    assert "pip install 'claimcheck[semantic]' sentence-transformers" in _one_error_line(err)


def test_baseline_takes_the_option_too(corpus: pathlib.Path, model_dir: pathlib.Path, tmp_path) -> None:
    target = tmp_path / "baseline.json"
    code, out, err = _run(["baseline", str(corpus), "--semantic", str(model_dir), "--output", str(target)])
    assert code == 0, err
    assert "1 finding(s) accepted" in out


# ------------------------------------------------------------------------------ configuration


@pytest.mark.parametrize(("written", "expected"), [
    ("models/potion", os.path.join("cfg", "models", "potion")),  # a folder: relative to the config file
    ("sentence-transformers:paraphrase-multilingual-MiniLM-L12-v2",
     "sentence-transformers:paraphrase-multilingual-MiniLM-L12-v2"),  # a name: as written
    ("model2vec:minishlab/potion-multilingual-128M", "model2vec:minishlab/potion-multilingual-128M"),
])
def test_the_config_key(tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch, written: str, expected: str) -> None:
    (tmp_path / "cfg").mkdir()
    (tmp_path / "cfg" / "claimcheck.toml").write_text(f'semantic = "{written}"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    conf = config.resolve(config_file=str(tmp_path / "cfg" / "claimcheck.toml"), environ={})
    assert conf["semantic"] == expected
    assert CheckOptions.from_config(conf).semantic == expected
    assert config.resolve(environ={"CLAIMCHECK_SEMANTIC": written}, cwd=str(tmp_path))["semantic"] == written


def test_off_by_default(tmp_path: pathlib.Path) -> None:
    assert config.resolve(environ={}, cwd=str(tmp_path))["semantic"] is None
    assert CheckOptions().semantic is None
