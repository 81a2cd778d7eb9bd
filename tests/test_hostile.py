"""Hostile and broken input: markup stays text, nothing is fetched, odd structure is bounded.

Every hostile carrier is a real fixture filing with trouble injected (see tests/hostile.py),
so each test also checks that the statement inside was still read, figure for figure.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import hostile  # noqa: E402 - sibling helper module, found through the path set above
from hostile import (  # noqa: E402
    CANARY,
    HOSTILE_NAME,
    HTML_EXPECTED,
    TEXT_EXPECTED,
    assert_inert_html,
    assert_inert_markdown,
    assert_inert_pdf,
)

from reportgen import limits  # noqa: E402
from reportgen.errors import InputError  # noqa: E402

CLI = [sys.executable, "-m", "reportgen"]


def _figures(filing: object) -> dict[str, str]:
    """The current-quarter income figures of a parsed filing, as contract strings."""
    income = filing.income  # type: ignore[attr-defined]
    assert income is not None, "the statement of operations was not found"
    out = {}
    for key in ("total_revenue", "net_income", "total_operating_expenses", "operating_income"):
        amount = income.value(key, 0)
        out[key] = None if amount is None else str(amount.value)
    return out


def _assert_figures(filing: object, expected: dict[str, str]) -> None:
    """Every expected figure read exactly."""
    got = _figures(filing)
    for key, value in expected.items():
        assert got[key] is not None and Decimal(got[key]) == Decimal(value), f"{key}: read {got[key]}, expected {value}"


def _model_text(filing: object) -> str:
    """Every string the parsed model holds, joined, to see what reached it."""
    parts: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, str):
            parts.append(value)
        elif isinstance(value, (list, tuple)):
            for item in value:
                walk(item)
        elif hasattr(value, "__dataclass_fields__"):
            for name in value.__dataclass_fields__:
                walk(getattr(value, name))

    walk(filing)
    return "\n".join(parts)


# --- limits ------------------------------------------------------------------------------------


def test_read_capped_refuses_a_file_past_the_limit(tmp_path: Path) -> None:
    """A file one byte past the limit is an InputError naming it, read no further than the limit."""
    path = tmp_path / "huge.txt"
    with open(path, "wb") as handle:
        handle.truncate(limits.MAX_INPUT_BYTES + 1)
    with pytest.raises(InputError) as caught:
        limits.read_capped(path)
    assert str(path) in str(caught.value) and "limit" in str(caught.value)


def test_parse_bytes_refuses_input_past_the_limit(parse_bytes) -> None:  # type: ignore[no-untyped-def]
    """Bytes past the size limit are refused before any decoding or parsing."""
    with pytest.raises(InputError) as caught:
        parse_bytes(b"FORM 8-K quarter\n" * (limits.MAX_INPUT_BYTES // 16 + 1), "big.txt")
    assert "big.txt" in str(caught.value) and "limit" in str(caught.value)


def test_cap_rows_keeps_the_first_rows_and_counts_the_rest() -> None:
    """A table past the row limit keeps its first MAX_TABLE_ROWS rows."""
    rows = list(range(limits.MAX_TABLE_ROWS + 7))
    kept, dropped = limits.cap_rows(rows)
    assert kept == rows[: limits.MAX_TABLE_ROWS] and dropped == 7


# --- charts -----------------------------------------------------------------------------------


def test_dollar_signs_in_chart_labels_stay_literal() -> None:
    """"$1.0 million to $2.5 million" in a line label is drawn as that text, not as math."""
    import factories

    from reportgen.analysis import brief_view
    from reportgen.charts import make_charts

    label = "Fees of $1.0 million to $2.5 million"
    filing = factories.immunogen_filing()
    lines = list(filing.income.lines)
    lines[1] = replace(lines[1], label=label)
    filing = replace(filing, income=replace(filing.income, lines=tuple(lines)))
    charts = make_charts(brief_view(filing))
    revenue = next(chart for chart in charts if chart.name == "revenue")
    assert label in _svg_texts(revenue.svg), "the label was not drawn as literal text"


def _svg_texts(svg: bytes) -> list[str]:
    """The drawn text of an SVG: each <text> element's content (comments excluded)."""
    from lxml import etree

    root = etree.fromstring(svg)
    return ["".join(el.itertext()) for el in root.iter("{http://www.w3.org/2000/svg}text")]


