"""Cover facts of a filing read from its words: who filed, what form, when, which quarter.

The cover page of an 8-K or 10-Q and the opening lines of an earnings release state these
facts in a handful of standard phrasings ("(Exact name of registrant as specified in its
charter)", "(Nasdaq: IMGN)", "Date of Report ...", "first quarter of fiscal 2008"). Every
field is read from such a phrase or left None: nothing is inferred from elsewhere.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from reportgen.extract.textclean import (
    DATE_RE,
    Paragraph,
    clean_text,
    find_all,
    first_match,
    may_contain,
    needles_in,
    paragraphs,
    parse_date,
    readable_text,
)


@dataclass(frozen=True)
class CoverFacts:
    """What the filing's own words say about who, which form, when and which quarter."""

    company: str | None = None  # the registrant's exact name, e.g. "ImmunoGen, Inc."
    ticker: str | None = None  # e.g. "IMGN"
    exchange: str | None = None  # "Nasdaq", "NYSE", ...
    form: str | None = None  # "8-K", "10-Q", ...
    report_date: date | None = None
    report_date_text: str | None = None  # the words the date was read from
    period_as_named: str | None = None  # e.g. "first quarter fiscal 2008"
    fiscal_year: int | None = None  # only when the words state it
    fiscal_quarter: int | None = None  # only when the words state it
    period_end: date | None = None  # only when the words say "... ended <date>"


def read_cover(text: str, known: Mapping[str, str] | None = None) -> CoverFacts:
    """Read the cover facts from a filing's decoded text (any of the project's shapes);
    `known` holds the text of HTML documents already read (see `readable_text`)."""
    text = readable_text(text, known)
    clean = clean_text(text)
    paras = [p for p in paragraphs(text) if not p.tabular]
    form = read_form(clean)
    company = read_company(clean)
    ticker, exchange = read_ticker(clean, company)
    when, when_text = read_report_date(clean, paras)
    period = read_period(paras, clean, form)
    return CoverFacts(
        company=company,
        ticker=ticker,
        exchange=exchange,
        form=form,
        report_date=when,
        report_date_text=when_text,
        period_as_named=period.as_named if period else None,
        fiscal_year=period.year if period else None,
        fiscal_quarter=period.quarter if period else None,
        period_end=period.end if period else None,
    )


# --- company -----------------------------------------------------------------------------

_EXACT_NAME = re.compile(r"\(\s*exact\s+name\s+of\s+(?:the\s+)?registrant", re.I)
_RULE = re.compile(r"^[\s\-_=*.]*$")
_SUFFIX = (
    r"(?:Inc\.?|Incorporated|Corporation|Corp\.?|Company|Co\.|Ltd\.?|Limited|plc|PLC|LLC"
    r"|L\.P\.|N\.V\.|S\.A\.|AG|SE|Bancorp(?:oration)?|Holdings?,?\s+Inc\.?)"
)
_NAME_WORD = r"(?:[A-Z][\w&'\-]*\.?|&|of|and|the|de)"
_SUFFIXED_NAME = rf"(?:[A-Z][\w&'\-]*\.?)(?:\s+{_NAME_WORD}){{0,5}}?,?\s+{_SUFFIX}"
_ISSUED_BY = re.compile(rf"(?:release|issued)\s+(?:issued\s+)?by\s+({_SUFFIXED_NAME})")
_COPYRIGHT = re.compile(rf"(?:©|\(c\)|Copyright)\s*(?:©\s*)?(?:19|20)\d\d\s+({_SUFFIXED_NAME})")


def read_company(clean: str) -> str | None:
    """The registrant's name from the cover caption, else the name beside its ticker."""
    name = _cover_name(clean) or _ticker_name(clean) or _credited_name(clean)
    if name is None:
        return None
    if name.isupper():
        name = _mixed_case(name, clean) or name
    return name


def _cover_name(clean: str) -> str | None:
    """The text just above "(Exact name of registrant as specified in its charter)"."""
    m = _EXACT_NAME.search(clean)
    if not m:
        return None
    before = clean[: m.start()].split("\n")
    same_line = before[-1].strip() if before else ""
    if same_line:
        return _plausible_name(same_line)
    for line in reversed(before[:-1]):
        if not _RULE.match(line):
            return _plausible_name(line.strip())
    return None


