"""HTML benchmark (prints figures, never fails): grids + text throughput and end-to-end parse.

Run: .venv/bin/python tests/bench_html.py  (best of N runs; CPU time beside wall time, since
wall time on a shared machine measures the neighbours too)
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).parent.parent))

from reportgen.extract.html_tables import html_document  # noqa: E402
from reportgen.extract.htmldom import parse_html  # noqa: E402
from reportgen.extract.ixbrl import key_facts, read_ixbrl_tree  # noqa: E402
from reportgen.parse import parse_path  # noqa: E402

FILINGS = Path(__file__).parent / "fixtures" / "filings"
RUNS = 5


def best(run: Callable[[], object]) -> tuple[float, float]:
    """Best (wall, cpu) seconds over RUNS calls."""
    walls, cpus = [], []
    for _ in range(RUNS):
        wall, cpu = time.perf_counter(), time.process_time()
        run()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return min(walls), min(cpus)


def main() -> None:
    """Print per-file throughput of the HTML reader and end-to-end parse times."""
    print(f"{'file':<26} {'MB':>5} {'grids+text':>11} {'MB/s cpu':>9} {'parse wall':>11} {'parse cpu':>10}")
    total_bytes = total_cpu = 0.0
    for path in sorted(FILINGS.glob("*.htm")):
        html = path.read_text(encoding="utf-8")
        size = len(path.read_bytes()) / 1e6
        _, cpu = best(lambda: html_document(html, path.name))
        total_bytes, total_cpu = total_bytes + size, total_cpu + cpu
        parse_wall, parse_cpu = best(lambda: parse_path(path))
        print(
            f"{path.name:<26} {size:>5.2f} {cpu:>10.3f}s {size / cpu:>9.1f} "
            f"{parse_wall:>10.3f}s {parse_cpu:>9.3f}s"
        )
    print(f"HTML reader overall: {total_bytes / total_cpu:.1f} MB/s (CPU)")
    pfizer = (FILINGS / "pfizer-2023q2-10q.htm").read_text(encoding="utf-8")
    wall, cpu = best(lambda: key_facts(read_ixbrl_tree(parse_html(pfizer))))  # type: ignore[arg-type]
    print(f"inline XBRL facts (own parse), pfizer: {wall:.3f}s wall, {cpu:.3f}s cpu")


if __name__ == "__main__":
    main()
