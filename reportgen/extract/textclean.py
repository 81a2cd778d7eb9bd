"""Shared cleanup of a filing's decoded text into paragraphs and sentences.

Filings reach the readers in three shapes: hard-wrapped EDGAR text (a paragraph spread over
lines of ~80 characters, blank lines between paragraphs), one paragraph a line (HTML turned
into text, the project's sample), and text renderings with escapes (`\\$`) and words split by
tabs. Raw HTML (alone or inside an EDGAR submission) is first turned into the
one-paragraph-a-line shape by the HTML reader. Every reader of narrative text starts from the
same clean paragraphs, so the fixes for each shape are written once here.
"""

from __future__ import annotations

import html
import re
import string
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from reportgen.limits import MAX_PARAGRAPH_CHARS

# "-", "–", "—", "•", "·", "▪", "●", "∙", "◦", "■", "➢", "‣", "⁃", "*", Symbol/Wingdings
# private-use bullets, the "Ø" that Wingdings arrows become, and the letter "o" of text filings
_BULLET_CHARS = "\\-\u2013\u2014\u2022\u00b7\u25aa\u25cf\u2219\u25e6\u25a0\u27a2\u2023\u2043*\uf0b7\uf0a7\uf0d8\u00d8"
_BULLET = re.compile(rf"^\s*(?:[{_BULLET_CHARS}o]|--)\s+(?=\S)")
_BULLET_ONLY = re.compile(rf"^\s*(?:[{_BULLET_CHARS}]|--)\s*$")
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_INLINE_TAG = re.compile(
    r"</?(?:span|font|b|i|u|a|em|strong|sup|sub|small|big|ix:[a-z]+)\b[^<>]*>", re.I
)
_HTML_DOC = re.compile(r"<html\b|<!doctype html|<body\b", re.I)
_HTML_TAGS = re.compile(r"<(?:html|body|table|div|p|font|span|td|br)\b", re.I)
# The body as runs of non-"<" characters and "<"s that do not close it: the same text as a
# lazy `.*?`, scanned in C instead of trying "</TEXT>" at each character. Without possessive
# quantifiers, as in sources/edgar.py (CPython 3.11.0-3.11.4 match them wrongly).
_TEXT_PART = re.compile(r"(<TEXT>)([^<]*(?:<(?!/TEXT>)[^<]*)*)(</TEXT>)", re.I)
_SGML_BLOCK = re.compile(r"<SEC-HEADER>.*?</SEC-HEADER>|<TABLE>.*?</TABLE>", re.S | re.I)
# Matched against the stripped line: whitespace around a repeated class that holds
# whitespace made the match cubic (a line of 20,000 spaces then a word never returned).
_PAGE_LINE = re.compile(
    r"<PAGE>|-?\s*\d{1,3}\s*-?|page \d+|-\s*more\s*-|-\s*table[s]? to follow\s*-"
    r"|-?\s*financials? follows?\s*-?|#\s*#\s*#|[=_\-\s]{3,}",
    re.I,
)
_TABULAR = re.compile(r"\t|\S {3,}(?:[$(]\s*)?-?[\d(]")  # nothing after the spaces may match a space
_SPLIT_WORD = re.compile(r"(?<=[A-Za-z])\t(?=[a-z])")
_ASCII_LETTERS = frozenset(string.ascii_letters)
_ASCII_NON_LETTERS = bytes(i for i in range(128) if chr(i) not in _ASCII_LETTERS)
_END_PUNCT = (".", "!", "?", ":", ";", '"', "\u201d", ")", "'")

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH_NAMES = frozenset(
    "january february march april may june july august september october november december".split()
)
DATE_RE = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
    r"\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}"
)
_DATE = re.compile(r"([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})")


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of narrative: its cleaned text, first line (1-based), and shape."""

    text: str
    line: int
    bullet: bool = False  # the paragraph was a bulleted item
    tabular: bool = False  # the lines looked like table rows (tabs, wide gaps before numbers)

    @property
    def is_heading(self) -> bool:
        """A short line without sentence punctuation, e.g. "Update on Clinical-Stage Compounds"."""
        words = self.text.split(None, 8)  # nine pieces at most: a long paragraph is not split whole
        if not 0 < len(words) <= 8 or self.text.endswith((",", ";", ":")):
            return False
        return not self.text.endswith(".") or _ends_abbreviated(self.text)


def parse_date(text: str) -> date | None:
    """A date written "November 1, 2007", "Aug. 9, 2005" or "Sept. 30 2007"; None otherwise.

    >>> parse_date("Sept. 30, 2007")
    datetime.date(2007, 9, 30)
    >>> parse_date("February 30, 2007") is None
    True
    >>> parse_date("Mayor 12, 2007") is None
    True
    """
    m = _DATE.search(text)
    if not m:
        return None
    word = m.group(1).lower()
    month = MONTHS.get(word) or (MONTHS.get(word[:3]) if word in _MONTH_NAMES else None)
    if not month:
        return None
    try:
        return date(int(m.group(3)), month, int(m.group(2)))
    except ValueError:
        return None


@lru_cache(maxsize=8192)  # the cover's clean text and the paragraphs clean the same lines
def clean_line(line: str) -> str:
    """One line with escapes undone, markup and bullets removed, spaces normalised.

    >>> clean_line("- o Revenue was \\\\$11.4 million,\\tcompared")
    'Revenue was $11.4 million, compared'
    """
    # The substring tests spare regex scans of the many lines that hold no tab or markup.
    if "\t" in line:
        line = _SPLIT_WORD.sub("", line)
    line = line.replace("\\$", "$").replace("\\%", "%")
    if "<" in line:
        line = _TAG.sub(" ", _INLINE_TAG.sub("", line))
    line = html.unescape(line)
    line = line.replace("``", "\u201c").replace("''", "\u201d")
    line = line.replace("\u00a0", " ").replace("\u200b", "")
    while True:
        stripped = _BULLET.sub("", line, count=1)
        if stripped == line:
            break
        line = stripped
    return " ".join(line.split())  # str.split() and re's \s agree on whitespace; split is faster


# The only characters a case-blind regex matches to an ASCII letter that str.lower() does not
# turn into that letter ("İ" lowers to two characters; "ı" matches i, "ſ" matches s).
_FOLD_TRAPS = ("\u0130", "\u0131", "\u017f")


def may_contain(text: str, needles: tuple[str, ...]) -> bool:
    """False only when no lower-case ASCII needle occurs in `text`, case-blind.

    A case-blind regex every match of which holds one of the needles cannot match where this
    is False; a few substring tests in C spare its scan of the text, position by position.
    """
    if "\u0130" in text or "\u0131" in text or "\u017f" in text:  # _FOLD_TRAPS, unrolled: called per sentence
        return True
    low = text.lower()
    for needle in needles:
        if needle in low:
            return True
    return False


@lru_cache(maxsize=2)
def lowered(document: str) -> str:
    """A whole document lower-cased, kept: the EDGAR splitter, the not-a-filing test, the HTML
    reader and the text reader each test the same megabytes for substrings."""
    return document.lower()


def needles_in(text: str, needles: tuple[str, ...], low: str | None = None) -> frozenset[str]:
    """The lower-case ASCII needles that occur in `text`, case-blind, from one lower-cased copy
    (`low`, when the caller has it); all of them where a fold trap is. `may_contain` for several
    needles at once, so a long text is lowered once, not once per needle."""
    if any(trap in text for trap in _FOLD_TRAPS):
        return frozenset(needles)  # a case-blind regex may match where no needle occurs
    low = text.lower() if low is None else low
    return frozenset(n for n in needles if n in low)


def first_match(pattern: re.Pattern[str], text: str, needles: tuple[str, ...]) -> re.Match[str] | None:
    """`pattern.search(text)` for a case-blind pattern every match of which starts with one
    of the lower-case ASCII needles: the pattern is tried only where a needle starts.

    On megabytes of text a regex search tries every position; `str.find` jumps to the few
    where a match may begin (positions agree, as no fold trap is in the text). The earliest
    start wins, as in a search.
    """
    if any(trap in text for trap in _FOLD_TRAPS):
        return pattern.search(text)
    low = text.lower()
    best: re.Match[str] | None = None
    for needle in needles:
        at = low.find(needle)
        while at >= 0 and (best is None or at < best.start()):
            found = pattern.match(text, at)
            if found:
                best = found
                break
            at = low.find(needle, at + 1)
    return best


def has_match(pattern: re.Pattern[str], text: str, needles: tuple[str, ...], low: str | None = None) -> bool:
    """`bool(first_match(pattern, text, needles))`, without looking for the earliest match:
    the first needle that starts one answers, and the other needles' places are not tried.
    `low` is the text lower-cased, when the caller has it."""
    if any(trap in text for trap in _FOLD_TRAPS):
        return pattern.search(text) is not None
    low = text.lower() if low is None else low
    for needle in needles:
        at = low.find(needle)
        while at >= 0:
            if pattern.match(text, at):
                return True
            at = low.find(needle, at + 1)
    return False


def find_all(pattern: re.Pattern[str], text: str, needles: tuple[str, ...]) -> list[re.Match[str]]:
    """`list(pattern.finditer(text))` for a case-blind pattern every match of which starts with
    one of the lower-case ASCII needles and is never empty: tried only where a needle starts.

    Matches do not overlap, as in finditer: after one, the next is looked for from its end.
    """
    if any(trap in text for trap in _FOLD_TRAPS):
        return list(pattern.finditer(text))
    low = text.lower()
    found: list[re.Match[str]] = []
    end = 0
    for at in sorted({at for needle in needles for at in _places(low, needle)}):
        if at >= end:
            match = pattern.match(text, at)
            if match:
                found.append(match)
                end = match.end()
    return found


def _places(low: str, needle: str) -> list[int]:
    """Every index where the needle starts in the text, overlapping ones included."""
    places: list[int] = []
    at = low.find(needle)
    while at >= 0:
        places.append(at)
        at = low.find(needle, at + 1)
    return places


def is_html(text: str) -> bool:
    """Whether a text is an HTML (or inline XBRL) document rather than plain text."""
    return bool(_HTML_DOC.search(text[:5000])) or len(_HTML_TAGS.findall(text[:20000])) > 20


def readable_text(text: str, known: Mapping[str, str] | None = None) -> str:
    """The text readers work on: HTML, alone or as documents of an EDGAR submission, as text.

    Callers may hand over a filing's raw decoded text; an HTML document in it becomes one
    paragraph a line (through the HTML reader's `html_to_text`), plain text is left as is.
    `known` maps an HTML document (as the EDGAR splitter cut it) to its text already read,
    so no document is parsed twice.
    """
    if not is_html(text):
        return text
    known = known or {}
    # "<text>" has no letter a case-blind match may spell otherwise: a substring test is exact
    if "<text>" in lowered(text) and _TEXT_PART.search(text):
        return _TEXT_PART.sub(
            lambda m: "\n".join((m.group(1), _part_text(m.group(2), known), m.group(3))),
            text,
        )
    return known.get(text) or _html_text(text)


def _part_text(body: str, known: Mapping[str, str]) -> str:
    """A <TEXT> block's body as text, HTML through the HTML reader.

    Its first newline is left out, as the EDGAR splitter leaves it out of the document (HTML
    reads no text from it), so the text read with the document's grids is found in `known`.
    """
    if not is_html(body):
        return body
    body = body[1:] if body.startswith("\n") else body
    return known.get(body) or _html_text(body)


def _html_text(html: str) -> str:
    """An HTML document's text (the HTML reader imports this module: imported here)."""
    from reportgen.extract.html_tables import html_to_text

    return html_to_text(html)


def one_line(text: str) -> str:
    """`" ".join(text.split())`, for the text of a whole document: where spaces and line ends
    are its only blanks (`isprintable` finds any other), the runs are closed up by
    replacements in C instead of a split into some 30,000 words."""
    if text.replace("\n", "").isprintable():
        flat = text.replace("\n", " ")
        while "  " in flat:
            flat = flat.replace("  ", " ")
        return flat.strip(" ")
    return " ".join(text.split())


def clean_text(text: str) -> str:
    """The whole text with every line cleaned (no paragraph joining)."""
    return "\n".join(clean_line(line) for line in text.splitlines())


def _is_bullet(line: str) -> bool:
    """Whether a raw line starts a bulleted item."""
    return bool(_BULLET.match(_SPLIT_WORD.sub("", line) if "\t" in line else line))


def _blank_sgml(text: str) -> str:
    """SEC headers and <TABLE> blocks replaced by blank lines, so line numbers stay true."""
    return _SGML_BLOCK.sub(lambda m: "\n" * m.group(0).count("\n"), text)


def _is_wrapped(lines: list[str]) -> bool:
    """Whether paragraphs are hard-wrapped over several lines (EDGAR text) or one a line."""
    lengths = [len(s.rstrip()) for s in lines if s.strip()]
    if not lengths:
        return False
    long = sum(1 for n in lengths if n > 100)
    return long / len(lengths) < 0.05


def _indent(line: str) -> int:
    """Leading spaces of a raw line (tabs count as eight)."""
    expanded = line.expandtabs(8)
    return len(expanded) - len(expanded.lstrip())


def _all_caps(line: str) -> bool:
    """A line in capitals, as headlines and cover captions of text filings are."""
    if line.isascii():  # the usual case, in C: the letters are A-Z and a-z alone
        return line == line.upper() and len(line.encode().translate(None, _ASCII_NON_LETTERS)) >= 3
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 3 and not any(c.islower() for c in letters)


def _starts_paragraph(block: list[str], raw: str) -> bool:
    """Whether a raw line of wrapped text begins a new paragraph rather than continuing one."""
    prev = block[-1]
    if _is_bullet(raw) or _all_caps(prev) != _all_caps(raw):
        return True
    if len(block) == 1:
        if _is_bullet(prev):
            return False  # a bullet's hanging indent
        return _indent(raw) > _indent(prev) + 1  # first-line indents are allowed, not the reverse
    return _indent(raw) != _indent(block[1])


def _raw_blocks(text: str) -> tuple[list[tuple[int, list[str]]], bool]:
    """Runs of lines that make paragraphs, each with its first line; and whether text is wrapped."""
    lines = _blank_sgml(text).splitlines()
    wrapped = _is_wrapped(lines)
    blocks: list[tuple[int, list[str]]] = []
    current: list[str] = []
    start = 0

    def close() -> None:
        nonlocal current
        if current:
            blocks.append((start, current))
        current = []

    for i, raw in enumerate(lines, start=1):
        if not raw.strip() or _PAGE_LINE.fullmatch(raw.strip()) or _BULLET_ONLY.match(raw):
            close()
            continue
        if not wrapped or not current or _starts_paragraph(current, raw):
            close()
            start = i
            current = [raw]
        else:
            current.append(raw)
        if wrapped and len(raw.strip()) < 45 and not raw.rstrip().endswith("-"):
            close()  # a short line ends its paragraph (last line, heading, or contact line)
    close()
    return blocks, wrapped


def _join_lines(lines: list[str]) -> str:
    """Hard-wrapped lines joined into one, mending words split at a line-end hyphen."""
    out = ""
    for raw in lines:
        part = clean_line(raw)
        if not out:
            out = part
        elif out[-2:-1] in _ASCII_LETTERS and out.endswith("-") and part[:1].isalpha():
            out += part
        else:
            out += " " + part
    return out


def prose(text: str) -> str:
    """The sentences of a text: its paragraphs that are not table rows, one a line."""
    return "\n".join(p.text for p in paragraphs(text) if not p.tabular)


def paragraphs(text: str) -> list[Paragraph]:
    """The text's paragraphs, cleaned, with a paragraph broken by a page joined again."""
    return list(_paragraphs(text))


@lru_cache(maxsize=2)
def _paragraphs(text: str) -> tuple[Paragraph, ...]:
    """Paragraphs computed once per text: the cover and highlight readers both ask for them."""
    result: list[Paragraph] = []
    blocks, wrapped = _raw_blocks(text)
    for start, lines in blocks:
        body = _join_lines(lines)
        if not body:
            continue
        # _TABULAR needs a tab or three spaces: test for them before scanning every line
        tabular = any(("\t" in raw or "   " in raw) and _TABULAR.search(raw.strip()) for raw in lines)
        para = Paragraph(body, start, _is_bullet(lines[0]), tabular)
        prev = result[-1] if result else None
        indented = not wrapped and lines[0][:1].isspace() and not para.bullet
        if prev and not prev.tabular and len(prev.text) < MAX_PARAGRAPH_CHARS and _continues(prev.text, body, indented):
            result[-1] = Paragraph(prev.text + " " + body, prev.line, prev.bullet, tabular)
        else:
            result.append(para)
    return tuple(result)


def _continues(before: str, after: str, indented: bool = False) -> bool:
    """Whether `after` is the rest of a sentence that a page break or blank line cut."""
    return (
        len(before.split(None, 12)) > 12  # thirteen pieces when more than twelve words
        and not before.endswith(_END_PUNCT)
        and (after[:1].islower() or indented)
    )


_ABBREV = re.compile(
    r"(?:\b(?:Inc|Corp|Co|Ltd|Mr|Mrs|Ms|Dr|Jr|Sr|St|No|Nos|vs|approx|Calif|Mass|Conn|Wash"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|U\.S|e\.g|i\.e|etc|Ph\.D|N\.A"
    r"|L\.P|S\.A|N\.V)|\b[A-Z])\.$"
)


# Every match of _ABBREV ends the text ("\.$", a final newline aside) and is at most seven
# characters long ("approx."), so the search may start eight from the end (\b still sees the
# character before): a long paragraph is not scanned from its start.
_ABBREV_SPAN = 8


def _ends_abbreviated(text: str) -> bool:
    """Whether the text ends with an abbreviation's or an initial's period ("Inc.", "J.")."""
    return bool(_ABBREV.search(text, max(0, len(text) - _ABBREV_SPAN)))


_SENTENCE_END = re.compile(r"[.!?][\"\u201d\u2019')]*\s+(?=[\"\u201c(\[]?[A-Z$0-9])")


def sentences(paragraph: str) -> list[str]:
    """A paragraph split into sentences, keeping "Inc.", "Mr." and initials inside them.

    >>> sentences('Sales rose. ImmunoGen, Inc. said so. "Good," said Daniel M. Junius.')
    ['Sales rose.', 'ImmunoGen, Inc. said so.', '"Good," said Daniel M. Junius.']
    """
    parts: list[str] = []
    start = 0
    for m in _SENTENCE_END.finditer(paragraph):
        head = paragraph[start : m.start() + 1]
        if _ends_abbreviated(head):
            continue
        parts.append(paragraph[start : m.end()].strip())
        start = m.end()
    tail = paragraph[start:].strip()
    if tail:
        parts.append(tail)
    return parts


_DATELINE = re.compile(
    r"^[A-Z][A-Z .'\-]{2,40}(?:,\s*[A-Za-z. ]{2,20})?\s*(?:--\s*\([A-Za-z .\-]{3,30}\)\s*--|[,\u2014\u2013])\s*"
    r"(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,?\s+\d{4})?)\s*(?:/[^/]{0,40}/\s*|\([^()]{0,40}\)\s*)?"
    r"(?:(?:--|\u2014|\u2013|-)\s*|(?=[A-Z]))"
)


def strip_dateline(sentence: str) -> str:
    """A release's first sentence without its dateline ("CAMBRIDGE, MA, November 1, 2007 -- ").

    >>> strip_dateline("SAN JOSE, Calif., Aug. 9 /PRNewswire/ -- Acme Corp. today announced results.")
    'Acme Corp. today announced results.'
    >>> strip_dateline("SANTA CLARA, Calif.--(BUSINESS WIRE)--Jan. 14, 2010--Acme Corp. reported.")
    'Acme Corp. reported.'
    >>> strip_dateline("AUSTIN, Texas \u2013 May 2, 2017Acme Corp. reported.")
    'Acme Corp. reported.'
    """
    return _DATELINE.sub("", sentence, count=1)


MAX_WORDS = 60


def trim_sentence(sentence: str, max_words: int = MAX_WORDS) -> str:
    """A long sentence cut at its last clause break within `max_words`, marked with "…".

    A brief is read in a minute, so a 70-word sentence keeps its main clause; the cut is only
    at a comma or semicolon, so what remains is still the filing's own words, in order.

    >>> trim_sentence("Costs fell, as planned.", max_words=3)
    'Costs fell …'
    >>> trim_sentence("Costs fell as planned.", max_words=3)
    'Costs fell as planned.'
    """
    words = sentence.split()
    if len(words) <= max_words:
        return sentence
    head = " ".join(words[:max_words])
    cut = max(head.rfind(", "), head.rfind("; "))
    if cut <= 0 or len(head[:cut].split()) < min(15, max_words // 2):
        return sentence
    return head[:cut] + " \u2026"
