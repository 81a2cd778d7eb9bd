"""Arithmetic and text-versus-table checks: what proves each key figure.

A figure is verified when a check that involves it passes; a failing check leaves the figure
shown but flagged (see `Filing.figure_status`). Figure ids read like contract paths:
"income.current.total_revenue", "balance.prior.cash".
"""

from __future__ import annotations

import itertools
import re
from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal

from reportgen.extract.lines import ALIASES, normalize
from reportgen.extract.statements import signed
from reportgen.extract.textclean import first_match, has_match, may_contain, one_line
from reportgen.model import Amount, Check, Filing, LineItem, LineKind, Statement, StatementKind
from reportgen.vocabulary import BALANCE_FIGURES, INCOME_FIGURES, NOT_GAAP, PER_SHARE_FIGURES

COLUMNS = ("current", "prior")
_EPS_FALLBACK = {"eps_basic": "eps_basic_diluted", "eps_diluted": "eps_basic_diluted"}
_SHARES_FALLBACK = {"shares_basic": "shares_basic_diluted", "shares_diluted": "shares_basic_diluted"}


def run_checks(filing: Filing, text: str | None = None) -> tuple[Check, ...]:
    """Every check on a filing's statements, plus the narrative's figures against the table."""
    checks: list[Check] = []
    for statement in (filing.income, filing.balance):
        if statement is not None:
            checks.extend(statement_checks(statement))
            checks.extend(scale_checks(statement))
    if text and filing.income is not None:
        checks.extend(text_checks(filing.income, text))
    return tuple(checks)


def statement_checks(statement: Statement, share_scales: bool = True) -> list[Check]:
    """The arithmetic checks of one statement, for each compared column. `share_scales=False`
    holds share counts to the scale they were read at (to choose between two readings)."""
    checks: list[Check] = []
    for column in range(len(statement.columns) or 1):
        if statement.kind is StatementKind.INCOME:
            checks.extend(_income_checks(statement, column, share_scales))
        else:
            checks.extend(_balance_checks(statement, column))
    return checks


_BASIS = {
    "caption": "its units caption",
    "text": "the amounts the filing's text states",
    "xbrl": "the filer's inline XBRL facts",
}


def scale_checks(statement: Statement) -> list[Check]:
    """Whether anything states the statement's scale: a check that, failing, flags every
    money figure of it (the arithmetic holds at any scale, so it cannot vouch for one)."""
    name = f"the {statement.kind.value} statement's units are stated"
    if statement.scale_basis in ("", "caption"):
        if statement.scale_basis == "caption":
            return []
        keys = INCOME_FIGURES if statement.kind is StatementKind.INCOME else BALANCE_FIGURES
        ids = tuple(
            _fid(statement, c, k) for c in range(len(statement.columns) or 1) for k in keys
            if k not in PER_SHARE_FIGURES and figure(statement, k, c) is not None
        )
        return [Check(name, False, "no units caption, and nothing the filing states gives the scale: read as printed", ids)]
    detail = f"no units caption; read at x{statement.scale:,} from {_BASIS[statement.scale_basis]}"
    return [Check(name, True, detail, ())]


def figure(statement: Statement, key: str, column: int) -> Amount | None:
    """A key figure of a statement; a "basic and diluted" line serves both EPS keys."""
    if key in ALIASES and statement.value("net_interest_income", column) is not None:
        key = ALIASES[key]  # a bank's total of non-interest expense is its operating total
    value = statement.value(key, column)
    if key == "total_operating_expenses" and value is not None and value.value < 0:
        value = replace(value, value=-value.value)  # a cost total is a positive amount, however printed
    if value is None and key in _EPS_FALLBACK:
        value = statement.value(_EPS_FALLBACK[key], column)
    if value is None and key in _SHARES_FALLBACK:
        value = statement.value(_SHARES_FALLBACK[key], column)
    return value


def _fid(statement: Statement, column: int, key: str) -> str:
    """The figure id of a key in a column."""
    return f"{statement.kind.value}.{COLUMNS[column]}.{key}"


def _eps_ids(statement: Statement, column: int, key: str) -> tuple[str, ...]:
    """Figure ids an EPS line stands for (both when it is a "basic and diluted" line)."""
    if statement.value(key, column) is None and statement.value("eps_basic_diluted", column) is not None:
        return (_fid(statement, column, "eps_basic"), _fid(statement, column, "eps_diluted"))
    return (_fid(statement, column, key),)


def _raw(amount: Amount) -> str:
    """A figure as printed, for check details."""
    return amount.raw.replace("$", "").strip()


# ---------------------------------------------------------------- income statement


