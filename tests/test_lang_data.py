"""Every language data file loads and validates; broken data fails with the file and the key."""

from __future__ import annotations

import pathlib
import tomllib

import pytest

from claimcheck import lang
from claimcheck.errors import LanguageDataError

DATA = pathlib.Path(lang.__file__).parent / "data"
CASES = pathlib.Path(__file__).parent / "cases" / "extract"


@pytest.mark.parametrize("code", lang.available())
def test_every_language_loads_with_a_case_file(code: str) -> None:
    language = lang.get(code)
    assert language.code == code
    assert language.cardinals, code
    assert (CASES / f"{code}.toml").is_file(), f"no extraction cases for {code}"


@pytest.mark.parametrize("code", lang.available())
def test_every_data_file_says_where_its_data_comes_from(code: str) -> None:
    first = (DATA / f"{code}.toml").read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("#") and ("Source" in first or "source" in first), first


@pytest.mark.parametrize("code", lang.available())
def test_fraction_words_are_consistent(code: str) -> None:
    language = lang.get(code)
    assert all(parts >= 2 for parts in language.fraction_parts.values())
    assert all(0 < f < 1 for f in language.fraction_tails.values())
    assert all(0 < f < 1 for f in language.fraction_glued.values())
    for ending in language.fraction_glued:  # a glued ending is scanned as a morpheme after a whole
        assert ending in language.cardinals and ending in language.compound_only, ending


def _broken(code: str, edit) -> str:
    data = tomllib.loads((DATA / f"{code}.toml").read_text(encoding="utf-8"))
    edit(data)
    with pytest.raises(LanguageDataError) as err:
        lang.build(f"{code}.toml", data, lang._common())
    return str(err.value)


@pytest.mark.parametrize(("edit", "message"), [
    (lambda d: d["fractions"]["parts"].update(mezzo=0.5), "fractions.parts.mezzo: expected the number of parts"),
    (lambda d: d["fractions"].update(tails={"rưỡi": "1/2"}), "fractions.tails.rưỡi: expected a positive number"),
    (lambda d: d["fractions"].update(joiners="e"), "fractions.joiners: expected list, got str"),
    (lambda d: d["numbers"].update(weak=["un", ""]), "numbers.weak: expected non-empty strings"),
    (lambda d: d.update(code="xx"), "code: must match the file name"),
    (lambda d: d["qualifiers"]["after"].update({"o più": "more"}), "qualifiers.after.o più: unknown qualifier"),
])
def test_broken_data_names_the_file_and_the_key(edit, message: str) -> None:
    assert _broken("it", edit).startswith(f"it.toml: {message}")
