"""A run's result depends on what the articles say, not on how they reach claimcheck: not on
the order or the names of the files, and not on how many processes read them."""

from __future__ import annotations

import pathlib
import shutil

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import claimcheck
from claimcheck.report import json as json_report
from claimcheck.run import CheckOptions
from claimcheck.run import check as run_check

ROOT = pathlib.Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "launch"
CONSISTENT = ROOT / "tests" / "corpora" / "consistent"
# Two stories with a planted disagreement each (the bundled example: 12,000 vs 1.200 charging
# points) and two consistent stories, so that findings and quiet topics are both at stake.
SOURCES = [EXAMPLE, CONSISTENT / "01-metro-line", CONSISTENT / "05-tech-results"]


def _articles() -> list[tuple[str, str, str]]:
    """(story, file suffix, text) of every article of SOURCES."""
    found = []
    for folder in SOURCES:
        for path in sorted(folder.iterdir()):
            if path.suffix in (".md", ".txt", ".html") and path.name != "README.md":
                found.append((folder.name, path.suffix, path.read_text(encoding="utf-8")))
    return found


ARTICLES = _articles()


def _findings(report) -> set[tuple[str, frozenset[tuple[str, str]]]]:
    """Each finding as its rule and its cited (story/article, text) pairs, whatever the file names."""
    origin = {d.id: d.text[:200] for d in report.documents}  # an article is known by its opening
    claims = {c.id: c for c in report.claims}
    return {(f.rule, frozenset((origin[claims[i].doc], claims[i].text) for i in f.claims))
            for f in report.findings}


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(order=st.permutations(range(len(ARTICLES))))
def test_findings_do_not_depend_on_the_order_of_the_files(order: list[int], tmp_path_factory) -> None:
    folder = tmp_path_factory.mktemp("shuffled")
    for position, index in enumerate(order):
        _, suffix, text = ARTICLES[index]
        (folder / f"article-{position:02d}{suffix}").write_text(text, encoding="utf-8")
    baseline_folder = tmp_path_factory.mktemp("ordered")
    for index, (_, suffix, text) in enumerate(ARTICLES):
        (baseline_folder / f"article-{index:02d}{suffix}").write_text(text, encoding="utf-8")
    shuffled = _findings(claimcheck.check([str(folder)]))
    ordered = _findings(claimcheck.check([str(baseline_folder)]))
    assert shuffled == ordered
    assert any(rule == "divergent-values" for rule, _ in ordered), "the example's planted discrepancy is found"


def test_the_order_of_the_arguments_does_not_matter(tmp_path: pathlib.Path, monkeypatch) -> None:
    for name in ("en.md", "it.html", "vi.txt"):
        shutil.copy(EXAMPLE / name, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    forward = json_report.render(claimcheck.check(["en.md", "it.html", "vi.txt"]))
    backward = json_report.render(claimcheck.check(["vi.txt", "it.html", "en.md"]))
    assert forward == backward


@pytest.mark.parametrize("jobs", [2, 3])
def test_parallel_reading_gives_the_same_report(jobs: int, monkeypatch) -> None:
    monkeypatch.chdir(ROOT)
    paths = ["tests/corpora/consistent", "examples/launch"]
    serial = run_check(paths, CheckOptions(jobs=1))
    parallel = run_check(paths, CheckOptions(jobs=jobs))
    assert len(serial.documents) >= 40
    assert json_report.render(parallel) == json_report.render(serial)


def test_an_unreadable_file_among_many_is_reported_in_parallel_too(tmp_path: pathlib.Path) -> None:
    for n in range(40):
        (tmp_path / f"note-{n:02d}.txt").write_text(f"The depot stores {100 + n} bicycles.\n", encoding="utf-8")
    (tmp_path / "broken.txt").write_bytes(b"\x00\x01binary")
    report = run_check([str(tmp_path)], CheckOptions(jobs=2))
    assert len(report.documents) == 40
    assert [pathlib.Path(p.path).name for p in report.errors] == ["broken.txt"]
    assert [c.doc for c in report.claims] == [f"d{n}" for n in range(1, 41)]
