"""Grids to statements: find the statement of operations and the balance sheet, read units,
choose the compared columns, key the lines, and settle ambiguous rows by the arithmetic.

Everything here works on `Grid`, whatever format the table came from.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, replace
from decimal import Decimal

from reportgen.extract import lines as L
from reportgen.extract.grid import Grid, GridRow
from reportgen.extract.periods import (
    choose_balance_columns,
    choose_income_columns,
    column_period,
    duration,
    with_title_date,
)
from reportgen.extract.textclean import has_match
from reportgen.model import Amount, LineItem, LineKind, Period, SourceRef, Statement, StatementKind
from reportgen.numbers import is_nil_mark, parse_amount
from reportgen.vocabulary import UNITS, caption_scale, is_caption, words

_EXCEPT_SHARES = re.compile(r"except\b(?:(?!\bper\s+share)[^)])*?(?<!per )\bshares?\b(?!\s+amounts?\s+per)", re.I)
_SHARES_IN = re.compile(r"\bshares?\b(?: (?:amounts?|data|counts?))?[^,;()]*?\bin (thousands|millions)\b", re.I)
_INCOME_TITLE = re.compile(
    r"statements?\s+of\s+(?:consolidated\s+)?(?:operations|income|earnings|loss|\(loss\)|comprehensive)"
    r"|income\s+statements?|results\s+of\s+operations|statements?\s+of\s+(?:income|operations)"
    r"|^[^\n]*\bconsolidated\s+(?:income|earnings)[ \t]*$",  # "CONSOLIDATED INCOME" as a title line
    re.I | re.M,
)
_BALANCE_TITLE = re.compile(r"balance\s+sheets?|financial\s+(?:condition|position)|statements?\s+of\s+condition", re.I)
_PENALTIES = re.compile(
    r"pro\s*forma|non[-\s]?gaap|reconciliation|(?<!as )adjusted|cash\s+flows?|segment|supplemental|"
    r"average\s+balances?|quarterly\s+(?:trend|data)|as\s+previously\s+reported|excluding",
    re.I,
)
MAX_READINGS = 256


@dataclass(frozen=True)
class Units:
    """A table's units as printed and the multipliers they imply."""

    text: str
    scale: int
    share_scale: int


def read_units(grid: Grid) -> Units:
    """Units from the text above a table and its headers; whole dollars when none is printed.

    >>> read_units(Grid(headers=[], rows=[], context="(in thousands, except per share amounts)"))
    Units(text='in thousands, except per share amounts', scale=1000, share_scale=1000)
    >>> read_units(Grid(headers=[], rows=[], context="(in millions, except share and per share amounts)")).share_scale
    1
    >>> read_units(Grid(headers=[], rows=[], context="(In millions, except share amounts which are reflected in thousands)")).share_scale
    1000
    >>> read_units(Grid(headers=[], rows=[], context="net loss (or $0.05 per share, on revenue of $10 million)")).scale
    1
    >>> read_units(Grid(headers=[], rows=[], context="(unaudited) (in 000s, except share data)"))
    Units(text='in 000s, except share data', scale=1000, share_scale=1)
    >>> read_units(Grid(headers=[], rows=[], context="($ in millions, except per share data)")).text
    '$ in millions, except per share data'
    """
    captions = [row.label for row in grid.rows if not any(row.cells) and is_caption(row.label)]
    text = "\n".join([grid.context, *grid.headers, *captions])  # a caption may sit among the rows
    found = [m.group(0) for m in UNITS.finditer(text)]
    phrase = " ".join(found[-1].split()).strip("() ") if found else ""
    scale = caption_scale(phrase)
    share_scale = 1 if _EXCEPT_SHARES.search(phrase) else scale
    stated = _SHARES_IN.search(phrase)
    if stated:
        share_scale = 1_000 if stated.group(1).lower() == "thousands" else 1_000_000
    return Units(phrase, scale, share_scale)


_IN_THOUSANDS = re.compile(r"in (thousands|millions)", re.I)


