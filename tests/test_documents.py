"""Documents: markup stripped with offsets kept, metadata (title, date, language), overrides.

Expected positions are found in the source text by the test itself (the anchor's index in the
file), never taken from the program's output.
"""

from __future__ import annotations

import datetime as dt
import pathlib

import pytest

from claimcheck import check
from claimcheck.documents import LoadOptions, load, load_text


def _line_col(source: str, offset: int) -> tuple[int, int]:
    line = source.count("\n", 0, offset) + 1
    return line, offset - (source.rfind("\n", 0, offset) + 1) + 1


def _at(source: str, anchor: str, inner: str | None = None) -> tuple[int, int]:
    """Line and column of `inner` (default: all of `anchor`) inside the one place `anchor` occurs."""
    assert source.count(anchor) == 1, f"{anchor!r} must occur once in the test source"
    offset = source.index(anchor) + (anchor.index(inner) if inner else 0)
    return _line_col(source, offset)


def _write(tmp_path: pathlib.Path, name: str, content: str) -> pathlib.Path:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return path


def _claims_of(path: pathlib.Path, **options):
    report = check([str(path)], **options)
    assert not report.errors, report.errors
    (doc,) = report.documents
    for c in report.claims:
        assert doc.text[c.start:c.end] == c.text
    return doc, list(report.claims)


# ------------------------------------------------------------------------------ HTML

HTML = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="date" content="2023-05-17">
<title>Harbour &amp; rail report</title>
<style>
  p { margin: 12px; width: 3400px; }
</style>
<script>
  var visitors = 999999; var ratio = 0.75;
</script>
</head>
<body>
<!-- draft figure: 123,456 ships -->
<h1>Harbour &amp; rail report</h1>
<p>Fish &amp; chip sellers say the port handled <b>4,200</b> ships&nbsp;and
more than <span
   class="n">35,000</span> containers last month.</p>
<p>Tickets now cost &euro;&nbsp;18 for adults &mdash; trains carry 640
passengers each.</p>
<script type="text/javascript">document.write("77,777 visitors");</script>
<style>.x { height: 250px }</style>
</body>
</html>
"""


def test_html_claims_cite_line_and_column_in_the_source(tmp_path: pathlib.Path) -> None:
    _doc, claims = _claims_of(_write(tmp_path, "harbour.html", HTML))
    got = {c.text: c for c in claims}
    # by reading the page: four claims, none from the head, scripts, styles or comments
    assert set(got) == {"4,200", "35,000", "€\u00a018", "640"}, sorted(got)
    expected = {
        "4,200": (4200, "count", None, "exact", _at(HTML, "<b>4,200</b>", "4,200")),
        "35,000": (35000, "count", None, "more_than", _at(HTML, "35,000")),
        "€\u00a018": (18, "currency", "EUR", "exact", _at(HTML, "&euro;&nbsp;18")),
        "640": (640, "count", None, "exact", _at(HTML, "carry 640", "640")),
    }
    for text, (value, kind, unit, qualifier, where) in expected.items():
        c = got[text]
        assert (c.value, str(c.kind), c.unit, str(c.qualifier)) == (value, kind, unit, qualifier), text
        assert (c.line, c.column) == where, text
    # whitespace collapsed: the line break inside the paragraph does not end the sentence
    assert got["35,000"].sentence == ("Fish & chip sellers say the port handled 4,200 ships\u00a0and more than "
                                      "35,000 containers last month.")


def test_html_text_drops_markup_and_decodes_entities() -> None:
    doc = load_text(HTML, "harbour.html", "html")
    for hidden in ("999999", "0.75", "3400px", "12px", "123,456", "77,777", "250px", "<", "&amp;", "&nbsp;"):
        assert hidden not in doc.text, hidden
    assert "Fish & chip sellers" in doc.text
    assert "€\u00a018" in doc.text
    assert doc.title == "Harbour & rail report"
    assert doc.published == dt.date(2023, 5, 17)
    assert (doc.lang, doc.lang_source) == ("en", "metadata")


def test_html_claim_after_many_entities_and_a_tag_across_lines(tmp_path: pathlib.Path) -> None:
    source = (
        "<p>" + "&amp;&lt;&gt;&#233;&#x20AC; " * 30 + "</p>\n"
        "<p>Il porto ha gestito <a\n  href='/navi-2021'\n  title=\"99 navi\">4.200</a> navi e &laquo;circa "
        "1,5 milioni&raquo; di container.</p>\n"
    )
    _doc, claims = _claims_of(_write(tmp_path, "porto.html", source), lang="it")
    got = {c.text: c for c in claims}
    assert set(got) == {"4.200", "1,5 milioni"}, sorted(got)
    assert (got["4.200"].line, got["4.200"].column) == _at(source, "4.200")
    assert (got["1,5 milioni"].line, got["1,5 milioni"].column) == _at(source, "1,5 milioni")
    assert got["1,5 milioni"].value == 1_500_000 and str(got["1,5 milioni"].qualifier) == "approx"


def test_deeply_nested_and_broken_html_loads(tmp_path: pathlib.Path) -> None:
    depth = 20_000
    source = "<div>" * depth + "\n<p>The port handled 4,200 ships.</p>" + "</div>" * depth + "<!-- never closed 555"
    _doc, claims = _claims_of(_write(tmp_path, "nested.html", source))
    assert [c.text for c in claims] == ["4,200"]
    assert (claims[0].line, claims[0].column) == _at(source, "4,200")


# ------------------------------------------------------------------------------ Markdown

MARKDOWN = """---
title: "Quarterly figures: 7 regions"
date: 2022-03-04
lang: en
tags: [ports, 2022]
---

