"""Periods from column headers, the choice of compared columns, and the fiscal quarter.

Columns are chosen by what their headers say (duration and end date), never by position.
"""

from __future__ import annotations

import calendar
import itertools
import re
from datetime import date, timedelta
from functools import lru_cache

from reportgen.extract.textclean import first_match, needles_in
from reportgen.model import FiscalPeriod, Period

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH_NAME = (
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
    r"(?:uary|ruary|ch|il|e|y|ust|t|tember|ember|ober)?\b\.?"
)
_LONG_DATE = re.compile(_MONTH_NAME + r"\s+(\d{1,2})(?:st|nd|rd|th)?\s*,?\s*((?:19|20)\d\d)", re.I)
_DASH_DATE = re.compile(r"\b(\d{1,2})-(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*-(\d{2}|\d{4})\b", re.I)
_SLASH_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})\b")
_WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "six": 6, "nine": 9, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "sixteen": 16, "twenty-four": 24, "twenty-six": 26, "twenty-seven": 27,
    "twenty-eight": 28, "thirty-six": 36, "thirty-nine": 39, "forty": 40, "fifty-two": 52, "fifty-three": 53,
}
_DURATION = re.compile(
    r"\b(\d{1,2}|one|two|three|four|six|nine|twelve|thirteen|fourteen|sixteen|twenty-four|twenty-six|"
    r"twenty-seven|twenty-eight|thirty-six|thirty-nine|forty|fifty-two|fifty-three)[\s-]+(months?|weeks?)\b",
    re.I,
)
_QUARTER = re.compile(r"\bquarters?\b|\bqtr\b|\bq[1-4]\b", re.I)
_YEAR_ENDED = re.compile(r"\b(?:fiscal\s+)?years?\s+end(?:ed|ing)\b|\bfull[\s-]+year\b", re.I)
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
_NAMED_QUARTER = re.compile(
    r"\b(?:(?P<q1>first|second|third|fourth|1st|2nd|3rd|4th)\s+(?:fiscal\s+)?quarter"
    r"(?:\s+(?:of\s+)?(?:fiscal\s+)?(?:year\s+)?(?P<y1>(?:19|20)\d\d)\b)?"
    r"|fiscal\s+(?:year\s+)?(?P<y2>(?:19|20)\d\d)\s+(?P<q2>first|second|third|fourth)\s+quarter"
    r"|fiscal\s+(?P<q3>first|second|third|fourth)\s+quarter(?:\s+(?:of\s+)?(?P<y3>(?:19|20)\d\d))?"
    r"|\bq(?P<q4>[1-4])\s+(?:fiscal\s+(?:year\s+)?)?(?:fy\s?)?(?P<y4>(?:19|20)\d\d))",
    re.I,
)


def parse_date(text: str) -> date | None:
    """The first date printed in a header.

    >>> parse_date("Three Months Ended Sept 30, 2008")
    datetime.date(2008, 9, 30)
    >>> parse_date("Jun 30 2005")
    datetime.date(2005, 6, 30)
    >>> parse_date("FOR THE THREE MONTHS ENDED 4/1/00")
    datetime.date(2000, 4, 1)
    >>> parse_date("30-Jun-05")
    datetime.date(2005, 6, 30)
    >>> parse_date("Three Month Change") is None
    True
    """
    # Each pattern is tried only where a string its every match holds occurs: a long date's
    # century, a dashed date's "-", a slashed date's "/" (labels and most headers hold none).
    match = _LONG_DATE.search(text) if "19" in text or "20" in text else None
    if match:
        return _date(int(match.group(3)), _MONTHS[match.group(1).lower()[:3]], int(match.group(2)))
    match = _DASH_DATE.search(text) if "-" in text else None
    if match:
        year = int(match.group(3))
        year += 0 if year >= 100 else (2000 if year < 50 else 1900)
        return _date(year, _MONTHS[match.group(2).lower()[:3]], int(match.group(1)))
    match = _SLASH_DATE.search(text) if "/" in text else None
    if match:
        year = int(match.group(3))
        year += 0 if year >= 100 else (2000 if year < 50 else 1900)
        return _date(year, int(match.group(1)), int(match.group(2)))
    return None


_MONTH_DAY = re.compile(_MONTH_NAME + r"\s+(\d{1,2})\b(?!\s*,?\s*(?:19|20)\d\d)", re.I)
_YEAR_ONLY = re.compile(r"\b((?:19|20)\d\d)\b")


