"""The label and header readers skip regexes where a substring test says they cannot match
(`normalize`, `_is_share_count`, `line_kind`, `periods.parse_date`); each must read every
text exactly as the unconditional regexes did."""

from __future__ import annotations

import re
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from reportgen.extract import lines, periods
from reportgen.model import LineKind

LABEL = st.lists(st.sampled_from([
    "Net", "income", "Total", " ", "  ", "(", ")", "(1)", "(a)", "(see note 3)", "(Note 4)", "*", "\u2020", "\u2021",
    "\u00a7", "-", "\u2013", "\u2014", "non-interest", "/", "basic / diluted", "Basic/Diluted", "as reported",
    "(GAAP)", "GAAP basis", ":", ",", ".", ";", "&", "\u2019", "`", "shareholders", "A", "b", "\t",
    "(of $5)", "(1,234 shares)", "__", "...", ". .", "==", "9",
]), max_size=10).map("".join)


def _old_normalize(label: str) -> str:
    """normalize as it was, every substitution made."""
    text = label.lower().replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")
    text = lines._LEADERS.sub(" ", text)
    text = text.replace("&", " and ")
    text = lines._NOTE.sub("", text)
    text = lines._FIGURES_SAID.sub("", text)
    text = lines._MARKERS.sub("", text)
    text = lines._JOINED_HYPHEN.sub("", text)
    text = lines._DASHES.sub(" ", text)
    text = lines._BASIC_DILUTED.sub("basic and diluted", text)
    text = lines._SLASH.sub(" ", text)
    text = " ".join(text.split()).strip(" :;,.")
    return lines._QUALIFIER.sub("", text).strip(" :;,.")


@given(LABEL)
def test_normalize_agrees_with_every_substitution_made(label: str) -> None:
    assert lines.normalize.__wrapped__(label) == _old_normalize(label)


def _old_is_share_count(text: str) -> bool:
    """_is_share_count as it was, every regex tried."""
    if re.search(r"par value|authorized|stock,|equity", text):
        return False
    if re.fullmatch(r"(?:common|preferred|preference|ordinary) shares", text):
        return False
    if lines._SHARE_COUNT.search(text):
        return True
    return bool(re.search(r"\bshares\b", text)) and not lines._PER_SHARE.search(text) and "issued" not in text


SHARE_TEXT = st.lists(st.sampled_from([
    "shares", "share", "weighted", "average", "weighted-average", "weightedaverage", "number of", "common", "preferred",
    "preference", "ordinary", "used", "outstanding", "in thousands", "(in", "issued", "per", "basic", "diluted",
    "par value", "authorized", "stock,", "equity", "count", "eps", " ", " ", "-",
]), max_size=8).map(" ".join) | st.sampled_from(["common shares", "preferred shares", "ordinary shares", "shares"])


@given(SHARE_TEXT)
def test_share_count_test_agrees_with_every_regex_tried(text: str) -> None:
    assert lines._is_share_count(text) == _old_is_share_count(text)


@given(LABEL | SHARE_TEXT, st.sampled_from(["", "Earnings per share", "Shares used in computing", "Percent of sales"]))
def test_line_kind_agrees_with_the_old_percent_test(label: str, heading: str) -> None:
    own = lines.normalize(label)
    old_percent = "%" in label or bool(re.search(r"\b(?:percent|ratio)\b", own))
    new_percent = lines.line_kind.__wrapped__(label, heading) is LineKind.PERCENT
    assert new_percent == old_percent


def _old_parse_date(text: str) -> date | None:
    """periods.parse_date as it was, every pattern searched."""
    match = periods._LONG_DATE.search(text)
    if match:
        return periods._date(int(match.group(3)), periods._MONTHS[match.group(1).lower()[:3]], int(match.group(2)))
    match = periods._DASH_DATE.search(text)
    if match:
        year = int(match.group(3))
        year += 0 if year >= 100 else (2000 if year < 50 else 1900)
        return periods._date(year, periods._MONTHS[match.group(2).lower()[:3]], int(match.group(1)))
    match = periods._SLASH_DATE.search(text)
    if match:
        year = int(match.group(3))
        year += 0 if year >= 100 else (2000 if year < 50 else 1900)
        return periods._date(year, int(match.group(1)), int(match.group(2)))
    return None


