"""Cover facts read from the real fixture filings, with the values checked by hand."""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path

import pytest

from reportgen.extract.cover import CoverFacts, read_cover
from reportgen.extract.html_tables import html_to_text

FILINGS = Path(__file__).parent / "fixtures" / "filings"


@cache
def fixture_text(name: str) -> str:
    """A fixture's text as the parse pipeline hands it over (HTML turned into text)."""
    raw = (FILINGS / name).read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("cp1252")
    return html_to_text(text) if name.endswith(".htm") else text


EXPECTED = {
    "immunogen-2007q3-8k.txt": CoverFacts(
        company="ImmunoGen, Inc.",
        ticker="IMGN",
        exchange="Nasdaq",
        form="8-K",
        report_date=date(2007, 11, 1),
        report_date_text="Date of Report (Date of earliest event reported): November 1, 2007",
        period_as_named="first quarter fiscal 2008",
        fiscal_year=2008,
        fiscal_quarter=1,
        period_end=None,
    ),
    "pericom-2005q2-8k.txt": CoverFacts(
        company="Pericom Semiconductor Corporation",
        ticker="PSEM",
        exchange="Nasdaq",
        form="8-K",
        report_date=date(2005, 8, 9),
        report_date_text="Date of Report (Date of Earliest Event Reported): August 9, 2005",
        period_as_named="fiscal fourth quarter",
        fiscal_year=None,  # "fiscal fourth quarter and year ended June 30, 2005": no year named
        fiscal_quarter=4,
        period_end=date(2005, 6, 30),
    ),
    "asta-2004q2-8k.txt": CoverFacts(
        company="Asta Funding, Inc.",
        ticker="ASFI",
        exchange="Nasdaq",
        form="8-K",
        report_date=date(2004, 8, 4),
        report_date_text="DATE OF REPORT (DATE OF EARLIEST EVENT REPORTED) August 4, 2004",
        period_as_named="third quarter",
        fiscal_year=None,
        fiscal_quarter=3,
        period_end=None,
    ),
    "horizonfin-2008q4-8k.txt": CoverFacts(
        company="Horizon Financial Corp.",
        ticker="HRZB",
        exchange="Nasdaq",
        form="8-K",
        report_date=date(2009, 1, 29),
        report_date_text="Date of Report (Date of earliest event reported): January 29, 2009",
        period_as_named="third quarter of fiscal 2009",
        fiscal_year=2009,
        fiscal_quarter=3,
        period_end=date(2008, 12, 31),
    ),
    "apple-2000q1-10q.txt": CoverFacts(
        company="Apple Computer, Inc.",
        ticker=None,
        exchange=None,
        form="10-Q",
        report_date=date(2000, 5, 11),  # the date line of the signature block
        report_date_text="May 11, 2000",
        period_as_named="quarterly period ended April 1, 2000",
        fiscal_year=None,
        fiscal_quarter=None,
        period_end=date(2000, 4, 1),
    ),
    "apple-2011q1-ex99.htm": CoverFacts(
        company="Apple Inc.",
        ticker=None,
        exchange=None,
        form=None,
        report_date=date(2011, 1, 18),
        report_date_text="CUPERTINO, California\u2014January 18, 2011\u2014",
        period_as_named="fiscal 2011 first quarter",
        fiscal_year=2011,
        fiscal_quarter=1,
        period_end=date(2010, 12, 25),
    ),
    "oracle-2014q4-ex99.htm": CoverFacts(
        company="Oracle Corporation",
        ticker="ORCL",
        exchange="NYSE",
        form=None,
        report_date=date(2014, 6, 19),
        report_date_text="REDWOOD SHORES, Calif., June 19, 2014 \u2014",
        period_as_named="fiscal 2014 Q4",
        fiscal_year=2014,
        fiscal_quarter=4,
        period_end=None,
    ),
    "alcoa-2018q2-10q.htm": CoverFacts(
        company="Alcoa Corporation",
        ticker=None,
        exchange=None,
        form="10-Q",
        report_date=date(2018, 8, 2),  # "August 2, 2018 By /s/ WILLIAM F. OPLINGER"
        report_date_text="August 2, 2018",
        period_as_named="second quarter of 2018",
        fiscal_year=2018,
        fiscal_quarter=2,
        period_end=date(2018, 6, 30),
    ),
    "pfizer-2023q2-10q.htm": CoverFacts(
        company="Pfizer Inc.",
        ticker="PFE",
        exchange="NYSE",
        form="10-Q",
        report_date=date(2023, 8, 9),
        report_date_text="Dated: August 9, 2023",
        period_as_named="quarterly period ended July 2, 2023",
        fiscal_year=None,
        fiscal_quarter=None,
        period_end=date(2023, 7, 2),
    ),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_cover_facts_of_each_fixture(name: str) -> None:
    assert read_cover(fixture_text(name)) == EXPECTED[name]


def test_company_name_matches_the_hand_checked_labels() -> None:
    import json

    labels = json.loads((FILINGS / "labels.json").read_text())
    for label in labels.values():
        assert read_cover(fixture_text(label["file"])).company == label["company"]


def test_exhibit_alone_reads_name_ticker_and_dateline() -> None:
    """An EX-99.1 without the 8-K cover still names its company, ticker and date."""
    text = fixture_text("pericom-2005q2-8k.txt")
    exhibit = text[text.index("<TYPE>EX-99.1") :]
    facts = read_cover(exhibit)
    assert (facts.company, facts.ticker, facts.exchange, facts.form) == (
        "Pericom Semiconductor Corporation",
        "PSEM",
        "Nasdaq",
        None,
    )
    assert facts.report_date is None  # "Aug. 9 /PRNewswire-FirstCall/": the dateline has no year


@pytest.mark.parametrize(
    ("text", "ticker", "exchange"),
    [
        ("Acme Corp. (NYSE: AA) today reported", "AA", "NYSE"),
        ("Acme Inc. (NASDAQ:AAPL) today reported", "AAPL", "Nasdaq"),
        (
            "shares trade on the Nasdaq Global Market under the symbol \u201cACME\u201d.",
            "ACME",
            "Nasdaq",
        ),
        ("Acme Corp. (Nasdaq GS: HRZB) the bank holding company", "HRZB", "Nasdaq"),
        ("Acme Corp. reported a profit.", None, None),
    ],
)
def test_ticker_phrasings(text: str, ticker: str | None, exchange: str | None) -> None:
    facts = read_cover(text)
    assert (facts.ticker, facts.exchange) == (ticker, exchange)


@pytest.mark.parametrize(
    ("text", "named", "year", "quarter"),
    [
        (
            "Acme Reports Second Quarter 2018 Results\nAcme had a good second quarter 2018.",
            "second quarter 2018",
            2018,
            2,
        ),
        (
            "Acme reported results for the fourth quarter of fiscal year 2014.",
            "fourth quarter of fiscal year 2014",
            2014,
            4,
        ),
        (
            "Acme reported results for its fiscal 2011 first quarter.",
            "fiscal 2011 first quarter",
            2011,
            1,
        ),
        (
            "Acme reported results for the quarter ended September 30, 2007.",
            "quarter ended September 30, 2007",
            None,
            None,
        ),
        ("Acme reported results.", None, None, None),
    ],
)
def test_period_phrasings(
    text: str, named: str | None, year: int | None, quarter: int | None
) -> None:
    facts = read_cover(text)
    assert (facts.period_as_named, facts.fiscal_year, facts.fiscal_quarter) == (
        named,
        year,
        quarter,
    )


@pytest.mark.parametrize(
    ("text", "named", "year", "quarter"),
    [
        (
            "Acme Reports Fourth Quarter and Full Year 2017 Results",
            "fourth quarter and full year 2017",
            2017,
            4,
        ),
        ("Acme posts record Q4 FY14 revenue.", "Q4 FY14", 2014, 4),
        ("Acme reported first-quarter 2018 sales.", "first-quarter 2018", 2018, 1),
    ],
)
def test_more_period_phrasings(text: str, named: str, year: int, quarter: int) -> None:
    facts = read_cover(text)
    assert (facts.period_as_named, facts.fiscal_year, facts.fiscal_quarter) == (
        named,
        year,
        quarter,
    )


def test_wire_service_dateline() -> None:
    text = "SANTA CLARA, Calif.--(BUSINESS WIRE)--Jan. 14, 2010--Acme Corp. (NASDAQ: ACME) today reported"
    facts = read_cover(text)
    assert (facts.report_date, facts.company, facts.ticker) == (
        date(2010, 1, 14),
        "Acme Corp.",
        "ACME",
    )


def test_date_of_report_printed_above_its_caption() -> None:
    text = (
        "FORM 8-K\nJanuary 18, 2011\nDate of Report (Date of earliest event reported)\nACME INC.\n"
        "(Exact name of registrant as specified in its charter)\nAcme Inc. makes things."
    )
    facts = read_cover(text)
    assert (facts.form, facts.report_date, facts.company) == ("8-K", date(2011, 1, 18), "Acme Inc.")


def test_registrants_ticker_wins_over_a_partners() -> None:
    text = (
        "Under its deal with Bigco Inc. (NYSE: BIG), Acme Corp. (Nasdaq: ACME) earned a milestone."
    )
    assert read_cover(text).company == "Bigco Inc."  # the first name beside a ticker
    text = "ACME CORP.\n(Exact name of registrant as specified in its charter)\n" + text
    facts = read_cover(text)
    assert (facts.company, facts.ticker, facts.exchange) == ("Acme Corp.", "ACME", "Nasdaq")


def test_section_12b_table_in_capitals() -> None:
    text = (
        "Title of each class Trading Symbol(s) Name of each exchange on which registered\n"
        "Common Stock, par value $0.01 AA NEW YORK STOCK EXCHANGE\n"
    )
    assert read_ticker_pair(text) == ("AA", "NYSE")


def read_ticker_pair(text: str) -> tuple[str | None, str | None]:
    facts = read_cover(text)
    return facts.ticker, facts.exchange


def test_name_on_one_line_with_the_file_number() -> None:
    text = (
        "FORM 10-Q\nCommission File Number 1-3619 ACME WIDGETS, INC."
        " (Exact name of registrant as specified in its charter)"
    )
    assert read_cover(text).company == "ACME WIDGETS, INC."  # no mixed-case spelling to prefer


def test_raw_html_and_a_submission_wrapping_it_read_alike() -> None:
    """Callers may pass the raw HTML, or an EDGAR submission holding it, instead of its text."""
    html = (FILINGS / "oracle-2014q4-ex99.htm").read_bytes().decode("utf-8")
    wrapped = (
        "<SEC-DOCUMENT>\n<SEC-HEADER>\nCONFORMED SUBMISSION TYPE:\t8-K\n</SEC-HEADER>\n"
        f"<DOCUMENT>\n<TYPE>EX-99.1\n<TEXT>\n{html}\n</TEXT>\n</DOCUMENT>\n</SEC-DOCUMENT>\n"
    )
    expected = EXPECTED["oracle-2014q4-ex99.htm"]
    assert read_cover(html) == expected
    assert read_cover(wrapped) == expected


def test_annual_report_cover_names_its_fiscal_year() -> None:
    text = "FORM 10-K\nANNUAL REPORT PURSUANT TO SECTION 13\nFor the fiscal year ended December 31, 2017"
    facts = read_cover(text)
    assert (facts.form, facts.period_as_named, facts.fiscal_quarter, facts.period_end) == (
        "10-K",
        "fiscal year ended December 31, 2017",
        None,
        date(2017, 12, 31),
    )


def test_otc_ticker() -> None:
    facts = read_cover("Acme Holdings, Inc. (OTC Markets: ACMH) today announced")
    assert (facts.company, facts.ticker, facts.exchange) == (
        "Acme Holdings, Inc.",
        "ACMH",
        "OTC Markets",
    )


def test_dateline_run_into_the_company_name() -> None:
    """Text extraction can lose the dash after the date: "... 2017Acme Corp."."""
    text = (
        "Acme Reports Profitable Fiscal Third Quarter 2017\n\n"
        "AUSTIN, Texas \u2013 May 2, 2017Acme Corp. (NASDAQ: ACME), a maker of tablets, today "
        "reported results for its fiscal 2017 third quarter ended March 31, 2017."
    )
    facts = read_cover(text)
    assert (facts.report_date, facts.company, facts.ticker) == (
        date(2017, 5, 2),
        "Acme Corp.",
        "ACME",
    )
    assert (facts.period_as_named, facts.fiscal_year, facts.fiscal_quarter, facts.period_end) == (
        "fiscal 2017 third quarter",
        2017,
        3,
        date(2017, 3, 31),
    )
