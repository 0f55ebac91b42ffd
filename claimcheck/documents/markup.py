"""Strip HTML and Markdown for analysis while keeping the way back to the source.

Every function returns the analysed text and an offset map: (text offset, source offset) pairs
where the mapping changes.  A linear scan with bounded patterns: deeply nested or broken markup
costs no more than its length.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

_HTML_TOKEN = re.compile(
    r"<!--.*?(?:-->|\Z)"
    r"|<(script|style|noscript|template|svg|head|iframe|object|textarea)\b[^>]{0,4000}>.*?(?:</\1\s*>|\Z)"
    r"|<![^>]{0,4000}>|<\?[^>]{0,4000}>"
    r"|</?([a-zA-Z][\w:-]{0,40})(?:\s[^>]{0,8000})?/?>"
    r"|&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});?",
    re.S | re.I,
)
_BLOCK = {
    "p", "div", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "tr", "td", "th",
    "table", "thead", "tbody", "section", "article", "header", "footer", "aside", "nav", "main",
    "blockquote", "pre", "figure", "figcaption", "dd", "dt", "dl", "title", "body", "html", "form",
    "caption", "address", "details", "summary", "option", "label",
}
_WS = re.compile(r"\s+")
_COLLAPSE = re.compile(r"\s{2,}|[^\S ]")  # whitespace that is not one plain space


@dataclass
class Stripped:
    text: str
    offset_map: tuple[tuple[int, int], ...]
    meta: dict[str, str] = field(default_factory=dict)


class _Builder:
    """Collects text pieces and the offset map back to the source."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.map: list[tuple[int, int]] = []
        self.pos = 0
        self.follows = -1  # source offset the next exact piece must start at to extend the map

    def add(self, text: str, src: int, exact: bool = True) -> None:
        """Append `text` found at source offset `src`; exact pieces map char for char, others
        (entities, inserted spaces and newlines) map every char to `src`."""
        if not text:
            return
        if not exact or src != self.follows:
            self.map.append((self.pos, src))
        self.parts.append(text)
        self.pos += len(text)
        self.follows = src + len(text) if exact else -1

    def newline(self, src: int) -> None:
        if self.parts and not self.parts[-1].endswith("\n"):
            self.add("\n", src, exact=False)

    def text(self) -> str:
        return "".join(self.parts)


def strip_html(source: str) -> Stripped:
    """The visible text of an HTML page, whitespace collapsed, block elements on their own lines."""
    out = _Builder()
    last = 0

    def copy(chunk_start: int, chunk_end: int) -> None:
        pos = chunk_start
        lead = _WS.match(source, chunk_start, chunk_end)
        runs = _COLLAPSE.finditer(source, lead.end() if lead else chunk_start, chunk_end)
        # A single space between words is kept as it is, so it needs no entry of its own.
        for m in ([lead] if lead else []) + list(runs):
            out.add(source[pos:m.start()], pos)
            if out.parts and not out.parts[-1].endswith((" ", "\n")):
                out.add(" ", m.start(), exact=False)
            pos = m.end()
        out.add(source[pos:chunk_end], pos)

    for m in _HTML_TOKEN.finditer(source):
        copy(last, m.start())
        last = m.end()
        token = m.group(0)
        if token.startswith("&"):
            out.add(html.unescape(token), m.start(), exact=False)
        elif (m.group(2) and m.group(2).lower() in _BLOCK) or m.group(1):
            out.newline(m.start())
    copy(last, len(source))
    return Stripped(out.text(), tuple(out.map), html_meta(source))


