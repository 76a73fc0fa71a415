"""The head and the frame of a report: which lines are titles, where the title block ends, the title,
the opening, the issuer (发文机关 or 落款), the date (成文日期) and a page's publication date."""

from __future__ import annotations

import datetime
import re
from dataclasses import replace

from ..numerals import parse_date, parse_published, strip_trailing_date
from ..outline import Line
from ..vocabulary import Vocabulary
from .lines import SENTENCE_END, is_organ
from .model import Title

HEADING_KINDS = ("h1", "h2", "h3", "h4")
_NOT_TITLE_ABOVE = re.compile(r"[:：。；;]")


def mark_titles(lines: tuple[Line, ...], vocabulary: Vocabulary) -> tuple[Line, ...]:
    """Text lines that read as a title (the vocabulary's ``title_line``: short, no sentence
    punctuation, ending in the genre word) become title lines."""
    title_line = vocabulary.pattern("title_line")
    return tuple(
        replace(line, kind="title") if line.kind == "text" and title_line.fullmatch(line.text) else line
        for line in lines
    )


def _is_sentence(line: Line) -> bool:
    return bool(SENTENCE_END.search(line.text)) or len(line.text.strip()) > 60


def title_block_end(lines: tuple[Line, ...], vocabulary: Vocabulary) -> tuple[int, int | None]:
    """(end of the title block, index of the title line). The block runs to the first heading or
    sentence; the title is its last line that ends in 报告 and names the subject (a web page repeats
    the title under its header), else its first line ending in 报告. Lines after the title, but for
    an issuer or date under it, start the body."""
    limit = next(
        (i for i, ln in enumerate(lines) if ln.kind in HEADING_KINDS or (ln.kind == "text" and _is_sentence(ln))),
        len(lines),
    )
    candidates = [i for i in range(limit) if lines[i].kind == "title"]
    if not candidates:  # no title: only issuer and date lines form the block
        end = next((i for i in range(limit) if not is_title_trailer(lines[i], vocabulary)), limit)
        return end, None
    subject = vocabulary.pattern("title")
    named = [i for i in candidates if subject.search(lines[i].text)]
    title_at = named[-1] if named else candidates[0]
    end = title_at + 1
    while end < limit and is_title_trailer(lines[end], vocabulary):
        end += 1
    return end, title_at


def is_title_trailer(line: Line, vocabulary: Vocabulary) -> bool:
    """An issuer or a date line under the title: "开封市司法局", "（2025年2月14日）"."""
    text = line.text.strip()
    if line.kind == "date" or is_organ(line, vocabulary):
        return True
    return len(text) <= 20 and text.startswith("(") and parse_date(text) is not None


def title(lines: tuple[Line, ...], title_at: int | None, vocabulary: Vocabulary) -> Title | None:
    """The title line, joined with the line right above it when extraction broke it in two."""
    if title_at is None:
        return None
    line = lines[title_at]
    above = lines[title_at - 1] if title_at else None
    if (
        above is not None
        and above.kind == "text"
        and above.number == line.number - 1
        and not is_organ(above, vocabulary)
        and not _NOT_TITLE_ABOVE.search(above.text)
        and len(above.text.strip()) <= 40
    ):
        return Title((above, line), above.text.strip() + line.text.strip())
    return Title((line,), line.text.strip())


def opening(lines: tuple[Line, ...], block_end: int) -> Line | None:
    """The opening paragraph's first line: the text line right after the title block."""
    return lines[block_end] if block_end < len(lines) and lines[block_end].kind == "text" else None


def date_line(lines: tuple[Line, ...], block_end: int, vocabulary: Vocabulary) -> Line | None:
    """The 成文日期: a date line among the last lines of the report, or a 落款 line that ends in one
    ("某某县司法局 2024年1月10日"); else a date under the title (not a web page's clock: "某某区人民政府
    2019年12月3日星期二")."""
    for line in reversed(lines[-4:]):
        if line.kind == "date" or (strip_trailing_date(line.text) != line.text and is_organ(line, vocabulary)):
            return line
    return next((ln for ln in lines[:block_end] if is_title_trailer(ln, vocabulary) and parse_date(ln.text)), None)


def published(lines: tuple[Line, ...], block_end: int, vocabulary: Vocabulary) -> datetime.date | None:
    """A publication date labelled in the title block ("发布时间：2024-03-28")."""
    label = vocabulary.pattern("published_label")
    return next((d for ln in lines[:block_end] if (d := parse_published(ln.text, label))), None)


def issuer(text: str, lines, block_end: int, title: Title | None, vocabulary: Vocabulary) -> str | None:
    """The issuing organ: a title-block line, else the 落款 near the end, else the title's prefix (an
    organ, or a region whose government reports: "静海区2023年度法治政府建设情况报告")."""
    title_lines = title.lines if title else ()
    before_title = [ln for ln in lines[:block_end] if ln not in title_lines]
    closing = list(reversed(lines[-3:]))
    for line in before_title + closing:
        if is_organ(line, vocabulary):
            return strip_trailing_date(text[line.start : line.end].strip())
    if title:
        m = vocabulary.first_match("title_issuer_prefix", title.text)
        if m and vocabulary.pattern("title_issuer").search(m.group("issuer").strip()):
            return m.group("issuer").strip()
    return None
