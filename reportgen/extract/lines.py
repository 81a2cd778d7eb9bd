"""Statement line labels to canonical keys, and what kind of quantity a line measures.

Labels are matched after normalising case, apostrophes, hyphens and footnote markers; a
line's section heading ("Operating expenses:") completes labels such as "Total" or "Basic".
"""

from __future__ import annotations

import re
from functools import lru_cache

from reportgen.model import LineKind
from reportgen.vocabulary import BALANCE_WORDINGS, INCOME_WORDINGS, NOT_GAAP, worded_as

WORDED = 5  # a key read from a label's words in another order ranks below the exact wordings

INCOME_KEYS = (
    "total_revenue", "cost_of_revenue", "gross_profit", "total_operating_expenses",
    "operating_income", "income_before_taxes", "income_tax", "net_income",
    "eps_basic", "eps_diluted", "eps_basic_diluted", "shares_basic", "shares_diluted",
    "shares_basic_diluted", "net_interest_income", "noninterest_income",
    "revenue_component", "expense_component",
)
BALANCE_KEYS = (
    "cash", "total_assets", "total_liabilities", "total_equity", "total_liabilities_and_equity",
)
# "revenue_component" and "expense_component" are the keys several lines may carry.
# Banks print no revenue line: their total of non-interest expense is the operating total,
# so `noninterest_expense` is read from the line keyed `total_operating_expenses`.
ALIASES = {"noninterest_expense": "total_operating_expenses"}

_MARKERS = re.compile(
    r"\s*\((?:\d{1,2}|[a-z])(?:\s*(?:,|and)\s*(?:\d{1,2}|[a-z]))*\)(?=\s|$|:)|\*+|[\u2020\u2021\u00a7]"
)
# A remark in parentheses that states figures: amounts, share counts or dates inside a label.
_FIGURES_SAID = re.compile(r"\s*\((?=[^()]*\d)[^()]{4,}\)")
_LEADERS = re.compile(r"(?:[._=]\s?){2,}")
_NOTE = re.compile(r"\s*\((?:see )?notes?(?: [\w ,&]+)?\)", re.I)
# "Net income as reported", "Net income (GAAP)": the statement's own line, qualified.
_QUALIFIER = re.compile(r"[\s,]*(?:\(?as reported\)?|\(gaap\)|\bgaap basis)$")

