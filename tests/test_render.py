"""HTML page, fragment and Markdown: structure, safety, the search path and block overrides."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from pathlib import Path

import lxml.html
import pytest
import tinycss2

from reportgen.analysis import brief_view
from reportgen.charts import make_charts
from reportgen.model import Company
from reportgen.render import FRAGMENT_RESET, ROOT_CLASS, Renderer, builtin_dir, scope_css
from tests.factories import immunogen_filing, parsed_sample

HOSTILE = '<script>alert(1)</script><img src=x onerror=alert(2)> | [link](http://evil.example) `tick`'


@pytest.fixture(scope="module")
def sample():  # type: ignore[no-untyped-def]
    view = brief_view(parsed_sample(), "Solid **quarter**; cash runway intact.")
    return view, make_charts(view)


@pytest.fixture(scope="module")
def page(sample) -> str:  # type: ignore[no-untyped-def]
    return Renderer().html_page(*sample)


@pytest.fixture(scope="module")
def fragment(sample) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    return Renderer().fragment(*sample)


@pytest.fixture(scope="module")
def markdown(sample) -> str:  # type: ignore[no-untyped-def]
    return Renderer().markdown(*sample)


def text_of(html: str) -> str:
    return " ".join(lxml.html.fromstring(html).text_content().split())


# --- the standalone page -----------------------------------------------------------------


def test_page_has_title_lang_and_no_script(page: str) -> None:
    doc = lxml.html.document_fromstring(page)
    assert doc.get("lang") == "en"
    assert doc.findtext(".//title") == "ImmunoGen, Inc. \u2014 First quarter fiscal 2008 brief"
    assert doc.xpath("//script") == []
    assert all(not k.startswith("on") for el in doc.iter() if isinstance(el.tag, str) for k in el.attrib)


def test_page_makes_no_external_request(page: str) -> None:
    doc = lxml.html.document_fromstring(page)
    urls = [el.get(a) for el in doc.iter() if isinstance(el.tag, str) for a in ("src", "href") if el.get(a)]
    assert urls and all(u.startswith("data:") for u in urls), urls
    css = "".join(s.text or "" for s in doc.iter("style"))
    assert [u for u in re.findall(r"url\(([^)]*)\)", css) if not u.strip("'\"").startswith("data:")] == []
    assert doc.xpath("//link") == []


def test_page_shows_the_brief(page: str) -> None:
    text = text_of(page)
    for needle in (
        "ImmunoGen, Inc.", "Nasdaq: IMGN", "Form 8-K", "November 1, 2007", "First quarter fiscal 2008",
        "Three months ended September 30, 2007", "three months ended September 30, 2006", "Fiscal year ends June 30",
        "$11.4M", "+47.0%", "$(1.0)M", "$(6.3)M", "$(0.02)", "$(0.15)", "$53.6M", "$59.7M",
        "11,425", "(1,032)", "79,158", "80,421", "Mitchel Sayare", "sanofi-aventis", "26 of 26 passed",
        "Analyst commentary", "reportgen 0.1.0",
    ):
        assert needle in text, needle
    doc = lxml.html.document_fromstring(page)
    assert len(doc.xpath("//img[starts-with(@src, 'data:image/svg+xml;base64,')]")) == 3
    assert all(img.get("alt", "").startswith("Bar chart of") for img in doc.iter("img"))
    assert len(doc.xpath("//table[contains(@class, 'rg-chart-table')]")) == 3


def test_yoy_is_told_by_sign_and_arrow_not_colour_alone(page: str) -> None:
    doc = lxml.html.document_fromstring(page)
    changes = [" ".join(p.text_content().split()) for p in doc.xpath("//p[@class='rg-tile-change']")]
    assert changes == ["\u25b2 +47.0%", "\u25bc -10.8%", "\u25b2 +74.1%", "\u25b2 +83.5%", "\u25b2 +86.7%", "\u25bc -10.2%"]
    labels = [" ".join(p.text_content().split()) for p in doc.xpath("//p[@class='rg-tile-label']")]
    assert labels == ["Total revenues", "Operating expenses", "Loss from operations", "Net loss",
                      "Net loss per share", "Cash and marketable securities"]


def test_unverified_figures_are_flagged_in_html_and_markdown() -> None:
    view = brief_view(replace(immunogen_filing(), checks=()))
    renderer = Renderer()
    page = renderer.html_page(view, [])
    doc = lxml.html.document_fromstring(page)
    assert len(doc.xpath("//div[contains(@class, 'rg-tile') and contains(@class, 'rg-flagged')]")) == 6
    assert "not verified" in text_of(page)
    md = renderer.markdown(view, [])
    assert "| Total revenues † (not verified) | $11.4M (Q1 FY2008) |" in md


def test_filing_text_is_escaped_everywhere() -> None:
    filing = immunogen_filing()
    filing = replace(filing, company=Company(HOSTILE, None, "IMGN", "Nasdaq"))
    view = brief_view(filing)
    renderer = Renderer()
    for html in (renderer.html_page(view, []), renderer.fragment(view, [])[0]):
        doc = lxml.html.fromstring(html)
        assert doc.xpath("//script") == [] and doc.xpath("//img[@onerror]") == []
        assert "<script>alert(1)</script>" in doc.text_content()
    md = renderer.markdown(view, [])
    assert "<script>" not in md and "\\| \\[link\\]" in md
    import markdown

    html = markdown.markdown(md, extensions=["tables"])
    assert "<a " not in html and "<script" not in html and "<code>" not in html


# --- the fragment ------------------------------------------------------------------------


def test_fragment_is_one_scoped_root(fragment: tuple[str, str]) -> None:
    html, _ = fragment
    roots = lxml.html.fragments_fromstring(html.strip())
    assert len(roots) == 1 and roots[0].get("class") == ROOT_CLASS


def test_fragment_has_no_scripts_handlers_inline_styles_or_duplicate_ids(fragment: tuple[str, str]) -> None:
    root = lxml.html.fragment_fromstring(fragment[0].strip())
    elements = [el for el in root.iter() if isinstance(el.tag, str)]
    assert not [el for el in elements if el.tag in ("script", "style", "link", "iframe", "object")]
    assert not [k for el in elements for k in el.attrib if k.startswith("on") or k == "style"]
    ids = Counter(el.get("id") for el in elements if el.get("id"))
    assert [i for i, n in ids.items() if n > 1] == []
    images = root.xpath(".//img")
    assert [(img.get("src"), bool(img.get("alt"))) for img in images] == [
        ("revenue.svg", True), ("expenses.svg", True), ("cash.svg", True)]


def test_fragment_css_rules_are_all_scoped(fragment: tuple[str, str]) -> None:
    css = fragment[1]
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    selectors = []

    def collect(items) -> None:  # type: ignore[no-untyped-def]
        for rule in items:
            if rule.type == "qualified-rule":
                selectors.extend(s.strip() for s in tinycss2.serialize(rule.prelude).split(","))
            elif rule.type == "at-rule":
                assert rule.lower_at_keyword in ("media", "supports"), rule.lower_at_keyword
                collect(tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True))

    collect(rules)
    assert len(selectors) > 40
    assert all(s == ".rg-brief" or s.startswith(".rg-brief ") or s.startswith(".rg-brief.") for s in selectors), [
        s for s in selectors if not s.startswith(".rg-brief")]
    assert "url(" not in css and "@import" not in css and "@font-face" not in css


def test_scope_css_scopes_user_rules() -> None:
    css = "body { margin: 0 } h1, .x > p { color: red } @media print { td { color: blue } } @import url(x.css);"
    assert scope_css(css) == (
        ".rg-brief { margin: 0 }\n.rg-brief h1, .rg-brief .x > p { color: red }\n"
        "@media print {\n.rg-brief td { color: blue }\n}"
    )


# --- Markdown ----------------------------------------------------------------------------


def test_markdown_has_real_tables_and_png_charts(markdown: str) -> None:
    assert markdown.startswith("# ImmunoGen, Inc. (Nasdaq: IMGN)\n")
    assert "| Total revenues | $11.4M (Q1 FY2008) | $7.8M (Q1 FY2007) | \u25b2 +47.0% |" in markdown
    assert "| Net loss | $(1.0)M (Q1 FY2008) | $(6.3)M (Q1 FY2007) | \u25b2 +83.5% |" in markdown
    assert "| Cash and marketable securities | $53.6M (Sep 30, 2007) | $59.7M (Jun 30, 2007) | \u25bc -10.2% |" in markdown
    assert "| **Net loss** | (1,032) | (6,253) |" in markdown
    assert "| Net loss per common share, basic and diluted | (0.02) | (0.15) |" in markdown
    for name in ("revenue", "expenses", "cash"):
        assert re.search(rf"!\[Bar chart of [^\]]+\]\({name}\.png\)", markdown)
    assert markdown.count("|:--|") >= 6
    assert "## Analyst commentary\n\nSolid **quarter**; cash runway intact." in markdown


def test_markdown_tables_parse_as_tables(markdown: str) -> None:
    import markdown as md

    html = md.markdown(markdown, extensions=["tables"])
    doc = lxml.html.fromstring(html)
    tables = doc.xpath("//table")
    assert len(tables) == 7  # key figures, 3 chart tables, pipeline, 2 statements, no stray ones
    widths = {len(r.xpath("./th|./td")) for t in tables for r in t.xpath(".//tr")}
    assert widths <= {3, 4}


# --- the search path ---------------------------------------------------------------------


def test_builtin_folders_are_found() -> None:
    assert (builtin_dir("templates") / "brief.html.j2").is_file()
    assert (builtin_dir("styles") / "fonts" / "Inter-Regular.woff2").is_file()


def test_autoescape_is_on_for_html_j2_templates() -> None:
    env = Renderer().env
    assert env.from_string("{{ x }}").render(x="<b>") == "&lt;b&gt;"
    assert env.autoescape("brief.html.j2") is True and env.autoescape("brief.md.j2") is False


def test_a_user_block_override_replaces_one_section(sample, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "brief_body.html.j2").write_text(
        '{% extends "builtin/brief_body.html.j2" %}{% block highlights %}<p class="mine">{{ view.header.company }} &amp; co</p>{% endblock %}',
        encoding="utf-8",
    )
    page = Renderer(template_dirs=[tmp_path]).html_page(*sample)
    doc = lxml.html.document_fromstring(page)
    assert doc.xpath("//p[@class='mine']/text()") == ["ImmunoGen, Inc. & co"]
    assert doc.xpath("//section[contains(@class, 'rg-highlights')]") == []
    assert len(doc.xpath("//table[contains(@class, 'rg-fin')]")) == 2  # the rest is untouched


def test_a_user_partial_replaces_one_file(sample, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "partials").mkdir()
    (tmp_path / "partials" / "footer.html.j2").write_text("<footer class='rg-footer'>Ours {{ '<i>' }}</footer>", encoding="utf-8")
    html, _ = Renderer(template_dirs=[tmp_path]).fragment(*sample)
    assert "Ours &lt;i&gt;" in html


def test_user_styles_come_after_the_builtin_ones(sample, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "house.css").write_text("h2 { color: #123456 }", encoding="utf-8")
    renderer = Renderer(style_dirs=[tmp_path])
    page = renderer.html_page(*sample)
    assert page.index("#123456") > page.index(".rg-brief .rg-header")
    _, css = renderer.fragment(*sample)
    assert css.rstrip().endswith(".rg-brief h2 { color: #123456 }")


def test_a_user_stylesheet_of_the_same_name_replaces_the_builtin(sample, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "brief.css").write_text(".rg-brief { color: #654321 }", encoding="utf-8")
    _, css = Renderer(style_dirs=[tmp_path]).fragment(*sample)
    assert css.strip() == FRAGMENT_RESET + "\n.rg-brief { color: #654321 }"


def test_render_brief_gives_every_file_and_times_each_stage() -> None:
    from reportgen.brief import BriefOptions, render_brief

    timings: dict[str, float] = {}
    files = render_brief(parsed_sample(), BriefOptions(formats=frozenset({"md", "html"})), timings)
    expected = {"brief.md", "brief.html", "brief.fragment.html", "brief.fragment.css",
                "revenue.svg", "revenue.png", "expenses.svg", "expenses.png", "cash.svg", "cash.png"}
    assert expected <= set(files) and "brief.pdf" not in files
    assert set(timings) == {"view", "charts", "markdown", "html"}
    assert all(isinstance(v, bytes) and v for v in files.values())
    if "filing.json" in files:
        import json

        contract = json.loads(files["filing.json"])
        assert contract["figures"]["current"]["total_revenue"] == "11425000"


def test_brief_options_reject_unknown_values_all_at_once() -> None:
    from reportgen.brief import BriefOptions
    from reportgen.errors import ConfigError

    with pytest.raises(ConfigError) as caught:
        BriefOptions(page_size="legal", formats=("md", "docx"))
    assert len(caught.value.problems) == 2
    assert BriefOptions(page_size="A4", formats=["md"]).formats == frozenset({"md"})


def test_a_filing_with_almost_nothing_still_renders_every_format() -> None:
    """No statements, no period, no highlights, no checks: a thin but honest brief, no crash."""
    from reportgen.brief import BriefOptions, render_brief
    from reportgen.model import Highlights

    bare = replace(
        immunogen_filing(), income=None, balance=None, period=None, prior_period=None,
        highlights=Highlights(), checks=(), report_date=None, fiscal_year_end=None, form="unknown",
        company=Company("Bare Co", None, None, None),
    )
    files = render_brief(bare, BriefOptions(formats=frozenset({"md", "html"})))
    assert not any(name.endswith((".svg", ".png")) for name in files)
    md = files["brief.md"].decode()
    assert md.startswith("# Bare Co\n") and "No arithmetic check could be run" in md
    page = files["brief.html"].decode()
    assert "Bare Co" in text_of(page) and "None" not in text_of(page)
