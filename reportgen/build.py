"""The orchestrator: find the filings, skip the unchanged, build the rest in workers, write the index.

Reads as the pipeline: `build()` discovers inputs, computes each one's digest, dispatches a small
picklable `WorkItem` per filing to a `concurrent.futures.Executor`, and collects one
`BuildResult` per filing. `build_one()` is the whole per-filing work: parse, render in memory,
write the brief folder atomically with its stamp. Heavy modules are imported inside it only.
"""

from __future__ import annotations

import os
import resource
import time
from concurrent.futures import Executor, Future, as_completed
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable, Iterable

from reportgen import collector
from reportgen.config import BuildConfig
from reportgen.errors import ReportgenError
from reportgen.index import BriefEntry, brief_entry
from reportgen.inputs import discover_inputs
from reportgen.outputs import brief_folder_name, remove_stale_staging, write_folder
from reportgen.stamps import STAMP, assets_fingerprint, input_digest, read_stamps, stamp_bytes

WORKER_PRELOAD = ("reportgen.parse", "reportgen.extract.html_tables", "reportgen.extract.ixbrl",
                  "reportgen.extract.cover", "reportgen.extract.narrative", "reportgen.extract.siblings",
                  "reportgen.contract", "reportgen.brief", "reportgen.render", "reportgen.charts", "reportgen.pdf",
                  "weasyprint", "matplotlib.figure", "matplotlib.backends.backend_agg",
                  "matplotlib.backends.backend_svg")
"""Imported once by the fork server, so each worker starts with them loaded (and shares their pages).
The parser's readers are listed too: `reportgen.parse` imports them lazily, and their regexes took
some 40 ms to compile inside each worker's first filing."""


@dataclass(frozen=True)
class BuildOptions:
    """What every filing of a batch is built with; small and picklable, sent to each worker."""

    out_dir: Path
    formats: tuple[str, ...] = ("md", "html", "pdf")
    page_size: str = "letter"
    template_dirs: tuple[Path, ...] = ()
    style_dirs: tuple[Path, ...] = ()
    commentary: tuple[tuple[str, Path], ...] = ()

    @classmethod
    def from_config(cls, config: BuildConfig) -> BuildOptions:
        """The per-filing options of an effective configuration."""
        return cls(config.output, config.formats, config.page_size, config.template_dirs,
                   config.style_dirs, config.commentary)


@dataclass(frozen=True)
class WorkItem:
    """One unit of work: a filing path, its input digest and the batch options."""

    path: Path
    digest: str
    options: BuildOptions


@dataclass(frozen=True)
class BuildResult:
    """What happened to one filing: built, skipped or failed, where, why and how long it took."""

    source: Path
    status: str  # "built" | "skipped" | "failed"
    folder: str | None = None
    reason: str | None = None
    timings: tuple[tuple[str, float], ...] = ()
    entry: BriefEntry | None = None
    peak_rss_kb: int = 0
    cpu_s: float = 0.0
    pid: int = 0


@dataclass
class BuildSummary:
    """Every result of a batch, in input order."""

    out_dir: Path
    results: list[BuildResult] = field(default_factory=list)

    def count(self, status: str) -> int:
        """How many filings ended with this status."""
        return sum(1 for r in self.results if r.status == status)

    @property
    def exit_code(self) -> int:
        """0 when every filing was built or skipped, 1 when any failed."""
        return 1 if self.count("failed") else 0


class SerialExecutor(Executor):
    """An Executor that runs each call in this process at submit time: `-j 1`, no pickling."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future:
        """Run fn now and return its already-finished future."""
        future: Future = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as error:  # an Executor reports errors through the future
            future.set_exception(error)
        return future


def make_executor(jobs: int, items: int) -> Executor:
    """A process pool of `jobs` workers, or the serial executor when one would do."""
    workers = max(1, min(jobs, items))
    return SerialExecutor() if workers == 1 else process_pool(workers)


def process_pool(workers: int) -> Executor:
    """Worker processes forked from a server that has the heavy modules loaded, memory-capped."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(list(WORKER_PRELOAD))
    return ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=prepare_worker)


