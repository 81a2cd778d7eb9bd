"""The batch index: one page listing every brief of an output folder, plus its embeddable fragment.

Filing text (company names, periods) reaches the page only through Jinja autoescape.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from reportgen import __version__

if TYPE_CHECKING:
    from reportgen.build import BriefEntry, BuildOptions

INDEX_TEMPLATES = {"index.html": "index.html.j2", "index.fragment.html": "index.fragment.html.j2"}
INDEX_CSS = "index.css"


def render_index(entries: Sequence[BriefEntry], options: BuildOptions) -> dict[str, bytes]:
    """The index files by name: standalone page, fragment, and the fragment's scoped CSS."""
    import jinja2

    from reportgen.build import builtin_dir, form_links

    loader = jinja2.FileSystemLoader([*options.template_dirs, builtin_dir("templates")])
    env = jinja2.Environment(loader=loader, autoescape=True, undefined=jinja2.StrictUndefined,
                             keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True)
    css = index_css(options.style_dirs)
    rows = [{"entry": entry, "links": form_links(entry)} for entry in entries]
    context = {"rows": rows, "css": css, "version": __version__}
    files = {name: env.get_template(template).render(context).encode() for name, template in INDEX_TEMPLATES.items()}
    files["index.fragment.css"] = css.encode()
    return files


def index_css(style_dirs: Sequence[Path]) -> str:
    """The built-in index stylesheet followed by any user index.css, so a user overrides one rule."""
    from reportgen.build import builtin_dir

    sheets = [builtin_dir("styles") / INDEX_CSS, *(Path(d) / INDEX_CSS for d in style_dirs)]
    return "\n".join(sheet.read_text(encoding="utf-8") for sheet in sheets if sheet.is_file())