def _income_checks(s: Statement, c: int, share_scales: bool = True) -> list[Check]:
    """Components, operating income, pre-tax to net income, EPS, for one column."""
    checks = [
        _components(s, c, "revenue_component", "total_revenue", "revenue components sum to total revenues"),
        _components(s, c, "expense_component", "total_operating_expenses",
                     "operating expense components sum to total operating expenses"),
        _gross_profit(s, c),
        _revenue_bridge(s, c),
        _operating_income(s, c),
        _bridge(s, c, "operating_income", "income_before_taxes",
                "income from operations plus other lines equals income before taxes"),
        _net_income(s, c),
        _eps(s, c, "eps_basic", "shares_basic", share_scales),
        _eps(s, c, "eps_diluted", "shares_diluted", share_scales),
    ]
    return [check for check in checks if check is not None]


def _components(s: Statement, c: int, part_key: str, total_key: str, name: str) -> Check | None:
    """Lines keyed as components add up to the printed total."""
    keys = {part_key}
    if part_key == "expense_component" and not any(line.key == "gross_profit" for line in s.lines):
        keys.add("cost_of_revenue")  # costs and expenses that include the cost of sales
    parts = [line.values[c] for line in s.lines if line.key in keys and c < len(line.values)]
    total = s.value(total_key, c) or figure(s, total_key, c)  # as printed: the parts are
    if total is None or len(parts) < 2:
        return None
    present = [p for p in parts if p is not None]
    got = sum((p.value for p in present), Decimal(0))
    detail = " + ".join(_raw(p) for p in present) + f" = {_raw(total)}"
    return _check(f"{name} ({COLUMNS[c]})", close_to(got, total, len(present)), detail, (_fid(s, c, total_key),), got, total)


def _gross_profit(s: Statement, c: int) -> Check | None:
    """Revenues less cost of revenues give gross profit."""
    revenue, cost, gross = (figure(s, k, c) for k in ("total_revenue", "cost_of_revenue", "gross_profit"))
    if revenue is None or cost is None or gross is None:
        return None
    got = revenue.value - abs(cost.value)
    detail = f"{_raw(revenue)} - {_raw(cost)} = {_raw(gross)}"
    ids = tuple(_fid(s, c, k) for k in ("total_revenue", "gross_profit"))
    return _check(f"revenues less cost of revenues equal gross profit ({COLUMNS[c]})", got == gross.value, detail, ids, got, gross)


_RESULTS = ("gross_profit", "operating_income", "income_before_taxes")


def _revenue_bridge(s: Statement, c: int) -> Check | None:
    """Without a cost of revenues and an expense total to check them by, revenues and the
    lines printed below them give the first result line (gross profit, operating income or
    pre-tax income)."""
    if s.value("total_operating_expenses", c) is not None or (
        s.value("cost_of_revenue", c) is not None and s.value("gross_profit", c) is not None
    ):
        return None
    revenue = _line(s, "total_revenue")
    result = next((found for found in (_line(s, k) for k in _RESULTS) if found is not None), None)
    if revenue is None or result is None or result[0] <= revenue[0]:
        return None
    first, last = revenue[1].values[c], result[1].values[c]
    if first is None or last is None:
        return None
    passed, got = reaches(first.value, list(s.lines[revenue[0] + 1:result[0]]), c, last)
    key = result[1].key or ""
    detail = f"{_raw(first)} less the lines below = {_raw(last)}"
    ids = (_fid(s, c, "total_revenue"), _fid(s, c, key))
    return _check(f"revenues less the costs below equal {key.replace('_', ' ')} ({COLUMNS[c]})", passed, detail, ids, got, last)


def _operating_income(s: Statement, c: int) -> Check | None:
    """Revenues (or gross profit) less operating expenses, with any lines printed between the
    expense total and operating income, give operating income."""
    opex, operating = figure(s, "total_operating_expenses", c), figure(s, "operating_income", c)
    if operating is None and _follows(s, "income_before_taxes", "total_operating_expenses"):
        return _pretax_from_costs(s, c)
    opex_line, operating_line = _line(s, "total_operating_expenses"), _line(s, "operating_income")
    if opex is None or operating is None or opex_line is None or operating_line is None:
        return None
    between = list(s.lines[opex_line[0] + 1:operating_line[0]]) if opex_line[0] < operating_line[0] else []
    for top_key in ("gross_profit", "total_revenue"):
        top = figure(s, top_key, c)
        if top is None:
            continue
        passed, got = reaches(top.value - opex.value, between, c, operating)
        if passed or top_key == "total_revenue" or figure(s, "total_revenue", c) is None:
            extra = " ± lines between" if _money_lines(between, c) else ""
            detail = f"{_raw(top)} - {_raw(opex)}{extra} = {_raw(operating)}"
            ids = tuple(_fid(s, c, k) for k in (top_key, "total_operating_expenses", "operating_income"))
            name = "revenues less operating expenses equal operating income"
            if top_key == "gross_profit":
                name = "gross profit less operating expenses equals operating income"
            return _check(f"{name} ({COLUMNS[c]})", passed, detail, ids, got, operating)
    return None


def _follows(s: Statement, key: str, before: str) -> bool:
    """Whether the line with `key` comes right after the line with `before` (headings aside)."""
    a, b = _line(s, before), _line(s, key)
    if a is None or b is None or b[0] <= a[0]:
        return False
    return all(line.is_heading for line in s.lines[a[0] + 1:b[0]])


