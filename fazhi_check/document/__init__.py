"""The document model: title block, level-1 parts with their kinds and years, issuer, date, report year."""

from __future__ import annotations

import bisect
import datetime
import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import cached_property

from ..numerals import YearMention, chinese_number, parse_date, parse_published, strip_trailing_date, years
from ..outline import Line, parse_outline
from ..positions import LineIndex, normalize
from ..vocabulary import Vocabulary

_MARKER = {
    "h1": re.compile(r"[ \t]*(?:([一二三四五六七八九十]{1,3})[ \t]*[、.]|第([一二三四五六七八九十]{1,3})部分[ \t:]*)"),
    "h2": re.compile(r"[ \t]*(?:\([ \t]*([一二三四五六七八九十]{1,3})[ \t]*\)|([\u3220-\u3229]))"),
    "h3": re.compile(r"[ \t]*(\d{1,2})[ \t]*(?:、|\.)()"),
    "h4": re.compile(r"[ \t]*(?:\([ \t]*(\d{1,2})[ \t]*\)|([\u2460-\u2473]))"),
}
_LEVELS = ("h1", "h2", "h3", "h4")
_SENTENCE_END = re.compile(r"[。！？；!?;]")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_PAGE_NUMBER = re.compile(r"\s*(?:[-—–]\s*)?(?:第\s*)?\d{1,4}\s*(?:页\s*)?(?:[-—–]\s*)?$")
_CLAUSE_MARK = re.compile(r"[。！？；!?;，,：:]")
_SENTENCE_MARK = re.compile(r"[。！？；!?;：:]")
_PARAGRAPH_END = frozenset('。！？；!?;：:”"」』)')  # a line ending (whitespace aside) in one ends its paragraph
_RUN_IN_H1 = re.compile(r"[。！？!?；;：:][ \t]*([一二三四五六七八九十]{1,3})[ \t]*、")  # group 1 starts the heading
_ENUMERATION = re.compile(r"([一二三四五六七八九十]{1,3})是")
_ENUMERATION_AFTER = set("。；;:：!！?？ \t,，")
_RUN_IN_ITEM = re.compile(r"一是(?:(?<=[\u4e00-\u9fff]{4}一是)|(?<=[:：,，]一是))(?=[^\n]{10})")  # 一是 first: fast
_RUN_IN_TITLE = re.compile(r"[ \t]*[^。；;!！?？:：,，\n]{4,80}?报告(?:[ \t]*\([^()\n]{1,20}\))?(?=\S)")
_OPENING_WINDOW = 40  # a report or plan year must be named this early in the opening sentence
_HEADING_MAX = 40  # an unnumbered line longer than this is not read as a heading


@dataclass(frozen=True)
class Heading:
    """A numbered (or, for FZ303, unnumbered) heading: marker, numeral and the heading's own text."""

    line: Line
    numeral: str | None
    value: int | None
    marker_start: int
    marker_end: int
    end: int  # where the heading ends: its line's end, or the first 。 of a run-in body
    title: str  # normalised heading text after the marker, up to ``end``
    continuation: Line | None = None  # the next line, when the heading reads on into it (a PDF wrap)


@dataclass(frozen=True)
class Enumeration:
    """An inline 一是/二是 item inside a body line."""

    numeral: str
    value: int
    line: int
    start: int
    end: int


@dataclass(frozen=True)
class Part:
    """A level-1 part of the report and what it was recognised as."""

    heading: Heading
    kind: str | None
    also: tuple[str, ...]
    kind_source: str | None  # heading / body / position
    year: YearMention | None
    subheadings: tuple[Heading, ...]
    body: tuple[Line, ...]
    enumerations: tuple[Enumeration, ...]

    def covers(self, kind: str) -> bool:
        return self.kind == kind or kind in self.also

    def body_size(self) -> int:
        """Characters of body, whitespace and page numbers aside."""
        return sum(_visible(line.text) for line in self.body if not _PAGE_NUMBER.match(line.text))

    @property
    def body_text(self) -> str:
        """The body, lines broken off a paragraph by extraction joined back, paragraphs on lines."""
        return "\n".join(text for text, _ in _paragraphs(self.body))


