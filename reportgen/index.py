"""The batch index: one page listing every brief of an output folder, plus its embeddable fragment.

Filing text (company names, periods) reaches the page only through Jinja autoescape.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Sequence

from reportgen import __version__

if TYPE_CHECKING:
    from reportgen.build import BuildOptions

INCOME_KEYS = ("total_revenue", "total_operating_expenses", "operating_income", "net_income", "eps_basic", "eps_diluted")
BALANCE_KEYS = ("cash", "total_assets", "total_liabilities", "total_equity")
INDEX_FIGURES = (("income", "total_revenue", "Revenue"), ("income", "net_income", "Net income"),
                 ("income", "eps_diluted", "Diluted EPS"))
FORM_FILES = (("md", "brief.md", "Markdown"), ("html", "brief.html", "HTML"), ("pdf", "brief.pdf", "PDF"))
INDEX_TEMPLATES = {"index.html": "index.html.j2", "index.fragment.html": "index.fragment.html.j2"}
INDEX_CSS = "index.css"


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


def form_links(entry: BriefEntry) -> list[tuple[str, str]]:
    """(label, relative href) for each of the three forms this brief was written in."""
    return [(label, f"{entry.folder}/{name}") for _, name, label in FORM_FILES if name in entry.files]


def render_index(entries: Sequence[BriefEntry], options: BuildOptions) -> dict[str, bytes]:
    """The index files by name: standalone page, fragment, and the fragment's scoped CSS."""
    import jinja2

    from reportgen.render import builtin_dir

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
    from reportgen.render import builtin_dir

    sheets = [builtin_dir("styles") / INDEX_CSS, *(Path(d) / INDEX_CSS for d in style_dirs)]
    return "\n".join(sheet.read_text(encoding="utf-8") for sheet in sheets if sheet.is_file())
