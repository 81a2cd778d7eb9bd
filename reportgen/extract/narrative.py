"""The release's narrative highlights, quoted rather than paraphrased.

An analyst reading a brief wants what management said (quotes with who said them), what the
release says drove revenue and expenses, what it says about cash, and, for companies with a
pipeline, where each product stands. Releases word these in a few standard ways ("... ,"
said NAME, TITLE; "due to", "driven by"; "cash used in operations"; "Phase II", "licensed
to"), so each is found by those wordings and returned as printed, one sentence at a time.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from reportgen.extract.textclean import (
    Paragraph,
    has_match,
    may_contain,
    paragraphs,
    readable_text,
    sentences,
    strip_dateline,
    trim_sentence,
)
from reportgen.model import Highlights, PipelineItem, Quote

MAX_QUOTES = 2
MAX_DRIVERS = 5
MAX_CASH = 4
MAX_PIPELINE = 12


def read_highlights(text: str) -> Highlights:
    """Quotes, drivers, cash sentences and pipeline items from a filing's decoded text."""
    everything = paragraphs(readable_text(text))
    narrative = narrative_paragraphs(everything)
    return Highlights(
        quotes=read_quotes(narrative),
        drivers=read_drivers(narrative),
        cash=read_cash(narrative),
        pipeline=read_pipeline(narrative, " ".join(p.text for p in everything)),
    )


# --- which paragraphs are narrative --------------------------------------------------------

_SKIP_HEADING = re.compile(
    r"^(?:about\b|webcast|conference call|.*\b(?:conference call|webcast)\b|forward[- ]looking"
    r"|.*safe harbor|contacts?\b|investor (?:relations|contacts?)|media contacts?|trademarks?"
    r"|.*\bnon-gaap\b|.*\breconciliation|signatures?$|exhibit)",
    re.I,
)
_BOILERPLATE = re.compile(
    r"(?=[fspcwlrdih@])"  # the alternatives' first letters: a fast reject at every other position
    r"(?:forward[- ]+looking|safe harbor|Private Securities Litigation|conference call|webcast"
    r"|\bline\s+items?\b|\breplay\b|\bdial(?:ing)?\b|passcode|registered trademarks?|Check the appropriate box"
    r"|Pursuant to the requirements|shall not be deemed|incorporated herein by reference"
    r"|www\.|https?://|@\w+\.\w)",
    re.I,
)

# How each alternative of _BOILERPLATE starts (see textclean.has_match).
_BOILERPLATE_NEEDLES = (
    "forward", "safe harbor", "private securities litigation", "conference call", "webcast", "line",
    "replay", "dial", "passcode", "registered trademark", "check the appropriate box",
    "pursuant to the requirements", "shall not be deemed", "incorporated herein by reference",
    "www.", "http", "@",
)


def _is_boilerplate(text: str) -> bool:
    """`_BOILERPLATE.search`, tried only where one of its words starts ("line" is in many a
    "decline" or "pipeline": the paragraph is then not scanned position by position)."""
    return has_match(_BOILERPLATE, text, _BOILERPLATE_NEEDLES)


def narrative_paragraphs(paras: list[Paragraph]) -> list[Paragraph]:
    """The paragraphs that carry the release's story: no tables, boilerplate or contacts."""
    kept: list[Paragraph] = []
    skipping = False
    for para in paras:
        if para.tabular:
            continue
        if para.is_heading and not para.bullet:
            skipping = bool(_SKIP_HEADING.match(para.text))
            if not skipping:
                kept.append(para)
            continue
        if skipping or _is_boilerplate(para.text) or _FOOTNOTE.match(para.text):
            continue
        kept.append(para)
    return _discussion(kept)


_MDNA = re.compile(r"management['\u2019]s\s+discussion\s+and\s+analysis", re.I)
_MDNA_END = re.compile(r"^item\s*3\b|^quantitative\s+and\s+qualitative\s+disclosures", re.I)
_FOOTNOTE = re.compile(r"^(?:\(?(?:\d{1,2}|[a-z])\)\s*\S|notes?(?:\s+\d+)?\s*:)", re.I)