_REVENUE = re.compile(
    r"^(?:total )?(?:net )?(?:operating )?(?:sales|revenues?)(?: and other (?:income|revenues?))?(?:,? net(?: of [a-z ,]+)?)?$"
    r"|^total (?:net )?(?:sales|revenues?) and other income$"
    r"|^(?:total )?(?:net )?sales and (?:other )?(?:operating )?revenues?$"
)
_COST = re.compile(r"^(?:total )?costs? of (?:net )?(?:revenues?|sales|goods sold|products sold|products)")
_GROSS = re.compile(r"^gross (?:profit|margin)(?: \((?:loss|profit)\))?$")
_OPEX = re.compile(
    r"^total (?:operating )?(?:costs? and )?expenses$|^total operating costs(?: and expenses)?$"
    r"|^total costs and operating expenses$|^total noninterest expenses?$|^total other operating expenses$"
    r"|^total operating expenses, net$"
)
_OPEX_SECTION = re.compile(r"^(?:operating )?(?:costs and )?expenses$|^operating costs and expenses$|^noninterest expenses?$")
_REVENUE_SECTION = re.compile(r"^(?:net )?(?:revenues?|sales)(?: and other income)?$")
_OPERATING = re.compile(
    r"^(?:total )?(?:\((?:loss|income)\) )?(?:income|loss|earnings|profit)(?: \((?:loss|income)\))? from operations$"
    r"|^operating (?:\((?:loss|income)\) )?(?:income|loss|profit|earnings)(?: \((?:loss|income)\))?$"
)
_PRETAX = re.compile(r"before (?:provision for |benefit from |\(?provision\)? )?(?:\(?benefit\)? )?(?:for )?(?:income )?tax")
_TAX = re.compile(
    r"^(?:\(?provision\)?|\(?benefit\)?|income tax|income taxes|taxes on income|tax)"
    r"(?:[ /(),]*(?:benefit|provision|expense|for|from|on|income|taxes?|\(|\)|net))*$"
)
_NET = re.compile(
    r"^(?:consolidated )?net (?:\((?:loss|income)\) )?(?:income|loss|earnings|profit|\(loss\))(?: \((?:loss|income)\))?(?: \(loss\))?"
    r"(?: (?:attributable|applicable|available) to (?P<who>.+))?$"
)
_NET_INTEREST = re.compile(r"^net interest income(?: \(loss\))?$")
_NONINTEREST_INCOME = re.compile(r"^total noninterest income$|^total other income$")
_PER_SHARE = re.compile(r"per (?:common |ordinary |basic |diluted )?(?:share|unit)|\beps\b|per share")
_SHARES = re.compile(
    r"shares|weighted average|average (?:number|common)|common stock equivalents|share count"
)
_CASH = re.compile(r"^cash\b")
_TOTAL_ASSETS = re.compile(r"^total assets$")
_TOTAL_LIABILITIES = re.compile(r"^total liabilities$")
_EQUITY_RANKS = (
    re.compile(
        r"^total (?:[\w.,]+ )*(?:shareholders|stockholders|shareowners|share owners|partners|members)'?s?'? "
        r"(?:equity|investment|capital)(?: \((?:deficit|deficiency)\))?$"
    ),
    re.compile(r"^total (?:\w+ )?equity(?: \((?:deficit|deficiency)\))?$"),
    re.compile(r"^(?:shareholders|stockholders|shareowners)'?s?'? (?:equity|investment)(?: \((?:deficit|deficiency)\))?$"),
    re.compile(r"^equity$"),
)
_TLE = re.compile(r"^total liabilities(?:,| and).*(?:equity|investment|capital|deficit|deficiency)")
_JOINED_HYPHEN = re.compile(r"(?<=[a-z])-(?=[a-z])")
_DASHES = re.compile(r"[\u2013\u2014-]+")
_BASIC_DILUTED = re.compile(r"\bbasic\s*/\s*diluted\b")
_SLASH = re.compile(r"\s*/\s*")


@lru_cache(maxsize=8192)
def normalize(label: str) -> str:
    """A label reduced for matching.

    >>> normalize("Total shareholders\\u2019 equity (1)")
    "total shareholders' equity"
    >>> normalize("Total non-interest expense:")
    'total noninterest expense'
    >>> normalize("Sales (C & E)")
    'sales'
    >>> normalize("Net income per share - Basic")
    'net income per share basic'
    """
    text = label.lower().replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")
    if "__" in text or ".." in text or ". ." in text or "==" in text:
        text = _LEADERS.sub(" ", text)  # "Total ........ " and "Net sales ______": leaders, not words
    text = text.replace("&", " and ")
    # Each substitution runs only where a character its every match holds occurs: most labels
    # hold no parenthesis, star, dagger, dash or slash, and are spared six regex scans.
    if "(" in text:
        text = _NOTE.sub("", text)
        text = _FIGURES_SAID.sub("", text)  # "(includes restricted cash of $5)", "(31,228 shares at ...)"
    if "(" in text or "*" in text or "\u2020" in text or "\u2021" in text or "\u00a7" in text:
        text = _MARKERS.sub("", text)
    if "-" in text:
        text = _JOINED_HYPHEN.sub("", text)
    if "-" in text or "\u2013" in text or "\u2014" in text:
        text = _DASHES.sub(" ", text)
    if "/" in text:
        text = _BASIC_DILUTED.sub("basic and diluted", text)
        text = _SLASH.sub(" ", text)  # "income/ (loss)", "(loss)/ income": a separator
    text = " ".join(text.split()).strip(" :;,.")
    if "reported" in text or "gaap" in text:
        text = _QUALIFIER.sub("", text)
    return text.strip(" :;,.")


_PERCENT_WORD = re.compile(r"\b(?:percent|ratio)\b")


