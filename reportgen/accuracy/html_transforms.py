"""Layout-changing transformations of HTML filings: the figures stay, the markup moves.

The statement tables are found by the rows the reader keyed on the original (their labels and
printed figures); each transformation edits a copy of the parsed document and returns its HTML,
or None where it does not fit the filing.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from lxml import etree

from reportgen.accuracy.text_layout import TITLE, UNITS
from reportgen.accuracy.rewrites import DISTRACTORS, WORDINGS, shifted
from reportgen.extract.htmldom import element_text, parse_html
from reportgen.model import Filing, Statement

_DIGITS = re.compile(r"\d")
_MONEY = re.compile(r"^\(?\$?\s*\(?-?\d[\d,]*(?:\.\d+)?\)?%?$")


@dataclass
class HtmlStatement:
    """A statement's table and rows in a parsed document."""

    table: etree._Element
    keyed: dict[str, etree._Element]  # figure key -> its row


@dataclass
class HtmlDoc:
    """A parsed HTML filing and where its statements are."""

    root: etree._Element
    statements: dict[str, HtmlStatement]
    company: str


def _norm(text: str) -> str:
    """Whitespace collapsed, lower case, no dollar signs."""
    return " ".join(text.replace("\u200b", " ").replace("$", " ").split()).lower()


def locate_html(root: etree._Element, filing: Filing) -> dict[str, HtmlStatement]:
    """The tables of a filing's statements: the table holding most of the keyed rows."""
    rows = list(root.iter("tr"))
    texts = {id(tr): _norm(element_text(tr)) for tr in rows}
    out: dict[str, HtmlStatement] = {}
    for statement in (filing.income, filing.balance):
        if statement is None:
            continue
        found = _keyed_rows(statement, rows, texts)
        tables: dict[etree._Element, int] = {}
        for tr in found.values():
            table = next(tr.iterancestors("table"), None)
            if table is not None:
                tables[table] = tables.get(table, 0) + 1
        if not tables:
            continue
        table = max(tables, key=lambda t: tables[t])
        keyed = {k: tr for k, tr in found.items() if next(tr.iterancestors("table"), None) is table}
        out[statement.kind.value] = HtmlStatement(table, keyed)
    return out


def _keyed_rows(statement: Statement, rows: list[etree._Element], texts: dict[int, str]) -> dict[str, etree._Element]:
    """Per key, the first row whose text starts with the line's label and shows its figures."""
    found: dict[str, etree._Element] = {}
    for line in statement.lines:
        if not line.key or line.key.endswith("component") or line.key in found or not line.values[0]:
            continue
        label = _norm(line.label)
        digits = "".join(_DIGITS.findall(line.values[0].raw))
        for tr in rows:
            text = texts[id(tr)]
            if text.startswith(label) and digits in "".join(_DIGITS.findall(text)):
                found[line.key] = tr
                break
    return found


def own_rows(table: etree._Element) -> list[etree._Element]:
    """The rows of a table, not of tables nested in it."""
    return [tr for tr in table.iter("tr") if next(tr.iterancestors("table"), None) is table]


def cells(tr: etree._Element) -> list[etree._Element]:
    """A row's cells."""
    return [c for c in tr if isinstance(c.tag, str) and c.tag in ("td", "th")]


def _is_data_row(tr: etree._Element) -> bool:
    """A row with a label and at least one figure."""
    row = cells(tr)
    texts = [element_text(c) for c in row]
    label = next((t for t in texts if t), "")
    return bool(label) and not _DIGITS.search(label[:1] or "x") and any(
        _MONEY.match(t.replace(" ", "")) and not re.fullmatch(r"(?:19|20)\d\d", t) for t in texts[1:]
    )


def header_rows(table: etree._Element) -> list[etree._Element]:
    """The column-header rows: those above the first data row that print anything beyond a label."""
    rows = own_rows(table)
    first = next((i for i, tr in enumerate(rows) if _is_data_row(tr)), None)
    if first is None:
        return []
    heads = rows[:first]
    while heads and not any(element_text(c) for c in cells(heads[-1])[1:]):
        heads.pop()
    return heads


