"""A statement printed without a units caption: read at the scale the filing states elsewhere,
or read as printed with every money figure flagged."""

from __future__ import annotations

from decimal import Decimal

from reportgen.contract import to_contract
from reportgen.parse import parse_bytes

RELEASE = """\
FORM 8-K
SECURITIES AND EXCHANGE COMMISSION

{sentence}

                   STATEMENTS OF OPERATIONS
                                    Three Months Ended September 30,
                                        2007            2006
Total revenues                      $ 11,425        $  7,770
Total operating expenses              13,258          14,859
Loss from operations                  (1,833)         (7,089)
Other income, net                        813             846
Loss before taxes                     (1,020)         (6,243)
Income tax expense                        12              10
Net loss                            $ (1,032)       $ (6,253)
Net loss per share, basic and diluted $ (0.02)      $ (0.16)
Weighted average shares, basic and diluted 42,765     39,890
"""


def test_the_scale_the_text_states_is_the_tables() -> None:
    text = "Total revenues for the quarter were $11.4 million, against $7.8 million a year earlier."
    filing = parse_bytes(RELEASE.format(sentence=text).encode(), "release.txt")
    assert filing.income.value("total_revenue", 0).value == Decimal(11425000)
    assert filing.income.scale_basis == "text"
    units = [c for c in filing.checks if "units are stated" in c.name]
    assert [(c.passed, c.detail) for c in units] == [
        (True, "no units caption; read at x1,000 from the amounts the filing's text states")
    ]
    assert to_contract(filing)["unverified"] == []


def test_with_nothing_stating_the_scale_every_money_figure_is_flagged() -> None:
    filing = parse_bytes(RELEASE.format(sentence="The company reported its results.").encode(), "release.txt")
    assert filing.income.value("total_revenue", 0).value == Decimal(11425)  # as printed, never guessed
    assert any("nothing states its scale" in w for w in filing.warnings)
    unverified = to_contract(filing)["unverified"]
    assert "income.current.total_revenue" in unverified and "income.prior.net_income" in unverified
    assert "income.current.eps_basic" not in unverified  # per-share figures carry no scale
    (units,) = [c for c in filing.checks if "units are stated" in c.name]
    assert not units.passed and "income.current.eps_basic" not in units.figures