@dataclass(frozen=True)
class Fold:
    """A required kind with no part of its own, found inside another part (FZ106)."""

    kind: str
    via: str  # subheading / sentence
    line: int
    start: int
    end: int


@dataclass(frozen=True)
class Title:
    """The title: one line, or two when extraction broke it ("关于2024年度法治政府建设" / "情况的报告")."""

    lines: tuple[Line, ...]
    text: str  # normalised, the lines joined

    @property
    def start(self) -> int:
        return self.lines[0].start + self.lines[0].indent

    @property
    def end(self) -> int:
        return self.lines[-1].end


@dataclass(frozen=True)
class Document:
    """What a report says about itself. Offsets index ``text``, the original text."""

    text: str
    normalized: str  # ``text`` through text.normalize: same length, full-width ASCII folded
    index: LineIndex
    lines: tuple[Line, ...]
    body_start: int  # index in ``lines`` of the first line after the title block
    title: Title | None
    title_year: YearMention | None
    opening: Line | None
    opening_year: YearMention | None
    issuer: str | None
    date: datetime.date | None
    date_line: Line | None
    parts: tuple[Part, ...]
    folds: tuple[Fold, ...]
    plan_year: YearMention | None
    report_year: int | None
    report_year_source: str | None
    published: datetime.date | None  # the publication date, when the caller knows it
    vocabulary: Vocabulary

    def part_of(self, kind: str) -> Part | None:
        return next((p for p in self.parts if p.covers(kind)), None)

    @cached_property
    def is_annual_report(self) -> bool:
        """Whether the text reads as a 法治政府建设 annual report: its title (or, with no title, its
        opening) names the subject, headings name two of the required parts, or the text names the
        subject matter often (a 政府工作报告 does none of these)."""
        named_by = self.title.text if self.title else (self.opening.text if self.opening else "")
        if self.vocabulary.title.search(named_by):
            return True
        named = {k for p in self.parts if p.kind_source != "position" for k in (p.kind, *p.also)}
        if len(named.intersection(self.vocabulary.required)) >= 2:
            return True
        mentions = sum(1 for _ in self.vocabulary.subject.finditer(self.normalized))
        return mentions * 1000 >= self.vocabulary.subject_per_mille * len(self.normalized)

    def paragraphs(self):
        """The body's paragraphs, lines broken off one by extraction joined: (text, pieces), see ``locate``."""
        return _paragraphs(self.lines[self.body_start :])

    @staticmethod
    def locate(pieces, offset: int) -> int:
        """The offset in ``text`` of ``offset`` in a paragraph from ``paragraphs``."""
        return _locate(pieces, offset)[1]

    def heading_text(self, heading: Heading) -> str:
        """A heading as the file writes it, marker included, up to a run-in body."""
        return self.text[heading.marker_start : heading.end].strip()

    def part_at(self, offset: int) -> Part | None:
        """The level-1 part that holds ``offset`` (None before the first part)."""
        at = bisect.bisect_right(self._part_starts, offset)
        return self.parts[at - 1] if at else None

    @cached_property
    def _part_starts(self) -> list[int]:
        return [p.heading.marker_start for p in self.parts]

    def body_lines(self) -> list[Line]:
        """The lines after the title block, page numbers ("- 2 -") left out."""
        return [ln for ln in self.lines[self.body_start :] if not _PAGE_NUMBER.match(ln.text)]

    def broken_lines(self) -> tuple[tuple[Line, Line], ...]:
        """Pairs of body lines where extraction broke a sentence ("…不断深" / "化。落实…"): the first is
        prose (it has a clause mark) that stops without ending its sentence, the second is plain text
        that is not the 落款, the date or a heading (also one the model found without a numeral)."""
        body = self.body_lines()
        all_headings = [h for p in self.parts for h in (p.heading, *p.subheadings)]
        heading_starts = {h.line.start for h in all_headings}
        headings = sorted(heading_starts)
        # lines that joining would unmake: an unnumbered heading, or a heading's wrapped tail
        keep = {h.line.start for h in all_headings if h.numeral is None}
        keep |= {h.continuation.start for h in all_headings if h.continuation}
        pairs = []
        for a, b in zip(body, body[1:]):
            later = bisect.bisect_right(headings, a.start)
            if b.start in heading_starts or a.start in keep or (later < len(headings) and headings[later] < a.end):
                continue  # b is a heading, a is unnumbered one or a wrapped tail, or holds a run-in one
            prose = a.kind == "text" or _SENTENCE_END.search(a.text.rstrip()[:-1])
            if (
                prose
                and _CLAUSE_MARK.search(a.text)
                and not _ends_paragraph(a.text)
                and b.kind == "text"
                and b is not self.date_line
                and not _is_organ(b, self.vocabulary)
            ):
                pairs.append((a, b))
        return tuple(pairs)