def _discussion(paras: list[Paragraph]) -> list[Paragraph]:
    """In a 10-Q or 10-K, only the management's discussion; a release is kept whole."""
    best: tuple[int, int] | None = None
    for i, para in enumerate(paras):
        # cheapest test first: few paragraphs say "management" at all
        if not may_contain(para.text, ("management",)) or len(para.text.split(None, 25)) > 25 or not _MDNA.search(para.text):
            continue
        end = next(
            (
                j
                for j in range(i + 1, len(paras))
                if _MDNA_END.search(paras[j].text) and len(paras[j].text.split(None, 25)) <= 25
            ),
            len(paras),
        )
        if best is None or end - i > best[1] - best[0]:
            best = (i + 1, end)
    if best is None or best[1] - best[0] < 20:
        return paras
    return paras[best[0] : best[1]]


# --- quotes -----------------------------------------------------------------------------------

_QUOTED = re.compile(r"[\"\u201c]([^\"\u201c\u201d]{20,}?)[\"\u201d]")
_VERB = r"(?:said|says|commented|stated|added|noted|explained|remarked|continued|concluded)"
_AFTER = re.compile(
    rf"^\s*,?\s*{_VERB}\s+(?P<who>.+)$|^\s*,?\s*(?P<who2>[^,.]{{2,60}}?)\s+{_VERB}\b", re.S
)
_BEFORE = re.compile(rf"\s+{_VERB}\s*[,:]?\s*$")
_DEGREE = re.compile(
    r"^(?:Ph\.\s?D\.?|M\.\s?D\.?|J\.\s?D\.?|MBA|CPA|CFA|Esq\.?|D\.\s?Phil\.?|Pharm\.\s?D\.?)$"
)
_HONORIFIC = r"(?:Mr|Mrs|Ms|Dr)\."
_NAME_TOKEN = re.compile(
    r"^(?:[A-Z][a-z'\u2019\-]+|[A-Z]\.|[A-Z][a-z]*[A-Z][a-z]+|(?:Mr|Mrs|Ms|Dr|Jr|Sr)\.?|I{2,3},?)$"
)
_TITLE_WORD = re.compile(
    r"^(?:Chairman|Chairwoman|Chair|President|Chief|Executive|Officer|Financial|Operating|"
    r"Technology|Medical|Scientific|Commercial|Vice|Senior|Director|Founder|Co-Founder|CEO|CFO|"
    r"COO|CTO|CMO|CSO|EVP|SVP|VP|Treasurer|Secretary|Head|General|Manager|Partner|Principal)$"
)


def read_quotes(paras: list[Paragraph]) -> tuple[Quote, ...]:
    """Up to two quotations, one per speaker, the chief executive's first; in the order printed."""
    found: list[Quote] = []
    lead = ""
    for para in paras:
        for m in _QUOTED.finditer(para.text):
            quote = _quote(para.text, m, lead)
            if quote is not None:
                found.append(quote)
        lead = para.text
    full_names = [q.speaker for q in found if q.speaker and _is_full(q.speaker)]
    firsts: list[Quote] = []
    seen: set[str] = set()
    for quote in found:
        speaker = _full_name(quote.speaker, full_names)
        if not _is_full(speaker):
            continue  # a surname never given in full ("Acme said") may not be a person
        if speaker not in seen:
            seen.add(speaker)
            firsts.append(Quote(quote.text, speaker, quote.title or _title_of(speaker, found)))
    ranked = sorted(range(len(firsts)), key=lambda i: (not _is_chief(firsts[i].title), i))
    return tuple(firsts[i] for i in sorted(ranked[:MAX_QUOTES]))


_CHIEF = re.compile(r"\bCEO\b|chief\s+executive|chairman", re.I)


def _is_chief(title: str | None) -> bool:
    """Whether a title names the company's head (CEO, chief executive, chairman)."""
    return bool(title and _CHIEF.search(title))


