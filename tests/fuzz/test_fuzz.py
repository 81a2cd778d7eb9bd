"""A short, deterministic fuzz run inside the suite: mutated fixtures and random bytes.

Every input must give a Filing or a ReportgenError within the per-input bound; anything
else is a bug. `tests/fuzz/run.py --seconds N` runs the same target for longer.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent))

import target  # noqa: E402 - the sibling fuzz target

POOL = target.seeds(max_bytes=48_000)
HANG_BOUND_SECONDS = 120  # a hang guard, far above any real parse; not a timing test


@pytest.mark.parametrize("index", range(len(POOL)), ids=[name for name, _ in POOL])
def test_mutations_of_each_fixture(index: int) -> None:
    """Twelve seeded mutations of one fixture: each parses or fails cleanly."""
    name, data = POOL[index]
    rng = random.Random(f"reportgen-fuzz-{name}")
    outcomes = {target.run_one(target.mutate(data, rng), name, HANG_BOUND_SECONDS) for _ in range(12)}
    assert outcomes <= {"filing", "error"}


@settings(max_examples=40, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=4096), st.sampled_from(target.NAMES))
def test_random_bytes(data: bytes, name: str) -> None:
    """Arbitrary bytes parse or fail cleanly."""
    assert target.run_one(data, name, HANG_BOUND_SECONDS) in ("filing", "error")


@settings(max_examples=30, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(range(len(POOL))), st.lists(st.sampled_from(target.SNIPPETS), max_size=6),
       st.integers(0, 2**32 - 1))
def test_snippets_spliced_into_fixtures(index: int, snippets: list[bytes], seed: int) -> None:
    """Fixture windows with structural snippets (tags, entities, huge numbers) spliced in."""
    name, data = POOL[index]
    rng = random.Random(seed)
    buf = bytearray(data)
    for snippet in snippets:
        at = rng.randrange(len(buf) + 1)
        buf[at:at] = snippet
    assert target.run_one(bytes(buf), name, HANG_BOUND_SECONDS) in ("filing", "error")