def label_cell(tr: etree._Element) -> etree._Element | None:
    """The row's label cell: the first with text that is not a figure, else (an unlabelled
    total) its first cell when that one is empty."""
    row = cells(tr)
    for c in row:
        text = element_text(c)
        if text and not (_MONEY.match(text.replace(" ", "")) or text in ("$", ")")):
            return c
        if text:
            break
    return row[0] if row and not element_text(row[0]) else None


def set_text(el: etree._Element, text: str) -> None:
    """Replace an element's content with text, kept inside its innermost first element (so
    the font and indentation stay)."""
    inner = el
    while len(inner) and isinstance(inner[0].tag, str) and inner[0].tag not in ("br",):
        inner = inner[0]
    for child in list(inner):
        inner.remove(child)
    inner.text = text
    if inner is not el:
        for sibling in list(el):
            if sibling is not _top_child(el, inner):
                el.remove(sibling)


def _top_child(el: etree._Element, inner: etree._Element) -> etree._Element:
    """The child of `el` that holds `inner`."""
    node = inner
    parent = node.getparent()
    while parent is not None and parent is not el:
        node, parent = parent, parent.getparent()
    return node


HtmlTransform = Callable[[HtmlDoc], bool]


# ---------------------------------------------------------------- the units caption


def _caption_element(doc: HtmlDoc, statement: HtmlStatement) -> etree._Element | None:
    """The element before the table (or in its header rows) holding a units caption."""
    for tr in reversed(header_rows(statement.table)):
        for c in cells(tr):
            if UNITS.search(element_text(c)):
                return c
    seen = 0
    for el in statement.table.itersiblings(preceding=True):
        found = [e for e in el.iter() if isinstance(e.tag, str) and UNITS.search(element_text(e)) and len(element_text(e)) < 200]
        if found:
            return found[-1]
        seen += 1
        if seen > 12:
            break
    parent = statement.table.getparent()
    if parent is not None and parent.tag not in ("body", "html"):
        return _caption_element(doc, HtmlStatement(parent, statement.keyed))
    return None


def _caption_text(text: str) -> str | None:
    """The whole caption in a text: the units phrase with its closing parenthesis."""
    match = UNITS.search(text)
    if match is None:
        return None
    end = match.end()
    if text[match.start():match.start() + 1] == "(" and ")" in text[end:end + 2]:
        end = text.index(")", end) + 1
    return text[match.start():end]


def _holding(el: etree._Element, caption: str) -> etree._Element:
    """The deepest element whose text holds the whole caption."""
    for child in el:
        if isinstance(child.tag, str) and caption in element_text(child):
            return _holding(child, caption)
    return el


def _take_caption(doc: HtmlDoc, statement: HtmlStatement) -> str | None:
    """Remove a statement's units caption from where it is printed; its text."""
    el = _caption_element(doc, statement)
    if el is None:
        return None
    caption = _caption_text(element_text(el))
    if caption is None:
        return None
    holder = _holding(el, caption)
    set_text(holder, element_text(holder).replace(caption, "").strip())
    return " ".join(caption.split())


def _move_caption(place: Callable[[HtmlDoc, HtmlStatement, str], bool]) -> HtmlTransform:
    """Take each statement's caption out and put it back where `place` says."""

    def transform(doc: HtmlDoc) -> bool:
        captions = {kind: _take_caption(doc, s) for kind, s in doc.statements.items()}
        done = False
        for kind, text in captions.items():
            if text is None:
                continue
            if not place(doc, doc.statements[kind], text):
                return False
            done = True
        return done

    transform.__doc__ = place.__doc__
    return transform