def _quote(text: str, m: re.Match[str], lead: str = "") -> Quote | None:
    """One quoted passage with its attribution, or None if nobody is named as saying it.

    `lead` is the paragraph before, which may end "NAME, TITLE, said:" above a quote that
    opens its own paragraph.
    """
    body = m.group(1).strip()
    if len(body.split()) < 6:
        return None
    head = text[: m.start()] if text[: m.start()].strip() else lead
    who = _attribution_after(text[m.end() :]) or _attribution_before(head)
    if who is None:
        return None
    name, title = who
    first = sentences(body)[0].strip()
    if first.endswith(","):
        first = first[:-1] + "."
    return Quote(trim_sentence(first), name, title)


def _attribution_after(rest: str) -> tuple[str, str | None] | None:
    """Speaker and title from the words after a quote: '," said NAME, TITLE.'"""
    clause = sentences(rest.strip())[0] if rest.strip() else ""
    clause = re.split(r"[\"\u201c]", clause)[0]
    m = _AFTER.match(clause)
    if not m:
        return None
    who = (m.group("who") or m.group("who2") or "").strip().rstrip(".,")
    return _split_speaker(who)


def _attribution_before(head: str) -> tuple[str, str | None] | None:
    """Speaker and title from the words before a quote: 'NAME, TITLE, said, "'."""
    m = _BEFORE.search(head)
    if not m:
        return None
    who = re.split(r"[\"\u201c\u201d]", head[: m.start()])[-1].strip()
    if not who:
        return None
    return _split_speaker(sentences(who)[-1])


def _split_speaker(who: str) -> tuple[str, str | None] | None:
    """ "NAME, TITLE" or "TITLE NAME" split into a person's name and title."""
    parts = [p.strip() for p in who.split(",") if p.strip()]
    if not parts:
        return None
    for i, part in enumerate(parts):
        if _is_person(part):
            name, rest = part, parts[i + 1 :]
            while rest and _DEGREE.match(rest[0]):
                name, rest = f"{name}, {rest[0]}", rest[1:]
            return name, ", ".join(rest) or None
    last = parts[-1].split()
    name: list[str] = []
    while (
        last and _NAME_TOKEN.match(last[-1]) and not _TITLE_WORD.match(last[-1]) and len(name) < 4
    ):
        name.insert(0, last.pop())
    if not name or (len(name) == 1 and last):
        return None  # one capitalised word after other words: "the Company", not a person
    title = " ".join(last) or None
    return " ".join(name), title


def _is_person(text: str) -> bool:
    """Whether text reads as a person's name: one to four capitalised words, no title words."""
    words = text.split()
    return (
        0 < len(words) <= 4
        and all(_NAME_TOKEN.match(w) for w in words)
        and not any(_TITLE_WORD.match(w) for w in words)
    )


def _name_words(name: str) -> list[str]:
    """A name's words without honorific or degrees: "Dr. John A. Scarlett, M.D." -> 3 words."""
    return re.sub(_HONORIFIC, "", name).split(",")[0].split()


def _is_full(name: str) -> bool:
    """Whether a speaker is named in full (a given name and a surname at least)."""
    return len(_name_words(name)) >= 2


def _full_name(speaker: str | None, full_names: list[str]) -> str:
    """A surname-only speaker ("Mr. Stern", "Jacobson") resolved to the full name given earlier."""
    if not speaker:
        return ""
    if _is_full(speaker) or not _name_words(speaker):
        return speaker
    surname = _name_words(speaker)[-1]
    return next((full for full in full_names if _name_words(full)[-1] == surname), speaker)


def _title_of(speaker: str, quotes: list[Quote]) -> str | None:
    """The title printed for this speaker at another of their quotes."""
    for quote in quotes:
        if quote.speaker == speaker and quote.title:
            return quote.title
    return None


# --- drivers ---------------------------------------------------------------------------------
# The case-blind patterns below open with a lookahead on their alternatives' first letters,
# so the scan rejects every other position at once (re tries each alternative otherwise).

