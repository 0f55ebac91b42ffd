"""The seed corpus scored against ../shared/gold/seeds.json by ../shared/tools/score_report.py.

The report is produced by the real command line, the score by the shared script (as CI runs it),
and the script's own output lines are read back for the unit and qualifier checks.
"""

from __future__ import annotations

import json
import pathlib
import re
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def scored(shared: pathlib.Path, tmp_path_factory) -> dict:
    corpus, gold = shared / "corpus" / "seeds", shared / "gold" / "seeds.json"
    report = tmp_path_factory.mktemp("seeds") / "seeds.json"
    check = subprocess.run(
        [sys.executable, "-m", "claimcheck", "check", str(corpus), "--json", str(report), "--fail-on", "never"],
        capture_output=True, text=True, cwd=ROOT, timeout=300,
    )
    assert check.returncode == 0, f"claimcheck check exited {check.returncode}: {check.stderr}"
    score = subprocess.run(
        [sys.executable, str(shared / "tools" / "score_report.py"), "--gold", str(gold), "--corpus", str(corpus),
         "--report", str(report), "--min-recall", "0.95", "--min-precision", "0.95", "--max-nonclaims", "0"],
        capture_output=True, text=True, cwd=ROOT, timeout=300,
    )
    return {"code": score.returncode, "out": score.stdout, "err": score.stderr,
            "report": json.loads(report.read_text(encoding="utf-8")),
            "gold": json.loads(gold.read_text(encoding="utf-8"))}


def _line(out: str, pattern: str) -> re.Match:
    m = re.search(pattern, out, re.M)
    assert m, f"no line matching {pattern!r} in the scorer's output:\n{out}"
    return m


def test_seed_corpus_scores(scored: dict) -> None:
    assert scored["code"] == 0, scored["out"] + scored["err"]
    assert _line(scored["out"], r"^(ok|FAIL[^:]*): ").group(1) == "ok"


def test_every_seed_document_is_read(scored: dict) -> None:
    report, gold = scored["report"], scored["gold"]
    assert report["errors"] == []
    langs = {pathlib.PurePath(d["path"]).name: d["lang"] for d in report["documents"]}
    assert langs == {d["file"]: d["lang"] for d in gold["documents"]}
    published = {pathlib.PurePath(d["path"]).name: d["published"] for d in report["documents"]}
    for d in gold["documents"]:
        if d["published"]:
            assert published[d["file"]] == d["published"], d["file"]


def test_units_of_money_percent_and_tonnes(scored: dict) -> None:
    out = scored["out"]
    m = _line(out, r"^claims: kind agrees (\d+), qualifier agrees (\d+), unit agrees (\d+)/(\d+)$")
    unit_ok, unit_n = int(m.group(3)), int(m.group(4))
    wanted = sum(1 for c in scored["gold"]["claims"] if c["unit"] in ("CNY", "USD", "%", "t"))
    assert unit_n == wanted, f"only {unit_n} of the {wanted} money/percent/tonne claims were matched"
    assert unit_ok == unit_n, "\n".join(line for line in out.splitlines() if line.strip().startswith("unit "))


def test_qualifiers_agree(scored: dict) -> None:
    out = scored["out"]
    qualifier_ok = int(_line(out, r"^claims: kind agrees \d+, qualifier agrees (\d+),").group(1))
    matched = int(_line(out, r"^claims: precision (\d+)/\d+ = ").group(1))  # reported claims matching gold
    assert matched > 0
    assert qualifier_ok / matched >= 0.9, f"qualifier agrees on {qualifier_ok} of {matched} matched claims"


def test_no_alarm_beyond_the_gold_findings(scored: dict) -> None:
    """The gold file lists what a careful reader flags in the seeds: one disagreement. Every
    other error or warning would be a false alarm (notes, which only point at a difference of
    scope, are not alarms)."""
    report, gold = scored["report"], scored["gold"]
    flagged = sum(1 for f in gold["findings"] if f["must"] == "flag")
    alarms = [f["message"] for f in report["findings"] if f["severity"] in ("error", "warning")]
    assert len(alarms) == flagged, alarms