def build_document(
    text: str,
    vocabulary: Vocabulary,
    year: int | None = None,
    published: datetime.date | None = None,
    index: LineIndex | None = None,
) -> Document:
    """Read ``text`` (original, any line breaks) into a Document; ``index`` maps its offsets to
    positions when they are not its own (a Markdown file's text without its markup)."""
    normalized = normalize(text)
    lines = _split_run_in_title(parse_outline(normalized), vocabulary)
    block_end, title_at = _title_block_end(lines, vocabulary)
    title = _title(lines, title_at, vocabulary)
    opening = lines[block_end] if block_end < len(lines) and lines[block_end].kind == "text" else None
    date_line = _date_line(lines, vocabulary) or next(
        (ln for ln in lines[:block_end] if _is_title_trailer(ln, vocabulary) and parse_date(ln.text)), None
    )  # not a web page's clock ("某某区人民政府 2019年12月3日星期二")
    published = published or next((d for ln in lines[:block_end] if (d := parse_published(ln.text))), None)
    parts = _classify(_parts(lines[block_end:], vocabulary, date_line), vocabulary)
    parts = tuple(_with_plan_year(p, vocabulary) for p in parts)
    title_year = next((y for ln in title.lines if (y := _first_year(ln.text, ln.start))), None) if title else None
    opening_year = _sentence_year(opening)
    plan_year = next((p.year for p in parts if p.covers("plan")), None)
    date = parse_date(date_line.text) if date_line else None
    report_year, source = _report_year(year, title_year, opening_year, parts, plan_year, date)
    return Document(
        text=text,
        normalized=normalized,
        index=index or LineIndex(text),
        lines=lines,
        body_start=block_end,
        title=title,
        title_year=title_year,
        opening=opening,
        opening_year=opening_year,
        issuer=_issuer(text, lines, block_end, title, date_line, vocabulary),
        date=date,
        date_line=date_line,
        parts=parts,
        folds=_folds(parts, vocabulary),
        plan_year=plan_year,
        report_year=report_year,
        report_year_source=source,
        published=published,
        vocabulary=vocabulary,
    )


# -- title block -------------------------------------------------------------------------------


def _split_run_in_title(lines: tuple[Line, ...], vocabulary: Vocabulary) -> tuple[Line, ...]:
    """A web copy that lost its line breaks runs the title into the opening ("某县2025年度法治政府建设
    情况报告2025年，全县…"): where the first line starts with a title naming the subject, the title
    becomes a line of its own (same line number, its own offset)."""
    if not lines or lines[0].kind != "text":
        return lines
    first = lines[0]
    m = _RUN_IN_TITLE.match(first.text)
    if not m or not vocabulary.title.search(m.group()):
        return lines
    title = Line("title", first.number, first.start, first.text[: m.end()])
    return (title, Line("text", first.number, first.start + m.end(), first.text[m.end() :]), *lines[1:])


def _is_sentence(line: Line) -> bool:
    return bool(_SENTENCE_END.search(line.text)) or len(line.text.strip()) > 60


