"""Checks: consistent tables verify their figures, inconsistent ones flag them, and ambiguous
rows are settled by the arithmetic."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from reportgen.contract import to_contract
from reportgen.parse import parse_bytes
from reportgen.validate import text_checks

SAMPLE = (Path(__file__).parent / "fixtures" / "filings" / "immunogen-2007q3-8k.txt").read_bytes()
PERICOM = (Path(__file__).parent / "fixtures" / "filings" / "pericom-2005q2-8k.txt").read_bytes()


def test_inconsistent_total_is_flagged_not_corrected() -> None:
    # one digit changed in the printed total revenues: the components no longer add up
    data = SAMPLE.replace(b"Total revenues\t11,425\t", b"Total revenues\t11,525\t")
    filing = parse_bytes(data, "tampered.txt")
    assert filing.income.value("total_revenue", 0).value == Decimal(11525000)  # printed, not computed
    assert filing.figure_status("income.current.total_revenue") == "failed"
    failed = [c for c in filing.checks if not c.passed]
    assert any("revenue components" in c.name and "11,525" in c.detail for c in failed)
    assert "income.current.total_revenue" in to_contract(filing)["unverified"]
    assert filing.figure_status("income.prior.total_revenue") == "verified"


def test_inconsistent_balance_sheet_is_flagged() -> None:
    data = PERICOM.replace(b"Total liabilities                         12,576", b"Total liabilities                         12,567")
    filing = parse_bytes(data, "tampered.txt")
    assert filing.figure_status("balance.current.total_liabilities") == "failed"
    assert filing.figure_status("balance.prior.total_liabilities") == "verified"


def test_stray_digit_without_a_satisfying_reading_keeps_the_likeliest_and_flags_it() -> None:
    data = SAMPLE.replace(b"6 (6,253)", b"6 (6,263)")
    filing = parse_bytes(data, "tampered.txt")
    net = filing.income.value("net_income", 1)
    assert net.raw == "(6,263)"
    assert "checks still fail" in net.note
    assert filing.figure_status("income.prior.net_income") == "failed"


def test_check_picks_the_reading_that_adds_up() -> None:
    # here the stray digit is the longer token: only the arithmetic can tell
    data = SAMPLE.replace(b"Net loss\t\\$ (1,032) \\$\t6 (6,253)", b"Net loss\t\\$ (1,032) \\$\t(6,253) 66666")
    filing = parse_bytes(data, "tampered.txt")
    assert filing.income.value("net_income", 1).value == Decimal(-6253000)
    assert filing.figure_status("income.prior.net_income") == "verified"


def test_text_disagreeing_with_table_fails() -> None:
    filing = parse_bytes(SAMPLE, "sample.txt")
    checks = text_checks(filing.income, "Revenues for the three months ended September 30, 2007 were $12.4 million.")
    assert [(c.passed, c.figures) for c in checks] == [(False, ("income.current.total_revenue",))]
    checks = text_checks(filing.income, "Revenues for the quarter were $11.4 million, compared to $7.8 million for the same quarter last year.")
    assert [(c.passed, c.figures[0]) for c in checks] == [
        (True, "income.current.total_revenue"), (True, "income.prior.total_revenue"),
    ]


def test_text_about_other_periods_is_not_compared() -> None:
    filing = parse_bytes(SAMPLE, "sample.txt")
    assert text_checks(filing.income, "Revenues for the nine months ended June 30 were $36.4 million.") == []
    assert text_checks(filing.income, "The first quarter revenues include $4.5 million of fees.") == []


def test_eps_check_uses_printed_precision() -> None:
    filing = parse_bytes(PERICOM, "pericom.txt")
    eps = [c for c in filing.checks if "EPS" in c.name]
    assert len(eps) == 4 and all(c.passed for c in eps)
    # Pericom prints 0.03 for 663 / 26,388 = 0.0251: inside half a cent of rounding
    assert any("0.0251" in c.detail for c in eps)


ALIGNED_RELEASE = """\
FORM 8-K
SECURITIES AND EXCHANGE COMMISSION

                   STATEMENTS OF OPERATIONS
                       (in thousands)
                                    Three Months Ended September 30,
                                        2007            2006