def _row_share_scale(text: str, default: int) -> int:
    """A share line's own "(in thousands)" overrides the table's units."""
    match = _IN_THOUSANDS.search(text)
    if not match:
        return default
    return 1_000 if match.group(1).lower() == "thousands" else 1_000_000


# ---------------------------------------------------------------- choosing tables


@dataclass
class Candidate:
    """A grid that may be a statement: how well it scores and the columns it would compare."""

    grid: Grid
    order: int
    score: float
    columns: tuple[int, int | None]
    periods: list[Period | None]
    penalised: bool = False  # a segment, pro forma or non-GAAP table by its title


def grid_periods(grid: Grid, hint: str = "") -> list[Period | None]:
    """The period each column header states; the title (else the narrative's "quarter ended
    June 30", `hint`) completes headers that print only a year or a duration."""
    title = " ".join(grid.context.split("\n")[-4:])
    fallback = title if duration(title)[0] else ""
    dating = title if with_title_date("2000", title) != "2000" else f"{title} {hint}"
    return [column_period(with_title_date(h, dating), fallback) for h in grid.headers]


def _keys_in(grid: Grid, kind: StatementKind) -> set[str]:
    """Canonical keys a grid's labels match (with their headings)."""
    found: set[str] = set()
    heading = ""
    for row in grid.rows:
        if not any(row.cells):
            heading = "" if is_caption(row.label) else row.label
            continue
        line_kind = L.line_kind(row.label, heading)
        key = (L.income_key if kind is StatementKind.INCOME else L.balance_key)(row.label, heading, line_kind)[0]
        if key:
            found.add(key)
    return found


def _may_hold_net_income(grid: Grid) -> bool:
    """Whether a row may be keyed net income: `lines.income_key` keys only a label that
    normalises to "net ..." or "consolidated net ..." (its _NET pattern), or one whose words
    hold "net" or "profit" (vocabulary.INCOME_WORDINGS)."""
    return any(words(L.normalize(row.label)) & _NET_WORDS for row in grid.rows if any(row.cells))


_NET_WORDS = frozenset(("net", "profit"))


_SUMMARY = re.compile(r"selected|summary|highlights", re.I)


def _score(grid: Grid, kind: StatementKind, periods: list[Period | None]) -> float:
    """How much a grid looks like the statement: its lines, its title, its columns."""
    if kind is StatementKind.INCOME and not _may_hold_net_income(grid):
        return -1  # what the test of its keys below says, without classifying every row
    keys = _keys_in(grid, kind)
    text = f"{grid.title}\n{grid.context}"
    near = "\n".join(grid.context.split("\n")[-4:]) + "\n" + grid.title
    if kind is StatementKind.INCOME:
        if "net_income" not in keys:
            return -1
        score = float(len(keys & {
            "total_revenue", "operating_income", "income_before_taxes", "income_tax", "net_income",
            "eps_basic", "eps_diluted", "eps_basic_diluted", "total_operating_expenses", "gross_profit",
            "cost_of_revenue", "net_interest_income",
        }))
        score += 3 if _INCOME_TITLE.search(near) else 0
    else:
        if "total_assets" not in keys and len(keys & set(L.BALANCE_KEYS)) < 2:
            return -1
        score = float(len(keys & set(L.BALANCE_KEYS)))
        score += 3 if _BALANCE_TITLE.search(near) else 0
        score -= 4 if any(p is not None and p.months for p in periods) else 0
    score -= 8 if _penalised(grid) else 0
    score -= 1 if _SUMMARY.search(text) else 0
    return score


def _penalised(grid: Grid) -> bool:
    """A table titled as segment, pro forma, non-GAAP or reconciliation figures."""
    near = "\n".join(grid.context.split("\n")[-4:]) + "\n" + grid.title
    return has_match(_PENALTIES, near, _PENALTY_STARTS)


# How every match of _PENALTIES starts (see textclean.has_match).
_PENALTY_STARTS = (
    "pro", "non", "reconciliation", "adjusted", "cash", "segment", "supplemental", "average", "quarterly", "as",
    "excluding",
)


