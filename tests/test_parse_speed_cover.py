"""The narrative readers' needle scans must find what their regex scans found.

The quarter mentions, the "quarter ended" phrases and the company name's mixed-case
writings are looked for only where a match can start (`find_all`), and boilerplate with
`has_match`; here they are compared with `finditer` and `search` on paragraphs built from
the words the patterns look for, fold traps (ı, ſ, İ) and a Kelvin sign included.
"""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from reportgen.extract import cover, narrative
from reportgen.extract.textclean import find_all, has_match

WORDS = st.sampled_from([
    "first", "First", "SECOND", "third", "fourth", "1st", "2nd", "3rd", "4th", "quarter", "Quarter", "quarters",
    "fiscal", "Fiscal", "year", "of", "the", "and", "full", "2023", "1999", "2014", "20", "19", "Q4", "Q1", "FY14",
    "FY", "F", "ended", "June 30, 2023", "three months", "three-month period", "13 weeks", "thirteen weeks",
    " ", " ", "  ", "-", ",", ".", "\n", "ſecond", "fıscal", "İ", "\u212a", "forward-looking", "safe harbor",
    "decline", "pipeline", "line items", "dial", "www.x.com", "http", "@acme.com", "webcast", "conference call",
    # whole phrases, so that every alternative is met with its optional lead words
    "fiscal first quarter", "Fiscal 2011 first quarter", "fiscal year 2014 fourth quarter", "fiscal 2014 Q4",
    "third quarter of fiscal 2008", "fiscal quarter ended June 30, 2023", "13 weeks ended May 2, 2024",
    "second quarter, and the full year 2023", "1999 Q2", "Three Months Ended March 31, 2024",
])
PARAGRAPHS = st.lists(WORDS, max_size=24).map("".join) | st.lists(WORDS, max_size=12).map(" ".join)


@settings(max_examples=400)
@given(PARAGRAPHS)
@example("fiscal first quarter, fiscal 2014 Q4 and the third quarter of fiscal 2008")
def test_mention_scans_agree_with_finditer(text: str) -> None:
    for pattern, starts in zip(cover._MENTIONS, cover._MENTION_STARTS):
        if starts:
            assert [m.span() for m in find_all(pattern, text, starts)] == [m.span() for m in pattern.finditer(text)]


@settings(max_examples=400)
@given(PARAGRAPHS)
@example("the fiscal quarter ended June 30, 2023 and three months ended March 31, 2024")
def test_quarter_ended_scan_agrees_with_finditer(text: str) -> None:
    found = find_all(cover._QUARTER_ENDED, text, cover._QUARTER_ENDED_STARTS)
    assert [m.span() for m in found] == [m.span() for m in cover._QUARTER_ENDED.finditer(text)]


@settings(max_examples=400)
@given(PARAGRAPHS)
def test_boilerplate_scan_agrees_with_search(text: str) -> None:
    expected = narrative._BOILERPLATE.search(text) is not None
    assert has_match(narrative._BOILERPLATE, text, narrative._BOILERPLATE_NEEDLES) == expected


NAME_WORDS = st.sampled_from(["Acme", "ACME", "acme", "Corp", "CORP", "Inc.", " ", "  ", "\n", "x", "Acmes", "ſ", "Kelvin", "\u212aelvin"])


@given(st.lists(NAME_WORDS, max_size=16).map("".join), st.sampled_from(["ACME CORP", "KELVIN INC.", "ACME"]))
def test_mixed_case_name_agrees_with_a_scan(clean: str, name: str) -> None:
    pattern = re.compile(r"\b" + r"\s+".join(re.escape(w) for w in name.split()) + r"(?!\w)", re.I)
    found = find_all(pattern, clean, (name.split()[0].lower(),))
    assert [m.span() for m in found] == [m.span() for m in pattern.finditer(clean)]


@settings(max_examples=300)
@given(PARAGRAPHS)
def test_paragraph_needles_agree_with_one_test_each(text: str) -> None:
    words = cover.needles_in(text, cover._PARAGRAPH_NEEDLES)
    assert all((needle in words) == cover.may_contain(text, (needle,)) for needle in cover._PARAGRAPH_NEEDLES)


def _old_flat(clean: str) -> str:
    """cover._flat as it was: split into words and joined."""
    words = clean.split()
    if not words:
        return " " if clean else ""
    return (" " if clean[0].isspace() else "") + " ".join(words) + (" " if clean[-1].isspace() else "")


@settings(max_examples=300)
@given(st.lists(st.sampled_from(["a", "Bc", " ", "  ", "\n", "\n\n", "\t", "\u00a0", "\x1c", "\u2028", "\x85", ".", "\u3000"]), max_size=20).map("".join))
def test_flat_agrees_with_the_split_and_the_regex(clean: str) -> None:
    flat = cover._flat.__wrapped__(clean)
    assert flat == _old_flat(clean) == re.sub(r"\s+", " ", clean)
