"""The substring pre-checks that spare case-blind regex scans must never change a result.

`may_contain` may say True wrongly but never False wrongly; `first_match` must find exactly
what `pattern.search` finds. Both are tried on any Unicode text, fold traps (İ, ı, ſ) included.
"""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from reportgen.extract.textclean import find_all, first_match, has_match, may_contain, one_line

# letters that fold oddly next to plain ones, so the generator meets them often
ALPHABET = st.sampled_from(list("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789.,İıſKµß\u00e9\u0130"))
TEXTS = st.text(ALPHABET, max_size=80) | st.text(max_size=40)
NEEDLES = st.text(st.sampled_from(list("abcdefikmst")), min_size=1, max_size=4)


@given(TEXTS, st.lists(NEEDLES, min_size=1, max_size=3))
def test_may_contain_is_never_false_where_a_case_blind_regex_matches(text: str, needles: list[str]) -> None:
    pattern = re.compile("|".join(map(re.escape, needles)), re.I)
    if pattern.search(text):
        assert may_contain(text, tuple(needles))


@given(TEXTS, st.lists(NEEDLES, min_size=1, max_size=3))
def test_first_match_finds_what_search_finds(text: str, needles: list[str]) -> None:
    pattern = re.compile("(?:" + "|".join(map(re.escape, needles)) + r")\w*", re.I)
    expected = pattern.search(text)
    found = first_match(pattern, text, tuple(needles))
    assert (found.span() if found else None) == (expected.span() if expected else None)


@given(TEXTS, st.lists(NEEDLES, min_size=1, max_size=3))
def test_has_match_says_what_search_says(text: str, needles: list[str]) -> None:
    pattern = re.compile("(?:" + "|".join(map(re.escape, needles)) + r")[ .,]\w", re.I)  # fails at some needles
    assert has_match(pattern, text, tuple(needles)) == (pattern.search(text) is not None)


@given(TEXTS, st.lists(NEEDLES, min_size=1, max_size=3))
def test_find_all_finds_what_finditer_finds(text: str, needles: list[str]) -> None:
    pattern = re.compile("(?:" + "|".join(map(re.escape, needles)) + r")(?:[ .,]\w+)?", re.I)  # overlapping starts
    expected = [m.span() for m in pattern.finditer(text)]
    assert [m.span() for m in find_all(pattern, text, tuple(needles))] == expected


def test_examples() -> None:
    assert may_contain("Cash FLOWS from operations", ("cash",))
    assert not may_contain("Revenue rose", ("cash", "capital"))
    assert may_contain("\u017fafe harbor", ("safe",))  # long s: re.I matches it as s
    match = first_match(re.compile(r"quarter\w*", re.I), "Third QUARTERLY report", ("quarter",))
    assert match is not None and match.group() == "QUARTERLY"


@given(st.lists(st.sampled_from(["a", "Bc", " ", "  ", "\n", "\n\n", "\t", "\u00a0", "\x1c", "\u2028", "\x85", "\u3000", "."]), max_size=20).map("".join))
def test_one_line_is_the_split_and_join(text: str) -> None:
    assert one_line(text) == " ".join(text.split())
