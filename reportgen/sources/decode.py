"""Filing bytes to text: the first codec of UTF-8, cp1252, latin-1 that reads them strictly."""

from __future__ import annotations

import html
import re

_CODECS = ("utf-8", "cp1252", "latin-1")
# Signatures of formats that are never a filing's text: PDF, ZIP/Office, GIF, PNG, JPEG.
_MAGIC = (b"%PDF-", b"PK\x03\x04", b"GIF8", b"\x89PNG", b"\xff\xd8\xff")
_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


class BinaryInput(ValueError):
    """The bytes are not text (NUL bytes or many control characters)."""


def decode(data: bytes) -> tuple[str, str]:
    """Decode filing bytes, returning (text, codec); newlines normalised to "\\n".

    >>> decode("Caf\\u00e9".encode("utf-8"))
    ('Café', 'utf-8')
    >>> decode(b"\\xef\\xbb\\xbfA")
    ('A', 'utf-8-sig')
    >>> decode(b"\\x93quoted\\x94")
    ('“quoted”', 'cp1252')
    >>> decode(b"\\x81x")
    ('\\x81x', 'latin-1')
    """
    if looks_binary(data):
        raise BinaryInput("binary data")
    if data.startswith(b"\xef\xbb\xbf"):
        text, codec = data[3:].decode("utf-8"), "utf-8-sig"
    else:
        text, codec = _first_codec(data)
    if "\r" in text:  # one scan in C spares two copies of a text with Unix line ends
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, codec


def _first_codec(data: bytes) -> tuple[str, str]:
    """Try the codecs in order, strictly; latin-1 reads every byte, so one always wins."""
    for codec in _CODECS:
        try:
            return data.decode(codec), codec
        except UnicodeDecodeError:
            continue
    raise AssertionError("latin-1 decodes every byte")  # pragma: no cover


def looks_binary(data: bytes) -> bool:
    """True for NUL bytes or more than 1% control characters in the first 64 KiB.

    >>> looks_binary(b"%PDF-1.4\\x00\\x01"), looks_binary(b"%PDF-1.7 text"), looks_binary(b"plain text\\n")
    (True, True, False)
    """
    head = data[:65536]
    if b"\x00" in head or head.startswith(_MAGIC):
        return True
    return len(_CONTROL.findall(head)) > max(8, len(head) // 100)


def plain_text(text: str) -> str:
    """Text of a plain-text document with HTML entities, NBSPs and `\\$` escapes resolved.

    >>> plain_text("AT&amp;T&nbsp;\\\\$ 5 &#151;")
    'AT&T $ 5 —'
    """
    text = _ENTITY.sub(lambda m: _entity(m.group(0)), text)
    return text.replace("\u00a0", " ").replace("\\$", "$")


def _entity(ref: str) -> str:
    """One entity to its character; numeric references 128-159 are read as cp1252."""
    if ref.startswith("&#"):
        try:
            code = int(ref[3:-1], 16) if ref[2] in "xX" else int(ref[2:-1])
        except ValueError:
            return ref
        if 128 <= code <= 159:
            return bytes([code]).decode("cp1252", errors="replace")
        return chr(code) if code < 0x110000 else ref
    return html.unescape(ref)
