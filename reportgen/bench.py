"""Benchmark (not a test): where a build's time goes, batch throughput, memory, and `--help` latency.

    python -m reportgen.bench [PATHS...] [--jobs 1,2] [--rounds 3] [--profile N]

Each batch runs in a fresh process, as a user's `reportgen build` would (cold imports included),
into a throw-away folder with every brief forced. WeasyPrint is then timed alone on the same
briefs' brief.html, also in a fresh process, so the build's CPU time can be set against WeasyPrint's
own two ways: whole command against whole command, and rendering against rendering with each
side's imports apart. A -j pool's fixed start-up is measured apart, so a long batch's rate shows.
All of it is done in interleaved rounds, keeping the best time and the median ratio, because a
shared machine's speed drifts by a third within minutes.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

STAGES = ("parse", "checks", "view", "charts", "markdown", "html", "pdf", "write")
HELP_RUNS = 10


def default_paths() -> list[str]:
    """The fixture filings when run from a checkout, else the bundled sample."""
    fixtures = Path("tests/fixtures/filings")
    if fixtures.is_dir():
        return [str(fixtures)]
    from reportgen.inputs import bundled_sample

    return [str(bundled_sample())]


def run_batch(paths: list[str], jobs: int, out: Path) -> dict[str, Any]:
    """Build the paths once with `jobs` workers in this process; the measurements as a dict."""
    from reportgen.build import build
    from reportgen.config import load_config

    out.mkdir(parents=True, exist_ok=True)  # configured from its own empty folder: no project templates
    config = load_config(out, {"inputs": paths, "output": str(out), "jobs": jobs,
                                      "formats": ("md", "html", "pdf")})
    checks = _time_checks() if jobs == 1 else {}
    reading = _time_html_reading() if jobs == 1 else {}
    imports = _preload() if jobs == 1 else 0.0
    started, cpu = time.perf_counter(), _cpu_seconds()
    summary = build(config, force=True)
    wall = time.perf_counter() - started
    _stop_fork_server()
    results = [{"name": r.source.name, "bytes": r.source.stat().st_size, "status": r.status, "folder": r.folder,
                "reason": r.reason, "timings": _split_checks(dict(r.timings), checks.get(r.source.name)),
                "rss_kb": r.peak_rss_kb, "pid": r.pid, "cpu": r.cpu_s}
               for r in summary.results]
    return {"jobs": jobs, "wall": wall, "cpu": _cpu_seconds() - cpu, "results": results,
            "brief_cpu": sum(r.cpu_s for r in summary.results), "imports": imports, "html_reading": reading}


def _preload() -> float:
    """Import what a worker has loaded before its first filing (the fork server's preload), so a
    serial build() is timed like WeasyPrint alone: imports apart. The CPU seconds they took."""
    import importlib

    from reportgen.build import WORKER_PRELOAD

    started = time.process_time()
    for module in WORKER_PRELOAD:
        importlib.import_module(module)
    return time.process_time() - started


def pool_start(jobs: int) -> float:
    """Wall seconds until a `jobs`-worker pool has run one trivial task in each worker: the fixed
    start-up (fork server imports, workers forked) that every -j batch pays before its first brief."""
    from reportgen.build import process_pool

    started = time.perf_counter()
    with process_pool(jobs) as executor:
        set(executor.map(_worker_pid, range(jobs)))
        wall = time.perf_counter() - started
    _stop_fork_server()
    return wall


def _worker_pid(_: int) -> int:
    """A trivial task for pool_start."""
    return os.getpid()


def _time_checks() -> dict[str, float]:
    """Wrap the parser's call to the checks (serial builds only) to time that stage apart from parsing."""
    import reportgen.parse

    seconds: dict[str, float] = {}
    run_checks = reportgen.parse.run_checks

    def timed(filing: Any, *args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return run_checks(filing, *args, **kwargs)
        finally:
            seconds[filing.source_name] = time.perf_counter() - started

    reportgen.parse.run_checks = timed
    return seconds


def _time_html_reading() -> dict[str, float]:
    """Wrap the HTML reader (serial builds only): the seconds spent turning HTML into tables and
    text, per filing, apart from the rest of parsing (choosing statements, cover, highlights)."""
    import reportgen.sources.select as select

    seconds: dict[str, float] = {}
    html_document = select.html_document

    def timed(html: str, source_name: str, first_line: int = 1) -> Any:
        started = time.perf_counter()
        try:
            return html_document(html, source_name, first_line)
        finally:
            seconds[source_name] = seconds.get(source_name, 0.0) + time.perf_counter() - started

    select.html_document = timed  # the name the document reader calls
    return seconds


def _split_checks(timings: dict[str, float], checks: float | None) -> dict[str, float]:
    """Move the checks' share out of the parse stage, where the parser runs them."""
    if checks is not None and "parse" in timings:
        timings["parse"] -= checks
        timings["checks"] = checks
    return timings


def _stop_fork_server() -> None:
    """Stop and reap the worker fork server, so its and its workers' CPU time count as children's."""
    from multiprocessing import forkserver

    server = getattr(forkserver, "_forkserver", None)
    if server is not None and hasattr(server, "_stop"):
        server._stop()


def _cpu_seconds() -> float:
    """User + system CPU of this process and its finished children."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def weasyprint_alone(html_files: list[str]) -> dict[str, Any]:
    """WeasyPrint's own CPU time turning each brief.html into a PDF, imports excluded."""
    import weasyprint

    per_file = {}
    for name in html_files:
        started = time.process_time()
        weasyprint.HTML(filename=name, base_url=str(Path(name).parent)).write_pdf()
        per_file[name] = time.process_time() - started
    return {"cpu": sum(per_file.values()), "per_file": per_file}


def _in_subprocess(*args: str) -> dict[str, Any]:
    """Run one measurement in a fresh interpreter, so imports and memory are a cold build's."""
    whole = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    run = subprocess.run([sys.executable, "-m", "reportgen.bench", *args], capture_output=True, text=True, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if run.returncode != 0:
        raise SystemExit(f"bench: measurement failed: {run.stderr.strip().splitlines()[-1:]}")
    data = json.loads(run.stdout)
    data["process_wall"] = time.perf_counter() - whole
    data["process_cpu"] = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    data["process_rss_kb"] = after.ru_maxrss
    return data


def _identical(folders: list[Path]) -> bool:
    """Whether every folder holds the same files with the same bytes."""
    trees = [{p.relative_to(f): p.read_bytes() for p in sorted(f.rglob("*")) if p.is_file()} for f in folders]
    return all(tree == trees[0] for tree in trees[1:])


def time_help() -> list[float]:
    """Wall seconds of `reportgen --help`, run as the installed console script."""
    script = Path(sys.executable).with_name("reportgen")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "reportgen"]
    times = []
    for _ in range(HELP_RUNS):
        started = time.perf_counter()
        subprocess.run([*command, "--help"], capture_output=True, check=True)
        times.append(time.perf_counter() - started)
    return times


def profile(paths: list[str], top: int) -> None:
    """cProfile one serial build in this process and print where the time goes."""
    import cProfile
    import pstats

    with tempfile.TemporaryDirectory() as out:
        profiler = cProfile.Profile()
        profiler.enable()
        run_batch(paths, 1, Path(out))
        profiler.disable()
    stats = pstats.Stats(profiler).strip_dirs().sort_stats("cumulative")
    stats.print_stats(top)
    stats.sort_stats("tottime").print_stats(top)


def report(paths: list[str], jobs_list: list[int], rounds: int = 3) -> None:
    """Measure every batch, WeasyPrint alone and the pools' start-up, `rounds` times in turn, then
    print the best time of each and the median of each round's ratio, with --help's latency: on a
    shared machine whose speed drifts, interleaved rounds compare like with like."""
    runs = []
    with tempfile.TemporaryDirectory() as scratch:
        for round_ in range(rounds):
            folder = Path(scratch) / f"round{round_}"
            batches = [_in_subprocess("--_batch", str(jobs), str(folder / f"j{jobs}"), *paths) for jobs in jobs_list]
            html = [str(folder / f"j{batches[0]['jobs']}" / r["folder"] / "brief.html")
                    for r in batches[0]["results"] if r["status"] == "built"]
            weasy = _in_subprocess("--_weasyprint", *html)
            starts = {jobs: _in_subprocess("--_pool", str(jobs))["wall"] for jobs in jobs_list if jobs > 1}
            runs.append((batches, weasy, starts))
        identical = _identical([Path(scratch) / "round0" / f"j{jobs}" for jobs in jobs_list])
    help_times = time_help()
    serial = min((batches[0] for batches, _, _ in runs), key=lambda b: b["cpu"])
    best_batches = [min((batches[i] for batches, _, _ in runs), key=lambda b: b["wall"]) for i in range(len(jobs_list))]
    best_starts = {jobs: min(starts[jobs] for _, _, starts in runs) for jobs in runs[0][2]}
    print(f"{rounds} interleaved rounds: times are the best round's, ratios the median round's.\n")
    _print_stages(serial)
    _print_parse_speed(serial)
    _print_batches(best_batches, best_starts)
    print(f"  outputs of -j {', -j '.join(map(str, jobs_list))} byte-identical: {'yes' if identical else 'NO'}")
    if jobs_list[0] == 1:
        _print_ratios([(batches[0], weasy) for batches, weasy, _ in runs])
    print(f"\nreportgen --help: median {statistics.median(help_times) * 1000:.0f} ms, "
          f"max {max(help_times) * 1000:.0f} ms over {HELP_RUNS} runs (floor: < 300 ms)")


def _print_stages(batch: dict[str, Any]) -> None:
    """Per-brief time by stage (ms), from the serial batch."""
    built = [r for r in batch["results"] if r["status"] == "built"]
    stages = [s for s in STAGES if any(s in r["timings"] for r in built)]
    print(f"Per brief, by stage (ms), -j {batch['jobs']}:")
    header = f"{'filing':34}" + "".join(f"{s:>9}" for s in stages) + f"{'total':>9}{'cpu':>9}{'rss MB':>8}"
    print(header)
    for r in built:
        cells = "".join(f"{r['timings'].get(s, 0) * 1000:9.0f}" for s in stages)
        print(f"{r['name'][:33]:34}{cells}{sum(r['timings'].values()) * 1000:9.0f}{r['cpu'] * 1000:9.0f}"
              f"{r['rss_kb'] / 1024:8.0f}")
    if built:
        means = "".join(f"{statistics.mean(r['timings'].get(s, 0) for r in built) * 1000:9.0f}" for s in stages)
        total = statistics.mean(sum(r["timings"].values()) for r in built) * 1000
        print(f"{'mean':34}{means}{total:9.0f}")
    for r in batch["results"]:
        if r["status"] != "built":
            print(f"  {r['status']}: {r['name']}: {r['reason']}")


def _print_parse_speed(batch: dict[str, Any]) -> None:
    """HTML parse speed as the build met it: each filing parsed once (its checks included), and
    the HTML reading within it (tables and text, before statements, cover and highlights)."""
    html = [r for r in batch["results"] if r["status"] == "built" and r["name"].lower().endswith((".htm", ".html"))]
    if not html:
        return
    seconds = sum(r["timings"].get("parse", 0) + r["timings"].get("checks", 0) for r in html)
    megabytes = sum(r["bytes"] for r in html) / 1e6
    largest = max(html, key=lambda r: r["bytes"])
    own = largest["timings"].get("parse", 0) + largest["timings"].get("checks", 0)
    print(f"\nHTML parse in the build: {megabytes:.2f} MB in {seconds:.2f} s = {megabytes / seconds:.1f} MB/s "
          f"(largest, {largest['name']}: {largest['bytes'] / 1e6:.2f} MB at {largest['bytes'] / 1e6 / own:.1f} MB/s; "
          f"floor: >= 10 MB/s)")
    reading = sum(batch.get("html_reading", {}).get(r["name"], 0.0) for r in html)
    if reading:
        print(f"  of which HTML reading (html_tables.html_document: tables and text): {reading:.2f} s = "
              f"{megabytes / reading:.1f} MB/s; choosing statements, cover, highlights and checks: "
              f"{seconds - reading:.2f} s")


def _print_batches(batches: list[dict[str, Any]], starts: dict[int, float]) -> None:
    """Throughput and peak memory per worker for each -j, and the pools' fixed start-up."""
    print(f"\n{'jobs':>4}{'briefs':>8}{'wall s':>9}{'briefs/s':>10}{'process s':>11}{'cmd briefs/s':>14}{'cpu s':>8}"
          f"{'peak RSS/worker MB':>20}{'pool start s':>14}{'briefs/s after':>16}")
    for b in batches:
        built = sum(1 for r in b["results"] if r["status"] == "built")
        rss_by_pid: dict[int, int] = {}
        for r in b["results"]:
            rss_by_pid[r["pid"]] = max(rss_by_pid.get(r["pid"], 0), r["rss_kb"])
        peak = max(rss_by_pid.values(), default=0) / 1024
        start = starts.get(b["jobs"])
        after = f"{start:>14.2f}{built / (b['wall'] - start):>16.2f}" if start is not None else ""
        print(f"{b['jobs']:>4}{built:>8}{b['wall']:>9.2f}{built / b['wall']:>10.2f}{b['process_wall']:>11.2f}"
              f"{built / b['process_wall']:>14.2f}{b['process_cpu']:>8.2f}{peak:>20.0f}{after}")
    print("  (wall s: the build() call; process s: the whole command, interpreter start and imports included,\n"
          "   and cmd briefs/s the rate a user of `reportgen build` sees;\n"
          "   pool start s: a pool running one trivial task per worker, measured apart; briefs/s after: the\n"
          "   batch's rate once the pool has started, what a long batch tends to)")


def _print_ratios(rounds: list[tuple[dict[str, Any], dict[str, Any]]]) -> None:
    """The serial build's CPU against WeasyPrint's own on the same briefs' HTML (a fresh process,
    right after the batch), per round, then the median: imports apart, and whole command to whole
    command. A fresh process for WeasyPrint alone, as it is run: in the build's process, with its
    fonts registered, a default write_pdf() is about a third slower, which would flatter the build."""
    apart = [serial["cpu"] / weasy["cpu"] for serial, weasy in rounds]
    whole = [serial["process_cpu"] / weasy["process_cpu"] for serial, weasy in rounds]
    for serial, weasy in rounds:
        print(f"\nCPU, -j 1: build() {serial['cpu']:.2f} s after {serial['imports']:.2f} s of imports, whole "
              f"command {serial['process_cpu']:.2f} s; WeasyPrint alone: {weasy['cpu']:.2f} s after its "
              f"import, whole command {weasy['process_cpu']:.2f} s", end="")
    print(f"\nratio, median of {len(rounds)} rounds: imports apart, build() / WeasyPrint rendering "
          f"{statistics.median(apart):.2f}x (range {min(apart):.2f}-{max(apart):.2f}); whole command / whole "
          f"command {statistics.median(whole):.2f}x (range {min(whole):.2f}-{max(whole):.2f}) (floor: <= 1.3x)")


def main(argv: list[str] | None = None) -> None:
    """Parse arguments and run the benchmark, or one of its measurements when called by itself."""
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--_batch"]:
        print(json.dumps(run_batch(argv[3:], int(argv[1]), Path(argv[2]))))
        return
    if argv[:1] == ["--_weasyprint"]:
        print(json.dumps(weasyprint_alone(argv[1:])))
        return
    if argv[:1] == ["--_pool"]:
        print(json.dumps({"wall": pool_start(int(argv[1]))}))
        return
    parser = argparse.ArgumentParser(prog="python -m reportgen.bench", description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", help="filings, folders or globs [default: tests/fixtures/filings]")
    parser.add_argument("--jobs", default="1,2", help="comma-separated -j values to measure [default: 1,2]")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds: the best time and the median ratio are shown [default: 3]")
    parser.add_argument("--profile", type=int, metavar="N", help="cProfile a serial build; print the top N")
    args = parser.parse_args(argv)
    paths = [os.path.abspath(p) for p in args.paths] or [os.path.abspath(p) for p in default_paths()]
    if args.profile:
        profile(paths, args.profile)
        return
    report(paths, [int(j) for j in args.jobs.split(",")], max(1, args.rounds))


if __name__ == "__main__":
    main()
