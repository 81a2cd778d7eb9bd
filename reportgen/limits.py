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
from typing import TypeVar

from reportgen.errors import InputError

MAX_INPUT_BYTES = 50 * 1024 * 1024
"""Largest file read at all; EDGAR full submissions with every exhibit stay well under it."""

MAX_TABLE_ROWS = 5_000
"""Rows kept per table; statements have dozens, so anything past this is not a statement."""

MAX_TABLES = 5_000
"""Tables looked at per document; a 10-Q holds a few hundred."""

MAX_NESTING_DEPTH = 10_000
"""HTML depth the parser accepts (lxml needs huge_tree past 256 levels to keep content)."""

RENDER_TIMEOUT_SECONDS = 300
"""Wall-clock bound for rendering one brief (charts, HTML, PDF) in a worker."""

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
