"""Decoding, EDGAR submissions, the choice of document, and input that is not a filing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from reportgen.errors import InputError
from reportgen.parse import parse_bytes, parse_path
from reportgen.sources.decode import decode, plain_text
from reportgen.sources.edgar import split_submission

FILINGS = Path(__file__).parent / "fixtures" / "filings"


@pytest.mark.parametrize(
    ("data", "text", "codec"),
    [
        ("Net sales \u2014 $1,945".encode("utf-8"), "Net sales \u2014 $1,945", "utf-8"),
        (b"\xef\xbb\xbfNet sales", "Net sales", "utf-8-sig"),
        (b"Shareholders\x92 equity \x97 net", "Shareholders\u2019 equity \u2014 net", "cp1252"),
        (b"Caf\xe9 \x81", "Caf\u00e9 \x81", "latin-1"),  # 0x81 is undefined in cp1252
        (b"line one\r\nline two\rthree", "line one\nline two\nthree", "utf-8"),
    ],
)
def test_decode_order(data: bytes, text: str, codec: str) -> None:
    assert decode(data) == (text, codec)


def test_plain_text_entities_and_escapes() -> None:
    assert plain_text("Cash &amp; cash equivalents&nbsp;\\$ 20,902 &#8212; &#150;") == "Cash & cash equivalents $ 20,902 \u2014 \u2013"


def test_edgar_header_and_documents() -> None:
    text, _ = decode((FILINGS / "pericom-2005q2-8k.txt").read_bytes())
    submission = split_submission(text)
    header = submission.header
    assert header.company == "PERICOM SEMICONDUCTOR CORP"
    assert header.cik == "0001001426" and header.form == "8-K"
    assert header.filed == date(2005, 8, 9) and header.period == date(2005, 8, 9)
    assert header.fiscal_year_end == "0630" and header.accession == "0001275287-05-003130"
    assert [(d.type, d.first_line) for d in submission.documents] == [("8-K", 57), ("EX-99.1", 153)]
    assert text.split("\n")[151] == "<TEXT>"  # line 153 is the first line of the release


def test_uuencoded_document_is_skipped() -> None:
    text, _ = decode((FILINGS / "asta-2004q2-8k.txt").read_bytes())
    graphic = "<DOCUMENT>\n<TYPE>GRAPHIC\n<SEQUENCE>3\n<FILENAME>logo.gif\n<TEXT>\nbegin 644 logo.gif\nM1TE&.#EA\nend\n</TEXT>\n</DOCUMENT>\n"
    text = text.replace("</SEC-DOCUMENT>", graphic + "</SEC-DOCUMENT>")
    submission = split_submission(text)
    assert [(d.type, d.binary) for d in submission.documents] == [("8-K", False), ("EX-99.1", False), ("GRAPHIC", True)]
    filing = parse_bytes(text.encode("utf-8"), "asta-with-graphic.txt")
    assert filing.document == "EX-99.1"


def test_plain_document_is_one_document() -> None:
    text, _ = decode((FILINGS / "immunogen-2007q3-8k.txt").read_bytes())
    submission = split_submission(text)
    assert not submission.is_edgar and len(submission.documents) == 1
    assert submission.header.company is None


def test_header_facts_reach_the_filing() -> None:
    filing = parse_path(FILINGS / "horizonfin-2008q4-8k.txt")
    assert filing.company.cik == "0001002682"
    assert filing.accession == "0000939057-09-000022"
    assert filing.filing_date == date(2009, 2, 2)
    assert filing.fiscal_year_end == "0331"
    assert filing.form == "8-K"


def test_cp1252_filing_parses(tmp_path: Path) -> None:
    data = (FILINGS / "immunogen-2007q3-8k.txt").read_text(encoding="utf-8").encode("cp1252", errors="replace")
    filing = parse_bytes(data, "cp1252.txt")
    assert filing.encoding == "cp1252"
    assert filing.income.value("total_revenue", 0).raw == "11,425"


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"", "empty"),
        (b"   \n\t\n", "empty"),
        (b"%PDF-1.4\x00\x01\x02binary", "binary"),
        (b"Dear Sir, please find the minutes of our garden club meeting attached.\n", "not an SEC filing"),
        (b"FORM 8-K\nSECURITIES AND EXCHANGE COMMISSION\nItem 5.02 Departure of Directors.\n", "no statement of operations"),
    ],
)
def test_input_errors(data: bytes, problem: str) -> None:
    with pytest.raises(InputError) as error:
        parse_bytes(data, "input.txt")
    assert problem in error.value.problem
    assert str(error.value).startswith("input.txt: ")


def test_8k_cover_without_the_release_has_no_statement() -> None:
    text = (FILINGS / "pericom-2005q2-8k.txt").read_text(encoding="utf-8")
    cover_only = text[: text.index("<DOCUMENT>\n<TYPE>EX-99.1")] + "</SEC-DOCUMENT>\n"
    with pytest.raises(InputError, match="no statement of operations or balance sheet found"):
        parse_bytes(cover_only.encode(), "cover.txt")


def test_missing_file() -> None:
    with pytest.raises(InputError, match="cannot read"):
        parse_path(FILINGS / "no-such-filing.txt")
