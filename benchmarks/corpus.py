#!/usr/bin/env python3
"""The benchmark corpus: about 11 MB of article text in every supported language, built
deterministically (fixed seed) from the article texts in this repository.

    python benchmarks/corpus.py                 # build (or reuse) and print what it holds
    python benchmarks/corpus.py --force --json stats.json

Sources, per language:

- `examples/launch/`: the en/it/vi press release (markup stripped the way claimcheck strips it);
- `tests/corpora/consistent/`: every article file found there when the script runs (.txt, .md,
  .markdown, .html, .htm, any depth, README files left out).  Its language is the document's
  own metadata (front matter `lang:`, `<html lang>`), else a path part naming a supported code
  (`it.html`, `de/foo.md`, `foo_pt.txt`), else what claimcheck detects;
- `tests/cases/extract/<lang>.toml`: the sentences of the hand-written extraction cases, put
  together into paragraphs of 2 to 5 sentences.  They are used only for a language with less
  than `FEW_ARTICLES` bytes of articles, in proportion to the bytes each source has.  These
  sentences were written to exercise extraction, so they are much denser in numbers than
  articles: the digits-per-KB column says how much.

Articles are paragraphs dealt from a shuffled deck (every paragraph is used as often as every
other) and joined with blank lines; each language gets articles until it reaches its target size.
The corpus is written to `benchmarks/.cache/corpus/<lang>.txt` (articles separated by a form feed,
`\\f`) with `manifest.json`, and is rebuilt whenever a source file, the seed, the size or this
script changes.  Sizes are UTF-8 bytes; 1 MB = 1,000,000 bytes, 1 KB = 1,000 bytes.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pathlib
import random
import re
import sys
import tomllib
from dataclasses import dataclass

ROOT = pathlib.Path(__file__).resolve().parent.parent
LANGS = ("en", "it", "vi", "es", "fr", "de", "pt", "nl")
SEED = 20250312
TARGET_BYTES = 1_400_000  # per language: 8 x 1.4 MB = 11.2 MB
FEW_ARTICLES = 0  # articles only: hand-written case sentences are far denser in numbers than news
CACHE = ROOT / "benchmarks" / ".cache" / "corpus"
EXAMPLES = ROOT / "examples" / "launch"
CONSISTENT = ROOT / "tests" / "corpora" / "consistent"
CASES = ROOT / "tests" / "cases" / "extract"
ARTICLE_SUFFIXES = {".txt": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}
SEPARATOR = "\f"
SHORT_LINE = 80  # consecutive lines shorter than this (lists, table cells) make one paragraph
_DIGIT = re.compile(r"\d")
_NUMBER = re.compile(r"\d+(?:[.,\u00a0\u202f ]\d+)*")
_SPACES = re.compile(r"[ \t\u00a0]{2,}")
_HEADING = re.compile(r"^#{1,6}\s+")

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


@dataclass
class Pool:
    """What one language has to build its corpus from."""

    paragraphs: list[str]  # from articles
    article_files: list[dict]
    sentences: list[str]  # from extraction cases

    @property
    def article_bytes(self) -> int:
        return sum(len(p.encode()) for p in self.paragraphs)

    @property
    def sentence_bytes(self) -> int:
        return sum(len(s.encode()) for s in self.sentences)


# -- sources ------------------------------------------------------------------------------
def article_files() -> list[pathlib.Path]:
    """Every article file of the sources, in a fixed order."""
    files = sorted(p for p in EXAMPLES.glob("*") if p.suffix.lower() in ARTICLE_SUFFIXES
                   and not p.name.lower().startswith("readme"))
    if CONSISTENT.is_dir():
        files += sorted(p for p in CONSISTENT.rglob("*") if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES
                        and not p.name.lower().startswith("readme"))
    return files


def case_files() -> list[pathlib.Path]:
    return [CASES / f"{code}.toml" for code in LANGS if (CASES / f"{code}.toml").is_file()]


def _lang_from_path(path: pathlib.Path) -> str | None:
    parts = [*path.relative_to(ROOT).parent.parts, *re.split(r"[._\-\s]+", path.stem)]
    for part in reversed(parts):
        if part.lower() in LANGS:
            return part.lower()
    return None


def read_article(path: pathlib.Path) -> tuple[str, str, str]:
    """(language, language source, text as claimcheck analyses it) of one article file."""
    from claimcheck.documents import LoadOptions, load_text, reading

    source = reading.read(str(path))
    doc = load_text(source.text, str(path), source.format, LoadOptions())
    lang, how = doc.lang, doc.lang_source
    if how == "detected" and (from_path := _lang_from_path(path)):
        lang, how = from_path, "path"
    return lang, how, doc.text


def paragraphs(text: str) -> list[str]:
    """The paragraphs of a stripped article: long lines alone, runs of short lines together."""
    out: list[str] = []
    short: list[str] = []
    for raw in text.replace("\r", "").split("\n"):
        line = _HEADING.sub("", _SPACES.sub(" ", raw).strip())
        if not line:
            if short:
                out.append("\n".join(short))
                short = []
            continue
        if len(line) < SHORT_LINE:
            short.append(line)
            continue
        if short:
            out.append("\n".join(short))
            short = []
        out.append(line)
    if short:
        out.append("\n".join(short))
    return out


def case_sentences(code: str) -> list[str]:
    path = CASES / f"{code}.toml"
    if not path.is_file():
        return []
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return [" ".join(case["text"].split()) for case in data.get("case", []) if case.get("text", "").strip()]


def pools(log=print) -> dict[str, Pool]:
    found = {code: Pool([], [], case_sentences(code)) for code in LANGS}
    for path in article_files():
        try:
            lang, how, text = read_article(path)
        except Exception as e:  # an unreadable file is reported and left out
            log(f"corpus: skipped {path.relative_to(ROOT)}: {type(e).__name__}: {e}", file=sys.stderr)
            continue
        if lang not in found:
            log(f"corpus: skipped {path.relative_to(ROOT)}: language {lang!r} is not benchmarked", file=sys.stderr)
            continue
        paras = paragraphs(text)
        found[lang].paragraphs.extend(paras)
        found[lang].article_files.append({
            "path": str(path.relative_to(ROOT)), "lang_from": how, "paragraphs": len(paras),
            "bytes": sum(len(p.encode()) for p in paras),
        })
    return found


# -- building -----------------------------------------------------------------------------
class _Deck:
    """Items dealt in a shuffled order; reshuffled when used up, so all are used equally."""

    def __init__(self, items: list[str], rng: random.Random):
        self.items, self.rng, self.order = list(items), rng, []

    def deal(self) -> str:
        if not self.order:
            self.order = list(self.items)
            self.rng.shuffle(self.order)
        return self.order.pop()


def build_language(code: str, pool: Pool, target: int, seed: int) -> tuple[list[str], dict]:
    rng = random.Random(f"{seed}-{code}")
    article_bytes, sentence_bytes = pool.article_bytes, pool.sentence_bytes
    use_sentences = bool(pool.sentences) and (article_bytes < FEW_ARTICLES or not pool.paragraphs)
    if not pool.paragraphs and not use_sentences:
        raise SystemExit(f"corpus: no text at all for {code!r}")
    share = sentence_bytes / (article_bytes + sentence_bytes) if use_sentences and pool.paragraphs else float(
        use_sentences)
    paras, sents = _Deck(pool.paragraphs, rng), _Deck(pool.sentences, rng)
    articles: list[str] = []
    size = 0
    from_articles = from_sentences = 0
    while size < target:
        body = []
        for _ in range(rng.randint(4, 10)):
            if rng.random() < share:
                para = " ".join(sents.deal() for _ in range(rng.randint(2, 5)))
                from_sentences += len(para.encode())
            else:
                para = paras.deal()
                from_articles += len(para.encode())
            body.append(para)
        article = "\n\n".join(body)
        articles.append(article)
        size += len(article.encode()) + 1
    return articles, {
        "article_files": pool.article_files,
        "article_source_bytes": article_bytes,
        "case_sentences": len(pool.sentences) if use_sentences else 0,
        "case_source_bytes": sentence_bytes if use_sentences else 0,
        "share_from_case_sentences": round(from_sentences / max(1, from_articles + from_sentences), 3),
        "article_digits_per_kb": density("\n".join(pool.paragraphs))["digits_per_kb"] if pool.paragraphs else None,
        "case_digits_per_kb": density(" ".join(pool.sentences))["digits_per_kb"] if use_sentences else None,
    }


def density(text: str) -> dict:
    size = max(1, len(text.encode()))
    return {
        "bytes": size,
        "mb": round(size / 1e6, 3),
        "chars": len(text),
        "digits": len(_DIGIT.findall(text)),
        "digits_per_kb": round(len(_DIGIT.findall(text)) / (size / 1000), 1),
        "numbers_per_kb": round(len(_NUMBER.findall(text)) / (size / 1000), 2),
    }


def fingerprint(seed: int, target: int) -> str:
    h = hashlib.sha256()
    h.update(pathlib.Path(__file__).read_bytes())
    h.update(f"{seed}:{target}:{FEW_ARTICLES}".encode())
    for path in [*article_files(), *case_files()]:
        h.update(str(path.relative_to(ROOT)).encode())
        h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()[:16]


def build(out: pathlib.Path = CACHE, seed: int = SEED, target: int = TARGET_BYTES, force: bool = False,
          log=print) -> dict:
    """Build the corpus into `out` (or reuse it when nothing changed); returns the manifest."""
    key = fingerprint(seed, target)
    manifest_path = out / "manifest.json"
    if not force and manifest_path.is_file():
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        if manifest.get("fingerprint") == key and all((out / f"{c}.txt").is_file() for c in manifest["languages"]):
            manifest["reused"] = True
            return manifest
    out.mkdir(parents=True, exist_ok=True)
    by_lang = pools(log)
    languages = {}
    for code in LANGS:
        articles, sources = build_language(code, by_lang[code], target, seed)
        text = SEPARATOR.join(articles)
        (out / f"{code}.txt").write_text(text, encoding="utf-8", newline="\n")
        languages[code] = {"articles": len(articles), **density("\n".join(articles)), **sources}
    manifest = {
        "schema": "claimcheck/bench-corpus/v1", "fingerprint": key, "seed": seed, "target_bytes": target,
        "total_mb": round(sum(v["bytes"] for v in languages.values()) / 1e6, 3), "languages": languages,
    }
    manifest_path.write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    manifest["reused"] = False
    return manifest


def articles(code: str, out: pathlib.Path = CACHE) -> list[str]:
    """The articles of one language's corpus (after `build`)."""
    return (out / f"{code}.txt").read_text(encoding="utf-8").split(SEPARATOR)