_CAPTION_LEAD = re.compile(r"^.*?Commission\s+File\s+(?:Number|No\.?)\s*:?\s*[\d\-]+\s*", re.I)


_TWO_LETTERS = re.compile(r"[A-Za-z]{2}")


def _plausible_name(text: str) -> str | None:
    """The text if it reads like a company name (short, has letters), else None."""
    text = _CAPTION_LEAD.sub("", text).strip(" -_=")
    if 2 <= len(text) <= 100 and _TWO_LETTERS.search(text):
        return text
    return None


@lru_cache(maxsize=2)
def _flat(clean: str) -> str:
    """The text on one line, computed once: several cover readers search it."""
    # re.sub(r"\s+", " ", clean). Cleaned lines hold single spaces alone (see clean_line), so
    # when spaces and line ends are its only blanks ("isprintable" finds any other), the runs
    # between lines are closed up by replacements in C instead of a split into words.
    if clean.replace("\n", "").isprintable():
        flat = clean.replace("\n", " ")
        while "  " in flat:
            flat = flat.replace("  ", " ")
        return flat
    # otherwise built by str.split (the same whitespace) at a third of the regex's cost
    words = clean.split()
    if not words:
        return " " if clean else ""
    return (" " if clean[0].isspace() else "") + " ".join(words) + (" " if clean[-1].isspace() else "")


_NAME_AT_END = re.compile(rf"({_SUFFIXED_NAME}),?\s*\(?\s*$")  # the name right before a ticker
_BASED = re.compile(r"^[\w.]+-(?:based|headquartered)\s+")


def _ticker_name(clean: str) -> str | None:
    """A legal name written right before "(Exchange: TICKER)"."""
    flat = _flat(clean)
    for m in _TICKER.finditer(flat):
        head = flat[max(0, m.start() - 120) : m.start()]
        found = _NAME_AT_END.search(head)
        if found:
            name = _trim_name(_BASED.sub("", found.group(1)))
            # "Atlanta-based Southern Company (NYSE: SO)": the legal name is "The Southern Company"
            return f"The {name}" if re.search(rf"\bThe {re.escape(name)}(?!\w)", flat) else name
    return None


def _credited_name(clean: str) -> str | None:
    """A legal name after "press release issued by" or in a copyright line."""
    flat = _flat(clean)
    for pattern in (_ISSUED_BY, _COPYRIGHT):
        m = pattern.search(flat)
        if m:
            return _trim_name(m.group(1))
    return None


def _trim_name(name: str) -> str:
    """A name with leading sentence words ("The", "On May 1,") and a trailing comma removed."""
    words = name.split()
    while len(words) > 2 and not words[0][:1].isupper():
        words.pop(0)
    return " ".join(words).rstrip(",")


def _mixed_case(name: str, clean: str) -> str | None:
    """The name as the filing writes it in mixed case, e.g. "Pericom Semiconductor Corporation"."""
    words = name.split()
    pattern = re.compile(r"\b" + r"\s+".join(re.escape(w) for w in words) + r"(?!\w)", re.I)
    # Every match starts with the first word: only its places are tried (an ASCII word, whose
    # case-blind matches are its lower-cased places; another falls back to a scan).
    first = words[0].lower()
    matches = find_all(pattern, clean, (first,)) if words[0].isascii() else pattern.finditer(clean)
    found = Counter(
        re.sub(r"\s+", " ", m.group(0))
        for m in matches
        if not m.group(0).isupper() and m.group(0) != m.group(0).lower()
    )
    if not found:
        return None
    return found.most_common(1)[0][0]


# --- ticker and exchange -------------------------------------------------------------------

