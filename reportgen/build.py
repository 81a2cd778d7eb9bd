"""The orchestrator: find the filings, skip the unchanged, build the rest in workers, write the index.

Reads as the pipeline: `build()` discovers inputs, computes each one's digest, dispatches a small
picklable `WorkItem` per filing to a `concurrent.futures.Executor`, and collects one
`BuildResult` per filing. `build_one()` is the whole per-filing work: parse, render in memory,
write the brief folder atomically with its stamp. Heavy modules are imported inside it only.
"""

from __future__ import annotations

import glob
import hashlib
import json
import os
import resource
import time
from concurrent.futures import Executor, Future, as_completed
from dataclasses import asdict, dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any, Callable, Iterable

from reportgen import __version__
from reportgen.config import BuildConfig
from reportgen.errors import ConfigError, ReportgenError
from reportgen.outputs import brief_folder_name, remove_stale_staging, write_folder

STAMP = ".reportgen-stamp"
FILING_SUFFIXES = (".txt", ".htm", ".html")
SAMPLE = "immunogen-2007q3-8k.txt"
INCOME_KEYS = ("total_revenue", "total_operating_expenses", "operating_income", "net_income", "eps_basic", "eps_diluted")
BALANCE_KEYS = ("cash", "total_assets", "total_liabilities", "total_equity")
INDEX_FIGURES = (("income", "total_revenue", "Revenue"), ("income", "net_income", "Net income"),
                 ("income", "eps_diluted", "Diluted EPS"))
WORKER_PRELOAD = ("reportgen.parse", "reportgen.brief", "reportgen.render", "reportgen.charts", "reportgen.pdf",
                  "weasyprint", "matplotlib.figure", "matplotlib.backends.backend_agg",
                  "matplotlib.backends.backend_svg")
"""Imported once by the fork server, so each worker starts with them loaded (and shares their pages)."""
FORM_FILES = (("md", "brief.md", "Markdown"), ("html", "brief.html", "HTML"), ("pdf", "brief.pdf", "PDF"))


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
class BriefEntry:
    """What the index shows about one brief; kept in the brief's stamp so a skip needs no parse."""

    folder: str
    source_name: str
    company: str
    ticker: str | None
    form: str
    period: str
    period_end: str | None
    figures: tuple[tuple[str, str, str], ...]  # (label, current, prior) as formatted text
    files: tuple[str, ...]
    unverified: tuple[str, ...]  # figure ids printed but not verified by a check

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> BriefEntry:
        """Rebuild an entry read back from a stamp."""
        data = dict(data)
        data["figures"] = tuple(tuple(f) for f in data["figures"])
        data["files"] = tuple(data["files"])
        data["unverified"] = tuple(data["unverified"])
        return cls(**data)


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

    from reportgen.limits import limit_process_memory

    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(list(WORKER_PRELOAD))
    return ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=limit_process_memory)


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
        results.update(_run(executor, todo, on_result))
    finally:
        if owned:
            executor.shutdown(wait=True)
    summary = BuildSummary(config.output, [_apply_strict(results[p], config.strict) for p in paths])
    write_index(config.output, options)
    return summary


def _run(
    executor: Executor, items: list[WorkItem], on_result: Callable[[BuildResult], None] | None
) -> dict[Path, BuildResult]:
    """Submit every item and collect results as they finish; a dead worker costs only its own filing."""
    from concurrent.futures.process import BrokenProcessPool

    futures = {executor.submit(build_one, item): item for item in items}
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


# --- inputs ------------------------------------------------------------------------------


def discover_inputs(config: BuildConfig) -> list[Path]:
    """Expand files, folders (recursively) and globs into filing paths; every missing one is an error."""
    if not config.inputs:
        return [bundled_sample()]
    found: dict[Path, None] = {}
    problems: list[str] = []
    for spec in config.inputs:
        matches = _expand(spec, config.base_dir, config.output)
        if not matches:
            problems.append(f"no filing found at '{spec}'")
        found.update(dict.fromkeys(matches))
    if problems:
        raise ConfigError(problems)
    return list(found)


def bundled_sample() -> Path:
    """The sample filing shipped inside the package."""
    return Path(str(resources.files("reportgen") / "data" / SAMPLE))


def _expand(spec: str, base: Path, out_dir: Path) -> list[Path]:
    """One input spec as sorted filing paths: a file, a folder searched recursively, or a glob."""
    path = (base / spec).expanduser()
    if path.is_file():
        return [path.resolve()]
    if path.is_dir():
        return _filings_under(path.resolve(), out_dir.resolve())
    matches = sorted(Path(m) for m in glob.glob(str(path), recursive=True))
    files: list[Path] = []
    for match in matches:
        files.extend([match.resolve()] if match.is_file() else _filings_under(match.resolve(), out_dir.resolve()))
    return files


def _filings_under(folder: Path, out_dir: Path) -> list[Path]:
    """Filing files (.txt, .htm, .html) below a folder, skipping hidden folders and any reportgen output."""
    files = []
    for root, dirs, names in os.walk(folder):
        here = Path(root)
        if _is_output(here, out_dir):
            dirs[:] = []
            continue
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        files.extend(here / n for n in sorted(names) if n.lower().endswith(FILING_SUFFIXES) and not n.startswith("."))
    return files


def _is_output(folder: Path, out_dir: Path) -> bool:
    """Whether a folder is this build's output, a brief folder, or another build's output folder."""
    if folder.resolve() == out_dir or (folder / STAMP).is_file():
        return True
    return (folder / "index.fragment.html").is_file() and any(folder.glob(f"*/{STAMP}"))