@lru_cache(maxsize=4096)  # the same headers and titles recur in every candidate table
def with_title_date(header: str, title: str) -> str:
    """A header printing only a year, completed by the month and day the title states.

    >>> with_title_date("2004", "Three Months Ended March 31,")
    'March 31, 2004'
    >>> with_title_date("Nine Months 2004", "PERIODS ENDED DECEMBER 31")
    'Nine Months DECEMBER 31, 2004'
    >>> with_title_date("Dec 31, 2008", "Quarter Ended June 30")
    'Dec 31, 2008'
    """
    if parse_date(header) is not None:
        return header
    year = _YEAR_ONLY.search(header)
    if not year:
        return header  # the title is not searched for nothing
    month_day = _month_day(title)
    if not month_day:
        return header
    month = title[month_day.start():month_day.start(2)].strip(" ,.")
    return header[: year.start()] + f"{month} {month_day.group(2)}, {year.group(1)}" + header[year.end():]


@lru_cache(maxsize=256)
def _month_day(title: str) -> re.Match[str] | None:
    """`_MONTH_DAY.search(title)`, once per title: every header of a table is completed from
    the same title, and the case-blind scan of a long one costs more than the rest."""
    return _MONTH_DAY.search(title) if needles_in(title, _MONTH_WORDS) else None


_MONTH_WORDS = tuple(_MONTHS)  # every match of _MONTH_NAME holds one (see textclean.needles_in)


# The lookahead on the first letters rejects other positions fast (the text can be megabytes).
_HINT = re.compile(
    r"(?=[qt1f])\b(?:quarter|three[- ]months?|three[- ]month period|13[- ]weeks?|thirteen weeks|fourteen weeks|14[- ]weeks?)"
    r"\s+(?:period\s+)?end(?:ed|ing)\s+(?:on\s+)?" + _MONTH_NAME + r"\s+(\d{1,2})\b",
    re.I,
)

_HINT_WORDS = ("quarter", "three", "13", "thirteen", "fourteen", "14")  # how _HINT's matches start


@lru_cache(maxsize=2)  # asked of the chosen document while choosing it and again after
def period_hint(text: str) -> str:
    """The month and day the narrative gives the quarter's end ("quarter ended June 30"), for
    statements whose column headers print only years or quarter names.

    >>> period_hint("results for the quarter ended June 30, 2004, compared")
    'quarter ended June 30'
    >>> period_hint("no dates here")
    ''
    """
    match = first_match(_HINT, text, _HINT_WORDS)
    return " ".join(match.group(0).split()) if match else ""


def _date(year: int, month: int, day: int) -> date | None:
    """A date, or None for an impossible one."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


@lru_cache(maxsize=4096)
def duration(text: str) -> tuple[int | None, int | None]:
    """(months, weeks) a header or title states.

    >>> duration("Three Months Ended"), duration("14 Weeks Ended"), duration("Quarter Ended")
    ((3, None), (3, 14), (3, None))
    >>> duration("Year Ended May 31"), duration("Nine Months"), duration("June 30, 2007")
    ((12, None), (9, None), (None, None))
    """
    # Each case-blind pattern is tried only where a word its every match holds occurs.
    words = needles_in(text, _DURATION_WORDS)
    match = _DURATION.search(text) if "month" in words or "week" in words else None
    if match:
        raw = match.group(1).lower()
        count = int(raw) if raw.isdigit() else _WORD_NUMBERS[raw]
        if match.group(2).lower().startswith("week"):
            return _weeks_to_months(count), count
        return count, None
    if "q" in words and _QUARTER.search(text):
        return 3, None
    if "year" in words and _YEAR_ENDED.search(text):
        return 12, None
    return None, None


_DURATION_WORDS = ("month", "week", "q", "year")  # in every match of _DURATION, _QUARTER, _YEAR_ENDED


def _weeks_to_months(weeks: int) -> int | None:
    """13/14 weeks are a quarter, 26/27 a half, 39/40 nine months, 52/53 a year; grocers'
    12-week quarters with a 16-week first one give 12/16, 24/28 and 36/40."""
    for months, span in ((3, (12, 13, 14, 16)), (6, (24, 26, 27, 28)), (9, (36, 39, 40)), (12, (52, 53))):
        if weeks in span:
            return months
    return None


_CHANGE = re.compile(r"%|\bchange\b|\bvariance\b", re.I)  # a column of changes, not of a period


@lru_cache(maxsize=4096)  # a Period is frozen, so one may be handed out twice
def column_period(header: str, fallback_duration: str = "") -> Period | None:
    """A column's period from its header text; None for a column without a date (% change)."""
    end = parse_date(header)
    if end is None and (_DURATION.search(header) or _QUARTER.search(header) or duration(fallback_duration)[0]):
        end = _month_end(header)  # "3 Months Ended December 2006": the month's last day
    if end is None or _CHANGE.search(header) and not _DURATION.search(header):
        return None
    months, weeks = duration(header)
    if months is None and weeks is None and fallback_duration:
        months, weeks = duration(fallback_duration)
    stub = _span(header, end)
    if stub is not None:  # "July 22 to September 30": the dates say how long, whatever spans them
        end, months, weeks = stub[1], _span_months(stub), None
    return Period(end=_own_year_date(header) or end, months=months, weeks=weeks, label=" ".join(header.split()))