_META = re.compile(r"<meta\b[^>]{0,2000}>", re.I)
_ATTR = re.compile(r"""([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
_TITLE = re.compile(r"<title\b[^>]{0,2000}>(.{0,2000}?)</title", re.I | re.S)
_H1 = re.compile(r"<h1\b[^>]{0,2000}>(.{0,2000}?)</h1", re.I | re.S)
_HTML_LANG = re.compile(r"<html\b[^>]{0,2000}?\blang\s*=\s*[\"']?([A-Za-z]{2,3})", re.I)
_TIME = re.compile(r"<time\b[^>]{0,2000}?\bdatetime\s*=\s*[\"']([^\"']{4,40})", re.I)
_DATE_KEYS = ("date", "dc.date", "article:published_time", "datepublished", "pubdate", "publish-date",
              "publication_date", "og:published_time", "dcterms.date", "dcterms.created")


def html_meta(source: str) -> dict[str, str]:
    head = source[:200_000]
    meta: dict[str, str] = {}
    m = _TITLE.search(head) or _H1.search(head)
    if m:
        meta["title"] = _WS.sub(" ", html.unescape(re.sub(r"<[^>]{0,2000}>", "", m.group(1)))).strip()
    m = _HTML_LANG.search(head)
    if m:
        meta["lang"] = m.group(1).lower()
    for tag in _META.finditer(head):
        attrs = {a.lower(): (v1 or v2 or v3) for a, v1, v2, v3 in _ATTR.findall(tag.group(0))}
        key = (attrs.get("name") or attrs.get("property") or attrs.get("itemprop") or "").lower()
        if key in _DATE_KEYS and attrs.get("content") and "date" not in meta:
            meta["date"] = attrs["content"]
        if key in ("language", "content-language", "dc.language") and attrs.get("content"):
            meta.setdefault("lang", attrs["content"][:2].lower())
    m = _TIME.search(head)
    if m and "date" not in meta:
        meta["date"] = m.group(1)
    return meta


_FRONT = re.compile(r"\A(?:\ufeff)?---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_FRONT_LINE = re.compile(r"^([A-Za-z_][\w-]*)\s*:\s*(.*?)\s*$", re.M)
_MD_BLANK = re.compile(
    r"```.*?(?:```|\Z)"                                  # fenced code
    r"|!\[[^\]\n]{0,500}\]\([^)\n]{0,2000}\)"            # images
    r"|(?<=\])\([^)\n]{0,2000}\)"                        # link targets
    r"|(?<=\])\[[^\]\n]{0,200}\]"                         # reference link labels: [text][ref]
    r"|^\[[^\]\n]{1,200}\]:[^\n]*$"                      # reference definitions
    r"|<[^>\n]{0,2000}>",                                # inline HTML tags
    re.S | re.M,
)
_MD_MARKS = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]|^[ \t]*>[ \t]?|[*_]{1,3}(?=\S)|(?<=\S)[*_]{1,3}|`", re.M)
# the brackets around a link's text ("[the 2021 report](...)", "[text][ref]"): markup, not text
_MD_LINK_TEXT = re.compile(r"(?<!!)\[[^\[\]\n]{0,500}\](?=\(|\[)")


def strip_markdown(source: str) -> Stripped:
    """Markdown as text of the same length: front matter, code, link targets and markup marks are
    blanked with spaces, so offsets need no map."""
    meta: dict[str, str] = {}
    chars = list(source)

    def blank(start: int, end: int) -> None:
        for i in range(start, end):
            if chars[i] != "\n":
                chars[i] = " "

    m = _FRONT.match(source)
    if m:
        for key, value in _FRONT_LINE.findall(m.group(1)):
            meta.setdefault(_META_KEYS.get(key.lower(), key.lower()), value.strip().strip("\"'"))
        blank(0, m.end())
    for m in _MD_BLANK.finditer(source):
        blank(m.start(), m.end())
    for m in _MD_MARKS.finditer(source):
        blank(m.start(), m.end())
    for m in _MD_LINK_TEXT.finditer(source):
        blank(m.start(), m.start() + 1)
        blank(m.end() - 1, m.end())
    text = "".join(chars)
    if "title" not in meta:
        heading = re.search(r"^[ \t]{0,3}#[ \t]+(.+)$", source, re.M)
        if heading:
            meta["title"] = heading.group(1).strip()
    return Stripped(text, (), meta)


_META_KEYS = {"published": "date", "language": "lang", "locale": "lang"}  # spellings of one key
_FRONT_TXT = re.compile(r"^(title|date|published|lang|language)\s*:\s*(.+?)\s*$", re.I | re.M)


def plain_meta(source: str) -> dict[str, str]:
    """Header lines such as "date: 2021-10-30" in the first lines of a text file."""
    meta: dict[str, str] = {}
    for key, value in _FRONT_TXT.findall(source[:2000]):
        meta.setdefault(_META_KEYS.get(key.lower(), key.lower()), value)
    return meta


def is_header_line(line: str) -> bool:
    """A "date: 2021-10-30" style header line of a text file: metadata, not the title."""
    return _FRONT_TXT.fullmatch(line.strip()) is not None


def soft_wraps(text: str) -> str:
    """Join lines broken inside a sentence: a newline between a line that does not end a
    sentence and one that goes on in lower case becomes a space (same length, same offsets)."""
    return _SOFT_WRAP.sub(" ", text)


_SOFT_WRAP = re.compile(r"(?<=[^\s.!?:;\"”»|])\n(?=[ \t]*[a-zà-ÿđ\d(])")