def candidates(
    grids: list[Grid], kind: StatementKind, fiscal_year_end: str | None, hint: str = ""
) -> list[Candidate]:
    """Grids that could be the statement, best first."""
    out: list[Candidate] = []
    for order, grid in enumerate(grids):
        periods = grid_periods(grid, hint if kind is StatementKind.INCOME else "")
        if kind is StatementKind.INCOME:
            columns = choose_income_columns(periods)
        else:
            columns = choose_balance_columns(periods, fiscal_year_end)
        if columns is None:
            continue
        score = _score(grid, kind, periods)
        if score < 0:
            continue
        current = periods[columns[0]]
        if kind is StatementKind.INCOME and current is not None:
            score += 2 if current.months == 3 else (0 if current.months is None else -3)
        score += 2 if columns[1] is not None else 0
        out.append(Candidate(grid, order, score, columns, periods, _penalised(grid)))
    # a segment or pro forma table never wins over a statement titled as the company's own
    out.sort(key=lambda c: (c.penalised, -c.score, -_end_ordinal(c), c.order))
    return out


def _end_ordinal(candidate: Candidate) -> int:
    """The current column's end date as a number, for ties between equally good tables."""
    period = candidate.periods[candidate.columns[0]]
    return period.end.toordinal() if period else 0


_CONTINUED = re.compile(r"\bcontinued\b", re.I)


def merge_continued(grids: list[Grid]) -> list[Grid]:
    """Join a table marked "(continued)" to the one before it when their columns agree."""
    out: list[Grid] = []
    for grid in grids:
        previous = out[-1] if out else None
        if (
            previous is not None
            and _CONTINUED.search("\n".join(grid.context.split("\n")[-4:]) + grid.title)
            and _same_columns(grid.headers, previous.headers)
        ):
            out[-1] = Grid(
                headers=previous.headers, rows=previous.rows + grid.rows, context=previous.context,
                line=previous.line, title=previous.title, ncols=previous.ncols,
            )
            continue
        out.append(grid)
    return out


def _same_columns(headers: list[str], others: list[str]) -> bool:
    """Two tables' columns are the same: the same headers, or headers stating the same
    dates (an "As Restated" note over one of them aside)."""
    if [" ".join(h.split()) for h in headers] == [" ".join(h.split()) for h in others]:
        return True
    if len(headers) != len(others):
        return False
    ends = [column_period(h) for h in headers], [column_period(h) for h in others]
    return all(a is not None and b is not None and a.end == b.end for a, b in zip(*ends))


def find_statement(
    grids: list[Grid], kind: StatementKind, source_file: str, fiscal_year_end: str | None = None,
    hint: str = "", found: list[Candidate] | None = None,
) -> tuple[Statement | None, list[str]]:
    """The best statement of a kind among the grids, with warnings about how it was read.

    `hint` is the narrative's "quarter ended June 30", for headers that print only years;
    `found` the candidates already worked out for these grids (see `candidates`).
    """
    if found is None:
        found = candidates(merge_continued(grids), kind, fiscal_year_end, hint)
    for candidate in found:
        statement, warnings = build_statement(candidate.grid, kind, candidate.columns, candidate.periods, source_file)
        if statement is not None:
            if candidate.penalised:
                warnings.append(
                    f"the {kind.value} statement read is titled {statement.title!r}, a segment, pro forma or "
                    "non-GAAP table: no statement of the consolidated company was found"
                )
            return statement, warnings
    return None, []


# ---------------------------------------------------------------- building a statement