@lru_cache(maxsize=8192)  # every candidate table's rows are classified for each statement kind
def line_kind(label: str, heading: str = "") -> LineKind:
    """Money, per-share, share count or percent, from the label and its heading.

    >>> line_kind("Shares used in computing basic earnings (loss) per share").value
    'shares'
    >>> line_kind("Net loss per common share, basic and diluted").value
    'per_share'
    >>> line_kind("Basic", "Shares used in computing earnings per share (in thousands)").value
    'shares'
    >>> line_kind("Basic", "Earnings per common share").value
    'per_share'
    """
    own = normalize(label)
    head = normalize(heading)
    if "par value" in own or "stated value" in own or "stated value" in head:
        return LineKind.AMOUNT  # "Common stock, par value $1.00 per share": the stock's carrying amount
    if "%" in label or (("percent" in own or "ratio" in own) and _PERCENT_WORD.search(own)):
        return LineKind.PERCENT
    if _is_share_count(own):
        return LineKind.SHARES
    if _per_share(own):
        return LineKind.PER_SHARE
    if own.startswith(("basic", "diluted", "assuming dilution")) or own in {"common stock equivalents"}:
        if _is_share_count(head):
            return LineKind.SHARES
        if _per_share(head) or "earnings" in head:
            return LineKind.PER_SHARE
    if head and _per_share(head) and not _is_share_count(head):
        return LineKind.PER_SHARE  # lines under "Earnings per common share--basic:"
    return LineKind.AMOUNT


_SHARE_COUNT = re.compile(
    r"shares used|shares outstanding|outstanding shares|weighted[ -]?average|average (?:number of )?(?:common )?shares"
    r"|number of (?:common )?shares|share count|shares (?:\(in|in thousands|in millions)|"
    r"shares (?:used|issued and outstanding) in"
)


_SHARES_WORD = re.compile(r"\bshares\b")
# A label that states a number of shares itself: a stock line of the balance sheet.
_SHARES_STATED = re.compile(r"\d[\d,.]*(?: and [\d,.]+)? (?:\w+ )?shares\b")


def _is_share_count(text: str) -> bool:
    """Labels of share counts: "Weighted average shares", "Shares used in computing ..."."""
    # Substring tests stand for the regexes where they are the same test, or must pass first.
    if "par value" in text or "authorized" in text or "stock," in text or "equity" in text:
        return False  # a stock line of the balance sheet, which states share counts in words
    if text in _STOCK_LINES:
        return False  # "Common shares  $ 323": the stock's carrying amount, as "Common stock" is
    if _SHARES_STATED.search(text):
        return False  # "Class B — 1,186 and 1,205 shares outstanding": a stock line saying its shares
    if ("share" in text or "weighted" in text) and _SHARE_COUNT.search(text):
        return True
    return "shares" in text and bool(_SHARES_WORD.search(text)) and not _per_share(text) and "issued" not in text


def _per_share(text: str) -> bool:
    """`_PER_SHARE.search`, tried only where "per " or "eps" (in every match) occurs."""
    return ("per " in text or "eps" in text) and _PER_SHARE.search(text) is not None


_STOCK_LINES = frozenset(("common shares", "preferred shares", "preference shares", "ordinary shares"))


_MINORITY = re.compile(r"noncontrolling|non controlling|minority")
_TO_HOLDERS = re.compile(r"\b(?:applicable|available) to\b")
_COMMON_OR_PREFERRED = re.compile(r"\bcommon\b|preferred")


