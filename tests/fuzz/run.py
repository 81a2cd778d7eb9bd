"""Run the parser fuzz target for a while: `python tests/fuzz/run.py --seconds 600`.

Engines: `mutate` (default, no extra dependency) draws mutations of the fixture filings and
random bytes from a seeded generator; `atheris` (pip install -e '.[fuzz]') does the same
coverage-guided, seeded with the fixtures. Findings (an exception other than ReportgenError,
or an input past the time bound) are written to --out as `<kind>-<sha1>.bin` with a `.txt`
holding the traceback, and the run exits 1 if there were any.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import random
import sys
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import target  # noqa: E402 - the sibling module, found through the path set above


def save(out: Path, kind: str, name: str, data: bytes, detail: str) -> Path:
    """Write one finding (input and traceback) and return the input's path."""
    out.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha1(data).hexdigest()[:12]
    path = out / f"{kind}-{digest}{Path(name).suffix}.bin"
    path.write_bytes(data)
    path.with_suffix(".txt").write_text(f"{name}\n{detail}")
    return path


def signature(error: BaseException) -> str:
    """Exception type and innermost reportgen frame, to count distinct findings once."""
    root = error.__cause__ if isinstance(error, target.MaskedCrash) and error.__cause__ else error
    frames = [f for f in traceback.extract_tb(root.__traceback__) if "reportgen" in f.filename]
    where = f"{Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else "?"
    return f"{type(root).__name__} at {where}"


def run_mutate(seconds: float, seed: int, out: Path, per_input: float) -> int:
    """Seeded mutation fuzzing until the time is up; returns the number of distinct findings."""
    rng = random.Random(seed)
    pool = target.seeds(max_bytes=256_000)
    deadline = time.monotonic() + seconds
    found: dict[str, Path] = {}
    counts = {"filing": 0, "error": 0}
    runs = 0
    current = out / "current.bin"  # the input being run, left behind if the process is killed
    out.mkdir(parents=True, exist_ok=True)
    for name, data in itertools.chain(pool, target.cases(rng, pool)):
        if time.monotonic() > deadline:
            break
        runs += 1
        current.write_bytes(data)
        try:
            counts[target.run_one(data, name, per_input)] += 1
        except (Exception, target.Hang) as error:  # noqa: BLE001 - every other outcome is a finding
            sig = signature(error)
            if sig not in found:
                found[sig] = save(out, "hang" if isinstance(error, target.Hang) else "crash", name, data,
                                  "".join(traceback.format_exception(error)))
                print(f"FOUND {sig}: {found[sig]}", flush=True)
        if runs % 50 == 0:
            print(f"{runs} inputs, {counts['filing']} filings, {counts['error']} clean errors, "
                  f"{len(found)} findings", flush=True)
    print(f"done: {runs} inputs, {counts['filing']} filings, {counts['error']} clean errors, {len(found)} findings")
    for sig, path in found.items():
        print(f"  {sig}: {path}")
    return len(found)


def run_atheris(seconds: float, out: Path, per_input: float) -> int:
    """Coverage-guided fuzzing with atheris/libFuzzer, seeded with the fixtures."""
    import atheris

    with atheris.instrument_imports():
        import reportgen.parse  # noqa: F401 - instrumented for coverage

    corpus = out / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    for name, data in target.seeds(max_bytes=64_000):
        (corpus / name).write_bytes(data)

    def one(data: bytes) -> None:
        name = target.NAMES[data[0] % 2] if data else target.NAMES[0]
        target.run_one(data[1:], name, per_input)

    args = [sys.argv[0], str(corpus), f"-max_total_time={int(seconds)}", f"-timeout={int(per_input) + 5}",
            "-rss_limit_mb=3072", "-max_len=262144", f"-artifact_prefix={out}/"]
    atheris.Setup(args, one)
    atheris.Fuzz()
    return 0


def main() -> int:
    """Parse options, run the chosen engine, exit 1 when anything was found."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--engine", choices=("mutate", "atheris"), default="mutate")
    parser.add_argument("--per-input", type=float, default=target.TIME_LIMIT_SECONDS)
    parser.add_argument("--out", type=Path, default=Path("fuzz-findings"))
    parser.add_argument("--memory-mb", type=int, default=3072, help="address-space cap; past it is a finding")
    options = parser.parse_args()
    if options.engine == "atheris":  # libFuzzer bounds memory itself (-rss_limit_mb)
        return 1 if run_atheris(options.seconds, options.out, options.per_input) else 0
    from reportgen.limits import limit_process_memory

    limit_process_memory(options.memory_mb * 1024 * 1024)
    return 1 if run_mutate(options.seconds, options.seed, options.out, options.per_input) else 0


if __name__ == "__main__":
    sys.exit(main())