def build_statement(
    grid: Grid,
    kind: StatementKind,
    columns: tuple[int, int | None],
    periods: list[Period | None],
    source_file: str,
) -> tuple[Statement | None, list[str]]:
    """A Statement of the chosen columns, ambiguous rows settled by the statement's checks."""
    units = read_units(grid)
    readings = _row_readings(grid.rows, columns)
    ambiguous = [i for i, options in readings.items() if len(options) > 1]
    combos = list(itertools.islice(itertools.product(*(range(len(readings[i])) for i in ambiguous)), MAX_READINGS))
    # Share counts follow the table's units unless it excepts them; when only the counts as
    # printed make net income over shares agree with EPS, they are read as printed.
    unit_options = [units] + ([replace(units, share_scale=1)] if units.share_scale != 1 else [])
    best: tuple[tuple[int, int, int, int], Statement] | None = None
    for unit_rank, option in enumerate(unit_options):
        for rank, combo in enumerate(combos or [()]):
            choice = {i: readings[i][k] for i, k in zip(ambiguous, combo)}
            statement = _statement(grid, kind, columns, periods, option, choice, source_file)
            failed, passed = _arithmetic(statement)
            score = (failed, -passed, unit_rank, rank)
            if best is None or score < best[0]:
                best = (score, statement)
    assert best is not None
    statement = best[1]
    warnings: list[str] = []
    if best[0][2]:
        warnings.append(
            f"share counts read as printed, not in the table's units ({units.text}): only so does "
            "net income over shares agree with the printed EPS"
        )
    if ambiguous:
        statement, notes = _note_resolutions(statement, grid, readings, ambiguous, best[0][0])
        warnings.extend(notes)
    return statement, warnings


def _row_readings(rows: list[GridRow], columns: tuple[int, int | None]) -> dict[int, list[tuple[str, str]]]:
    """Per row, its distinct (current, prior) cell readings, the likeliest first."""
    out: dict[int, list[tuple[str, str]]] = {}
    for index, row in enumerate(rows):
        options: list[tuple[str, str]] = []
        for cells in [row.cells] + row.alternatives:
            pair = (_cell(cells, columns[0]), _cell(cells, columns[1]))
            if pair not in options:
                options.append(pair)
        out[index] = options
    return out


def _cell(cells: list[str], index: int | None) -> str:
    """A cell's text, "" when absent."""
    if index is None or index >= len(cells):
        return ""
    return cells[index]


def _statement(
    grid: Grid,
    kind: StatementKind,
    columns: tuple[int, int | None],
    periods: list[Period | None],
    units: Units,
    choice: dict[int, tuple[str, str]],
    source_file: str,
) -> Statement:
    """Build the statement for one reading of the ambiguous rows."""
    items: list[LineItem] = []
    heading = ""
    whole = _whole_money(grid.rows, columns)
    for index, row in enumerate(grid.rows):
        if not any(row.cells) and not row.alternatives:
            heading = "" if is_caption(row.label) else row.label  # a units caption heads no lines
            items.append(LineItem(label=row.label, key=None, values=(None, None), is_heading=True))
            continue
        cells = choice.get(index) or (_cell(row.cells, columns[0]), _cell(row.cells, columns[1]))
        line_kind = L.line_kind(row.label, heading)
        if line_kind is LineKind.AMOUNT and whole and _cents(cells):
            line_kind = LineKind.PER_SHARE  # "$2.31" among whole millions: a per-share line, whatever its label
        scale = _scale_for(line_kind, units, row.label, heading)
        values = tuple(_amount(text, scale, source_file, row) for text in cells)
        items.append(LineItem(label=row.label, key=None, values=values, kind=line_kind, is_total=L.is_total_label(row.label)))
    items = _mark_subtotals(items)
    items = assign_keys(items, kind)
    current = periods[columns[0]]
    prior = periods[columns[1]] if columns[1] is not None else None
    title = grid.title or (grid.context.split("\n")[-1] if grid.context else "")
    return Statement(
        kind=kind,
        title=" ".join(title.split()),
        units=units.text,
        scale=units.scale,
        columns=tuple(p for p in (current, prior) if p is not None),
        lines=tuple(items),
        source=SourceRef(source_file, grid.line, title),
        scale_basis="caption" if units.text else "",
    )


_CENTS = re.compile(r"^\$?\s*\(?\$?\s*-?\d{1,3}\.\d{2}\)?$")  # "$2.31", "(0.04)"
_WHOLE = re.compile(r"^\$?\s*\(?\$?\s*-?\d{1,3}(?:,\d{3})+\)?$|^\$?\s*\(?\$?\s*-?\d{3,}\)?$")