def _pretax_from_costs(s: Statement, c: int) -> Check | None:
    """Without an operating line, revenues less total costs and expenses give pre-tax income."""
    revenue, costs, pretax = (figure(s, k, c) for k in ("total_revenue", "total_operating_expenses", "income_before_taxes"))
    if revenue is None or costs is None or pretax is None:
        return None
    got = revenue.value - costs.value
    ids = tuple(_fid(s, c, k) for k in ("total_revenue", "total_operating_expenses", "income_before_taxes"))
    detail = f"{_raw(revenue)} - {_raw(costs)} = {_raw(pretax)}"
    return _check(f"revenues less costs and expenses equal income before taxes ({COLUMNS[c]})", got == pretax.value, detail, ids, got, pretax)


def _net_income(s: Statement, c: int) -> Check | None:
    """Income before taxes less tax, with any lines between (equity income, noncontrolling
    interests, a restated subtotal), gives net income."""
    pretax, tax, net = (_line(s, k) for k in ("income_before_taxes", "income_tax", "net_income"))
    if pretax is None or tax is None or net is None:
        return None
    i_pre, l_pre = pretax
    i_tax, l_tax = tax
    i_net, l_net = net
    if not (i_pre < i_tax < i_net):
        return None
    first, last, taxed = l_pre.values[c], l_net.values[c], l_tax.values[c]
    if first is None or last is None or taxed is None:
        return None
    passed, got, signs = reading(first.value, list(s.lines[i_pre + 1:i_net]), c, last)
    extra = " ± lines between" if i_net > i_tax + 1 or i_tax > i_pre + 1 else ""
    operator = "+" if signs.get(id(l_tax), -1) == 1 else "-"  # how the tax, as printed, was read into the sum
    detail = f"{_raw(first)} {operator} {_raw(taxed)}{extra} = {_raw(last)}"
    ids = tuple(_fid(s, c, k) for k in ("income_before_taxes", "income_tax", "net_income"))
    return _check(f"income before taxes less tax equals net income ({COLUMNS[c]})", passed, detail, ids, got, last)


def _bridge(s: Statement, c: int, from_key: str, to_key: str, name: str) -> Check | None:
    """One key line plus the lines below it (subtotals counted once) gives a later key line."""
    start, end = _line(s, from_key), _line(s, to_key)
    if start is None or end is None or start[0] >= end[0]:
        return None
    first, last = start[1].values[c], end[1].values[c]
    if first is None or last is None:
        return None
    passed, got = reaches(first.value, list(s.lines[start[0] + 1:end[0]]), c, last)
    detail = f"{_raw(first)} + other lines = {_raw(last)}"
    ids = (_fid(s, c, from_key), _fid(s, c, to_key))
    return _check(f"{name} ({COLUMNS[c]})", passed, detail, ids, got, last)


# How the share count may be printed against the table's money: share counts are often in
# other units ("in thousands" beside money "in millions"), and the caption does not always say.
_SHARE_SCALES = (Decimal(1), Decimal(1000), Decimal(1) / 1000, Decimal(1_000_000), Decimal(1) / 1_000_000)


# The earnings EPS divides may differ from net income (preferred dividends, earnings of
# participating securities, interest added back on convertibles), but not by more than this.
_EARNINGS_NEAR_NET = Decimal("0.1")


def _eps(s: Statement, c: int, eps_key: str, shares_key: str, share_scales: bool = True) -> Check | None:
    """Net income over the share count rounds to the printed EPS (diluted: between it and
    basic), the share count's own scale solved apart from the money's (unless `share_scales`
    is False)."""
    eps, shares, net = figure(s, eps_key, c), figure(s, shares_key, c), figure(s, "net_income", c)
    if eps is None or shares is None or net is None or shares.value == 0:
        return None
    places = Decimal(1).scaleb(-_decimals(eps.raw))
    basic = figure(s, "eps_basic", c) if eps_key == "eps_diluted" else None
    scales = _SHARE_SCALES if share_scales else _SHARE_SCALES[:1]
    slack = _printed_rounding(net) + _printed_rounding(shares)
    found = next((k for k in scales if _rounds_to(net.value / (shares.value * k), eps, places, basic, slack)), None)
    quotient = net.value / (shares.value * (found or 1))
    scaled = "" if found in (None, 1) else f" (shares read {_times(found)})"
    detail = f"{_raw(net)} / {_raw(shares)}{scaled} = {quotient.quantize(Decimal('0.0001'))} ~ {_raw(eps)}"
    ids = (_fid(s, c, "net_income"),) + _eps_ids(s, c, eps_key)
    label = "basic" if eps_key == "eps_basic" else "diluted"
    return Check(f"net income over {label} shares equals {label} EPS ({COLUMNS[c]})", found is not None, detail, ids)


def _times(k: Decimal) -> str:
    """A share scale as said in a check's detail: "x1,000", "x1/1,000"."""
    return f"x{k:,.0f}" if k >= 1 else f"x1/{1 / k:,.0f}"


