"""Incremental builds: the digest of everything that shapes a brief, kept in a stamp in its folder.

A stamp holds the digest and the brief's index entry, so an unchanged filing is skipped, and
still listed in the index, without being parsed again.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportgen import __version__
from reportgen.index import BriefEntry

if TYPE_CHECKING:
    from reportgen.build import BuildOptions

STAMP = ".reportgen-stamp"


def assets_fingerprint(options: BuildOptions) -> str:
    """A digest of everything but the filing that shapes a brief: version, options, templates, styles, commentary."""
    from reportgen.render import builtin_dir

    digest = hashlib.sha256()
    settings = {"version": __version__, "formats": options.formats, "page_size": options.page_size,
                "commentary_keys": [key for key, _ in options.commentary]}
    digest.update(json.dumps(settings, sort_keys=True).encode())
    folders = [builtin_dir("templates"), builtin_dir("styles"), *options.template_dirs, *options.style_dirs]
    for position, folder in enumerate(folders):
        for path in sorted(p for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else ():
            _hash_file(digest, f"{position}:{path.relative_to(folder).as_posix()}", path)
    for key, path in options.commentary:
        _hash_file(digest, f"commentary:{key}", path)
    return digest.hexdigest()


def _hash_file(digest: Any, label: str, path: Path) -> None:
    """Feed a labelled file into a running digest, unambiguously."""
    data = path.read_bytes()
    digest.update(f"{label}\0{len(data)}\0".encode())
    digest.update(data)


def input_digest(path: Path, fingerprint: str) -> str:
    """The digest deciding whether a filing must be rebuilt: its bytes plus the assets fingerprint."""
    digest = hashlib.sha256(fingerprint.encode())
    try:
        digest.update(path.read_bytes())
    except OSError as error:
        digest.update(f"unreadable: {error}".encode())
    return digest.hexdigest()


def read_stamps(out_dir: Path) -> dict[str, tuple[str, BriefEntry]]:
    """Every valid brief stamp in the output folder, by folder name: (digest, entry)."""
    stamps: dict[str, tuple[str, BriefEntry]] = {}
    for stamp in sorted(out_dir.glob(f"*/{STAMP}")) if out_dir.is_dir() else ():
        try:
            data = json.loads(stamp.read_text(encoding="utf-8"))
            entry = BriefEntry.from_json(data["entry"])
        except (OSError, ValueError, KeyError, TypeError):
            continue
        if entry.folder == stamp.parent.name and all((stamp.parent / f).is_file() for f in entry.files):
            stamps[entry.folder] = (data["digest"], entry)
    return stamps


def stamp_bytes(digest: str, entry: BriefEntry) -> bytes:
    """The stamp file: the input digest and the index entry, as stable JSON."""
    return (json.dumps({"digest": digest, "version": __version__, "entry": asdict(entry)}, indent=1,
                       sort_keys=True) + "\n").encode()