_SPAN = re.compile(
    _MONTH_NAME + r"\s+(\d{1,2})(?:,?\s+((?:19|20)\d\d))?\s*(?:to|through|thru|-|\u2013|\u2014)\s*"
    + _MONTH_NAME.replace("(jan", "(?P<m2>jan", 1) + r"\s+(?P<d2>\d{1,2})(?:,?\s+(?P<y2>(?:19|20)\d\d))?",
    re.I,
)


def _span(header: str, end: date | None) -> tuple[date, date] | None:
    """The first and last day of a period a header spells out ("July 1 to July 21", "July 22,
    2023 through September 30, 2023"), the year taken from the header where the span omits it.

    >>> _span("Three Months Ended September 30, 2023 Predecessor July 1 to July 21", date(2023, 9, 30))
    (datetime.date(2023, 7, 1), datetime.date(2023, 7, 21))
    >>> _span("Three Months Ended September 30, 2023", date(2023, 9, 30)) is None
    True
    """
    match = _SPAN.search(header)
    if match is None:
        return None
    year = int(match.group("y2") or match.group(3) or (end.year if end else 0))
    first_year = int(match.group(3) or year)
    first = _date(first_year, _MONTHS[match.group(1).lower()[:3]], int(match.group(2)))
    last = _date(year, _MONTHS[match.group("m2").lower()[:3]], int(match.group("d2")))
    if first is None or last is None or last < first:
        return None
    return first, last


def _span_months(span: tuple[date, date]) -> int | None:
    """The months a spelled-out period covers: 3 for a quarter (84 to 98 days); a stub period
    of a few weeks says its length in whole months (0, 1, 2: never the quarter's 3)."""
    days = (span[1] - span[0]).days + 1
    if 84 <= days <= 98:
        return 3
    return round(days / 30.44) if days < 84 else None


_MONTH_YEAR = re.compile(_MONTH_NAME + r"\s*,?\s+((?:19|20)\d\d)\b", re.I)


def _month_end(header: str) -> date | None:
    """The last day of a month named with its year but no day ("December 2006").

    >>> _month_end("3 Months Ended December 2006"), _month_end("Three Months Ended 2006")
    (datetime.date(2006, 12, 31), None)
    """
    match = _MONTH_YEAR.search(header)
    if not match:
        return None
    year, month = int(match.group(2)), _MONTHS[match.group(1).lower()[:3]]
    return date(year, month, calendar.monthrange(year, month)[1])


_BARE_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")


def _own_year_date(header: str) -> date | None:
    """Of two dates a spanning header gives ("July 3, 2004 and June 28, 2003", or "June 30,
    2008 and 2007"), the one whose year the column's own bare year names ("... 2003"); None
    otherwise.

    >>> _own_year_date("13 Weeks Ended July 3, 2004 and June 28, 2003 2003")
    datetime.date(2003, 6, 28)
    >>> _own_year_date("13 Weeks Ended July 3, 2004 and June 28, 2003") is None
    True
    >>> _own_year_date("Three Months Ended June 30, 2008 and 2007 2007")
    datetime.date(2007, 6, 30)
    >>> _own_year_date("13 Weeks Ended July 3, 2004 and June 28, 2003 2003 As Restated")
    datetime.date(2003, 6, 28)
    """
    dates = list(_LONG_DATE.finditer(header))
    # the column's own year: the last bare year after the dates ("... 2003", or "... 2003 As Restated")
    tail = next((m for m in reversed(list(_BARE_YEAR.finditer(header))) if dates and m.start() >= dates[-1].end()), None)
    if not dates or not tail:
        return None
    if len(dates) == 1:  # "June 30, 2008 and 2007 ... 2007": the same day of the other year
        named = re.search(r"\b(?:and|&)\s+" + tail.group(1) + r"\b", header[dates[0].end():tail.start()])
        day = parse_date(dates[0].group(0))
        return _date(int(tail.group(1)), day.month, day.day) if named and day else None
    same = [m for m in dates if m.group(3) == tail.group(1)]
    return parse_date(same[0].group(0)) if len(same) == 1 else None


