"""Markdown drafts: the markup a team writes around a report (# headings, **emphasis**, lists, links,
quotes, tables, code fences, front matter) is deleted so the outline sees the report's own words, and
every character left keeps its offset in the file (``offsets``), so positions still point into it.

Ordered-list numbers are kept: in a report, "1." is the report's own level-3 numeral."""

from __future__ import annotations

import bisect
import re

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_FENCE = re.compile(r"[ \t]*(```|~~~)")
_RULE = re.compile(r"[ \t]*([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_TABLE_RULE = re.compile(r"[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$")
# spans to delete, each pattern's groups naming the markup inside a match
_BLOCK = (
    re.compile(r"^[ \t]*(#{1,6}(?:[ \t]+|$))"),  # ATX heading mark
    re.compile(r"^[ \t]*((?:>[ \t]?)+)"),  # block quote
    re.compile(r"^[ \t]*([-*+][ \t]+)(?=\S)"),  # bullet
)
_CLOSING_HASHES = re.compile(r"[ \t]+(#+)[ \t]*$")
_CODE = re.compile(r"(`+)[^`\n]+?(\1)")  # linear already: its lazy run cannot cross a backtick
_ESCAPE = re.compile(r"(\\)[\\`*_{}\[\]()#+\-.!|>]")


def _inline(line: str) -> list[tuple[int, int]]:
    r"""The spans of inline markup to delete: exactly what each of these patterns' finditer gives on the
    line, in linear time (as regexes they backtracked quadratically on a long line of openers):
        image      (!\[[^\]]*\]\([^)]*\))                      all of it
        link       (\[)[^\]]+(\]\([^)]*\))                     the brackets and the target; the text stays
        strong     (?<!\\)(\*\*|__|~~)(?=\S).+?(?<=[^\s\\])(\1)
        emphasis   (?<![*\\])(\*)(?=[^\s*]).+?(?<=[^\s*\\])(\*)(?!\*)   (not \*)
        HTML       (<!--.*?-->|</?[A-Za-z][^>]*>)             comments and tags
    Each opening mark looks up its closing one among positions collected once per line."""
    marks = _Marks(line)
    spans = _brackets(line, marks) + _strong(line, marks) + _emphasis(line, marks) + _html(line, marks)
    for m in _CODE.finditer(line):
        spans += [m.span(1), m.span(2)]
    return spans + [m.span(1) for m in _ESCAPE.finditer(line)]


class _Marks:
    """Every place (overlapping ones too) where a mark occurs in a line, found once per mark; ``after``
    gives the first place at or after an index that ``valid`` accepts."""

    def __init__(self, line: str) -> None:
        self.line = line
        self.places: dict[tuple, list[int]] = {}

    def after(self, mark: str, start: int, valid=None) -> int | None:
        key = (mark, valid)
        if key not in self.places:
            found, at = [], self.line.find(mark)
            while at >= 0:
                if valid is None or valid(self.line, at):
                    found.append(at)
                at = self.line.find(mark, at + 1)
            self.places[key] = found
        places = self.places[key]
        k = bisect.bisect_left(places, start)
        return places[k] if k < len(places) else None


def _brackets(line: str, marks: _Marks) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for image in (True, False):
        i = line.find("![" if image else "[")
        while i >= 0:
            opened = i + 2 if image else i + 1  # where the bracketed text starts
            k = marks.after("]", opened)
            m = marks.after(")", k + 2) if k is not None and line.startswith("(", k + 1) else None
            if m is not None and k is not None and (image or k > opened):
                spans += [(i, m + 1)] if image else [(i, i + 1), (k, m + 1)]
                i = line.find("![" if image else "[", m + 1)
            else:
                i = line.find("![" if image else "[", i + 1)
    return spans


def _strong_close(line: str, j: int) -> bool:
    return j > 0 and not line[j - 1].isspace() and line[j - 1] != "\\"


def _strong(line: str, marks: _Marks) -> list[tuple[int, int]]:
    """One scan for the three marks together, as the pattern's alternation makes it: what one match
    covers is not searched again."""
    starts = sorted({p for mark in ("**", "__", "~~") for p in _every(line, mark)})
    spans, resume = [], 0
    for p in starts:
        if p < resume:
            continue
        mark = line[p : p + 2]
        opens = (p == 0 or line[p - 1] != "\\") and p + 2 < len(line) and not line[p + 2].isspace()
        j = marks.after(mark, p + 3, _strong_close) if opens else None
        if j is not None:
            spans += [(p, p + 2), (j, j + 2)]
            resume = j + 2
    return spans


def _every(line: str, mark: str) -> list[int]:
    found, at = [], line.find(mark)
    while at >= 0:
        found.append(at)
        at = line.find(mark, at + 1)
    return found


def _emphasis_close(line: str, j: int) -> bool:
    before = line[j - 1] if j > 0 else " "
    return not before.isspace() and before not in "*\\" and not line.startswith("*", j + 1)


def _emphasis(line: str, marks: _Marks) -> list[tuple[int, int]]:
    spans = []
    p = line.find("*")
    while p >= 0:
        opens = (p == 0 or line[p - 1] not in "*\\") and p + 1 < len(line) and line[p + 1] != "*"
        j = marks.after("*", p + 2, _emphasis_close) if opens and not line[p + 1].isspace() else None
        if j is None:
            p = line.find("*", p + 1)
        else:
            spans += [(p, p + 1), (j, j + 1)]
            p = line.find("*", j + 1)
    return spans


def _html(line: str, marks: _Marks) -> list[tuple[int, int]]:
    spans = []
    p = line.find("<")
    while p >= 0:
        end = None
        if line.startswith("<!--", p):
            close = marks.after("-->", p + 4)
            end = close + 3 if close is not None else None
        else:
            letter = p + 2 if line.startswith("/", p + 1) else p + 1
            if letter < len(line) and line[letter].isascii() and line[letter].isalpha():
                close = marks.after(">", letter + 1)
                end = close + 1 if close is not None else None
        if end is None:
            p = line.find("<", p + 1)
        else:
            spans.append((p, end))
            p = line.find("<", end)
    return spans


def strip_markdown(text: str) -> tuple[str, list[int]]:
    """(text without markup, offsets): ``offsets[i]`` is the file offset of the result's character i,
    and one more entry maps the end. Line breaks are kept, so line numbers do not change."""
    deleted: list[tuple[int, int]] = []
    in_front_matter = text.startswith("---")
    in_fence = False
    start = 0
    for number, m in enumerate([*_LINE_BREAK.finditer(text), None]):
        end = m.start() if m else len(text)
        line = text[start:end]
        whole_line = (
            in_front_matter
            or in_fence
            or _FENCE.match(line)
            or _RULE.match(line)
            or ("|" in line and _TABLE_RULE.match(line))
        )
        if in_front_matter and number > 0 and line.strip() in ("---", "..."):
            in_front_matter = False
        if _FENCE.match(line):
            in_fence = not in_fence
        if whole_line:
            deleted.append((start, end))
        else:
            deleted += [(start + a, start + b) for a, b in _line_markup(line)]
        start = m.end() if m else end
    return _apply(text, deleted)


def _line_markup(line: str) -> list[tuple[int, int]]:
    spans = []
    for pattern in _BLOCK:
        m = pattern.match(line)
        if m:
            spans.append(m.span(1))
            if pattern is _BLOCK[0]:
                closing = _CLOSING_HASHES.search(line, m.end())
                if closing:
                    spans.append(closing.span(1))
    if line.lstrip().startswith("|"):
        spans += [(i, i + 1) for i, ch in enumerate(line) if ch == "|" and (i == 0 or line[i - 1] != "\\")]
    return spans + _inline(line)


def _apply(text: str, deleted: list[tuple[int, int]]) -> tuple[str, list[int]]:
    gone = bytearray(len(text))
    for a, b in deleted:
        gone[a:b] = b"\x01" * (b - a)
    offsets = [i for i in range(len(text)) if not gone[i]]
    offsets.append(len(text))
    return "".join(text[i] for i in offsets[:-1]), offsets