def _printed_rounding(amount: Amount) -> Decimal:
    """How far, relatively, a printed figure may be from the one it rounds (half its last unit)."""
    return Decimal(max(amount.scale, 1)) / 2 / abs(amount.value) if amount.value else Decimal(0)


def _rounds_to(
    quotient: Decimal, eps: Amount, places: Decimal, basic: Amount | None, slack: Decimal = Decimal(0)
) -> bool:
    """Whether a quotient gives the printed EPS (a diluted one may lie between it and basic);
    `slack` is the relative rounding of the figures divided (75 over 189, both in millions)."""
    tolerance = places / 2 + abs(quotient) * (Decimal("0.002") + slack)
    if abs(quotient - eps.value) <= tolerance:
        return True
    if basic is None:
        return False
    if abs(quotient - eps.value) > abs(eps.value) * _EARNINGS_NEAR_NET:
        return False  # an adjusted numerator moves the quotient a little, not by a scale
    low, high = sorted((quotient, basic.value))
    return low - tolerance <= eps.value <= high + tolerance and abs(eps.value) <= abs(basic.value)


_UNIT_FACTORS = frozenset(Decimal(10) ** k for k in range(-9, 10, 3))  # x1, x1,000 ... either way


def note_eps_checks(income: Statement, notes: list[Statement]) -> list[Check]:
    """EPS the statement prints without share counts, against a note table of the same
    periods ("Net earnings per common share were calculated as follows") that prints the same
    net income (in any units) with share counts, and the same EPS if it prints any: its
    earnings over its share counts must give the EPS. Which count is basic and which diluted
    the arithmetic says, not the wording: dilution only adds shares."""
    checks: list[Check] = []
    for c in range(min(len(income.columns), len(COLUMNS))):
        wanted = [
            eps for eps, shares in (("eps_basic", "shares_basic"), ("eps_diluted", "shares_diluted"))
            if figure(income, eps, c) is not None and figure(income, shares, c) is None
        ]
        if wanted:
            checks.extend(next((found for found in (_note_eps(income, n, c, wanted) for n in notes) if found), []))
    return checks


def _note_eps(income: Statement, note: Statement, c: int, wanted: list[str]) -> list[Check]:
    """The checks one note table gives: passed ones where its figures reproduce the EPS, else
    none (a note that does not reproduce it is not evidence against it)."""
    if len(note.columns) <= c or (note.columns[c].end, note.columns[c].months) != (
        income.columns[c].end, income.columns[c].months
    ):
        return []
    net, note_net = figure(income, "net_income", c), figure(note, "net_income", c)
    if net is None or note_net is None or not note_net.value or net.value / note_net.value not in _UNIT_FACTORS:
        return []
    factor = net.value / note_net.value  # the note may print its money in other units
    eps = {key: figure(income, key, c) for key in ("eps_basic", "eps_diluted")}
    printed = {key: figure(note, key, c) for key in eps}
    if any(a is not None and b is not None and a.value != b.value for a, b in zip(eps.values(), printed.values())):
        return []  # the note's EPS is another figure: another period or class
    shares = [v for line in note.lines if line.kind is LineKind.SHARES and (v := _value(line, c)) and v.value]
    earnings = [
        v for line in note.lines
        if _is_money(line, c) and (v := _value(line, c)) and abs(v.value * factor - net.value) <= abs(net.value) * _EARNINGS_NEAR_NET
    ]
    basic, diluted = eps["eps_basic"], eps["eps_diluted"]
    if basic is not None and diluted is not None and basic.value != diluted.value:
        # two EPS: a smaller count for basic, a larger for diluted, read at one scale
        pairs = [(b, d) for b in shares for d in shares if abs(_as_printed(b)) < abs(_as_printed(d))]
    else:
        pairs = [(b, b) for b in shares]
    for (count_b, count_d), k in itertools.product(pairs, _SHARE_SCALES):
        found = {
            key: _reproduced(earnings, factor, count, k, amount, basic if key == "eps_diluted" else None)
            for key, count, amount in (("eps_basic", count_b, basic), ("eps_diluted", count_d, diluted))
            if amount is not None
        }
        details = {key: detail for key, detail in found.items() if detail is not None}
        if len(details) == len(found):
            return [_note_check(income, c, key, detail) for key, detail in details.items() if key in wanted]
    return []


def _reproduced(
    earnings: list[Amount], factor: Decimal, count: Amount, k: Decimal, eps: Amount, basic: Amount | None
) -> str | None:
    """How an earnings figure over a share count (read xk) gives the EPS (the closest), or None."""
    places = Decimal(1).scaleb(-_decimals(eps.raw))
    for amount in sorted(earnings, key=lambda a: abs(a.value * factor / (_as_printed(count) * k) - eps.value)):
        quotient = amount.value * factor / (_as_printed(count) * k)
        if _rounds_to(quotient, eps, places, basic, _printed_rounding(amount) + _printed_rounding(count)):
            scaled = "" if k == 1 else f" (shares read {_times(k)})"
            return f"{_raw(amount)} / {_raw(count)}{scaled} = {quotient.quantize(Decimal('0.0001'))} ~ {_raw(eps)}"
    return None


