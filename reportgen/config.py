"""Build configuration: `[tool.reportgen]` in pyproject.toml or a reportgen.toml, plus CLI overrides.

Every problem in a configuration is collected and raised together as one `ConfigError`, before
anything is built, so a user fixes a file once instead of once per mistake.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

from reportgen.errors import ConfigError

FORMATS = ("md", "html", "pdf")
PAGE_SIZES = ("letter", "a4")
CONFIG_FILES = ("reportgen.toml", "pyproject.toml")
KEYS = ("inputs", "output", "formats", "page_size", "templates", "styles", "commentary", "jobs", "strict")
DELEGATED = ("email",)  # tables other commands read and check themselves (reportgen.mail.settings)


@dataclass(frozen=True)
class BuildConfig:
    """The effective configuration of one build, every path absolute."""

    inputs: tuple[str, ...]  # files, folders or globs, absolute or relative to `base_dir`
    base_dir: Path  # where relative inputs are resolved (config folder, or cwd for CLI paths)
    output: Path
    formats: tuple[str, ...]
    page_size: str
    template_dirs: tuple[Path, ...]  # user folders, searched before the built-in templates
    style_dirs: tuple[Path, ...]  # user folders, cascaded after the built-in styles
    commentary: tuple[tuple[str, Path], ...]  # (company/quarter key, Markdown file)
    jobs: int
    strict: bool
    source: Path | None  # the configuration file read, if any


def find_config_file(folder: Path) -> Path | None:
    """The configuration file of a folder: reportgen.toml, else a pyproject.toml with [tool.reportgen]."""
    candidate = folder / "reportgen.toml"
    if candidate.is_file():
        return candidate
    pyproject = folder / "pyproject.toml"
    if pyproject.is_file() and b"[tool.reportgen" in pyproject.read_bytes():
        return pyproject
    return None


def read_config_table(path: Path) -> dict[str, Any]:
    """The reportgen table of a configuration file (the whole file for reportgen.toml)."""
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ConfigError([f"{path}: cannot read: {error}"]) from error
    if path.name == "pyproject.toml":
        table = document.get("tool", {}).get("reportgen", {})
        if not isinstance(table, dict):
            raise ConfigError([f"{path}: [tool.reportgen] must be a table"])
        return table
    return document


def load_config(
    cwd: Path,
    overrides: Mapping[str, Any] | None = None,
    config_file: Path | None = None,
) -> BuildConfig:
    """Merge defaults, the configuration file and command-line overrides; raise every problem at once."""
    cwd = cwd.resolve()
    source = config_file.resolve() if config_file else find_config_file(cwd)
    problems: list[str] = []
    if config_file is not None and not source.is_file():
        raise ConfigError([f"{config_file}: configuration file not found"])
    file_values: dict[str, Any] = {}
    base_dir = source.parent if source else cwd
    if source is not None:
        file_values = _validate(read_config_table(source), base_dir, str(source.name), problems)
    cli_values = _validate(dict(overrides or {}), cwd, "command line", problems)
    if problems:
        raise ConfigError(problems)
    return _merge(file_values, cli_values, base_dir, cwd, source)


def _merge(
    file_values: dict[str, Any], cli_values: dict[str, Any], base_dir: Path, cwd: Path, source: Path | None
) -> BuildConfig:
    """Command-line values win over the file's, which win over the defaults."""
    values = {**file_values, **cli_values}
    inputs_base = cwd if "inputs" in cli_values else base_dir
    return BuildConfig(
        inputs=tuple(values.get("inputs", ())),
        base_dir=inputs_base,
        output=values.get("output", base_dir / "output"),
        formats=tuple(values.get("formats", FORMATS)),
        page_size=values.get("page_size", "letter"),
        template_dirs=tuple(values.get("templates", _default_dir(source, "templates"))),
        style_dirs=tuple(values.get("styles", _default_dir(source, "styles"))),
        commentary=tuple(sorted(values.get("commentary", {}).items())),
        jobs=values.get("jobs", os.cpu_count() or 1),
        strict=values.get("strict", False),
        source=source,
    )


def _default_dir(source: Path | None, name: str) -> tuple[Path, ...]:
    """A project's own templates/ or styles/ beside its configuration file (none without one)."""
    if source is None:
        return ()
    folder = source.parent / name
    return (folder,) if folder.is_dir() else ()