def describe(manifest: dict) -> str:
    rows = ["| lang | MB | articles | digits/KB | numbers/KB | from case sentences | from article files |",
            "|---|---:|---:|---:|---:|---:|---|"]
    for code, v in manifest["languages"].items():
        kb = sum(f["bytes"] for f in v["article_files"]) / 1000
        files = f"{len(v['article_files'])} files, {kb:.1f} KB" if v["article_files"] else ""
        rows.append(f"| {code} | {v['mb']:.2f} | {v['articles']} | {v['digits_per_kb']:.1f} "
                    f"| {v['numbers_per_kb']:.2f} | {v['share_from_case_sentences']:.0%} ({v['case_sentences']} "
                    f"sentences) | {files or '-'} |")
    rows.append(f"\nTotal {manifest['total_mb']:.2f} MB, seed {manifest['seed']}, "
                f"fingerprint {manifest['fingerprint']}.")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--out", type=pathlib.Path, default=CACHE, help="where to write the corpus (default: %(default)s)")
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--mb", type=float, default=TARGET_BYTES / 1e6,
                    help="size per language in MB (default: %(default)s)")
    ap.add_argument("--force", action="store_true", help="rebuild even when nothing changed")
    ap.add_argument("--json", type=pathlib.Path, help="also write the manifest here")
    args = ap.parse_args(argv)
    manifest = build(args.out, args.seed, int(args.mb * 1e6), args.force)
    print(f"{'reused' if manifest['reused'] else 'built'} {args.out}")
    print(describe(manifest))
    if args.json:
        args.json.write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
