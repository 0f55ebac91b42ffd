"""Inline suppressions: `<!-- claimcheck: ignore RULE reason="..." -->` in Markdown, HTML and plain
text silences the findings citing a claim on its line (or, alone on its line, the next line);
silenced findings are kept in Report.suppressed; unused comments, comments without a reason,
unknown rules and unreadable comments are warnings."""

from __future__ import annotations

import json
import pathlib
import re

import pytest
from test_cli import _in_process, _no_traceback, _subprocess
from test_gate import ACME, write_corpus

import claimcheck
from claimcheck.documents import find_directives, load_text

EN_SENTENCE = "Acme Rail carried 12,000 passengers on its new Zorvik line in March."
IT = ACME["it.txt"]


def _check(tmp_path: pathlib.Path, name: str, text: str) -> claimcheck.Report:
    folder = write_corpus(tmp_path / "articles", {"it.txt": IT, name: text})
    report = claimcheck.check([str(folder)])
    assert not report.errors, report.errors
    for claim in report.claims:  # the comments never shift a citation
        doc = next(d for d in report.documents if d.id == claim.doc)
        assert doc.text[claim.start:claim.end] == claim.text
    return report


def _warnings(report: claimcheck.Report) -> list[str]:
    return [w.message for w in report.warnings]


ARTICLES = {
    # file name: the English article with a comment that silences its conflict
    "before.md": "# Acme Rail in March\n\n"
                 '<!-- claimcheck: ignore CC001 reason="the Italian desk counts transfers too" -->\n'
                 f"{EN_SENTENCE}\n",
    "blank-line-between.md": "# Acme Rail in March\n\n"
                             '<!-- claimcheck: ignore conflicting-values reason="counts transfers" -->\n\n'
                             f"{EN_SENTENCE}\n",
    "same-line.md": f'# Acme Rail\n\n{EN_SENTENCE} <!-- claimcheck: ignore CC001 reason="counts transfers" -->\n',
    "page.html": "<html><body>\n<h1>Acme Rail in March</h1>\n"
                 "<!-- claimcheck: ignore CC001 reason='counts transfers' -->\n"
                 f"<p>{EN_SENTENCE}</p>\n</body></html>\n",
    "plain.txt": 'Acme Rail in March\n\n<!-- claimcheck: ignore reason="every rule: the 2024 count of 13,500" -->\n'
                 f"{EN_SENTENCE}\n",
    "trailing.txt": f'{EN_SENTENCE} <!-- claimcheck: ignore CC001, CC002 reason="counts transfers" -->\n'
                    "The company also opened two new stations.\n",
}


@pytest.mark.parametrize("name", sorted(ARTICLES))
def test_a_comment_silences_the_finding(tmp_path: pathlib.Path, name: str) -> None:
    report = _check(tmp_path, name, ARTICLES[name])
    assert report.findings == ()
    assert [f.rule for f in report.suppressed] == ["conflicting-values"]
    assert _warnings(report) == []
    texts = {c.text for c in report.claims}
    assert "13,500" not in texts and "2024" not in texts, "the comment's own words are not analysed"


def test_without_a_comment_there_is_a_finding(tmp_path: pathlib.Path) -> None:
    report = _check(tmp_path, "en.md", f"# Acme Rail in March\n\n{EN_SENTENCE}\n")
    assert [f.rule for f in report.findings] == ["conflicting-values"] and report.suppressed == ()


UNUSED = {
    # name: (article, the warning)
    "two-lines-above": ("# Acme\n\n" + '<!-- claimcheck: ignore CC001 reason="x" -->\n'
                        "Acme Rail news from the north.\n" + EN_SENTENCE + "\n",
                        r"line 3: unused claimcheck comment: no conflicting-values finding cites a claim on lines 3-4"),
    "another-rule": ("# Acme\n\n" + '<!-- claimcheck: ignore divergent-values reason="x" -->\n' + EN_SENTENCE + "\n",
                     r"line 3: unused claimcheck comment: no divergent-values finding"),
    "trailing-covers-only-its-line": (
        f'Acme Rail in March. <!-- claimcheck: ignore CC001 reason="x" -->\n{EN_SENTENCE}\n',
        r"line 1: unused claimcheck comment: no conflicting-values finding cites a claim on line 1 "),
}


@pytest.mark.parametrize("case", sorted(UNUSED))
def test_an_unused_comment_is_a_warning(tmp_path: pathlib.Path, case: str) -> None:
    text, warning = UNUSED[case]
    report = _check(tmp_path, "en.md", text)
    assert [f.rule for f in report.findings] == ["conflicting-values"] and report.suppressed == ()
    (message,) = _warnings(report)
    assert re.search(warning, message), message


