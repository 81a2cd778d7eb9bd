"""The view model: key figures, YoY, flags, period wording, chart data, commentary."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from reportgen.analysis import brief_view, change, components
from reportgen.model import Check
from tests.factories import immunogen_filing


@pytest.fixture(scope="module")
def view():  # type: ignore[no-untyped-def]
    return brief_view(immunogen_filing())


def test_header_names_the_period_as_the_company_does(view) -> None:  # type: ignore[no-untyped-def]
    h = view.header
    assert (h.company, h.listing, h.form, h.report_date) == ("ImmunoGen, Inc.", "Nasdaq: IMGN", "8-K", "November 1, 2007")
    assert h.period_name == "First quarter of fiscal 2008"
    assert h.period_span == "three months ended September 30, 2007"
    assert h.prior_name == "first quarter of fiscal 2007"
    assert h.prior_span == "three months ended September 30, 2006"
    assert h.fiscal_year_end == "June 30"
    assert (h.current_short, h.prior_short) == ("Q1 FY2008", "Q1 FY2007")


def test_tiles_show_the_key_figures_with_yoy(view) -> None:  # type: ignore[no-untyped-def]
    shown = [(t.label, t.current_text, t.prior_text, t.change.arrow + " " + t.change.text) for t in view.tiles]
    assert shown == [
        ("Total revenues", "$11.4M", "$7.8M", "\u25b2 +47.0%"),
        ("Operating expenses", "$13.3M", "$14.9M", "\u25bc -10.8%"),
        ("Loss from operations", "$(1.8)M", "$(7.1)M", "\u25b2 +74.1%"),
        ("Net loss", "$(1.0)M", "$(6.3)M", "\u25b2 +83.5%"),
        ("Net loss per share", "$(0.02)", "$(0.15)", "\u25b2 +86.7%"),
        ("Cash and marketable securities", "$53.6M", "$59.7M", "\u25bc -10.2%"),
    ]
    cash = view.tiles[-1]
    assert (cash.current_when, cash.prior_when) == ("Sep 30, 2007", "Jun 30, 2007")
    assert view.tiles[0].current == Decimal("11425000")


def test_tone_follows_what_is_good_for_the_figure(view) -> None:  # type: ignore[no-untyped-def]
    tones = {t.id: t.change.tone for t in view.tiles}
    assert tones == {
        "total_revenue": "good", "total_operating_expenses": "good", "operating_income": "good",
        "net_income": "good", "eps_basic": "good", "cash": "bad",
    }


@pytest.mark.parametrize(
    ("current", "prior", "text", "direction"),
    [
        ("5", "-1", "n/m", "nm"),  # sign flips
        ("-5", "2", "n/m", "nm"),
        ("5", "0", "n/m", "nm"),  # zero base
        (None, "3", "n/m", "nm"),
        ("100", "100", "0.0%", "flat"),
        ("-1032000", "-6253000", "+83.5%", "up"),  # a smaller loss is up
    ],
)
def test_change_is_not_meaningful_on_zero_or_sign_flip(current: str | None, prior: str, text: str, direction: str) -> None:
    result = change(None if current is None else Decimal(current), Decimal(prior))
    assert (result.text, result.direction) == (text, direction)


def test_verified_figures_are_not_flagged(view) -> None:  # type: ignore[no-untyped-def]
    assert [t.status for t in view.tiles] == ["verified"] * 6
    assert not any(t.flagged for t in view.tiles)


def test_a_failed_or_missing_check_flags_the_figure() -> None:
    filing = immunogen_filing()
    failed = Check("revenue components sum", False, "1 + 1 = 3", ("income.current.total_revenue",))
    view = brief_view(replace(filing, checks=filing.checks + (failed,)))
    revenue = view.tiles[0]
    assert (revenue.status, revenue.flagged, revenue.status_text) == ("failed", True, "check failed")
    unchecked = brief_view(replace(filing, checks=()))
    assert all(t.flagged and t.status == "unchecked" for t in unchecked.tiles)
    assert unchecked.any_flagged


def test_statements_keep_every_line_in_the_filing_units(view) -> None:  # type: ignore[no-untyped-def]
    income, balance = view.statements
    assert len(income.rows) == 17 and len(balance.rows) == 9
    net_loss = next(r for r in income.rows if r.label == "Net loss")
    assert [c.text for c in net_loss.cells] == ["(1,032)", "(6,253)"]
    eps = next(r for r in income.rows if r.label.startswith("Net loss per common share"))
    assert [c.text for c in eps.cells] == ["(0.02)", "(0.15)"]
    assert income.columns == ("Sep 30, 2007", "Sep 30, 2006")
    assert income.column_notes == ("Three months ended", "Three months ended")
    assert balance.columns == ("Sep 30, 2007", "Jun 30, 2007")
    equity = next(r for r in balance.rows if r.label == "Shareholders' equity")
    assert [c.flagged for c in equity.cells] == [True, True]  # no check speaks for it


def test_chart_data_are_the_components_of_each_total(view) -> None:  # type: ignore[no-untyped-def]
    revenue, expenses, cash = view.charts
    assert revenue.categories == ("Research and development support", "License and milestone fees", "Clinical materials reimbursement")
    assert revenue.series[0].values == (Decimal("4473000"), Decimal("4188000"), Decimal("2764000"))
    assert revenue.series[1].values == (Decimal("5507000"), Decimal("1406000"), Decimal("857000"))
    assert expenses.categories == ("Cost of clinical materials reimbursed", "Research and development", "General and administrative")
    assert cash.series[0].values == (Decimal("53603000"),) and cash.series[1].values == (Decimal("59700000"),)
    assert [s.role for s in revenue.series] == ["current", "prior"]
    assert "License and milestone fees $4.2M vs $1.4M" in revenue.alt


def test_a_total_without_components_charts_the_total_itself() -> None:
    filing = immunogen_filing()
    lines = tuple(l for l in filing.income.lines if l.label not in {"Research and development support", "License and milestone fees", "Clinical materials reimbursement"})
    income = replace(filing.income, lines=lines)
    assert [l.label for l in components(income, "total_revenue")] == ["Total revenues"]


def test_commentary_is_rendered_and_sanitised() -> None:
    md = "Beat on **revenue**.\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1)) <img src=x onerror=alert(1)>"
    view = brief_view(immunogen_filing(), md)
    html = view.commentary_html
    assert "<strong>revenue</strong>" in html
    assert "<script" not in html and "javascript:" not in html and "onerror" not in html and "<img" not in html
    assert view.commentary_md.startswith("Beat on **revenue**.")
    assert brief_view(immunogen_filing(), "  ").commentary_html is None


def test_brief_view_is_pure() -> None:
    filing = immunogen_filing()
    assert brief_view(filing) == brief_view(filing)


def test_calendar_year_filers_get_plain_quarter_labels_and_unknown_forms_are_left_out() -> None:
    from reportgen.model import FiscalPeriod
    from datetime import date

    filing = replace(
        immunogen_filing(), fiscal_year_end="1231", form="unknown",
        period=FiscalPeriod(date(2018, 6, 30), 3, 2018, 2, "Q2 2018", "Q2 Fiscal 2018"),
    )
    view = brief_view(filing)
    assert (view.header.current_short, view.header.prior_short) == ("Q2 2018", "Q2 2017")
    assert view.header.prior_name == "Q2 Fiscal 2017"  # an abbreviation keeps its capital
    assert view.header.form is None and "unknown" not in view.footer.source


def test_bank_tiles_show_net_interest_and_noninterest_income() -> None:
    """A bank prints no revenue line; its brief leads with the lines it does print."""
    from pathlib import Path

    from reportgen.analysis import brief_view
    from reportgen.parse import parse_path

    filing = parse_path(Path(__file__).parent / "fixtures/filings/horizonfin-2008q4-8k.txt")
    tiles = {t.label: (t.current_text, t.prior_text) for t in brief_view(filing).tiles}
    assert tiles["Net interest income"] == ("$9.3M", "$13.8M")
    assert tiles["Noninterest income"] == ("$1.0M", "$1.5M")
    assert "Total revenues" not in tiles