def _as_printed(count: Amount) -> Decimal:
    """A share count as printed (one line may have been read in millions, the next not)."""
    return count.value / max(count.scale, 1)


def _note_check(income: Statement, c: int, eps_key: str, detail: str) -> Check:
    """A passed check of one EPS figure by a note's earnings and shares."""
    kind = "basic" if eps_key == "eps_basic" else "diluted"
    return Check(f"{kind} EPS reconciled in a note: its earnings over its shares ({COLUMNS[c]})", True, detail,
                 _eps_ids(income, c, eps_key))


def _value(line: LineItem, c: int) -> Amount | None:
    """A line's figure in column c, if it prints one."""
    return line.values[c] if c < len(line.values) else None


_DECIMALS = re.compile(r"\.(\d+)")


def _decimals(raw: str) -> int:
    """Digits after the decimal point of a printed figure."""
    match = _DECIMALS.search(raw)
    return len(match.group(1)) if match else 0


# ---------------------------------------------------------------- balance sheet


def _balance_checks(s: Statement, c: int) -> list[Check]:
    """Assets add up, liabilities and equity add up, and the two sides agree."""
    checks: list[Check | None] = []
    assets, tle = _line(s, "total_assets"), _line(s, "total_liabilities_and_equity")
    if assets is not None:
        a = assets[1].values[c]
        if a is not None:
            got, count = subtotal_walk(s.lines[:assets[0]], c)
            ids = tuple(_fid(s, c, k) for k in ("cash", "total_assets") if _before(s, k, assets[0] + 1))
            checks.append(_check(f"asset lines sum to total assets ({COLUMNS[c]})", close_to(got, a, count),
                                 f"lines sum to {_printed(got, a)} = {_raw(a)}", ids, got, a))
    if assets is not None and tle is not None and assets[0] < tle[0]:
        a, t = assets[1].values[c], tle[1].values[c]
        if a is not None and t is not None:
            checks.append(_check(f"total assets equal total liabilities and equity ({COLUMNS[c]})",
                                 a.value == t.value, f"{_raw(a)} = {_raw(t)}",
                                 (_fid(s, c, "total_assets"), _fid(s, c, "total_liabilities_and_equity")), a.value, t))
            got, count = subtotal_walk(s.lines[assets[0] + 1:tle[0]], c)
            keys = [k for k in ("total_liabilities", "total_equity") if _before(s, k, tle[0], after=assets[0])]
            ids = tuple(_fid(s, c, k) for k in keys + ["total_liabilities_and_equity"])
            checks.append(_check(f"liability and equity lines sum to the total ({COLUMNS[c]})", close_to(got, t, count),
                                 f"lines sum to {_printed(got, t)} = {_raw(t)}", ids, got, t))
    elif assets is not None:
        checks.append(_liabilities_and_equity(s, c, assets) or _unbalanced(s, c, assets))
    return [check for check in checks if check is not None]


def _unbalanced(s: Statement, c: int, assets: tuple[int, LineItem]) -> Check | None:
    """A balance sheet that prints nothing to tie its total assets to (no total of liabilities
    and equity, no total equity): a table of assets with a total (a fair-value table) reads
    like one, so its figures are not vouched for by their own sum."""
    if assets[1].values[c] is None:
        return None
    ids = tuple(_fid(s, c, k) for k in ("total_assets", "total_liabilities") if figure(s, k, c) is not None)
    detail = "no total of liabilities and equity, nor total liabilities and equity, to tie total assets to"
    return Check(f"the balance sheet balances ({COLUMNS[c]})", False, detail, ids)


def _liabilities_and_equity(s: Statement, c: int, assets: tuple[int, LineItem]) -> Check | None:
    """Total liabilities, any lines between them and equity (redeemable or convertible
    preferred stock, "mezzanine" equity), and total equity give total assets."""
    liabilities, equity, a = _line(s, "total_liabilities"), _line(s, "total_equity"), assets[1].values[c]
    if liabilities is None or equity is None or a is None or not liabilities[0] < equity[0]:
        return None
    first, last = liabilities[1].values[c], equity[1].values[c]
    if first is None or last is None:
        return None
    # the lines between, less the equity section's own lines (which its total sums)
    between = [line for line in s.lines[liabilities[0] + 1:equity[0]] if not _in_equity_section(line, s, equity[0])]
    passed, got = reaches(first.value + last.value, between, c, a)
    extra = " + lines between" if _money_lines(between, c) else ""
    detail = f"{_raw(first)}{extra} + {_raw(last)} = {_raw(a)}"
    ids = tuple(_fid(s, c, k) for k in ("total_liabilities", "total_equity", "total_assets"))
    return _check(f"total liabilities plus equity equal total assets ({COLUMNS[c]})", passed, detail, ids, got, a)


