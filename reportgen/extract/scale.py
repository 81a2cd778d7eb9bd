"""What states a statement's scale when its table prints no units caption.

Every arithmetic check still holds when each amount is multiplied by a thousand, so the
scale needs evidence of its own: the amounts the filing's sentences state ("revenues of
$11.4 million", "net income of $5,607,000") and the filer's inline XBRL facts. Each is a
vote for the scale at which the table's printed numbers say the same; the votes are counted
over the whole document, and a scale no vote supports is left unstated (the figures are
then flagged), never assumed.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal

from reportgen.extract.ixbrl import XbrlDocument
from reportgen.model import LineKind, Statement
from reportgen.vocabulary import SCALES

# "$11.4 million", "$5,607,000", "$ 2.1 billion"; not "$0.39 per diluted share".
_STATED = re.compile(
    r"\$\s?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?:\s*(?P<unit>thousand|million|billion)s?\b)?"
    r"(?!\s*(?:per|a)\s+(?:basic\s+|diluted\s+|common\s+|and\s+)*share)",
    re.I,
)
_UNIT_EXPONENT = {"thousand": 3, "million": 6, "billion": 9}
_MIN_PRINTED = 10  # a printed number below this says too little to vote on a scale
_SPELLED_OUT = Decimal(1_000_000)  # a bare amount says its own scale only when spelled out this far


@dataclass(frozen=True)
class Stated:
    """An amount the text states, in dollars, with the precision it is stated to."""

    value: Decimal
    quantum: Decimal  # 100,000 for "$11.4 million", 1 for "$5,607,000"


def stated_amounts(text: str) -> list[Stated]:
    """The dollar amounts a text states (per-share amounts left out).

    >>> [(f"{s.value:f}", str(s.quantum)) for s in stated_amounts("revenue of $11.4 million; $0.39 per share; $5,607,000; $39")]
    [('11400000', '1E+5'), ('5607000', '1')]
    """
    out: list[Stated] = []
    for m in _STATED.finditer(text):
        number = m.group("num").replace(",", "")
        exponent = _UNIT_EXPONENT.get((m.group("unit") or "").lower(), 0)
        if not exponent and Decimal(number) < _SPELLED_OUT:
            continue  # "$39": in a 10-Q's notes often millions unsaid; not evidence of a scale
        places = len(number.split(".")[1]) if "." in number else 0
        out.append(Stated(Decimal(number).scaleb(exponent), Decimal(1).scaleb(exponent - places)))
    return out


def printed_money(statements: Iterable[Statement]) -> list[Decimal]:
    """The numbers the statements print on their money lines, as printed (unscaled)."""
    out: list[Decimal] = []
    for statement in statements:
        for line in statement.lines:
            if line.kind is not LineKind.AMOUNT:
                continue
            for amount in line.values:
                if amount is not None and abs(amount.value) >= _MIN_PRINTED * amount.scale:
                    out.append(amount.value / amount.scale)
    return out


def _rounded(value: Decimal, quantum: Decimal) -> Decimal:
    """A value rounded to a quantum, as a stated amount rounds it."""
    return (value / quantum).quantize(Decimal(1), rounding=ROUND_HALF_UP) * quantum


def text_votes(printed: list[Decimal], stated: list[Stated]) -> Counter[int]:
    """Per scale, how many stated amounts some printed number says at that scale."""
    votes: Counter[int] = Counter()
    magnitudes = {abs(n) for n in printed}
    for amount in stated:
        for scale in SCALES:
            if any(_rounded(n * scale, amount.quantum) == amount.value for n in magnitudes if n * scale >= amount.quantum):
                votes[scale] += 1
    return votes


def xbrl_votes(printed: list[Decimal], xbrl: XbrlDocument | None) -> Counter[int]:
    """Per scale, how many of the filer's tagged amounts some printed number equals at that scale."""
    votes: Counter[int] = Counter()
    if xbrl is None:
        return votes
    magnitudes = {abs(n) for n in printed}
    tagged = {abs(f.value) for f in xbrl.facts if f.value is not None and f.unit and "shar" not in f.unit.lower()}
    for value in tagged:
        for scale in SCALES:
            if value and value / scale in magnitudes:
                votes[scale] += 1
    return votes


@dataclass(frozen=True)
class ScaleEvidence:
    """The scale the evidence supports, and what it is."""

    scale: int | None  # None: nothing supports one scale over the others
    basis: str  # "text" or "xbrl"
    detail: str


def weigh(printed: list[Decimal], text: str, xbrl: XbrlDocument | None) -> ScaleEvidence:
    """The scale the tagged facts support, else the one the text's amounts support; a
    scale wins only with more votes than any other."""
    for basis, votes in (("xbrl", xbrl_votes(printed, xbrl)), ("text", text_votes(printed, stated_amounts(text)))):
        ranked = votes.most_common(2)
        if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
            scale, count = ranked[0]
            what = "tagged facts" if basis == "xbrl" else "amounts stated in the text"
            return ScaleEvidence(scale, basis, f"{count} {what} agree with the table read at x{scale:,}")
    return ScaleEvidence(None, "", "no units caption, and nothing the filing states agrees with one scale")


def rescaled(statement: Statement, scale: int, basis: str) -> Statement:
    """The statement with its money lines read at another scale (per-share and share lines
    keep theirs)."""
    factor = Decimal(scale) / Decimal(statement.scale) if statement.scale else Decimal(scale)
    lines = []
    for line in statement.lines:
        if line.kind is LineKind.AMOUNT and factor != 1:
            values = tuple(
                replace(v, value=v.value * factor, scale=scale) if v is not None else None for v in line.values
            )
            line = replace(line, values=values)
        lines.append(line)
    return replace(statement, lines=tuple(lines), scale=scale, scale_basis=basis)
