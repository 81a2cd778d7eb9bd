"""The faster table reading must give the tokens the slower one gave.

`_table_tokens` skips blank rows of tables without rowspans, reads no span attribute where the
table has none, and reads a childless cell's text without serialising it. Each shortcut is checked
against the reader's general path, or the serialisation it spares, on generated tables.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from reportgen.extract import html_tables as ht
from reportgen.extract import htmldom
from reportgen.extract.htmldom import parse_html

FILINGS = Path(__file__).parent / "fixtures" / "filings"


CONTENT = st.sampled_from([
    "", " ", "&nbsp;", "\n", "12,345", "$", "(1)", "Revenue", "<span>7</span>", "<span> </span>",
    "<!-- note -->", "<b>Net</b> income", "<br>", "<sup>a</sup>", "x<span></span>", "<table><tr><td>9</td></tr></table>",
])
SPAN = st.sampled_from(["", ' colspan="2"', ' colspan="3"', ' rowspan="2"', ' colspan="2" rowspan="3"', ' colspan="x"'])
CELL = st.builds(lambda tag, span, content: f"<{tag}{span}>{content}</{tag}>", st.sampled_from(["td", "th"]), SPAN, CONTENT)
ROW = st.lists(CELL, max_size=6).map(lambda cells: "<tr>" + "".join(cells) + "</tr>")
TABLE = st.lists(ROW, min_size=1, max_size=6).map(lambda rows: "<html><body><table>" + "".join(rows) + "</table></body></html>")


def _fast(table: etree._Element) -> list[list[ht._Token]]:
    """A table's tokens as the walker reads them: spans looked for only where the table has any."""
    return ht._table_tokens(ht._own_rows(table), ht._HAS_COLSPAN(table), ht._HAS_ROWSPAN(table))


def _general(table: etree._Element) -> list[list[ht._Token]]:
    """The same reader told every cell may span: every row read, every span attribute looked at."""
    return ht._table_tokens(ht._own_rows(table))


@settings(deadline=None)
@given(TABLE)
def test_the_shortcuts_for_tables_without_spans_change_no_token(html: str) -> None:
    root = ht.load(html)[0]
    for table in root.iter("table"):
        assert _fast(table) == _general(table)


@settings(deadline=None)
@given(TABLE)
def test_a_childless_cell_is_read_as_its_serialised_text(html: str) -> None:
    """The reader takes a childless cell's .text instead of serialising it: the same string."""
    for cell in ht.load(html)[0].iter("td", "th"):
        if not len(cell):
            assert (cell.text or "") == etree.tostring(cell, method="text", encoding=str, with_tail=False)


@pytest.mark.parametrize("name", [p.name for p in sorted(FILINGS.glob("*.htm"))])
def test_table_tokens_of_every_fixture_table(name: str) -> None:
    root = ht.load((FILINGS / name).read_text(encoding="utf-8", errors="replace"))[0]
    for table in root.iter("table"):
        assert _fast(table) == _general(table)
        for cell in table.iter("td", "th"):
            if not len(cell):
                assert (cell.text or "") == etree.tostring(cell, method="text", encoding=str, with_tail=False)


def _old_columns(rows: list[ht._Row]) -> list[tuple[int, int]]:
    """_columns' grouping as it was: each group's starts gathered by a scan of every row (the
    clipping after it is unchanged and shared)."""
    ends_by_row = [{t.end for t in row.tokens if t.digits} for row in rows]
    groups: list[set[int]] = []
    for anchor in sorted(set().union(*ends_by_row)):
        if groups and not any(anchor in ends and ends & groups[-1] for ends in ends_by_row):
            groups[-1].add(anchor)
        else:
            groups.append({anchor})
    ranges = []
    for group in groups:
        starts = [t.start for r in rows for t in r.tokens if t.digits and t.end in group]
        ranges.append((min(starts), max(group)))
    return ht._without_overlaps(ranges)


TOKEN = st.builds(
    lambda start, width, digits: ht._Token(start, start + width, "1" if digits else "x", digits, digits),
    st.integers(0, 12), st.integers(0, 3), st.booleans(),
)
ROWS = st.lists(st.lists(TOKEN, max_size=6).map(lambda tokens: ht._Row(tokens, None)), max_size=6)


