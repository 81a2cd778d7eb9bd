"""EDGAR full submissions: the SGML header's facts and the documents inside.

A plain document (no <SEC-HEADER>, no <DOCUMENT>) is read as a submission of one document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from reportgen.extract.textclean import lowered, needles_in

_HEADER = re.compile(r"<SEC-HEADER>(.*?)</SEC-HEADER>", re.S | re.I)
_IMS_HEADER = re.compile(r"<IMS-HEADER>(.*?)</IMS-HEADER>", re.S | re.I)
# A document runs to </DOCUMENT>, the next <DOCUMENT> or the end. The body is written as runs
# of non-"<" characters and "<"s that open neither tag, which reads the same text as a lazy
# `.*?` but scans it in C instead of trying the end at each character. The longest run is
# always followed by one of the ends, so nothing is backtracked. No possessive quantifiers
# (`*+`): CPython 3.11.0-3.11.4 match them wrongly (gh-100061), and these found no document.
_DOCUMENT = re.compile(
    r"<DOCUMENT>([^<]*(?:<(?!/?DOCUMENT>)[^<]*)*)(?:</DOCUMENT>|(?=<DOCUMENT>)|\Z)", re.I
)
_TAG_LINE = re.compile(r"^<(TYPE|SEQUENCE|FILENAME|DESCRIPTION)>[ \t]*(.*)$", re.M | re.I)
_TEXT = re.compile(r"<TEXT>\n?([^<]*(?:<(?!/TEXT>)[^<]*)*)(?:</TEXT>|\Z)", re.I)
# What each pattern above must find in the text, lower-cased (see `_present`).
_NEEDLES = ("<sec-header>", "<ims-header>", "<document>")
_FIELD = re.compile(r"^\s*([A-Z][A-Z0-9 \-/]+?):[ \t]*(\S.*?)\s*$", re.M)
_UUENCODED = re.compile(r"^begin [0-7]{3} \S", re.M)


@dataclass(frozen=True)
class Header:
    """The facts of an EDGAR <SEC-HEADER> that a brief uses."""

    company: str | None = None
    cik: str | None = None
    form: str | None = None
    period: date | None = None
    filed: date | None = None
    fiscal_year_end: str | None = None
    accession: str | None = None


@dataclass(frozen=True)
class Document:
    """One <DOCUMENT> of a submission; `first_line` is its text's 1-based line in the file."""

    type: str | None
    text: str
    first_line: int = 1
    description: str | None = None
    filename: str | None = None
    binary: bool = False


@dataclass(frozen=True)
class Submission:
    """A split submission: its header (empty for a plain document) and its documents."""

    header: Header
    documents: tuple[Document, ...] = field(default_factory=tuple)
    is_edgar: bool = False


def split_submission(text: str) -> Submission:
    """Split an EDGAR submission into header and documents; a plain text is one document."""
    present = _present(text)
    header_match = (
        ("<sec-header>" in present and _HEADER.search(text))
        or ("<ims-header>" in present and _IMS_HEADER.search(text))
        or None
    )
    documents = tuple(_documents(text)) if "<document>" in present else ()
    if not header_match and not documents:
        return Submission(Header(), (Document(None, text, 1),), False)
    header = read_header(header_match.group(1)) if header_match else Header()
    return Submission(header, documents or (Document(None, text, 1),), True)


def _present(text: str) -> frozenset[str]:
    """Which of `_NEEDLES` occur in the text, case-blind: a plain HTML document of megabytes
    holds none, and substring tests of one lower-cased copy spare three regex scans of it."""
    return needles_in(text, _NEEDLES, lowered(text))


def read_header(block: str) -> Header:
    """Read the header fields; the first filer's company data wins."""
    fields: dict[str, str] = {}
    for name, value in _FIELD.findall(block):
        fields.setdefault(name.strip().upper(), value.strip())
    return Header(
        company=fields.get("COMPANY CONFORMED NAME"),
        cik=_cik(fields.get("CENTRAL INDEX KEY")),
        form=fields.get("CONFORMED SUBMISSION TYPE") or fields.get("FORM TYPE"),
        period=_yyyymmdd(fields.get("CONFORMED PERIOD OF REPORT")),
        filed=_yyyymmdd(fields.get("FILED AS OF DATE")),
        fiscal_year_end=_mmdd(fields.get("FISCAL YEAR END")),
        accession=fields.get("ACCESSION NUMBER"),
    )


def _documents(text: str) -> list[Document]:
    """Every <DOCUMENT> block with its tags, text and where its text starts."""
    out: list[Document] = []
    for match in _DOCUMENT.finditer(text):
        block = match.group(1)
        tags = {k.upper(): v.strip() for k, v in _TAG_LINE.findall(block)}
        body = _TEXT.search(block)
        body_text = body.group(1) if body else block
        start = match.start(1) + (body.start(1) if body else 0)
        first_line = text.count("\n", 0, start) + 1
        binary = bool(_UUENCODED.search(body_text[:2000])) or tags.get("TYPE", "").upper() in {
            "GRAPHIC", "ZIP", "PDF", "EXCEL", "XML", "JSON",
        }
        out.append(
            Document(
                type=tags.get("TYPE") or None,
                text=body_text,
                first_line=first_line,
                description=tags.get("DESCRIPTION"),
                filename=tags.get("FILENAME"),
                binary=binary,
            )
        )
    return out


def _yyyymmdd(value: str | None) -> date | None:
    """"20050809" to a date; None if absent or malformed."""
    if not value or not re.fullmatch(r"\d{8}", value):
        return None
    try:
        return date(int(value[:4]), int(value[4:6]), int(value[6:]))
    except ValueError:
        return None


def _mmdd(value: str | None) -> str | None:
    """"0630" kept as is when it is a valid month and day."""
    if value and re.fullmatch(r"(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])", value):
        return value
    return None


def _cik(value: str | None) -> str | None:
    """The CIK as ten digits."""
    return value.zfill(10) if value and value.isdigit() else None
