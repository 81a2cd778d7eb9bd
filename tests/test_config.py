"""Configuration: files found and read, paths resolved, CLI overrides, every problem reported at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgen.config import load_config
from reportgen.errors import ConfigError


def test_defaults_without_a_config_file(tmp_path: Path) -> None:
    (tmp_path / "templates").mkdir()  # not a project's without a configuration file
    config = load_config(tmp_path)
    assert config.source is None
    assert config.inputs == ()
    assert config.output == tmp_path.resolve() / "output"
    assert config.formats == ("md", "html", "pdf")
    assert config.page_size == "letter"
    assert config.template_dirs == () and config.style_dirs == ()
    assert config.strict is False


def test_reportgen_toml_paths_are_relative_to_the_file(tmp_path: Path) -> None:
    (tmp_path / "my-templates").mkdir()
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "q1.md").write_text("Strong quarter.")
    (tmp_path / "reportgen.toml").write_text(
        'inputs = ["filings/*.htm"]\noutput = "site"\nformats = ["pdf", "md"]\npage_size = "A4"\n'
        'templates = "my-templates"\njobs = 3\nstrict = true\n[commentary]\n"IMGN-2008Q1" = "notes/q1.md"\n'
    )
    config = load_config(tmp_path)
    root = tmp_path.resolve()
    assert config.source == root / "reportgen.toml"
    assert config.inputs == ("filings/*.htm",) and config.base_dir == root
    assert config.output == root / "site"
    assert config.formats == ("md", "pdf")
    assert config.page_size == "a4"
    assert config.template_dirs == (root / "my-templates",)
    assert config.commentary == (("IMGN-2008Q1", root / "notes" / "q1.md"),)
    assert (config.jobs, config.strict) == (3, True)


def test_pyproject_tool_table_and_project_folders_by_default(tmp_path: Path) -> None:
    (tmp_path / "templates").mkdir()
    (tmp_path / "styles").mkdir()
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.reportgen]\nformats = ["html"]\n')
    config = load_config(tmp_path)
    assert config.formats == ("html",)
    assert config.template_dirs == (tmp_path.resolve() / "templates",)
    assert config.style_dirs == (tmp_path.resolve() / "styles",)


def test_reportgen_toml_wins_over_pyproject(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.reportgen]\npage_size = "a4"\n')
    (tmp_path / "reportgen.toml").write_text('page_size = "letter"\n')
    assert load_config(tmp_path).page_size == "letter"


def test_command_line_overrides_the_file(tmp_path: Path) -> None:
    (tmp_path / "reportgen.toml").write_text('inputs = ["a.txt"]\noutput = "site"\nformats = ["md"]\n')
    sub = tmp_path / "sub"
    sub.mkdir()
    config = load_config(tmp_path, {"inputs": ("b.txt",), "output": "elsewhere", "formats": ("pdf",), "jobs": 1},
                         config_file=tmp_path / "reportgen.toml")
    assert config.inputs == ("b.txt",) and config.base_dir == tmp_path.resolve()
    assert config.output == tmp_path.resolve() / "elsewhere"
    assert config.formats == ("pdf",)
    assert config.jobs == 1


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    (tmp_path / "reportgen.toml").write_text(
        'colour = "red"\nformats = ["md", "docx"]\npage_size = "legal"\ntemplates = "missing"\n'
        'jobs = 0\nstrict = "yes"\ninputs = 3\n[commentary]\nIMGN = "nope.md"\n'
    )
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path, {"page_size": "tabloid"})
    problems = caught.value.problems
    root = tmp_path.resolve()
    assert problems == [
        "reportgen.toml: unknown key 'colour' (known: inputs, output, formats, page_size, templates, styles, "
        "commentary, jobs, strict)",
        f"reportgen.toml: commentary.IMGN: file not found: {root / 'nope.md'}",
        "reportgen.toml: formats: 'docx' not one of md, html, pdf",
        "reportgen.toml: inputs: must be a list of paths or globs",
        "reportgen.toml: jobs: must be a whole number >= 1, not 0",
        "reportgen.toml: page_size: 'legal' not one of letter, a4",
        "reportgen.toml: strict: must be true or false, not 'yes'",
        f"reportgen.toml: templates: folder not found: {root / 'missing'}",
        "command line: page_size: 'tabloid' not one of letter, a4",
    ]


def test_unknown_key_in_pyproject_table(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.reportgen]\noutputs = "x"\n')
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path)
    assert [p.split(" (")[0] for p in caught.value.problems] == ["pyproject.toml: unknown key 'outputs'"]


def test_broken_toml_is_one_clean_problem(tmp_path: Path) -> None:
    (tmp_path / "reportgen.toml").write_text("formats = [\n")
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path)
    assert len(caught.value.problems) == 1
    assert caught.value.problems[0].startswith(f"{tmp_path.resolve() / 'reportgen.toml'}: cannot read:")


def test_output_that_is_a_file_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "out").write_text("")
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path, {"output": "out"})
    assert caught.value.problems == [f"command line: output: {tmp_path.resolve() / 'out'} exists and is not a folder"]
