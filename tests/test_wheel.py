"""The wheel carries the built-in templates, styles, fonts and the bundled sample."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    result = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out), str(ROOT)],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    (built,) = out.glob("reportgen-*.whl")
    return built


def test_wheel_contains_templates_styles_fonts_and_sample(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for template in ("brief.html.j2", "brief.fragment.html.j2", "brief.md.j2", "brief_body.html.j2",
                     "partials/header.html.j2", "partials/statements.html.j2"):
        assert f"reportgen/templates/{template}" in names, template
    for style in ("brief.css", "print.css", "fonts/Inter-Regular.woff2", "fonts/Inter-Bold.woff2",
                  "fonts/Inter-Regular.otf", "fonts/LICENSE-Inter.txt"):
        assert f"reportgen/styles/{style}" in names, style
    assert "reportgen/data/immunogen-2007q3-8k.txt" in names
    assert "reportgen/render.py" in names and "reportgen/pdf.py" in names


def test_builtin_dir_finds_the_packaged_folders(wheel: Path, tmp_path: Path) -> None:
    """Unpacked, the wheel's render.builtin_dir points inside the package, not at a checkout."""
    zipfile.ZipFile(wheel).extractall(tmp_path)
    code = (
        "import reportgen.render as r, pathlib; "
        "print(r.builtin_dir('templates')); print(r.builtin_dir('styles'))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=tmp_path, env={"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    templates, styles = result.stdout.split()
    assert Path(templates) == tmp_path / "reportgen" / "templates"
    assert Path(styles) == tmp_path / "reportgen" / "styles"