def _new_row(like: etree._Element, label: str) -> etree._Element:
    """A row shaped like `like` with every cell empty but the first, which says `label`."""
    row = copy.deepcopy(like)
    for c in cells(row):
        set_text(c, "")
    first = cells(row)[0] if cells(row) else etree.SubElement(row, "td")
    set_text(first, label)
    return row


def _first_data_row(table: etree._Element) -> etree._Element | None:
    """The table's first row with a label and figures."""
    return next((tr for tr in own_rows(table) if _is_data_row(tr)), None)


def _below_dates(doc: HtmlDoc, statement: HtmlStatement, text: str) -> bool:
    """The units caption in a row of its own below the column dates."""
    heads = header_rows(statement.table)
    data = _first_data_row(statement.table)
    if not heads or data is None:
        return False
    heads[-1].addnext(_new_row(data, text))
    return True


def _header_cell(last: bool) -> Callable[[HtmlDoc, HtmlStatement, str], bool]:
    """The units caption in the first cell of the date row (last) or the first header row."""

    def place(doc: HtmlDoc, statement: HtmlStatement, text: str) -> bool:
        heads = header_rows(statement.table)
        if not heads:
            return False
        row = cells(heads[-1] if last else heads[0])
        if not row:
            return False
        first = row[0]
        existing = element_text(first)
        set_text(first, f"{existing} {text}".strip())
        return True

    place.__doc__ = "The units caption in the first cell of the " + ("date row." if last else "first header row.")
    return place


def _in_title(doc: HtmlDoc, statement: HtmlStatement, text: str) -> bool:
    """The units caption appended to the statement's title."""
    seen = 0
    node: etree._Element | None = statement.table
    while node is not None and seen < 30:
        for el in node.itersiblings(preceding=True):
            seen += 1
            titled = [e for e in el.iter() if isinstance(e.tag, str) and TITLE.search(element_text(e)) and len(element_text(e)) < 150]
            if titled:
                target = _innermost_title(titled[-1])
                set_text(target, f"{element_text(target)} {text}")
                return True
            if seen > 30:
                return False
        node = node.getparent()
        if node is not None and node.tag in ("body", "html"):
            return False
    return False


def _innermost_title(el: etree._Element) -> etree._Element:
    """The deepest descendant that still holds the title."""
    for child in el:
        if isinstance(child.tag, str) and TITLE.search(element_text(child)):
            return _innermost_title(child)
    return el


def units_deleted(doc: HtmlDoc) -> bool:
    """The units caption deleted: the figures' scale can no longer be known from the table."""
    return any([_take_caption(doc, s) is not None for s in doc.statements.values()])


# ---------------------------------------------------------------- tables split


def _split(table: etree._Element, after: etree._Element, between: list[etree._Element], headers: bool) -> bool:
    """Cut a table after a row into two tables, the header rows repeated in the second."""
    rows = own_rows(table)
    if after not in rows or after is rows[-1]:
        return False
    second = etree.Element(str(table.tag), attrib={str(k): str(v) for k, v in table.attrib.items()})
    if headers:
        for tr in header_rows(table):
            second.append(copy.deepcopy(tr))
    moving = rows[rows.index(after) + 1:]
    for tr in moving:
        second.append(tr)  # moves it
    anchor = table
    for el in between:
        anchor.addnext(el)
        anchor = el
    anchor.addnext(second)
    return True


def _paragraph(text: str) -> etree._Element:
    """A <p> of text."""
    p = etree.Element("p")
    p.text = text
    return p


def _balance_split(continued: bool) -> HtmlTransform:
    """The balance sheet split after total assets into two tables, the headers repeated."""

    def transform(doc: HtmlDoc) -> bool:
        balance = doc.statements.get("balance")
        if balance is None or "total_assets" not in balance.keyed:
            return False
        between = [_paragraph("Balance sheets (continued)")] if continued else []
        return _split(balance.table, balance.keyed["total_assets"], between, headers=True)

    transform.__doc__ = "The balance sheet split after total assets" + (", '(continued)'." if continued else ".")
    return transform


