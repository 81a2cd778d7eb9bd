"""Input and resource limits, in one place, so hostile or broken filings fail fast and cleanly.

Real quarterly filings are small: the largest inline-XBRL 10-Q documents run to a few
megabytes and a statement has well under a hundred rows. The limits below sit far above
that, so they only ever stop input that is not a filing or is built to exhaust the machine.
"""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from reportgen.errors import InputError

MAX_INPUT_BYTES = 50 * 1024 * 1024
"""Largest file read at all; EDGAR full submissions with every exhibit stay well under it."""

MAX_TABLE_ROWS = 5_000
"""Rows kept per table; statements have dozens, so anything past this is not a statement."""

MAX_PARAGRAPH_CHARS = 20_000
"""Longest paragraph that broken lines are joined into; release paragraphs run to a few
thousand characters, and joining without a bound is quadratic on hostile text."""

MAX_NESTING_DEPTH = 256
"""HTML depth kept as structure; deeper wrappers are unwrapped so recursive walkers stay in
Python's stack (lxml itself needs huge_tree past 256 levels, and stops near 2,048)."""

_TABLE_TAGS = frozenset(("table", "thead", "tbody", "tfoot", "tr", "td", "th", "br"))
_TABLE_EXTRA_DEPTH = 64  # table structure is kept this much deeper than other elements

RENDER_TIMEOUT_SECONDS = 300
"""Wall-clock bound for building one brief (parse, charts, HTML, PDF, write) in `build`."""

RENDER_MEMORY_BYTES = 4 * 1024 * 1024 * 1024
"""Address-space bound for one rendering worker, so one exploding brief cannot take a batch down."""

T = TypeVar("T")


class Overrun(BaseException):
    """A stage ran past its time bound; a BaseException so no stage's `except Exception` swallows it."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise Overrun if the block runs longer than `seconds` (main thread only, else no bound)."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise Overrun(f"stopped after {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def check_size(name: str, size: int) -> None:
    """Refuse input larger than MAX_INPUT_BYTES before reading it, with a clear message."""
    if size > MAX_INPUT_BYTES:
        raise InputError(
            name,
            f"file is {size / 1_048_576:.1f} MB, larger than the {MAX_INPUT_BYTES // 1_048_576} MB"
            " limit for one filing",
        )


def read_capped(path: Path) -> bytes:
    """Read a file, never more than MAX_INPUT_BYTES + 1 bytes, so a huge or endless file is refused."""
    with open(path, "rb") as handle:
        check_size(str(path), os.fstat(handle.fileno()).st_size)
        data = handle.read(MAX_INPUT_BYTES + 1)
    check_size(str(path), len(data))  # a pipe or a growing file has no size to stat
    return data


def cap_rows(rows: list[T]) -> tuple[list[T], int]:
    """Keep the first MAX_TABLE_ROWS rows; return them and how many were dropped."""
    if len(rows) <= MAX_TABLE_ROWS:
        return rows, 0
    return rows[:MAX_TABLE_ROWS], len(rows) - MAX_TABLE_ROWS


def limit_process_memory(limit: int = RENDER_MEMORY_BYTES) -> None:
    """Cap this process's address space (call in a worker), where the platform allows it."""
    try:
        import resource
    except ImportError:  # pragma: no cover - not on POSIX
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    if soft == resource.RLIM_INFINITY or soft > limit:
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def flatten_deep(root: Any, max_depth: int = MAX_NESTING_DEPTH) -> int:
    """Unwrap elements nested past max_depth, keeping their text; returns how many were unwrapped.

    Table structure survives a further few levels, so a statement wrapped in hundreds of
    elements keeps its rows and cells. Spaces stand in for the unwrapped tags' boundaries.
    """
    doomed = []
    stack = [(root, 0)]  # (element, its depth once the doomed above it are unwrapped)
    while stack:
        element, depth = stack.pop()
        for child in element:
            level = depth + 1
            tag = child.tag.lower() if isinstance(child.tag, str) else None
            if tag is not None and level > max_depth and (
                tag not in _TABLE_TAGS or level > max_depth + _TABLE_EXTRA_DEPTH
            ):
                doomed.append(child)
                level = depth
            stack.append((child, level))
    for element in reversed(doomed):  # descendants before their ancestors
        _unwrap(element)
    return len(doomed)


def _unwrap(element: Any) -> None:
    """Replace an element by its text and children, in place."""
    parent = element.getparent()
    if parent is None:
        return
    element.text = " " + (element.text or "")
    element.tail = " " + (element.tail or "")
    index = parent.index(element)
    previous = element.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + element.text
    else:
        parent.text = (parent.text or "") + element.text
    children = list(element)
    for offset, child in enumerate(children):
        parent.insert(index + offset, child)
    last = children[-1] if children else previous
    if last is not None:
        last.tail = (last.tail or "") + element.tail
    else:
        parent.text = (parent.text or "") + element.tail
    parent.remove(element)