def _in_equity_section(line: LineItem, s: Statement, equity_index: int) -> bool:
    """A line the equity total sums: below the last heading before the equity total."""
    heading = max((i for i, item in enumerate(s.lines[:equity_index]) if item.is_heading), default=-1)
    return s.lines.index(line) > heading


# ---------------------------------------------------------------- shared helpers


def _line(s: Statement, key: str) -> tuple[int, LineItem] | None:
    """Index and line of the first line with a key."""
    for index, line in enumerate(s.lines):
        if line.key == key:
            return index, line
    return None


def _before(s: Statement, key: str, end: int, after: int = -1) -> bool:
    """Whether the first line with a key lies after index `after` and before index `end`."""
    found = _line(s, key)
    return found is not None and after < found[0] < end


def _money_lines(lines: tuple[LineItem, ...] | list[LineItem], c: int) -> int:
    """How many printed money figures a bridge adds (each may carry half a unit of rounding)."""
    return sum(
        1 for line in lines
        if not line.is_heading and line.kind is LineKind.AMOUNT and c < len(line.values) and line.values[c] is not None
    )


def _running(
    start: Decimal, lines: tuple[LineItem, ...] | list[LineItem], c: int, signs: tuple[int, ...] | None = None
) -> Decimal:
    """Carry a running figure down the lines: a line equal to it restates it (a subtotal such
    as "Income from continuing operations"); a "Less:" line subtracts; others add (smaller
    subtotals count once). `signs` (one per money line) reads each line as printed (1) or
    the other way (-1)."""
    running = start
    pending: list[Decimal] = []
    money = 0
    for line in lines:
        if line.is_heading or line.kind is not LineKind.AMOUNT or c >= len(line.values) or line.values[c] is None:
            continue
        value = signed(line, c)
        if signs is not None:
            value *= signs[money]
        money += 1
        amount = line.values[c]
        if amount is not None and abs(value - running - sum(pending, Decimal(0))) <= _rounding(1 + money, amount):
            running, pending = value, []  # a subtotal restating the running figure (within rounding)
            continue
        if line.is_total and pending and amount is not None:
            for k in range(len(pending) - 1, -1, -1):  # a total of the lines above (within their rounding)
                if abs(sum(pending[k:], Decimal(0)) - value) <= _rounding(len(pending) - k, amount):
                    pending = pending[:k]
                    break
        pending.append(value)
    return running + sum(pending, Decimal(0))


_MAX_EITHER_WAY = 6  # lines a bridge may read either way: 2**6 readings at most


def reaches(start: Decimal, lines: list[LineItem], c: int, target: Amount) -> tuple[bool, Decimal]:
    """`reading` without the signs: whether the target is reached, and the reading's figure."""
    passed, got, _ = reading(start, lines, c, target)
    return passed, got


def reading(
    start: Decimal, lines: list[LineItem], c: int, target: Amount
) -> tuple[bool, Decimal, dict[int, int]]:
    """Whether a running figure carried down the lines reaches the target, within rounding.

    Statements print a deduction as a positive number under its heading as often as in
    parentheses, so each line may add in or take out: the lines as printed are tried first,
    then every other reading of their signs (up to 2**6 of them; beyond, every line taken
    out, as costs listed under their heading are). A line equal to the running
    figure restates it (a subtotal such as "Consolidated net income"); see `_running`.
    Returns (reached, the figure the reading that reached it gives, else the one the lines as
    printed give; the sign each line was read with, by id()).
    """
    # an adjusted, pro forma or segment line printed in the statement is outside its arithmetic
    money = [line for line in lines if _is_money(line, c) and not NOT_GAAP.search(normalize(line.label))]
    count = 1 + len(money)
    printed = _running(start, money, c)
    # beyond 2**6 readings: as printed, or every line taken out (costs listed under a heading)
    tried = itertools.product((1, -1), repeat=len(money)) if len(money) <= _MAX_EITHER_WAY else iter(
        [(1,) * len(money), (-1,) * len(money)]
    )
    for signs in tried:
        got = _running(start, money, c, signs)
        if close_to(got, target, count):
            return True, got, {id(line): sign for line, sign in zip(money, signs)}
    return False, printed, {}


def _is_money(line: LineItem, c: int) -> bool:
    """A line with a money figure in column c."""
    return not line.is_heading and line.kind is LineKind.AMOUNT and c < len(line.values) and line.values[c] is not None


def _rounding(count: int, like: Amount) -> Decimal:
    """How far a sum of `count` rounded figures may drift from a printed total: half a unit each."""
    return Decimal(max(like.scale, 1)) * count / 2


def close_to(got: Decimal, printed: Amount, count: int) -> bool:
    """Equal, or within the rounding of `count` printed figures (tables in thousands, millions)."""
    return abs(got - printed.value) <= _rounding(count, printed)


def _subtotal_sum(lines: tuple[LineItem, ...] | list[LineItem], c: int) -> Decimal:
    """Sum money lines, letting each total replace the lines above it that it sums."""
    return subtotal_walk(lines, c)[0]