def page_breaks(doc: HtmlDoc) -> bool:
    """Each statement table cut in the middle by a page break, company name and page number."""
    done = False
    for page, statement in enumerate(doc.statements.values(), start=7):
        rows = [tr for tr in own_rows(statement.table) if _is_data_row(tr)]
        if len(rows) < 4:
            continue
        brk = etree.Element("hr", style="page-break-after:always")
        done |= _split(statement.table, rows[len(rows) // 2], [brk, _paragraph(doc.company), _paragraph(f"Page {page}")], headers=True)
    return done


# ---------------------------------------------------------------- labels


def _relabel(name: str) -> HtmlTransform:
    """Key lines reworded as real statements word them."""
    wordings = WORDINGS[name]

    def transform(doc: HtmlDoc) -> bool:
        return _relabelled(doc, wordings, append=False)

    transform.__doc__ = f"Key lines reworded ({', '.join(wordings.values())})."
    return transform


def amounts_in_labels(doc: HtmlDoc) -> bool:
    """Amounts printed inside labels: "Cash (includes restricted cash of $5)"."""
    notes = {"cash": "(includes restricted cash of $5)", "total_revenue": "(including $3 from related parties)"}
    return _relabelled(doc, notes, append=True)


def _relabelled(doc: HtmlDoc, labels: dict[str, str], append: bool) -> bool:
    """Each key line's label replaced (or followed) by a text; whether any was."""
    done = False
    for statement in doc.statements.values():
        for key, label in labels.items():
            tr = statement.keyed.get(key)
            cell = label_cell(tr) if tr is not None else None
            if cell is not None:
                set_text(cell, f"{element_text(cell)} {label}" if append else label)
                done = True
    return done


def _fake_row(tr: etree._Element, label: str, plus: Decimal) -> etree._Element:
    """A copy of a row with another label and other figures."""
    row = copy.deepcopy(tr)
    first = label_cell(row)
    for c in cells(row):
        if c is first:
            set_text(c, label)
            continue
        text = element_text(c)
        if _DIGITS.search(text):
            set_text(c, shifted(text, Decimal("1.13"), plus))
    return row


def _distractors(where: str) -> HtmlTransform:
    """Non-GAAP, adjusted, segment and pro forma rows next to the GAAP key rows."""
    rows = DISTRACTORS[where]

    def transform(doc: HtmlDoc) -> bool:
        income = doc.statements.get("income")
        if income is None:
            return False
        done = False
        for key, text in rows:
            keys = ("eps_diluted", "eps_basic_diluted", "eps_basic") if key == "eps" else (key,)
            found = [income.keyed[k] for k in keys if k in income.keyed]
            if not found:
                continue
            order = own_rows(income.table)
            found.sort(key=order.index)
            fake = _fake_row(found[0], text, Decimal("0.03") if key == "eps" else Decimal("7"))
            if where == "above" or (where == "segment" and key == "operating_income"):
                found[0].addprevious(fake)
            else:
                found[-1].addnext(fake)
            done = True
        return done

    transform.__doc__ = {
        "above": "Non-GAAP net income and EPS rows just above the GAAP rows.",
        "below": "Adjusted net income and EPS rows just below the GAAP rows.",
        "segment": "A segment operating profit total above operating income; pro forma net income below net income.",
    }[where]
    return transform


def _wrap(before: bool) -> HtmlTransform:
    """Key labels split over two rows: the first words in a row of their own above the
    figures (before), or the last words in a row of their own below them."""

    def transform(doc: HtmlDoc) -> bool:
        done = False
        for statement in doc.statements.values():
            for tr in statement.keyed.values():
                cell = label_cell(tr)
                words = element_text(cell).split() if cell is not None else []
                if cell is None or sum(1 for w in words if any(ch.isalpha() for ch in w)) < 2:
                    continue
                half = (len(words) + 1) // 2
                extra = _new_row(tr, " ".join(words[:half] if before else words[half:]))
                set_text(cell, " ".join(words[half:] if before else words[:half]))
                if before:
                    tr.addprevious(extra)
                else:
                    tr.addnext(extra)
                done = True
        return done

    transform.__doc__ = "Key labels wrapped over two rows, " + ("before the figures." if before else "after the figures.")
    return transform


def restated_annotation(doc: HtmlDoc) -> bool:
    """An "As Restated" annotation row under the dates, over the second figure column."""
    done = False
    for statement in doc.statements.values():
        heads = header_rows(statement.table)
        data = _first_data_row(statement.table)
        if not heads or data is None:
            continue
        numeric = [i for i, c in enumerate(cells(data)) if _DIGITS.search(element_text(c))]
        if len(numeric) < 2:
            continue
        row = _new_row(data, "")
        set_text(cells(row)[numeric[1]], "As Restated")
        heads[-1].addnext(row)
        done = True
    return done


# ---------------------------------------------------------------- cells


def _empty_cells(fill: str) -> HtmlTransform:
    """Every empty cell of the statements holding an invisible character."""

    def transform(doc: HtmlDoc) -> bool:
        done = False
        for statement in doc.statements.values():
            for tr in own_rows(statement.table):
                for c in cells(tr):
                    if not element_text(c) and not len(c):
                        c.text = fill
                        done = True
        return done

    transform.__doc__ = f"Empty cells holding {'a zero-width space' if fill == chr(0x200B) else 'a no-break space'}."
    return transform


def symbols_in_own_cells(doc: HtmlDoc) -> bool:
    """"$" and ")" moved out of the figure cells into empty neighbouring cells."""
    done = False
    for statement in doc.statements.values():
        for tr in own_rows(statement.table):
            row = cells(tr)
            for i, c in enumerate(row):
                text = element_text(c)
                if not _MONEY.match(text.replace(" ", "")) or not _DIGITS.search(text):
                    continue
                if text.startswith("$") and i > 0 and not element_text(row[i - 1]):
                    set_text(row[i - 1], "$")
                    text = text[1:].strip()
                    set_text(c, text)
                    done = True
                if text.endswith(")") and i + 1 < len(row) and not element_text(row[i + 1]):
                    set_text(row[i + 1], ")")
                    set_text(c, text[:-1])
                    done = True
    return done


TRANSFORMS: dict[str, HtmlTransform] = {
    "page_breaks": page_breaks,
    "units_below_dates": _move_caption(_below_dates),
    "units_on_date_line": _move_caption(_header_cell(last=True)),
    "units_in_left_header": _move_caption(_header_cell(last=False)),
    "units_in_title": _move_caption(_in_title),
    "units_deleted": units_deleted,
    "balance_split": _balance_split(continued=False),
    "balance_split_continued": _balance_split(continued=True),
    "relabel_real_a": _relabel("relabel_real_a"),
    "relabel_real_b": _relabel("relabel_real_b"),
    "relabel_word_order": _relabel("relabel_word_order"),
    "distractors_above": _distractors("above"),
    "distractors_below": _distractors("below"),
    "distractors_segment": _distractors("segment"),
    "wrap_before": _wrap(before=True),
    "wrap_after": _wrap(before=False),
    "restated_annotation": restated_annotation,
    "amounts_in_labels": amounts_in_labels,
    "empty_cells_zero_width": _empty_cells("\u200b"),
    "empty_cells_nbsp": _empty_cells("\u00a0"),
    "symbols_in_own_cells": symbols_in_own_cells,
}


def transformed(html: str, filing: Filing, name: str) -> str | None:
    """One transformation of an HTML document, or None where it does not fit."""
    root = parse_html(html)
    doc = HtmlDoc(root, locate_html(root, filing), filing.company.name)
    if not doc.statements or not TRANSFORMS[name](doc):
        return None
    return etree.tostring(root, method="html", encoding="unicode")
