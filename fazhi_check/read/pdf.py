"""PDF -> the report's text: lines in reading order, page headers, footers and numbers dropped, lines
that a page's right margin broke joined back into paragraphs, headings kept as lines of their own.

Needs pdfplumber (the ``pdf`` extra): it gives each text line with its coordinates, which is what telling a
wrapped line from a paragraph's end takes; plain text extraction loses them."""

from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass

from .. import markers
from ..positions import normalize
from .errors import ReadError

_PAGE_NUMBER = re.compile(
    r"^[-—–_\s]*(?:第\s*)?\d{1,4}\s*(?:页)?(?:\s*[/／]\s*\d{1,4}|\s*共\s*\d{1,4}\s*页)?[-—–_\s]*$"
)
_SENTENCE_END = re.compile(r"[。！？；：!?;:”」』）)]$")
_MARGIN_BAND = 0.08  # the top and bottom 8% of a page hold running headers and footers
# a glyph pdfminer could not map to a character: "(cid:123)" (a CID font without a ToUnicode map),
# or a private-use or replacement character
_UNMAPPED = re.compile(r"\(cid:\d+\)|[\ue000-\uf8ff\ufffd]")
_UNMAPPED_SHARE = 0.2  # more of the text than this unmapped: the words cannot be read


@dataclass(frozen=True)
class _Line:
    text: str
    page: int
    x0: float
    x1: float
    top: float
    bottom: float


@dataclass(frozen=True)
class PdfText:
    text: str
    pages: list[int]  # the page (1-based) of each line of ``text``


def read_pdf(data: bytes) -> PdfText:
    """The report's text and each line's page; FZ001 reasons for scans, encryption and damage."""
    try:
        import logging

        import pdfplumber

        logging.getLogger("pdfminer").setLevel(logging.ERROR)  # its warnings about odd fonts are not ours to print
    except ImportError:
        raise ReadError(
            "读取 PDF 需要安装 PDF 支持：pip install 'fazhi-check[pdf]'",
            "reading PDF needs the pdf extra: pip install 'fazhi-check[pdf]'",
        ) from None
    try:
        # not pdfplumber's own close(), which walks every page again: on a file whose pages never
        # resolve, an interrupt or a timeout would be followed by the same endless walk
        pdf = pdfplumber.open(io.BytesIO(data))
        pages, images = [], 0
        for n, page in enumerate(pdf.pages, 1):  # page by page: each page's objects let go once read
            pages.append(_page_lines(page, n))
            images += len(page.images)
            page.close()
    except MemoryError:
        raise
    except Exception as e:  # pdfminer raises many kinds on damaged or encrypted files (pdfplumber wraps them)
        name = type(e).__name__
        causes = f"{name} {e!r} {e.__cause__!r} {e.__context__!r}"
        if "Password" in causes or "Encrypt" in causes:
            raise ReadError(
                "PDF 已加密，无法读取；请提供未加密的文件", "an encrypted PDF: give an unencrypted one"
            ) from None
        raise ReadError(f"PDF 文件已损坏，无法读取（{name}）", f"a damaged PDF ({name})") from None
    lines = _drop_running_lines(pages)
    if not any(line.text.strip() for line in lines):
        if images:
            raise ReadError(
                "扫描版 PDF，没有文字层；请先进行文字识别（OCR）后再检查",
                "a scanned PDF with no text layer: OCR it first",
            )
        raise ReadError("PDF 中没有文字", "the PDF holds no text")
    if _mostly_unmapped(lines):
        raise ReadError(
            "PDF 文字无法提取（字体缺少 Unicode 映射）；请提供 Word 版或可复制文字的 PDF",
            "the PDF's text cannot be extracted (its fonts lack a Unicode map): give a Word file or a PDF "
            "whose text can be copied",
        )
    return _reflow(lines)


def _mostly_unmapped(lines: list[_Line]) -> bool:
    """Whether so much of the text is unmapped glyphs ("(cid:N)") that what is left says nothing."""
    total = unmapped = 0
    for line in lines:
        total += len(line.text)
        unmapped += sum(m.end() - m.start() for m in _UNMAPPED.finditer(line.text))
    return total > 0 and unmapped > total * _UNMAPPED_SHARE


def _page_lines(page, number: int) -> list[_Line]:
    return [
        _Line(line["text"], number, line["x0"], line["x1"], line["top"] / page.height, line["bottom"] / page.height)
        for line in page.extract_text_lines(strip=True, return_chars=False)
        if line["text"].strip()
    ]


def _drop_running_lines(pages: list[list[_Line]]) -> list[_Line]:
    """Page numbers anywhere, and lines in the top or bottom band that recur on many pages (running
    headers and footers, their digits aside)."""

    def key(line: _Line) -> str:
        return re.sub(r"\d+", "#", line.text.strip())

    in_band = [line for page in pages for line in page if line.top < _MARGIN_BAND or line.bottom > 1 - _MARGIN_BAND]
    recurring = {k for k, n in Counter(key(line) for line in in_band).items() if n >= max(2, len(pages) // 2)}
    return [
        line
        for page in pages
        for line in page
        if not _PAGE_NUMBER.match(line.text)
        and not ((line.top < _MARGIN_BAND or line.bottom > 1 - _MARGIN_BAND) and key(line) in recurring)
    ]


def _reflow(lines: list[_Line]) -> PdfText:
    """Join a line to the next where the right margin broke it: it runs to the margin, and the next line
    neither is indented (a new paragraph) nor starts with a heading marker; it ends no sentence, unless
    the document indents its paragraphs' first lines, which then tells a paragraph's end by itself."""
    if not lines:
        return PdfText("", [])
    char = _char_width(lines)
    ends = sorted(line.x1 for line in lines)
    right = ends[int(len(ends) * 0.9)]  # the text block's right edge, shared by the pages
    left = min(line.x0 for line in lines)
    indented = [line.x0 >= left + 1.5 * char for line in lines]
    full = [line.x1 >= right - 2.5 * char for line in lines]  # a wide character or Latin run may not fit
    # after a line that stops short (a paragraph's end), are the paragraphs that start indented?
    starts = [i for i in range(1, len(lines)) if not full[i - 1] and not _heading_start(lines[i].text)]
    indents_paragraphs = len(starts) >= 3 and sum(indented[i] for i in starts) * 2 >= len(starts)
    out, pages = [lines[0].text], [lines[0].page]
    for i, (previous, line) in enumerate(zip(lines, lines[1:]), 1):
        wrapped = (
            full[i - 1]
            and (indents_paragraphs or not _SENTENCE_END.search(previous.text))
            and not indented[i]
            and not _heading_start(line.text)
        )
        if wrapped:
            out[-1] += line.text
        else:
            out.append(line.text)
            pages.append(line.page)
    return PdfText("\n".join(out), pages)


def _heading_start(text: str) -> bool:
    """Whether a line starts with a heading marker (markers.lark), full-width or not."""
    return markers.heading_start().match(normalize(text)) is not None


def _char_width(lines: list[_Line]) -> float:
    widths = sorted((line.x1 - line.x0) / len(line.text) for line in lines if len(line.text) >= 4)
    return widths[len(widths) // 2] if widths else 10.0
