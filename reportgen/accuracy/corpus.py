"""Score inline-XBRL filings against their own tags, in three variants: as filed, with every
tag stripped, and rendered as plain text."""

from __future__ import annotations

import sys
from pathlib import Path

from reportgen.accuracy.run import scored
from reportgen.accuracy.score import Score
from reportgen.accuracy.variants import NARROW_COLUMNS, strip_ixbrl, text_rendering, w3m_available
from reportgen.accuracy.xbrl_labels import xbrl_expected

VARIANTS = ("ixbrl", "stripped", "text", "text80")
_W3M = ("text", "text80")  # the variants w3m renders
SUFFIXES = (".htm", ".html")


def corpus_files(folder: Path) -> list[Path]:
    """The inline-XBRL documents of a folder, by name."""
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in SUFFIXES)


def corpus_scores(folder: Path, only: frozenset[str] | None = None) -> dict[str, list[Score]]:
    """Scores per variant over a folder's filings (the text variant needs w3m)."""
    wanted = [v for v in VARIANTS if only is None or v in only]
    if not w3m_available() and any(v in wanted for v in _W3M):
        print("w3m is not installed: the text variants are left out", file=sys.stderr)
        wanted = [v for v in wanted if v not in _W3M]
    groups: dict[str, list[Score]] = {v: [] for v in wanted}
    for path in corpus_files(folder):
        html = path.read_text(encoding="utf-8", errors="replace")
        expected = xbrl_expected(html, path.stem)
        for variant in wanted:
            groups[variant].append(scored(expected, variant, variant_bytes(html, variant), path.name)[0])
    return groups


def variant_bytes(html: str, variant: str) -> bytes:
    """A filing's bytes in one variant."""
    if variant == "stripped":
        return strip_ixbrl(html).encode("utf-8")
    if variant == "text":
        return text_rendering(html).encode("utf-8")
    if variant == "text80":
        return text_rendering(html, NARROW_COLUMNS).encode("utf-8")
    return html.encode("utf-8")
