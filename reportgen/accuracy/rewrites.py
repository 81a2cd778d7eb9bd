"""What the layout transformations write into a filing: real statements' wordings of the key
lines, the distractor rows real releases print beside the GAAP ones, and figures printed in
the style of the one they stand next to. Shared by the text and the HTML transformations."""

from __future__ import annotations

import re
from decimal import Decimal

from reportgen.numbers import parse_amount

# Wordings of the key lines taken from real statements (the company named where one is).
WORDINGS: dict[str, dict[str, str]] = {
    "relabel_real_a": {
        "total_revenue": "Sales to customers",  # Johnson & Johnson
        "total_operating_expenses": "Total costs and other deductions",  # Exxon Mobil
        "operating_income": "Operating profit",  # Caterpillar
        "net_income": "Profit",  # Caterpillar
        "total_equity": "Total stockholders' (deficit) equity",
    },
    "relabel_real_b": {
        "total_revenue": "Net operating revenues",  # Coca-Cola
        "total_operating_expenses": "Total costs and expenses",
        "operating_income": "Earnings (loss) from operations",
        "net_income": "Net earnings (loss)",
        "total_equity": "Total shareowners' equity",  # Coca-Cola
    },
    "relabel_word_order": {
        "total_revenue": "Revenues, net",
        "total_operating_expenses": "Expenses, total",
        "operating_income": "(Loss) income from operations",
        "net_income": "Net (loss) income",
        "total_equity": "Equity, total shareholders'",
    },
}

# Rows a release prints next to its GAAP lines, by where they go: (the key line they stand
# beside, their label); "eps" is whichever EPS line the statement prints.
DISTRACTORS: dict[str, tuple[tuple[str, str], ...]] = {
    "above": (("net_income", "Non-GAAP net income"), ("eps", "Non-GAAP diluted earnings per share")),
    "below": (("net_income", "Adjusted net income (excluding one-time items)"),
              ("eps", "Adjusted diluted earnings per share")),
    "segment": (("operating_income", "Total segment operating profit"), ("net_income", "Pro forma net income")),
}


_NUMBER = re.compile(r"\(?-?\d[\d,]*(?:\.\d+)?\)?")


def shifted(text: str, factor: Decimal, plus: Decimal) -> str:
    """A figure printed like `text` (its "$", parentheses, commas and decimals) with another value."""
    found = list(_NUMBER.finditer(text))
    if not found:
        return text
    match = found[-1]
    number = match.group(0)
    value = parse_amount(number)
    if value is None:
        return text
    places = len(number.rstrip(")").split(".")[1]) if "." in number else 0
    new = (value * factor + plus).quantize(Decimal(1).scaleb(-places))
    body = f"{abs(new):,.{places}f}" if "," in number or (abs(new) >= 1000 and places == 0) else f"{abs(new):.{places}f}"
    if new < 0:
        body = f"({body})" if "(" in number else f"-{body}"
    return text[: match.start()] + body + text[match.end():]
