"""The labelled fixtures re-laid out: every transformation applied to every fixture it fits."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from reportgen.accuracy.html_transforms import TRANSFORMS as HTML_TRANSFORMS
from reportgen.accuracy.html_transforms import transformed
from reportgen.accuracy.labels import Labelled
from reportgen.accuracy.locate import locate
from reportgen.accuracy.text_transforms import TRANSFORMS as TEXT_TRANSFORMS
from reportgen.accuracy.text_transforms import TextDoc
from reportgen.model import Filing
from reportgen.parse import parse_bytes
from reportgen.sources.decode import decode
from reportgen.sources.select import is_html

# Transformations after which the figures' scale is no longer printed.
UNKNOWABLE_SCALE = frozenset(("units_deleted",))


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
    names = ["crlf", *TEXT_TRANSFORMS, *(n for n in HTML_TRANSFORMS if n not in TEXT_TRANSFORMS)]
    out = []
    for name in names:
        kinds = [k for k, table in (("text", TEXT_TRANSFORMS), ("html", HTML_TRANSFORMS)) if name in table]
        doc = (TEXT_TRANSFORMS.get(name) or HTML_TRANSFORMS.get(name))
        what = " ".join((doc.__doc__ or "").split()) if doc else "CRLF line ends throughout."
        out.append(f"{name:<24} {'+'.join(kinds or ['text', 'html']):<10} {what}")
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


def _body(text: str) -> int:
    """The first line after an EDGAR header (0 when the file has none)."""
    end = text.find("</SEC-HEADER>")
    return text.count("\n", 0, end) + 1 if end >= 0 else 0