_CAUSE = re.compile(
    r"(?=[dabrlo])(?:\b(?:due\s+(?:\w+ly\s+)?to|driven\s+(?:\w+ly\s+)?by|attributable\s+to|as\s+a\s+result\s+of"
    r"|result(?:ed|ing)?\s+(?:\w+ly\s+)?from|because\s+of|reflect(?:s|ing|ed(?!\s+(?:in|as)))|offset\s+by"
    r"|led\s+by|owing\s+to)\b)",
    re.I,
)
_WEAK_CAUSE = re.compile(r"(?=[rcp])(?:\b(?:related\s+to|contributed|primarily\s+from)\b)", re.I)
_CHANGE = re.compile(
    r"(?=[idhlgrfcm])(?:\b(?:increase[sd]?|decrease[sd]?|higher|lower|grew|rose|fell|declined?|improved?|change[sd]?"
    r"|milestones?|includes?|included)\b)",
    re.I,
)
_NOT_CAUSE = re.compile(
    r"(?=[ilep])(?:\b(?:income|loss|earnings|profit)\s+\(?(?:loss\)\s+)?attributable\s+to\b)", re.I
)
_FINANCIAL = re.compile(
    r"(?=[rseciplmf])(?:\b(?:revenues?|sales|expenses?|costs?|income|margins?|earnings|profits?|loss(?:es)?|fees)\b)",
    re.I,
)
_AMOUNT = re.compile(r"\$\s?\d")
_YEAR_TO_DATE = re.compile(r"(?=[sn69y])(?:\b(?:six|nine|6|9)[- ]months?\b|year[- ]to[- ]date)", re.I)
_QUARTER = re.compile(r"(?=[qt])(?:\bquarter\b|\bthree[- ]months?\b|\bQ[1-4]\b)", re.I)
_FUTURE = re.compile(
    r"(?=[eafgowpibscm])(?:\b(?:expects?|expected|anticipates?|anticipated|forecasts?|guidance|outlook|will|plans?"
    r"|intends?|believes?|should|could|may)\b)",
    re.I,
)


def _statements(paras: list[Paragraph]) -> list[str]:
    """The narrative's sentences outside quotations, once each, in document order."""
    return list(_statements_of(tuple(paras)))


@lru_cache(maxsize=2)
def _statements_of(paras: tuple[Paragraph, ...]) -> tuple[str, ...]:
    """`_statements`, computed once for the drivers and cash readers."""
    out: list[str] = []
    seen: set[str] = set()
    for para in paras:
        if para.is_heading:
            continue
        spans = _quoted_spans(para.text)
        pos = 0
        for sentence in sentences(para.text):
            start = para.text.find(sentence, pos)
            pos = max(pos, start + len(sentence))
            inside = any(a <= start + 1 < b or a <= start + len(sentence) - 2 < b for a, b in spans)
            sentence = strip_dateline(sentence)
            if not inside and sentence not in seen:
                seen.add(sentence)
                out.append(sentence)
    return tuple(out)


_QUOTE_MARKS = re.compile('["\u201c\u201d]')


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    """Where quotations of six words or more run in a paragraph (an unclosed one runs to its end)."""
    spans: list[tuple[int, int]] = []
    start: int | None = None
    for quote in _QUOTE_MARKS.finditer(text):
        i, ch = quote.start(), quote.group()
        if start is None and ch in '"\u201c':
            start = i
        elif start is not None and ch in '"\u201d':
            spans.append((start, i + 1))
            start = None
    if start is not None:
        spans.append((start, len(text)))
    return [(a, b) for a, b in spans if len(text[a:b].split(None, 6)) >= 6]  # words counted to six


def read_drivers(paras: list[Paragraph]) -> tuple[str, ...]:
    """Sentences that say what drove revenue or expenses, those with amounts first, max five."""
    scored = []
    for pos, sentence in enumerate(_statements(paras)):
        # The tests are independent; the rarest passes (a stated cause) are made first.
        if not sentence[:1].isupper():
            continue
        plain = _NOT_CAUSE.sub("", sentence) if may_contain(sentence, ("attributable",)) else sentence
        if not (_is_caused(plain) or (_is_weak_cause(plain) and _CHANGE.search(plain))):
            continue
        if _is_cash(sentence) or _is_future(sentence) or not _FINANCIAL.search(sentence):
            continue
        if _YEAR_TO_DATE.search(sentence) and not _QUARTER.search(sentence):
            continue  # a driver of the six or nine months, not of the quarter
        scored.append((0 if _AMOUNT.search(sentence) else 1, pos, sentence))
    best = sorted(scored)[:MAX_DRIVERS]
    return tuple(trim_sentence(s) for _, _, s in sorted(best, key=lambda t: t[1]))


