"""Number, date and text formatting shared by every output, so all formats print alike.

Rounding is half-up on `Decimal` (financial convention); babel does the grouping, so no
digit is ever formatted by hand. Negatives are shown in parentheses, as filings print them.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from babel.dates import format_date
from babel.numbers import format_decimal

from reportgen.model import Amount

LOCALE = "en_US"
MISSING = "\u2014"  # em dash: a figure the filing does not state
MILLION = Decimal(1_000_000)
THOUSAND = Decimal(1_000)


def round_half_up(value: Decimal, places: int) -> Decimal:
    """Round to `places` decimals, half away from zero (0.05 -> 0.1), never banker's rounding.

    >>> round_half_up(Decimal("0.045"), 2), round_half_up(Decimal("-2.25"), 1)
    (Decimal('0.05'), Decimal('-2.3'))
    """
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def grouped(value: Decimal, places: int) -> str:
    """A non-negative number with thousands separators and exactly `places` decimals.

    >>> grouped(Decimal("11425"), 0), grouped(Decimal("1234.5"), 2)
    ('11,425', '1,234.50')
    """
    pattern = "#,##0" + ("." + "0" * places if places else "")
    return format_decimal(round_half_up(abs(value), places), format=pattern, locale=LOCALE)


def accounting(value: Decimal, places: int) -> str:
    """A number with negatives in parentheses, as in a financial statement.

    >>> accounting(Decimal("-1032"), 0), accounting(Decimal("0.004"), 2)
    ('(1,032)', '0.00')
    """
    rounded = round_half_up(value, places)
    text = grouped(rounded, places)
    return f"({text})" if rounded < 0 else text


def millions(value: Decimal | None) -> str:
    """Dollars as $ millions with one decimal, for tiles and prose; in thousands when that would
    round a figure that is not zero to $0.0M, so a small loss keeps its sign and size.

    >>> millions(Decimal("11425000")), millions(Decimal("-1032000")), millions(None)
    ('$11.4M', '$(1.0)M', '\u2014')
    >>> millions(Decimal("-12000")), millions(Decimal("0"))
    ('$(12)K', '$0.0M')
    """
    if value is None:
        return MISSING
    if value and not round_half_up(value / MILLION, 1):
        return f"${accounting(value / THOUSAND, 0)}K"
    return f"${accounting(value / MILLION, 1)}M"


def per_share(value: Decimal | None) -> str:
    """Dollars per share with two decimals.

    >>> per_share(Decimal("-0.02")), per_share(Decimal("1.5"))
    ('$(0.02)', '$1.50')
    """
    if value is None:
        return MISSING
    return f"${accounting(value, 2)}"


def decimals_printed(raw: str) -> int:
    """How many decimals a cell was printed with ("(0.15)" -> 2, "11,425" -> 0).

    >>> decimals_printed("(0.15)"), decimals_printed("$ 11,425"), decimals_printed("n/a")
    (2, 0, 0)
    """
    match = re.search(r"\d\.(\d+)", raw)
    return len(match.group(1)) if match else 0


def in_units(amount: Amount | None) -> str:
    """An amount in the filing's own units and precision, e.g. 11,425 for $11,425,000."""
    if amount is None:
        return MISSING
    printed = amount.value / amount.scale if amount.scale else amount.value
    return accounting(printed, decimals_printed(amount.raw))


def percent_change(change: Decimal | None) -> str:
    """A fractional change as a signed percentage with one decimal; 'n/m' when not meaningful.

    >>> percent_change(Decimal("0.47040"))
    '+47.0%'
    >>> percent_change(Decimal("-0.10775")), percent_change(Decimal("0")), percent_change(None)
    ('-10.8%', '0.0%', 'n/m')
    """
    if change is None:
        return "n/m"
    pct = round_half_up(change * 100, 1)
    sign = "+" if pct > 0 else "-" if pct < 0 else ""
    return f"{sign}{grouped(pct, 1)}%"


def short_date(day: date | None) -> str:
    """'Sep 30, 2007': compact dates for tiles, table heads and charts."""
    return MISSING if day is None else format_date(day, "MMM d, y", locale=LOCALE)


def long_date(day: date | None) -> str:
    """'September 30, 2007': dates in headings and prose."""
    return MISSING if day is None else format_date(day, "MMMM d, y", locale=LOCALE)


def month_day(mmdd: str | None) -> str | None:
    """An EDGAR fiscal-year-end 'MMDD' as 'June 30'; None when absent or malformed.

    >>> month_day("0630"), month_day("1231"), month_day("13x1")
    ('June 30', 'December 31', None)
    """
    if not mmdd or not re.fullmatch(r"\d{4}", mmdd):
        return None
    try:
        day = date(2000, int(mmdd[:2]), int(mmdd[2:]))
    except ValueError:
        return None
    return format_date(day, "MMMM d", locale=LOCALE)


def sentence(text: str) -> str:
    """First letter upper-cased, the rest untouched (Jinja's `capitalize` lowers the rest).

    >>> sentence("three months ended September 30, 2007")
    'Three months ended September 30, 2007'
    """
    return text[:1].upper() + text[1:]


# Only what can start markup mid-line: with [ and ] escaped no link or image can form, so
# parentheses stay readable; filing text is never placed at the start of a line.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")


def md_escape(text: str) -> str:
    """Filing text made inert in Markdown: no links, code, HTML, emphasis or table breaks.

    >>> md_escape("a|b [x](y) <b> `c`")
    'a\\\\|b \\\\[x\\\\](y) &lt;b&gt; \\\\`c\\\\`'
    """
    text = " ".join(text.split())
    text = _MD_SPECIAL.sub(r"\\\1", text)
    # a backslash before < still lets some renderers see a tag; entities never do
    text = text.replace("\\<", "&lt;").replace("\\>", "&gt;")
    # bare URLs and e-mail addresses autolink in GFM; break the scheme and the @
    text = re.sub(r"(?i)\b(https?|ftp|www)(:|\.)", r"\1\\\2", text)
    return text.replace("@", "&#64;")


def md_commentary(text: str) -> str:
    """The analyst's Markdown kept as Markdown, minus raw HTML and non-web link targets.

    >>> md_commentary("**Up** <script>x</script> [a](javascript:alert(1)) [b](https://x.org)")
    '**Up** &lt;script>x&lt;/script> [a] [b](https://x.org)'
    """
    text = text.replace("<", "&lt;")
    text = _MD_REFERENCE.sub("", text)  # "[1]: javascript:..." definitions, target maybe on the next line
    return re.sub(r"\]\(\s*(?!https?:|mailto:)(?:[^()]|\([^()]*\))*\)", "]", text)


_MD_REFERENCE = re.compile(r"(?im)^ {0,3}\[[^\[\]\n]*\]:[ \t]*\n?[ \t]*(?!(?:&lt;)?(?:https?:|mailto:))\S+")
