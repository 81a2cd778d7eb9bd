"""The labelled fixture filings and their expected figures, shared by the corpus test and
the accuracy summary (labels.json gives figures in each filing's own units)."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures" / "filings"
SCALES = {"dollars": 1, "thousands": 1_000, "millions": 1_000_000, "billions": 1_000_000_000}
INCOME = ("total_revenue", "total_operating_expenses", "operating_income", "net_income", "eps_basic", "eps_diluted")
BALANCE = ("cash", "total_assets", "total_liabilities", "total_equity")


def labels() -> dict[str, dict]:
    """labels.json as a dict keyed by filing id."""
    return json.loads((FIXTURES / "labels.json").read_text(encoding="utf-8"))


def expected(entry: dict) -> dict[str, set[Decimal] | None]:
    """Per contract figure id, the accepted values in dollars (None: not printed)."""
    scale = SCALES[entry["units"]]
    out: dict[str, set[Decimal] | None] = {}
    for section, keys in (("income", INCOME), ("balance", BALANCE)):
        for column in ("current", "prior"):
            given = entry.get(section, {}).get(column, {})
            for key in keys:
                fid = f"{section}.{column}.{key}"
                if key not in given:
                    out[fid] = None
                    continue
                values = [given[key]] + entry.get("alternates", {}).get(fid, [])
                out[fid] = {_dollars(v, key, scale) for v in values}
    return out


def _dollars(value: float | int, key: str, scale: int) -> Decimal:
    """A labelled value in dollars; per-share values are never scaled."""
    number = Decimal(str(value))
    return number if key.startswith("eps") else number * scale


def actual(contract: dict) -> dict[str, Decimal | None]:
    """Per contract figure id, the value the parser gave."""
    out: dict[str, Decimal | None] = {}
    for section, member, keys in (("income", "figures", INCOME), ("balance", "balance_sheet", BALANCE)):
        for column in ("current", "prior"):
            values = contract[member][column]
            for key in keys:
                text = values.get(key)
                out[f"{section}.{column}.{key}"] = Decimal(text) if text is not None else None
    return out