def _is_organ(line: Line, vocabulary: Vocabulary) -> bool:
    """A line that is nothing but an organ's name (and maybe its date): "开封市司法局",
    "中共某某工委 某某管委会", "某某县司法局 2024年1月10日"."""
    text = strip_trailing_date(line.text.strip())
    return 2 <= len(text) <= 40 and not re.search(r"[:：。，,；;！？!?]", text) and bool(vocabulary.organ.search(text))


def _title_block_end(lines: tuple[Line, ...], vocabulary: Vocabulary) -> tuple[int, int | None]:
    """(end of the title block, index of the title line). The block runs to the first heading or
    sentence; the title is its last line that ends in 报告 and names the subject (a web page repeats
    the title under its header), else its first line ending in 报告. Lines after the title, but for
    an issuer or date under it, start the body."""
    limit = next(
        (i for i, ln in enumerate(lines) if ln.kind in _LEVELS or (ln.kind == "text" and _is_sentence(ln))),
        len(lines),
    )
    candidates = [i for i in range(limit) if lines[i].kind == "title"]
    if not candidates:  # no title: only issuer and date lines form the block
        end = next((i for i in range(limit) if not _is_title_trailer(lines[i], vocabulary)), limit)
        return end, None
    named = [i for i in candidates if vocabulary.title.search(lines[i].text)]
    title_at = named[-1] if named else candidates[0]
    end = title_at + 1
    while end < limit and _is_title_trailer(lines[end], vocabulary):
        end += 1
    return end, title_at


def _is_title_trailer(line: Line, vocabulary: Vocabulary) -> bool:
    """An issuer or a date line under the title: "开封市司法局", "（2025年2月14日）"."""
    text = line.text.strip()
    if line.kind == "date" or _is_organ(line, vocabulary):
        return True
    return len(text) <= 20 and text.startswith("(") and parse_date(text) is not None


def _title(lines: tuple[Line, ...], title_at: int | None, vocabulary: Vocabulary) -> Title | None:
    """The title line, joined with the line right above it when extraction broke it in two."""
    if title_at is None:
        return None
    line = lines[title_at]
    above = lines[title_at - 1] if title_at else None
    if (
        above is not None
        and above.kind == "text"
        and above.number == line.number - 1
        and not _is_organ(above, vocabulary)
        and not re.search(r"[:：。；;]", above.text)
        and len(above.text.strip()) <= 40
    ):
        return Title((above, line), above.text.strip() + line.text.strip())
    return Title((line,), line.text.strip())


def _date_line(lines: tuple[Line, ...], vocabulary: Vocabulary) -> Line | None:
    """The 成文日期: a date line among the last lines of the report, or a 落款 line that ends in one
    ("某某县司法局 2024年1月10日")."""
    for line in reversed(lines[-4:]):
        if line.kind == "date" or (strip_trailing_date(line.text) != line.text and _is_organ(line, vocabulary)):
            return line
    return None


def _issuer(text, lines, block_end, title, date_line, vocabulary) -> str | None:
    """The issuing organ: a title-block line, else the 落款 near the end, else the title's prefix (an
    organ, or a region whose government reports: "静海区2023年度法治政府建设情况报告")."""
    title_lines = title.lines if title else ()
    before_title = [ln for ln in lines[:block_end] if ln not in title_lines]
    closing = list(reversed(lines[-3:]))
    for line in before_title + closing:
        if _is_organ(line, vocabulary):
            return strip_trailing_date(text[line.start : line.end].strip())
    if title:
        m = re.match(
            r"(?:关于)?(?:(?:\d{4}|[〇○零一二三四五六七八九]{4})\s*年度?)?(.{2,30}?)(?:关于|\d{4}|[〇○零一二三四五六七八九]{4}|法治)",
            title.text,
        )
        if m and vocabulary.title_issuer.search(m.group(1).strip()):
            return m.group(1).strip()
    return None


# -- parts -------------------------------------------------------------------------------------


