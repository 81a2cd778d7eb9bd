"""Hostile and broken inputs, built at test time from the real fixture filings.

Each builder takes a real filing and injects one kind of trouble (markup in names and labels,
fetchable URLs, deep nesting, a huge table, a legacy encoding), so the statement it holds is
still there to be parsed and checked. The `assert_inert_*` helpers walk an output and fail on
anything active: scripts, event handlers, javascript: links, embedded files, fetchable URLs.
"""

from __future__ import annotations

import html
import http.server
import io
import re
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures" / "filings"
TEXT_FILING = "immunogen-2007q3-8k.txt"
HTML_FILING = "apple-2011q1-ex99.htm"

# The figures both hostile carriers must still yield (labels.json, scaled to dollars).
TEXT_EXPECTED = {"total_revenue": "11425000", "net_income": "-1032000", "total_operating_expenses": "13258000"}
HTML_EXPECTED = {"total_revenue": "26741000000", "net_income": "6004000000", "operating_income": "7827000000"}

HOSTILE_NAME = "Evil <img src=x onerror=alert(1)> | [x](javascript:alert(1)) `tick` *Corp* ../../x"
CANARY = "CANARY-7f3a9c"


def fixture_bytes(name: str) -> bytes:
    """The raw bytes of a fixture filing."""
    return (FIXTURES / name).read_bytes()


# --- a local listener that must never be called -------------------------------------------


@dataclass
class Listener:
    """A 127.0.0.1 HTTP server that records every request made to it."""

    port: int
    requests: list[str] = field(default_factory=list)

    @property
    def base(self) -> str:
        """The server's base URL."""
        return f"http://127.0.0.1:{self.port}"


@contextmanager
def listener() -> Iterator[Listener]:
    """Run a recording HTTP server on a free local port for the duration of the block."""
    record = Listener(port=0)

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            record.requests.append(self.path)
            body = b"body::before{content:'FETCHED'}" if self.path.endswith("css") else b"FETCHED"
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            """Stay quiet."""

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    record.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield record
    finally:
        server.shutdown()
        server.server_close()


def canary_files(folder: Path) -> dict[str, Path]:
    """Local files whose content would show in a PDF or HTML if anything read them."""
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        "txt": folder / "canary.txt",
        "css": folder / "canary.css",
        "svg": folder / "canary.svg",
    }
    files["txt"].write_text(CANARY)
    files["css"].write_text(f"body::before {{ content: '{CANARY}'; }}")
    files["svg"].write_text(
        f'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><text>{CANARY}</text></svg>'
    )
    return files


def active_markup(base: str, canaries: dict[str, Path]) -> str:
    """Markup that would fetch, attach, embed or run something if it reached a renderer."""
    return (
        f'<link rel="attachment" href="file:///etc/passwd">'
        f'<link rel="attachment" href="{canaries["txt"].as_uri()}">'
        f'<link rel="stylesheet" href="{base}/link.css">'
        f'<img src="{base}/img.png" onerror="alert(1)">'
        f'<img src="{canaries["svg"].as_uri()}">'
        f'<object data="{base}/object.svg"></object>'
        f'<embed src="{base}/embed.svg">'
        f'<iframe src="{base}/iframe.html"></iframe>'
        f'<style>@import url({base}/import.css); @import url({canaries["css"].as_uri()});</style>'
        f'<svg xmlns="http://www.w3.org/2000/svg"><image href="{base}/svg-image.png" width="9" height="9"/></svg>'
        f'<script>alert(1)</script>'
        f'<a href="javascript:alert(1)" onclick="alert(2)">click</a>'
        f'<div style="background:url({base}/bg.png)">bg</div>'
    )


def markdown_traps() -> str:
    """Markdown that would become a link, code, a table cell break or raw HTML if not escaped."""
    return "| pipe | [x](javascript:alert(1)) ![i](http://127.0.0.1:1/i.png) `tick` *em* <u>u</u> \\ #"


# --- hostile carriers built from the real fixtures -------------------------------------------


def hostile_text_filing(base: str, canaries: dict[str, Path]) -> bytes:
    """The ImmunoGen text 8-K with markup and Markdown in its name, labels and narrative."""
    text = fixture_bytes(TEXT_FILING).decode("utf-8")
    markup = active_markup(base, canaries)
    text = text.replace("ImmunoGen, Inc.", HOSTILE_NAME)
    text = text.replace("Research and development support", f"Research {markup} support {markdown_traps()}", 1)
    text = text.replace("Other assets", "Other <script>alert(1)</script> assets | [y](javascript:z)", 1)
    text = text.replace(
        "commented Mitchel Sayare", f"{markup} {markdown_traps()}\" commented Mitchel Sayare <b onclick=x()>", 1
    )
    text = text.replace(
        "Revenues for the three-month period ended September 30, 2007 were",
        f"Revenues {markup} for the three-month period ended September 30, 2007 were",
        1,
    )
    text = text.replace("in cash and marketable securities as of", f"in cash {markup} and marketable securities as of", 1)
    return text.encode("utf-8")


