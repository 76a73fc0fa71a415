"""The body split into level-1 parts: at part-level headings, and at unnumbered lines that read as
headings; each part's heading, sub-headings, body and inline 一是/二是 items. Kinds come later (kinds.py)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from .. import markers
from ..numerals import chinese_number
from ..outline import Line
from ..vocabulary import Vocabulary
from .lines import (
    CJK,
    CLAUSE_MARK,
    SENTENCE_END,
    SENTENCE_MARK,
    ends_paragraph,
    is_organ,
    is_page_number,
    locate,
    paragraphs,
    visible,
)
from .model import Enumeration, Heading, Part
from .repair import split_run_in_headings, unwrap_false_headings, with_continuation, wrap_width
from .years import first_year

LEVELS = ("h0", "h1", "h2", "h3", "h4")
HEADING_MAX = 40  # an unnumbered line longer than this is not read as a heading
_HEADING_TRIM = "。；;!！?？ \t*】"
_DECORATION = ("**", "【")  # around an unnumbered heading, not part of it
_ENUMERATION_AFTER = set("。；;:：!！?？ \t,，")


def split_parts(lines: tuple[Line, ...], vocabulary: Vocabulary, date_line: Line | None) -> list[Part]:
    """Split the body into parts at part-level headings, and at unnumbered headings: lines that fill
    a gap in the numbering (一、… [line] … 三、), lines that name a kind no earlier part has named
    (湖滨区 line 11), and, in a report that numbers no heading at all, every short paragraph-starting
    line."""
    level, sub_level = part_levels(lines, vocabulary)
    if level == "h1":
        # the date line stays in the last part's body here: FZ104 then counts a 落款 and date as body
        body = split_run_in_headings(lines)
    else:
        body = [ln for ln in lines if ln is not date_line]
    width = wrap_width(body)
    previous = previous_lines(body)
    if width is not None:  # (without a wrap width no line continues another: none is unwrapped)
        body = unwrap_false_headings(body, previous, level, sub_level, width)
    numbered = any(line.kind == level for line in body)
    # numerals lost: only the unnumbered lines that start a new （一） numbering (or name a kind) are parts
    lost = not numbered and any(line.kind == sub_level for line in body)
    shaped = [_heading_shaped(line, before, vocabulary, width) for line, before in zip(body, previous)]
    fillers = gap_fillers(body, level, shaped)
    found: list[tuple[Heading, list[Heading], list[Line]]] = []
    named: set[str] = set()
    # where numerals were lost, a heading may hold a comma ("深入学习…，切实履行…职责")
    marks = SENTENCE_MARK if lost else CLAUSE_MARK
    for i, line in enumerate(body):
        shape = shaped[i]
        opens = False  # an unnumbered line that starts a part
        if shape is not None and not marks.search(shape):
            kinds = vocabulary.heading_kinds(line.text) or (lost and vocabulary.weak_kinds(line.text))
            free = not numbered and (not lost or _starts_numbering(body, i, sub_level))
            opens = bool(free or (kinds and not named.intersection(kinds)))
        if line.kind == level or i in fillers or opens:
            heading = make_heading(line, level)
            named.update(vocabulary.heading_kinds(heading.title))
            run_in = line.text[heading.end - line.start :]
            found.append((heading, [], [Line("text", line.number, heading.end, run_in)] if run_in.strip() else []))
        elif found:
            if line.kind == sub_level:
                found[-1][1].append(make_heading(line, sub_level))
            found[-1][2].append(line)
    parts = []
    for h, subs, part_body in found:
        kept = tuple(part_body)
        read = tuple(paragraphs(kept))
        parts.append(
            Part(
                heading=with_continuation(h, part_body),
                kind=None,
                also=(),
                kind_source=None,
                year=first_year(h.title, h.marker_end + _space_after_marker(h)),
                subheadings=tuple(subs),
                body=kept,
                enumerations=enumerations(h.line, read),
                paragraphs=read,
            )
        )
    return parts


def _starts_numbering(lines, i: int, level: str) -> bool:
    """Whether the line after ``lines[i]`` is a heading of ``level`` numbered 1 (page numbers aside)."""
    after = next((ln for ln in lines[i + 1 :] if not is_page_number(ln.text)), None)
    return after is not None and after.kind == level and after.marker.value == 1


def part_levels(lines, vocabulary: Vocabulary) -> tuple[str, str]:
    """The levels of the parts and of their sub-parts, from the document's own structure. By default
    GB/T 9704's order: the highest level the body uses marks its parts (第一部分 above 一、; 一、
    usually; （一） in short reports). Where there is no 一、, "1." parts enclose "（一）" sub-parts
    when the （一） numbering starts again after at least two of them (a short 1./2. list in the
    opening does not); and where （一） starts again more than once with no 一、 at all, or
    unnumbered lines name the parts above thematic （一） headings, the level-1 numerals were lost
    (Word's numbering dropped on copy): the parts are the unnumbered lines before each new （一）
    and those that name a part."""
    used = {line.kind for line in lines}
    if "h0" in used:
        return "h0", "h1"
    if "h1" in used or "h2" not in used:
        return "h1", "h2"
    if "h3" in used and (_encloses(lines, "h3", "h2") or _names_parts(lines, "h3", "h2", vocabulary)):
        return "h3", "h2"
    restarts = sum(1 for line in lines if line.kind == "h2" and line.marker.value == 1)
    return ("h1", "h2") if restarts >= 2 or _kinds_above(lines, vocabulary) else ("h2", "h3")


def _names_parts(lines, upper: str, lower: str, vocabulary: Vocabulary) -> bool:
    """Whether ``upper`` headings come first and name two or more of the required parts, while the
    ``lower`` ones name fewer (they are thematic sub-parts)."""
    first = next((ln.kind for ln in lines if ln.kind in (upper, lower)), None)
    named: dict[str, set[str]] = {kind: set() for kind in (upper, lower)}
    for ln in lines:
        if ln.kind in named:
            named[ln.kind].update(vocabulary.heading_kinds(ln.text[ln.marker.end - ln.start :]))
    required = set(vocabulary.required)
    return first == upper and len(named[upper] & required) >= 2 > len(named[lower] & required)


def _kinds_above(lines, vocabulary: Vocabulary) -> bool:
    """Whether unnumbered lines, not the （一） headings, name the required parts: two or more such
    lines name a kind while the （一） headings name fewer than two (their numerals were lost above
    thematic sub-parts)."""
    named_by_h2 = {k for ln in lines if ln.kind == "h2" for k in vocabulary.heading_kinds(ln.text)}
    if len(named_by_h2 & set(vocabulary.required)) >= 2:
        return False
    previous = previous_lines(lines)
    bare = [
        ln
        for ln, before in zip(lines, previous)
        if bare_heading(ln, before, vocabulary, None, marks=SENTENCE_MARK) and vocabulary.heading_kinds(ln.text)
    ]
    return len(bare) >= 2


def _encloses(lines, upper: str, lower: str) -> bool:
    """Whether ``upper`` headings come first and at least two of them are followed by a ``lower``
    numbering that starts at 1."""
    previous, starts = None, 0
    for line in lines:
        if line.kind == lower and previous is None:
            return False  # a lower heading before any upper one
        if line.kind == upper:
            previous = line
        elif line.kind == lower and previous is not None:
            starts += line.marker.value == 1 and previous.kind == upper
            previous = line
    return starts >= 2


def previous_lines(lines: Sequence[Line]) -> list[Line | None]:
    """For each line, the line before it, page numbers ("- 2 -") passed over."""
    out: list[Line | None]
    out, previous = [], None
    for line in lines:
        out.append(previous)
        if not is_page_number(line.text):
            previous = line
    return out


def bare_heading(line: Line, previous: Line | None, vocabulary: Vocabulary, width: int | None, marks=None) -> bool:
    """A short unnumbered line without punctuation (``marks``: clause marks too) that starts a
    paragraph: it may be a heading. A line broken off a sentence by extraction follows a line (a
    heading's too) that ends no sentence; in a PDF's text, a line as long as the wrap width starts a
    paragraph."""
    text = _heading_shaped(line, previous, vocabulary, width)
    return text is not None and not (marks or CLAUSE_MARK).search(text)


def _heading_shaped(line: Line, previous: Line | None, vocabulary: Vocabulary, width: int | None) -> str | None:
    """The line's text, stripped, where it passes bare_heading's tests but the one of its punctuation
    (which differs between callers), else None: the tests run once per line."""
    if line.kind not in ("text", "title"):
        return None
    text = line.text.strip()
    length = visible(text)
    if length > HEADING_MAX or (width and length >= width - 1):
        return None
    if markers.pattern("ENUMERATION").match(text):
        return None
    if previous is not None and not ends_paragraph(previous.text):
        return None
    if len(CJK.findall(text)) < 4 or vocabulary.pattern("closing").search(text):
        return None
    return None if is_organ(line, vocabulary) else text


def gap_fillers(lines, level: str, shaped: list[str | None]) -> set[int]:
    """Indices of unnumbered lines that stand where the numbering skips (一、… [line] … 三、): when a
    gap of k numerals holds exactly k short paragraph-starting lines (``shaped``: each line's
    _heading_shaped), they are the lost headings."""
    fillers: set[int] = set()
    candidates: list[int] = []
    last = 0
    for i, line in enumerate(lines):
        if line.kind == level:
            value = line.marker.value or last + 1
            if value - last - 1 == len(candidates) > 0:
                fillers.update(candidates)
            last, candidates = value, []
        elif (shape := shaped[i]) is not None and not SENTENCE_MARK.search(shape):
            candidates.append(i)
    return fillers


def make_heading(line: Line, level: str) -> Heading:
    """The heading on ``line`` at ``level``: its marker as the outline read it (none on an unnumbered
    line), its text up to a run-in body (the first sentence end, or a first 一是 run into it)."""
    text, marker, indent = line.text, line.marker, line.indent
    if marker is not None and marker.level != level:
        marker = None
    body_start = marker.end - line.start if marker else indent
    while text.startswith(_DECORATION, body_start):  # "【2025年工作计划】", "**重点工作**"
        body_start += len(next(d for d in _DECORATION if text.startswith(d, body_start)))
    rest = text[body_start:]
    cut = len(rest.rstrip())
    stop = SENTENCE_END.search(rest)
    if stop and stop.end() < cut:
        cut = stop.end()
    # "三、存在的不足一是…": a web copy ran the body's first item into the heading
    first_item = markers.run_in_item().search(rest)
    if first_item and first_item.start() < cut:
        cut = first_item.start()
    body_at = line.start + body_start
    title = rest[:cut].rstrip(_HEADING_TRIM).strip()
    if marker is None:
        return Heading(line, None, None, body_at, body_at, body_at + cut, title)
    return Heading(line, marker.numeral, marker.value, line.start + indent, body_at, body_at + cut, title)


def enumerations(heading: Line, read: tuple) -> tuple[Enumeration, ...]:
    """一是/二是… after a sentence or clause mark, read in paragraphs (``read``: the part body's) so that
    a PDF wrap before "是" ("…统" / "一是…") makes none; or at the start of a line that follows a heading,
    a heading's wrapped tail ("…切实履行推进法治" / "政府建设工作职责" / "一是…") or a line without
    clause marks."""
    found = []
    for n, (text, pieces) in enumerate(read):
        matches = items(text)
        if not matches:
            continue
        before = [heading] if n == 0 else []  # the first paragraph follows the heading
        starts = set()
        for at, line in pieces:
            if not before or _heading_like(before):
                starts.add(at)
            before.append(line)
        for m in matches:
            at, end = m.span()
            numeral = text[at : end - 1]
            value = chinese_number(numeral)
            if value and (at in starts or text[at - 1] in _ENUMERATION_AFTER):
                line, start = locate(pieces, at)
                found.append(Enumeration(numeral, value, line.number, start, start + end - at))
    return tuple(found)


ITEM_END = "是"  # every ENUMERATION ends in it, at most ITEM_WIDTH characters long
ITEM_WIDTH = 4


def items(text: str) -> list[re.Match]:
    """The matches of ENUMERATION in ``text``, as ``finditer`` gives them, looked for only right before
    each 是: a search through the whole text tries the numerals at every character, 3x slower."""
    item = markers.pattern("ENUMERATION")
    found = []
    pos, at = 0, text.find(ITEM_END)
    while at >= 0:
        start = at - ITEM_WIDTH + 1
        m = item.search(text, pos if pos > start else start, at + 1)
        if m:
            found.append(m)
            pos = m.end()
        at = text.find(ITEM_END, at + 1)
    return found


def _space_after_marker(heading: Heading) -> int:
    """The spaces (or tab) between a heading's marker and its text, which its title leaves out."""
    rest = heading.line.text[heading.marker_end - heading.line.start :]
    return len(rest) - len(rest.lstrip())


def _heading_like(before: list[Line]) -> bool:
    """Whether the last of ``before`` is a heading, a heading's wrapped tail (after a heading line,
    no sentence end) or a line with no clause mark at all."""
    last = before[-1]
    if last.kind != "text" or not CLAUSE_MARK.search(last.text):
        return True
    return len(before) > 1 and before[-2].kind != "text" and not SENTENCE_END.search(last.text)
