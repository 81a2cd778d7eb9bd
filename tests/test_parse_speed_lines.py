"""`normalize` skips each substitution where no character its matches need occurs; it must
reduce every label exactly as the unconditional substitutions did."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reportgen.extract import lines

LABEL = st.lists(st.sampled_from([
    "Net", "income", "Total", " ", "  ", "(", ")", "(1)", "(a)", "(see note 3)", "(Note 4)", "*", "\u2020", "\u2021",
    "\u00a7", "-", "\u2013", "\u2014", "non-interest", "/", "basic / diluted", "Basic/Diluted", "as reported",
    "(GAAP)", "GAAP basis", ":", ",", ".", ";", "&", "\u2019", "`", "shareholders", "A", "b", "\t",
]), max_size=10).map("".join)


def _old_normalize(label: str) -> str:
    """normalize as it was, every substitution made."""
    text = label.lower().replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")
    text = text.replace("&", " and ")
    text = lines._NOTE.sub("", text)
    text = lines._MARKERS.sub("", text)
    text = lines._JOINED_HYPHEN.sub("", text)
    text = lines._DASHES.sub(" ", text)
    text = lines._BASIC_DILUTED.sub("basic and diluted", text)
    text = lines._SLASH.sub(" ", text)
    text = " ".join(text.split()).strip(" :;,.")
    return lines._QUALIFIER.sub("", text).strip(" :;,.")


@given(LABEL)
def test_normalize_agrees_with_every_substitution_made(label: str) -> None:
    assert lines.normalize.__wrapped__(label) == _old_normalize(label)