def hostile_html_filing(base: str, canaries: dict[str, Path]) -> bytes:
    """The Apple Exhibit 99.1 with live markup in the release and escaped markup as its text."""
    page = fixture_bytes(HTML_FILING).decode("latin-1")
    markup = active_markup(base, canaries)
    as_text = html.escape(markup + " " + markdown_traps(), quote=False)
    page = page.replace("Apple Inc.", html.escape(HOSTILE_NAME, quote=False))
    page = page.replace("Research and development (1)", f"Research and development {as_text} (1)", 1)
    page = page.replace("Apple sold\n4.13", f"{markup}Apple sold {as_text} \n4.13", 1)
    page = page.replace("<BODY", f"<BODY onload=\"alert(1)\"><script>alert(0)</script>{markup}<DIV", 1)
    page = page.replace("&#147;We had a phenomenal", f"&#147;{as_text} We had a phenomenal", 1)
    return page.encode("latin-1")


def deeply_nested_html(depth: int = 400) -> bytes:
    """The Apple release with every table wrapped in `depth` nested elements."""
    page = fixture_bytes(HTML_FILING).decode("latin-1")
    opening = "<DIV><SPAN>" * (depth // 2)
    closing = "</SPAN></DIV>" * (depth // 2)
    page = re.sub(r"(?i)<table", lambda m: opening + m.group(0), page)
    page = re.sub(r"(?i)</table>", lambda m: m.group(0) + closing, page)
    return page.encode("latin-1")


def huge_table_html(rows: int = 20_000) -> bytes:
    """The Apple release with a `rows`-row numeric table ahead of its statements."""
    page = fixture_bytes(HTML_FILING).decode("latin-1")
    body = "".join(f"<tr><td>Item {i}</td><td>$</td><td>{i:,}</td><td>({i + 1:,})</td></tr>" for i in range(rows))
    table = (
        "<p>SCHEDULE OF ITEMS (in thousands)</p><table><tr><td></td>"
        "<td colspan=2>December 25, 2010</td><td>December 26, 2009</td></tr>" + body + "</table>"
    )
    page = page.replace("<p Style='page-break-before:always'>", table + "<p Style='page-break-before:always'>", 1)
    return page.encode("latin-1")


def huge_table_text(rows: int = 20_000) -> bytes:
    """The ImmunoGen text 8-K with a `rows`-row tab-separated table ahead of its statements."""
    text = fixture_bytes(TEXT_FILING).decode("utf-8")
    body = "".join(f"Item {i}\t{i:,}\t({i + 1:,})\n" for i in range(rows))
    table = "SCHEDULE OF ITEMS (in thousands)\n\n\tSeptember 30, 2007\tJune 30, 2007\n" + body + "\n"
    text = text.replace("SELECTED FINANCIAL INFORMATION", table + "SELECTED FINANCIAL INFORMATION", 1)
    return text.encode("utf-8")


def control_chars_html() -> bytes:
    """The Apple release with a few stray control characters beside hidden and footnote elements."""
    page = fixture_bytes(HTML_FILING).decode("latin-1")
    page = page.replace(
        "Research and development (1)",
        'Research and<span style="display:none">x</span> development\x0b\x05 (1)<sup>1</sup>\x19', 1)
    page = page.replace("Apple sold\n4.13", 'Apple<span style="display:none">y</span>\x0c sold\n4.13', 1)
    return page.encode("latin-1")


IXBRL_FILING = "pfizer-2023q2-10q.htm"
IXBRL_EXPECTED = {"total_revenue": "12734000000", "net_income": "2327000000"}


def hostile_ixbrl() -> bytes:
    """The Pfizer inline-XBRL 10-Q with absurd scales on every fact and non-numbers in the last few."""
    page = fixture_bytes(IXBRL_FILING).decode("utf-8")
    page = re.sub(r'scale="(\d+)"', lambda m: f'scale="{m.group(1)}99999"', page)
    facts = list(re.finditer(r"(<ix:nonFraction[^>]*>)([^<]*)(</ix:nonFraction>)", page))
    for match, junk in zip(reversed(facts[-4:]), ("NaN", "Infinity", "9" * 60, "1e999999")):
        page = page[: match.start(2)] + junk + page[match.end(2) :]
    return page.encode("utf-8")


SMART = {"'": "\u2019", '"': "\u201d"}


def cp1252_text_filing() -> bytes:
    """The ImmunoGen text 8-K with typographic quotes and dashes, encoded as Windows-1252."""
    text = fixture_bytes(TEXT_FILING).decode("utf-8")
    text = text.replace("Shareholders' equity", "Shareholders\u2019 equity")
    text = text.replace("ImmunoGen's", "ImmunoGen\u2019s")
    text = re.sub(r'"([^"\n]{1,400})"', "\u201c\\1\u201d", text)
    text = text.replace("\u00b7", "\u2022")
    return text.encode("cp1252", errors="replace")


def truncated(data: bytes, fraction: float) -> bytes:
    """The first `fraction` of a filing, cut mid-byte-sequence where it falls."""
    return data[: int(len(data) * fraction)]


BINARY = bytes(range(256)) * 64 + b"\x00\xff\xfe" * 1000
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(2000)
NO_STATEMENTS = (
    b"UNITED STATES SECURITIES AND EXCHANGE COMMISSION\n\nFORM 8-K\n\nCURRENT REPORT\n\n"
    b"Acme Widgets, Inc.\n(Exact name of registrant as specified in its charter)\n\n"
    b"Item 5.02 Departure of Directors or Certain Officers.\n\nOn May 1, 2024, Jane Doe resigned.\n"
)


# --- guards and output walkers -----------------------------------------------------------------


class HangError(Exception):
    """Raised when a guarded block runs past its bound (a hang, not a slow run)."""


@contextmanager
def hang_guard(seconds: int) -> Iterator[None]:
    """Fail a block that runs far past any sane time (a hang guard, not a timing test)."""

    def expire(signum: int, frame: object) -> None:
        raise HangError(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


URL_ATTRS = {"href", "src", "data", "action", "formaction", "poster", "background", "xlink:href", "srcset", "codebase"}
ACTIVE_TAGS = {"script", "object", "embed", "iframe", "frame", "applet", "base", "form", "meta", "portal"}


def _local_name(tag: object) -> str:
    """An element's tag without namespace, lower-cased ('' for comments and PIs)."""
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1].lower()


def active_parts(page: str) -> list[str]:
    """Everything active in an HTML document: scripts, handlers, javascript:/file:/listener URLs."""
    from lxml import html as lxml_html

    if not page.strip():
        return []
    root = lxml_html.document_fromstring(page) if "<html" in page[:500].lower() else lxml_html.fragment_fromstring(
        page, create_parent="div"
    )
    found: list[str] = []
    for element in root.iter():
        tag = _local_name(element.tag)
        if tag in ACTIVE_TAGS and not (tag == "meta" and not element.get("http-equiv")):
            found.append(f"<{tag}>")
        if tag == "link" and "attachment" in (element.get("rel") or "").lower():
            found.append("<link rel=attachment>")
        for name, value in element.attrib.items():
            attr = _local_name(name)
            if attr.startswith("on"):
                found.append(f"{tag} {attr}=")
            lowered = re.sub(r"[\s\x00-\x1f]", "", html.unescape(value)).lower()
            if attr in URL_ATTRS or attr.endswith("href"):
                if lowered.startswith(("javascript:", "vbscript:", "file:")) or "127.0.0.1" in lowered:
                    found.append(f"{tag} {attr}={value[:60]}")
            if attr == "style" and ("url(" in lowered and "data:" not in lowered or "expression(" in lowered):
                found.append(f"{tag} style={value[:60]}")
        if tag == "style" and element.text and re.search(r"@import|url\((?!['\"]?data:)", element.text, re.I):
            if "127.0.0.1" in element.text or "file:" in element.text:
                found.append("<style> fetching " + element.text[:60])
    return found


def assert_inert_html(page: str, where: str) -> None:
    """Fail if an HTML page or fragment holds anything active."""
    parts = active_parts(page)
    assert not parts, f"{where}: active content {parts[:5]}"


def assert_inert_markdown(text: str, where: str) -> None:
    """Render Markdown the way a reader's viewer would and fail on anything active in the result."""
    import markdown

    rendered = markdown.markdown(text, extensions=["tables", "fenced_code"])
    assert_inert_html(rendered, f"{where} (rendered Markdown)")


PDF_FORBIDDEN = ("/EmbeddedFile", "/EmbeddedFiles", "/JavaScript", "/JS", "/Launch", "/FileAttachment", "/RichMedia")


def pdf_names(pdf: bytes) -> set[str]:
    """Every dictionary key and name value reachable in a PDF, walked with pypdf."""
    from pypdf import PdfReader
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

    reader = PdfReader(io.BytesIO(pdf))
    names: set[str] = set()
    seen: set[tuple[int, int]] = set()
    stack: list[object] = [reader.trailer]
    while stack:
        item = stack.pop()
        if isinstance(item, IndirectObject):
            key = (item.idnum, item.generation)
            if key in seen:
                continue
            seen.add(key)
            item = item.get_object()
        if isinstance(item, DictionaryObject):
            for name, value in item.items():
                names.add(str(name))
                stack.append(value)
        elif isinstance(item, ArrayObject):
            stack.extend(item)
        elif isinstance(item, NameObject):
            names.add(str(item))
    return names


def pdf_uris(pdf: bytes) -> list[str]:
    """Every link target (/URI) in a PDF's annotations."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    uris: list[str] = []
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action is not None and "/URI" in action:
                uris.append(str(action["/URI"]))
    return uris


def assert_inert_pdf(pdf: bytes, where: str) -> None:
    """Fail if a PDF embeds files, carries scripts or links to javascript:/file:/the listener."""
    assert pdf.startswith(b"%PDF"), f"{where}: not a PDF"
    bad = sorted(pdf_names(pdf) & set(PDF_FORBIDDEN))
    assert not bad, f"{where}: PDF holds {bad}"
    for uri in pdf_uris(pdf):
        lowered = uri.lower()
        assert not lowered.startswith(("javascript:", "file:")) and "127.0.0.1" not in lowered, f"{where}: link {uri}"
