"""Read each document of a submission once: its tables, readable text and inline XBRL.

Which document holds the statements is chosen by content in the parse (the best statement
of operations found), with `type_rank` as the tie-break.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reportgen.extract.grid import Grid
from reportgen.extract.html_tables import html_document
from reportgen.extract.ixbrl import XbrlDocument
from reportgen.extract.statements import merge_continued
from reportgen.extract.text_tables import text_grids
from reportgen.sources.decode import plain_text
from reportgen.sources.edgar import Document, Submission

_HTML = re.compile(r"<(?:html|body|table|div|p|font)\b", re.I)


@dataclass(frozen=True)
class DocumentRead:
    """One document of a filing, read once: its tables, its readable text, its inline XBRL."""

    document: Document
    grids: list[Grid]
    text: str
    xbrl: XbrlDocument | None = None


_HTML_HEAD = re.compile(r"<html\b|<!doctype html|<body\b", re.I)


def is_html(text: str) -> bool:
    """An HTML (or inline XBRL) document rather than plain text."""
    head = text[:5000]
    return bool(_HTML_HEAD.search(head)) or len(_HTML.findall(text[:20000])) > 20


def read_document(document: Document, source_name: str) -> DocumentRead:
    """The grids, readable text and inline XBRL of one document, HTML or plain text."""
    if is_html(document.text):
        # One parse gives grids, text and XBRL; rows keep their line in the whole file.
        read = html_document(document.text, source_name, document.first_line)
        return DocumentRead(document, merge_continued(read.grids), read.text, read.xbrl)
    text = plain_text(document.text)
    return DocumentRead(document, merge_continued(text_grids(text, document.first_line)), text)


def type_rank(document: Document, form: str | None) -> int:
    """Lower is preferred when two documents hold equally good statements: an 8-K's EX-99
    press release, else the form's own document."""
    kind = (document.type or "").upper()
    if kind.startswith("EX-99"):
        return 0
    if form and kind == form.upper():
        return 1 if not form.upper().startswith("8-K") else 2
    if kind in ("10-Q", "10-K", "8-K", "10-Q/A", "10-K/A", "8-K/A", ""):
        return 2
    return 3