def subtotal_walk(lines: tuple[LineItem, ...] | list[LineItem], c: int) -> tuple[Decimal, int]:
    """(sum, number of figures summed) with totals replacing the lines they sum (within rounding)."""
    items: list[Decimal] = []
    for line in lines:
        if line.is_heading or line.kind is not LineKind.AMOUNT or c >= len(line.values):
            continue
        amount = line.values[c]
        if amount is None:
            continue
        value = signed(line, c)
        if line.is_total:
            for start in range(len(items) - 1, -1, -1):
                part = items[start:]
                if abs(sum(part, Decimal(0)) - value) <= _rounding(len(part), amount):
                    items = items[:start]
                    break
        items.append(value)
    return sum(items, Decimal(0)), len(items)


def _printed(value: Decimal, like: Amount) -> str:
    """A computed sum in the units of a printed figure, with thousands separators."""
    return f"{value / like.scale:,}" if like.scale else str(value)


def _check(name: str, passed: bool, detail: str, ids: tuple[str, ...], got: Decimal, printed: Amount) -> Check:
    """A Check; a failing one says what the arithmetic gave, a rounding difference is said."""
    if passed and got != printed.value:
        detail = f"{detail} (within rounding: the lines give {_printed(got, printed)}, printed {_raw(printed)})"
    if not passed:
        detail = f"{detail} (the lines give {_printed(got, printed)}, printed {_raw(printed)})"
    return Check(name, passed, detail, ids)


# ---------------------------------------------------------------- narrative against table

_SUBJECTS = (
    ("total_revenue", r"(?:total |net )?(?:revenues?|sales)"),
    ("net_income", r"net (?:income|earnings|loss)"),
    ("total_operating_expenses", r"(?:total )?operating expenses"),
)
_VERB = r"(?:[^$.;]{0,80}?\b(?:were|was|of|totall?ed|amounted to|reached|to(?: a record)?|at)\s+(?:a record\s+)?)"
_MONEY = (
    r"\$\s?(?P<num>\d[\d,]*(?:\.\d+)?)(?:\s*(?P<unit>million|billion|thousand)\b)?"
    r"(?!\s*(?:per|a)\s+(?:basic\s+|diluted\s+|common\s+|and\s+)*share)"
)
# Words that may stand before the subject ("reported net income", "total revenues"); any
# other word makes it a part ("product revenues", "license revenues") and not the total.
_BEFORE_SUBJECT = frozenset(
    "a an the its their our company's consolidated quarterly reported record total net of in had "
    "with and that while as for".split()
)
_QUARTER_WORDS = re.compile(r"quarter|three[- ]month|three months|13[- ]week|14[- ]week", re.I)
_OTHER_PERIODS = re.compile(
    r"nine[- ]month|six[- ]month|twelve[- ]month|full[- ]year|year[- ]to[- ]date|fiscal year ended|"
    r"for the year|first half|nine months|six months|twelve months|prior quarter|previous quarter|"
    r"sequential|immediate prior",
    re.I,
)
# How every match of _OTHER_PERIODS starts (see textclean.has_match).
_OTHER_PERIOD_STARTS = (
    "nine", "six", "twelve", "full", "year", "fiscal year ended", "for the year", "first half",
    "prior quarter", "previous quarter", "sequential", "immediate prior",
)
_YEAR_AGO = re.compile(r"same (?:period|quarter)|a year (?:ago|earlier)|prior[- ]year|last year|year[- ]earlier", re.I)
_UNITS = {"thousand": 3, "million": 6, "billion": 9}
# Each subject's pattern compiled once, with how every match of it starts (textclean.first_match).
_SUBJECT_STARTS = {
    "total_revenue": ("total ", "net ", "revenue", "sales"),
    "net_income": ("net ",),
    "total_operating_expenses": ("total ", "operating expenses"),
}
_STATED = tuple(
    (key, re.compile(rf"\b{subject}\b(?P<between>{_VERB}){_MONEY}", re.I), _SUBJECT_STARTS[key])
    for key, subject in _SUBJECTS
)
# Words that, between a subject and an amount, make the amount another figure's ("revenue,
# income from continuing operations of $2.2 billion", "sales as compared to $5.7 billion").
_INTERVENING = re.compile(
    r"\b(?:income|earnings|revenues?|sales|profits?|loss(?:es)?|margins?|expenses?|cash|compar\w*|versus)\b", re.I
)
# "$0.39 per diluted share", "$1.54 per share, diluted"; the kind of share said before or after.
_PER_SHARE = re.compile(
    r"\$\s?\(?(?P<num>\d{1,3}\.\d{2})\)?\s+(?:per|a)\s+(?P<kind>basic\s+|diluted\s+)?(?:common\s+)?share"
    r"(?P<after>,?\s+(?:basic|diluted)\b)?",
    re.I,
)
_PRIOR = re.compile(rf"compared (?:to|with)(?:[^$]{{0,40}}?){_MONEY}(?P<tail>(?:[^.;]|(?<=\d)\.(?=\d)){{0,120}})", re.I)