def _near(a: date, b: date, days: int = 10) -> bool:
    """Dates within a few days (52/53-week years end on different days)."""
    return abs((a - b).days) <= days


def year_earlier(end: date) -> date:
    """The same day one year earlier (Feb 29 becomes Feb 28)."""
    try:
        return end.replace(year=end.year - 1)
    except ValueError:
        return end.replace(year=end.year - 1, day=28)


def choose_income_columns(periods: list[Period | None]) -> tuple[int, int | None] | None:
    """(current, prior): the latest quarter and the same quarter a year earlier."""
    dated = [(i, p) for i, p in enumerate(periods) if p is not None]
    if not dated:
        return None
    quarters = [(i, p) for i, p in dated if p.months == 3]
    # never a six-, nine- or twelve-month column as the quarter: none at all rather than that
    pool = quarters or [(i, p) for i, p in dated if p.months is None]
    if not pool:
        return None
    current_index, current = max(pool, key=lambda ip: (ip[1].end, -_group_rank(ip[1]), -ip[0]))
    target = year_earlier(current.end)
    prior = [
        (i, p) for i, p in dated
        if i != current_index and p.months == current.months and _near(p.end, target)
    ]
    prior_index = min(
        prior, key=lambda ip: (abs((ip[1].end - target).days), _group_rank(ip[1]), ip[0])
    )[0] if prior else None
    return current_index, prior_index


_WHOLE_COMPANY = re.compile(r"\b(?:consolidated|total)\b", re.I)


def _group_rank(period: Period) -> int:
    """0 for a column of the whole company ("Consolidated", "Total") among segment column
    groups of the same period, else 1."""
    return 0 if _WHOLE_COMPANY.search(period.label) else 1


def choose_balance_columns(
    periods: list[Period | None], fiscal_year_end: str | None
) -> tuple[int, int | None] | None:
    """(current, prior): the latest date, and the prior fiscal year end or else a year earlier."""
    dated = [(i, p) for i, p in enumerate(periods) if p is not None]
    if not dated:
        return None
    current_index, current = max(dated, key=lambda ip: (ip[1].end, -ip[0]))
    others = [(i, p) for i, p in dated if p.end < current.end]
    if not others:
        return current_index, None
    if fiscal_year_end:
        fye = [(i, p) for i, p in others if is_fiscal_year_end(p.end, fiscal_year_end)]
        if fye:
            return current_index, max(fye, key=lambda ip: ip[1].end)[0]
    target = year_earlier(current.end)
    earlier = [(i, p) for i, p in others if _near(p.end, target)]
    if earlier:
        return current_index, earlier[0][0]
    if len({p.end for _, p in others}) == 1:
        return current_index, others[0][0]
    return current_index, None


def is_fiscal_year_end(day: date, fiscal_year_end: str) -> bool:
    """Whether a date is (within a 52/53-week drift of) the fiscal year end "MMDD"."""
    month, dom = int(fiscal_year_end[:2]), int(fiscal_year_end[2:])
    for year in (day.year - 1, day.year, day.year + 1):
        anchor = _date(year, month, min(dom, 28 if month == 2 else dom))
        if anchor and _near(day, anchor, 7):
            return True
    return False


def accounting_month(end: date) -> tuple[int, int]:
    """(year, month) a period end belongs to: a few days into a month count for the one before."""
    if end.day <= 7:
        shifted = end - timedelta(days=end.day)
        return shifted.year, shifted.month
    return end.year, end.month


