"""The embeddable fragment inside a hostile intranet page, and the email body, in headless Chromium.

The host page (tests/fixtures/host/) has aggressive CSS of its own and a strict CSP
(no inline style, no script, images only from itself or data:), and is served over HTTP on
127.0.0.1 so 'self' applies. Layout is asserted from the browser; screenshots are saved
for a person to look at, never compared byte for byte.
"""

from __future__ import annotations

import base64
import email
import os
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
  slot: (() => { const slot = document.querySelector('#brief-slot'); const s = style(slot);
                 return slot.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight); })(),
  images: [...root.querySelectorAll('img')].map(i => ({src: i.getAttribute('src'), complete: i.complete,
                                                        natural: i.naturalWidth, width: i.getBoundingClientRect().width})),
  tiles: [...root.querySelectorAll('.rg-tile')].map(box),
  tileBorders: [...root.querySelectorAll('.rg-tile')].map(t => style(t).borderLeftColor + ' ' + style(t).borderLeftWidth),
  tables: [...root.querySelectorAll('table.rg-fin')].map(t => ({width: box(t).width, fontSize: style(t).fontSize, color: style(t).color})),
  headings: [...root.querySelectorAll('h1, h2')].map(h => ({tag: h.tagName, fontSize: parseFloat(style(h).fontSize), color: style(h).color})),
  paragraphMargins: [...root.querySelectorAll('p')].slice(0, 5).map(p => style(p).marginTop),
  cellBorders: [...root.querySelectorAll('td, th')].filter(c => style(c).borderTopStyle === 'dashed').length,
  bigText: [...root.querySelectorAll('p')].filter(p => style(p).fontSize === '25px').length,
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
    keep_screenshot(shot)
    assert violations == []
    # the host's rules do apply to the host itself: the test page is hostile for real
    assert layout["hostTable"] == "30px" and layout["hostHeading"] == 60
    assert layout["root"] is not None
    problems = layout_problems(layout, width)
    assert not problems, "\n".join(problems)


def layout_problems(layout: dict[str, Any], width: int) -> list[str]:
    """Every way the host's CSS broke the fragment, so one run shows them all."""
    problems = []
    if layout["root"]["width"] < layout["slot"] - 1 or layout["root"]["width"] < 500:
        problems.append(f"fragment {layout['root']['width']:.0f}px wide in a {layout['slot']:.0f}px slot")
    images = layout["images"]
    if [i["src"] for i in images] != ["revenue.svg", "expenses.svg", "cash.svg"]:
        problems.append(f"chart images {[i['src'] for i in images]}")
    problems += [f"chart {i['src']} not loaded or {i['width']:.0f}px wide" for i in images
                 if not (i["complete"] and i["natural"] > 0 and i["width"] > 150)]
    tiles = layout["tiles"]
    if len(tiles) != 6:
        problems.append(f"{len(tiles)} key-figure tiles, not 6")
    elif abs(tiles[0]["top"] - tiles[1]["top"]) >= 1 or tiles[1]["left"] < tiles[0]["left"] + tiles[0]["width"] - 1:
        problems.append(f"first two tiles not side by side: {tiles[:2]}")
    problems += [f"tile border {b} (the host's div rule)" for b in layout["tileBorders"] if b.startswith(RED)][:1]
    tables = layout["tables"]
    if len(tables) != 2:
        problems.append(f"{len(tables)} statement tables, not 2")
    for table in tables:
        if table["width"] <= 250 or table["fontSize"] == "30px" or table["color"] == RED:
            problems.append(f"statement table takes the host's table rule: {table}")
    problems += [f"{h['tag']} at {h['fontSize']}px, colour {h['color']}" for h in layout["headings"]
                 if h["fontSize"] >= 40 or h["color"] == RED]
    if "50px" in layout["paragraphMargins"]:
        problems.append("paragraphs take the host's 50px margins")
    if layout["cellBorders"]:
        problems.append(f"{layout['cellBorders']} statement cells with the host's red dashed border")
    if layout["bigText"]:
        problems.append(f"{layout['bigText']} paragraphs at the host's 25px")
    return problems


def eml_html_with_data_images(message: email.message.EmailMessage) -> str:
    """The HTML body with each cid: reference replaced by its inline PNG, as a mail client shows it."""
    html = message.get_body(("html",)).get_content()
    for part in message.walk():
        cid = part.get("Content-ID")
        if cid and part.get_content_type() == "image/png":
            data = base64.b64encode(part.get_content()).decode("ascii")
            html = html.replace(f"cid:{cid.strip('<>')}", f"data:image/png;base64,{data}")
    return html


@pytest.mark.parametrize("width", [900, 420])
def test_email_html_is_one_600px_column_with_its_charts(brief_files: dict[str, bytes], tmp_path: Path, width: int) -> None:
    from reportgen.analysis import brief_view
    from reportgen.mail.compose import compose
    from reportgen.parse import parse_path

    filing = parse_path(SAMPLE)
    message = compose(filing, brief_view(filing), brief_files, recipients=["analyst@example.com"])
    parsed = email.message_from_bytes(message.as_bytes(), policy=policy.default)
    (tmp_path / "email.html").write_text(eml_html_with_data_images(parsed), encoding="utf-8")
    with serve_directory(tmp_path) as base, chromium(width, 900) as driver:
        driver.get(base + "email.html")
        layout = driver.execute_script("""
            const page = document.querySelector('table.page');
            return {page: page.getBoundingClientRect().width,
                    viewport: document.documentElement.clientWidth,
                    overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
                    images: [...document.images].map(i => [i.naturalWidth, i.getBoundingClientRect().width])};
        """)
        shot = full_page_screenshot(driver, tmp_path / f"email-{width}.png")
    keep_screenshot(shot)
    assert layout["viewport"] < 600 or width > 600  # the narrow case really is narrower than the column
    assert layout["page"] == min(600, layout["viewport"]) and layout["overflow"] == 0
    assert len(layout["images"]) == 3 and all(natural > 0 and 0 < shown <= 552 for natural, shown in layout["images"])


def keep_screenshot(shot: Path) -> None:
    """Copy a screenshot into $REPORTGEN_SCREENSHOTS when it is set, for a person to look at."""
    folder = os.environ.get("REPORTGEN_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, Path(folder) / shot.name)