def text_checks(income: Statement, text: str) -> list[Check]:
    """The release's stated figures ("revenues ... were $11.4 million") against the table."""
    checks: list[Check] = []
    seen: set[tuple[str, int]] = set()
    for sentence in _sentences(one_line(text)):
        if not _about_the_quarter(sentence):
            continue
        checks.extend(_per_share_checks(income, sentence, seen))
        for key, pattern, starts in _STATED:
            match = first_match(pattern, sentence, starts)
            if not match or (key, 0) in seen or not _whole_subject(sentence, match.start()):
                continue
            if _INTERVENING.search(match.group("between")):
                continue
            found = [(0, match)]
            rest = sentence[match.end():]
            prior = _PRIOR.search(rest)
            if prior and _YEAR_AGO.search(prior.group("tail")):
                found.append((1, prior))
            for column, m in found:
                check = _text_check(income, key, column, m)
                if check is not None and (key, column) not in seen:
                    seen.add((key, column))
                    checks.append(check)
    return checks


def _per_share_checks(income: Statement, sentence: str, seen: set[tuple[str, int]]) -> list[Check]:
    """EPS the sentence states ("$0.39 per diluted share, compared to $0.27 per diluted share
    a year ago") against the table: the first for the quarter, one after a comparison with
    the year before for the prior column."""
    checks: list[Check] = []
    found = list(_PER_SHARE.finditer(sentence))
    for index, match in enumerate(found[:2]):
        kind = (match.group("kind") or match.group("after") or "").strip(" ,").lower()
        key = "eps_diluted" if kind == "diluted" else "eps_basic" if kind == "basic" else None
        if key is None:
            continue
        column = 0 if index == 0 else 1
        if column == 1 and not (_YEAR_AGO.search(sentence[match.end():match.end() + 120])
                                or _YEAR_AGO.search(sentence[found[0].end():match.start()])):
            continue
        amount = figure(income, key, column)
        if amount is None or column >= len(income.columns) or (key, column) in seen:
            continue
        seen.add((key, column))
        passed = abs(amount.value) == Decimal(match.group("num"))
        detail = f"text says {match.group(0).strip()!r}; table {_raw(amount)}"
        name = f"release text agrees with the table: {key.replace('_', ' ')} ({COLUMNS[column]})"
        checks.append(Check(name, passed, detail, _eps_ids(income, column, key)))
    return checks


def _about_the_quarter(sentence: str) -> bool:
    """A sentence that names the quarter and no other period: the regexes tried only where
    the substring tests let a match be (most sentences of a 10-Q name no quarter)."""
    return (
        may_contain(sentence, _QUARTER_NEEDLES)
        and _QUARTER_WORDS.search(sentence) is not None
        and not has_match(_OTHER_PERIODS, sentence, _OTHER_PERIOD_STARTS)
    )


# The split of text with its whitespace collapsed at ". " before a capital or opening quote.
# Opening on the punctuation lets the scan jump between candidates, where a lookbehind made
# re try every position; the lookahead and the single space keep the splits re.split found.
_SENTENCE_END = re.compile(r"[.!?](\s+)(?=[A-Z\"“])")


def _sentences(flat: str) -> list[str]:
    """`flat` split into sentences (as `re.split(r"(?<=[.!?])\\s+(?=[A-Z\"“])", flat)`)."""
    parts: list[str] = []
    start = 0
    for m in _SENTENCE_END.finditer(flat):
        parts.append(flat[start : m.start(1)])
        start = m.end()
    parts.append(flat[start:])
    return parts


# A run of letters from each alternative of _QUARTER_WORDS (see textclean.may_contain).
_QUARTER_NEEDLES = ("quarter", "three", "week")


def _whole_subject(sentence: str, start: int) -> bool:
    """The subject starts the sentence or follows a word that does not narrow it."""
    before = sentence[:start].split()
    return not before or before[-1].strip(",;:(\"\u201c").lower() in _BEFORE_SUBJECT


def _text_check(income: Statement, key: str, column: int, match: re.Match[str]) -> Check | None:
    """One stated figure against the table at the precision it is stated."""
    amount = figure(income, key, column)
    if amount is None or column >= len(income.columns):
        return None
    digits = match.group("num").replace(",", "")
    exponent = _UNITS.get((match.group("unit") or "").lower(), 0)
    stated = Decimal(digits).scaleb(exponent)
    places = -_decimals(match.group("num")) + exponent
    quantum = Decimal(1).scaleb(places)
    table = abs(amount.value)
    rounded = (table / quantum).quantize(Decimal(1), rounding=ROUND_HALF_UP) * quantum
    passed = rounded == stated
    text = match.group(0).strip()
    detail = f"text says {text!r}; table {_raw(amount)}"
    name = f"release text agrees with the table: {key.replace('_', ' ')} ({COLUMNS[column]})"
    return Check(name, passed, detail, (_fid(income, column, key),))
