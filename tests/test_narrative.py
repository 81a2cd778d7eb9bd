"""Narrative highlights read from the real fixture filings, with the values checked by hand."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from reportgen.extract.html_tables import html_to_text
from reportgen.extract.narrative import read_highlights
from reportgen.extract.textclean import paragraphs, sentences
from reportgen.model import Highlights, PipelineItem, Quote

FILINGS = Path(__file__).parent / "fixtures" / "filings"


@cache
def highlights(name: str) -> Highlights:
    """The highlights of a fixture, read from its text as the parse pipeline hands it over."""
    raw = (FILINGS / name).read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("cp1252")
    return read_highlights(html_to_text(text) if name.endswith(".htm") else text)


SAMPLE = "immunogen-2007q3-8k.txt"


def test_sample_quote_with_speaker_and_title() -> None:
    assert highlights(SAMPLE).quotes == (
        Quote(
            "There are now six targeted anticancer compounds in human clinical trials \u2014 generating"
            " data \u2014 through our own programs and those of our collaborators.",
            "Mitchel Sayare",
            "Chairman and CEO",
        ),
    )


def test_sample_drivers_are_the_causal_sentences_as_printed() -> None:
    assert highlights(SAMPLE).drivers == (
        "Included in license and milestone fees for the fiscal 2008 first quarter was a $3.0 million"
        " milestone related to the initiation of Phase II clinical testing of trastuzumab-DM1 (T-DM1)"
        " by Genentech.",
        "The higher clinical material reimbursement revenue for the first quarter fiscal 2008 compared"
        " with the same period in the prior year was primarily due to timing of batch acceptance by our"
        " collaborators, as well as to the shipment of substantial quantities of one of our cytotoxic"
        " agents to a partner.",
        # 70 words, cut at its last comma within 60 words
        "The change in research and development expenses for the quarter ended September 30, 2007"
        " versus the prior-year period was driven primarily by a decrease in antibody costs incurred"
        " during the current period \u2026",
        "Patent expense decreased approximately $0.4 million during the current fiscal quarter"
        " compared to the same period last year due to a decrease in patent prosecution costs.",
    )


def test_sample_cash_sentences() -> None:
    assert highlights(SAMPLE).cash == (
        "ImmunoGen had approximately $53.6 million in cash and marketable securities as of"
        " September 30, 2007, compared with $59.7 million as of June 30, 2007, and had no debt"
        " outstanding in either period.",
        "During the first quarter fiscal 2008, cash used in operations was $5.8 million, compared to"
        " $4.6 million during the same period last year.",
        "Capital expenditures were $0.5 million for the first quarters of both fiscal 2008 and fiscal"
        " 2007.",
    )


def test_sample_pipeline_names_partners_and_phases() -> None:
    assert highlights(SAMPLE).pipeline == (
        PipelineItem("huC242-DM4", "wholly owned by ImmunoGen", "Phase II"),
        PipelineItem("T-DM1", "Genentech", "Phase II"),
        PipelineItem("huN901-DM1", "wholly owned by ImmunoGen", "Phase I"),
        PipelineItem("AVE9633", "sanofi-aventis", "Phase I"),
        PipelineItem("AVE1642", "sanofi-aventis", "Phase I"),
        PipelineItem("SAR3419", "sanofi-aventis", "Phase I"),
    )


QUOTED = {
    "pericom-2005q2-8k.txt": [
        ("Alex Hui", "President and Chief Executive Officer of Pericom"),
        ("Mike Craighead", "Chief Financial Officer of Pericom"),
    ],
    "asta-2004q2-8k.txt": [("Gary Stern", "Asta chief executive officer")],
    "horizonfin-2008q4-8k.txt": [
        ("Rich Jacobson", "Horizon's Chief Executive Officer"),
        ("Dennis Joines", "the Bank's President and Chief Operating Officer"),
    ],
    "apple-2011q1-ex99.htm": [
        ("Steve Jobs", "Apple\u2019s CEO"),
        ("Peter Oppenheimer", "Apple\u2019s CFO"),
    ],
    "oracle-2014q4-ex99.htm": [
        ("Safra Catz", "Oracle President and CFO"),
        ("Larry Ellison", "Oracle CEO"),  # the CEO is kept over the third speaker, Mark Hurd
    ],
    "apple-2000q1-10q.txt": [],
    "alcoa-2018q2-10q.htm": [],
    "pfizer-2023q2-10q.htm": [],
}


@pytest.mark.parametrize("name", sorted(QUOTED))
def test_speakers_and_titles_of_each_fixture(name: str) -> None:
    assert [(q.speaker, q.title) for q in highlights(name).quotes] == QUOTED[name]


def test_quote_texts_are_the_first_sentence_as_printed() -> None:
    assert [q.text for q in highlights("horizonfin-2008q4-8k.txt").quotes] == [
        "In our third fiscal quarter, we continued to systematically diversify our assets, build"
        " liquidity and de-leverage our balance sheet.",
        "Our non-performing assets increased in the quarter, with non-performing loans declining"
        " slightly and a significant increase in real estate owned.",
    ]
    assert highlights("asta-2004q2-8k.txt").quotes[0].text == (
        "Asta continues to produce record financial results."
    )


def test_release_drivers_and_cash_elsewhere() -> None:
    oracle = highlights("oracle-2014q4-ex99.htm")
    assert oracle.drivers[:2] == (
        "In Q4, both GAAP and non-GAAP earnings per share were lowered by $0.02 due to a"
        " non-operating loss caused by exchange rate changes in Venezuela.",
        "Furthermore, last year\u2019s Q4 GAAP earnings per share increased $0.04 because of a $269"
        " million acquisition price reduction.",
    )
    assert oracle.cash == (
        "GAAP operating cash flow on a trailing twelve-month basis was $14.9 billion.",
    )
    horizon = highlights("horizonfin-2008q4-8k.txt")
    assert horizon.drivers[0].startswith(  # the dateline is trimmed off the first sentence
        "Horizon Financial Corp. (Nasdaq GS: HRZB) the bank holding company for Horizon Bank"
        " (\u201cBank\u201d), today reported that as a result of a $10.0 million provision for loan losses"
    )


def test_ten_q_highlights_come_from_the_discussion() -> None:
    apple = highlights("apple-2000q1-10q.txt")
    assert apple.cash[1] == (
        "As of April 1, 2000, the Company had approximately $3.6 billion in cash, cash equivalents,"
        " and short-term investments, an increase of $383 million over the same balances at the end"
        " of 1999."
    )
    alcoa = highlights("alcoa-2018q2-10q.htm")
    assert alcoa.cash[0] == (
        "Cash used for operations was $375 in the 2018 six-month period compared with cash provided"
        " from operations of $385 in the same period of 2017, resulting in an increase in cash used"
        " of $760."
    )


@pytest.mark.parametrize("name", sorted(set(QUOTED) - {SAMPLE}))
def test_no_pipeline_where_the_release_has_none(name: str) -> None:
    assert highlights(name).pipeline == ()


@pytest.mark.parametrize("name", [*sorted(QUOTED), SAMPLE])
def test_items_are_clean_and_capped(name: str) -> None:
    found = highlights(name)
    assert len(found.quotes) <= 2 and len(found.drivers) <= 5 and len(found.cash) <= 4
    for item in [q.text for q in found.quotes] + list(found.drivers) + list(found.cash):
        assert "\\$" not in item and "\t" not in item and "<" not in item
        assert not item.startswith(("-", "\u2022", "\u00b7"))
        assert "forward-looking" not in item.lower() and "conference call" not in item.lower()


def test_tab_split_words_and_escapes_are_mended() -> None:
    text = "Cash was \\$53.6 million as of Sept\tember 30, 2007.\n\n\u00b7 Phase II began."
    assert [p.text for p in paragraphs(text)] == [
        "Cash was $53.6 million as of September 30, 2007.",
        "Phase II began.",
    ]


def test_hard_wrapped_paragraphs_are_joined() -> None:
    text = (
        "    Net revenues for the fourth quarter were $21,121,000, up 8.7% from\n"
        "$19,433,000 in the preceding quarter.\n\n    Next one.\n"
    )
    assert [p.text for p in paragraphs(text)] == [
        "Net revenues for the fourth quarter were $21,121,000, up 8.7% from $19,433,000 in the"
        " preceding quarter.",
        "Next one.",
    ]


def test_sentences_keep_abbreviations() -> None:
    assert sentences("Acme, Inc. grew. Sales rose 5%.") == ["Acme, Inc. grew.", "Sales rose 5%."]


def test_general_attribution_phrasings() -> None:
    text = (
        "\u201cWe grew revenue in every region this quarter,\u201d said Jane Q. Doe,"
        " Chief Executive Officer.\n"
        "Acme chief financial officer John Roe said, \u201cMargins improved on a better product mix.\u201d\n"
    )
    assert read_highlights(text).quotes == (
        Quote(
            "We grew revenue in every region this quarter.",
            "Jane Q. Doe",
            "Chief Executive Officer",
        ),
        Quote(
            "Margins improved on a better product mix.", "John Roe", "Acme chief financial officer"
        ),
    )


def test_pipeline_section_in_another_layout() -> None:
    """Product headings under a pipeline heading; the section ends at the financial results."""
    text = "\n\n".join(
        [
            "Pipeline Update",
            "ABC-123",
            "ABC-123 is partnered with Bigpharma AG. Bigpharma began a Phase 3 trial in May.",
            "XY-7 (Xylotinib)",
            "Xylotinib, being developed by Acme, completed its Phase 1/2 study; preclinical work goes on.",
            "ZZ-9",
            "ZZ-9 is in preclinical development and is wholly owned by Acme.",
            "Financial Results",
            "Research expenses rose due to Phase 3 trial costs of $4.0 million.",
        ]
    )
    found = read_highlights(text)
    assert found.pipeline == (
        PipelineItem("ABC-123", "Bigpharma AG", "Phase 3"),
        PipelineItem("Xylotinib", "Acme", "Phase 1/2"),
        PipelineItem("ZZ-9", "wholly owned by Acme", "preclinical"),
    )
    assert found.drivers == ("Research expenses rose due to Phase 3 trial costs of $4.0 million.",)


def test_attribution_in_the_paragraph_above_and_unnamed_speakers() -> None:
    text = (
        "Commenting on the results, Mary Major, Chief Executive Officer, said:\n"
        "\u201cOur second quarter showed strong demand across all of our markets.\u201d\n"
        "\u201cThe company expects sales to grow next year as well,\u201d the Company said.\n"
    )
    assert read_highlights(text).quotes == (
        Quote(
            "Our second quarter showed strong demand across all of our markets.",
            "Mary Major",
            "Chief Executive Officer",
        ),
    )


def test_raw_html_reads_like_its_text() -> None:
    raw = (FILINGS / "apple-2011q1-ex99.htm").read_bytes().decode("utf-8")
    assert read_highlights(raw) == highlights("apple-2011q1-ex99.htm")


@pytest.mark.parametrize(
    ("text", "speaker", "title"),
    [
        (
            "\u201cWe met every milestone we set for the quarter,\u201d said Ann B. Cole, Ph.D.,"
            " CEO of Acme Bio.",
            "Ann B. Cole, Ph.D.",
            "CEO of Acme Bio",
        ),
        (
            "Mr. Richard T. Roe, President and CEO of Acme, commented: \u201cWe are delighted with"
            " the results of the quarter.\u201d",
            "Mr. Richard T. Roe",
            "President and CEO of Acme",
        ),
        (
            "\u201cWe reached a number of key milestones this quarter,\u201d said Dr. Gail Poe,"
            " President and CEO of Acme.",
            "Dr. Gail Poe",
            "President and CEO of Acme",
        ),
    ],
)
def test_names_with_initials_degrees_and_honorifics(text: str, speaker: str, title: str) -> None:
    (quote,) = read_highlights(text).quotes
    assert (quote.speaker, quote.title) == (speaker, title)


def test_a_later_quote_by_surname_is_the_same_speaker() -> None:
    text = (
        "\u201cWe reached a number of key milestones this quarter,\u201d said John A. Doe, M.D.,"
        " Chairman and Chief Executive Officer.\n\n"
        "Dr. Doe added, \u201cWe also raised the capital we need for our trials.\u201d\n\n"
        "\u201cOur gross margin improved on a better mix of products,\u201d said Jo Roe, CFO.\n"
    )
    assert [(q.speaker, q.title) for q in read_highlights(text).quotes] == [
        ("John A. Doe, M.D.", "Chairman and Chief Executive Officer"),
        ("Jo Roe", "CFO"),
    ]


def test_a_planned_phase_is_not_a_status() -> None:
    text = "\n\n".join(
        [
            "Clinical Pipeline",
            "QR-55",
            "QR-55 is in a Phase 1 study. We expect to begin a Phase 3 trial in 2019.",
            "Financial Results",
        ]
    )
    assert read_highlights(text).pipeline == (PipelineItem("QR-55", None, "Phase 1"),)


def test_year_to_date_drivers_give_way_to_the_quarters() -> None:
    text = (
        "Revenue for the nine months rose $9.0 million due to higher volumes.\n\n"
        "Revenue for the quarter rose $3.0 million due to higher prices.\n"
    )
    assert read_highlights(text).drivers == (
        "Revenue for the quarter rose $3.0 million due to higher prices.",
    )
