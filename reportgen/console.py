"""What a person sees of a build: a progress bar on a terminal, one line per failure, a summary.

Kept apart from `build` so the library never prints, and from `cli` so `--help` never imports rich.
"""

from __future__ import annotations

import sys
from contextlib import ExitStack
from pathlib import Path
from typing import Any, Callable, Mapping

import click

from reportgen.build import BuildResult, BuildSummary, build
from reportgen.config import load_config
from reportgen.errors import ConfigError, ReportgenError

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def run_build(cwd: Path, overrides: Mapping[str, Any], config_file: Path | None, *, force: bool,
              verbosity: int) -> int:
    """Load the configuration, build, report; return the exit status (0, 1 or 2)."""
    try:
        config = load_config(cwd, overrides, config_file)
        with ExitStack() as stack:
            on_start, on_result = _reporters(stack, verbosity)
            summary = build(config, force=force, on_start=on_start, on_result=on_result)
    except ConfigError as error:
        for problem in error.problems:
            click.echo(f"reportgen: error: {problem}", err=True)
        return EXIT_USAGE
    except (ReportgenError, OSError) as error:
        click.echo(f"reportgen: error: {_one_line(str(error))}", err=True)
        return EXIT_FAILED
    print_summary(summary, verbosity)
    return summary.exit_code


def _reporters(stack: ExitStack, verbosity: int) -> tuple[Callable[[int], None], Callable[[BuildResult], None]]:
    """Progress callbacks: a rich bar on a terminal (not when quiet), else verbose lines or nothing."""
    if verbosity >= 0 and sys.stderr.isatty():
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        progress = stack.enter_context(Progress(TextColumn("building"), BarColumn(), MofNCompleteColumn(),
                                                TimeElapsedColumn(), transient=True))
        task = progress.add_task("build", total=None)

        def on_start(total: int) -> None:
            progress.update(task, total=total)

        def on_result(result: BuildResult) -> None:
            progress.advance(task)
            if verbosity > 0:
                progress.console.print(result_line(result), markup=False, highlight=False)

        return on_start, on_result
    return (lambda total: None), ((lambda result: click.echo(result_line(result), err=True)) if verbosity > 0
                                  else (lambda result: None))


def result_line(result: BuildResult) -> str:
    """One line about one filing: status, file, folder or reason, and stage timings."""
    where = result.folder or ""
    timings = " ".join(f"{stage}={seconds * 1000:.0f}ms" for stage, seconds in result.timings)
    parts = [f"{result.status}: {result.source.name}", f"-> {where}" if where else "",
             f"({result.reason})" if result.reason else "", timings]
    return " ".join(p for p in parts if p)


def print_summary(summary: BuildSummary, verbosity: int) -> None:
    """Each failure on its own line (always), then the counts (unless quiet)."""
    for result in summary.results:
        if result.status == "failed":
            click.echo(f"reportgen: failed: {result.source}: {result.reason}", err=True)
    if verbosity >= 0:
        click.echo(f"built {summary.count('built')}, skipped {summary.count('skipped')}, "
                   f"failed {summary.count('failed')} -> {summary.out_dir / 'index.html'}")


def _one_line(text: str) -> str:
    """A message squeezed onto one line."""
    return " ".join(text.split())
