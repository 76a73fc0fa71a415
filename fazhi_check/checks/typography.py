"""Check kinds that judge how the text is typed: half-width punctuation in Chinese text, sentences broken
across lines."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from ..document.lines import CLAUSE_MARK, SENTENCE_END, ends_paragraph, is_organ
from .base import Hit, Subject, check, section_at

_PARENTHESIS = re.compile(r"[()]")
_HALFWIDTH = {",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "?": "？", "!": "！"}
# a half-width mark touching Chinese text or Chinese punctuation (not quotes: they wrap Latin too)
_MARKS, _CJK = "[" + re.escape("".join(_HALFWIDTH)) + "]", "[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef《》…—]"
_HALFWIDTH_TOUCHING = re.compile(f"{_MARKS}(?:(?<={_CJK}.)|(?={_CJK}))")  # the mark first: a fast scan


@check("halfwidth-punctuation", text_level=True, params=("count",))
def halfwidth_punctuation(subject: Subject, options: dict) -> Iterator[Hit]:
    """Half-width , ; : ( ) ? ! touching Chinese text: one hit per line, whose fix retypes the line
    (a bracket pair changes together); a web page's lines are no report text."""
    doc = subject.doc
    text, page = doc.text, doc._page_starts
    for line in doc.lines:
        original = text[line.start : line.end]
        touching = _HALFWIDTH_TOUCHING.findall(original)  # (the marks, not a match object each)
        if not touching or line.start in page:
            continue
        if len(touching) == sum(map(original.count, _HALFWIDTH)):  # every mark (most lines): replaced in C
            count, fixed = len(touching), original
            for mark, full in _HALFWIDTH.items():
                fixed = fixed.replace(mark, full)
        else:
            convert = {m.start() for m in _HALFWIDTH_TOUCHING.finditer(original)}
            fixed = _retyped(original, convert)
            count = len(convert)
        yield Hit(line.start, line.end, {"count": count}, section_at(doc, line.start), fixed)


def _retyped(original: str, convert: set[int]) -> str:
    """``original`` with the marks at ``convert`` full-width, and the other of each bracket pair one
    of them is in (``convert`` gets those too)."""
    if "(" in original or ")" in original:
        for opening, closing in _bracket_pairs(original):
            if opening in convert or closing in convert:
                convert |= {opening, closing}
    pieces: list[str] = []
    done = 0
    for i in sorted(convert):
        pieces += (original[done:i], _HALFWIDTH[original[i]])
        done = i + 1
    return "".join(pieces) + original[done:]


def _bracket_pairs(text: str) -> list[tuple[int, int]]:
    pairs, stack = [], []
    for m in _PARENTHESIS.finditer(text):
        i, ch = m.start(), m.group()
        if ch == "(":
            stack.append(i)
        elif stack:
            pairs.append((stack.pop(), i))
    return pairs


@check("broken-line", text_level=True, params=("line",))
def broken_line(subject: Subject, options: dict) -> Iterator[Hit]:
    """A sentence broken across lines by extraction; the fix joins the two lines (the hit spans the
    last character before the break and the first after it)."""
    doc = subject.doc
    for a, b in _broken_lines(doc):
        start = a.start + len(a.text.rstrip()) - 1
        end = b.start + b.indent + 1
        gap = doc.text[start + 1 : end - 1]
        if gap.strip():
            continue  # something stands between (a page number): joining would delete it
        left, right = doc.text[start], doc.text[end - 1]
        joiner = " " if left.isascii() and left.isalpha() and right.isascii() and right.isalpha() else ""
        yield Hit(start, end, {"line": b.number}, section_at(doc, start), left + joiner + right)


def _broken_lines(doc):
    """Pairs of body lines where extraction broke a sentence ("…不断深" / "化。落实…"): the first is
    prose (it has a clause mark) that stops without ending its sentence, the second is plain text
    that is not the 落款, the date or a heading (also one the model found without a numeral)."""
    body = doc.body_lines()
    all_headings = doc.headings()
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
        prose = a.kind == "text" or SENTENCE_END.search(a.text.rstrip()[:-1])
        if (
            prose
            and CLAUSE_MARK.search(a.text)
            and not ends_paragraph(a.text)
            and b.kind == "text"
            and b is not doc.date_line
            and not is_organ(b, doc.vocabulary)
        ):
            pairs.append((a, b))
    return pairs