HEADER = st.lists(st.sampled_from([
    "June", "Sept.", "DECEMBER", "30", "31", "1", ",", " ", "2023", "1999", "05", "-", "/", "Jun", "4/1/00", "30-Jun-05",
    "Three Months Ended", "\u0661\u0662", "20", "19", "12/31/2008", "Dec", "-2004",
]), max_size=8).map("".join) | st.lists(st.sampled_from(["June", "30,", "2023", "4/1/00", "30-Jun-05", "Ended"]), max_size=5).map(" ".join)


@given(HEADER)
def test_parse_date_agrees_with_every_pattern_searched(text: str) -> None:
    assert periods.parse_date(text) == _old_parse_date(text)


def _old_duration(text: str) -> tuple[int | None, int | None]:
    """periods.duration as it was, every pattern searched."""
    match = periods._DURATION.search(text)
    if match:
        raw = match.group(1).lower()
        count = int(raw) if raw.isdigit() else periods._WORD_NUMBERS[raw]
        if match.group(2).lower().startswith("week"):
            return periods._weeks_to_months(count), count
        return count, None
    if periods._QUARTER.search(text):
        return 3, None
    if periods._YEAR_ENDED.search(text):
        return 12, None
    return None, None


def _old_with_title_date(header: str, title: str) -> str:
    """periods.with_title_date as it was, the title searched whatever the header."""
    if periods.parse_date(header) is not None:
        return header
    year = periods._YEAR_ONLY.search(header)
    month_day = periods._MONTH_DAY.search(title)
    if not year or not month_day:
        return header
    month = title[month_day.start():month_day.start(2)].strip(" ,.")
    return header[: year.start()] + f"{month} {month_day.group(2)}, {year.group(1)}" + header[year.end():]


TITLE = st.lists(st.sampled_from([
    "Three", "Months", "MONTHS", "Ended", "3", "13", "Weeks", "wee\u212as", "Quarter", "QTR", "Q4", "q2", "Year", "YEARS",
    "Ended", "Full-Year", "fiscal", "June", "JUN.", "30", "Sept", "Dec", "May", "2023", "1999", ",", " ", "ſ", "İ",
]), max_size=10).map(" ".join)


@given(TITLE)
def test_duration_agrees_with_every_pattern_searched(text: str) -> None:
    assert periods.duration.__wrapped__(text) == _old_duration(text)


@given(HEADER | TITLE, TITLE)
def test_with_title_date_agrees_with_the_title_always_searched(header: str, title: str) -> None:
    assert periods.with_title_date.__wrapped__(header, title) == _old_with_title_date(header, title)


@given(SHARE_TEXT | LABEL)
def test_per_share_test_agrees_with_search(text: str) -> None:
    assert lines._per_share(text) == (lines._PER_SHARE.search(text) is not None)


PENALTY_TEXT = st.lists(st.sampled_from([
    "Pro Forma", "proforma", "non-GAAP", "Non GAAP", "nongaap", "Reconciliation", "as adjusted", "Adjusted", "cash flows",
    "Cash Flow", "segment", "Supplemental", "average balances", "Quarterly Trend", "quarterly data", "as previously reported",
    "As  Previously\\nReported", "excluding", "Statements of Operations", "\n", " ", "ſegment", "İ", "as", "pro",
]), max_size=8).map(" ".join)


@given(PENALTY_TEXT)
def test_penalty_scan_agrees_with_search(text: str) -> None:
    from reportgen.extract import statements

    expected = statements._PENALTIES.search(text) is not None
    assert statements.has_match(statements._PENALTIES, text, statements._PENALTY_STARTS) == expected
