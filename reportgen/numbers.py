"""Printed figures to exact Decimals: parentheses, dollar signs, dashes, footnote marks.

A cell that does not read as one number gives None, never a guess (after price-parser).
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

# A dash, en dash, em dash or minus standing alone means zero / nil.
_NIL_DASH = re.compile(r"^[-\u2010-\u2015\u2212]{1,3}$")
# "not available / not meaningful" marks: a printed absence, not a number.
_NOT_A_VALUE = re.compile(r"^(?:n/?a|n/?m|nmf?|none)$", re.IGNORECASE)
# Footnote markers that may trail a figure: "(1)", "(a)", "*", daggers.
_TRAILING_MARK = re.compile(r"(?:\s*\((?:\d|[a-z])\)|\s*\*+|[\u2020\u2021\u00a7]+)$", re.IGNORECASE)
# A leading minus sign of any kind.
_MINUS = "-\u2013\u2014\u2212"
_DIGITS = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?$")
_SPACES = re.compile(r"[\s\u00a0]+")


@lru_cache(maxsize=8192)  # a statement is built once per reading of its rows, from the same cells
def parse_amount(text: str) -> Decimal | None:
    """Read one printed figure as an exact Decimal, or None if it is not one number.

    >>> parse_amount("(1,032)")
    Decimal('-1032')
    >>> parse_amount("$ 4,473")
    Decimal('4473')
    >>> parse_amount("\\\\$ 59,700")
    Decimal('59700')
    >>> parse_amount("$(0.02)")
    Decimal('-0.02')
    >>> parse_amount("-")
    Decimal('0')
    >>> parse_amount("—")
    Decimal('0')
    >>> parse_amount("--")
    Decimal('0')
    >>> parse_amount("12.5%")
    Decimal('12.5')
    >>> parse_amount("-7%")
    Decimal('-7')
    >>> parse_amount("1,945(1)")
    Decimal('1945')
    >>> parse_amount("(5)")
    Decimal('-5')
    >>> parse_amount("0.39*")
    Decimal('0.39')
    >>> parse_amount("( 347 )")
    Decimal('-347')
    >>> parse_amount("−1.5")
    Decimal('-1.5')
    >>> parse_amount("N/A") is None
    True
    >>> parse_amount("6 (6,253)") is None
    True
    >>> parse_amount("1,23") is None
    True
    >>> parse_amount("") is None
    True
    >>> parse_amount("2.5 million") is None
    True
    """
    s = _SPACES.sub(" ", text.replace("\\$", "$")).strip()
    if not s:
        return None
    unmarked = _TRAILING_MARK.sub("", s).strip()
    if any(c.isdigit() for c in unmarked):
        s = unmarked
    if _NIL_DASH.match(s.replace("$", "").strip()):
        return Decimal(0)
    negative = False
    s = s.replace("$", "").replace(" ", "")
    if s.endswith("%"):
        s = s[:-1]
    if s.startswith("(") and s.endswith(")"):
        negative, s = True, s[1:-1]
    elif s.startswith("(") or s.endswith(")"):
        return None
    if s and s[0] in _MINUS:
        negative, s = not negative, s[1:]
    if s.endswith("%"):
        s = s[:-1]
    if not s or not _DIGITS.match(s) or not any(c.isdigit() for c in s):
        return None
    try:
        value = Decimal(s.replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the pattern already rules this out
        return None
    return -value if negative else value


def is_nil_mark(text: str) -> bool:
    """True for cells that print an absence ("N/A", "NM"), which stay None rather than 0.

    >>> is_nil_mark("N/A"), is_nil_mark("--"), is_nil_mark("12")
    (True, False, False)
    """
    return bool(_NOT_A_VALUE.match(text.strip().strip("()")))


def decimals(text: str) -> int:
    """How many digits a printed figure shows after its decimal point (its precision).

    >>> decimals("$ (0.02)"), decimals("11,425"), decimals("12.5%")
    (2, 0, 1)
    """
    match = re.search(r"\.(\d+)", text)
    return len(match.group(1)) if match else 0
