"""Filing HTML parsed leniently into an lxml tree, and the text of its elements.

The one place the package parses HTML, below the readers that use it (tables, inline XBRL).
"""

from __future__ import annotations

import re

from lxml import etree

from reportgen.limits import MAX_NESTING_DEPTH, flatten_deep

# lxml.etree's own HTML parser: plain elements iterate faster than lxml.html's classes.
# True when some element sits deeper than the walkers may recurse (checked in C, in one pass).
_TOO_DEEP = etree.XPath("boolean(" + "/".join(["*"] * (MAX_NESTING_DEPTH + 1)) + ")")


# Characters invalid in HTML: C0 controls but tab, newline and carriage return, and the two
# non-characters U+FFFE/U+FFFF. Replaced in the UTF-8 bytes (a byte below 0x20 is never part
# of a multi-byte sequence), which is many times faster than a regex over the text.
_CONTROLS = bytes(range(0x00, 0x09)) + b"\x0b\x0c" + bytes(range(0x0E, 0x20))
_NO_CONTROLS = bytes.maketrans(_CONTROLS, b" " * len(_CONTROLS))
_NON_CHARACTERS = (("\ufffe", b"\xef\xbf\xbe"), ("\uffff", b"\xef\xbf\xbf"))


# Zero-width characters print nothing: a cell holding one is empty (U+200B zero-width space,
# U+2060 word joiner, U+FEFF zero-width no-break space), as characters or as references.
_INVISIBLE = ("\u200b", "\u2060", "\ufeff")
_INVISIBLE_REFERENCE = re.compile(r"&#(?:8203|8288|65279|x0*200b|x0*2060|x0*feff);|&ZeroWidthSpace;|&NoBreak;", re.I)


def visible(html: str) -> str:
    """The HTML without zero-width characters.

    >>> visible("<td>\u200b</td><td>&#8203;1</td><td>&ZeroWidthSpace;</td>")
    '<td></td><td>1</td><td></td>'
    """
    for char in _INVISIBLE:
        if char in html:
            html = html.replace(char, "")
    if "&" in html and ("&#" in html or "&Zero" in html or "&NoBreak" in html):
        html = _INVISIBLE_REFERENCE.sub("", html)
    return html


def parse_html(html: str) -> etree._Element:
    """Parse filing HTML leniently (huge, broken, XHTML with an XML declaration); characters
    that print nothing are dropped first."""
    html = visible(html)
    # collect_ids=False: nothing looks elements up by id, and the id table costs some 7% of a parse
    parser = etree.HTMLParser(huge_tree=True, recover=True, encoding="utf-8", collect_ids=False)
    # control characters are invalid in HTML and make lxml refuse later text edits
    data = html.encode("utf-8", errors="surrogatepass").translate(_NO_CONTROLS)
    for char, bad in _NON_CHARACTERS:
        if char in html:  # a test of the text: an ASCII one cannot hold them, and says so at once
            data = data.replace(bad, b" ")
    root = etree.fromstring(data, parser=parser) if data.strip() else None
    if root is None:
        return etree.Element("html")
    if _TOO_DEEP(root):
        flatten_deep(root)  # the walkers below recurse; hostile nesting must not exhaust the stack
    return root


def element_text(el: etree._Element) -> str:
    """All the text inside an element, whitespace collapsed."""
    # Text serialisation (comments left out) is the fastest way lxml offers to a subtree's text.
    text = etree.tostring(el, method="text", encoding=str, with_tail=False)
    return " ".join(text.split()) if text else ""