def prepare_worker() -> None:
    """A new worker's set-up: its memory capped, its garbage collector tuned for briefs."""
    from reportgen.limits import limit_process_memory

    limit_process_memory()
    collector.tune()


def build(
    config: BuildConfig,
    *,
    force: bool = False,
    executor: Executor | None = None,
    on_start: Callable[[int], None] | None = None,
    on_result: Callable[[BuildResult], None] | None = None,
) -> BuildSummary:
    """Build every input filing of a configuration into its output folder and write the index."""
    paths = discover_inputs(config)
    options = BuildOptions.from_config(config)
    config.output.mkdir(parents=True, exist_ok=True)
    remove_stale_staging(config.output)
    fingerprint = assets_fingerprint(options)
    items = [WorkItem(path, input_digest(path, fingerprint), options) for path in paths]
    results = _skip_unchanged(items, config.output, force)
    todo = [item for item in items if item.path not in results]
    if on_start:
        on_start(len(items))
    for result in results.values():
        if on_result:
            on_result(result)
    owned = executor is None
    executor = executor or make_executor(config.jobs, len(todo))
    try:
        with collector.tuned():  # a serial build runs here; workers tune themselves
            results.update(_run(executor, todo, on_result))
    finally:
        if owned:
            executor.shutdown(wait=True, cancel_futures=True)
    summary = BuildSummary(config.output, [_apply_strict(results[p], config.strict) for p in paths])
    write_index(config.output, options)
    return summary


def _run(
    executor: Executor, items: list[WorkItem], on_result: Callable[[BuildResult], None] | None
) -> dict[Path, BuildResult]:
    """Submit every item and collect results as they finish; a dead worker costs only its own filing."""
    from concurrent.futures.process import BrokenProcessPool

    futures = {executor.submit(build_one, item): item for item in sorted(items, key=_size, reverse=True)}
    results: dict[Path, BuildResult] = {}
    orphans: list[WorkItem] = []
    for future in as_completed(futures):
        item = futures[future]
        try:
            result = future.result()
        except BrokenProcessPool:  # some worker died: which filing killed it is not known yet
            orphans.append(item)
            continue
        except Exception as error:  # build_one itself broke
            result = BuildResult(item.path, "failed", reason=_one_line(f"internal error: {error!r}"))
        results[item.path] = result
        if on_result:
            on_result(result)
    for item in orphans:
        result = _run_alone(item)
        results[item.path] = result
        if on_result:
            on_result(result)
    return results


def _size(item: WorkItem) -> int:
    """A filing's size in bytes: the largest go first, so no worker is left with a long one at the end."""
    try:
        return item.path.stat().st_size
    except OSError:
        return 0


def _run_alone(item: WorkItem) -> BuildResult:
    """Retry one filing in a worker of its own, after a worker died; if it dies again, it is the culprit."""
    from concurrent.futures.process import BrokenProcessPool

    with process_pool(1) as executor:
        try:
            return executor.submit(build_one, item).result()
        except BrokenProcessPool:
            return BuildResult(item.path, "failed", reason="the worker process died building this filing")


def _apply_strict(result: BuildResult, strict: bool) -> BuildResult:
    """Under --strict, a brief with unverified figures counts as failed (it is still written)."""
    if not strict or result.status == "failed" or not result.entry or not result.entry.unverified:
        return result
    figures = ", ".join(result.entry.unverified)
    return replace(result, status="failed", reason=f"unverified figures (--strict): {figures}")


def _skip_unchanged(items: list[WorkItem], out_dir: Path, force: bool) -> dict[Path, BuildResult]:
    """Results for the filings that need no work: unchanged since their stamp, or repeated in the batch."""
    by_digest = {digest: entry for digest, entry in read_stamps(out_dir).values()}
    skipped: dict[Path, BuildResult] = {}
    first_of: dict[str, Path] = {}
    for item in items:
        if item.digest in first_of:
            reason = f"same file as {first_of[item.digest].name}"
            skipped[item.path] = BuildResult(item.path, "skipped", reason=reason)
            continue
        first_of[item.digest] = item.path
        entry = by_digest.get(item.digest)
        if entry and not force:
            skipped[item.path] = BuildResult(item.path, "skipped", entry.folder, "unchanged", entry=entry)
    return skipped


