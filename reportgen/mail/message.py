"""Assemble one brief as a MIME message: text and HTML alternatives, inline PNGs, the PDF.

Layout (what mail clients expect):

    multipart/mixed
      multipart/alternative
        text/plain
        multipart/related
          text/html            (references the images as cid:...)
          image/png ...        (Content-Disposition: inline, Content-ID)
      application/pdf          (attachment)

The stdlib `email` package with its default policy does the encoding and refuses header
values carrying CR or LF, so filing text cannot add headers; we also fold such text to one
line first, so a strange company name yields a clean subject rather than an error.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import datetime
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime

from reportgen.errors import ConfigError


@dataclass(frozen=True)
class InlineImage:
    """A PNG shown in the HTML body, referenced there as `cid:<cid>`."""

    cid: str  # without angle brackets, e.g. "revenue.3f2a9c1e@reportgen"
    filename: str
    png: bytes


@dataclass(frozen=True)
class Attachment:
    """A file attached to the message, e.g. the brief's PDF."""

    filename: str
    data: bytes
    maintype: str = "application"
    subtype: str = "pdf"


@dataclass(frozen=True)
class Envelope:
    """The headers of one message."""

    subject: str
    sender: str
    recipients: tuple[str, ...]
    date: datetime
    message_id: str | None = None  # with angle brackets; None leaves it to the sending server


def one_line(text: str) -> str:
    """Fold any whitespace, CR and LF included, to single spaces: header text is one line."""
    return " ".join(text.split())


def build_message(
    envelope: Envelope,
    text: str,
    html: str,
    images: tuple[InlineImage, ...] = (),
    attachments: tuple[Attachment, ...] = (),
) -> EmailMessage:
    """The complete message; header values are folded and checked by the default policy."""
    message = EmailMessage(policy=policy.default)
    message["Subject"] = one_line(envelope.subject)
    message["From"] = format_address(envelope.sender)
    if envelope.recipients:
        message["To"] = ", ".join(format_address(r) for r in envelope.recipients)
    message["Date"] = format_datetime(envelope.date)
    if envelope.message_id:
        message["Message-ID"] = envelope.message_id
    message.set_content(text, subtype="plain", cte="quoted-printable")
    message.add_alternative(html, subtype="html", cte="quoted-printable")
    html_part = message.get_payload()[1]
    for image in images:
        html_part.add_related(
            image.png, "image", "png", cid=f"<{image.cid}>", filename=image.filename, disposition="inline"
        )
    if images:
        html_part.set_param("type", "text/html")  # RFC 2387: the root part's type
    for attachment in attachments:
        message.add_attachment(
            attachment.data, attachment.maintype, attachment.subtype, filename=attachment.filename
        )
    _fix_boundaries(message)
    return message


def _fix_boundaries(message: EmailMessage) -> None:
    """Boundaries from a digest of the content, not random, so the same brief gives the same bytes.

    "=_" never occurs in base64 or quoted-printable text, so such a boundary cannot collide
    with a body line.
    """
    hasher = hashlib.sha256()
    for part in message.walk():
        if not part.is_multipart():
            hasher.update(part.as_bytes())
    digest = hasher.hexdigest()[:24]
    for number, part in enumerate(p for p in message.walk() if p.is_multipart()):
        part.set_boundary(f"=_reportgen_{number}_{digest}")


_ADDRESS = re.compile(r"[^@\s<>,;\"]+@[^@\s<>,;\"]+")


def format_address(text: str) -> str:
    """One address as a header value, parsed so display names are quoted, not trusted.

    >>> format_address('Doe, Jane <jane@example.com>')
    '"Doe, Jane" <jane@example.com>'
    """
    text = one_line(text)
    match = re.fullmatch(r"(?:(.*?)\s*<([^<>]+)>|([^<>]+))", text)
    addr = (match.group(2) or match.group(3) or "").strip() if match else ""
    if not _ADDRESS.fullmatch(addr):
        raise ConfigError([f"email: {text!r} is not an email address"])
    name = (match.group(1) or "").strip().strip('"') if match else ""
    local, domain = addr.rsplit("@", 1)
    return str(Address(display_name=name, username=local, domain=domain))
