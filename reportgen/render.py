"""Jinja rendering of one view model into Markdown, a standalone HTML page and a fragment.

Why a search path: a user's template and style folders come first, the built-in ones last,
so a user replaces one file (or one block, by extending "builtin/<name>") without copying
the rest. Autoescape is on for every HTML template, whatever its extension.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Sequence
from functools import cache, lru_cache
from pathlib import Path

from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PrefixLoader,
    StrictUndefined,
    TemplateError,
)
from markupsafe import Markup

from reportgen import __version__, fmt
from reportgen.analysis import BriefView
from reportgen.charts import Chart
from reportgen.errors import RenderError

ROOT_CLASS = "rg-brief"
# The host page's rules stop at the fragment's edge: whatever the brief's own rules do not set
# goes back to the browser default (a host's bare `div { padding: 40px }` no longer applies).
FRAGMENT_RESET = f".{ROOT_CLASS}, .{ROOT_CLASS} * {{ all: revert; }}"
BUILTIN_STYLES = ("brief.css", "print.css")
SCREEN_STYLES = ("brief.css",)  # what the fragment carries: no @page, no fonts
FONT_FACES = (("Regular", 400, "normal"), ("Italic", 400, "italic"), ("SemiBold", 600, "normal"), ("Bold", 700, "normal"))


def builtin_dir(kind: str) -> Path:
    """The built-in 'templates' or 'styles' folder: packaged in a wheel, top-level in a checkout."""
    package = Path(__file__).resolve().parent
    for candidate in (package / kind, package.parent / kind):
        if candidate.is_dir():
            return candidate
    raise RenderError(f"built-in {kind}/ folder not found beside {package}")


def _autoescape(name: str | None) -> bool:
    """Escape in every HTML or XML template, including *.html.j2 (select_autoescape misses it)."""
    if name is None:
        return True
    return not name.endswith((".md.j2", ".md", ".txt", ".txt.j2"))


class Renderer:
    """Templates and styles found on a search path, user folders first."""

    def __init__(self, template_dirs: Sequence[Path] = (), style_dirs: Sequence[Path] = ()) -> None:
        self.template_dirs = [*(Path(d) for d in template_dirs), builtin_dir("templates")]
        self.style_dirs = [*(Path(d) for d in style_dirs), builtin_dir("styles")]
        self.env = _environment(tuple(str(d) for d in self.template_dirs))

    # --- outputs ---------------------------------------------------------------------------

    def markdown(self, view: BriefView, charts: Sequence[Chart]) -> str:
        """GitHub-flavoured Markdown; charts as PNG files beside it."""
        text = self._render("brief.md.j2", view, charts, {c.name: f"{c.name}.png" for c in charts})
        text = "\n".join(line.rstrip() for line in text.splitlines())
        return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"

    def html_page(self, view: BriefView, charts: Sequence[Chart], inline_css: bool = True) -> str:
        """One self-contained page: CSS and fonts inline, charts as data: URIs, no scripts.

        With `inline_css=False` the <style> element is left empty, for a caller that hands
        `page_css()` to WeasyPrint as a stylesheet it parses once per process."""
        sources = {c.name: _data_uri("image/svg+xml", c.svg) for c in charts}
        css = self.page_css() if inline_css else ""
        return self._render("brief.html.j2", view, charts, sources, css=Markup(_style_safe(css)))

    def page_css(self) -> str:
        """The standalone page's whole stylesheet: font faces, then the brief's and print rules."""
        return _font_faces(self.style_dirs) + "\n" + self.css(BUILTIN_STYLES)

    def fragment(self, view: BriefView, charts: Sequence[Chart]) -> tuple[str, str]:
        """An embeddable root element and its stylesheet, every rule scoped under the root."""
        html = self._render("brief.fragment.html.j2", view, charts, {c.name: f"{c.name}.svg" for c in charts})
        css = _scoped(self.css(SCREEN_STYLES))
        return html, f"{FRAGMENT_RESET}\n{css}"

    # --- helpers ---------------------------------------------------------------------------

    def css(self, names: Sequence[str], include_extra: bool = True) -> str:
        """Built-in stylesheets (each replaceable by a user file of that name), then user extras."""
        parts = [self._style(name) for name in names]
        if include_extra:
            for folder in self.style_dirs[:-1]:
                for path in sorted(folder.glob("*.css")):
                    if path.name not in BUILTIN_STYLES:
                        parts.append(path.read_text(encoding="utf-8"))
        return "\n".join(p for p in parts if p)

    def _style(self, name: str) -> str:
        """The first stylesheet of that name on the search path."""
        for folder in self.style_dirs:
            path = folder / name
            if path.is_file():
                return path.read_text(encoding="utf-8")
        return ""

    def _render(self, name: str, view: BriefView, charts: Sequence[Chart], sources: dict[str, str], **extra: object) -> str:
        """Render one template; template errors become RenderError with the template's name."""
        try:
            template = self.env.get_template(name)
            return template.render(view=view, charts=charts, chart_src=sources, root=ROOT_CLASS, **extra)
        except TemplateError as error:
            raise RenderError(f"template {name}: {error}") from error


