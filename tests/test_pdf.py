"""The PDF: pages, text, fonts, metadata, tagging, reproducibility, size, page sizes, fetcher."""

from __future__ import annotations

import io
import re
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader

from reportgen.analysis import brief_view
from reportgen.charts import make_charts
from reportgen.pdf import html_to_pdf
from reportgen.render import Renderer
from tests.factories import parsed_sample

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def page_html() -> str:
    view = brief_view(parsed_sample(), "Cash runway *intact*.")
    return Renderer().html_page(view, make_charts(view))


@pytest.fixture(scope="module")
def letter(page_html: str) -> bytes:
    return html_to_pdf(page_html)


@pytest.fixture(scope="module")
def reader(letter: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(letter))


def plain(text: str) -> str:
    return " ".join(text.split())


def test_one_or_two_pages_under_300_kb(reader: PdfReader, letter: bytes) -> None:
    assert 1 <= len(reader.pages) <= 2
    assert len(letter) < 300 * 1024


def test_text_holds_the_key_figures(reader: PdfReader) -> None:
    text = plain(" ".join(page.extract_text() for page in reader.pages))
    for needle in (
        "ImmunoGen, Inc.", "Nasdaq: IMGN", "First quarter fiscal 2008", "$11.4M", "+47.0%", "$(1.0)M",
        "$(6.3)M", "$(0.02)", "$(0.15)", "$53.6M", "$59.7M", "11,425", "(1,032)", "58,061",
        "Fiscal year ends June 30", "Page 1 of", "reportgen 0.1.0",
    ):
        assert needle in text, needle


def test_fonts_are_embedded_and_subset(reader: PdfReader) -> None:
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = descendant["/FontDescriptor"].get_object()
            fonts[str(font["/BaseFont"])] = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
    assert fonts and all(fonts.values()), fonts
    assert all(re.match(r"/[A-Z]{6}\+Inter", name) for name in fonts), fonts  # shipped font, subset


def test_metadata_from_the_filing(reader: PdfReader) -> None:
    info = reader.metadata
    assert info.title == "ImmunoGen, Inc. \u2014 First quarter fiscal 2008 brief"
    assert info.author == "ImmunoGen, Inc."
    assert info.subject == "8-K First quarter fiscal 2008, three months ended September 30, 2007"
    assert "IMGN" in info["/Keywords"] and "Q1 FY2008" in info["/Keywords"]
    assert info["/CreationDate"].startswith("D:20071101")


def test_tagged_for_pdf_ua(reader: PdfReader) -> None:
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"]) is True
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "en"
    figures = []

    def walk(node) -> None:  # type: ignore[no-untyped-def]
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, list):
            for kid in node:
                walk(kid)
        elif isinstance(node, dict):
            if node.get("/S") == "/Figure":
                figures.append(str(node.get("/Alt", "")))
            if "/K" in node:
                walk(node["/K"])

    walk(root["/StructTreeRoot"])
    assert len(figures) == 3 and all(alt.startswith("Bar chart of") for alt in figures), figures


def test_identical_bytes_on_rebuild(page_html: str, letter: bytes) -> None:
    view = brief_view(parsed_sample(), "Cash runway *intact*.")
    again = html_to_pdf(Renderer().html_page(view, make_charts(view)))
    assert again == letter


def test_letter_by_default_a4_by_option(page_html: str, reader: PdfReader) -> None:
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)
    a4 = PdfReader(io.BytesIO(html_to_pdf(page_html, "a4"))).pages[0].mediabox
    assert (round(float(a4.width)), round(float(a4.height))) == (595, 842)


def test_charts_are_vector(reader: PdfReader) -> None:
    images = [img for page in reader.pages for img in page.images]
    assert images == []  # SVG charts become vector drawings, not bitmaps
    text = plain(reader.pages[0].extract_text())
    assert "$ millions" in text and "Q1 FY2007" in text


def test_unknown_page_size_is_a_render_error(page_html: str) -> None:
    from reportgen.errors import RenderError

    with pytest.raises(RenderError):
        html_to_pdf(page_html, "legal")


def test_fetcher_serves_data_and_own_assets_only(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from weasyprint.urls import URLFetchingError

    from reportgen.pdf import asset_fetcher
    from reportgen.render import builtin_dir

    fetcher = asset_fetcher()
    assert fetcher.fetch("data:text/plain;base64,aGk=").read() == b"hi"
    own = (builtin_dir("styles") / "brief.css").resolve().as_uri()
    assert fetcher.fetch(own).read().startswith(b"/* reportgen brief")
    secret = tmp_path / "secret.txt"
    secret.write_text("secret", encoding="utf-8")
    for url in (secret.as_uri(), "http://127.0.0.1:9/x.css", "https://example.com/x.png",
                (builtin_dir("styles") / ".." / ".." / "etc").resolve().as_uri() + "/passwd",
                "file:///etc/passwd", "ftp://example.com/x"):
        with pytest.raises((URLFetchingError, ValueError)):
            fetcher.fetch(url)


def test_a_filing_that_links_out_makes_no_request(page_html: str) -> None:
    """Injected references (if any ever got through) are refused, and the PDF still renders."""
    hostile = page_html.replace(
        "</body>",
        '<img src="http://127.0.0.1:9/track.png" alt="x"><img src="file:///etc/passwd" alt="y"></body>',
    )
    pdf = html_to_pdf(hostile)
    assert pdf.startswith(b"%PDF-") and b"/Subtype /Image" not in pdf
    assert Decimal(len(pdf)) > 0


FILINGS = sorted(p for p in (Path(__file__).parent / "fixtures" / "filings").iterdir() if p.suffix in (".txt", ".htm"))


@pytest.mark.parametrize("path", FILINGS, ids=[p.stem for p in FILINGS])
def test_every_fixture_brief_is_one_or_two_pages(path: Path) -> None:
    from reportgen.parse import parse_path

    view = brief_view(parse_path(path))
    pdf = html_to_pdf(Renderer().html_page(view, make_charts(view)))
    reader = PdfReader(io.BytesIO(pdf))
    assert 1 <= len(reader.pages) <= 2, len(reader.pages)
    assert len(pdf) < 300 * 1024
    assert view.header.company in plain(reader.pages[0].extract_text())
