"""Score the labelled fixtures as they are and in every layout that fits them."""

from __future__ import annotations

from pathlib import Path

from reportgen.accuracy.labels import load_labels
from reportgen.accuracy.layouts import UNKNOWABLE_SCALE, layouts
from reportgen.accuracy.run import scored, unknowable_scale
from reportgen.accuracy.score import Score

ORIGINAL = "original"


def fixture_scores(labels_file: Path, only: frozenset[str] | None = None) -> dict[str, list[Score]]:
    """Scores per layout ("original" first), over every labelled fixture."""
    groups: dict[str, list[Score]] = {}
    for fixture in load_labels(labels_file):
        if only is None or ORIGINAL in only:
            groups.setdefault(ORIGINAL, []).append(scored(fixture.expected, ORIGINAL, fixture.path.read_bytes(), fixture.path.name)[0])
        for layout in layouts(fixture, only):
            expected = unknowable_scale(fixture.expected) if layout.transform in UNKNOWABLE_SCALE else fixture.expected
            groups.setdefault(layout.transform, []).append(scored(expected, layout.transform, layout.data, fixture.path.name)[0])
    return groups
