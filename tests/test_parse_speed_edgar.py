"""The faster EDGAR splitting must read every submission exactly as the lazy regexes did.

`_DOCUMENT` and `_TEXT` were rewritten from lazy `.*?` bodies to possessive runs, and
`split_submission` skips the header and document scans when `needles_in` finds no tag;
both are compared here with the original patterns on texts built from the tags' pieces.
"""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from reportgen.extract.textclean import needles_in
from reportgen.sources import edgar

_OLD_DOCUMENT = re.compile(r"<DOCUMENT>(.*?)(?:</DOCUMENT>|(?=<DOCUMENT>)|\Z)", re.S | re.I)
_OLD_TEXT = re.compile(r"<TEXT>\n?(.*?)(?:</TEXT>|\Z)", re.S | re.I)

# Pieces that make and break the tags, in any case, with fold traps (ı, ſ) among them.
PIECES = st.sampled_from([
    "<DOCUMENT>", "</DOCUMENT>", "<document>", "</Document>", "<DOCUMEN", "<TEXT>", "</TEXT>",
    "<text>", "</text", "<SEC-HEADER>", "</SEC-HEADER>", "<ims-header>", "</IMS-HEADER>",
    "<TYPE>EX-99.1\n", "<FILENAME>a.htm\n", "<", "/", ">", "\n", "x", "<p>", "<DOCUMENTS>",
    "<docıment>", "<ſec-header>", "FILED AS OF DATE: 20240101\n", " ",
])
TEXTS = st.lists(PIECES, max_size=30).map("".join)


def _old_split(text: str) -> edgar.Submission:
    """split_submission as it was: every pattern searched, the lazy document patterns."""
    header_match = edgar._HEADER.search(text) or edgar._IMS_HEADER.search(text)
    documents = []
    for match in _OLD_DOCUMENT.finditer(text):
        block = match.group(1)
        tags = {k.upper(): v.strip() for k, v in edgar._TAG_LINE.findall(block)}
        body = _OLD_TEXT.search(block)
        body_text = body.group(1) if body else block
        start = match.start(1) + (body.start(1) if body else 0)
        binary = bool(edgar._UUENCODED.search(body_text[:2000])) or tags.get("TYPE", "").upper() in {
            "GRAPHIC", "ZIP", "PDF", "EXCEL", "XML", "JSON",
        }
        documents.append(edgar.Document(
            type=tags.get("TYPE") or None, text=body_text, first_line=text.count("\n", 0, start) + 1,
            description=tags.get("DESCRIPTION"), filename=tags.get("FILENAME"), binary=binary,
        ))
    if not header_match and not documents:
        return edgar.Submission(edgar.Header(), (edgar.Document(None, text, 1),), False)
    header = edgar.read_header(header_match.group(1)) if header_match else edgar.Header()
    return edgar.Submission(header, tuple(documents) or (edgar.Document(None, text, 1),), True)


@given(TEXTS)
def test_document_pattern_matches_as_the_lazy_one(text: str) -> None:
    old = [(m.span(), m.group(1)) for m in _OLD_DOCUMENT.finditer(text)]
    assert [(m.span(), m.group(1)) for m in edgar._DOCUMENT.finditer(text)] == old


@given(TEXTS)
def test_text_pattern_matches_as_the_lazy_one(text: str) -> None:
    old = _OLD_TEXT.search(text)
    new = edgar._TEXT.search(text)
    assert (new.span(1) if new else None) == (old.span(1) if old else None)


@given(TEXTS)
def test_split_submission_is_unchanged(text: str) -> None:
    assert edgar.split_submission(text) == _old_split(text)


@given(TEXTS, st.sampled_from(["<document>", "<sec-header>", "<ims-header>"]))
def test_needles_in_never_misses_a_case_blind_match(text: str, needle: str) -> None:
    if re.search(re.escape(needle), text, re.I):
        assert needle in needles_in(text, (needle,))


def test_long_document_is_split_whole() -> None:
    body = "<p>" + "x<b>y</b>" * 20000
    text = f"<DOCUMENT>\n<TYPE>EX-99.1\n<TEXT>\n{body}</TEXT>\n</DOCUMENT>\n<document><TYPE>GRAPHIC\n"
    assert edgar.split_submission(text) == _old_split(text)