# --- cash --------------------------------------------------------------------------------------

_CASH = re.compile(
    r"(?=[cofius])(?:\bcash(?:,| and)\s+(?:cash\s+equivalents|marketable\s+securities|short-term\s+investments"
    r"|investments)|\bcash\s+used\s+(?:in|by|for)|\bcash\s+(?:provided|generated)\s+(?:by|from)"
    r"|\bcash\s+flows?\s+from\s+operat|\boperating\s+cash\s+flows?|\bfree\s+cash\s+flows?"
    r"|\bcapital\s+expenditures|\bcapital\s+spending|\bin\s+cash\b|\bcash\s+(?:position|balances?)"
    r"|\bcash\s+totaled|\b(?:uses?|sources?)\s+of\s+cash\b)",
    re.I,
)
# Runs of letters from each alternative of the patterns (see textclean.may_contain).
_CASH_NEEDLES = ("cash", "capital")
_FUTURE_NEEDLES = (
    "expect", "anticipat", "forecast", "guidance", "outlook", "will", "plan", "intend", "believe",
    "should", "could", "may",
)
_CAUSE_NEEDLES = ("due", "driven", "attributable", "result", "because", "reflect", "offset", "led", "owing")


def _is_cash(sentence: str) -> bool:
    """`_CASH.search`, its scan spared where neither "cash" nor "capital" occurs."""
    return may_contain(sentence, _CASH_NEEDLES) and bool(_CASH.search(sentence))


def _is_future(sentence: str) -> bool:
    """`_FUTURE.search`, its scan spared where none of its words occurs."""
    return may_contain(sentence, _FUTURE_NEEDLES) and bool(_FUTURE.search(sentence))


def _is_weak_cause(sentence: str) -> bool:
    """`_WEAK_CAUSE.search`, its scan spared where none of its words occurs."""
    return may_contain(sentence, ("related", "contributed", "primarily")) and bool(_WEAK_CAUSE.search(sentence))


def _is_caused(sentence: str) -> bool:
    """`_CAUSE.search`, its scan spared where none of its words occurs."""
    return may_contain(sentence, _CAUSE_NEEDLES) and bool(_CAUSE.search(sentence))


_NOT_CASH = re.compile(r"(?=[dp])(?:\bdividends?\b|\bper\s+share\b)", re.I)


def read_cash(paras: list[Paragraph]) -> tuple[str, ...]:
    """Sentences stating cash, cash used in or provided by operations, capital spending."""
    found = [
        s
        for s in _statements(paras)
        if _is_cash(s)
        and _AMOUNT.search(s)
        and not _NOT_CASH.search(s)
        and not _is_future(s)
    ]
    return tuple(trim_sentence(s) for s in found[:MAX_CASH])


# --- pipeline -----------------------------------------------------------------------------------

_PIPELINE_HEADING = re.compile(
    r"\b(?:pipeline|clinical|compounds?|product\s+candidates?|drug\s+candidates?"
    r"|development\s+programs?)\b",
    re.I,
)
_PHASE = re.compile(
    r"\bPhase\s+(?P<a>IV|I{1,3}|[1-4])(?P<ab>[ab])?(?:\s*/\s*(?P<b>IV|I{1,3}|[1-4]))?\b"
)
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_INTENT = re.compile(
    r"\b(?:(?:plans?|planned|expects?|expected|intends?|anticipates?|anticipated)\s+to"
    r"|will)\s+(?:begin|initiate|start|advance|enter|move|commence)"
    r"|\b(?:planned|upcoming|future|potential)\s+Phase\b",
    re.I,
)
_ORG = (
    r"(?P<org>[A-Za-z][\w&\-]*(?:\s+(?:[A-Z][\w&\-]*|&))*"
    r"(?:,?\s+(?:Inc|Corp|Co|Ltd|AG|SA|NV|plc|LLC)\.?)?)"
)
_PARTNERS = [
    (re.compile(rf"\blicensed\s+(?:\S+\s+){{0,2}}?to\s+{_ORG}"), "{}"),
    (
        re.compile(
            rf"\b(?:partnered|in\s+collaboration|in\s+partnership|co-developed)\s+with\s+{_ORG}"
        ),
        "{}",
    ),
    (
        re.compile(rf"\b(?:(?:under|in)\s+development|being\s+developed|marketed)\s+by\s+{_ORG}"),
        "{}",
    ),
    (re.compile(rf"\bwholly[- ]owned\s+by\s+{_ORG}"), "wholly owned by {}"),
]