BAD = {
    "no-reason": ('<!-- claimcheck: ignore CC001 -->', r"line 3: the claimcheck comment has no reason"),
    "empty-reason": ('<!-- claimcheck: ignore CC001 reason="  " -->', r"has no reason"),
    "unquoted-reason": ('<!-- claimcheck: ignore CC001 reason=transfers -->', r"cannot read the claimcheck comment"),
    "unknown-rule": ('<!-- claimcheck: ignore CC999 reason="x" -->', r"unknown rule CC999 .*CC001 conflicting-values"),
    "typo": ('<!-- claimcheck: ingore CC001 reason="x" -->', r"cannot read the claimcheck comment 'ingore CC001"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_a_comment_that_cannot_be_used_silences_nothing(tmp_path: pathlib.Path, case: str) -> None:
    comment, warning = BAD[case]
    report = _check(tmp_path, "en.md", f"# Acme\n\n{comment}\n{EN_SENTENCE}\n")
    assert [f.rule for f in report.findings] == ["conflicting-values"] and report.suppressed == ()
    (message,) = _warnings(report)
    assert re.search(warning, message), message


def test_rules_by_code_or_name_and_case(tmp_path: pathlib.Path) -> None:
    for rules in ("cc001", "Conflicting-Values", "CC002 CC001", "divergent-values,conflicting-values"):
        report = _check(tmp_path / rules.replace(" ", "_").replace(",", "_"), "en.md",
                        f'# Acme\n\n<!-- claimcheck: ignore {rules} reason="ok" -->\n{EN_SENTENCE}\n')
        assert report.findings == () and len(report.suppressed) == 1, rules


def test_the_python_api_can_ignore_comments(tmp_path: pathlib.Path) -> None:
    folder = write_corpus(tmp_path / "a", {"it.txt": IT, "en.md": ARTICLES["before.md"]})
    report = claimcheck.check([str(folder)], inline_suppressions=False)
    assert len(report.findings) == 1 and report.suppressed == () and report.warnings == ()


# ------------------------------------------------------------------------------ finding the comments


def test_find_directives_lines() -> None:
    source = ("title\n"  # 1
              '<!-- claimcheck: ignore CC001 reason="a" -->\n'  # 2: alone, covers 3
              "figure 1\n"  # 3
              'figure 2 <!-- claimcheck: ignore reason="b" -->\n'  # 4: trailing, covers 4
              '<!-- claimcheck: ignore CC002 reason="c" -->\n'  # 5: alone, covers through 8
              "\n"  # 6
              '   <!--claimcheck:ignore CC003 reason="d"-->  \n'  # 7: alone, covers through 8
              "figure 3\n"  # 8
              '<!-- claimcheck: ignore reason="end" -->')  # 9: alone at the end, covers itself
    directives, spans = find_directives(source)
    assert directives == (
        (2, 3, 'ignore CC001 reason="a"'), (4, 4, 'ignore reason="b"'), (5, 8, 'ignore CC002 reason="c"'),
        (7, 8, 'ignore CC003 reason="d"'), (9, 9, 'ignore reason="end"'))
    assert [source[a:b].startswith("<!--") and source[a:b].endswith("-->") for a, b in spans] == [True] * 5


def test_plain_comments_and_other_words_are_not_directives() -> None:
    assert find_directives("<!-- a comment -->\nclaimcheck: ignore CC001\n<!-- see claimcheck -->\n") == ((), [])


@pytest.mark.parametrize("fmt", ["txt", "md"])
def test_comments_are_blanked_in_the_analysed_text(fmt: str) -> None:
    source = 'Ships: 4,200. <!-- claimcheck: ignore reason="was 4,300 in 2019" -->\nMore text.\n'
    doc = load_text(source, f"a.{fmt}", fmt)
    assert len(doc.text) == len(source) and "4,300" not in doc.text and "claimcheck" not in doc.text
    assert doc.text.startswith("Ships: 4,200.")
    assert doc.directives == ((1, 1, 'ignore reason="was 4,300 in 2019"'),)


# ------------------------------------------------------------------------------ through the command line


@pytest.mark.parametrize("runner", ["runner", "subprocess"])
def test_check_exit_code_and_messages(tmp_path: pathlib.Path, runner: str) -> None:
    run = _in_process if runner == "runner" else _subprocess
    folder = write_corpus(tmp_path / "articles", {"it.txt": IT, "en.md": ARTICLES["before.md"]})
    outcome = run(["check", str(folder), "--format", "json"])
    _no_traceback(outcome)
    assert outcome.code == 0, outcome.err
    report = json.loads(outcome.out)
    assert report["findings"] == [] and [f["rule"] for f in report["suppressed"]] == ["conflicting-values"]
    assert outcome.err_lines == ["claimcheck: note: 1 finding(s) silenced by claimcheck comments in the articles"]

    (folder / "en.md").write_text(ARTICLES["before.md"].replace(' reason="the Italian desk counts transfers too"', ""),
                                  encoding="utf-8")
    outcome = run(["check", str(folder)])
    assert outcome.code == 1
    (line,) = outcome.err_lines
    assert line.startswith("claimcheck: warning: ") and "en.md: line 3: the claimcheck comment has no reason" in line