def _heading(line: Line, level: str) -> Heading:
    m = _MARKER[level].match(line.text)
    if m:
        numeral = m.group(1) or m.group(2)
        body_start = m.end()
    else:
        numeral, body_start = None, line.indent
    rest = line.text[body_start:]
    stop = _SENTENCE_END.search(rest)
    cut = stop.end() if stop and stop.end() < len(rest.rstrip()) else len(rest.rstrip())
    # "三、存在的不足一是…": a web copy ran the body's first item into the heading
    first_item = _RUN_IN_ITEM.search(rest)
    if first_item and first_item.start() < cut:
        cut = first_item.start()
    start = line.start + line.indent
    return Heading(
        line=line,
        numeral=numeral,
        value=_numeral_value(numeral) if numeral else None,
        marker_start=start if numeral else line.start + body_start,
        marker_end=line.start + body_start,
        end=line.start + body_start + cut,
        title=rest[:cut].rstrip("。；;!！?？ \t").strip(),
    )


def _indent_after_marker(heading: Heading) -> int:
    """The spaces (or tab) between a heading's marker and its text, which its title leaves out."""
    rest = heading.line.text[heading.marker_end - heading.line.start :]
    return len(rest) - len(rest.lstrip())


def _ends_paragraph(text: str) -> bool:
    return text.rstrip()[-1:] in _PARAGRAPH_END


def _visible(text: str) -> int:
    """Length without whitespace: "2024 年" from a PDF is as long as "2024年"."""
    return sum(map(len, text.split()))


def _marker_value(line: Line, level: str) -> int | None:
    """The number a heading line's marker gives ("三、" -> 3, "（二）" -> 2); None without one."""
    m = _MARKER[level].match(line.text)
    return _numeral_value(m.group(1) or m.group(2)) if m else None


def _numeral_value(numeral: str) -> int | None:
    if "\u3220" <= numeral <= "\u3229":  # ㈠
        return ord(numeral) - 0x321F
    if "\u2460" <= numeral <= "\u2473":  # ①
        return ord(numeral) - 0x245F
    return chinese_number(numeral)


def _part_level(lines: tuple[Line, ...]) -> str:
    """The highest heading level the body uses marks its parts: 一、 usually, （一） in short reports."""
    used = {line.kind for line in lines}
    return next((level for level in _LEVELS[:2] if level in used), "h1")


def _wrap_width(lines: tuple[Line, ...]) -> int | None:
    """The width PDF extraction cut paragraphs at, when most long lines share one length."""
    lengths = Counter(n for ln in lines if ln.kind == "text" and (n := _visible(ln.text)) >= 16)
    if lengths:
        width, count = lengths.most_common(1)[0]
        if count >= 5 and count * 3 >= sum(lengths.values()):
            return width
    return None


def _continues(previous: Line | None, width: int | None) -> bool:
    """Whether the line after ``previous`` continues it: in a PDF's text (``width`` known),
    ``previous`` was cut at the wrap width without ending a sentence."""
    return (
        width is not None
        and previous is not None
        and _visible(previous.text) >= width - 3  # a paragraph's first line is indented
        and not _ends_paragraph(previous.text)
    )


def _bare_heading(line: Line, previous: Line | None, vocabulary: Vocabulary, width: int | None, marks=None) -> bool:
    """A short unnumbered line without punctuation (``marks``: clause marks too) that starts a
    paragraph: it may be a heading. A line broken off a sentence by extraction follows a line (a
    heading's too) that ends no sentence; in a PDF's text, a line as long as the wrap width starts a
    paragraph."""
    text = line.text.strip()
    if line.kind not in ("text", "title") or _visible(text) > _HEADING_MAX or (width and _visible(text) >= width - 1):
        return False
    if (marks or _CLAUSE_MARK).search(text) or _ENUMERATION.match(text):
        return False
    if previous is not None and not _ends_paragraph(previous.text):
        return False
    if len(_CJK.findall(text)) < 4 or vocabulary.closing.search(text):
        return False
    return not _is_organ(line, vocabulary)


