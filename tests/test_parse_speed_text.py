"""The readable-text shortcuts must give the text the slow paths gave.

`readable_text` reads a <TEXT> block's HTML without its first newline, so the text read
with the document's grids is found again: that newline must change no text. `_TEXT_PART`
was rewritten from a lazy `.*?` to possessive runs: it must match the same blocks.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reportgen.extract import html_tables, textclean

FILINGS = Path(__file__).parent / "fixtures" / "filings"
_OLD_TEXT_PART = re.compile(r"(<TEXT>)(.*?)(</TEXT>)", re.S | re.I)

HTML_PIECES = st.sampled_from([
    "<html>", "<body>", "<p>", "</p>", "<pre>", "</pre>", "<table><tr><td>", "</td><td>", "</td></tr></table>",
    "<br>", "<div>", "</div>", "<?xml version='1.0'?>", "<!-- c -->", "<!DOCTYPE html>", "\n", " ", "\t",
    "Revenue", "1,234", "$", "(5)", "<sup>1</sup>", "<span style='display:none'>x</span>", "&nbsp;", "<b>",
])
HTML = st.lists(HTML_PIECES, max_size=25).map("".join)


def _text(html: str) -> str:
    """The document's text."""
    return html_tables.html_to_text(html)


@settings(deadline=None)
@given(HTML)
def test_a_first_newline_changes_no_text(html: str) -> None:
    assert _text("\n" + html) == _text(html)


@pytest.mark.parametrize("name", [p.name for p in sorted(FILINGS.glob("*.htm"))])
def test_a_first_newline_changes_no_text_of_a_fixture(name: str) -> None:
    html = (FILINGS / name).read_text(encoding="utf-8", errors="replace")
    assert _text("\n" + html) == _text(html)


@given(st.lists(st.sampled_from(["<TEXT>", "</TEXT>", "<text>", "</Text", "<", "/", ">", "x", "\n"]), max_size=25).map("".join))
def test_text_part_matches_as_the_lazy_one(text: str) -> None:
    old = [m.span(2) for m in _OLD_TEXT_PART.finditer(text)]
    assert [m.span(2) for m in textclean._TEXT_PART.finditer(text)] == old


@given(st.lists(st.sampled_from(["<TEXT>", "</TEXT>", "<Text>", "</text>", "<TEXT", "<", ">", "x", "\u0130", "\u212a", "T"]), max_size=20).map("".join))
def test_text_part_is_never_found_without_its_lowered_tag(text: str) -> None:
    if textclean._TEXT_PART.search(text):
        assert "<text>" in textclean.lowered(text)
