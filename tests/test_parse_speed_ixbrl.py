"""A fact's value is worked out once per (text, format, scale, sign): the cached reading must
be what the inline reading gave, for odd scales and signs as much as for plain figures."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from hypothesis import given
from hypothesis import strategies as st

from reportgen.extract import ixbrl


def _old_figure(raw: str, fmt: str, scale_attr: str, sign: str | None) -> tuple[Decimal | None, int]:
    """The reading numeric_fact made inline before the cache."""
    try:
        scale = int(scale_attr or 0)
    except ValueError:
        scale = 0
    value = ixbrl.transform_number(raw, fmt)
    if value is not None and (not value.is_finite() or abs(scale) > ixbrl._MAX_SCALE):
        value = None
    if value is not None:
        value = value.scaleb(scale) if scale else value
        if sign == "-":
            value = -value
        try:
            value = ixbrl._plain(value)
        except InvalidOperation:
            value = None
    return value, scale


RAW = st.sampled_from(["1,570", "12.5", "\u2014", "-", "NaN", "Infinity", "1e400", "0", "1.234,5", "none", "x", "", " 7 "])
FORMAT = st.sampled_from(["", "ixt:num-dot-decimal", "ixt:fixed-zero", "ixt:num-comma-decimal", "ixt-sec:numwordsen"])
SCALE = st.sampled_from(["", "0", "3", "6", "-2", "31", "x", "-40"])


@given(RAW, FORMAT, SCALE, st.sampled_from([None, "-", "+"]))
def test_cached_figure_is_the_inline_reading(raw: str, fmt: str, scale: str, sign: str | None) -> None:
    assert ixbrl._figure.__wrapped__(raw, fmt, scale, sign) == _old_figure(raw, fmt, scale, sign)
    assert ixbrl._figure(raw, fmt, scale, sign) == _old_figure(raw, fmt, scale, sign)


def test_reading_the_key_concepts_alone_gives_the_same_key_facts() -> None:
    """The parse reads only the facts of the concepts it checks: the same key facts, contexts
    and dei facts as a read of every fact."""
    from pathlib import Path

    from reportgen.extract.htmldom import parse_html

    html = (Path(__file__).parent / "fixtures" / "filings" / "pfizer-2023q2-10q.htm").read_text(encoding="utf-8")
    every = ixbrl.read_ixbrl_tree(parse_html(html))
    short = ixbrl.read_ixbrl_tree(parse_html(html), ixbrl.KEY_CONCEPTS)
    assert every is not None and short is not None
    assert 0 < len(short.facts) < len(every.facts) // 4  # 384 of 1,824
    assert {ixbrl._local(f.concept) for f in short.facts} <= ixbrl.KEY_CONCEPTS
    assert short.facts == tuple(f for f in every.facts if ixbrl._local(f.concept) in ixbrl.KEY_CONCEPTS)
    assert (short.contexts, short.dei) == (every.contexts, every.dei)
    assert ixbrl.key_facts(short) == ixbrl.key_facts(every)
    assert ixbrl.read_ixbrl(html) == every


def test_a_document_tagging_only_other_concepts_is_still_inline_xbrl() -> None:
    from reportgen.extract.htmldom import parse_html

    html = ('<html><body><ix:nonFraction name="us-gaap:Goodwill" contextRef="c" unitRef="usd">5</ix:nonFraction>'
            "</body></html>")
    short = ixbrl.read_ixbrl_tree(parse_html(html), ixbrl.KEY_CONCEPTS)
    assert short is not None and short.facts == ()
    assert ixbrl.read_ixbrl_tree(parse_html(html)) is not None
