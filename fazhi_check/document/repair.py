"""Extraction damage, repaired before the outline is read: a title or a level-1 heading run into the
line before it (a web copy that lost its line breaks), a PDF's wrapped line that the grammar took for a
heading, and a heading that a PDF wrapped onto the next line."""

from __future__ import annotations

from dataclasses import replace

from .. import markers
from ..outline import Line, Marker
from ..vocabulary import Vocabulary
from .lines import SENTENCE_END, ends_paragraph, visible
from .model import Heading


def split_run_in_title(lines: tuple[Line, ...], vocabulary: Vocabulary) -> tuple[Line, ...]:
    """A web copy that lost its line breaks runs the title into the opening ("某县2025年度法治政府建设
    情况报告2025年，全县…"): where the first line starts with a title naming the subject, the title
    becomes a line of its own (same line number, its own offset)."""
    if not lines or lines[0].kind != "text":
        return lines
    first = lines[0]
    m = next((m for p in [vocabulary.pattern("run_in_title")] if (m := p.match(first.text))), None)
    if not m or not vocabulary.pattern("title").search(m.group()):
        return lines
    title = Line("title", first.number, first.start, first.text[: m.end()])
    return (title, Line("text", first.number, first.start + m.end(), first.text[m.end() :]), *lines[1:])


def split_run_in_headings(lines: tuple[Line, ...]) -> list[Line]:
    """Web copies lose line breaks: "…取得新成效。二、存在的不足和原因 一是…". Where the next level-1
    numeral follows a sentence end inside a line, the heading starts a line of its own (same line
    number, its own offset)."""
    out, expected = [], 1
    run_in = markers.run_in_h1()
    for line in lines:
        if line.kind == "h1":
            assert line.marker is not None  # a heading line has its marker
            expected = (line.marker.value or expected) + 1
        cuts = []
        for m in run_in.finditer(line.text):
            mark = m.group("marker")
            if markers.value(markers.numeral(mark)) == expected:
                cuts.append(m.start("marker") + len(mark) - len(mark.lstrip()))  # the numeral, not spaces
                expected += 1
        if not cuts:
            out.append(line)
            continue
        out.append(Line(line.kind, line.number, line.start, line.text[: cuts[0]], line.marker))
        for start, end in zip(cuts, [*cuts[1:], len(line.text)]):
            out.append(_run_in_heading(line, start, end))
    return out


def _run_in_heading(line: Line, start: int, end: int) -> Line:
    """The piece of ``line`` from ``start`` to ``end``, where a run-in level-1 heading stands."""
    mark = markers.pattern("H1_MARK").match(line.text, start)
    assert mark is not None  # run_in_h1 found this marker here
    numeral = markers.numeral(mark.group())
    marker = Marker("h1", numeral, markers.value(numeral), line.start + mark.end())
    return Line("h1", line.number, line.start + start, line.text[start:end], marker)


def wrap_width(lines: list[Line]) -> int | None:
    """The width PDF extraction cut paragraphs at, when most long lines share one length."""
    lengths: dict[int, int] = {}  # visible length -> lines of it, in order (a Counter costs more to make)
    for ln in lines:
        if ln.kind == "text" and (n := visible(ln.text)) >= 16:
            lengths[n] = lengths.get(n, 0) + 1
    if lengths:
        width, count = max(lengths.items(), key=lambda item: item[1])  # most_common(1), without heapq
        if count >= 5 and count * 3 >= sum(lengths.values()):
            return width
    return None


def continues(previous: Line | None, width: int | None) -> bool:
    """Whether the line after ``previous`` continues it: in a PDF's text (``width`` known),
    ``previous`` was cut at the wrap width without ending a sentence."""
    return (
        width is not None
        and previous is not None
        and visible(previous.text) >= width - 3  # a paragraph's first line is indented
        and not ends_paragraph(previous.text)
    )


def unwrap_false_headings(lines, previous, level: str, sub_level: str, width: int | None) -> list[Line]:
    """In a PDF's text, a line that continues a wrapped line ("…权责统" / "一、运行高效…") is no
    heading unless it carries the numeral that comes next at its level: it becomes the text it is."""
    out, count, sub_count = [], 0, 0
    for line, before in zip(lines, previous):
        if line.kind in (level, sub_level):
            expected = count + 1 if line.kind == level else sub_count + 1
            if continues(before, width) and line.marker.value != expected:
                line = line.as_kind("text")
            elif line.kind == level:
                count, sub_count = count + 1, 0
            else:
                sub_count += 1
        out.append(line)
    return out


def with_continuation(heading: Heading, body: list[Line]) -> Heading:
    """A heading that PDF extraction wrapped ("一、…切实履行推进" / "法治政府建设工作职责") reads on
    into its short, unpunctuated next line; the title (used to name the kind) gets the rest."""
    if SENTENCE_END.search(heading.line.text) or len(body) < 2:
        return heading
    rest = body[0].text.strip()
    if body[0].kind != "text" or visible(rest) > 20 or SENTENCE_END.search(rest):
        return heading
    return replace(heading, title=heading.title + rest, continuation=body[0])