# --- one filing --------------------------------------------------------------------------


def build_one(item: WorkItem) -> BuildResult:
    """Parse one filing, render its brief in memory and write it atomically; never raises."""
    started_cpu = time.process_time()
    timings: dict[str, float] = {}
    from reportgen import limits

    try:
        with limits.time_limit(limits.RENDER_TIMEOUT_SECONDS):
            folder, entry = _build_brief(item, timings)
        status, reason = "built", None
    except limits.Overrun as error:  # one exploding brief must not hold up the batch
        folder, entry, status = None, None, "failed"
        reason = f"took too long ({error}); nothing written"
    except ReportgenError as error:
        folder, entry, status = None, None, "failed"
        reason = _one_line(getattr(error, "problem", None) or str(error))
    except Exception as error:  # a bug must fail this filing only, never the batch
        folder, entry, status = None, None, "failed"
        reason = _one_line(f"internal error: {type(error).__name__}: {error}")
    return BuildResult(
        item.path, status, folder, reason, tuple(timings.items()), entry,
        peak_rss_kb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        cpu_s=time.process_time() - started_cpu, pid=os.getpid(),
    )


def _build_brief(item: WorkItem, timings: dict[str, float]) -> tuple[str, BriefEntry]:
    """The stages of one brief: parse, render every file, then swap its folder in whole."""
    from reportgen.brief import BriefOptions, render_brief
    from reportgen.parse import parse_path

    started = time.perf_counter()
    filing = parse_path(item.path)
    timings["parse"] = time.perf_counter() - started
    folder = brief_folder_name(filing)
    options = item.options
    brief_options = BriefOptions(
        page_size=options.page_size, formats=frozenset(options.formats), template_dirs=tuple(options.template_dirs),
        style_dirs=tuple(options.style_dirs), commentary_md=_commentary_for(filing, folder, options.commentary),
    )
    files = dict(render_brief(filing, brief_options, timings))
    entry = brief_entry(filing, folder, tuple(sorted(files)))
    files[STAMP] = stamp_bytes(item.digest, entry)
    started = time.perf_counter()
    write_folder(options.out_dir / folder, files)
    timings["write"] = time.perf_counter() - started
    return folder, entry


def _commentary_for(filing: Any, folder: str, commentary: tuple[tuple[str, Path], ...]) -> str | None:
    """The commentary Markdown configured for this filing: by folder name, ticker-quarter, ticker or CIK."""
    if not commentary:
        return None
    files = dict(commentary)
    for key in _commentary_keys(filing, folder):
        if key in files:
            return files[key].read_text(encoding="utf-8")
    return None


def _commentary_keys(filing: Any, folder: str) -> list[str]:
    """The keys a commentary may be filed under, most specific first."""
    company, period = filing.company, filing.period
    keys = [folder]
    if company.ticker and period and period.fiscal_year and period.fiscal_quarter:
        keys.append(f"{company.ticker.upper()}-{period.fiscal_year}Q{period.fiscal_quarter}")
    if company.ticker:
        keys.append(company.ticker.upper())
    if company.cik:
        keys.extend([company.cik, company.cik.lstrip("0")])
    return keys


def _one_line(text: str) -> str:
    """A message squeezed onto one line, for the summary."""
    return " ".join(text.split())[:500]


# --- the index ---------------------------------------------------------------------------


def write_index(out_dir: Path, options: BuildOptions) -> None:
    """Write index.html, index.fragment.html and index.fragment.css listing every brief in the folder."""
    from reportgen.index import render_index
    from reportgen.outputs import atomic_write

    entries = sorted((entry for _, entry in read_stamps(out_dir).values()),
                     key=lambda e: (e.company.lower(), e.period_end or "", e.folder))
    for name, data in render_index(entries, options).items():
        atomic_write(out_dir / name, data)


def iter_results(summary: BuildSummary, status: str) -> Iterable[BuildResult]:
    """The results with one status, in input order."""
    return (r for r in summary.results if r.status == status)
