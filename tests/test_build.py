"""The build orchestrator: inputs, incremental skips, failure isolation, safe names, parallel = serial."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from reportgen.build import BuildSummary, SerialExecutor, build
from reportgen.inputs import discover_inputs
from reportgen.stamps import STAMP, read_stamps
from reportgen.config import load_config
from reportgen.errors import ConfigError
from reportgen.model import Company
from reportgen.outputs import brief_folder_name, safe_name, write_folder

FIXTURES = Path(__file__).parent / "fixtures" / "filings"
GOOD = ("immunogen-2007q3-8k.txt", "pericom-2005q2-8k.txt", "asta-2004q2-8k.txt")
BRIEF_FILES = {"brief.md", "brief.html", "brief.fragment.html", "brief.fragment.css", "brief.pdf", "filing.json"}


def _tree(folder: Path) -> dict[str, bytes]:
    """Every file below a folder by relative path, with its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildSummary]:
    """One batch of three real filings and a corrupt one, built once with -j 1 for the module."""
    return _build_batch(tmp_path_factory.mktemp("batch"))


def _build_batch(tmp: Path) -> tuple[Path, BuildSummary]:
    """Copy the filings into a folder and build it."""
    for name in GOOD:
        shutil.copy(FIXTURES / name, tmp / name)
    (tmp / "corrupt.txt").write_bytes(b"\x00\x01\x02\xff" * 64)
    config = load_config(tmp, {"inputs": ["."], "output": "out", "jobs": 1})
    return tmp, build(config, executor=SerialExecutor())


def test_batch_builds_good_filings_and_names_the_corrupt_one(batch: tuple[Path, BuildSummary]) -> None:
    tmp, summary = batch
    status = {r.source.name: r.status for r in summary.results}
    assert status == {"asta-2004q2-8k.txt": "built", "corrupt.txt": "failed",
                      "immunogen-2007q3-8k.txt": "built", "pericom-2005q2-8k.txt": "built"}
    failed = next(r for r in summary.results if r.status == "failed")
    assert failed.reason and "\n" not in failed.reason
    assert summary.exit_code == 1


def test_each_brief_folder_is_complete_and_nothing_half_written(batch: tuple[Path, BuildSummary]) -> None:
    tmp, summary = batch
    out = tmp / "out"
    folders = sorted(p.name for p in out.iterdir() if p.is_dir())
    assert folders == sorted(r.folder for r in summary.results if r.status == "built")
    for folder in folders:
        names = {p.name for p in (out / folder).iterdir()}
        assert BRIEF_FILES | {STAMP} <= names
    assert not [p for p in out.iterdir() if p.name.startswith(".")]


def test_output_names_come_from_identifiers_only(batch: tuple[Path, BuildSummary]) -> None:
    tmp, summary = batch
    by_file = {r.source.name: r.folder for r in summary.results}
    assert by_file["immunogen-2007q3-8k.txt"] == "IMGN-2008Q1"
    assert by_file["pericom-2005q2-8k.txt"] == "0001001426-0001275287-05-003130"
    for folder in filter(None, by_file.values()):
        assert folder == safe_name(folder)


def test_index_lists_every_brief_with_links(batch: tuple[Path, BuildSummary]) -> None:
    tmp, summary = batch
    index = (tmp / "out" / "index.html").read_text()
    for result in summary.results:
        if result.status == "built":
            assert f'href="{result.folder}/brief.pdf"' in index
            assert f'href="{result.folder}/brief.md"' in index
            assert f'href="{result.folder}/brief.html"' in index
    assert "<th scope=\"row\">ImmunoGen, Inc. <span class=\"reportgen-index__ticker\">IMGN</span></th>" in index
    assert '<td class="reportgen-index__num">$11.4M<span class="reportgen-index__prior">prior year $7.8M</span></td>' \
        in index
    fragment = (tmp / "out" / "index.fragment.html").read_text()
    assert fragment.startswith("<section class=\"reportgen-index\">")
    css = (tmp / "out" / "index.fragment.css").read_text()
    rules = [line for line in css.splitlines() if line.endswith("{") or line.endswith(",")]
    assert rules and all(rule.startswith(".reportgen-index") for rule in rules)


def test_unchanged_filings_are_skipped_and_force_rebuilds(batch: tuple[Path, BuildSummary]) -> None:
    tmp, summary = batch
    folder = next(r.folder for r in summary.results if r.source.name == "immunogen-2007q3-8k.txt")
    config = load_config(tmp, {"inputs": ["immunogen-2007q3-8k.txt"], "output": "out"})
    again = build(config, executor=SerialExecutor())
    assert [(r.status, r.reason, r.folder) for r in again.results] == [("skipped", "unchanged", folder)]
    forced = build(config, force=True, executor=SerialExecutor())
    assert [r.status for r in forced.results] == ["built"]