@given(ROWS)
def test_columns_agree_with_the_original_scan(rows: list[ht._Row]) -> None:
    assert ht._columns(rows) == _old_columns(rows)


_OLD_HAS_COLSPAN = etree.XPath("boolean(.//@colspan)")


@settings(deadline=None)
@given(TABLE)
def test_colspan_test_agrees_with_the_node_set(html: str) -> None:
    root = ht.load(html.replace("<table>", '<table colspan="2">', 1) if "rowspan" in html else html)[0]
    for table in root.iter("table"):
        assert ht._HAS_COLSPAN(table) == _OLD_HAS_COLSPAN(table)


def _old_bytes(html: str) -> bytes:
    """The bytes parse_html handed lxml before the non-characters were looked for in the text."""
    data = html.encode("utf-8", errors="surrogatepass").translate(htmldom._NO_CONTROLS)
    for bad in (b"\xef\xbf\xbe", b"\xef\xbf\xbf"):
        if bad in data:
            data = data.replace(bad, b" ")
    return data


@given(st.text(st.sampled_from(list("<p>ab \x00\x07\x1f\ufffe\uffff\ufeff\ud800\u00e9\u20ac")), max_size=30))
def test_non_characters_are_replaced_as_before(html: str) -> None:
    parsed = parse_html(html)
    old = _old_bytes(htmldom.visible(html))  # zero-width characters go first, by design
    expected = etree.fromstring(old, parser=etree.HTMLParser(recover=True, encoding="utf-8")) if old.strip() else None
    assert etree.tostring(parsed) == (etree.tostring(expected) if expected is not None else b"<html/>")


def _old_value_reading(text: str) -> tuple[str, bool] | None:
    """_value_reading as it was, before texts without digits were answered at once."""
    text = ht._strip_value_markers(text)
    if bool(ht._HAS_DIGIT.search(text) and ht._NUMBER.match(text)) or bool(ht._NIL.match(text)):
        return text.replace(" ", ""), bool(ht._HAS_DIGIT.search(text))
    return None


CELL_TEXT = st.lists(st.sampled_from([
    "1", "12", "1,234", ".5", "$", "(", ")", "%", "-", "\u2014", "\u2212", " ", "n/a", "NM", "nmf", "(a)", "(1)", "*",
    "\u2020", "Revenue", "Net", ":", "and", "(C & E)", "x", "N", "/", "A",
]), max_size=8).map("".join)


@given(CELL_TEXT)
def test_value_reading_agrees_with_the_original(text: str) -> None:
    assert ht._value_reading.__wrapped__(text) == _old_value_reading(text)


@given(st.lists(CELL_TEXT.filter(lambda t: t.strip()), max_size=6))
def test_merge_leaves_a_row_with_tokens_never_empty(texts: list[str]) -> None:
    tokens = [ht._Token(i, i, " ".join(t.split())) for i, t in enumerate(texts)]
    assert bool(ht._merge(tokens)) == bool(texts)


def _old_column_of(tok: ht._Token, columns: list[tuple[int, int]]) -> int | None:
    """_column_of as it was: every column tried from the right."""
    for i in range(len(columns) - 1, -1, -1):
        start, end = columns[i]
        if tok.start <= end and tok.end >= start:
            return i
    return None


@given(ROWS, st.lists(TOKEN, min_size=1, max_size=8))
def test_column_of_agrees_with_the_scan_from_the_right(rows: list[ht._Row], tokens: list[ht._Token]) -> None:
    columns = ht._columns(rows)
    starts = [start for start, _ in columns]
    for tok in tokens:
        assert ht._column_of(tok, columns, starts) == _old_column_of(tok, columns)


@settings(deadline=None)
@given(TABLE.map(lambda html: html.replace("rowspan", "ROWSPAN", 1)) | TABLE)
def test_no_table_spans_rows_where_the_document_never_says_rowspan(html: str) -> None:
    from reportgen.extract.textclean import lowered

    root = ht.load(html)[0]
    if any(ht._HAS_ROWSPAN(table) for table in root.iter("table")):
        assert "rowspan" in lowered(html)
