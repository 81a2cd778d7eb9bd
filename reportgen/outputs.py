"""Writing outputs safely: names from validated identifiers only, files and folders replaced atomically.

A brief is rendered in memory, written to a hidden staging folder beside its final place and
then swapped in, so a failing filing or a killed build never leaves a half-written brief.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import time
from pathlib import Path
from typing import Mapping

from reportgen.model import Filing

STAGING_PREFIX = ".reportgen-tmp-"
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_CIK = re.compile(r"\d{1,10}")
_ACCESSION = re.compile(r"\d{10}-\d{2}-\d{6}")
_TICKER = re.compile(r"[A-Za-z][A-Za-z0-9.]{0,9}")


def safe_name(text: str) -> str:
    """Reduce text to [A-Za-z0-9._-], never empty, never hidden, never '.' or '..'.

    >>> safe_name("../a b/<c>"), safe_name(".."), safe_name("IMGN-2008Q1")
    ('a-b-c', 'unnamed', 'IMGN-2008Q1')
    """
    name = _UNSAFE.sub("-", text).strip(".-")[:100]
    return name or "unnamed"


def brief_folder_name(filing: Filing) -> str:
    """A folder name from validated identifiers: CIK + accession, ticker or CIK + fiscal quarter, else a hash."""
    cik, accession = filing.company.cik, filing.accession
    if cik and accession and _CIK.fullmatch(cik) and _ACCESSION.fullmatch(accession):
        return safe_name(f"{cik.zfill(10)}-{accession}")
    ticker, quarter = filing.company.ticker, _fiscal_quarter(filing)
    if quarter and ticker and _TICKER.fullmatch(ticker):
        return safe_name(f"{ticker.upper()}-{quarter}")
    if quarter and cik and _CIK.fullmatch(cik):
        return safe_name(f"{cik.zfill(10)}-{quarter}")
    return f"filing-{filing.sha256[:16]}" if re.fullmatch(r"[0-9a-f]{16,}", filing.sha256) else "filing-unnamed"


def _fiscal_quarter(filing: Filing) -> str | None:
    """"2008Q1" when the filing's fiscal year and quarter are plausible numbers, else None."""
    period = filing.period
    if period is None or not isinstance(period.fiscal_year, int) or not isinstance(period.fiscal_quarter, int):
        return None
    if 1900 <= period.fiscal_year <= 2999 and 1 <= period.fiscal_quarter <= 4:
        return f"{period.fiscal_year}Q{period.fiscal_quarter}"
    return None


def atomic_write(path: Path, data: bytes) -> None:
    """Write a file through a temporary file in the same folder, then os.replace it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=STAGING_PREFIX, dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_folder(folder: Path, files: Mapping[str, bytes]) -> None:
    """Write every file of a brief into a staging folder, then swap it in for `folder` whole."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=folder.parent))
    try:
        for name, data in sorted(files.items()):
            target = _inside(staging, name)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        os.chmod(staging, 0o755)
        _swap(staging, folder)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _inside(folder: Path, name: str) -> Path:
    """The path of a relative output name, refusing anything that would leave the folder."""
    parts = Path(name).parts
    if not parts or Path(name).is_absolute() or any(p in ("..", ".") or _UNSAFE.search(p) for p in parts):
        raise ValueError(f"unsafe output file name: {name!r}")
    return folder.joinpath(*parts)


def _swap(staging: Path, folder: Path) -> None:
    """Put the staging folder in place of `folder`, removing the old one only after the new is in."""
    if not folder.exists():
        os.replace(staging, folder)
        return
    retired = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=folder.parent))
    os.replace(folder, retired / "old")
    os.replace(staging, folder)
    shutil.rmtree(retired, ignore_errors=True)


def remove_stale_staging(out_dir: Path, older_than_s: float = 3600.0) -> None:
    """Remove staging folders and files left behind by a build killed over an hour ago."""
    if not out_dir.is_dir():
        return
    cutoff = time.time() - older_than_s
    for entry in out_dir.glob(STAGING_PREFIX + "*"):
        if entry.lstat().st_mtime > cutoff:
            continue
        if entry.is_dir():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)
