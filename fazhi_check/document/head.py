"""The head and the frame of a report, read as one block: a cover letter (报送函) before the report, a
web page's lines (来源, 发布时间, 浏览次数, 字号, 分享, 打印), a 文号, the title (one or more lines,
letter-spaced or not, with or without 报告 or a year), issuer and date lines, an addressee (主送机关)
or a speaker line; then the opening. Also the report's date (成文日期), issuer and publication date.
Every kind of line is told by the vocabulary (rules/vocabulary/head.yaml)."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from ..literals import Lazy
from ..numerals import parse_date, parse_published, strip_trailing_date
from ..outline import Line
from ..vocabulary import Vocabulary
from .lines import SENTENCE_END, is_organ, visible
from .model import Title

TYPE_CHECKING = False  # typing costs a run's start-up 2 ms: its names are for the type checker only
if TYPE_CHECKING:
    from typing import TypeGuard

HEADING_KINDS = ("h0", "h1", "h2", "h3", "h4")
_NOT_TITLE_ABOVE = re.compile(r"[:：。；;]")
_COLON_END = re.compile(r"[:：]\s*$")
_BRACKET_LINE = re.compile(r"\([^()]{1,24}\)")  # a title's note on a line of its own: （2023年度）
_PIECES = re.compile(r"[、,，和及]")
_CLAUSE = re.compile(r"[。！？；!?;，,：:]")  # a title has none (、 it may have: "市委、市政府"; nor 附件：)
_SPACED = r"(?<=[\u4e00-\u9fff\d]) +(?=[\u4e00-\u9fff\d])"  # compiled when a title is letter-spaced (rare)
_DECORATION = re.compile(r"^(?:\*\*|__|[》」』】\]])+|(?:\*\*|__|[《「『【\[])+$")
TITLE_MAX = 80  # a title line holds at most this many characters (spaces aside)


@dataclass(frozen=True)
class Head:
    """Where the report's title is, where its body starts, and the lines that are no report text."""

    title: Title | None
    title_at: int | None  # index of the title's last line
    body_start: int  # index of the first line after the head: the opening
    page_lines: tuple[Line, ...]  # a web page's lines: never body text


def mark_titles(lines: tuple[Line, ...], vocabulary: Vocabulary) -> tuple[Line, ...]:
    """Text lines that read as a title (the vocabulary's ``title_line``: short, no sentence
    punctuation, ending in the genre word) become title lines."""
    title_line = vocabulary.pattern("title_line")
    return tuple(
        line.as_kind("title") if line.kind == "text" and title_line.fullmatch(line.text) else line for line in lines
    )


def collapsed(text: str) -> str:
    """A title as it reads: letter-spacing closed up ("白 沙 区 2020 年" -> "白沙区2020年") where most of
    the line is single spaced-out characters, decoration (** 【 》) at its ends dropped."""
    text = text.strip()
    tokens = text.split()
    if len(tokens) >= 6 and sum(len(t) <= 2 for t in tokens) * 4 >= len(tokens) * 3:
        text = re.sub(_SPACED, "", text)
    return _DECORATION.sub("", text).strip()


def without_number(number: re.Pattern | Lazy, text: str, written: str | None = None) -> str:
    """A title (line) without the 文号 written in front of it ("[某政发〔2026〕7号]某市人民政府关于……");
    with ``written``, the same line as the file writes it (normalising is 1:1), cut where ``text`` is."""
    kept = text if written is None else written
    m = number.match(text)
    return kept[m.end() :].strip() if m and m.end() < len(text) else kept


