"""Property tests: statements generated, printed the ways real filings print them, read back.

A generated income statement and balance sheet (random line items, magnitudes, signs and
units) is printed as space-aligned text, tab-separated text or HTML with `$` and parentheses
in cells of their own and footnote markers, wrapped in a minimal 8-K, parsed by the real
parser, and every key figure must come back as the exact Decimal that was printed, scaled.

Example counts stay small so the suite is fast; REPORTGEN_HYPOTHESIS_PROFILE=long runs more.
"""

from __future__ import annotations

import html
import os
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from reportgen.model import StatementKind
from reportgen.numbers import parse_amount
from reportgen.parse import parse_bytes

# Each example runs the whole parser, so the default profile does not shrink failures
# (minutes per failure); the long profile does.
settings.register_profile(
    "reportgen-fast", max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow],
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
)
settings.register_profile(
    "reportgen-long", max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
PROFILE = "reportgen-" + os.environ.get("REPORTGEN_HYPOTHESIS_PROFILE", "fast")

REVENUE_LABELS = ["Product revenue", "Service revenue", "License fees", "Royalties", "Collaboration revenue"]
EXPENSE_LABELS = [
    "Cost of product sales",
    "Research and development",
    "Selling, general and administrative",
    "Marketing",
    "Amortization of intangible assets",
    "Restructuring charges",
]
ASSET_LABELS = ["Accounts receivable, net", "Inventories", "Prepaid expenses", "Property and equipment, net", "Goodwill"]
LIABILITY_LABELS = ["Accounts payable", "Accrued liabilities", "Deferred revenue", "Long-term debt"]
UNITS = {
    1: "(in dollars, except share data)",
    1000: "(in thousands, except per share amounts)",
    1_000_000: "(in millions, except per share data)",
}
MARKERS = ["", "", "", " (1)", " (a)", "*"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]


@dataclass
class Row:
    """One generated statement line: label, two values in the table's units, key if any."""

    label: str
    values: tuple[Decimal, Decimal]
    key: str | None = None
    per_share: bool = False


@dataclass
class Generated:
    """A generated pair of statements and how they are printed."""

    scale: int
    quarter_end: date
    income: list[Row]
    balance: list[Row]
    markers: list[str]
    zero_dash: bool = False  # nil amounts printed as an em dash
    minus_sign: bool = False  # losses printed "-1,234" rather than "(1,234)"


def _long_date(day: date) -> str:
    """September 30, 2007."""
    return f"{MONTHS[day.month - 1]} {day.day}, {day.year}"


def _quarter_ends() -> st.SearchStrategy[date]:
    """Calendar quarter ends from 2001 to 2024."""
    ends = [(3, 31), (6, 30), (9, 30), (12, 31)]
    return st.builds(lambda y, q: date(y, *ends[q]), st.integers(2001, 2024), st.integers(0, 3))


def _amounts(low: int, high: int) -> st.SearchStrategy[tuple[Decimal, Decimal]]:
    """A pair of whole amounts (current, prior)."""
    one = st.integers(low, high).map(Decimal)
    return st.tuples(one, one)


@st.composite
def generated(draw: st.DrawFn) -> Generated:
    """Consistent income statement and balance sheet with random lines, magnitudes and signs."""
    scale = draw(st.sampled_from(sorted(UNITS)))
    top = draw(st.sampled_from([999, 99_999, 9_999_999])) if scale > 1 else draw(st.sampled_from([99_999, 999_999_999]))
    revenue_labels = draw(st.lists(st.sampled_from(REVENUE_LABELS), min_size=1, max_size=3, unique=True))
    expense_labels = draw(st.lists(st.sampled_from(EXPENSE_LABELS), min_size=1, max_size=4, unique=True))
    revenues = [Row(label, draw(_amounts(0, top))) for label in revenue_labels]
    expenses = [Row(label, draw(_amounts(0, top))) for label in expense_labels]
    total_rev = tuple(sum(r.values[i] for r in revenues) for i in (0, 1))
    total_exp = tuple(sum(r.values[i] for r in expenses) for i in (0, 1))
    operating = tuple(total_rev[i] - total_exp[i] for i in (0, 1))
    other = draw(_amounts(-top // 10, top // 10))
    pretax = tuple(operating[i] + other[i] for i in (0, 1))
    tax = draw(_amounts(0, top // 20))
    net = tuple(pretax[i] - tax[i] for i in (0, 1))
    eps = draw(st.tuples(st.integers(0, 999), st.integers(0, 999)))
    eps_values = tuple(Decimal(eps[i]).copy_sign(Decimal(1) if net[i] >= 0 else Decimal(-1)) / 100 for i in (0, 1))
    income = [Row("Revenues:", (Decimal(0), Decimal(0)), "heading")]
    income += revenues + [Row("Total revenues", total_rev, "total_revenue"), Row("Costs and expenses:", (Decimal(0), Decimal(0)), "heading")]
    income += expenses + [
        Row("Total operating expenses", total_exp, "total_operating_expenses"),
        Row("Income (loss) from operations", operating, "operating_income"),
        Row("Other income (expense), net", other),
        Row("Income (loss) before income taxes", pretax),
        Row("Provision for income taxes", tax),
        Row("Net income (loss)", net, "net_income"),
        Row("Net income (loss) per share, basic and diluted", eps_values, "eps_basic", per_share=True),
    ]
    asset_labels = draw(st.lists(st.sampled_from(ASSET_LABELS), min_size=1, max_size=3, unique=True))
    liability_labels = draw(st.lists(st.sampled_from(LIABILITY_LABELS), min_size=1, max_size=3, unique=True))
    cash = draw(_amounts(0, top))
    assets = [Row(label, draw(_amounts(0, top))) for label in asset_labels]
    total_assets = tuple(cash[i] + sum(r.values[i] for r in assets) for i in (0, 1))
    liabilities = [Row(label, draw(_amounts(0, top // 2))) for label in liability_labels]
    total_liab = tuple(sum(r.values[i] for r in liabilities) for i in (0, 1))
    equity = tuple(total_assets[i] - total_liab[i] for i in (0, 1))
    balance = [Row("ASSETS", (Decimal(0), Decimal(0)), "heading"), Row("Cash and cash equivalents", cash, "cash")]
    balance += assets + [Row("Total assets", total_assets, "total_assets"),
                         Row("LIABILITIES AND STOCKHOLDERS' EQUITY", (Decimal(0), Decimal(0)), "heading")]
    balance += liabilities + [
        Row("Total liabilities", total_liab, "total_liabilities"),
        Row("Total stockholders' equity (deficit)", equity, "total_equity"),
        Row("Total liabilities and stockholders' equity", total_assets),
    ]
    markers = draw(st.lists(st.sampled_from(MARKERS), min_size=len(income) + len(balance), max_size=len(income) + len(balance)))
    return Generated(scale, draw(_quarter_ends()), income, balance, markers, draw(st.booleans()),
                     draw(st.sampled_from([False, False, True])))


# --- printing ---------------------------------------------------------------------------------


def fmt(value: Decimal, per_share: bool, zero_dash: bool = False, minus_sign: bool = False) -> str:
    """A figure as filings print it: thousands separators, losses in parentheses, nil as a dash."""
    if zero_dash and value == 0:
        return "\u2014"
    text = f"{abs(value):,.2f}" if per_share else f"{abs(value):,}"
    if value < 0:
        return f"-{text}" if minus_sign else f"({text})"
    return text


def _prior_end(g: Generated) -> date:
    """The same quarter end one year earlier."""
    return g.quarter_end.replace(year=g.quarter_end.year - 1)


def _year_end_before(g: Generated) -> date:
    """The prior fiscal year end (calendar year) for the balance sheet's comparison column."""
    return date(g.quarter_end.year - 1, 12, 31)


PrintedRow = tuple[str, str, str, str, bool]  # label, footnote marker, current, prior, `$`?


def _rows(g: Generated, rows: list[Row], offset: int) -> list[PrintedRow]:
    """What each row prints: label, marker, both figures and whether a `$` precedes them."""
    out: list[PrintedRow] = []
    for index, row in enumerate(rows):
        if row.key == "heading":
            out.append((row.label, "", "", "", False))
            continue
        dollar = index == 1 or (row.key or "").startswith(("total_", "net_", "eps")) or row.key == "cash"
        current, prior = (fmt(value, row.per_share, g.zero_dash, g.minus_sign) for value in row.values)
        out.append((row.label, g.markers[offset + index], current, prior, dollar))
    return out


def _text_table(rows: list[PrintedRow], tabs: bool) -> str:
    """A statement body as space-aligned or tab-separated text."""
    lines = []
    for text, marker, current, prior, dollar in rows:
        label = text + marker
        sign = "$" if dollar and current else ""
        if tabs:
            lines.append(f"{label}\t{sign}\t{current}\t{sign}\t{prior}" if current else label)
        else:
            cells = f"{sign:>2}{current:>14}  {sign:>2}{prior:>14}" if current else ""
            lines.append(f"{label:<60}{cells}".rstrip())
    return "\n".join(lines)


def as_text(g: Generated, tabs: bool) -> bytes:
    """The statements in a plain-text 8-K, aligned with spaces or separated by tabs."""
    cur, prior, prior_bs = g.quarter_end, _prior_end(g), _year_end_before(g)
    month_day = f"{MONTHS[cur.month - 1]} {cur.day},"
    if tabs:
        income_head = f"\tThree Months Ended {month_day}\n\t{cur.year}\t{prior.year}"
        balance_head = f"\t{_long_date(cur)}\t{_long_date(prior_bs)}"
    else:
        income_head = f"{'':<60}{'Three Months Ended ' + month_day:>34}\n{'':<60}{cur.year:>16}  {prior.year:>16}"
        balance_head = f"{'':<60}{_long_date(cur):>16}  {_long_date(prior_bs):>16}"
    body = (
        f"{_preamble(g)}\n\n"
        f"CONDENSED CONSOLIDATED STATEMENTS OF OPERATIONS\n{UNITS[g.scale]}\n(Unaudited)\n\n"
        f"{income_head}\n{_text_table(_rows(g, g.income, 0), tabs)}\n\n"
        f"CONDENSED CONSOLIDATED BALANCE SHEETS\n{UNITS[g.scale]}\n\n"
        f"{balance_head}\n{_text_table(_rows(g, g.balance, len(g.income)), tabs)}\n"
    )
    return body.encode("utf-8")


def _preamble(g: Generated) -> str:
    """A minimal 8-K cover and press release naming the quarter."""
    return (
        "UNITED STATES SECURITIES AND EXCHANGE COMMISSION\n\nFORM 8-K\n\nCURRENT REPORT\n\n"
        f"Date of Report (Date of earliest event reported): {_long_date(g.quarter_end + timedelta(days=30))}\n\n"
        "Example Widgets, Inc.\n(Exact name of registrant as specified in its charter)\n\n"
        "Item 2.02 Results of Operations and Financial Condition\n\n"
        f"Example Widgets, Inc. today announced financial results for the quarter ended {_long_date(g.quarter_end)}."
    )


def _html_cells(value: str, dollar: bool) -> str:
    """A figure as HTML filings print it: `$`, the digits and the closing parenthesis in own cells."""
    if not value:
        return "<td></td><td></td><td></td>"
    sign = "$" if dollar else "&nbsp;"
    if value.startswith("("):
        return f"<td>{sign}</td><td align=right>{value[:-1]}</td><td>)</td>"
    return f"<td>{sign}</td><td align=right>{value}</td><td>&nbsp;</td>"


def _html_table(head: list[str], rows: list[PrintedRow]) -> str:
    """A statement as an HTML table with spanning header rows; markers as superscripts."""
    header = "".join(
        f"<tr><td></td>{''.join(f'<td colspan={6 // len(line)} align=center>{h}</td>' for h in line)}</tr>"
        for line in head
    )
    body = ""
    for label, marker, current, prior, dollar in rows:
        text = html.escape(label) + (f"<sup>{html.escape(marker.strip())}</sup>" if marker else "")
        body += f"<tr><td>{text}</td>{_html_cells(current, dollar)}{_html_cells(prior, dollar)}</tr>\n"
    return f"<table>{header}\n{body}</table>"


def as_html(g: Generated) -> bytes:
    """The statements in an HTML press release, cells split the way EDGAR HTML splits them."""
    cur, prior, prior_bs = g.quarter_end, _prior_end(g), _year_end_before(g)
    income = _html_table(
        [["Three Months Ended"], [f"{MONTHS[cur.month - 1]} {cur.day},<br>{cur.year}",
                                  f"{MONTHS[prior.month - 1]} {prior.day},<br>{prior.year}"]],
        _rows(g, g.income, 0),
    )
    balance = _html_table([[_long_date(cur), _long_date(prior_bs)]], _rows(g, g.balance, len(g.income)))
    preamble = "".join(f"<p>{html.escape(p)}</p>" for p in _preamble(g).split("\n\n"))
    page = (
        f"<html><head><title>Exhibit 99.1</title></head><body>{preamble}"
        f"<p align=center><b>CONDENSED CONSOLIDATED STATEMENTS OF OPERATIONS</b></p>"
        f"<p align=center>{UNITS[g.scale]}</p>{income}"
        f"<p align=center><b>CONDENSED CONSOLIDATED BALANCE SHEETS</b></p>"
        f"<p align=center>{UNITS[g.scale]}</p>{balance}</body></html>"
    )
    return page.encode("utf-8")


LAYOUTS = {"spaces": lambda g: (as_text(g, tabs=False), "gen.txt"),
           "tabs": lambda g: (as_text(g, tabs=True), "gen.txt"),
           "html": lambda g: (as_html(g), "gen.htm")}


def _expected(rows: list[Row], scale: int) -> dict[str, tuple[Decimal, Decimal]]:
    """The key figures a parser must return, scaled out of the table's units."""
    out = {}
    for row in rows:
        if row.key and row.key != "heading":
            factor = 1 if row.per_share else scale
            out[row.key] = (row.values[0] * factor, row.values[1] * factor)
    return out


def _read_back(g: Generated, layout: str) -> None:
    """Parse a printed statement pair and compare every key figure exactly."""
    data, name = LAYOUTS[layout](g)
    filing = parse_bytes(data, name)
    for kind, rows in ((StatementKind.INCOME, g.income), (StatementKind.BALANCE, g.balance)):
        statement = filing.income if kind is StatementKind.INCOME else filing.balance
        assert statement is not None, f"{layout}: no {kind.value} statement found in\n{data.decode()[:3000]}"
        assert statement.scale == g.scale, f"{layout}: {kind.value} scale {statement.scale} != {g.scale}"
        for key, values in _expected(rows, g.scale).items():
            for column in (0, 1):
                amount = statement.value(key, column)
                got = None if amount is None else amount.value
                assert got == values[column], (
                    f"{layout}: {kind.value}.{key}[{column}] read {got}, printed {values[column]}"
                )
    if filing.income is not None:
        eps = filing.income.value("eps_diluted", 0)
        basic = filing.income.value("eps_basic", 0)
        assert eps is None or basic is None or eps.value == basic.value


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_generated_statements_read_back_exactly(layout: str) -> None:
    """Every key figure of a generated statement pair reads back as the printed Decimal."""

    @settings(settings.get_profile(PROFILE))
    @given(generated())
    def check(g: Generated) -> None:
        _read_back(g, layout)

    check()


# --- the number parser alone --------------------------------------------------------------------


@st.composite
def printed_numbers(draw: st.DrawFn) -> tuple[str, Decimal]:
    """A Decimal and one of the ways filings print it."""
    places = draw(st.sampled_from([0, 0, 1, 2, 3]))
    magnitude = Decimal(draw(st.integers(0, 10**12))).scaleb(-places)
    negative = draw(st.booleans()) and magnitude != 0
    digits = f"{magnitude:,.{places}f}" if draw(st.booleans()) else f"{magnitude:.{places}f}"
    dollar = draw(st.sampled_from(["", "$", "$ ", "$\u00a0"]))
    style = draw(st.sampled_from(["paren", "paren-outside-dollar", "minus", "unicode-minus"]))
    if not negative:
        text = f"{dollar}{digits}"
    elif style == "paren":
        text = f"{dollar}({digits})"
    elif style == "paren-outside-dollar":
        text = f"({dollar}{digits})"
    elif style == "minus":
        text = f"-{dollar}{digits}"
    else:
        text = f"\u2212{dollar}{digits}"
    pad = draw(st.sampled_from(["", " ", "  ", "\u00a0"]))
    return f"{pad}{text}{pad}", (-magnitude if negative else magnitude)


@settings(settings.get_profile(PROFILE))
@given(printed_numbers())
def test_printed_number_parses_to_the_same_decimal(case: tuple[str, Decimal]) -> None:
    """Format then parse gives back the exact Decimal, whatever the printing style."""
    text, value = case
    parsed = parse_amount(text)
    assert parsed == value, f"{text!r} read as {parsed}, printed {value}"
    if parsed is not None:
        assert str(parsed).lstrip("-").count(".") <= 1


@settings(settings.get_profile(PROFILE))
@given(st.text(alphabet=st.characters(blacklist_categories=("Nd",)), max_size=20))
def test_text_without_digits_is_not_a_number(text: str) -> None:
    """Text with no digit never becomes a figure (a nil dash may read as zero, nothing else)."""
    parsed = parse_amount(text)
    assert parsed is None or parsed == 0, f"{text!r} read as {parsed}"
