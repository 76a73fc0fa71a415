"""What a line or paragraph of a report is, by its punctuation and length: shared by the document's
builders and the checks."""

from __future__ import annotations

import re

from ..numerals import strip_trailing_date
from ..outline import Line
from ..vocabulary import Vocabulary

SENTENCE_END = re.compile(r"[。！？；!?;]")
CLAUSE_MARK = re.compile(r"[。！？；!?;，,：:]")
SENTENCE_MARK = re.compile(r"[。！？；!?;：:]")
CJK = re.compile(r"[\u4e00-\u9fff]")
_PAGE_NUMBER = re.compile(r"\s*(?:[-—–]\s*)?(?:第\s*)?\d{1,4}\s*(?:页\s*)?(?:[-—–]\s*)?$")
_PAGE_NUMBER_START = frozenset("-—–第")  # \s is what str.strip strips, \d what isdecimal tells
_PARAGRAPH_END = frozenset('。！？；!?;：:”"」』)')  # a line ending (whitespace aside) in one ends its paragraph
_ORGAN_PUNCTUATION = re.compile(r"[:：。，,；;！？!?]")


def ends_paragraph(text: str) -> bool:
    return text.rstrip()[-1:] in _PARAGRAPH_END


def visible(text: str) -> int:
    """Length without whitespace: "2024 年" from a PDF is as long as "2024年"."""
    return sum(map(len, text.split()))


def is_page_number(text: str) -> bool:
    """A line that is only a page number: "- 2 -", "第3页", "12". (Its first visible character is a dash,
    第 or a digit: any other line is told without the pattern, as most lines are asked about often.)"""
    first = text.lstrip()[:1]
    return (first in _PAGE_NUMBER_START or first.isdecimal()) and bool(_PAGE_NUMBER.match(text))


def first_sentence(line: Line) -> str:
    stop = SENTENCE_END.search(line.text)
    return line.text[: stop.start() if stop else len(line.text)]


def is_organ(line: Line, vocabulary: Vocabulary) -> bool:
    """A line that is nothing but an organ's name (and maybe its date): "开封市司法局",
    "中共某某工委 某某管委会", "某某县司法局 2024年1月10日"."""
    text = strip_trailing_date(line.text.strip())
    organ = vocabulary.pattern("organ")
    return 2 <= len(text) <= 40 and not _ORGAN_PUNCTUATION.search(text) and bool(organ.search(text))


def paragraphs(lines):
    """Join lines that continue a paragraph (the line before ends without sentence punctuation);
    yields (text, pieces), pieces being (offset in text, line) for locating matches."""
    pieces: list[tuple[int, Line]]
    text, pieces = "", []
    for line in lines:
        if is_page_number(line.text):
            continue
        if pieces and ends_paragraph(pieces[-1][1].text):
            yield text, pieces
            text, pieces = "", []
        pieces.append((len(text), line))
        text += line.text
    if pieces:
        yield text, pieces


_CITED = re.compile(r"《[^《》\n]*》")


def without_cited(text: str) -> str:
    """``text`` with the names of cited documents (《…》) blanked out, its length kept: words inside a
    cited name ("《…第一责任人职责规定》") say nothing about the report itself."""
    return _CITED.sub(lambda m: " " * len(m.group()), text) if "《" in text else text


def locate(pieces, offset: int) -> tuple[Line, int]:
    """The line holding ``offset`` of a joined paragraph, and the offset in the original text."""
    if len(pieces) == 1:  # most paragraphs are one line
        at, line = pieces[0]
    else:
        at, line = next((p for p in reversed(pieces) if p[0] <= offset), pieces[0])
    return line, line.start + offset - at