# --- incremental -------------------------------------------------------------------------


def builtin_dir(name: str) -> Path:
    """The built-in templates/ or styles/: inside the installed package, else beside it in a checkout."""
    package = Path(__file__).resolve().parent
    inside = package / name
    return inside if inside.is_dir() else package.parent / name


def assets_fingerprint(options: BuildOptions) -> str:
    """A digest of everything but the filing that shapes a brief: version, options, templates, styles, commentary."""
    digest = hashlib.sha256()
    settings = {"version": __version__, "formats": options.formats, "page_size": options.page_size,
                "commentary_keys": [key for key, _ in options.commentary]}
    digest.update(json.dumps(settings, sort_keys=True).encode())
    folders = [builtin_dir("templates"), builtin_dir("styles"), *options.template_dirs, *options.style_dirs]
    for position, folder in enumerate(folders):
        for path in sorted(p for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else ():
            _hash_file(digest, f"{position}:{path.relative_to(folder).as_posix()}", path)
    for key, path in options.commentary:
        _hash_file(digest, f"commentary:{key}", path)
    return digest.hexdigest()


def _hash_file(digest: Any, label: str, path: Path) -> None:
    """Feed a labelled file into a running digest, unambiguously."""
    data = path.read_bytes()
    digest.update(f"{label}\0{len(data)}\0".encode())
    digest.update(data)


def input_digest(path: Path, fingerprint: str) -> str:
    """The digest deciding whether a filing must be rebuilt: its bytes plus the assets fingerprint."""
    digest = hashlib.sha256(fingerprint.encode())
    try:
        digest.update(path.read_bytes())
    except OSError as error:
        digest.update(f"unreadable: {error}".encode())
    return digest.hexdigest()


def read_stamps(out_dir: Path) -> dict[str, tuple[str, BriefEntry]]:
    """Every valid brief stamp in the output folder, by folder name: (digest, entry)."""
    stamps: dict[str, tuple[str, BriefEntry]] = {}
    for stamp in sorted(out_dir.glob(f"*/{STAMP}")) if out_dir.is_dir() else ():
        try:
            data = json.loads(stamp.read_text(encoding="utf-8"))
            entry = BriefEntry.from_json(data["entry"])
        except (OSError, ValueError, KeyError, TypeError):
            continue
        if entry.folder == stamp.parent.name and all((stamp.parent / f).is_file() for f in entry.files):
            stamps[entry.folder] = (data["digest"], entry)
    return stamps


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
    files[STAMP] = _stamp_bytes(item.digest, entry)
    started = time.perf_counter()
    write_folder(options.out_dir / folder, files)
    timings["write"] = time.perf_counter() - started
    return folder, entry


def _stamp_bytes(digest: str, entry: BriefEntry) -> bytes:
    """The stamp file: the input digest and the index entry, as stable JSON."""
    return (json.dumps({"digest": digest, "version": __version__, "entry": asdict(entry)}, indent=1,
                       sort_keys=True) + "\n").encode()


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


# --- the index entry ---------------------------------------------------------------------


def brief_entry(filing: Any, folder: str, files: tuple[str, ...]) -> BriefEntry:
    """The index's view of one filing: who, which quarter, three key figures, what to link."""
    period = filing.period
    figures = tuple(
        (label, _figure_text(filing, statement, key, 0), _figure_text(filing, statement, key, 1))
        for statement, key, label in INDEX_FIGURES
    )
    return BriefEntry(
        folder=folder, source_name=Path(filing.source_name).name, company=filing.company.name or "",
        ticker=filing.company.ticker, form=filing.form or "", period=period.label if period else "",
        period_end=period.end.isoformat() if period else None, figures=figures,
        files=files, unverified=unverified_figures(filing),
    )


def _figure_text(filing: Any, statement: str, key: str, column: int) -> str:
    """One figure formatted as every brief prints it ("$11.4M", "$(0.02)"), or an em dash."""
    from reportgen import fmt

    table = getattr(filing, statement)
    amount = table.value(key, column) if table else None
    value = amount.value if amount else None
    return fmt.per_share(value) if key.startswith("eps_") else fmt.millions(value)


def unverified_figures(filing: Any) -> tuple[str, ...]:
    """The contract figures the filing prints that no passing check verifies."""
    ids = []
    for statement, keys in (("income", INCOME_KEYS), ("balance", BALANCE_KEYS)):
        table = getattr(filing, statement)
        for column, side in ((0, "current"), (1, "prior")):
            for key in keys:
                figure_id = f"{statement}.{side}.{key}"
                if table and table.value(key, column) and filing.figure_status(figure_id) != "verified":
                    ids.append(figure_id)
    return tuple(ids)


# --- the index ---------------------------------------------------------------------------


def write_index(out_dir: Path, options: BuildOptions) -> None:
    """Write index.html, index.fragment.html and index.fragment.css listing every brief in the folder."""
    from reportgen.index import render_index
    from reportgen.outputs import atomic_write

    entries = sorted((entry for _, entry in read_stamps(out_dir).values()),
                     key=lambda e: (e.company.lower(), e.period_end or "", e.folder))
    for name, data in render_index(entries, options).items():
        atomic_write(out_dir / name, data)


def form_links(entry: BriefEntry) -> list[tuple[str, str]]:
    """(label, relative href) for each of the three forms this brief was written in."""
    return [(label, f"{entry.folder}/{name}") for _, name, label in FORM_FILES if name in entry.files]


def iter_results(summary: BuildSummary, status: str) -> Iterable[BuildResult]:
    """The results with one status, in input order."""
    return (r for r in summary.results if r.status == status)