def _whole_money(rows: list[GridRow], columns: tuple[int, int | None]) -> bool:
    """Whether a table prints its money in whole numbers (thousands, millions): most of its
    figures of three digits or more have no decimals."""
    printed = [_cell(r.cells, c) for r in rows for c in columns if c is not None and _cell(r.cells, c)]
    whole = sum(1 for t in printed if _WHOLE.match(t.strip()))
    return whole >= 4 and whole * 2 >= len(printed)


def _cents(cells: tuple[str, str]) -> bool:
    """Figures printed to the cent and small: per-share amounts."""
    printed = [c.strip() for c in cells if c.strip() and not is_nil_mark(c.strip())]
    return bool(printed) and all(_CENTS.match(c) for c in printed)


def _scale_for(kind: LineKind, units: Units, label: str, heading: str) -> int:
    """Money lines take the table's scale; per-share and percent lines none; shares their own."""
    if kind is LineKind.AMOUNT:
        return units.scale
    if kind is LineKind.SHARES:
        return _row_share_scale(f"{label} {heading}", units.share_scale)
    return 1


def _amount(text: str, scale: int, source_file: str, row: GridRow) -> Amount | None:
    """One cell as an Amount; None when blank or printed as not available."""
    text = text.strip()
    if not text or is_nil_mark(text):
        return None
    value = parse_amount(text)
    if value is None:
        return None
    return Amount(value=value * scale, raw=text, scale=scale, source=SourceRef(source_file, row.line, row.raw))


def _mark_subtotals(items: list[LineItem]) -> list[LineItem]:
    """Flag a line as a total when it equals the sum of the lines just above it (both columns)."""
    out: list[LineItem] = []
    run: list[LineItem] = []
    for item in items:
        if item.is_heading:
            run = []
            out.append(item)
            continue
        if not item.is_total and item.kind is LineKind.AMOUNT and _sums_suffix(item, run):
            item = replace(item, is_total=True)
        run = [item] if item.is_total else run + [item]
        out.append(item)
    return out


def _sums_suffix(item: LineItem, run: list[LineItem]) -> bool:
    """Whether the item's values equal the sum of the last two or more lines of the run."""
    values = [v for v in item.values]
    if not values or any(v is None for v in values):
        return False
    for start in range(len(run) - 2, -1, -1):
        part = run[start:]
        if any(p.kind is not LineKind.AMOUNT or any(v is None for v in p.values) for p in part):
            continue
        # equal, or within the rounding of the printed parts (half a unit each)
        if all(
            abs(sum((signed(p, c) for p in part), Decimal(0)) - values[c].value) <= Decimal(values[c].scale) * len(part) / 2
            for c in range(len(values))
        ):
            return True
    return False


def signed(item: LineItem, column: int) -> Decimal:
    """A line's value as it adds into a sum: "Less: ..." lines printed positive subtract."""
    amount = item.values[column]
    if amount is None:
        return Decimal(0)
    if L.is_deduction(item.label) and amount.value > 0:
        return -amount.value
    return amount.value


def assign_keys(items: list[LineItem], kind: StatementKind) -> list[LineItem]:
    """Give canonical keys; each single-valued key goes to its best-ranked (then first) line.

    A key only a label's words give (`lines.WORDED`: "Profit", "Sales to customers") goes to
    a line where the statement's order puts that line (see `_placed`), never to the first
    line that happens to use the words.
    """
    matcher = L.income_key if kind is StatementKind.INCOME else L.balance_key
    ranked: list[tuple[str | None, int]] = []
    heading = ""
    for item in items:
        if item.is_heading:
            heading = "" if is_caption(item.label) else item.label
            ranked.append((None, 9))
            continue
        ranked.append(matcher(item.label, heading, item.kind))
        if item.is_total:
            heading = ""
    best: dict[str, int] = {}
    worded: dict[str, list[int]] = {}
    for index, (key, rank) in enumerate(ranked):
        if key and rank >= L.WORDED:
            worded.setdefault(key, []).append(index)
        elif key and (key not in best or rank < ranked[best[key]][1]):
            best[key] = index
    for key, indices in worded.items():
        if key not in best:
            chosen = _placed(key, indices, best, items)
            if chosen is not None:
                best[key] = chosen
    keyed = [replace(item, key=None) for item in items]
    for key, index in best.items():
        keyed[index] = replace(keyed[index], key=key)
    if kind is StatementKind.INCOME:
        keyed = _single_revenue_line(keyed)
        keyed = _components(keyed)
    else:
        keyed = _unlabelled_balance_totals(keyed)
    return keyed


