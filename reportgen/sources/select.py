"""Pick the document of a submission that holds the statements, and read its tables.

The choice is made by content (the best statement of operations found), with the document
type as the tie-break: an 8-K's EX-99 press release, else the main document.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from reportgen.extract.grid import Grid
from reportgen.extract.text_tables import text_grids
from reportgen.sources.decode import plain_text
from reportgen.sources.edgar import Document, Submission

_HTML = re.compile(r"<(?:html|body|table|div|p|font)\b", re.I)


@dataclass(frozen=True)
class Selected:
    """The chosen document, its tables and its readable text."""

    document: Document
    grids: list[Grid]
    text: str
    score: float


_HTML_HEAD = re.compile(r"<html\b|<!doctype html|<body\b", re.I)


def is_html(text: str) -> bool:
    """An HTML (or inline XBRL) document rather than plain text."""
    head = text[:5000]
    return bool(_HTML_HEAD.search(head)) or len(_HTML.findall(text[:20000])) > 20


def read_document(document: Document, source_name: str) -> tuple[list[Grid], str]:
    """The grids and the readable text of one document, HTML or plain text."""
    if is_html(document.text):
        from reportgen.extract.html_tables import html_document

        # One parse gives both grids and text; rows keep their line in the whole file.
        return html_document(document.text, source_name, document.first_line)
    text = plain_text(document.text)
    return text_grids(text, document.first_line), text


def _type_rank(document: Document, form: str | None) -> int:
    """Lower is preferred when two documents hold equally good statements."""
    kind = (document.type or "").upper()
    if kind.startswith("EX-99"):
        return 0
    if form and kind == form.upper():
        return 1 if not form.upper().startswith("8-K") else 2
    if kind in ("10-Q", "10-K", "8-K", "10-Q/A", "10-K/A", "8-K/A", ""):
        return 2
    return 3


def select_document(
    submission: Submission, source_name: str, score: Callable[[list[Grid], str], float]
) -> Selected | None:
    """The document whose best statement of operations scores highest (type breaks ties).

    `score(grids, text) -> float` rates a document's grids (negative when none is a statement).
    """
    best: tuple[tuple[float, int, int], Selected] | None = None
    for order, document in enumerate(submission.documents):
        if document.binary:
            continue
        grids, text = read_document(document, source_name)
        value = score(grids, text)
        rank = (-value, _type_rank(document, submission.header.form), order)
        if best is None or rank < best[0]:
            best = (rank, Selected(document, grids, text, value))
    return best[1] if best else None