@cache
def _environment(template_dirs: tuple[str, ...]) -> Environment:
    """One Jinja environment per search path, so templates compile once per process
    (Jinja still reloads a template whose file changed)."""
    builtin = template_dirs[-1]
    loader = ChoiceLoader(
        [FileSystemLoader(list(template_dirs)), PrefixLoader({"builtin": FileSystemLoader(builtin)})]
    )
    env = Environment(
        loader=loader,
        autoescape=_autoescape,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = fmt.md_escape
    env.filters["sentence"] = fmt.sentence
    env.filters["md_commentary"] = fmt.md_commentary
    env.globals["version"] = __version__
    return env


def _data_uri(mime: str, data: bytes) -> str:
    """Bytes as a data: URI, so the page needs no other file."""
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def _style_safe(css: str) -> str:
    """CSS placed in a <style> element cannot close it early."""
    return css.replace("</", "<\\/")


@cache
def _font_faces_cached(folder: str) -> str:
    """@font-face rules with the shipped WOFF2 subsets inline (read once per process)."""
    rules = []
    fonts = Path(folder)
    for face, weight, style in FONT_FACES:
        path = fonts / f"Inter-{face}.woff2"
        if path.is_file():
            uri = _data_uri("font/woff2", path.read_bytes())
            rules.append(
                f"@font-face{{font-family:'Inter';font-style:{style};font-weight:{weight};"
                f"src:url({uri}) format('woff2');}}"
            )
    return "\n".join(rules)


def _font_faces(style_dirs: Sequence[Path]) -> str:
    """Font faces from the first styles folder that ships Inter (built-in last)."""
    for folder in style_dirs:
        if (folder / "fonts" / "Inter-Regular.woff2").is_file():
            return _font_faces_cached(str(folder / "fonts"))
    return ""


@lru_cache(maxsize=8)
def _scoped(css: str) -> str:
    """The fragment's scoped stylesheet, parsed once per process for the same styles."""
    return scope_css(css)


def scope_css(css: str, root: str = ROOT_CLASS) -> str:
    """Every style rule scoped under `.root`; @page, @font-face and @import dropped.

    >>> scope_css("p, .rg-brief h1 { color: red } @page { size: A4 }")
    '.rg-brief p, .rg-brief h1 { color: red }'
    """
    import tinycss2

    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    return "\n".join(filter(None, (_scope_rule(rule, root) for rule in rules)))


def _scope_rule(rule: object, root: str) -> str:
    """One rule scoped, or '' for rules that cannot be scoped."""
    import tinycss2

    if rule.type == "qualified-rule":  # type: ignore[attr-defined]
        selectors = tinycss2.serialize(rule.prelude).split(",")  # type: ignore[attr-defined]
        scoped = ", ".join(_scope_selector(s.strip(), root) for s in selectors)
        return f"{scoped} {{{tinycss2.serialize(rule.content)}}}"  # type: ignore[attr-defined]
    if rule.type == "at-rule" and rule.lower_at_keyword in ("media", "supports") and rule.content:  # type: ignore[attr-defined]
        inner = scope_css(tinycss2.serialize(rule.content), root)  # type: ignore[attr-defined]
        prelude = tinycss2.serialize(rule.prelude).strip()  # type: ignore[attr-defined]
        return f"@{rule.lower_at_keyword} {prelude} {{\n{inner}\n}}" if inner else ""  # type: ignore[attr-defined]
    return ""


def _scope_selector(selector: str, root: str) -> str:
    """'.x p' -> '.rg-brief .x p'; the root itself stays as it is."""
    own = f".{root}"
    if selector == own or selector.startswith((own + " ", own + ".", own + ":", own + ">", own + "[")):
        return selector
    if selector in ("html", "body", ":root"):
        return own
    return f"{own} {selector}"