def test_a_changed_option_rebuilds(batch: tuple[Path, BuildSummary], tmp_path: Path) -> None:
    tmp, _ = batch
    shutil.copytree(tmp / "out", tmp_path / "out")
    shutil.copy(tmp / "immunogen-2007q3-8k.txt", tmp_path)
    config = load_config(tmp_path, {"inputs": ["immunogen-2007q3-8k.txt"], "output": "out", "page_size": "a4"})
    assert [r.status for r in build(config, executor=SerialExecutor()).results] == ["built"]


def test_parallel_build_is_byte_identical_to_serial(batch: tuple[Path, BuildSummary], tmp_path: Path) -> None:
    tmp, _ = batch
    config = load_config(tmp, {"inputs": ["."], "output": str(tmp_path / "out"), "jobs": 2})
    summary = build(config)
    assert {r.pid for r in summary.results if r.status == "built"} != {0}
    assert len({r.pid for r in summary.results if r.status == "built"}) >= 1
    assert _tree(tmp_path / "out") == _tree(tmp / "out")


def test_paths_files_folders_and_globs(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    for name in ("a/one.txt", "a/b/two.htm", "a/b/three.html", "a/notes.md", "a/.hidden/four.txt", "x.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    found = discover_inputs(load_config(tmp_path, {"inputs": ["a", "x.txt", "a/b/*.htm*"]}))
    assert [p.relative_to(tmp_path.resolve()).as_posix() for p in found] == [
        "a/one.txt", "a/b/three.html", "a/b/two.htm", "x.txt"]


def test_missing_inputs_are_all_reported(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        discover_inputs(load_config(tmp_path, {"inputs": ["nope.txt", "none/*.htm"]}))
    assert caught.value.problems == ["no filing found at 'nope.txt'", "no filing found at 'none/*.htm'"]


def test_output_folder_is_not_searched_as_input(batch: tuple[Path, BuildSummary]) -> None:
    tmp, _ = batch
    found = discover_inputs(load_config(tmp, {"inputs": ["."], "output": "out"}))
    assert sorted(p.name for p in found) == sorted([*GOOD, "corrupt.txt"])


def test_folder_names_never_use_raw_filing_text() -> None:
    from tests.factories import immunogen_filing

    filing = immunogen_filing()
    assert brief_folder_name(filing) == "IMGN-2008Q1"
    hostile = replace(filing, accession="../../0000000000-00-000000", company=Company("x", cik="1/..", ticker="../<b>"))
    assert brief_folder_name(hostile) == f"filing-{filing.sha256[:16]}"
    assert brief_folder_name(replace(filing, company=Company("x", cik="855654"), accession="0001193125-07-233014")) \
        == "0000855654-0001193125-07-233014"
    assert brief_folder_name(replace(filing, company=Company("x", cik="1675149", ticker="<b>"))) == "0001675149-2008Q1"
    assert safe_name("../a b/<c>") == "a-b-c" and safe_name("..") == "unnamed"


def test_unverified_figures_and_strict() -> None:
    from reportgen.build import BuildResult, _apply_strict
    from reportgen.index import brief_entry, unverified_figures
    from reportgen.model import Check
    from tests.factories import immunogen_filing

    filing = immunogen_filing()
    assert unverified_figures(filing) == ("balance.current.total_equity", "balance.prior.total_equity")
    broken = replace(filing, checks=(*filing.checks, Check("x", False, "", ("income.current.net_income",))))
    assert unverified_figures(broken) == ("income.current.net_income", "balance.current.total_equity",
                                          "balance.prior.total_equity")
    result = BuildResult(Path("f.txt"), "built", "IMGN-2008Q1", entry=brief_entry(broken, "IMGN-2008Q1", ()))
    assert _apply_strict(result, False) is result
    strict = _apply_strict(result, True)
    assert (strict.status, strict.reason) == ("failed", "unverified figures (--strict): income.current.net_income, "
                                              "balance.current.total_equity, balance.prior.total_equity")


def test_failed_write_leaves_no_folder(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        write_folder(tmp_path / "brief", {"ok.md": b"x", "../escape.md": b"y"})
    assert list(tmp_path.iterdir()) == []


def test_rebuild_replaces_folder_whole(tmp_path: Path) -> None:
    write_folder(tmp_path / "brief", {"old.md": b"old", "brief.md": b"1"})
    write_folder(tmp_path / "brief", {"brief.md": b"2"})
    assert _tree(tmp_path) == {"brief/brief.md": b"2"}


def test_render_failure_keeps_the_previous_brief(batch: tuple[Path, BuildSummary], tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib

    from reportgen.errors import RenderError

    tmp, _ = batch
    shutil.copytree(tmp / "out", tmp_path / "out")
    before = _tree(tmp_path / "out")
    shutil.copy(tmp / "immunogen-2007q3-8k.txt", tmp_path)

    def broken(filing: object, options: object, timings: object = None) -> dict[str, bytes]:
        raise RenderError("chart stage broke")

    monkeypatch.setattr(importlib.import_module("reportgen.brief"), "render_brief", broken)
    config = load_config(tmp_path, {"inputs": ["immunogen-2007q3-8k.txt"], "output": "out"})
    summary = build(config, force=True, executor=SerialExecutor())
    assert [(r.status, r.reason) for r in summary.results] == [("failed", "chart stage broke")]
    assert _tree(tmp_path / "out") == before


def test_strict_fails_briefs_with_unverified_figures(batch: tuple[Path, BuildSummary]) -> None:
    tmp, summary = batch
    config = load_config(tmp, {"inputs": ["."], "output": "out", "strict": True})
    strict = build(config, executor=SerialExecutor())
    for plain, checked in zip(summary.results, strict.results):
        if plain.status == "built" and plain.entry and plain.entry.unverified:
            assert checked.status == "failed"
            assert checked.reason == "unverified figures (--strict): " + ", ".join(plain.entry.unverified)
        elif plain.status == "built":
            assert (checked.status, checked.reason) == ("skipped", "unchanged")


def test_stamp_records_digest_and_index_entry(batch: tuple[Path, BuildSummary]) -> None:
    tmp, summary = batch
    stamps = read_stamps(tmp / "out")
    built = {r.folder: r for r in summary.results if r.status == "built"}
    assert sorted(stamps) == sorted(built)
    for folder, (digest, entry) in stamps.items():
        assert len(digest) == 64 and entry == built[folder].entry
        assert json.loads((tmp / "out" / folder / STAMP).read_text())["digest"] == digest


def test_earlier_outputs_are_not_searched_as_inputs(batch: tuple[Path, BuildSummary], tmp_path: Path) -> None:
    tmp, _ = batch
    shutil.copytree(tmp / "out", tmp_path / "old-output")
    shutil.copy(tmp / "immunogen-2007q3-8k.txt", tmp_path)
    found = discover_inputs(load_config(tmp_path, {"inputs": ["."], "output": "new"}))
    assert [p.name for p in found] == ["immunogen-2007q3-8k.txt"]


def test_index_escapes_filing_text(tmp_path: Path) -> None:
    from reportgen.build import BuildOptions
    from reportgen.index import BriefEntry, render_index

    entry = BriefEntry(folder="filing-0123456789abcdef", source_name="x.txt", company="<script>alert(1)</script> & Co",
                       ticker="<b>", form="8-K\"><img src=x>", period="Q1 FY2008", period_end="2007-09-30",
                       figures=(("Revenue", "$1.0M", "<i>"),), files=("brief.html",), unverified=())
    files = render_index([entry], BuildOptions(tmp_path))
    page = files["index.html"].decode()
    assert "<script>" not in page and "<img" not in page and "<b>" not in page and "<i>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in page
    assert '8-K&#34;&gt;&lt;img src=x&gt;' in page
    assert '<a href="filing-0123456789abcdef/brief.html">HTML</a>' in page


class _BrokenPool(SerialExecutor):
    """An executor whose every worker 'dies', as a crashed process pool reports it."""

    def submit(self, fn: object, /, *args: object, **kwargs: object) -> "Future[object]":
        from concurrent.futures import Future
        from concurrent.futures.process import BrokenProcessPool

        future: Future[object] = Future()
        future.set_exception(BrokenProcessPool("a worker died"))
        return future


def test_filings_orphaned_by_a_dead_worker_are_retried_alone(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "asta-2004q2-8k.txt", tmp_path)
    (tmp_path / "empty.txt").write_bytes(b"")
    config = load_config(tmp_path, {"inputs": ["."], "output": "out"})
    summary = build(config, executor=_BrokenPool())
    assert [(r.source.name, r.status, r.folder) for r in summary.results] == [
        ("asta-2004q2-8k.txt", "built", "0001001258-0001125282-04-003595"), ("empty.txt", "failed", None)]


def test_commentary_reaches_the_brief_by_ticker_and_quarter(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "immunogen-2007q3-8k.txt", tmp_path)
    (tmp_path / "notes.md").write_text("Watch the **Sanofi** milestone.\n")
    (tmp_path / "reportgen.toml").write_text('formats = ["md"]\n[commentary]\n"IMGN-2008Q1" = "notes.md"\n')
    config = load_config(tmp_path, {"inputs": ["immunogen-2007q3-8k.txt"], "output": "out"})
    summary = build(config, executor=SerialExecutor())
    assert [(r.status, r.folder) for r in summary.results] == [("built", "IMGN-2008Q1")]
    brief = (tmp_path / "out" / "IMGN-2008Q1" / "brief.md").read_text()
    assert "Watch the **Sanofi** milestone." in brief
    names = {p.name for p in (tmp_path / "out" / "IMGN-2008Q1").iterdir() if p.suffix not in (".png", ".svg")}
    assert names == {".reportgen-stamp", "brief.md", "filing.json"}


def test_user_styles_cascade_after_the_index_stylesheet(tmp_path: Path) -> None:
    from reportgen.build import BuildOptions
    from reportgen.index import render_index

    (tmp_path / "index.css").write_text(".reportgen-index { color: navy; }\n")
    files = render_index([], BuildOptions(tmp_path, style_dirs=(tmp_path,)))
    css = files["index.fragment.css"].decode()
    assert css.startswith("/* The batch index.") and css.endswith(".reportgen-index { color: navy; }\n")
    assert "<p>No briefs yet.</p>" in files["index.html"].decode()
