"""Two more layouts of an inline-XBRL filing, with the same figures and no tags to lean on.

`strip_ixbrl`: the HTML with every ix element unwrapped (its text kept) and the hidden
ix:header removed, so no machine-readable fact is left. `text_rendering`: that HTML as plain
text, laid out like a 1990s filing by w3m (Debian's w3m package), with numeric cells
right-aligned as a typist would have set them, 132 columns wide (or 80, where labels and
headers wrap).
"""

from __future__ import annotations

import re
import shutil
import subprocess

from lxml import etree

from reportgen.extract.htmldom import element_text, parse_html

_HIDDEN = re.compile(r"display\s*:\s*none", re.I)
_RIGHT = re.compile(r"text-align\s*:\s*right", re.I)
_NUMERIC = re.compile(r"^[$(]*\s*[\d,.]+\s*\)?%?$|^[-\u2014\u2013]$")
TEXT_COLUMNS = 132  # the width of a wide-carriage EDGAR text filing
NARROW_COLUMNS = 80  # a typewriter's page: labels and headers wrap
# Typographic characters a typist wrote in ASCII (w3m's ASCII output would print "?").
_TYPEWRITER = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-",
                             "\u2014": "--", "\u2022": "*", "\u00a0": " ", "\u2026": "..."})


def strip_ixbrl(html: str) -> str:
    """The document as a reader without XBRL sees it: ix:header gone, ix elements unwrapped."""
    root = parse_html(html)
    for header in list(root.iter("ix:header")):
        _remove(header)
    for el in [el for el in root.iter(etree.Element) if isinstance(el.tag, str) and el.tag.startswith("ix:")]:
        _unwrap(el)
    return etree.tostring(root, method="html", encoding="unicode")


def _remove(el: etree._Element) -> None:
    """Drop an element but keep the text that follows it."""
    parent = el.getparent()
    if parent is None:
        return
    _append_before(el, el.tail or "")
    parent.remove(el)


def _unwrap(el: etree._Element) -> None:
    """Replace an element by its content: text, children and tail stay where they were."""
    parent = el.getparent()
    if parent is None:
        return
    _append_before(el, el.text or "")
    index = parent.index(el)
    children = list(el)
    for offset, child in enumerate(children):
        parent.insert(index + offset, child)  # moves it out of el, with its tail
    if children:
        children[-1].tail = (children[-1].tail or "") + (el.tail or "")
    else:
        _append_before(el, el.tail or "")
    parent.remove(el)


def _append_before(el: etree._Element, text: str) -> None:
    """Add text just before an element: to its previous sibling's tail or its parent's text."""
    if not text:
        return
    previous = el.getprevious()
    parent = el.getparent()
    if previous is not None:
        previous.tail = (previous.tail or "") + text
    elif parent is not None:
        parent.text = (parent.text or "") + text


def w3m_available() -> bool:
    """Whether Debian's w3m is installed, which `text_rendering` needs."""
    return shutil.which("w3m") is not None


def text_rendering(html: str, columns: int = TEXT_COLUMNS) -> str:
    """A stripped document dumped as plain text by w3m, `columns` wide, numbers right-aligned,
    ASCII only."""
    root = parse_html(strip_ixbrl(html))
    for el in [el for el in root.iter(etree.Element) if _HIDDEN.search(el.get("style") or "")]:
        _remove(el)  # w3m reads no CSS: hidden content goes as a browser would hide it
    for cell in root.iter("td", "th"):
        if _RIGHT.search(cell.get("style") or "") or _NUMERIC.match(element_text(cell)):
            cell.set("align", "right")
    page = etree.tostring(root, method="html", encoding="unicode").translate(_TYPEWRITER)
    done = subprocess.run(
        ["w3m", "-dump", "-T", "text/html", "-cols", str(columns), "-O", "US-ASCII", "-I", "UTF-8"],
        input=page.encode("utf-8"), capture_output=True, check=True, timeout=120,
    )
    return done.stdout.decode("ascii", errors="replace")