def _parts(lines: tuple[Line, ...], vocabulary: Vocabulary, date_line: Line | None) -> list[Part]:
    """Split the body into parts at part-level headings, and at unnumbered headings: lines that fill
    a gap in the numbering (一、… [line] … 三、), lines that name a kind no earlier part has named
    (湖滨区 line 11), and, in a report that numbers no heading at all, every short paragraph-starting
    line. Kinds are assigned later."""
    level = _part_level(lines)
    sub_level = _LEVELS[_LEVELS.index(level) + 1]
    if level == "h1":
        lines = _split_run_in_headings(lines)  # the date line stays in the last part's body here
    else:
        lines = [ln for ln in lines if ln is not date_line]
    width = _wrap_width(lines)
    previous = _previous_lines(lines)
    lines = _unwrap_false_headings(lines, previous, level, sub_level, width)
    numbered = any(line.kind == level for line in lines)
    gap_fillers = _gap_fillers(lines, previous, level, vocabulary, width)
    parts: list[tuple[Heading, list[Heading], list[Line]]] = []
    named: set[str] = set()
    for i, line in enumerate(lines):
        bare = _bare_heading(line, previous[i], vocabulary, width)
        kinds = vocabulary.heading_kinds(line.text) if bare else ()
        if (
            line.kind == level
            or i in gap_fillers
            or (bare and (not numbered or (kinds and not named.intersection(kinds))))
        ):
            heading = _heading(line, level)
            named.update(vocabulary.heading_kinds(heading.title))
            run_in = line.text[heading.end - line.start :]
            parts.append((heading, [], [Line("text", line.number, heading.end, run_in)] if run_in.strip() else []))
        elif parts:
            if line.kind == sub_level:
                parts[-1][1].append(_heading(line, sub_level))
            parts[-1][2].append(line)
    return [
        Part(
            heading=_with_continuation(h, body),
            kind=None,
            also=(),
            kind_source=None,
            year=_first_year(h.title, h.marker_end + _indent_after_marker(h)),
            subheadings=tuple(subs),
            body=tuple(body),
            enumerations=_enumerations(h.line, body),
        )
        for h, subs, body in parts
    ]


def _previous_lines(lines: list[Line]) -> list[Line | None]:
    """For each line, the line before it, page numbers ("- 2 -") passed over."""
    out, previous = [], None
    for line in lines:
        out.append(previous)
        if not _PAGE_NUMBER.match(line.text):
            previous = line
    return out


def _unwrap_false_headings(lines, previous, level, sub_level, width) -> list[Line]:
    """In a PDF's text, a line that continues a wrapped line ("…权责统" / "一、运行高效…") is no
    heading unless it carries the numeral that comes next at its level."""
    out, count, sub_count = [], 0, 0
    for line, before in zip(lines, previous):
        if line.kind in (level, sub_level):
            expected = count + 1 if line.kind == level else sub_count + 1
            if _continues(before, width) and _marker_value(line, line.kind) != expected:
                line = replace(line, kind="text")
            elif line.kind == level:
                count, sub_count = count + 1, 0
            else:
                sub_count += 1
        out.append(line)
    return out


def _gap_fillers(lines, previous, level, vocabulary, width) -> set[int]:
    """Indices of unnumbered lines that stand where the numbering skips (一、… [line] … 三、): when a
    gap of k numerals holds exactly k short paragraph-starting lines, they are the lost headings."""
    fillers: set[int] = set()
    candidates: list[int] = []
    last = 0
    for i, line in enumerate(lines):
        if line.kind == level:
            value = _marker_value(line, level) or last + 1
            if value - last - 1 == len(candidates) > 0:
                fillers.update(candidates)
            last, candidates = value, []
        elif _bare_heading(line, previous[i], vocabulary, width, marks=_SENTENCE_MARK):
            candidates.append(i)
    return fillers


