"""The words of financial statements, in one place: figure ids, units captions and scales.

Every reader that must recognise a phrase takes its pattern from here, so a wording learnt
once is learnt everywhere. Words are soft evidence: the arithmetic decides what a line is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# The contract's figures (CONTRACT.md): per statement, its keys; per key, two columns. A
# figure id reads "income.current.net_income".
INCOME_FIGURES = (
    "total_revenue", "total_operating_expenses", "operating_income", "net_income", "eps_basic", "eps_diluted",
)
BALANCE_FIGURES = ("cash", "total_assets", "total_liabilities", "total_equity")
COLUMNS = ("current", "prior")
PER_SHARE_FIGURES = frozenset(("eps_basic", "eps_diluted"))

# A units caption opens a line or a parenthesis: "(Dollars in thousands, except ...)",
# "In millions", "($000)", "(unaudited, in 000s". Prose "(revenue of $10 million)" is not one.
UNITS = re.compile(
    r"(?:^|\()[ \t]*(?:unaudited[,;]?\s*)?(?:(?:u\.s\.\s+)?(?:dollars|amounts|figures|\$)\s*)?"
    r"(?:(?:are\s+)?(?:expressed\s+|stated\s+|presented\s+|reported\s+)?in\s+)?"
    r"(?:thousands|millions|billions|\$?\s?000'?s?)\b(?:[^()\n]|\([^()\n]*\))*",
    re.I | re.M,
)
# The multiplier each units word stands for, the largest first.
SCALE_WORDS = (
    (re.compile(r"billion", re.I), 1_000_000_000),
    (re.compile(r"million", re.I), 1_000_000),
    (re.compile(r"thousand|\b000'?s?\b|\$000", re.I), 1_000),
)
# The scales a table of money may be printed in.
SCALES = (1, 1_000, 1_000_000, 1_000_000_000)


def is_caption(text: str) -> bool:
    """A line that is a units caption and little else: "(In thousands, except per share data)".

    >>> is_caption("(In thousands, except per share data)"), is_caption("Net revenues (in thousands)")
    (True, False)
    >>> is_caption("(millions, except earnings per common share)")
    True
    """
    match = UNITS.search(text)
    return match is not None and len(match.group(0).strip("() ")) >= 0.8 * len(text.strip("() "))


def caption_scale(phrase: str) -> int:
    """The multiplier a units phrase states (1 when it states none).

    >>> caption_scale("in thousands, except per share amounts"), caption_scale("$000"), caption_scale("")
    (1000, 1000, 1)
    """
    return next((scale for pattern, scale in SCALE_WORDS if pattern.search(phrase)), 1)


# ---------------------------------------------------------------- line wordings

# Words that make a line someone else's figure: an adjusted, non-GAAP, pro forma or segment
# line is never the statement's own (however the rest of its label reads).
NOT_GAAP = re.compile(r"\bnon ?gaap\b|(?<!as )\badjusted\b|\bpro ?forma\b|\bexcluding\b|\bsegments?\b|\bone time\b")


@dataclass(frozen=True)
class Wording:
    """How a key line may be worded, as sets of words in any order: a label holding every
    word of one set, and none of `none_of`, may be the line. Soft evidence: the exact
    wordings (reportgen.extract.lines) come first, and the arithmetic confirms."""

    key: str
    any_of: tuple[frozenset[str], ...]
    none_of: frozenset[str] = frozenset()


def _sets(*groups: str) -> tuple[frozenset[str], ...]:
    return tuple(frozenset(group.split()) for group in groups)


INCOME_WORDINGS = (
    Wording("total_revenue", _sets("sales", "revenues", "revenue"), frozenset(
        "cost costs expense expenses deferred unearned per share tax taxes interest marketing selling percent "
        "returns allowances gross income margin".split()
    )),
    Wording("total_operating_expenses", _sets("total costs", "total expenses", "total deductions", "costs expenses total"),
            frozenset("income interest tax taxes per share nonoperating".split())),
    Wording("operating_income", _sets("operating income", "operating profit", "operating earnings", "operating loss",
                                      "from operations"),
            frozenset("before tax taxes per share non nonoperating other expenses expense costs margin continuing "
                      "discontinued net cash".split())),
    Wording("net_income", _sets("net income", "net earnings", "net loss", "net profit", "profit"),
            frozenset("per share before tax taxes operating operations interest noncontrolling minority comprehensive "
                      "gross continuing discontinued nonoperating".split())),
)
BALANCE_WORDINGS = (
    Wording("total_equity", _sets("total equity", "total deficit", "total deficiency", "equity total"),
            frozenset("liabilities per share noncontrolling minority".split())),
)


def words(label: str) -> frozenset[str]:
    """The words of a label, lower case, apostrophes dropped ("Stockholders' (deficit)" ->
    {"stockholders", "deficit"})."""
    return frozenset(re.findall(r"[a-z]+", label.lower().replace("'", "").replace("\u2019", "")))


def worded_as(label: str, wordings: tuple[Wording, ...]) -> str | None:
    """The key a label's words fit, if any (the first wording that fits)."""
    found = words(label)
    for wording in wordings:
        if not found & wording.none_of and any(group <= found for group in wording.any_of):
            return wording.key
    return None