def _validate(raw: dict[str, Any], base: Path, origin: str, problems: list[str]) -> dict[str, Any]:
    """Check each key of one source, appending every problem; return the valid values, resolved."""
    values: dict[str, Any] = {}
    for key in sorted(raw):
        if key in DELEGATED:
            continue
        if key not in KEYS:
            problems.append(f"{origin}: unknown key '{key}' (known: {', '.join(KEYS)})")
            continue
        value = raw[key]
        if value is None:
            continue
        checked = _CHECKS[key](value, base, f"{origin}: {key}", problems)
        if checked is not None:
            values[key] = checked
    return values


def _check_inputs(value: Any, base: Path, where: str, problems: list[str]) -> tuple[str, ...] | None:
    """A list of paths or globs (a single string is accepted)."""
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, (list, tuple)) or not all(isinstance(i, str) and i for i in items):
        problems.append(f"{where}: must be a list of paths or globs")
        return None
    return tuple(items)


def _check_output(value: Any, base: Path, where: str, problems: list[str]) -> Path | None:
    """A folder path; created by the build if missing, but must not be a file."""
    if not isinstance(value, (str, os.PathLike)) or not str(value):
        problems.append(f"{where}: must be a folder path")
        return None
    path = (base / value).resolve()
    if path.exists() and not path.is_dir():
        problems.append(f"{where}: {path} exists and is not a folder")
        return None
    return path


def _check_formats(value: Any, base: Path, where: str, problems: list[str]) -> tuple[str, ...] | None:
    """A non-empty subset of md, html, pdf, kept in canonical order."""
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, (list, tuple)) or not items:
        problems.append(f"{where}: must be a non-empty list of {', '.join(FORMATS)}")
        return None
    unknown = [repr(i) for i in items if i not in FORMATS]
    if unknown:
        problems.append(f"{where}: {', '.join(unknown)} not one of {', '.join(FORMATS)}")
        return None
    return tuple(f for f in FORMATS if f in items)


def _check_page_size(value: Any, base: Path, where: str, problems: list[str]) -> str | None:
    """letter or a4, case-insensitive."""
    if not isinstance(value, str) or value.lower() not in PAGE_SIZES:
        problems.append(f"{where}: {value!r} not one of {', '.join(PAGE_SIZES)}")
        return None
    return value.lower()


def _check_dirs(value: Any, base: Path, where: str, problems: list[str]) -> tuple[Path, ...] | None:
    """One folder or a list of folders, each of which must exist."""
    items = [value] if isinstance(value, (str, os.PathLike)) else value
    if not isinstance(items, (list, tuple)) or not all(isinstance(i, (str, os.PathLike)) for i in items):
        problems.append(f"{where}: must be a folder or a list of folders")
        return None
    folders = tuple((base / item).resolve() for item in items)
    missing = [str(f) for f in folders if not f.is_dir()]
    if missing:
        problems.append(f"{where}: folder not found: {', '.join(missing)}")
        return None
    return folders


def _check_commentary(value: Any, base: Path, where: str, problems: list[str]) -> dict[str, Path] | None:
    """A table from company/quarter key (e.g. "IMGN-2008Q1", "IMGN", a CIK) to a Markdown file."""
    if not isinstance(value, dict):
        problems.append(f"{where}: must be a table of key = \"file.md\"")
        return None
    files: dict[str, Path] = {}
    for key, item in sorted(value.items()):
        if not isinstance(item, str) or not item:
            problems.append(f"{where}.{key}: must be a file path")
            continue
        path = (base / item).resolve()
        if not path.is_file():
            problems.append(f"{where}.{key}: file not found: {path}")
            continue
        files[str(key)] = path
    return files


def _check_jobs(value: Any, base: Path, where: str, problems: list[str]) -> int | None:
    """A positive number of worker processes."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        problems.append(f"{where}: must be a whole number >= 1, not {value!r}")
        return None
    return value


def _check_strict(value: Any, base: Path, where: str, problems: list[str]) -> bool | None:
    """true or false."""
    if not isinstance(value, bool):
        problems.append(f"{where}: must be true or false, not {value!r}")
        return None
    return value


_CHECKS = {
    "inputs": _check_inputs,
    "output": _check_output,
    "formats": _check_formats,
    "page_size": _check_page_size,
    "templates": _check_dirs,
    "styles": _check_dirs,
    "commentary": _check_commentary,
    "jobs": _check_jobs,
    "strict": _check_strict,
}