@lru_cache(maxsize=8192)
def income_key(label: str, heading: str, kind: LineKind) -> tuple[str | None, int]:
    """(canonical key, rank) of an income-statement line; lower rank wins among duplicates."""
    own = normalize(label)
    head = normalize(heading)
    if NOT_GAAP.search(own) or NOT_GAAP.search(head):
        return None, 9  # an adjusted, non-GAAP, pro forma or segment figure is not the statement's
    if "comprehensive" in own:
        return None, 9  # other comprehensive income is below the statement of operations' bottom line
    if kind is LineKind.PER_SHARE:
        return _eps_key(own, head)
    if kind is LineKind.SHARES:
        both = "basic and diluted" in own or "basic and diluted" in head
        if both:
            return "shares_basic_diluted", 1
        if "dilut" in own or (not own.startswith("basic") and "dilut" in head and "basic" not in own):
            return "shares_diluted", 1
        if "basic" in own or "basic" in head:
            return "shares_basic", 1
        return "shares_basic", 3  # one unqualified count: the basic one
    if kind is LineKind.PERCENT:
        return None, 9
    if _REVENUE.match(own) or (own in {"total", ""} and _REVENUE_SECTION.match(head)):
        return "total_revenue", 0 if own.startswith("total") or own == "" else 1
    if _COST.match(own):
        return "cost_of_revenue", 1
    if _GROSS.match(own):
        return "gross_profit", 1
    if _OPEX.match(own) or (own in {"total", ""} and _OPEX_SECTION.match(head)):
        return "total_operating_expenses", 1
    if _OPEX_SECTION.match(own):
        return "total_operating_expenses", 2  # one summary line "Operating expenses  8,000"
    if _OPERATING.match(own):
        return "operating_income", 1
    if _PRETAX.search(own) and "per share" not in own:
        return "income_before_taxes", 1 if "continuing" not in own else 2
    if _TAX.match(own) and "tax" in own:
        return "income_tax", 1
    net = _NET.match(own)
    if net:
        who = net.group("who") or ""
        if _MINORITY.search(who):
            return None, 9
        if _TO_HOLDERS.search(own) and _COMMON_OR_PREFERRED.search(who):
            return "net_income", 2  # after preferred dividends: the company's own line comes first
        return "net_income", 0 if who else 1
    if _NET_INTEREST.match(own):
        return "net_interest_income", 1
    if _NONINTEREST_INCOME.match(own):
        return "noninterest_income", 1
    worded = worded_as(own, INCOME_WORDINGS)
    return (worded, WORDED) if worded else (None, 9)


_SPECIAL_EPS = re.compile(r"continuing|discontinued|before|extraordinary|cumulative")
_NOT_EPS = re.compile(r"dividend|book value|cash flow")


def _eps_key(own: str, head: str) -> tuple[str | None, int]:
    """EPS lines: basic, diluted or both; net-income lines before continuing-operations ones."""
    text = f"{head} {own}"
    rank = 2 if _SPECIAL_EPS.search(own) else 1
    if _NOT_EPS.search(own):
        return None, 9
    if "basic and diluted" in text or "basic and assuming dilution" in text:
        return "eps_basic_diluted", rank
    if "dilut" in own or ("dilut" in head and "basic" not in own):
        return "eps_diluted", rank
    if "basic" in own or "basic" in head:
        return "eps_basic", rank
    return "eps_basic", rank + 2


@lru_cache(maxsize=8192)
def balance_key(label: str, heading: str, kind: LineKind) -> tuple[str | None, int]:
    """(canonical key, rank) of a balance-sheet line; lower rank wins among duplicates."""
    own = normalize(label)
    if kind is not LineKind.AMOUNT:
        return None, 9
    if _CASH.match(own):
        return "cash", 1
    if _TOTAL_ASSETS.match(own):
        return "total_assets", 1
    if _TOTAL_LIABILITIES.match(own):
        return "total_liabilities", 1
    if _TLE.match(own):
        return "total_liabilities_and_equity", 1
    for rank, pattern in enumerate(_EQUITY_RANKS):
        if pattern.match(own) and "liabilities" not in own:
            return "total_equity", rank
    worded = worded_as(own, BALANCE_WORDINGS)
    return (worded, WORDED) if worded else (None, 9)


def is_total_label(label: str) -> bool:
    """A label that announces a total ("Total", "Total revenues") or an unlabeled sum."""
    own = normalize(label)
    return own == "" or own.startswith("total") or own.startswith("subtotal")


def is_deduction(label: str) -> bool:
    """A line printed as a positive amount to be subtracted ("Less: accumulated depreciation")."""
    return normalize(label).startswith(("less ", "less:", "deduct"))


def is_revenue_section(heading: str) -> bool:
    """A heading such as "Revenues:" or "Net sales:"."""
    return bool(_REVENUE_SECTION.match(normalize(heading)))


def is_expense_section(heading: str) -> bool:
    """A heading such as "Operating expenses:" or "Costs and expenses:"."""
    return bool(_OPEX_SECTION.match(normalize(heading)))
