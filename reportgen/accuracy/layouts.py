"""The labelled fixtures re-laid out: every transformation applied to every fixture it fits."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from reportgen.accuracy.html_transforms import TRANSFORMS as HTML_TRANSFORMS
from reportgen.accuracy.html_transforms import transformed
from reportgen.accuracy.labels import Labelled
from reportgen.accuracy.locate import locate
from reportgen.accuracy.text_transforms import TRANSFORMS as TEXT_TRANSFORMS
from reportgen.accuracy.text_transforms import TextDoc
from reportgen.accuracy.variants import text_rendering, w3m_available
from reportgen.model import Filing
from reportgen.parse import parse_bytes
from reportgen.sources.decode import decode
from reportgen.sources.select import is_html

# Transformations after which the figures' scale is no longer printed.
UNKNOWABLE_SCALE = frozenset(("units_deleted",))
# Layouts that are not transformations of one format: CRLF line ends (any file), and an HTML
# document rendered as plain text by w3m (HTML files; when w3m is installed).
OTHER_LAYOUTS = {
    "crlf": "CRLF line ends throughout.",
    "text_rendering": "An HTML document dumped as plain text by w3m, numbers right-aligned (as the corpus's text variant).",
}


@dataclass(frozen=True)
class Layout:
    """One fixture in one transformed layout."""

    fixture: Labelled
    transform: str
    data: bytes


def layouts(fixture: Labelled, names: frozenset[str] | None = None) -> Iterator[Layout]:
    """Every transformation of `names` (all when None) that fits the fixture."""
    data = fixture.path.read_bytes()
    text, encoding = decode(data)
    codec = "utf-8" if encoding == "utf-8-sig" else encoding

    def encoded(new: str) -> bytes:
        return new.encode(codec, errors="xmlcharrefreplace")

    if names is None or "crlf" in names:
        yield Layout(fixture, "crlf", encoded(text.replace("\n", "\r\n")))
    filing = parse_bytes(data, fixture.path.name)
    if is_html(text):
        yield from _html_layouts(fixture, text, filing, names, encoded)
        return
    doc = TextDoc(text.split("\n"), locate(filing), filing.company.name, _body(text))
    for name, transform in TEXT_TRANSFORMS.items():
        if names is not None and name not in names:
            continue
        lines = transform(doc)
        if lines is not None:
            yield Layout(fixture, name, encoded("\n".join(lines)))


def describe() -> list[str]:
    """Each transformation with the formats it applies to and what it does (its docstring)."""
    names = [*TEXT_TRANSFORMS, *(n for n in HTML_TRANSFORMS if n not in TEXT_TRANSFORMS)]
    out = [f"{'crlf':<24} {'text+html':<10} {OTHER_LAYOUTS['crlf']}"]
    for name in names:
        kinds = [k for k, table in (("text", TEXT_TRANSFORMS), ("html", HTML_TRANSFORMS)) if name in table]
        doc = TEXT_TRANSFORMS.get(name) or HTML_TRANSFORMS.get(name)
        out.append(f"{name:<24} {'+'.join(kinds):<10} {' '.join((doc.__doc__ or '').split())}")
    out.append(f"{'text_rendering':<24} {'html':<10} {OTHER_LAYOUTS['text_rendering']}")
    return out


def _html_layouts(
    fixture: Labelled, text: str, filing: Filing, names: frozenset[str] | None, encoded: Callable[[str], bytes]
) -> Iterator[Layout]:
    """The HTML transformations that fit a document (inside its EDGAR <TEXT> wrapper, if any)."""
    start = text.find("<TEXT>")
    end = text.rfind("</TEXT>")
    head, html, tail = (text[: start + 6], text[start + 6: end], text[end:]) if 0 <= start < end else ("", text, "")
    for name in HTML_TRANSFORMS:
        if names is not None and name not in names:
            continue
        new = transformed(html, filing, name)
        if new is not None:
            yield Layout(fixture, name, encoded(head + new + tail))
    if (names is None or "text_rendering" in names) and w3m_available():
        rendered = _TEXT_BODY.sub(lambda m: m.group(1) + _as_text(m.group(2)) + m.group(3), text) if head else text_rendering(html)
        yield Layout(fixture, "text_rendering", encoded(rendered))


_TEXT_BODY = re.compile(r"(<TEXT>)(.*?)(</TEXT>)", re.S)


def _as_text(body: str) -> str:
    """A submission document's body rendered as text when it is HTML, else as it is."""
    return "\n" + text_rendering(body) + "\n" if is_html(body) else body


def _body(text: str) -> int:
    """The first line after an EDGAR header (0 when the file has none)."""
    end = text.find("</SEC-HEADER>")
    return text.count("\n", 0, end) + 1 if end >= 0 else 0
