"""HTML -> PDF bytes with WeasyPrint (the only module that imports it).

Why a custom fetcher: the HTML may carry filing text; WeasyPrint must fetch nothing but
data: URLs and reportgen's own assets, never the network or arbitrary local files.
Why the fixed identifier: two builds of one filing give identical bytes (dates come from
the filing's <meta name="dcterms.created">, never the clock).
"""

from __future__ import annotations

import hashlib
import logging
from functools import cache, lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from reportgen.errors import RenderError

PAGE_SIZES = {"letter": "letter", "a4": "A4"}
PDF_VARIANT = "pdf/ua-1"


def html_to_pdf(html: str, page_size: str = "letter", css: str | None = None) -> bytes:
    """Render the brief's HTML page as a tagged PDF of the given page size.

    `css`, when given, is the page's stylesheet kept out of its HTML: parsed once per process
    and reused for every brief (same PDF bytes; WeasyPrint about 15% faster)."""
    import weasyprint

    size = PAGE_SIZES.get(page_size.lower())
    if size is None:
        raise RenderError(f"page size {page_size!r}: use one of {', '.join(PAGE_SIZES)}")
    fetcher = asset_fetcher()
    try:
        fonts = _font_config()
        document = weasyprint.HTML(string=html, base_url=_base_url(), url_fetcher=fetcher)
        page = weasyprint.CSS(string=f"@page {{ size: {size}; }}", url_fetcher=fetcher, font_config=fonts)
        sheets = [_stylesheet(css), page] if css is not None else [page]
        identity = html.encode("utf-8") + size.encode() + (css or "").encode("utf-8")
        with _quiet_weasyprint():
            pdf = document.write_pdf(
                stylesheets=sheets,
                font_config=fonts,
                pdf_variant=PDF_VARIANT,
                pdf_identifier=hashlib.sha256(identity).hexdigest()[:32].encode(),
                custom_metadata=False,
            )
    except (OSError, ValueError, TypeError) as error:
        raise RenderError(f"PDF rendering failed: {error}") from error
    if not pdf:
        raise RenderError("PDF rendering produced no bytes")
    return pdf


@cache
def _font_config():  # type: ignore[no-untyped-def]
    """One WeasyPrint font configuration per process: the brief's @font-face fonts are decoded
    and registered with Fontconfig once, not per PDF (about 7% of WeasyPrint's time; same bytes)."""
    import atexit
    from multiprocessing import util

    from weasyprint.text.fonts import FontConfiguration

    config = FontConfiguration()
    # its own clean-up removes the temporary font folder; pool workers skip atexit, hence Finalize
    atexit.register(_remove_font_folder, config)
    util.Finalize(None, _remove_font_folder, args=(config,), exitpriority=1)
    return config


def _remove_font_folder(config) -> None:  # type: ignore[no-untyped-def]
    """Remove the temporary font folder once, while the interpreter can still do it.

    Without this, WeasyPrint's own __del__ runs again during interpreter shutdown, when
    shutil is already torn down, and prints an "Exception ignored" traceback.
    """
    config.__del__()
    config._folder = None


@lru_cache(maxsize=4)
def _stylesheet(css: str):  # type: ignore[no-untyped-def]
    """A page stylesheet parsed (and its @font-face fonts loaded) once per process."""
    import weasyprint

    with _quiet_weasyprint():
        return weasyprint.CSS(string=css, base_url=_base_url(), url_fetcher=asset_fetcher(), font_config=_font_config())


def asset_roots() -> tuple[Path, ...]:
    """The folders whose files WeasyPrint may read: reportgen's own styles and templates."""
    from reportgen.render import builtin_dir

    return tuple(builtin_dir(kind).resolve() for kind in ("styles", "templates"))


def _base_url() -> str:
    """Relative URLs resolve inside the built-in styles folder, where the fetcher allows them."""
    from reportgen.render import builtin_dir

    return builtin_dir("styles").resolve().as_uri() + "/"


@cache
def _fetcher_class() -> type:
    """The WeasyPrint fetcher subclass, built lazily so importing this module stays light."""
    from weasyprint.urls import URLFetcher, URLFetchingError

    class AssetFetcher(URLFetcher):
        """Serves data: URLs and files under our asset folders; refuses everything else."""

        def __init__(self, roots: tuple[Path, ...]) -> None:
            super().__init__(allowed_protocols={"data", "file"}, allow_redirects=False)
            self.roots = roots

        def fetch(self, url: str, headers: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
            scheme = urlsplit(url).scheme.lower()
            if scheme == "data":
                return super().fetch(url, headers)
            if scheme == "file" and _inside(_file_path(url), self.roots):
                return super().fetch(url, headers)
            raise URLFetchingError(f"reportgen refuses to fetch {url[:80]}")

    return AssetFetcher


def asset_fetcher(roots: tuple[Path, ...] | None = None):  # type: ignore[no-untyped-def]
    """A WeasyPrint URL fetcher limited to data: URLs and files under `roots` (ours by default)."""
    return _fetcher_class()(roots if roots is not None else asset_roots())


def _file_path(url: str) -> Path:
    """The local path a file: URL names, resolved (symlinks and '..' followed)."""
    parts = urlsplit(url)
    if parts.netloc not in ("", "localhost"):
        return Path("/nonexistent-remote-host")
    return Path(unquote(parts.path)).resolve()


def _inside(path: Path, roots: tuple[Path, ...]) -> bool:
    """Whether a path lies inside one of the allowed folders."""
    return any(path == root or root in path.parents for root in roots)


class _quiet_weasyprint:
    """Lower WeasyPrint's logger for one render: refused fetches are expected, not news."""

    def __enter__(self) -> None:
        self.logger = logging.getLogger("weasyprint")
        self.level = self.logger.level
        self.logger.setLevel(logging.ERROR)

    def __exit__(self, *exc: object) -> None:
        self.logger.setLevel(self.level)
