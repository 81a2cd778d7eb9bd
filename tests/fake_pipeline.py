"""Stand-ins for the parser and renderer while they are being written: just enough for build tests."""

from __future__ import annotations

import json
import sys
import types
from dataclasses import replace
from pathlib import Path

import pytest

from reportgen.errors import InputError


def parse_path(path: Path) -> object:
    """A sample Filing named after the file; empty or binary input is an InputError, like the real one."""
    from tests.factories import immunogen_filing

    data = Path(path).read_bytes()
    if not data.strip() or b"\x00" in data:
        raise InputError(str(path), "not a filing (empty or binary)")
    filing = immunogen_filing()
    ticker = "".join(c for c in Path(path).stem.upper() if c.isalpha())[:5]
    return replace(filing, source_name=Path(path).name, company=replace(filing.company, ticker=ticker))


def render_brief(filing: object, options: object, timings: dict[str, float] | None = None) -> dict[str, bytes]:
    """Every file a brief has, with content that depends on the filing and options."""
    text = f"{filing.company.ticker} {options.page_size}".encode()
    return {"brief.md": text, "brief.html": b"<p>" + text, "brief.fragment.html": text, "brief.fragment.css": b"",
            "brief.pdf": b"%PDF-" + text, "filing.json": json.dumps({"ticker": filing.company.ticker}).encode()}


class BriefOptions:
    """The renderer's options, as named in the team brief."""

    def __init__(self, **values: object) -> None:
        self.__dict__.update(values)


def install(patch: pytest.MonkeyPatch) -> None:
    """Register the fakes as reportgen.parse and reportgen.brief."""
    parse = types.ModuleType("reportgen.parse")
    parse.parse_path = parse_path
    brief = types.ModuleType("reportgen.brief")
    brief.render_brief, brief.BriefOptions = render_brief, BriefOptions
    patch.setitem(sys.modules, "reportgen.parse", parse)
    patch.setitem(sys.modules, "reportgen.brief", brief)
