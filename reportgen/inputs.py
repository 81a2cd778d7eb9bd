"""Which files a build reads: files, folders searched recursively, globs; never an earlier output."""

from __future__ import annotations

import glob
import os
from importlib import resources
from pathlib import Path

from reportgen.config import BuildConfig
from reportgen.errors import ConfigError
from reportgen.stamps import STAMP

FILING_SUFFIXES = (".txt", ".htm", ".html")
SAMPLE = "immunogen-2007q3-8k.txt"


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
    path = base / Path(spec).expanduser()
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
