"""The text checks' needle scans must find what the regex scans found.

`text_checks` tries its subject patterns only where a match may start (`first_match`) and
asks `has_match` whether a sentence names another period; both are compared here with a
plain `search` on sentences built from the words the patterns look for, fold traps included.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reportgen import validate

WORDS = st.sampled_from([
    "Total", "total ", "net ", "Net", "revenues", "Revenue", "sales", "SALES", "income", "earnings", "loss",
    "operating expenses", "Operating Expenses", "were", "was", "of", "totaled", "$", "$1,234", "$11.4", "million",
    "billion", " ", " ", ".", ",", "quarter", "nine-month", "six month", "twelve months", "full year", "year-to-date",
    "fiscal year ended", "for the year", "first half", "prior quarter", "previous quarter", "sequential",
    "immediate prior", "compared to", "a year ago", "per share", "ſales", "totaı", "İncome", "nine", "Year",
])
SENTENCES = st.lists(WORDS, max_size=20).map("".join)


@given(SENTENCES)
def test_other_periods_scan_agrees_with_search(sentence: str) -> None:
    expected = validate._OTHER_PERIODS.search(sentence) is not None
    assert validate.has_match(validate._OTHER_PERIODS, sentence, validate._OTHER_PERIOD_STARTS) == expected


@given(SENTENCES)
def test_subject_scans_agree_with_search(sentence: str) -> None:
    for _key, pattern, starts in validate._STATED:
        expected = pattern.search(sentence)
        found = validate.first_match(pattern, sentence, starts)
        assert (found.span() if found else None) == (expected.span() if expected else None)


def test_a_stated_figure_is_found() -> None:
    sentence = "Total revenues for the quarter were $11.4 million, compared to $9.8 million a year ago."
    _key, pattern, starts = validate._STATED[0]
    assert validate.first_match(pattern, sentence, starts).group("num") == "11.4"
    assert validate._about_the_quarter(sentence)
    assert not validate._about_the_quarter("Revenues for the nine months and the quarter were $5 million.")
