"""Score a parse against what was expected: right, wrong, silently wrong, missing, flagged."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from reportgen.accuracy.expected import PERIOD_FIELDS, Expected, figure_ids

# Outcomes of one scored figure.
CORRECT = "correct"  # the accepted value, not flagged
CORRECT_FLAGGED = "correct_flagged"  # the accepted value, but listed as unverified
WRONG_FLAGGED = "wrong_flagged"  # another value (or one the filing does not print), flagged
SILENT = "silently_wrong"  # another value, not flagged: the worst outcome
MISSING = "missing"  # null where the filing prints the figure
ABSENT_OK = "absent_ok"  # null where the filing prints none
WRONG = "wrong"  # a period field read otherwise (periods carry no flag)
OUTCOMES = (CORRECT, CORRECT_FLAGGED, WRONG_FLAGGED, SILENT, MISSING, ABSENT_OK, WRONG)


@dataclass(frozen=True)
class Outcome:
    """One figure or period field, as read against as expected."""

    id: str  # "income.current.net_income" or "period.fiscal_quarter"
    outcome: str
    got: str | None
    want: tuple[str, ...] | None  # accepted values; None: the filing prints none
    flagged: bool = False
    unknowable: bool = False  # the filing no longer states this figure's scale


@dataclass(frozen=True)
class Score:
    """Every scored outcome of one filing (in one layout)."""

    name: str
    variant: str
    outcomes: tuple[Outcome, ...]
    error: str | None = None

    def count(self) -> Counter[str]:
        """How many outcomes of each kind."""
        return Counter(o.outcome for o in self.outcomes)

    def misses(self) -> list[Outcome]:
        """The outcomes that are not right: wrong, silently wrong, missing, and right but flagged."""
        return [o for o in self.outcomes if o.outcome not in (CORRECT, ABSENT_OK)]


def score(expected: Expected, variant: str, contract: dict[str, Any] | None, error: str | None = None) -> Score:
    """Score a contract object (None when the parse failed, with its error) against `expected`."""
    got = _figures(contract) if contract is not None else {}
    flagged = set(contract.get("unverified", [])) if contract is not None else set()
    outcomes: list[Outcome] = []
    for fid in figure_ids():
        if fid not in expected.figures:
            continue
        accepted = expected.figures[fid]
        value = got.get(fid)
        outcomes.append(_figure_outcome(fid, value, accepted, fid in flagged, fid in expected.unknowable))
    period = (contract or {}).get("period") or {}
    for name in PERIOD_FIELDS:
        if name in expected.period:
            outcomes.append(_period_outcome(name, period.get(name), expected.period[name]))
    return Score(expected.name, variant, tuple(outcomes), error)


def _figure_outcome(
    fid: str, value: Decimal | None, accepted: frozenset[Decimal] | None, flagged: bool, unknowable: bool
) -> Outcome:
    """The outcome of one figure."""
    want = tuple(sorted(_text(v) for v in accepted)) if accepted is not None else None
    shown = _text(value) if value is not None else None
    if value is None:
        kind = ABSENT_OK if accepted is None else MISSING
    elif accepted is not None and value in accepted:
        kind = CORRECT_FLAGGED if flagged else CORRECT
    else:
        kind = WRONG_FLAGGED if flagged else SILENT
    return Outcome(fid, kind, shown, want, flagged, unknowable)


def _period_outcome(name: str, value: Any, expected: str | int) -> Outcome:
    """The outcome of one period field: its end date, fiscal year or fiscal quarter."""
    shown = None if value is None else str(value)
    kind = MISSING if value is None else (CORRECT if str(value) == str(expected) else WRONG)
    return Outcome(f"period.{name}", kind, shown, (str(expected),))


def _figures(contract: dict[str, Any]) -> dict[str, Decimal | None]:
    """Per contract figure id, the value given (None where null or unreadable)."""
    out: dict[str, Decimal | None] = {}
    for section, member in (("income", "figures"), ("balance", "balance_sheet")):
        for column, values in (contract.get(member) or {}).items():
            for key, text in (values or {}).items():
                out[f"{section}.{column}.{key}"] = _decimal(text)
    return out


def _decimal(text: Any) -> Decimal | None:
    """A contract amount as a Decimal; None for null, dates and anything unreadable."""
    if not isinstance(text, str):
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def _text(value: Decimal) -> str:
    """A Decimal without exponent or trailing zeros, as the contract prints amounts."""
    return format(value.normalize(), "f")


@dataclass(frozen=True)
class Tally:
    """Totals over several scores, in the report's terms."""

    printed: int = 0  # figures the filings print: the denominator of accuracy
    correct: int = 0  # read as printed, flagged or not
    wrong: int = 0  # read as another value, flagged or not
    missing: int = 0  # printed but not read
    invented: int = 0  # a value given for a figure the filing does not print
    silent: int = 0  # wrong or invented, and not flagged: the worst outcome
    correct_flagged: int = 0
    excused: int = 0  # flagged or null where the scale cannot be known: what is asked there
    errors: int = 0  # filings that did not parse

    @property
    def knowable(self) -> int:
        """Printed figures less those whose scale cannot be known."""
        return self.printed - self.excused


def tally(scores: list[Score], period: bool | None = None) -> Tally:
    """Totals of figures (period fields apart when `period` is False, alone when True)."""
    counts: Counter[str] = Counter()
    for s in scores:
        for o in s.outcomes:
            if period is not None and o.id.startswith("period.") != period:
                continue
            printed = o.want is not None
            counts["printed"] += printed
            if o.outcome in (CORRECT, CORRECT_FLAGGED):
                counts["correct"] += 1
            elif o.outcome in (WRONG_FLAGGED, SILENT, WRONG):
                counts["wrong" if printed else "invented"] += 1
            elif o.outcome == MISSING:
                counts["missing"] += 1
            counts["silent"] += o.outcome == SILENT
            counts["correct_flagged"] += o.outcome == CORRECT_FLAGGED
            counts["excused"] += o.unknowable and o.outcome in (WRONG_FLAGGED, MISSING)
    return Tally(errors=sum(1 for s in scores if s.error), **counts)