def read_pipeline(paras: list[Paragraph], all_text: str = "") -> tuple[PipelineItem, ...]:
    """Each product of a pipeline update with its partner and its stage, as the release says.

    `all_text` is the whole document's text, where a product's usual spelling is looked up.
    """
    blocks = _pipeline_blocks(paras)
    all_text = all_text or " ".join(p.text for p in paras)
    items = []
    for heading, body in blocks:
        text = " ".join(p.text for p in body)
        status = _status(body)
        if status is None:
            continue
        items.append(PipelineItem(_product_name(heading, text, all_text), _partner(text), status))
    return tuple(items[:MAX_PIPELINE])


_PIPELINE_END = re.compile(
    r"\b(?:financial|results|revenues?|outlook|guidance|corporate|about|statements?|balance"
    r"|consolidated|selected|webcast|conference|forward|contacts?)\b",
    re.I,
)


def _pipeline_blocks(paras: list[Paragraph]) -> list[tuple[str, list[Paragraph]]]:
    """(heading, paragraphs) per product under a pipeline section heading."""
    blocks: list[tuple[str, list[Paragraph]]] = []
    inside = False
    for para in paras:
        if para.is_heading and not para.bullet:
            if _PIPELINE_HEADING.search(para.text) and not blocks:
                inside = True
                continue
            if inside and _PIPELINE_END.search(para.text):
                break
            if inside:
                blocks.append((para.text, []))
            continue
        if inside and blocks:
            blocks[-1][1].append(para)
    return [(h, body) for h, body in blocks if body]


def _status(body: list[Paragraph]) -> str | None:
    """The most advanced clinical phase the block reports (not one only planned)."""
    best: tuple[int, str] | None = None
    for para in body:
        for sentence in sentences(para.text):
            if _INTENT.search(sentence):
                continue
            for m in _PHASE.finditer(sentence):
                rank = max(_ROMAN[m.group("a")], _ROMAN.get(m.group("b") or "", 0))
                if best is None or rank > best[0]:
                    best = (rank, m.group(0))
    if best:
        return best[1]
    text = " ".join(p.text for p in body)
    stage = _STAGE.search(text)
    return stage.group(0) if stage else None


_STAGE = re.compile(r"\b(?:preclinical|pre-clinical|IND-enabling)\b", re.I)


def _partner(text: str) -> str | None:
    """Who the product is licensed to / developed by, or "wholly owned by X"."""
    for pattern, shape in _PARTNERS:
        m = pattern.search(text)
        if m:
            org = re.sub(r"['\u2019]s$", "", m.group("org")).rstrip(".,")
            if org[:1].isupper() or "-" in org:
                return shape.format(org)
    return None


def _product_name(heading: str, body: str, all_text: str) -> str:
    """The product's name as the text uses it: the heading's abbreviation, or its usual spelling."""
    abbrev = re.search(r"\(([^()]{2,20})\)\s*$", heading)
    if abbrev and abbrev.group(1) in body:
        return abbrev.group(1)
    key = _squash(heading)
    spellings: Counter[str] = Counter()
    for m in re.finditer(r"(?<![\w/])[\w][\w/\-]*[\w]", all_text):
        word = m.group(0)
        if _squash(word) == key and word != heading:
            before = all_text[max(0, m.start() - 4) : m.start()]
            sentence_start = m.start() == 0 or re.search(r"[.!?]\s+$", before) is not None
            spellings[word] += 1 if sentence_start else 2
    if spellings:
        return spellings.most_common(1)[0][0]
    return heading


def _squash(word: str) -> str:
    """A name reduced to lower-case letters and digits, to compare spellings."""
    return re.sub(r"[^a-z0-9]", "", word.lower())
