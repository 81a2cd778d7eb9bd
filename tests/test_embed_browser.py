"""The embeddable fragment inside a hostile intranet page, and the email body, in headless Chromium.

The host page (tests/fixtures/host/) has aggressive CSS of its own and a strict CSP
(no inline style, no script, images only from itself or data:), and is served over HTTP on
127.0.0.1 so 'self' applies. Layout is asserted from the browser; screenshots are saved
for a person to look at, never compared byte for byte.
"""

from __future__ import annotations

import base64
import email
import shutil
from email import policy
from pathlib import Path
from typing import Any

import pytest

from tests.browser import csp_violations, chromium, full_page_screenshot, require_chromium, serve_directory

pytestmark = pytest.mark.browser

HERE = Path(__file__).parent
SAMPLE = HERE / "fixtures" / "filings" / "immunogen-2007q3-8k.txt"
HOST = HERE / "fixtures" / "host"
RED = "rgb(255, 0, 0)"

LAYOUT_SCRIPT = """
const root = document.querySelector('#brief-slot > .rg-brief');
const box = (el) => { const r = el.getBoundingClientRect(); return {left: r.left, top: r.top, width: r.width, height: r.height}; };
const style = (el) => getComputedStyle(el);
return {
  root: root ? box(root) : null,
  images: [...root.querySelectorAll('img')].map(i => ({src: i.getAttribute('src'), complete: i.complete,
                                                        natural: i.naturalWidth, width: i.getBoundingClientRect().width})),
  tiles: [...root.querySelectorAll('.rg-tile')].map(box),
  tileBorders: [...root.querySelectorAll('.rg-tile')].map(t => style(t).borderLeftColor + ' ' + style(t).borderLeftWidth),
  tables: [...root.querySelectorAll('table.rg-fin')].map(t => ({width: box(t).width, fontSize: style(t).fontSize, color: style(t).color})),
  headings: [...root.querySelectorAll('h1, h2')].map(h => ({tag: h.tagName, fontSize: parseFloat(style(h).fontSize), color: style(h).color})),
  paragraphMargins: [...root.querySelectorAll('p')].slice(0, 5).map(p => style(p).marginTop),
  hostTable: style(document.querySelector('.intranet-page > table')).fontSize,
  hostHeading: parseFloat(style(document.querySelector('.intranet-page > h1')).fontSize),
};
"""


@pytest.fixture(scope="module")
def brief_files() -> dict[str, bytes]:
    """The sample's brief, rendered once for the module."""
    require_chromium()
    from reportgen.brief import render_brief
    from reportgen.parse import parse_path

    return render_brief(parse_path(SAMPLE))


def host_folder(files: dict[str, bytes], folder: Path) -> Path:
    """The intranet page with the fragment pasted in, its CSS linked and the chart files beside it."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(HOST / "host.css", folder / "host.css")
    for name, data in files.items():
        if name.startswith("brief.fragment.") or name.endswith(".svg"):
            (folder / name).write_bytes(data)
    page = (HOST / "index.html.in").read_text(encoding="utf-8")
    fragment = files["brief.fragment.html"].decode("utf-8")
    (folder / "index.html").write_text(page.replace("@@FRAGMENT@@", fragment), encoding="utf-8")
    return folder


def measure(driver: Any, url: str) -> dict[str, Any]:
    """Load the page and read its layout from the browser."""
    driver.get(url)
    driver.execute_script("return document.fonts.ready.then(() => true);")
    return driver.execute_script(LAYOUT_SCRIPT)


@pytest.mark.parametrize("width", [1280, 760])
def test_fragment_keeps_its_layout_in_a_hostile_page_under_a_strict_csp(
    brief_files: dict[str, bytes], tmp_path: Path, width: int
) -> None:
    folder = host_folder(brief_files, tmp_path / "host")
    with serve_directory(folder) as base, chromium(width, 900) as driver:
        layout = measure(driver, base + "index.html")
        violations = csp_violations(driver)
        shot = full_page_screenshot(driver, tmp_path / f"embed-{width}.png")
    if width == 1280:
        shutil.copy(shot, "/tmp/embed.png")
    assert violations == []
    # the host's rules do apply to the host itself: the test page is hostile for real
    assert layout["hostTable"] == "30px" and layout["hostHeading"] == 60
    root = layout["root"]
    assert root is not None and root["width"] >= min(600, width - 200)
    images = layout["images"]
    assert [i["src"] for i in images] == ["revenue.svg", "expenses.svg", "cash.svg"]
    assert all(i["complete"] and i["natural"] > 0 and i["width"] > 150 for i in images), images
    tiles = layout["tiles"]
    assert len(tiles) == 6
    first, second = tiles[0], tiles[1]
    assert abs(first["top"] - second["top"]) < 1 and second["left"] >= first["left"] + first["width"] - 1
    assert all(not border.startswith(RED) for border in layout["tileBorders"])
    tables = layout["tables"]
    assert len(tables) == 2
    assert all(t["width"] > 250 and t["fontSize"] != "30px" and t["color"] != RED for t in tables), tables
    assert all(h["fontSize"] < 40 and h["color"] != RED for h in layout["headings"]), layout["headings"]
    assert "50px" not in layout["paragraphMargins"]


def eml_html_with_data_images(message: email.message.EmailMessage) -> str:
    """The HTML body with each cid: reference replaced by its inline PNG, as a mail client shows it."""
    html = message.get_body(("html",)).get_content()
    for part in message.walk():
        cid = part.get("Content-ID")
        if cid and part.get_content_type() == "image/png":
            data = base64.b64encode(part.get_content()).decode("ascii")
            html = html.replace(f"cid:{cid.strip('<>')}", f"data:image/png;base64,{data}")
    return html


def test_email_html_is_one_600px_column_with_its_charts(brief_files: dict[str, bytes], tmp_path: Path) -> None:
    from reportgen.analysis import brief_view
    from reportgen.mail.compose import compose
    from reportgen.parse import parse_path

    filing = parse_path(SAMPLE)
    message = compose(filing, brief_view(filing), brief_files, recipients=["analyst@example.com"])
    parsed = email.message_from_bytes(message.as_bytes(), policy=policy.default)
    (tmp_path / "email.html").write_text(eml_html_with_data_images(parsed), encoding="utf-8")
    with serve_directory(tmp_path) as base, chromium(900, 900) as driver:
        driver.get(base + "email.html")
        layout = driver.execute_script("""
            const page = document.querySelector('table.page');
            return {page: page.getBoundingClientRect().width,
                    widest: Math.max(...[...document.querySelectorAll('table.page *')].map(e => e.getBoundingClientRect().right))
                            - page.getBoundingClientRect().left,
                    images: [...document.images].map(i => [i.naturalWidth, i.getBoundingClientRect().width])};
        """)
        shot = full_page_screenshot(driver, tmp_path / "email.png")
    shutil.copy(shot, "/tmp/email.png")
    assert layout["page"] == 600 and layout["widest"] <= 600
    assert len(layout["images"]) == 3 and all(natural > 0 and 0 < shown <= 552 for natural, shown in layout["images"])