# Quarterly figures

The cooperative now has **1,250** members, according to
[the 2021 annual report](https://example.org/reports/2021/page-44.html).
See also ![chart 9](img/chart-9.png), [the 300 charts][ref] and <span data-n="77">the</span> list.

## 5 reasons the port grew

> Traffic rose 12% in a year.

[ref]: https://example.org/charts/300
"""


def test_markdown_front_matter_and_link_targets_are_blanked(tmp_path: pathlib.Path) -> None:
    doc, claims = _claims_of(_write(tmp_path, "figures.md", MARKDOWN))
    assert len(doc.text) == len(MARKDOWN), "Markdown is blanked in place: same length, same offsets"
    assert doc.title == "Quarterly figures: 7 regions"
    assert doc.published == dt.date(2022, 3, 4)
    assert (doc.lang, doc.lang_source) == ("en", "metadata")
    for hidden in ("2022", "example.org", "44", "chart-9", "data-n", "77", "**", "[ref]", "](", "# "):
        assert hidden not in doc.text, hidden
    got = {c.text: c for c in claims}
    # 7 and 2022 (front matter), 2021 (a year naming the report), 44/9/77/300 in targets and tags: none
    assert set(got) == {"1,250", "300", "5", "12%"}, sorted(got)
    assert (got["1,250"].line, got["1,250"].column) == _at(MARKDOWN, "**1,250**", "1,250")
    assert (got["300"].line, got["300"].column) == _at(MARKDOWN, "the 300 charts", "300")
    assert (got["5"].line, got["5"].column) == _at(MARKDOWN, "5 reasons")
    assert (got["12%"].line, got["12%"].column) == _at(MARKDOWN, "12%")
    assert got["1,250"].value == 1250 and got["300"].value == 300 and got["5"].value == 5
    assert (got["12%"].value, got["12%"].unit) == (12, "%")


def test_markdown_without_front_matter_takes_the_heading_as_title() -> None:
    doc = load_text("Intro.\n\n# The harbour in figures\n\nThe port handled 4,200 ships.\n", "h.md", "md")
    assert doc.title == "The harbour in figures"
    assert doc.published is None


# ------------------------------------------------------------------------------ dates

LONG_BODY = "\n".join(f"The council discussed item {w} of the agenda at length." for w in
                      ("alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa"))


@pytest.mark.parametrize(("name", "source", "published"), [
    ("front-matter.md", "---\ntitle: Port\ndate: 2022-03-04\n---\n\nThe port handled 4,200 ships.\n",
     dt.date(2022, 3, 4)),
    ("meta-date.html", '<html><head><meta name="date" content="2019-07-01"></head>'
                       "<body><p>The council approved the plan.</p></body></html>", dt.date(2019, 7, 1)),
    ("meta-property.html", '<html><head><meta property="article:published_time" content="2019-07-01T10:00:00+02:00">'
                           "</head><body><p>The council approved the plan.</p></body></html>", dt.date(2019, 7, 1)),
    ("time-tag.html", '<html><body><p>By our staff, <time datetime="2018-12-24">Monday</time></p>'
                      "<p>The council approved the plan.</p></body></html>", dt.date(2018, 12, 24)),
    ("header-line.txt", "date: 2020-11-05\n\nThe city council approved the new traffic plan.\n", dt.date(2020, 11, 5)),
    ("dateline-it.txt", "Roma, 30/10/2021 - Il comune ha approvato il nuovo piano per il traffico.\n",
     dt.date(2021, 10, 30)),
    ("dateline-vi.txt", "Hà Nội, 30/10/2021\n\nHội đồng thành phố đã thông qua kế hoạch giao thông mới.\n",
     dt.date(2021, 10, 30)),
    ("dateline-en-30.txt", "LONDON, 30/10/2021\n\nThe city council approved the new traffic plan.\n",
     dt.date(2021, 10, 30)),  # no 30th month: day first whatever the locale
    # 10/03 is 10 March in Italian (day first) and October 3 in US English (CLDR en: M/d/yy)
    ("dateline-it-10-03.txt", "MILANO, 10/03/2021\nIl comune ha approvato il piano per il traffico del centro.\n",
     dt.date(2021, 3, 10)),
    ("dateline-en-10-03.txt", "WASHINGTON, 10/03/2021\nThe city council approved the new traffic plan.\n",
     dt.date(2021, 10, 3)),
    ("month-name-it.txt", "Milano, 30 ottobre 2021\n\nIl comune ha approvato il piano per il traffico del centro.\n",
     dt.date(2021, 10, 30)),
    ("month-name-en.txt", "Published October 30, 2021\n\nThe city council approved the new traffic plan.\n",
     dt.date(2021, 10, 30)),
    ("month-name-vi.txt", "Hà Nội, ngày 30 tháng 10 năm 2021\n\nHội đồng thành phố đã thông qua kế hoạch mới.\n",
     dt.date(2021, 10, 30)),
    ("dateline-opens-paragraph-en.txt", "Harbour opens\n\nPORTVALE, 8 October 2025 – The new harbour of Portvale "
     "opened today after three years of works that cost the region and the state more than expected.\n",
     dt.date(2025, 10, 8)),
    ("dateline-opens-paragraph-es.txt", "Abre el puerto\n\nPORTVALE, 8 de octubre de 2025. El nuevo puerto de Portvale "
     "abrió hoy tras tres años de obras que costaron a la región y al Estado más de lo previsto.\n",
     dt.date(2025, 10, 8)),
    ("long-first-line-mentions-a-date.txt", "The council said on Monday that the traffic plan it approved on "
     "30 October 2021 would be reviewed after the summer, when new figures on congestion and air quality "
     "are in.\n", None),
    ("no-date.txt", "The city council approved the new traffic plan for the old town.\n", None),
    ("date-deep-in-body.txt", LONG_BODY + "\nThe first meeting was held on 30/10/2021 in the town hall.\n", None),
])
def test_publication_date(tmp_path: pathlib.Path, name: str, source: str, published: dt.date | None) -> None:
    docs, problems, _ = load([str(_write(tmp_path, name, source))])
    assert not problems
    assert docs[0].published == published


def test_header_line_is_not_the_title() -> None:
    doc = load_text("date: 2020-11-05\n\nThe city council approved the new traffic plan.\n", "n.txt", "txt")
    assert doc.title == "The city council approved the new traffic plan."


def test_publication_date_resolves_this_year(tmp_path: pathlib.Path) -> None:
    path = _write(tmp_path, "port.txt", "LONDON, 30/10/2021\n\nThis year the port handled 4,200 ships.\n")
    _, claims = _claims_of(path)
    assert [(c.text, c.scope.year) for c in claims] == [("4,200", 2021)]
    _, claims = _claims_of(path, published=dt.date(2019, 6, 1))
    assert [(c.text, c.scope.year) for c in claims] == [("4,200", 2019)]


# ------------------------------------------------------------------------------ language

PARAGRAPHS = {
    "it": "Il comune ha approvato ieri sera il nuovo piano per il traffico. Le modifiche entreranno in vigore "
          "a partire dalla prossima settimana e riguarderanno soprattutto il centro storico.",
    "en": "The city council approved the new traffic plan last night. The changes will take effect from next "
          "week and will mainly affect the old town centre.",
    "vi": "Hội đồng thành phố đã thông qua kế hoạch giao thông mới vào tối qua. Những thay đổi sẽ có hiệu lực "
          "từ tuần sau và chủ yếu ảnh hưởng đến khu phố cổ.",
    "es": "El ayuntamiento aprobó anoche el nuevo plan de tráfico. Los cambios entrarán en vigor a partir de la "
          "próxima semana y afectarán sobre todo al casco antiguo.",
    "fr": "Le conseil municipal a approuvé hier soir le nouveau plan de circulation. Les changements entreront "
          "en vigueur dès la semaine prochaine et concerneront surtout le centre historique.",
    "de": "Der Stadtrat hat gestern Abend den neuen Verkehrsplan beschlossen. Die Änderungen treten ab nächster "
          "Woche in Kraft und betreffen vor allem die Altstadt.",
    "pt": "A câmara municipal aprovou ontem à noite o novo plano de trânsito. As mudanças entram em vigor a "
          "partir da próxima semana e vão afetar sobretudo o centro histórico.",
    "nl": "De gemeenteraad heeft gisteravond het nieuwe verkeersplan goedgekeurd. De wijzigingen gaan volgende "
          "week in en gelden vooral voor de oude binnenstad.",
}


@pytest.mark.parametrize("code", sorted(PARAGRAPHS))
def test_language_is_detected(tmp_path: pathlib.Path, code: str) -> None:
    docs, problems, _ = load([str(_write(tmp_path, f"{code}-news.txt", PARAGRAPHS[code] + "\n"))])
    assert not problems
    assert (docs[0].lang, docs[0].lang_source) == (code, "detected")


@pytest.mark.parametrize("code", sorted(PARAGRAPHS))
def test_language_is_detected_from_one_sentence(code: str) -> None:
    sentence = PARAGRAPHS[code].split(". ")[0] + "."
    assert load_text(sentence).lang == code


def test_html_lang_attribute_and_front_matter_lang_are_used() -> None:
    html = f'<html lang="it-IT"><body><p>{PARAGRAPHS["it"]}</p></body></html>'
    assert (load_text(html, "p.html", "html").lang, load_text(html, "p.html", "html").lang_source) == ("it", "metadata")
    md = f"---\nlang: vi\n---\n\n{PARAGRAPHS['vi']}\n"
    assert (load_text(md, "p.md", "md").lang, load_text(md, "p.md", "md").lang_source) == ("vi", "metadata")


# ------------------------------------------------------------------------------ overrides


def test_load_options_override_language_and_date(tmp_path: pathlib.Path) -> None:
    files = [
        _write(tmp_path, "a.md", "---\nlang: en\ndate: 2022-03-04\n---\n\n" + PARAGRAPHS["en"] + "\n"),
        _write(tmp_path, "b.html", '<html lang="fr"><head><meta name="date" content="2019-07-01"></head>'
                                   f"<body><p>{PARAGRAPHS['fr']}</p></body></html>"),
        _write(tmp_path, "c.txt", "Hà Nội, 30/10/2021\n\n" + PARAGRAPHS["vi"] + "\n"),
    ]
    options = LoadOptions(lang="it", published=dt.date(2020, 1, 2))
    docs, problems, _ = load([str(f) for f in files], options)
    assert not problems
    assert [(d.lang, d.lang_source, d.published) for d in docs] == [("it", "option", dt.date(2020, 1, 2))] * 3
    # without options each keeps its own metadata
    docs, _, _ = load([str(f) for f in files])
    assert sorted((d.lang, d.published) for d in docs) == [
        ("en", dt.date(2022, 3, 4)), ("fr", dt.date(2019, 7, 1)), ("vi", dt.date(2021, 10, 30))]


def test_language_override_changes_how_numbers_read(tmp_path: pathlib.Path) -> None:
    """"1.250" is one thousand two hundred and fifty in Italian, one and a quarter in English."""
    path = _write(tmp_path, "short.txt", "Totale: 1.250 unità.\n")
    _, claims = _claims_of(path, lang="it")
    assert [(c.text, c.value) for c in claims] == [("1.250", 1250)]
    docs, _, _ = load([str(path)], LoadOptions(lang="en"))
    assert docs[0].lang == "en"
    doc, claims = _claims_of(path, lang="en")
    assert doc.lang == "en" and 1250 not in [c.value for c in claims]


# ------------------------------------------------------------------------------ encodings


def test_utf8_bom_and_utf16_are_read(tmp_path: pathlib.Path) -> None:
    (tmp_path / "bom.txt").write_bytes("\ufeffThe port handled 4,200 ships last month.\n".encode())
    (tmp_path / "wide.txt").write_bytes("Il porto ha gestito 4.200 navi nel mese scorso.\n".encode("utf-16"))
    report = check([str(tmp_path)])
    assert not report.errors
    assert sorted((c.text, c.value, c.line, c.column) for c in report.claims) == [
        ("4,200", 4200, 1, 18), ("4.200", 4200, 1, 21)]


def test_legacy_encoding_is_read_with_a_warning(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "caffe.txt"
    path.write_bytes("Il caffè costa 1,20 euro in più di 300 bar della città.\n".encode("cp1252"))
    docs, problems, warnings = load([str(path)])
    assert "Il caffè costa 1,20 euro in più di 300 bar della città." in docs[0].text
    assert not problems, "a guessed encoding is a warning (DESIGN.md), not an input error"
    assert len(warnings) == 1 and "UTF-8" in warnings[0].message
