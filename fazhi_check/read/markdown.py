"""Markdown drafts: the markup a team writes around a report (# headings, **emphasis**, lists, links,
quotes, tables, code fences, front matter) is deleted so the outline sees the report's own words, and
every character left keeps its offset in the file (``offsets``), so positions still point into it.

Ordered-list numbers are kept: in a report, "1." is the report's own level-3 numeral."""

from __future__ import annotations

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
_INLINE = (
    re.compile(r"(!\[[^\]\n]*\]\([^)\n]*\))"),  # an image: nothing of it is text
    re.compile(r"(\[)[^\]\n]+(\]\([^)\n]*\))"),  # a link: its text stays
    re.compile(r"(?<!\\)(\*\*|__|~~)(?=\S).+?(?<=[^\s\\])(\1)"),  # strong, strikethrough
    re.compile(r"(?<![*\\])(\*)(?=[^\s*]).+?(?<=[^\s*\\])(\*)(?!\*)"),  # emphasis (not \*)
    re.compile(r"(`+)[^`\n]+?(\1)"),  # code
    re.compile(r"(<!--.*?-->|</?[A-Za-z][^>\n]*>)"),  # HTML comments and tags
    re.compile(r"(\\)[\\`*_{}\[\]()#+\-.!|>]"),  # a backslash escape
)


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
    for pattern in _INLINE:
        for m in pattern.finditer(line):
            spans += [m.span(g) for g in range(1, (m.lastindex or 0) + 1) if m.group(g) is not None]
    return spans


def _apply(text: str, deleted: list[tuple[int, int]]) -> tuple[str, list[int]]:
    gone = bytearray(len(text))
    for a, b in deleted:
        gone[a:b] = b"\x01" * (b - a)
    offsets = [i for i in range(len(text)) if not gone[i]]
    offsets.append(len(text))
    return "".join(text[i] for i in offsets[:-1]), offsets