def named_quarter(text: str) -> tuple[int | None, int | None, str | None]:
    """(quarter, fiscal year, the words) as the filing names its quarter.

    >>> named_quarter("Reports First Quarter Fiscal Year 2008 Financial Results")
    (1, 2008, 'First Quarter Fiscal Year 2008')
    >>> named_quarter("Reports Third Quarter of Fiscal 2009 Results")
    (3, 2009, 'Third Quarter of Fiscal 2009')
    >>> named_quarter("for the fiscal third quarter ended December 31, 2008")
    (3, None, 'fiscal third quarter')
    """
    match = _NAMED_QUARTER.search(text)
    if not match:
        return None, None, None
    return _named(match)


def _named(match: re.Match[str]) -> tuple[int, int | None, str]:
    """(quarter, fiscal year, the words) of one match of a named quarter."""
    q = next(g for g in (match.group("q1"), match.group("q2"), match.group("q3"), match.group("q4")) if g)
    y = next((g for g in (match.group("y1"), match.group("y2"), match.group("y3"), match.group("y4")) if g), None)
    quarter = int(q) if q.isdigit() else _ORDINALS[q.lower()]
    return quarter, int(y) if y else None, " ".join(match.group(0).split())


def _agreeing_name(
    text: str, year: int, month: int, months: int, fye_month: int | None
) -> tuple[int | None, int | None, str | None]:
    """The first quarter the text names that can be this period: its quarter agrees with the
    fiscal year end and its year with the period end (a release also names the year-earlier
    quarter, an MD&A other years). Fiscal years ending in January or February may be named
    for the year before."""
    for match in itertools.islice(_NAMED_QUARTER.finditer(text), 200):
        quarter, named_year, words = _named(match)
        if fye_month is not None and months == 3 and quarter != ((month - fye_month - 1) % 12) // 3 + 1:
            continue
        ends = fye_month if fye_month is not None else (month - 3 * quarter - 1) % 12 + 1
        fiscal_year = year if month <= ends else year + 1
        if named_year is None or named_year == fiscal_year or (ends <= 2 and named_year == fiscal_year - 1):
            return quarter, named_year, words
    return None, None, None


def fiscal_period(
    end: date, months: int, weeks: int | None, fiscal_year_end: str | None, text: str
) -> FiscalPeriod:
    """The fiscal quarter of a period: from the filing's words, else from the fiscal year end."""
    year, month = accounting_month(end)
    fye_month = _fye_month(fiscal_year_end) if fiscal_year_end else None
    named_q, named_y, as_named = _agreeing_name(text, year, month, months, fye_month)
    quarter = fiscal_year = None
    if fye_month is not None:
        quarter = ((month - fye_month - 1) % 12) // 3 + 1 if months == 3 else None
        fiscal_year = year if month <= fye_month else year + 1
    elif named_q and months == 3:
        fye_month = (month - 3 * named_q - 1) % 12 + 1
        quarter, fiscal_year = named_q, named_y or (year if month <= fye_month else year + 1)
    if named_q and named_y and quarter in (None, named_q):
        quarter, fiscal_year = named_q, named_y
    if named_q != quarter:
        as_named = None
    label = f"Q{quarter} FY{fiscal_year}" if quarter and fiscal_year else (
        f"FY{fiscal_year}" if fiscal_year and months == 12 else f"{months} months ended {end.isoformat()}"
    )
    return FiscalPeriod(
        end=end, months=months, fiscal_year=fiscal_year, fiscal_quarter=quarter,
        label=label, as_named=as_named, weeks=weeks,
    )


def _fye_month(fiscal_year_end: str) -> int:
    """The month a fiscal year ends in; "0102" (a 52/53-week year ending January 2) is December.

    >>> _fye_month("0630"), _fye_month("0102"), _fye_month("1231")
    (6, 12, 12)
    """
    month, day = int(fiscal_year_end[:2]), int(fiscal_year_end[2:])
    return (month - 2) % 12 + 1 if day <= 7 else month


def fiscal_year_end_from(period: FiscalPeriod) -> str | None:
    """The "MMDD" month end implied by a named fiscal quarter (Q1 ending Sept 30 -> June 30)."""
    if not period.fiscal_quarter or period.months != 3:
        return None
    year, month = accounting_month(period.end)
    fye_month = (month - 3 * period.fiscal_quarter - 1) % 12 + 1
    last = (date(2001 if fye_month != 12 else 2001, fye_month % 12 + 1, 1) - timedelta(days=1)).day
    return f"{fye_month:02d}{last:02d}"
