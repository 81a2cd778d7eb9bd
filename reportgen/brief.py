"""One brief from one parsed filing: every output file's bytes, by relative name.

Why here and not in build: this is the pure part (no disk, no clock); the orchestrator
writes these bytes atomically and decides what to rebuild.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from reportgen.errors import ConfigError
from reportgen.model import Filing

FORMATS = frozenset({"md", "html", "pdf"})
PAGE_SIZES = frozenset({"letter", "a4"})


@dataclass(frozen=True)
class BriefOptions:
    """How to render a brief; the defaults are the project's own."""

    page_size: str = "letter"
    formats: frozenset[str] = field(default_factory=lambda: FORMATS)
    template_dirs: tuple[Path, ...] = ()
    style_dirs: tuple[Path, ...] = ()
    commentary_md: str | None = None
    chart_images: frozenset[str] = frozenset()  # chart files wanted beyond the formats' own ("png" for email)

    def __post_init__(self) -> None:
        """Normalise collections (callers pass lists or tuples), collect every problem, fail once."""
        object.__setattr__(self, "formats", frozenset(self.formats))
        object.__setattr__(self, "chart_images", frozenset(self.chart_images))
        object.__setattr__(self, "template_dirs", tuple(Path(d) for d in self.template_dirs))
        object.__setattr__(self, "style_dirs", tuple(Path(d) for d in self.style_dirs))
        object.__setattr__(self, "page_size", str(self.page_size).lower())
        problems = []
        if self.page_size not in PAGE_SIZES:
            problems.append(f"page_size {self.page_size!r} must be one of: a4, letter")
        unknown = set(self.formats) - FORMATS
        if unknown:
            problems.append(f"formats {sorted(unknown)} unknown; choose from: html, md, pdf")
        if problems:
            raise ConfigError(problems)


def render_brief(filing: Filing, options: BriefOptions | None = None, timings: dict[str, float] | None = None) -> dict[str, bytes]:
    """Render every file of one brief; `timings` receives seconds per stage."""
    from reportgen.analysis import brief_view
    from reportgen.charts import make_charts
    from reportgen.render import Renderer

    options = options or BriefOptions()
    clock = _Clock(timings)
    files: dict[str, bytes] = {}
    with clock("view"):
        view = brief_view(filing, options.commentary_md)
    kinds = _chart_kinds(options)
    with clock("charts"):
        charts = make_charts(view, kinds)
    for chart in charts:
        if "svg" in kinds:
            files[f"{chart.name}.svg"] = chart.svg
        if "png" in kinds:
            files[f"{chart.name}.png"] = chart.png
    renderer = Renderer(options.template_dirs, options.style_dirs)
    if "md" in options.formats:
        with clock("markdown"):
            files["brief.md"] = renderer.markdown(view, charts).encode("utf-8")
    if options.formats & {"html", "pdf"}:
        with clock("html"):
            page = renderer.html_page(view, charts)
            fragment, css = renderer.fragment(view, charts)
        if "html" in options.formats:
            files["brief.html"] = page.encode("utf-8")
            files["brief.fragment.html"] = fragment.encode("utf-8")
            files["brief.fragment.css"] = css.encode("utf-8")
        if "pdf" in options.formats:
            from reportgen.charts import for_print
            from reportgen.pdf import html_to_pdf

            with clock("pdf"):
                bare = renderer.html_page(view, [for_print(c) for c in charts], inline_css=False)
                files["brief.pdf"] = html_to_pdf(bare, options.page_size, css=renderer.page_css())
    contract = _contract_json(filing)
    if contract is not None:
        files["filing.json"] = contract
    return files


def _chart_kinds(options: BriefOptions) -> frozenset[str]:
    """Chart images to draw: PNG for Markdown, SVG for HTML and PDF (each is a whole redraw)."""
    kinds = set(options.chart_images)
    if "md" in options.formats:
        kinds.add("png")
    if options.formats & {"html", "pdf"}:
        kinds.add("svg")
    return frozenset(kinds)


def _contract_json(filing: Filing) -> bytes | None:
    """The `parse --json` contract dump, once reportgen.contract exists."""
    try:
        from reportgen.contract import to_contract
    except ImportError:
        return None
    data = to_contract(filing)
    return (json.dumps(data, indent=2, ensure_ascii=False, sort_keys=False) + "\n").encode("utf-8")


class _Clock:
    """Times named stages into an optional dict."""

    def __init__(self, timings: dict[str, float] | None) -> None:
        self.timings = timings

    @contextmanager
    def __call__(self, stage: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            if self.timings is not None:
                self.timings[stage] = self.timings.get(stage, 0.0) + time.perf_counter() - start


__all__ = ["BriefOptions", "render_brief", "FORMATS"]