# --- commentary ---------------------------------------------------------------------------------


def test_commentary_markup_is_sanitised(tmp_path: Path) -> None:
    """An analyst's Markdown commentary keeps its formatting but loses scripts, handlers and javascript: links."""
    from reportgen.analysis import commentary_html

    markup = hostile.active_markup("http://127.0.0.1:9", hostile.canary_files(tmp_path))
    text = f"**Strong** quarter.\n\n{markup}\n\n[x](javascript:alert(1)) <b onclick=alert(1)>b</b>"
    html = commentary_html(text)
    assert html is not None and "<strong>Strong</strong>" in html
    assert_inert_html(html, "commentary")


def test_commentary_links_of_every_form_are_inert_in_every_output() -> None:
    """Inline, reference and collapsed links to javascript: or file: never survive into an output."""
    import factories

    commentary = (
        "**Up** on licences.\n\n[a][1] and [b][] and [c](javascript:alert(4)) ![i](file:///etc/passwd)\n\n"
        "[1]: javascript:alert(1)\n[b]:\n  JavaScript:alert(2) \"t\"\n\n<script>alert(3)</script>\n"
    )
    files = _render(factories.immunogen_filing(), commentary)
    _assert_inert_outputs(files, "commentary")
    assert b"<strong>Up</strong>" in files["brief.html"] and b"**Up**" in files["brief.md"]


# --- the parser on hostile carriers ---------------------------------------------------------------


@pytest.fixture(scope="module")
def parse_bytes():  # type: ignore[no-untyped-def]
    """The real parser entry point."""
    from reportgen.parse import parse_bytes

    return parse_bytes


