"""The fuzz target: any bytes through the whole path from input to the parsed model.

Allowed outcomes are a `Filing` or a `ReportgenError`. Any other exception, or running past
the per-input time bound, is a finding. Mutations of the real fixture filings seed the search,
so the fuzzer starts from inputs that reach deep into the parser.
"""

from __future__ import annotations

import random
from pathlib import Path

from reportgen.limits import Overrun as Hang  # the per-input alarm; a BaseException
from reportgen.limits import time_limit

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "filings"
NAMES = ("fuzz.txt", "fuzz.htm")
TIME_LIMIT_SECONDS = 20


class MaskedCrash(AssertionError):
    """A bug (say a ValueError) that the parser's safety net reported as bad input."""


def run_one(data: bytes, name: str = "fuzz.txt", seconds: float = TIME_LIMIT_SECONDS) -> str:
    """Parse one input; return 'filing' or 'error', raise on anything else (the finding)."""
    from reportgen.errors import ReportgenError
    from reportgen.model import Filing
    from reportgen.parse import parse_bytes

    with time_limit(seconds):
        try:
            result = parse_bytes(data, name)
        except ReportgenError as error:
            assert str(error).strip(), "a ReportgenError with no message"
            assert "\n" not in str(error), f"a multi-line error message: {str(error)[:200]!r}"
            cause = error.__cause__
            if isinstance(cause, Exception) and not isinstance(cause, (ReportgenError, OSError)):
                raise MaskedCrash(f"{type(cause).__name__} turned into {type(error).__name__}") from cause
            return "error"
    assert isinstance(result, Filing), f"parse_bytes returned {type(result).__name__}"
    return "filing"


def seeds(max_bytes: int | None = None) -> list[tuple[str, bytes]]:
    """The fixture filings as (name, bytes); large ones cut to a window around their statements."""
    out = []
    for path in sorted(FIXTURES.iterdir()):
        if path.suffix not in (".txt", ".htm", ".html"):
            continue
        data = path.read_bytes()
        if max_bytes is not None and len(data) > max_bytes:
            data = statement_window(data, max_bytes)
        out.append((path.name, data))
    return out


def statement_window(data: bytes, size: int) -> bytes:
    """A `size`-byte window starting a little before the first statement title."""
    lowered = data.lower()
    at = max(lowered.find(b"statements of operations"), lowered.find(b"statements of income"), 0)
    start = max(0, at - size // 8)
    return data[start : start + size]


SNIPPETS = [
    b"<table>", b"</table>", b"<tr>", b"</tr>", b"<td colspan=99999>", b"<td rowspan=0>", b"</td>",
    b"<th>", b"<sup>(1)</sup>", b"$", b"(", b")", b"\t", b"\n", b"\r", b"\x00", b"\xff\xfe",
    b"\xef\xbb\xbf", b"&#", b"&#0;", b"&#x110000;", b"&nbsp;", b"<![CDATA[", b"]]>", b"<?xml version='1.0'?>",
    b"<!--", b"-->", b"<ix:nonFraction scale='-9999' decimals='INF' sign='-' format='ixt:num-dot-decimal'>",
    b"</ix:nonFraction>", b"<ix:header>", b"<DOCUMENT>", b"</DOCUMENT>", b"<TYPE>EX-99.1", b"<TEXT>",
    b"</TEXT>", b"<SEC-HEADER>", b"COMPANY CONFORMED NAME:", b"CONFORMED PERIOD OF REPORT:\t20070930",
    b"Three Months Ended", b"Six Months Ended", b"September 30,", b"February 30, 2007", b"December 31, 99999",
    b"(in thousands)", b"(in millions)", b"(in billions)", b"Total revenues", b"Net loss", b"Total assets",
    b"9" * 400, b"1e999999", b"0." + b"0" * 300 + b"1", b"(" * 200, b"," * 100, b"-\xe2\x80\x94-",
    b"\xe2\x88\x92", b"\x96", b"\x97", b"%", b"NaN", b"Infinity", b"<script>alert(1)</script>",
    b"<div>" * 300, b"</div>" * 300, b"\t\t\t\t\t\t\t\t", b" " * 200, b"begin 644 x.jpg\nM",
    b" " * 20_000, b"- " * 5_000, b"1 " * 5_000, b"\t" * 10_000, b"=" * 10_000, b"(1," * 3_000,
]


def mutate(data: bytes, rng: random.Random, rounds: int | None = None) -> bytes:
    """Apply a few random edits: flips, snippet inserts, chunk copies and cuts, truncation."""
    buf = bytearray(data)
    for _ in range(rounds if rounds is not None else rng.randint(1, 8)):
        op = rng.randrange(7)
        at = rng.randrange(len(buf) + 1)
        if op == 0 and buf:
            buf[min(at, len(buf) - 1)] = rng.randrange(256)
        elif op == 1:
            buf[at:at] = rng.choice(SNIPPETS)
        elif op == 2 and buf:
            end = min(len(buf), at + rng.randint(1, 4096))
            buf[at:at] = buf[at:end] * rng.randint(1, 4)
        elif op == 3 and buf:
            del buf[at : at + rng.randint(1, 2048)]
        elif op == 4:
            del buf[at:]
        elif op == 5 and buf:
            start = rng.randrange(len(buf))
            chunk = buf[start : start + rng.randint(1, 512)]
            buf[at:at] = chunk
        elif op == 6:
            buf[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 64)))
    return bytes(buf)


def cases(rng: random.Random, pool: list[tuple[str, bytes]]) -> Iterator[tuple[str, bytes]]:
    """An endless stream of (name, input): mutated seeds, re-encodings and raw random bytes."""
    while True:
        name, data = rng.choice(pool)
        roll = rng.random()
        if roll < 0.05:
            yield rng.choice(NAMES), bytes(rng.randrange(256) for _ in range(rng.randint(0, 4096)))
        elif roll < 0.10:
            text = data.decode("utf-8", errors="replace")
            yield name, text.encode(rng.choice(["utf-16", "utf-16-le", "utf-8-sig", "utf-32"]), errors="replace")
        else:
            yield (name if rng.random() < 0.9 else rng.choice(NAMES)), mutate(data, rng)
