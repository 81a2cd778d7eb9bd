"""The garbage collector's tuning for builds: applied while building, put back afterwards."""

from __future__ import annotations

import gc

from reportgen import collector


def test_tuned_freezes_and_slows_young_collections_then_restores_everything() -> None:
    before = gc.get_threshold()
    assert gc.get_freeze_count() == 0
    with collector.tuned():
        assert gc.get_threshold() == (collector.YOUNG_THRESHOLD, before[1], before[2])
        assert gc.get_freeze_count() > 0
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


def test_cycles_made_while_tuned_are_still_collected() -> None:
    with collector.tuned():
        class Node:
            pass

        a, b = Node(), Node()
        a.other, b.other = b, a  # type: ignore[attr-defined]
        del a, b
        assert gc.collect() >= 2
