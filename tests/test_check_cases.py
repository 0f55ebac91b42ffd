"""Table-driven finding cases, one TOML file per rule (see tests/cases/checks/README.md).

Each case writes its documents into a temporary folder, runs `claimcheck.check` on it and looks
at the findings that pair the two cited claims:

- `expect = "flag"`: some finding of the file's rule pairs a claim cited as the first text with a
  different claim cited as the second;
- `expect = "quiet"`: no finding of the file's rule pairs them; in `quiet.toml` (rule "quiet"),
  no finding of any rule with severity error or warning pairs them (notes are allowed).

Both cited texts must be extracted as claims, or the case could pass for the wrong reason.
"""

from __future__ import annotations

import pathlib
import tomllib

import pytest

import claimcheck

CASES = pathlib.Path(__file__).parent / "cases" / "checks"
QUIET = "quiet"
BLOCKING = {"error", "warning"}


def _cases():
    for path in sorted(CASES.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        rule = data["rule"]
        assert rule == path.stem, f"{path.name}: rule = {rule!r} does not match the file name"
        for case in data["case"]:
            marks = [pytest.mark.xfail(reason=case["xfail"], strict=True)] if "xfail" in case else []
            yield pytest.param(rule, case, id=f"{rule}-{case['id']}", marks=marks)


def _write(folder: pathlib.Path, doc: dict) -> None:
    """A document with its language and publication date as metadata the loader reads."""
    name, lang, published, text = doc["name"], doc["lang"], doc.get("published"), doc["text"]
    if name.endswith((".md", ".markdown")):
        head = "---\n" + (f"date: {published}\n" if published else "") + f"lang: {lang}\n---\n"
    else:
        head = (f"date: {published}\n" if published else "") + f"lang: {lang}\n\n"
    (folder / name).write_text(head + text.strip() + "\n", encoding="utf-8")


def _pairs(finding, by_id: dict, first: str, second: str) -> bool:
    """The finding cites one claim whose text is `first` and another whose text is `second`."""
    cited = [by_id[i] for i in finding.claims if i in by_id]
    return any(a.text == first and b.text == second and a.id != b.id for a in cited for b in cited)


def _describe(finding, by_id: dict) -> str:
    texts = ", ".join(repr(by_id[i].text) for i in finding.claims if i in by_id)
    return f"{finding.rule} ({finding.severity}) [{texts}]: {finding.message}"


@pytest.mark.parametrize(("rule", "case"), list(_cases()))
def test_case(rule: str, case: dict, tmp_path: pathlib.Path) -> None:
    assert case["expect"] in ("flag", "quiet"), case["expect"]
    assert len(case["claims"]) == 2, "a case is about exactly two cited claims"
    names = [d["name"] for d in case["docs"]]
    assert len(set(names)) == len(names), "document names must be unique"
    for doc in case["docs"]:
        _write(tmp_path, doc)

    report = claimcheck.check([tmp_path])
    assert not report.errors, report.errors
    by_id = {c.id: c for c in report.claims}
    first, second = case["claims"]
    found = {c.text for c in report.claims}
    missing = [t for t in (first, second) if t not in found]
    assert not missing, f"cited text not extracted: {missing}; claims: {sorted(found)}"

    if rule == QUIET:
        relevant = [f for f in report.findings if str(f.severity) in BLOCKING]
    else:
        relevant = [f for f in report.findings if f.rule == rule]
    pairing = [f for f in relevant if _pairs(f, by_id, first, second)]
    others = "; ".join(_describe(f, by_id) for f in report.findings) or "no findings"

    if case["expect"] == "flag":
        assert pairing, f"no {rule} finding pairs {first!r} and {second!r}; findings: {others}"
    else:
        assert not pairing, "unexpected: " + "; ".join(_describe(f, by_id) for f in pairing)
