"""A fact's value is worked out once per (text, format, scale, sign): the cached reading must
be what the inline reading gave, for odd scales and signs as much as for plain figures."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from hypothesis import given
from hypothesis import strategies as st

from reportgen.extract import ixbrl


def _old_figure(raw: str, fmt: str, scale_attr: str, sign: str | None) -> tuple[Decimal | None, int]:
    """The reading _numeric_fact made inline before the cache."""
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
