"""Check kinds that judge how the text is typed: half-width punctuation in Chinese text, sentences broken
across lines."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .base import Hit, Subject, check, section_at

_SENTENCE = re.compile(r"[^。！？；!?;]+")
_COUNT = re.compile(r"(\d+)[ \t]*([个件起次人家项名场份所条户篇宗])")
_FILLER = "了达共计为有"
_RATE = re.compile(
    r"([\u4e00-\u9fff]{2})率[^\d%。,；;]{0,6}?(?:(\d+(?:\.\d+)?)[ \t]*%|(百分之[〇零一二三四五六七八九十百点]+))"
)
_PARENTHESIS = re.compile(r"[()]")
_NON_SPACE = re.compile(r"\S+")
_HALFWIDTH = {",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "?": "？", "!": "！"}
# a half-width mark touching Chinese text or Chinese punctuation (not quotes: they wrap Latin too)
_MARKS, _CJK = "[" + re.escape("".join(_HALFWIDTH)) + "]", "[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef《》…—]"
_HALFWIDTH_TOUCHING = re.compile(f"{_MARKS}(?:(?<={_CJK}.)|(?={_CJK}))")  # the mark first: a fast scan


@check("halfwidth-punctuation", text_level=True)
def halfwidth_punctuation(subject: Subject, options: dict) -> Iterator[Hit]:
    """Half-width , ; : ( ) ? ! touching Chinese text: one hit per line, whose fix retypes the line
    (a bracket pair changes together)."""
    doc = subject.document
    for line in _lines_holding(doc, _HALFWIDTH_TOUCHING):
        original = doc.text[line.start : line.end]
        convert = {m.start() for m in _HALFWIDTH_TOUCHING.finditer(original)}
        if not convert:
            continue  # the mark touched Chinese only across the line's start
        for opening, closing in _bracket_pairs(original):
            if opening in convert or closing in convert:
                convert |= {opening, closing}
        retyped = list(original)
        for i in convert:
            retyped[i] = _HALFWIDTH[original[i]]
        fixed = "".join(retyped)
        yield Hit(line.start, line.end, {"count": len(convert)}, section_at(doc, line.start), fixed)


def _lines_holding(doc, pattern: re.Pattern) -> list:
    """The lines in which ``pattern`` may match (it may look behind the line's start), in order."""
    search, text = pattern.search, doc.text
    return [line for line in doc.lines if search(text, line.start, line.end)]


def _bracket_pairs(text: str) -> list[tuple[int, int]]:
    pairs, stack = [], []
    for m in _PARENTHESIS.finditer(text):
        i, ch = m.start(), m.group()
        if ch == "(":
            stack.append(i)
        elif stack:
            pairs.append((stack.pop(), i))
    return pairs


@check("broken-line", text_level=True)
def broken_line(subject: Subject, options: dict) -> Iterator[Hit]:
    """A sentence broken across lines by extraction; the fix joins the two lines (the hit spans the
    last character before the break and the first after it)."""
    doc = subject.document
    for a, b in doc.broken_lines():
        start = a.start + len(a.text.rstrip()) - 1
        end = b.start + b.indent + 1
        gap = doc.text[start + 1 : end - 1]
        if gap.strip():
            continue  # something stands between (a page number): joining would delete it
        left, right = doc.text[start], doc.text[end - 1]
        joiner = " " if left.isascii() and left.isalpha() and right.isascii() and right.isalpha() else ""
        yield Hit(start, end, {"line": b.number}, section_at(doc, start), left + joiner + right)
