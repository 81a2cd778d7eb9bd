"""The command line: build with no arguments, parse --json, --version, --help, one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from reportgen import __version__
from reportgen.cli import cli

FIXTURES = Path(__file__).parent / "fixtures" / "filings"
BRIEF_FILES = {"brief.md", "brief.html", "brief.fragment.html", "brief.fragment.css", "brief.pdf", "filing.json"}


def _reportgen(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run the installed command line as a user would, in a folder."""
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    return subprocess.run([sys.executable, "-m", "reportgen", *args], cwd=cwd, capture_output=True, text=True,
                          env=env, timeout=300)


@pytest.fixture(scope="module")
def sample_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """`reportgen build` with no arguments in an empty folder, run once for the module."""
    folder = tmp_path_factory.mktemp("empty")
    return folder, _reportgen("-q", "build", cwd=folder)


def test_build_without_arguments_builds_the_sample(sample_build: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    folder, run = sample_build
    assert (run.returncode, run.stdout, run.stderr) == (0, "", "")
    out = folder / "output"
    briefs = [p for p in out.iterdir() if p.is_dir()]
    assert [p.name for p in briefs] == ["IMGN-2008Q1"]
    names = {p.name for p in briefs[0].iterdir()}
    assert BRIEF_FILES <= names
    assert any(n.endswith(".svg") for n in names) and any(n.endswith(".png") for n in names)
    assert (briefs[0] / "brief.pdf").read_bytes().startswith(b"%PDF-")
    assert {"index.html", "index.fragment.html", "index.fragment.css"} <= {p.name for p in out.iterdir()}


def test_second_build_skips_and_says_so(sample_build: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    folder, _ = sample_build
    run = _reportgen("build", "-v", cwd=folder)
    assert run.returncode == 0
    assert run.stdout == f"built 0, skipped 1, failed 0 -> {folder.resolve() / 'output' / 'index.html'}\n"
    assert run.stderr == "skipped: immunogen-2007q3-8k.txt -> IMGN-2008Q1 (unchanged)\n"


def test_parse_json_prints_the_contract(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["parse", str(FIXTURES / "immunogen-2007q3-8k.txt"), "--json"])
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert document["company"]["ticker"] == "IMGN"
    assert document["figures"]["current"]["total_revenue"] == "11425000"


def test_version() -> None:
    result = CliRunner().invoke(cli, ["--version"])
    assert (result.exit_code, result.stdout) == (0, f"reportgen, version {__version__}\n")


@pytest.mark.parametrize("command", [[], ["build"], ["parse"]])
def test_help_on_every_command(command: list[str]) -> None:
    result = CliRunner().invoke(cli, [*command, "--help"])
    assert result.exit_code == 0
    assert result.stdout.startswith("Usage: ")


def test_every_command_has_help() -> None:
    for name, command in cli.commands.items():
        assert command.help, name
        result = CliRunner().invoke(cli, [name, "-h"])
        assert result.exit_code == 0, name


def test_help_imports_no_heavy_module() -> None:
    code = ("import sys; from reportgen.cli import cli\n"
            "try:\n    cli(['--help'])\nexcept SystemExit:\n    pass\n"
            "heavy = [m for m in ('matplotlib', 'weasyprint', 'lxml', 'rich', 'jinja2') if m in sys.modules]\n"
            "print(heavy, file=sys.stderr)")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.stderr.strip() == "[]"


def test_config_errors_are_one_line_each_exit_2(tmp_path: Path) -> None:
    (tmp_path / "reportgen.toml").write_text('formats = ["docx"]\ncolour = "red"\n')
    run = _reportgen("build", cwd=tmp_path)
    assert run.returncode == 2
    lines = run.stderr.splitlines()
    assert lines == [
        "reportgen: error: reportgen.toml: unknown key 'colour' (known: inputs, output, formats, page_size, "
        "templates, styles, commentary, jobs, strict)",
        "reportgen: error: reportgen.toml: formats: 'docx' not one of md, html, pdf",
    ]
    assert not (tmp_path / "output").exists()


def test_missing_input_is_a_usage_error(tmp_path: Path) -> None:
    run = _reportgen("build", "nope.txt", cwd=tmp_path)
    assert (run.returncode, run.stderr) == (2, "reportgen: error: no filing found at 'nope.txt'\n")


def test_bad_option_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["build", "--format", "docx"])
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_broken_filing_is_one_line_and_exit_1(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    run = _reportgen("build", "-j", "1", "empty.txt", cwd=tmp_path)
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    lines = run.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"reportgen: failed: {tmp_path.resolve() / 'empty.txt'}: ")
    assert run.stdout.startswith("built 0, skipped 0, failed 1 -> ")