def _with_continuation(heading: Heading, body: list[Line]) -> Heading:
    """A heading that PDF extraction wrapped ("一、…切实履行推进" / "法治政府建设工作职责") reads on
    into its short, unpunctuated next line; the title (used to name the kind) gets the rest."""
    if _SENTENCE_END.search(heading.line.text) or len(body) < 2:
        return heading
    rest = body[0].text.strip()
    if body[0].kind != "text" or _visible(rest) > 20 or _SENTENCE_END.search(rest):
        return heading
    return replace(heading, title=heading.title + rest, continuation=body[0])


def _split_run_in_headings(lines: tuple[Line, ...]) -> list[Line]:
    """Web copies lose line breaks: "…取得新成效。二、存在的不足和原因 一是…". Where the next level-1
    numeral follows a sentence end inside a line, the heading starts a line of its own (same line
    number, its own offset)."""
    out, expected = [], 1
    for line in lines:
        if line.kind == "h1":
            expected = (_marker_value(line, "h1") or expected) + 1
        start = 0
        for m in _RUN_IN_H1.finditer(line.text):
            if chinese_number(m.group(1)) == expected:
                kind = line.kind if not start else "h1"
                out.append(Line(kind, line.number, line.start + start, line.text[start : m.start(1)]))
                start, expected = m.start(1), expected + 1
        out.append(Line("h1", line.number, line.start + start, line.text[start:]) if start else line)
    return out


def _enumerations(heading: Line, lines: list[Line]) -> tuple[Enumeration, ...]:
    """一是/二是… after a sentence or clause mark, read in paragraphs so that a PDF wrap before "是"
    ("…统" / "一是…") makes none; or at the start of a line that follows a heading, a heading's
    wrapped tail ("…切实履行推进法治" / "政府建设工作职责" / "一是…") or a line without clause marks."""
    found = []
    for n, (text, pieces) in enumerate(_paragraphs(tuple(lines))):
        matches = list(_ENUMERATION.finditer(text))
        if not matches:
            continue
        before = [heading] if n == 0 else []  # the first paragraph follows the heading
        starts = set()
        for at, line in pieces:
            if not before or _heading_like(before):
                starts.add(at)
            before.append(line)
        for m in matches:
            value = chinese_number(m.group(1))
            if value and (m.start() in starts or text[m.start() - 1] in _ENUMERATION_AFTER):
                line, start = _locate(pieces, m.start())
                found.append(Enumeration(m.group(1), value, line.number, start, start + m.end() - m.start()))
    return tuple(found)


def _heading_like(before: list[Line]) -> bool:
    """Whether the last of ``before`` is a heading, a heading's wrapped tail (after a heading line,
    no sentence end) or a line with no clause mark at all."""
    last = before[-1]
    if last.kind != "text" or not _CLAUSE_MARK.search(last.text):
        return True
    return len(before) > 1 and before[-2].kind != "text" and not _SENTENCE_END.search(last.text)


def _classify(parts: list[Part], vocabulary: Vocabulary) -> tuple[Part, ...]:
    """Kinds from headings, then weak headings confirmed by the body, then position: unnamed parts
    before the shortcomings (or the plan) are measures; without a named plan, the part right after
    the shortcomings is the plan when unnamed or named like measures; unnamed parts after the plan
    are other."""
    out = []
    for part in parts:
        kinds = vocabulary.heading_kinds(part.heading.title)
        if kinds:
            out.append(replace(part, kind=kinds[0], also=tuple(kinds[1:2]), kind_source="heading"))
            continue
        weak = vocabulary.weak_kind(part.heading.title, part.body_text)
        out.append(replace(part, kind=weak, kind_source="body") if weak else part)
    later = [i for i, p in enumerate(out) if p.covers("shortcomings") or p.covers("plan")]
    boundary = later[0] if later else len(out)
    plan_at = next((i for i, p in enumerate(out) if p.covers("plan")), None)
    after = later[-1] + 1 if later else len(out)
    if (
        plan_at is None
        and after < len(out)
        and (out[after].kind is None or (out[after].kind == "measures" and out[after].year))
    ):
        plan_at = after  # the part right after the shortcomings, unnamed or "2025年主要工作", is the plan
        out[plan_at] = replace(out[plan_at], kind="plan", kind_source="position")
    plan_at = len(out) if plan_at is None else plan_at
    for i, part in enumerate(out):
        if part.kind is None and i < boundary:
            out[i] = replace(part, kind="measures", kind_source="position")
        elif part.kind is None and i > plan_at:
            out[i] = replace(part, kind="other", kind_source="position")
    return tuple(out)