class _Reader:
    """The head's line tests, with the vocabulary they use."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary
        self.page = vocabulary.pattern("page_line")
        self.number = vocabulary.pattern("doc_number")
        self.mark = vocabulary.pattern("head_mark")
        self.speaker = vocabulary.pattern("speaker_line")
        self.subject = vocabulary.pattern("title")
        self.genre = vocabulary.pattern("title_genre")
        self.cover = vocabulary.pattern("cover_title")
        self._frame: dict[Line, bool] = {}  # is_frame's answers: the head asks about a line several times

    def is_page(self, line: Line) -> bool:
        text = line.text.strip()
        return bool(self.page.match(text)) and not SENTENCE_END.search(text.rstrip("。"))

    def is_number(self, line: Line) -> bool:
        """A 文号 line, or another mark of the 版头 (份号, 密级, 紧急程度, 签发人)."""
        text = line.text.strip()
        return bool(self.number.fullmatch(text) or self.mark.fullmatch(text))

    def is_addressee(self, line: Line) -> bool:
        """主送机关 or a salutation, ending in a colon: "市人民政府：", "区委、区政府：", "同志们："."""
        text = line.text.strip()
        if not _COLON_END.search(text) or visible(text) > 60 or SENTENCE_END.search(text):
            return False
        names = _COLON_END.sub("", text)
        if self.vocabulary.pattern("salutation").search(names):
            return True
        organ = self.vocabulary.pattern("addressee")
        return all(organ.search(piece.strip()) for piece in _PIECES.split(names) if piece.strip())

    def is_speaker(self, line: Line) -> bool:
        return bool(self.speaker.search(line.text.strip()))

    def is_frame(self, line: Line) -> bool:
        """A line of the head that is neither title nor report text."""
        known = self._frame.get(line)
        if known is None:
            known = self._frame[line] = (
                self.is_page(line)
                or self.is_number(line)
                or self.is_addressee(line)
                or self.is_speaker(line)
                or is_title_trailer(line, self.vocabulary)
            )
        return known

    def is_title(self, line: Line, text: str | None = None) -> bool:
        """A document's title: a short line without clause punctuation that ends in a genre word
        (报告, 情况, 总结, 方案…). ``text``: the line joined with the one before it, where extraction
        broke a title ("…情况的报" / "告")."""
        if line.kind not in ("text", "title") or self.is_frame(line):
            return False
        text = self.without_number(collapsed(text or line.text))
        if visible(text) > TITLE_MAX or _CLAUSE.search(text):
            return False
        title_line = self.vocabulary.pattern("title_line").fullmatch(text)
        return line.kind == "title" or bool(title_line or self.genre.search(text))

    def names_a_part(self, line: Line, text: str | None = None) -> bool:
        """Whether a line that reads as a title names a part of a report instead (an unnumbered part
        heading ends in a genre word too: "…第一责任人职责情况"), unless it ends in 报告."""
        text = self.without_number(collapsed(text or line.text))
        return not self.vocabulary.pattern("title_line").fullmatch(text) and bool(self.vocabulary.heading_kinds(text))

    def without_number(self, text: str) -> str:
        return without_number(self.number, text)

    def names_subject(self, line: Line, lines: tuple[Line, ...] = (), i: int = 0) -> bool:
        """Whether a title line (with the one before it, where it continues it) names the subject."""
        joined = _joined(lines, i) if i and _continues_title(lines[i - 1], line, self) else collapsed(line.text)
        return bool(self.subject.search(joined))


def _stray(line: Line) -> bool:
    """A short line without punctuation above the title ("内部资料 注意保存", "（公开）")."""
    return visible(line.text) <= 20 and not _CLAUSE.search(line.text)


def read_head(lines: tuple[Line, ...], vocabulary: Vocabulary) -> Head:
    """The head of a report: its title (the last title line naming the subject before the first
    heading or sentence, else the first title line; behind a cover letter, the report's own title),
    the frame lines around it, and where the opening starts."""
    reader = _Reader(vocabulary)
    first_heading = next((i for i, ln in enumerate(lines) if ln.kind in HEADING_KINDS), len(lines))
    candidates: list[int] = []
    limit = 0
    while limit < first_heading:  # the head: frame lines and titles, up to the first other line
        line = lines[limit]
        after = lines[limit + 1] if limit + 1 < first_heading else None
        if reader.is_title(line):
            if not candidates or not reader.names_a_part(line):  # after a title, a part's heading
                candidates.append(limit)
        elif after and _continues_title(line, after, reader) and reader.is_title(after, _joined(lines, limit + 1)):
            limit += 1  # a title extraction broke in two: its second line stands for it
            if not candidates or not reader.names_a_part(after, _joined(lines, limit)):
                candidates.append(limit)
        elif not reader.is_frame(line) and (candidates or not _stray(line)):
            break
        limit += 1
    named = [i for i in candidates if reader.names_subject(lines[i], lines, i)]
    title_at = named[-1] if named else (candidates[0] if candidates else None)
    if title_at is not None and reader.cover.search(collapsed(lines[title_at].text)):
        # a 报送函: the report's own title comes after the letter, before the report's first heading
        inner = [
            i
            for i in range(title_at + 1, first_heading)
            if reader.is_title(lines[i]) and reader.names_subject(lines[i]) and not reader.cover.search(lines[i].text)
        ]
        if inner:
            title_at = inner[0]
    title, last = _title(lines, title_at, reader)
    start = last + 1 if last is not None else 0
    while start < len(lines) and lines[start].kind != "h0" and reader.is_frame(lines[start]):
        start += 1
    page = [ln for ln in lines[:start] if reader.is_page(ln)]
    for line in reversed(lines[start:]):  # a page's lines after the report: 【打印】【关闭】
        if not reader.is_page(line):
            break
        page.append(line)
    return Head(title, last, start, tuple(page))


def _title(lines: tuple[Line, ...], title_at: int | None, reader: _Reader) -> tuple[Title | None, int | None]:
    """The title and the index of its last line: the title line, joined with the line right above it
    or right below it when extraction broke it in two ("关于2024年度法治政府建设" / "情况的报告"), and
    with an issuer's name on the line right above it (GB/T 9704: a title names the issuing organ, the
    matter and the genre: "某某局" / "关于2024年……的报告"), and a note in brackets under it."""
    if title_at is None:
        return None, None
    line = lines[title_at]
    pieces = [line]
    above = lines[title_at - 1] if title_at else None
    below = lines[title_at + 1] if title_at + 1 < len(lines) else None
    if _continues_title(above, line, reader) and not reader.genre.search(collapsed(above.text)):
        pieces.insert(0, above)  # (not a whole title of its own: a web page repeats the title)
    elif (
        below is not None
        and below.kind == "title"
        and not reader.genre.search(collapsed(line.text))
        and _continues_title(line, below, reader)
    ):
        pieces.append(below)
        title_at += 1
    after = lines[title_at + 1] if title_at + 1 < len(lines) else None
    note = after is not None and after.number == pieces[-1].number + 1 and _BRACKET_LINE.fullmatch(after.text.strip())
    if note and after is not None and not is_title_trailer(after, reader.vocabulary):
        pieces.append(after)  # "平溪县法治政府建设情况报告" / "（2023年度）"
        title_at += 1
    first = lines.index(pieces[0])
    above = lines[first - 1] if first else None
    organ = above if above and above.number == pieces[0].number - 1 and is_organ(above, reader.vocabulary) else None
    text = "".join(reader.without_number(collapsed(p.text)) for p in pieces)  # a 文号 may open any of its lines
    return Title(tuple(pieces), text, issuer_line=organ), title_at


def _joined(lines: tuple[Line, ...], i: int) -> str:
    return collapsed(lines[i - 1].text) + collapsed(lines[i].text)


def _continues_title(above: Line | None, line: Line, reader: _Reader) -> TypeGuard[Line]:
    """Whether ``above`` is the first half of a title that extraction broke before ``line``."""
    return (
        above is not None
        and above.kind in ("text", "title")
        and above.number == line.number - 1
        and not is_organ(above, reader.vocabulary)
        and not reader.is_frame(above)
        and not _NOT_TITLE_ABOVE.search(above.text)
        and len(above.text.strip()) <= 40
    )


def is_title_trailer(line: Line, vocabulary: Vocabulary) -> bool:
    """An issuer or a date line under the title: "开封市司法局", "（2025年2月14日）"."""
    text = line.text.strip()
    if line.kind == "date" or is_organ(line, vocabulary):
        return True
    return len(text) <= 20 and text.startswith("(") and parse_date(text) is not None


def opening(lines: tuple[Line, ...], body_start: int) -> Line | None:
    """The opening paragraph's first line: the text line right after the head."""
    return lines[body_start] if body_start < len(lines) and lines[body_start].kind == "text" else None