# Lines that come after the revenue and before the bottom line, in a statement's order.
_AFTER_REVENUE = ("cost_of_revenue", "gross_profit", "total_operating_expenses", "operating_income",
                  "income_before_taxes", "income_tax", "net_income")


def _placed(key: str, indices: list[int], best: dict[str, int], items: list[LineItem]) -> int | None:
    """Of the lines whose words fit a key, the one where a statement puts that line: revenue
    above every cost and result (the one line so worded, or their total); operating income
    and the expense total between revenue and the pre-tax line; net income below the tax
    line and above the per-share lines; total equity between total liabilities and their sum
    with equity."""
    def between(low: str | tuple[str, ...], high: str | tuple[str, ...]) -> list[int]:
        lows = [best[k] for k in ((low,) if isinstance(low, str) else low) if k in best]
        highs = [best[k] for k in ((high,) if isinstance(high, str) else high) if k in best]
        lo, hi = max(lows, default=-1), min(highs, default=len(items))
        return [i for i in indices if lo < i < hi]

    if key == "total_revenue":
        found = between((), _AFTER_REVENUE)
        return found[0] if len(found) == 1 else _total_of(found, items)
    if key == "net_income":
        found = between(("income_before_taxes", "income_tax", "operating_income"), ())
        per_share = next((i for i, item in enumerate(items) if item.kind is LineKind.PER_SHARE and i > (found or [0])[0]), None)
        found = [i for i in found if per_share is None or i < per_share] or found
        return found[-1] if found else None
    if key == "operating_income":
        found = between(("total_revenue", "gross_profit", "total_operating_expenses"), ("income_before_taxes", "income_tax", "net_income"))
        return found[0] if found else None
    if key == "total_operating_expenses":
        found = between(("total_revenue", "gross_profit"), ("operating_income", "income_before_taxes", "income_tax", "net_income"))
        return found[-1] if found else None
    if key == "total_equity":
        found = between(("total_liabilities", "total_assets"), "total_liabilities_and_equity")
        return found[-1] if found else None
    return indices[0]


_MAX_PARTS = 10  # revenue lines a total is looked for among (2**10 sums at most)


def _total_of(indices: list[int], items: list[LineItem]) -> int | None:
    """Of several lines, the largest when some of the others add up to it in every column
    (the total of segment revenues and their subtotals); None when none totals the others."""
    if not indices or len(indices) > _MAX_PARTS + 1:
        return None
    columns = range(len(items[indices[0]].values))
    largest = max(indices, key=lambda i: abs(signed(items[i], 0)))
    rest = [i for i in indices if i != largest]
    for size in range(len(rest), 0, -1):
        for parts in itertools.combinations(rest, size):
            if all(sum((signed(items[i], c) for i in parts), Decimal(0)) == signed(items[largest], c) for c in columns):
                return largest
    return None


def _unlabelled_balance_totals(items: list[LineItem]) -> list[LineItem]:
    """Unlabelled total rows of a balance sheet: the one that sums every line above it is
    total assets; a later one equal to it is total liabilities and equity."""
    from reportgen.validate import close_to, subtotal_walk

    keys = {item.key for item in items}
    items = list(items)
    assets = next((i for i, item in enumerate(items) if item.key == "total_assets"), None)
    if assets is None:
        for index, item in enumerate(items):
            if item.label or item.is_heading or item.kind is not LineKind.AMOUNT or not all(item.values):
                continue
            walks = [subtotal_walk(items[:index], c) for c in range(len(item.values))]
            if all(close_to(total, item.values[c], count) for c, (total, count) in enumerate(walks)):
                items[index] = replace(item, key="total_assets", is_total=True)
                assets = index
                break
    if assets is None or "total_liabilities_and_equity" in keys:
        return items
    target = items[assets].values
    for index in range(len(items) - 1, assets, -1):
        item = items[index]
        if not item.label and not item.is_heading and all(
            v is not None and t is not None and v.value == t.value for v, t in zip(item.values, target)
        ):
            items[index] = replace(item, key="total_liabilities_and_equity", is_total=True)
            break
    return items