Total revenues                      $ 11,425        $  7,770
Total operating expenses              13,258          14,859
Loss from operations                  (1,833)         (7,089)
Other income, net                        813             846
Loss before taxes                     (1,020)         (6,243)
Income tax expense                        12              10
Net loss                            $ (1,032)    {stray} $ (6,253)
"""


def test_stray_digit_in_an_aligned_table_is_an_alternative_reading() -> None:
    filing = parse_bytes(ALIGNED_RELEASE.format(stray="6").encode(), "aligned.txt")
    net = filing.income.value("net_income", 1)
    assert (net.value, net.raw) == (Decimal(-6253000), "(6,253)")
    assert "other readings" in net.note
    assert filing.figure_status("income.prior.net_income") == "verified"
    clean = parse_bytes(ALIGNED_RELEASE.format(stray=" ").encode(), "aligned.txt")
    assert clean.income.value("net_income", 1).note is None


def test_text_about_a_part_or_per_share_is_not_compared() -> None:
    filing = parse_bytes(SAMPLE, "sample.txt")
    assert text_checks(filing.income, "License revenues for the quarter were $4.2 million.") == []
    assert text_checks(filing.income, "For the quarter, net loss was $0.02 per share.") == []
    checks = text_checks(filing.income, "ImmunoGen reported total revenues for the quarter of $11.4 million.")
    assert [(c.passed, c.figures) for c in checks] == [(True, ("income.current.total_revenue",))]


ALCOA = (Path(__file__).parent / "fixtures" / "filings" / "alcoa-2018q2-10q.htm").read_bytes()


def test_eps_without_share_counts_is_reconciled_by_the_notes_table() -> None:
    # Alcoa's statement prints EPS and no share counts; its EPS note prints net income (75, in
    # millions) and the average shares (186 basic, 189 diluted): 75 / 189 = 0.397, printed 0.39
    filing = parse_bytes(ALCOA, "alcoa.htm")
    notes = {c.name: (c.passed, c.detail) for c in filing.checks if "reconciled in a note" in c.name}
    assert notes["basic EPS reconciled in a note: its earnings over its shares (current)"] == (
        True, "75 / 186 (shares read x1,000,000) = 0.4032 ~ 0.40"
    )
    assert notes["diluted EPS reconciled in a note: its earnings over its shares (current)"] == (
        True, "75 / 189 (shares read x1,000,000) = 0.3968 ~ 0.39"
    )
    assert to_contract(filing)["unverified"] == []


def test_a_note_whose_shares_do_not_give_the_eps_is_no_evidence() -> None:
    # the note's basic counts changed (186 to 286, 184 to 284): basic would be the larger count,
    # which dilution cannot give, so the note vouches for neither EPS; nor does it fail them
    at = ALCOA.index(b"Average shares outstanding &#150; basic")
    data = ALCOA[:at] + ALCOA[at:].replace(b">186<", b">286<", 1).replace(b">184<", b">284<", 1)
    filing = parse_bytes(data, "tampered.htm")
    assert to_contract(filing)["unverified"] == [
        "income.current.eps_basic", "income.current.eps_diluted", "income.prior.eps_basic", "income.prior.eps_diluted"
    ]
    assert not any("note" in c.name for c in filing.checks)


EPS_RELEASE = """\
FORM 8-K
SECURITIES AND EXCHANGE COMMISSION

                   STATEMENTS OF OPERATIONS
          (in millions, except per share amounts)
                                    Three Months Ended March 31,
                                        2025            2024
Total revenues                      $ 19,776        $ 20,195
Total operating expenses              15,218          15,735
Operating income                       4,558           4,460
Income tax expense                       789             706
Net income                          $  3,769        $  3,754
Basic earnings per share            $   1.58        $   1.56
Diluted earnings per share          $   1.54        $   1.52
Basic weighted average shares        2,347.2         2,360.5
Diluted weighted average shares      {diluted}         2,472.0
"""


def test_a_diluted_eps_lies_near_its_own_quotient() -> None:
    # 3,769 / 2,449.8 = 1.5385 gives 1.54; a count of 3,000.0 gives 1.256, which lies below
    # the diluted 1.54 as basic lies above it, yet is no reading of it
    good = parse_bytes(EPS_RELEASE.format(diluted="2,449.8").encode(), "eps.txt")
    assert good.figure_status("income.current.eps_diluted") == "verified"
    bad = parse_bytes(EPS_RELEASE.format(diluted="3,000.0").encode(), "eps.txt")
    assert bad.figure_status("income.current.eps_diluted") == "failed"
    assert bad.figure_status("income.prior.eps_diluted") == "verified"


ROUNDED_SUBTOTAL = """\
FORM 10-Q
SECURITIES AND EXCHANGE COMMISSION

                   CONSOLIDATED INCOME STATEMENT
          (Dollars in millions except per share amounts)
                                    Three Months Ended June 30,
                                        2025            2024
Revenue:
  Services                          $  7,682        $  7,260
  Sales                                9,129           8,334
  Financing                              166             176
Total revenue                         16,977          15,770
Cost:
  Services                             5,280           5,120
  Sales                                1,630           1,600
  Financing                               90             100
Total cost                             7,001           6,820
Gross profit                           9,977           8,950
Total expense and other (income)       7,380           6,300
Income before income taxes             2,597           2,650
Provision for income taxes               404             400
Net income                          $  2,193        $  2,250
"""


def test_a_subtotal_within_rounding_of_its_lines_counts_once() -> None:
    # Total cost 7,001 sums 5,280 + 1,630 + 90 = 7,000 within rounding: revenue less the costs
    # is gross profit, the subtotal counted once, not on top of its lines
    filing = parse_bytes(ROUNDED_SUBTOTAL.encode(), "rounded.txt")
    gross = [c for c in filing.checks if "gross profit (current)" in c.name]
    assert [(c.passed, c.detail) for c in gross] == [
        (True, "16,977 less the lines below = 9,977 (within rounding: the lines give 9,976, printed 9,977)")
    ]
    assert filing.figure_status("income.current.total_revenue") == "verified"


def test_a_table_of_assets_that_ties_to_nothing_is_not_vouched_for() -> None:
    # a fair-value table reads like a balance sheet: lines that sum to "Total assets"; with no
    # total of liabilities and equity to tie that to, its figures stay unverified
    fair_value = (
        ROUNDED_SUBTOTAL
        + "\n                               FAIR VALUE MEASUREMENTS (in millions)\n"
        + "                                    June 30, 2025   December 31, 2024\n"
        + "Money market funds                     $ 1,974           $ 6,475\n"
        + "Commercial paper                           164               165\n"
        + "Derivatives                                552               426\n"
        + "Total assets                           $ 2,690           $ 7,066\n"
        + "Derivatives                                (26)             (218)\n"
        + "Total liabilities                          (26)             (218)\n"
    )
    filing = parse_bytes(fair_value.encode(), "fair.txt")
    assert filing.balance is not None and filing.balance.value("total_assets", 0).value == Decimal(2690000000)
    balances = [(c.passed, c.detail) for c in filing.checks if c.name == "the balance sheet balances (current)"]
    assert balances == [(False, "no total of liabilities and equity, nor total liabilities and equity, to tie total assets to")]
    assert filing.figure_status("balance.current.total_assets") == "failed"