def _folds(parts: tuple[Part, ...], vocabulary: Vocabulary) -> tuple[Fold, ...]:
    """Required kinds without a part: a sub-heading that names them, else a sentence (FZ106)."""
    folds = []
    for kind in vocabulary.required:
        if not any(p.covers(kind) for p in parts):
            fold = _folded_subheading(kind, parts, vocabulary) or _folded_sentence(kind, parts, vocabulary)
            if fold:
                folds.append(fold)
    return tuple(folds)


def _folded_subheading(kind, parts, vocabulary) -> Fold | None:
    for part in parts:
        for sub in part.subheadings:
            if kind in vocabulary.heading_kinds(sub.title):
                return Fold(kind, "subheading", sub.line.number, sub.marker_start, sub.end)
    return None


def _folded_sentence(kind, parts, vocabulary) -> Fold | None:
    """The first sentence naming the kind, also where extraction broke it across lines."""
    for part in parts:
        for text, pieces in _paragraphs(part.body):
            m = vocabulary.fold_match(kind, text)
            if m:
                line, start = _locate(pieces, m.start())
                return Fold(kind, "sentence", line.number, start, _locate(pieces, m.end() - 1)[1] + 1)
    return None


def _paragraphs(lines: tuple[Line, ...]):
    """Join lines that continue a paragraph (the line before ends without sentence punctuation);
    yields (text, pieces), pieces being (offset in text, line) for locating matches."""
    text, pieces = "", []
    for line in lines:
        if _PAGE_NUMBER.match(line.text):
            continue
        if pieces and _ends_paragraph(pieces[-1][1].text):
            yield text, pieces
            text, pieces = "", []
        pieces.append((len(text), line))
        text += line.text
    if pieces:
        yield text, pieces


def _locate(pieces, offset: int) -> tuple[Line, int]:
    """The line holding ``offset`` of a joined paragraph, and the offset in the original text."""
    at, line = next((p for p in reversed(pieces) if p[0] <= offset), pieces[0])
    return line, line.start + offset - at


# -- years -------------------------------------------------------------------------------------


def _first_year(text: str, base: int) -> YearMention | None:
    """The first year ``text`` names, its offsets shifted by ``base``."""
    found = years(text, base)
    return found[0] if found else None


def _first_sentence(line: Line) -> str:
    stop = _SENTENCE_END.search(line.text)
    return line.text[: stop.start() if stop else len(line.text)]


def _sentence_year(line: Line | None) -> YearMention | None:
    """A year named early in the first sentence of ``line`` ("2024年以来，…", "2025年，市司法局将…")."""
    if line is None:
        return None
    found = years(_first_sentence(line)[:_OPENING_WINDOW], line.start)
    return found[0] if found else None


def _with_plan_year(part: Part, vocabulary: Vocabulary) -> Part:
    """A plan without a year in its heading takes the year its first sentence names, when that
    sentence looks ahead ("2025年，市司法局将…"; not "2024年，我局虽然取得…")."""
    if part.year or not part.covers("plan") or not part.body:
        return part
    if not vocabulary.plan_sentence.search(_first_sentence(part.body[0])):
        return part
    year = _sentence_year(part.body[0])
    return replace(part, year=year) if year else part


def _report_year(year, title_year, opening_year, parts, plan_year, date):
    if year is not None:
        return year, "option"
    if title_year:
        return title_year.value, "title"
    if opening_year:
        return opening_year.value, "opening"
    for part in parts:
        if part.year and part.kind in ("measures", "shortcomings"):
            return part.year.value, "heading"
    if plan_year:
        return plan_year.value - 1, "plan"
    if date:
        return date.year - 1, "date"
    return None, None