def _single_revenue_line(items: list[LineItem]) -> list[LineItem]:
    """Under a "Revenues:" heading with one line and no total, that line is the total."""
    if any(i.key == "total_revenue" for i in items):
        return items
    for index, item in enumerate(items):
        if item.is_heading and L.is_revenue_section(item.label):
            section = list(itertools.takewhile(lambda i: not i.is_heading, items[index + 1:]))
            if len(section) == 1 and section[0].key is None and section[0].kind is LineKind.AMOUNT:
                items = list(items)
                items[index + 1] = replace(section[0], key="total_revenue")
            break
    return items


def _components(items: list[LineItem]) -> list[LineItem]:
    """Key the lines summed into total revenues and into total operating expenses."""
    items = list(items)
    for total_key, component_key, is_section in (
        ("total_revenue", "revenue_component", L.is_revenue_section),
        ("total_operating_expenses", "expense_component", L.is_expense_section),
    ):
        total = next((i for i, item in enumerate(items) if item.key == total_key), None)
        if total is None:
            continue
        start = None
        for j in range(total - 1, -1, -1):
            if items[j].is_heading and is_section(items[j].label):
                start = j
                break
            if items[j].key in {"total_revenue", "gross_profit", "cost_of_revenue"} or (
                items[j].is_total and not items[j].is_heading
            ):
                break
        if start is None and total_key == "total_operating_expenses":
            start = _after_revenue(items, total)
        if start is None:
            continue
        for j in range(start + 1, total):
            if not items[j].is_heading and items[j].key is None and not items[j].is_total:
                items[j] = replace(items[j], key=component_key)
    return items


def _after_revenue(items: list[LineItem], total: int) -> int | None:
    """Without an expenses heading, the expense lines start after total revenues (or gross
    profit) when every line between is plain money."""
    anchor = None
    for j in range(total - 1, -1, -1):
        if items[j].key in {"total_revenue", "gross_profit"}:
            anchor = j
            break
    if anchor is None:
        return None
    between = items[anchor + 1:total]
    if len(between) < 2 or any(i.is_heading or i.is_total or i.kind is not LineKind.AMOUNT for i in between):
        return None
    return anchor


def _arithmetic(statement: Statement) -> tuple[int, int]:
    """(failed, passed) checks on one statement, to rank readings of ambiguous rows."""
    from reportgen.validate import statement_checks

    checks = statement_checks(statement, share_scales=False)
    return sum(1 for c in checks if not c.passed), sum(1 for c in checks if c.passed)


def _note_resolutions(
    statement: Statement,
    grid: Grid,
    readings: dict[int, list[tuple[str, str]]],
    ambiguous: list[int],
    failed: int,
) -> tuple[Statement, list[str]]:
    """Record on each ambiguous row's amounts which reading was kept and why."""
    warnings: list[str] = []
    lines = list(statement.lines)
    for index in ambiguous:
        row = grid.rows[index]
        item = lines[index]
        kept = " | ".join(v.raw if v else "-" for v in item.values)
        others = [" | ".join(p) for p in readings[index] if " | ".join(p) != kept]
        why = "its checks pass" if failed == 0 else "it is the likeliest; the checks still fail"
        note = f"printed {row.raw!r}; read as {kept} because {why} (other readings: {'; '.join(others)})"
        values = tuple(replace(v, note=note) if v else None for v in item.values)
        lines[index] = replace(item, values=values)
        warnings.append(f"line {row.line}: {note}")
    return replace(statement, lines=tuple(lines)), warnings
