"""What a filing should read as: accepted values per figure id, and the period."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

INCOME_KEYS = ("total_revenue", "total_operating_expenses", "operating_income", "net_income", "eps_basic", "eps_diluted")
BALANCE_KEYS = ("cash", "total_assets", "total_liabilities", "total_equity")
COLUMNS = ("current", "prior")
PER_SHARE_KEYS = frozenset(("eps_basic", "eps_diluted"))
PERIOD_FIELDS = ("end", "fiscal_year", "fiscal_quarter")


def figure_ids() -> list[str]:
    """Every contract figure id, in the contract's order."""
    return [
        f"{section}.{column}.{key}"
        for section, keys in (("income", INCOME_KEYS), ("balance", BALANCE_KEYS))
        for column in COLUMNS
        for key in keys
    ]


def is_money(figure_id: str) -> bool:
    """A figure in dollars (scaled by a table's units), not per share."""
    return figure_id.rpartition(".")[2] not in PER_SHARE_KEYS


@dataclass(frozen=True)
class Expected:
    """The figures a correct reading gives.

    `figures` maps a figure id to the values accepted for it (the labelled one and any
    defensible alternates), or to None when the filing does not print it (a value given is
    wrong). Ids missing from `figures` are not scored; `skipped` says why for each.
    `period` holds what is known of the reported period: "end" (ISO date), "fiscal_year",
    "fiscal_quarter".
    """

    name: str
    figures: dict[str, frozenset[Decimal] | None]
    period: dict[str, str | int] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)
    # Money figures whose scale the filing no longer states (a transformation deleted the
    # units caption): a wrong value there is acceptable only when flagged.
    unknowable: frozenset[str] = frozenset()
