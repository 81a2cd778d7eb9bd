"""Expected figures from a labels.json of hand-checked filings (tests/fixtures/filings).

Each entry gives a filing's key figures in its own `units`, the statements' current and
prior columns, `alternates` (other values a careful reader could defend) and the period's
end, fiscal year and fiscal quarter. A figure not printed by the filing is left out there,
which here means a value given for it is wrong.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from reportgen.accuracy.expected import BALANCE_KEYS, COLUMNS, INCOME_KEYS, PER_SHARE_KEYS, Expected

SCALES = {"dollars": 1, "thousands": 1_000, "millions": 1_000_000, "billions": 1_000_000_000}


@dataclass(frozen=True)
class Labelled:
    """One labelled filing: where it is and what it should read as."""

    path: Path
    expected: Expected
    entry: dict[str, Any]  # the labels.json entry, for transformations that need its labels


def load_labels(labels_file: Path) -> list[Labelled]:
    """Every filing of a labels.json, with its expected figures, in the file's order."""
    entries: dict[str, dict[str, Any]] = json.loads(labels_file.read_text(encoding="utf-8"))
    return [Labelled(labels_file.parent / entry["file"], expected(name, entry), entry) for name, entry in entries.items()]


def expected(name: str, entry: dict[str, Any]) -> Expected:
    """The expected figures of one labels.json entry, in dollars."""
    scale = SCALES[entry["units"]]
    figures: dict[str, frozenset[Decimal] | None] = {}
    for section, keys in (("income", INCOME_KEYS), ("balance", BALANCE_KEYS)):
        for column in COLUMNS:
            given = entry.get(section, {}).get(column, {})
            for key in keys:
                fid = f"{section}.{column}.{key}"
                if key not in given:
                    figures[fid] = None
                    continue
                values = [given[key], *entry.get("alternates", {}).get(fid, [])]
                figures[fid] = frozenset(_dollars(v, key, scale) for v in values)
    period: dict[str, str | int] = {}
    for field, key in (("end", "period_end"), ("fiscal_year", "fiscal_year"), ("fiscal_quarter", "fiscal_quarter")):
        if key in entry:
            period[field] = entry[key]
    return Expected(name=name, figures=figures, period=period)


def _dollars(value: float | int, key: str, scale: int) -> Decimal:
    """A labelled value in dollars; per-share values are never scaled."""
    number = Decimal(str(value))
    return number if key in PER_SHARE_KEYS else number * scale
