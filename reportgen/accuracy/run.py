"""Parse a filing the way `reportgen parse --json` does, and score what it gives."""

from __future__ import annotations

import time
from dataclasses import replace
from typing import Any

from reportgen.accuracy.expected import Expected
from reportgen.accuracy.score import Score, score
from reportgen.contract import to_contract
from reportgen.errors import ReportgenError
from reportgen.parse import parse_bytes


def contract_of(data: bytes, name: str) -> tuple[dict[str, Any] | None, str | None]:
    """The contract object of a filing's bytes, or None and the one-line error."""
    try:
        return to_contract(parse_bytes(data, name)), None
    except ReportgenError as error:
        return None, str(error)


def scored(expected: Expected, variant: str, data: bytes, name: str) -> tuple[Score, float]:
    """Parse and score one layout of a filing; also the CPU seconds the parse took."""
    started = time.process_time()
    contract, error = contract_of(data, name)
    seconds = time.process_time() - started
    return score(expected, variant, contract, error), seconds


def unknowable_scale(expected: Expected) -> Expected:
    """The same expectations for a layout whose units caption is gone: money figures can no
    longer be known from the table, so they must come out flagged or null."""
    money = frozenset(fid for fid, v in expected.figures.items() if v is not None and not fid.endswith(("eps_basic", "eps_diluted")))
    return replace(expected, unknowable=money)