_EXCHANGE = (
    r"(?:NASDAQ|Nasdaq|NasdaqGS|NasdaqGM|NYSE(?:\s+(?:American|Arca|MKT|Amex))?|AMEX|Amex"
    r"|American\s+Stock\s+Exchange|New\s+York\s+Stock\s+Exchange|OTCBB|OTCQX|OTCQB|OTC(?:\s+Markets|\s+Pink)?|TSX)"
)
_TIER = r"(?:\s+(?:GS|GM|CM|NM|Global\s+Select\s+Market|Global\s+Market|Capital\s+Market|National\s+Market))?"
_TICKER = re.compile(
    rf"(?P<ex>{_EXCHANGE}){_TIER}\s*:\s*(?P<tk>[A-Z]{{1,5}}(?:[.\-][A-Z]{{1,2}})?)\b"
)
_SYMBOL = re.compile(
    rf"(?P<ex>{_EXCHANGE}){_TIER}[^.]{{0,60}}?under\s+the\s+(?:ticker\s+|trading\s+)?symbols?\s*"
    r"[\"“']?(?P<tk>[A-Z]{1,5})\b"
)
_TRADING_SYMBOL = re.compile(r"Trading\s+Symbol", re.I)
_SYMBOL_ROW = re.compile(
    rf"\b(?!THE\b)(?P<tk>[A-Z]{{1,5}}(?:[.\-][A-Z]{{1,2}})?)\s+(?i:the\s+)?(?P<ex>(?i:{_EXCHANGE}|Nasdaq\s+Stock\s+Market))"
)


def read_ticker(clean: str, company: str | None = None) -> tuple[str | None, str | None]:
    """The ticker and exchange from "(Nasdaq: IMGN)", "... under the symbol X" or a 12(b) table.

    Where several tickers are printed, the one written after the company's name wins, so a
    partner's "(NYSE: XYZ)" is not taken for the registrant's.
    """
    flat = _flat(clean)
    m = _TRADING_SYMBOL.search(flat)
    if m:
        row = _SYMBOL_ROW.search(flat, m.end(), m.end() + 600)
        if row:
            return row.group("tk"), _exchange_name(row.group("ex"))
    found = [m for pattern in (_TICKER, _SYMBOL) for m in pattern.finditer(flat)]
    if not found:
        return None, None
    first_word = company.split()[0].strip(",").lower() if company else None
    own = [m for m in found if first_word and _named_before(flat, m.start()) == first_word]
    best = min(own or found, key=lambda m: m.start())
    return best.group("tk"), _exchange_name(best.group("ex"))


_NAME_WORDS_AT_END = re.compile(rf"((?:{_NAME_WORD}[\s,]+){{1,6}})\(?\s*$")


def _named_before(flat: str, at: int) -> str | None:
    """The first word of the capitalised name written just before a ticker, lower-cased."""
    head = flat[max(0, at - 80) : at]
    m = _NAME_WORDS_AT_END.search(head)
    if not m:
        return None
    words = [w for w in m.group(1).replace(",", " ").split() if w[:1].isupper()]
    return words[0].lower() if words else None


def _exchange_name(printed: str) -> str:
    """A printed exchange name in its short form: "Nasdaq", "NYSE", "NYSE American"..."""
    key = re.sub(r"\s+", " ", printed).lower()
    if key.startswith("nasdaq"):
        return "Nasdaq"
    if key in ("nyse", "new york stock exchange"):
        return "NYSE"
    if key in ("amex", "american stock exchange", "nyse amex", "nyse mkt", "nyse american"):
        return "NYSE American" if key.startswith("nyse") else "AMEX"
    return re.sub(r"\s+", " ", printed)


# --- form and dates --------------------------------------------------------------------------

_FORM = re.compile(r"^\s*FORM\s+(\d{1,2}-[A-Z]{1,2}(?:/A)?)\s*$", re.M | re.I)
_DATE_OF_REPORT = re.compile(
    r"Date\s+of\s+Report(?:\s*\(\s*Date\s+of\s+earliest\s+event\s+reported\s*\))?\s*:?\s*", re.I
)
_DATE = re.compile(DATE_RE)
_WIRE = r"(?:--\s*\([A-Za-z .\-]{3,30}\)\s*--)"  # "--(BUSINESS WIRE)--"
_DATELINE = re.compile(
    rf"^[A-Z][A-Za-z .'\-]{{2,40}}(?:,\s*[A-Za-z. ]{{2,20}})?\s*(?:{_WIRE}|[,\u2014\u2013])\s*({DATE_RE})"
    r"\s*(?:/[^/]{0,40}/\s*|\([^()]{0,40}\)\s*)?(?:--|\u2014|\u2013|-|(?=[A-Z]))"
)
_SIGNED = re.compile(rf"^\s*Dated?:?\s+({DATE_RE})", re.M)
_SIGNATURES = re.compile(r"^\s*SIGNATURES?\s*$", re.M)
_SIGNED_ON = re.compile(rf"^\s*(?:Dated?:?\s+)?({DATE_RE})", re.M)