def report_end(lines: tuple[Line, ...], head: Head) -> tuple[Line, ...]:
    """The report's lines without the web page's lines after it (share bars, 上一篇, 编辑)."""
    end = len(lines)
    while end and lines[end - 1] in head.page_lines:
        end -= 1
    return lines[:end]


def date_line(lines: tuple[Line, ...], head: Head, vocabulary: Vocabulary) -> Line | None:
    """The 成文日期: a date line among the last lines of the report, or a 落款 line that ends in one
    ("某某县司法局 2024年1月10日"); else a date under the title (not a web page's clock: "某某区人民政府
    2019年12月3日星期二"); else the date of the meeting a speaker line names ("——2022年2月24日在…上")."""
    for line in reversed(report_end(lines, head)[-4:]):
        if line.kind == "date" or (strip_trailing_date(line.text) != line.text and is_organ(line, vocabulary)):
            return line
    frame = lines[: head.body_start]
    under = next((ln for ln in frame if is_title_trailer(ln, vocabulary) and parse_date(ln.text)), None)
    speaker = vocabulary.pattern("speaker_line")
    return under or next((ln for ln in frame if speaker.search(ln.text.strip()) and parse_date(ln.text)), None)


def published(head: Head, lines: tuple[Line, ...], vocabulary: Vocabulary) -> datetime.date | None:
    """A publication date labelled in a page line or the title block ("发布时间：2024-03-28")."""
    label = vocabulary.pattern("published_label")
    candidates = [*head.page_lines, *lines[: head.body_start]]
    return next((d for ln in candidates if (d := parse_published(ln.text, label))), None)


def issuer(text: str, lines, head: Head, vocabulary: Vocabulary) -> str | None:
    """The issuing organ: a title-block line, else the 落款 near the end, else the title's prefix (an
    organ, or a region whose government reports: "静海区2023年度法治政府建设情况报告"), else the organ a
    speaker line names ("岚州市人民政府副市长 周立新")."""
    title = head.title
    title_lines = title.lines if title else ()
    before_title = [ln for ln in lines[: head.body_start] if ln not in title_lines]
    closing = list(reversed(report_end(lines, head)[-3:]))
    for line in before_title + closing:
        if is_organ(line, vocabulary):
            return strip_trailing_date(text[line.start : line.end].strip())
    if title:
        m = vocabulary.first_match("title_issuer_prefix", title.text)
        if m and vocabulary.pattern("title_issuer").search(m.group("issuer").strip()):
            return m.group("issuer").strip()
    for line in before_title:
        m = vocabulary.first_match("speaker_issuer", line.text.strip())
        if m and vocabulary.pattern("organ").search(m.group("issuer")):
            return text[line.start + line.indent + m.start("issuer") : line.start + line.indent + m.end("issuer")]
    return None
