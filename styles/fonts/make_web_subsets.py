"""Regenerate the WOFF2 web subsets of Inter from the Debian fonts-inter OTFs (run by hand).

Why: the full OTFs are ~260 KB each; the HTML page and PDF embed these Latin subsets
(~30 KB each) so a self-contained brief stays small. Usage:
    python styles/fonts/make_web_subsets.py /usr/share/fonts/opentype/inter
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset

UNICODES = "U+0020-007E,U+00A0-017F,U+2010-2027,U+2030-203A,U+20AC,U+2122,U+2190-2193,U+2212,U+2248,U+2260,U+2264,U+2265,U+25B2,U+25BA,U+25BC,U+25CF,U+2713,U+2717"
FACES = ("Regular", "Italic", "SemiBold", "Bold")


def main(src: Path, dest: Path) -> None:
    """Write Inter-<face>.woff2 subsets with tabular figures kept."""
    for face in FACES:
        args = [
            str(src / f"Inter-{face}.otf"),
            f"--unicodes={UNICODES}",
            "--layout-features=kern,liga,tnum,case,ss01",
            "--flavor=woff2",
            f"--output-file={dest / f'Inter-{face}.woff2'}",
        ]
        subset.main(args)


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(__file__).parent)