_REPORT_KIND = [
    (re.compile(r"^\W*QUARTERLY\s+REPORT\s+PURSUANT\s+TO\s+SECTION\s+13", re.M), "10-Q"),
    (re.compile(r"^\W*ANNUAL\s+REPORT\s+PURSUANT\s+TO\s+SECTION\s+13", re.M), "10-K"),
]


def read_form(clean: str) -> str | None:
    """The form named on the cover as a line of its own ("FORM 8-K" -> "8-K").

    Failing that, a 10-Q's or 10-K's cover caption ("QUARTERLY REPORT PURSUANT TO SECTION 13")
    names the form as well.
    """
    m = _FORM.search(clean)
    if m:
        return m.group(1).upper()
    for pattern, form in _REPORT_KIND:
        if pattern.search(clean):
            return form
    return None


def read_report_date(clean: str, paras: list[Paragraph]) -> tuple[date | None, str | None]:
    """The 8-K's date of report, else a release's dateline, else the date it was signed."""
    flat = _flat(clean)
    m = first_match(_DATE_OF_REPORT, flat, ("date",))
    if m:
        after = _DATE.match(flat, m.end())
        if after:
            return parse_date(after.group(0)), flat[m.start() : after.end()]
        before = list(_DATE.finditer(flat, max(0, m.start() - 60), m.start()))
        if before and not flat[before[-1].end() : m.start()].strip(" ()-"):
            return parse_date(before[-1].group(0)), flat[before[-1].start() : m.end()].strip()
    for para in paras:
        d = _DATELINE.match(para.text)
        if d and parse_date(d.group(1)):
            return parse_date(d.group(1)), d.group(0)
    return _signature_date(clean)


def _signature_date(clean: str) -> tuple[date | None, str | None]:
    """The date the report was signed: a date line in the signature block, or "Date: ..."."""
    for block in _SIGNATURES.finditer(clean):
        s = _SIGNED_ON.search(clean, block.end(), block.end() + 1500)
        if s:
            return parse_date(s.group(1)), s.group(0).strip()
    s = _SIGNED.search(clean)
    if s:
        return parse_date(s.group(1)), s.group(0).strip()
    return None, None


# --- the quarter, as the filing names it ------------------------------------------------------

_ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "1st": 1,
    "2nd": 2,
    "3rd": 3,
    "4th": 4,
}
_ORD = r"(?:first|second|third|fourth|1st|2nd|3rd|4th)"
_YEAR = r"(?:19|20)\d\d"
# Each pattern opens with a lookahead on its possible first letters: a fast reject elsewhere.
_MENTIONS = [
    re.compile(  # "fiscal 2011 first quarter", "fiscal year 2014 fourth quarter"
        rf"(?=f)\b(?:fiscal\s+(?:year\s+)?)(?P<y>{_YEAR})\s+(?P<o>{_ORD})[\s-]+(?:fiscal\s+)?quarter\b",
        re.I,
    ),
    re.compile(  # "first quarter of fiscal 2008", "Third Quarter Fiscal Year 2008", "fiscal fourth quarter"
        rf"(?=[fst1-4])\b(?:fiscal\s+)?(?P<o>{_ORD})[\s-]+(?:fiscal\s+)?quarter\b(?!s)"
        rf"(?:,?\s+(?:and\s+(?:the\s+)?(?:full[\s-]+|fiscal\s+)*year\s+)?(?:of\s+)?(?:the\s+)?"
        rf"(?:fiscal\s+)?(?:year\s+)?(?P<y>{_YEAR})\b(?![,-]\d))?",
        re.I,
    ),
    re.compile(
        rf"(?=[f12])\b(?:fiscal\s+(?:year\s+)?)?(?P<y>{_YEAR})\s+Q(?P<q>[1-4])\b", re.I
    ),  # "fiscal 2014 Q4"
    re.compile(
        r"(?=[QF])\b(?:Q(?P<q>[1-4])\s*(?:FY|F)\s*'?(?P<yy>\d{2})|FY\s*'?(?P<yy2>\d{2})\s*Q(?P<q2>[1-4]))\b"
    ),  # "Q4 FY14"
    re.compile(
        rf"(?=Q)\bQ(?P<q>[1-4])(?:\s+(?:of\s+)?(?:fiscal\s+)?(?:year\s+)?(?P<y>{_YEAR}))?\b"
    ),  # "Q4 FISCAL 2014"
]
_ENDED = re.compile(
    rf"^(?:\s+and\s+(?:the\s+)?(?:full\s+|fiscal\s+)*(?:year|(?:six|nine|twelve)\s+months))?"
    rf"\s+ended\s+({DATE_RE})",
    re.I,
)
_QUARTER_ENDED = re.compile(
    rf"(?=[fqt1])\b(?:(?:fiscal\s+)?quarter|three\s+months|three-month\s+period|13\s+weeks|thirteen\s+weeks)"
    rf"\s+ended\s+({DATE_RE})",
    re.I,
)
_QUARTERLY_PERIOD = re.compile(rf"(?:quarterly\s+period|fiscal\s+year)\s+ended\s+({DATE_RE})", re.I)
_SKIP = re.compile(
    r"forward[- ]+looking|safe harbor|conference call|webcast|Form 10-[KQ] for|annual report",
    re.I,
)


@dataclass(frozen=True)
class _Mention:
    """One naming of a quarter in the text."""

    as_named: str
    quarter: int | None
    year: int | None
    end: date | None
    headline: bool  # written in title case or capitals, as headlines are
    pos: tuple[int, int]  # (line, offset in its paragraph), for document order


def read_period(paras: list[Paragraph], clean: str, form: str | None) -> _Mention | None:
    """The reported quarter: on a 10-Q its cover period; in a release its first-named quarter."""
    mentions = _mentions(paras)
    if form and form.startswith(("10-Q", "10-K")):
        return _report_period(mentions, clean)
    ordinal = [m for m in mentions if m.quarter]
    if ordinal:
        same = [m for m in ordinal if m.quarter == ordinal[0].quarter]
        dated = [m for m in same if m.year]
        pool = dated or same
        chosen = next((m for m in pool if not m.headline), pool[0])
        end = next((m.end for m in same if m.end), None)
        return _Mention(
            chosen.as_named, chosen.quarter, chosen.year, end, chosen.headline, chosen.pos
        )
    return next(iter(mentions), None)


def _report_period(mentions: list[_Mention], clean: str) -> _Mention | None:
    """A 10-Q's quarter: an ordinal naming that ends on the cover date, else the cover's words.

    A 10-K's cover names its fiscal year ("For the fiscal year ended ..."), taken as printed.
    """
    m = _QUARTERLY_PERIOD.search(_flat(clean))
    if not m:
        return None
    end = parse_date(m.group(1))
    for mention in mentions:
        if mention.quarter and mention.end == end:
            return _with_year(mention, mentions)
    return _Mention(m.group(0)[0].lower() + m.group(0)[1:], None, None, end, False, (0, m.start()))


def _with_year(chosen: _Mention, mentions: list[_Mention]) -> _Mention:
    """The same quarter named with its year ("second quarter of 2018"), if the text does so."""
    if chosen.year or chosen.end is None:
        return chosen
    years = (chosen.end.year, chosen.end.year + 1)
    for m in mentions:
        if m.quarter == chosen.quarter and m.year in years and not m.headline:
            return _Mention(m.as_named, m.quarter, m.year, chosen.end, False, m.pos)
    return chosen