def test_markup_in_a_text_filing_is_read_as_text(parse_bytes, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Markup in a text filing's name, labels and narrative reaches the model as text; figures still read."""
    data = hostile.hostile_text_filing("http://127.0.0.1:9", hostile.canary_files(tmp_path))
    filing = parse_bytes(data, "hostile.txt")
    _assert_figures(filing, TEXT_EXPECTED)
    assert "[x](javascript:alert(1))" in filing.company.name, "the hostile name never reached the model"
    assert "<script" not in _model_text(filing).lower() or "alert(1)" in _model_text(filing)


def test_live_markup_in_an_html_filing_never_becomes_text(parse_bytes, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Scripts and styles of an HTML filing are dropped; escaped markup is kept as text; figures still read."""
    data = hostile.hostile_html_filing("http://127.0.0.1:9", hostile.canary_files(tmp_path))
    filing = parse_bytes(data, "hostile.htm")
    _assert_figures(filing, HTML_EXPECTED)
    text = _model_text(filing)
    assert "alert(0)" not in text, "the content of a <script> element became filing text"
    assert "<script>alert(1)</script>" in text, "escaped markup (text in the filing) was lost"


def test_400_deep_nesting_keeps_the_statements(parse_bytes) -> None:  # type: ignore[no-untyped-def]
    """Tables 400 elements deep (past libxml2's default 256) are still found and read in full."""
    filing = parse_bytes(hostile.deeply_nested_html(400), "nested.htm")
    _assert_figures(filing, HTML_EXPECTED)
    assert filing.balance is not None and filing.balance.value("total_assets", 0) is not None
    assert filing.balance.value("total_assets", 0).value == Decimal("86742000000")


@pytest.mark.parametrize("depth", [1_000, 1_900])
def test_nesting_past_the_stack_is_flattened_not_a_crash(parse_bytes, depth: int) -> None:  # type: ignore[no-untyped-def]
    """Nesting deeper than Python's recursion limit is unwrapped; the statements are still read."""
    filing = parse_bytes(hostile.deeply_nested_html(depth), "nested.htm")
    _assert_figures(filing, HTML_EXPECTED)


@pytest.mark.parametrize("builder, name, expected", [
    (hostile.huge_table_html, "big.htm", HTML_EXPECTED),
    (hostile.huge_table_text, "big.txt", TEXT_EXPECTED),
], ids=["html", "text"])
def test_a_20000_row_table_is_bounded(parse_bytes, builder, name: str, expected: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    """A 20,000-row table ahead of the statements neither hangs the parser nor hides the statements."""
    with hostile.hang_guard(300):
        filing = parse_bytes(builder(20_000), name)
    _assert_figures(filing, expected)


def test_html_grids_cap_a_20000_row_table() -> None:
    """The HTML table extractor keeps at most MAX_TABLE_ROWS rows of one table."""
    from reportgen.extract.html_tables import html_grids

    page = hostile.huge_table_html(20_000).decode("latin-1")
    with hostile.hang_guard(300):
        grids = html_grids(page, "big.htm")
    assert grids and max(len(grid.rows) for grid in grids) <= limits.MAX_TABLE_ROWS


def test_stray_control_characters_in_html(parse_bytes) -> None:  # type: ignore[no-untyped-def]
    """A few control characters (invalid in HTML, seen in converted filings) do not stop the reading."""
    filing = parse_bytes(hostile.control_chars_html(), "control.htm")
    _assert_figures(filing, HTML_EXPECTED)


def test_text_grids_cap_a_20000_row_table() -> None:
    """The text table extractor keeps at most MAX_TABLE_ROWS rows of one table."""
    from reportgen.extract.text_tables import text_grids
    from reportgen.sources.decode import decode, plain_text

    text = plain_text(decode(hostile.huge_table_text(20_000))[0])
    grids = text_grids(text)
    assert grids and max(len(grid.rows) for grid in grids) <= limits.MAX_TABLE_ROWS


def test_absurd_inline_xbrl_values_do_not_sink_the_filing(parse_bytes) -> None:  # type: ignore[no-untyped-def]
    """Facts with 99999-power scales, NaN, Infinity or 60 digits are not figures; the statements still read."""
    filing = parse_bytes(hostile.hostile_ixbrl(), "ixbrl.htm")
    _assert_figures(filing, hostile.IXBRL_EXPECTED)


def test_endless_run_on_text_is_joined_in_bounded_pieces() -> None:
    """100,000 lines that each continue the last sentence do not make paragraph joining quadratic."""
    from reportgen.extract.textclean import paragraphs

    text = "A first paragraph with well over twelve words that never ends its sentence here\n\n"
    text += "and more words that go on\n\n" * 100_000
    with hostile.hang_guard(120):
        found = paragraphs(text)
    assert max(len(p.text) for p in found) < limits.MAX_PARAGRAPH_CHARS + 100
    assert sum(p.text.count("go on") for p in found) == 100_000


@pytest.mark.parametrize("filler", [" ", "- ", "\t", "1 ", " \t\t\t\t"])
def test_a_line_of_100000_blank_like_characters(parse_bytes, filler: str) -> None:  # type: ignore[no-untyped-def]
    """Lines of 100,000 spaces, dashes, tabs or digits around words: no regex backtracks without end."""
    text = hostile.fixture_bytes(hostile.TEXT_FILING).decode("utf-8")
    line = filler * (100_000 // len(filler)) + "x\n" + "a" + filler * (100_000 // len(filler)) + "x\n"
    with hostile.hang_guard(120):
        filing = parse_bytes((line + text + line).encode("utf-8"), "blank-line.txt")
    _assert_figures(filing, TEXT_EXPECTED)


def test_a_long_tab_run_inside_a_statement_table(parse_bytes) -> None:  # type: ignore[no-untyped-def]
    """100,000 tabs on one line inside the balance sheet (a fuzzer find): read in bounded time."""
    text = hostile.fixture_bytes(hostile.TEXT_FILING).decode("utf-8")
    text = text.replace("Other assets", " " + "\t" * 100_000 + "Real estate\nOther assets", 1)
    with hostile.hang_guard(60):
        filing = parse_bytes(text.encode("utf-8"), "tabs.txt")
    _assert_figures(filing, TEXT_EXPECTED)


def test_cp1252_text_with_smart_quotes(parse_bytes) -> None:  # type: ignore[no-untyped-def]
    """A Windows-1252 filing decodes as cp1252, its curly quotes intact, its figures read."""
    filing = parse_bytes(hostile.cp1252_text_filing(), "cp1252.txt")
    assert filing.encoding == "cp1252"
    _assert_figures(filing, TEXT_EXPECTED)
    assert filing.balance is not None
    equity = next(line for line in filing.balance.lines if line.key == "total_equity")
    assert equity.label == "Shareholders\u2019 equity"


BROKEN = {
    "empty": b"",
    "whitespace": b" \n\t\r\n" * 100,
    "binary": hostile.BINARY,
    "png": hostile.PNG,
    "no-statements": hostile.NO_STATEMENTS,
    "truncated-before-statements": hostile.truncated(hostile.fixture_bytes(hostile.TEXT_FILING), 0.4),
    "truncated-html": hostile.truncated(hostile.fixture_bytes(hostile.HTML_FILING), 0.03),
    "utf16-binary-noise": "\ufeff".encode("utf-16") + bytes(range(1, 200)) * 20,
}


@pytest.mark.parametrize("kind", sorted(BROKEN))
def test_non_filings_raise_input_error(parse_bytes, kind: str) -> None:  # type: ignore[no-untyped-def]
    """Empty, binary, truncated and statement-less input is one InputError naming the file."""
    name = f"{kind}.txt"
    with pytest.raises(InputError) as caught:
        parse_bytes(BROKEN[kind], name)
    message = str(caught.value)
    assert name in message and "\n" not in message


# --- the command line on broken input -------------------------------------------------------------


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run the CLI in a subprocess, as a user would."""
    return subprocess.run([*CLI, *args], cwd=cwd, capture_output=True, text=True, timeout=600,
                          env={**os.environ, "PYTHONWARNINGS": "ignore"})


def _assert_clean_failure(result: subprocess.CompletedProcess[str], name: str) -> None:
    """Non-zero exit, no traceback, a line on stderr naming the file."""
    assert result.returncode != 0, f"exit 0 for {name}: {result.stdout[:300]}"
    assert "Traceback" not in result.stderr + result.stdout, result.stderr[-2000:]
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert any(name in line for line in lines), f"no line names {name}: {result.stderr[:500]!r}"


@pytest.mark.parametrize("kind", ["empty", "binary", "no-statements", "truncated-before-statements"])
def test_cli_parse_fails_cleanly(kind: str, tmp_path: Path) -> None:
    """`reportgen parse X --json` on a non-filing: one line on stderr naming it, nothing on stdout."""
    path = tmp_path / f"{kind}.txt"
    path.write_bytes(BROKEN[kind])
    result = _run(["parse", str(path), "--json"], tmp_path)
    _assert_clean_failure(result, path.name)
    assert result.stdout == "", "a half-printed object on stdout"
    assert len([line for line in result.stderr.splitlines() if line.strip()]) == 1, result.stderr


@pytest.mark.parametrize("where", ["missing.txt", "folder"])
def test_cli_parse_of_a_missing_file_or_a_folder_is_one_line(where: str, tmp_path: Path) -> None:
    """A path that is not a readable file: one line on stderr naming it, as the contract says."""
    (tmp_path / "folder").mkdir()
    result = _run(["parse", str(tmp_path / where), "--json"], tmp_path)
    _assert_clean_failure(result, where)
    assert result.stdout == ""
    assert len([line for line in result.stderr.splitlines() if line.strip()]) == 1, result.stderr


def test_cli_parse_refuses_a_file_past_the_size_limit(tmp_path: Path) -> None:
    """A 50+ MB file is refused with a clear line, not read into memory and parsed."""
    path = tmp_path / "huge.txt"
    text = hostile.fixture_bytes(hostile.TEXT_FILING)
    with open(path, "wb") as handle:
        for _ in range(limits.MAX_INPUT_BYTES // len(text) + 2):
            handle.write(text)
    result = _run(["parse", str(path), "--json"], tmp_path)
    _assert_clean_failure(result, path.name)
    assert "limit" in result.stderr


@pytest.mark.parametrize("kind", ["empty", "binary", "no-statements"])
def test_cli_build_fails_cleanly(kind: str, tmp_path: Path) -> None:
    """`reportgen build X` on a non-filing: non-zero exit, the file named, no traceback, no brief."""
    path = tmp_path / f"{kind}.txt"
    path.write_bytes(BROKEN[kind])
    out = tmp_path / "out"
    result = _run(["build", str(path), "-o", str(out), "-j", "1"], tmp_path)
    _assert_clean_failure(result, path.name)
    briefs = [p for p in out.iterdir() if p.is_dir()] if out.exists() else []
    assert briefs == [], f"a brief folder was written for {kind}: {briefs}"


# --- every output of a hostile filing ---------------------------------------------------------------


def _assert_inert_outputs(files: dict[str, bytes], where: str) -> None:
    """Walk every output file by kind and fail on anything active."""
    assert any(name.endswith(".pdf") for name in files) and any(name.endswith(".md") for name in files)
    for name, data in files.items():
        label = f"{where}:{name}"
        if name.endswith((".html", ".htm")):
            assert_inert_html(data.decode("utf-8"), label)
        elif name.endswith(".md"):
            assert_inert_markdown(data.decode("utf-8"), label)
        elif name.endswith(".pdf"):
            assert_inert_pdf(data, label)
            assert CANARY.encode() not in data
        elif name.endswith(".svg"):
            assert_inert_html(data.decode("utf-8"), label)


def _pdf_text(pdf: bytes) -> str:
    """The text of a PDF, for checking what was drawn."""
    import io

    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages)


def hostile_model(base: str, canaries: dict[str, Path]):  # type: ignore[no-untyped-def]
    """The sample Filing with markup in every string a brief shows (independent of the parser)."""
    import factories

    from reportgen.model import PipelineItem, Quote

    markup = hostile.active_markup(base, canaries)
    traps = hostile.markdown_traps()
    filing = factories.immunogen_filing()

    def spoil(text: str) -> str:
        return f"{text} {markup} {traps}"

    income_lines = tuple(replace(line, label=spoil(line.label)) if i in (1, 5) else line
                         for i, line in enumerate(filing.income.lines))
    balance_lines = tuple(replace(line, label=spoil(line.label)) if i == 2 else line
                          for i, line in enumerate(filing.balance.lines))
    highlights = replace(
        filing.highlights,
        quotes=(Quote(spoil("We had a quarter."), spoil("Jane Doe"), spoil("CEO")),),
        drivers=tuple(spoil(d) for d in filing.highlights.drivers),
        cash=tuple(spoil(c) for c in filing.highlights.cash),
        pipeline=(PipelineItem(spoil("XYZ-1"), spoil("Partner"), spoil("Phase I")),),
    )
    return replace(
        filing,
        company=replace(filing.company, name=HOSTILE_NAME + markup),
        income=replace(filing.income, lines=income_lines, title=spoil("Statements"), units=spoil("in thousands")),
        balance=replace(filing.balance, lines=balance_lines),
        highlights=highlights,
        period=replace(filing.period, as_named=spoil("first quarter")),
        warnings=(spoil("a warning"),),
        checks=tuple(replace(c, detail=spoil(c.detail)) for c in filing.checks[:2]) + filing.checks[2:],
        source_name="../../" + spoil("x.txt"),
        document=spoil("EX-99.1"),
    )


def _render(filing: object, commentary: str | None = None) -> dict[str, bytes]:
    """Every output of a brief, rendered in memory."""
    from reportgen.brief import BriefOptions, render_brief

    return dict(render_brief(filing, BriefOptions(commentary_md=commentary)))


def test_hostile_model_renders_inert_everywhere(tmp_path: Path) -> None:
    """Markup in every string of the model: all outputs inert, nothing fetched, the name shown as text."""
    with hostile.listener() as server:
        filing = hostile_model(server.base, hostile.canary_files(tmp_path))
        files = _render(filing)
    assert server.requests == [], f"the renderer fetched {server.requests}"
    _assert_inert_outputs(files, "model")
    pdf = next(data for name, data in files.items() if name.endswith(".pdf"))
    assert "onerror=alert(1)" in _pdf_text(pdf), "the hostile name was not shown as text in the PDF"
    page = next(data for name, data in files.items() if name.endswith(".html")).decode()
    from lxml import html as lxml_html

    assert "<img src=x onerror=alert(1)>" in lxml_html.document_fromstring(page).text_content()


@pytest.mark.parametrize("kind", ["text", "html"])
def test_hostile_filing_renders_inert_everywhere(parse_bytes, kind: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A hostile filing, parsed and rendered: every output inert, nothing fetched, statement read."""
    canaries = hostile.canary_files(tmp_path)
    with hostile.listener() as server:
        if kind == "text":
            filing = parse_bytes(hostile.hostile_text_filing(server.base, canaries), "hostile.txt")
            expected = TEXT_EXPECTED
        else:
            filing = parse_bytes(hostile.hostile_html_filing(server.base, canaries), "hostile.htm")
            expected = HTML_EXPECTED
        files = _render(filing)
    assert server.requests == [], f"the renderer fetched {server.requests}"
    _assert_figures(filing, expected)
    _assert_inert_outputs(files, kind)


def test_build_of_a_hostile_filing_stays_in_its_folder(tmp_path: Path) -> None:
    """`reportgen build` of a filing named like a path and like markup writes only inside -o."""
    canaries = hostile.canary_files(tmp_path / "canaries")
    work = tmp_path / "work"
    work.mkdir()
    with hostile.listener() as server:
        source = work / "evil<img src=x onerror=alert(1)>[x](javascript:alert(1)).txt"
        source.write_bytes(hostile.hostile_text_filing(server.base, canaries))
        out = work / "out"
        before = {p for p in tmp_path.rglob("*")}
        result = _run(["build", str(source), "-o", str(out), "-j", "1"], work)
    assert result.returncode == 0, result.stderr
    assert server.requests == []
    created = {p for p in tmp_path.rglob("*")} - before
    outside = [p for p in created if out not in p.parents and p != out]
    assert outside == [], f"written outside the output folder: {outside}"
    for path in out.rglob("*"):
        assert all(c.isalnum() or c in "._-" for c in path.name), f"unsafe output name {path.name!r}"
    files = {str(p.relative_to(out)): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    _assert_inert_outputs(files, "build")
    index = (out / "index.html").read_text()
    assert_inert_html(index, "index.html")
    from lxml import html as lxml_html

    shown = lxml_html.document_fromstring(index).text_content()
    assert "[x](javascript:alert(1))" in shown and "../../x" in shown, "the hostile name is not shown as text"
    json.loads(next(p for p in out.rglob(".reportgen-stamp")).read_text())


# --- one exploding brief cannot take a batch down ------------------------------------------------------


def test_a_hanging_brief_is_stopped_and_fails_alone(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A brief stuck past the time bound (even one swallowing exceptions) fails with a reason."""
    import time

    from reportgen import build

    def stuck(item: object, timings: dict[str, float]) -> tuple[str, object]:
        until = time.monotonic() + 20
        while time.monotonic() < until:
            try:
                time.sleep(0.05)
            except Exception:  # noqa: BLE001 - a stage that swallows everything
                pass
        return "folder", None

    monkeypatch.setattr(limits, "RENDER_TIMEOUT_SECONDS", 1)
    monkeypatch.setattr(build, "_build_brief", stuck)
    item = build.WorkItem(tmp_path / "x.txt", "0" * 64, build.BuildOptions(tmp_path / "out"))
    result = build.build_one(item)
    assert result.status == "failed" and "too long" in (result.reason or "")


def test_build_workers_run_under_a_memory_bound() -> None:
    """Each worker process of a parallel build has its address space capped."""
    import resource

    from reportgen.build import make_executor

    executor = make_executor(2, 2)
    try:
        soft, _ = executor.submit(resource.getrlimit, resource.RLIMIT_AS).result(timeout=120)
    finally:
        executor.shutdown(wait=True)
    assert soft == limits.RENDER_MEMORY_BYTES


# --- WeasyPrint's fetcher on its own (as if markup had slipped past escaping) ------------------------------


def test_pdf_renderer_fetches_nothing_but_its_own_assets(tmp_path: Path) -> None:
    """Raw markup straight into the PDF stage: no request to the listener, no local file read or attached."""
    from reportgen.pdf import html_to_pdf

    canaries = hostile.canary_files(tmp_path)
    with hostile.listener() as server:
        markup = hostile.active_markup(server.base, canaries)
        page = (f"<html><head><title>t</title>{markup}</head><body><p>Body text</p>{markup}"
                f"<a rel=attachment href='{canaries['txt'].as_uri()}'>a</a></body></html>")
        pdf = html_to_pdf(page)
    assert server.requests == [], f"WeasyPrint fetched {server.requests}"
    names = hostile.pdf_names(pdf)
    assert not names & {"/EmbeddedFile", "/EmbeddedFiles", "/FileAttachment"}, "a file was attached"
    assert CANARY not in _pdf_text(pdf) and "FETCHED" not in _pdf_text(pdf)
    assert "Body text" in _pdf_text(pdf)


def test_output_folder_names_come_from_validated_identifiers() -> None:
    """Hostile name, ticker, CIK and accession never shape a path: the folder name is plain."""
    import re

    import factories

    from reportgen.model import Company
    from reportgen.outputs import brief_folder_name

    filing = factories.immunogen_filing()
    for company, accession in [
        (Company(HOSTILE_NAME, cik="../../../etc", ticker="../X"), "../../0001"),
        (Company("../../x", cik=None, ticker="<img src=x>"), None),
        (Company("x", cik="0000012345", ticker=None), "0000012345-07-000001/../../y"),
    ]:
        name = brief_folder_name(replace(filing, company=company, accession=accession))
        assert re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", name) and ".." not in name, name


def test_hostile_model_email_is_inert(tmp_path: Path) -> None:
    """The e-mail of a hostile brief: no header injection, an inert HTML part, nothing fetched."""
    import email
    from email import policy

    from reportgen.analysis import brief_view
    from reportgen.mail.compose import compose

    with hostile.listener() as server:
        filing = hostile_model(server.base, hostile.canary_files(tmp_path))
        filing = replace(filing, company=replace(filing.company, name=filing.company.name + "\r\nBcc: evil@example.com"))
        message = compose(filing, brief_view(filing), _render(filing), recipients=["analyst@example.com"])
        raw = message.as_bytes()
    assert server.requests == []
    parsed = email.message_from_bytes(raw, policy=policy.default)
    assert parsed["Bcc"] is None and set(parsed.keys()) <= {
        "Subject", "From", "To", "Date", "Message-ID", "MIME-Version", "Content-Type"}, parsed.keys()
    bodies = [part for part in parsed.walk() if part.get_content_type() == "text/html"]
    assert bodies, "no HTML part"
    for part in bodies:
        assert_inert_html(part.get_content(), "email html")
    for part in parsed.walk():
        if part.get_content_type() == "application/pdf":
            assert_inert_pdf(part.get_content(), "email pdf")
