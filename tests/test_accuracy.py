"""The accuracy measurement (reportgen.accuracy): how outcomes are scored, the labels inline
XBRL gives, layouts that keep every figure, and the floors the reader must not fall below.

The floors are today's figures: correct figures may only rise and silently wrong ones only
fall. When the reader improves, raise them here (`python -m reportgen.accuracy` prints them).
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import pytest

from reportgen.accuracy.corpus import corpus_files, variant_bytes
from reportgen.accuracy.expected import Expected
from reportgen.accuracy.labels import load_labels
from reportgen.accuracy.layouts import UNKNOWABLE_SCALE, Layout, layouts
from reportgen.accuracy.run import scored, unknowable_scale
from reportgen.accuracy.score import (
    ABSENT_OK, CORRECT, CORRECT_FLAGGED, MISSING, SILENT, WRONG, WRONG_FLAGGED, Score, score, tally,
)
from reportgen.accuracy.variants import strip_ixbrl, text_rendering, w3m_available
from reportgen.accuracy.xbrl_labels import xbrl_expected
from reportgen.extract.ixbrl import read_ixbrl
from reportgen.parse import parse_bytes
from reportgen.sources.decode import decode

FIXTURES = Path(__file__).parent / "fixtures"
LABELS = FIXTURES / "filings" / "labels.json"
IXBRL = FIXTURES / "ixbrl"


# ---------------------------------------------------------------- scoring


def test_each_outcome_is_told_apart() -> None:
    expected = Expected(
        name="x",
        figures={
            "income.current.total_revenue": frozenset({Decimal("100")}),
            "income.current.net_income": frozenset({Decimal("10"), Decimal("12")}),
            "income.current.eps_basic": frozenset({Decimal("0.5")}),
            "income.current.eps_diluted": frozenset({Decimal("0.4")}),
            "income.prior.total_revenue": frozenset({Decimal("90")}),
            "balance.current.total_liabilities": None,
            "balance.prior.total_liabilities": None,
        },
        period={"end": "2024-06-30", "fiscal_quarter": 2},
    )
    contract = {
        "figures": {
            "current": {"total_revenue": "100", "net_income": "12", "eps_basic": "5", "eps_diluted": "0.3"},
            "prior": {"total_revenue": None},
        },
        "balance_sheet": {"current": {"total_liabilities": "7"}, "prior": {"total_liabilities": None}},
        "unverified": ["income.current.net_income", "income.current.eps_basic"],
        "period": {"end": "2024-06-30", "fiscal_quarter": 4},
    }
    got = {o.id: o.outcome for o in score(expected, "v", contract).outcomes}
    assert got == {
        "income.current.total_revenue": CORRECT,
        "income.current.net_income": CORRECT_FLAGGED,
        "income.current.eps_basic": WRONG_FLAGGED,
        "income.current.eps_diluted": SILENT,
        "income.prior.total_revenue": MISSING,
        "balance.current.total_liabilities": SILENT,
        "balance.prior.total_liabilities": ABSENT_OK,
        "period.end": CORRECT,
        "period.fiscal_quarter": WRONG,
    }
    t = tally([score(expected, "v", contract)], period=False)
    assert (t.printed, t.correct, t.wrong, t.missing, t.invented, t.silent, t.correct_flagged) == (5, 2, 2, 1, 1, 2, 1)


def test_a_failed_parse_misses_every_printed_figure() -> None:
    expected = Expected("x", {"income.current.net_income": frozenset({Decimal(1)}), "income.prior.net_income": None})
    result = score(expected, "v", None, "x: no statement of operations found")
    assert [(o.id, o.outcome) for o in result.outcomes] == [
        ("income.current.net_income", MISSING), ("income.prior.net_income", ABSENT_OK)
    ]
    assert tally([result]).errors == 1


# ---------------------------------------------------------------- labels from inline XBRL


def _xbrl(name: str) -> Expected:
    return xbrl_expected((IXBRL / name).read_text(encoding="utf-8"), name)


def test_apple_labels_itself() -> None:
    expected = _xbrl("aapl-10-q-2025-08-01.html")
    millions = {fid: [v / 1_000_000 if not fid.endswith(("eps_basic", "eps_diluted")) else v for v in sorted(values)]
                for fid, values in expected.figures.items() if values}
    assert millions == {
        "income.current.total_revenue": [94036], "income.current.total_operating_expenses": [15516],
        "income.current.operating_income": [28202], "income.current.net_income": [23434],
        "income.current.eps_basic": [Decimal("1.57")], "income.current.eps_diluted": [Decimal("1.57")],
        "income.prior.total_revenue": [85777], "income.prior.total_operating_expenses": [14326],
        "income.prior.operating_income": [25352], "income.prior.net_income": [21448],
        "income.prior.eps_basic": [Decimal("1.40")], "income.prior.eps_diluted": [Decimal("1.40")],
        "balance.current.cash": [36269], "balance.current.total_assets": [331495],
        "balance.current.total_liabilities": [265665], "balance.current.total_equity": [65830],
        "balance.prior.cash": [29943], "balance.prior.total_assets": [364980],
        "balance.prior.total_liabilities": [308030], "balance.prior.total_equity": [56950],
    }
    assert expected.period == {"end": "2025-06-28", "fiscal_year": 2025, "fiscal_quarter": 3}
    assert expected.skipped == {}


def test_lines_a_statement_does_not_print_are_expected_null() -> None:
    expected = _xbrl("ko-10-q-2025-07-24.html")
    assert expected.figures["income.current.total_operating_expenses"] is None
    assert expected.figures["balance.current.total_liabilities"] is None
    # shareowners' equity and total equity (with noncontrolling interests) are both printed
    assert expected.figures["balance.current.total_equity"] == {Decimal("28585000000"), Decimal("30182000000")}
    assert expected.period == {"end": "2025-06-27", "fiscal_year": 2025, "fiscal_quarter": 2}


def test_an_annual_report_has_no_quarter() -> None:
    expected = _xbrl("crm-10-k-2025-03-05.html")
    assert all(expected.figures[f"income.{c}.{k}"] is None for c in ("current", "prior")
               for k in ("total_revenue", "net_income", "eps_diluted"))
    assert expected.figures["balance.current.total_assets"] == {Decimal("102928000000")}
    assert "fiscal_quarter" not in expected.period


def test_stub_periods_state_no_quarter() -> None:
    expected = _xbrl("aeon-10-q-2023-11-14.htm")
    assert expected.figures["income.current.net_income"] is None
    assert "income.prior.net_income" not in expected.figures
    assert expected.skipped["income.prior.net_income"] == "the filing states no current quarter to compare with"


# ---------------------------------------------------------------- variants without tags


def test_stripped_html_keeps_the_text_and_loses_every_tag() -> None:
    html = (IXBRL / "aapl-10-q-2025-08-01.html").read_text(encoding="utf-8")
    stripped = strip_ixbrl(html)
    assert read_ixbrl(stripped) is None
    assert "<ix:" not in stripped.lower()
    assert "94,036" in stripped and "Total net sales" in stripped


@pytest.mark.skipif(not w3m_available(), reason="needs Debian's w3m")
def test_text_rendering_is_plain_aligned_text() -> None:
    text = text_rendering((IXBRL / "aapl-10-q-2025-08-01.html").read_text(encoding="utf-8"))
    line = next(line for line in text.splitlines() if line.startswith("Total net sales"))
    assert line.split() == ["Total", "net", "sales", "94,036", "85,777", "313,695", "296,105"]
    assert text.isascii() and "<" not in line


# ---------------------------------------------------------------- layouts keep the figures


@lru_cache(maxsize=1)
def _layout_scores() -> tuple[tuple[Layout, Score], ...]:
    """Every labelled fixture in every layout that fits it, scored (computed once)."""
    out = []
    for fixture in load_labels(LABELS):
        for layout in layouts(fixture):
            expected = unknowable_scale(fixture.expected) if layout.transform in UNKNOWABLE_SCALE else fixture.expected
            out.append((layout, scored(expected, layout.transform, layout.data, fixture.path.name)[0]))
    return tuple(out)


def _printed(raw: str) -> re.Pattern[str]:
    """A figure as printed ("(5,120)", "$ 1.44"), found as a whole: not inside another number."""
    number = re.sub(r"^[$\s(]+|[\s)%]+$", "", raw)
    return re.compile(r"(?<![\d,.])" + re.escape(number) + r"(?![\d,]|\.\d)")


def test_every_layout_still_prints_every_key_figure() -> None:
    """Each figure the reader keys on the original is printed, as a whole number, in each layout."""
    lost = []
    originals: dict[str, dict[str, re.Pattern[str]]] = {}
    for layout, _ in _layout_scores():
        name = layout.fixture.path.name
        if name not in originals:
            filing = parse_bytes(layout.fixture.path.read_bytes(), name)
            originals[name] = {
                f"{s.kind.value}.{line.key}.{column}": _printed(v.raw)
                for s in (filing.income, filing.balance) if s is not None
                for line in s.lines if line.key and not line.key.endswith("component")
                for column, v in enumerate(line.values) if v is not None
            }
        text = decode(layout.data)[0]
        lost += [(name, layout.transform, key) for key, printed in originals[name].items() if not printed.search(text)]
    assert lost == []


def test_each_transformation_fits_some_fixture() -> None:
    from reportgen.accuracy.html_transforms import TRANSFORMS as HTML
    from reportgen.accuracy.text_transforms import TRANSFORMS as TEXT

    applied = {layout.transform for layout, _ in _layout_scores()}
    assert applied == set(TEXT) | set(HTML) | {"crlf"} | ({"text_rendering"} if w3m_available() else set())


# The floors: per layout, (correct figures at least, silently wrong figures at most), over
# every fixture the layout fits. Today's reader; raise them as it improves.
FLOORS: dict[str, tuple[int, int]] = {
    "crlf": (223, 0),
    "double_spaced": (121, 0),
    "page_breaks": (213, 0),
    "units_below_dates": (203, 0),
    "units_on_date_line": (203, 0),
    "units_in_left_header": (203, 0),
    "units_in_title": (203, 0),
    "units_deleted": (203, 0),
    "balance_split": (203, 0),
    "balance_split_continued": (203, 0),
    "relabel_real_a": (213, 0),
    "relabel_real_b": (213, 0),
    "relabel_word_order": (213, 0),
    "single_revenue_line": (38, 0),
    "distractors_above": (213, 0),
    "distractors_below": (213, 0),
    "distractors_segment": (213, 0),
    "wrap_before": (180, 0),
    "wrap_after": (180, 0),
    "figure_pushed": (103, 0),
    "dot_leaders": (103, 0),
    "underline_leaders": (103, 0),
    "columns_reversed": (88, 0),
    "year_to_date_first": (68, 0),
    "restated_annotation": (195, 0),
    "amounts_in_labels": (213, 0),
    "empty_cells_zero_width": (92, 0),
    "empty_cells_nbsp": (92, 0),
    "symbols_in_own_cells": (36, 0),
    "text_rendering": (102, 0),
}


@pytest.mark.slow
@pytest.mark.parametrize("transform", sorted(FLOORS))
def test_layout_floor(transform: str) -> None:
    if transform == "text_rendering" and not w3m_available():
        pytest.skip("needs Debian's w3m")
    scores = [s for layout, s in _layout_scores() if layout.transform == transform]
    t = tally(scores, period=False)
    correct, silent = FLOORS[transform]
    assert t.correct >= correct, [m for s in scores for m in s.misses()]
    assert t.silent <= silent, [m for s in scores for m in s.misses() if m.outcome == SILENT]


@pytest.mark.slow
def test_the_flag_spares_correct_figures() -> None:
    # at most one correct figure in twenty flagged over every layout (none is silently wrong: above)
    t = tally([s for _, s in _layout_scores()], period=False)
    assert t.correct_flagged * 20 <= t.correct, [m for _, s in _layout_scores() for m in s.misses()]


# Inline-XBRL filings in tests/fixtures/ixbrl, per variant: (correct at least, silent at most).
CORPUS_FLOORS: dict[str, tuple[int, int]] = {"ixbrl": (52, 0), "stripped": (52, 0), "text": (52, 0), "text80": (52, 0)}


@pytest.mark.slow
@pytest.mark.parametrize("variant", sorted(CORPUS_FLOORS))
def test_corpus_floor(variant: str) -> None:
    if variant.startswith("text") and not w3m_available():
        pytest.skip("needs Debian's w3m")
    scores = []
    for path in corpus_files(IXBRL):
        html = path.read_text(encoding="utf-8")
        scores.append(scored(xbrl_expected(html, path.stem), variant, variant_bytes(html, variant), path.name)[0])
    t = tally(scores, period=False)
    correct, silent = CORPUS_FLOORS[variant]
    assert t.correct >= correct, [m for s in scores for m in s.misses()]
    assert t.silent <= silent, [m for s in scores for m in s.misses() if m.outcome == SILENT]
    assert t.correct_flagged * 20 <= t.correct, [m for s in scores for m in s.misses()]