def _mentions(paras: list[Paragraph]) -> list[_Mention]:
    """Every naming of a quarter in the narrative, in document order."""
    found: list[_Mention] = []
    for para in paras:
        if not may_contain(para.text, _QUARTER_NEEDLES):
            continue
        text = para.text
        words = needles_in(text, _PARAGRAPH_NEEDLES)  # one lower-cased copy for the tests below
        if not words.isdisjoint(_SKIP_NEEDLES) and _SKIP.search(text):
            continue
        spans: list[tuple[int, int]] = []
        for pattern, needles, starts in zip(_MENTIONS, _MENTION_NEEDLES, _MENTION_STARTS):
            if words.isdisjoint(needles):
                continue  # no match to find: a long paragraph is not scanned for nothing
            for m in find_all(pattern, text, starts) if starts else pattern.finditer(text):
                if any(a <= m.start() < b for a, b in spans):
                    continue
                spans.append((m.start(), m.end()))
                found.append(_mention(m, text, para.line))
        for m in find_all(_QUARTER_ENDED, text, _QUARTER_ENDED_STARTS) if "ended" in words else ():
            if not any(a <= m.start() < b for a, b in spans):
                end = parse_date(m.group(1))
                found.append(_Mention(m.group(0), None, None, end, False, (para.line, m.start())))
    found.sort(key=lambda m: m.pos)
    return found


# Every match of _MENTIONS and _QUARTER_ENDED holds one of these (see textclean.may_contain):
# the test skips the nine paragraphs in ten that name no quarter.
_QUARTER_NEEDLES = ("quarter", "ended", "q1", "q2", "q3", "q4", "fy")
_SKIP_NEEDLES = ("forward", "safe harbor", "conference call", "webcast", "form 10-", "annual report")
_Q_DIGIT = ("q1", "q2", "q3", "q4")
_MENTION_NEEDLES = (("quarter",), ("quarter",), _Q_DIGIT, (*_Q_DIGIT, "fy"), _Q_DIGIT)  # one per _MENTIONS pattern
# How every match of each case-blind _MENTIONS pattern starts (see textclean.find_all); the
# case-sensitive "Q4 FY14" patterns are scanned whole.
_ORDINAL_WORDS = ("first", "second", "third", "fourth", "1st", "2nd", "3rd", "4th")
_MENTION_STARTS = (("fiscal",), ("fiscal", *_ORDINAL_WORDS), ("fiscal", "19", "20"), None, None)
_QUARTER_ENDED_STARTS = ("fiscal", "quarter", "three", "13", "thirteen")
_PARAGRAPH_NEEDLES = (*_QUARTER_NEEDLES, *_SKIP_NEEDLES)  # every needle _mentions asks of a paragraph


def _mention(m: re.Match[str], text: str, line: int) -> _Mention:
    """A quarter naming from a match of one of the mention patterns."""
    groups = m.groupdict()
    q = groups.get("q") or groups.get("q2")
    quarter = int(q) if q else _ORDINALS[groups["o"].lower()]
    yy = groups.get("yy") or groups.get("yy2")
    year = int(groups["y"]) if groups.get("y") else (_century(int(yy)) if yy else None)
    phrase = m.group(0)
    headline = _is_headline(phrase)
    if headline:
        phrase = " ".join(w if re.search(r"\d", w) else w.lower() for w in phrase.split())
    tail = _ENDED.match(text[m.end() :])
    end = parse_date(tail.group(1)) if tail else None
    return _Mention(phrase, quarter, year, end, headline, (line, m.start()))


_SMALL_WORDS = frozenset({"of", "the", "and", "for", "in", "to", "a"})


def _century(yy: int) -> int:
    """A two-digit fiscal year ("FY14") as four digits; filings on EDGAR start in the 1990s."""
    return 1900 + yy if yy >= 90 else 2000 + yy


def _is_headline(phrase: str) -> bool:
    """Whether a phrase is written as headlines are: every word capitalised ("Q4", "FY14" aside)."""
    words = [
        w
        for w in phrase.split()
        if w[:1].isalpha() and not re.search(r"\d", w) and w.lower() not in _SMALL_WORDS
    ]
    return bool(words) and all(w[:1].isupper() for w in words)
