"""Turn a rendered brief into its email: subject, date, text and HTML bodies, inline charts, PDF.

The bodies come from templates/email.txt.j2 and templates/email.html.j2, rendered from the
same view model as every other output, so the email cannot disagree with the PDF. The HTML
gets its CSS inlined (css-inline) because mail clients drop <style> blocks and links.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, time, timezone
from email.message import EmailMessage
from email.utils import make_msgid
from pathlib import Path
from typing import Any

from reportgen.analysis import STATUS_TEXT, BriefView
from reportgen.mail.message import Attachment, Envelope, InlineImage, build_message, one_line
from reportgen.model import Filing
from reportgen.outputs import brief_folder_name

DEFAULT_SENDER = "reportgen <reportgen@localhost>"
CHART_WIDTH = 360  # CSS px: the charts' 7.5 pt text reads at about 14 px; the column holds 552
TEXT_TEMPLATE = "email.txt.j2"
HTML_TEMPLATE = "email.html.j2"


@dataclass(frozen=True)
class ChartImage:
    """A chart as the email template sees it."""

    name: str
    title: str
    alt: str
    cid: str
    width: int  # CSS pixels, with the PNG's aspect ratio kept
    height: int


def subject(filing: Filing, view: BriefView) -> str:
    """'ImmunoGen, Inc. (IMGN) — Q1 FY2008 brief', folded to one line."""
    ticker = filing.company.ticker
    who = f"{view.header.company} ({ticker})" if ticker else view.header.company
    return one_line(f"{who} \u2014 {view.header.current_short} brief")


def message_date(view: BriefView, sending: bool) -> datetime:
    """The filing's own date for a stored message (reproducible); the clock when sending now."""
    if sending or view.as_of is None:
        return datetime.now(timezone.utc).replace(microsecond=0)
    return datetime.combine(view.as_of, time(0, 0), tzinfo=timezone.utc)


def compose(
    filing: Filing,
    view: BriefView,
    files: Mapping[str, bytes],
    sender: str = DEFAULT_SENDER,
    recipients: Sequence[str] = (),
    template_dirs: Sequence[Path] = (),
    sending: bool = False,
) -> EmailMessage:
    """The complete message for one brief, from its view model and rendered files."""
    name = brief_folder_name(filing)
    charts = tuple(_chart_image(chart, files) for chart in view.charts if f"{chart.name}.png" in files)
    pdf_name = f"{name}.pdf" if "brief.pdf" in files else None
    context = {"view": view, "charts": charts, "pdf_name": pdf_name, "status_text": STATUS_TEXT}
    environment = _environment(template_dirs)
    text = _tidy_text(environment.get_template(TEXT_TEMPLATE).render(context))
    html = inline_css(environment.get_template(HTML_TEMPLATE).render(context))
    images = tuple(InlineImage(c.cid, f"{c.name}.png", files[f"{c.name}.png"]) for c in charts)
    attachments = (Attachment(pdf_name, files["brief.pdf"]),) if pdf_name else ()
    envelope = Envelope(
        subject=subject(filing, view),
        sender=sender,
        recipients=tuple(recipients),
        date=message_date(view, sending),
        message_id=_message_id(filing, sender, sending),
    )
    return build_message(envelope, text, html, images, attachments)


def inline_css(html: str) -> str:
    """Move every <style> rule into style attributes; never fetch anything remote."""
    import css_inline

    inliner = css_inline.CSSInliner(
        keep_style_tags=False, keep_link_tags=False, load_remote_stylesheets=False, keep_at_rules=False
    )
    return inliner.inline(html)


def _tidy_text(text: str) -> str:
    """No trailing spaces and at most one blank line in a row, whatever the template's blocks leave."""
    lines = [line.rstrip() for line in text.strip().splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)) + "\n"


def _chart_image(chart: Any, files: Mapping[str, bytes]) -> ChartImage:
    """A chart with a Content-ID that changes when its picture does."""
    png = files[f"{chart.name}.png"]
    digest = hashlib.sha256(png).hexdigest()[:16]
    width, height = png_size(png)
    shown = min(CHART_WIDTH, width)
    return ChartImage(chart.name, chart.title, chart.alt, f"{chart.name}.{digest}@reportgen",
                      shown, round(height * shown / width) if width else 0)


def png_size(png: bytes) -> tuple[int, int]:
    """Width and height in pixels from a PNG's IHDR chunk (0, 0 if it is not a PNG).

    >>> png_size(bytes.fromhex("89504e470d0a1a0a0000000d49484452000002080000012c"))
    (520, 300)
    """
    if png[:8] != b"\x89PNG\r\n\x1a\n" or png[12:16] != b"IHDR":
        return 0, 0
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


def _message_id(filing: Filing, sender: str, sending: bool) -> str:
    """A fresh id when sending; a stable one, from the filing's hash, for a stored message."""
    domain = sender.rsplit("@", 1)[-1].strip("> ") or "localhost"
    if sending:
        return make_msgid("reportgen", domain=domain)
    return f"<brief.{filing.sha256[:24]}@{domain}>"


def _environment(template_dirs: Sequence[Path]) -> Any:
    """The renderer's Jinja environment: user folders first, built-ins last, "builtin/" to extend."""
    from reportgen.render import Renderer

    return Renderer(template_dirs).env
