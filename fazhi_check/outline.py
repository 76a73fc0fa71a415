"""The outline: the Lark grammar (outline.lark, LALR) turns text into typed lines, each heading with its
marker's numeral, value and span. No Lark type leaves this module.

The grammar gives one token per line, so the parse is its lexer's: what Lark's contextual lexer builds
from the grammar (one pattern per lexer state, the terminals in the order Lark tries them) and which
state follows each terminal (from the LALR table) are written by Lark into outline_scanner.json
(``python -m fazhi_check.lark_scanner``, with the grammar's text they come from), and a run scans with
those patterns without importing Lark. Where the grammar's files differ from the text the scanner was
written from, Lark builds the patterns again in the run (lark is a runtime dependency). A test holds the
scan to Lark's own parse, token for token, and fails when the written scanner is stale."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from . import markers

_PARAGRAPH_BREAK = re.compile("\r\n|[\r\n\u2028\u2029\x85]")  # what ends a line of the outline
_OTHER_BREAK = re.compile("[\r\u2028\u2029\x85]")  # in a text without them, str.find finds the breaks
_LEVEL = {"H0_MARK": "h0", "H1_MARK": "h1", "H2_MARK": "h2", "H3_MARK": "h3", "H4_MARK": "h4"}


class OutlineError(Exception):
    """The grammar failed on some text (should not happen: the grammar accepts any text)."""

    def __init__(self, line: int, column: int, context: str) -> None:
        super().__init__(f"outline parse failed at {line}:{column}: {context!r}")
        self.line, self.column, self.context = line, column, context


@dataclass(frozen=True)
class Marker:
    """A heading's marker ("三、", "（二）", "1."): its level (h0-h4), its numeral as written, the number
    it gives (None where it gives none), and the offset where it ends (indentation and the marker
    itself before it)."""

    level: str
    numeral: str
    value: int | None
    end: int


@dataclass(frozen=True)
class Line:
    """One non-blank line of the outline (a physical line, or a paragraph of one split by U+2028,
    U+2029 or U+0085, which then shares its number): its kind (h0-h4, date, text; the document may call a text line a
    title), 1-based number, start offset, normalised text, and a heading's marker (kept where the
    document finds that the line is no heading after all, as the grammar saw it)."""

    kind: str
    number: int
    start: int
    text: str
    marker: Marker | None = None

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    def as_kind(self, kind: str) -> Line:
        """The same line read as ``kind`` (a text line the head finds a title, a heading that is none)."""
        return Line(kind, self.number, self.start, self.text, self.marker)

    @property
    def indent(self) -> int:
        return len(self.text) - len(self.text.lstrip())


@lru_cache(maxsize=1)
def _scanner() -> tuple[re.Pattern, dict[str, re.Pattern], dict[str, str]]:
    """The start state's pattern, the pattern that follows each terminal, and the terminal that may
    follow each heading marker in its heading (outline_scanner.json)."""
    import json

    from .datafiles import package_file
    from .lark_scanner import SCANNER, grammar, scanner_tables

    data = json.loads(package_file(SCANNER))
    if data.get("grammar") != grammar():  # the grammar was edited after the scanner was written
        data = scanner_tables()
    compiled = {name: re.compile(pattern) for name, pattern in data["states"].items()}
    after = {terminal: compiled[state] for terminal, state in data["after"].items()}
    return compiled[data["start"]], after, data["heading"]


def tokens(normalized: str) -> list[tuple[str, int, int]]:
    """(terminal, start, end) of each token of ``normalized``, as Lark's lexer gives them."""
    scan, after, _ = _scanner()
    found = []
    at, size = 0, len(normalized)
    while at < size:
        m = scan.match(normalized, at)
        if m is None or m.end() == at:
            line = normalized.count("\n", 0, at) + 1
            raise OutlineError(line, at - normalized.rfind("\n", 0, at), normalized[at : at + 20])
        kind = m.lastgroup or ""  # every alternative is a named terminal
        found.append((kind, at, m.end()))
        scan, at = after[kind], m.end()
    return found


def _end(text: str, at: int, end: int) -> int:
    """Where the first line break in ``text[at:end]`` starts (``end`` if none)."""
    found = _PARAGRAPH_BREAK.search(text, at, end)
    return found.start() if found else end


def _breaks(text: str, at: int, end: int) -> int:
    """How many line breaks ``text[at:end]`` holds (CRLF is one)."""
    run = text[at:end]
    return run.count("\n") + run.count("\r") - run.count("\r\n")


def _lf_end(text: str, at: int, end: int) -> int:
    """_end for a text whose only line break is LF (most files), in one C call."""
    found = text.find("\n", at, end)
    return end if found < 0 else found


def _lf_breaks(text: str, at: int, end: int) -> int:
    return text.count("\n", at, end)


def parse_outline(normalized: str) -> tuple[Line, ...]:
    """The typed lines of ``normalized`` text (see positions.normalize); never raises on well-formed str.
    Each line's last token ends with its line break and the blank lines after it; blank lines are
    dropped, the others numbered."""
    heading = _scanner()[2]
    found = tokens(normalized)
    line_end, breaks = (_lf_end, _lf_breaks) if _OTHER_BREAK.search(normalized) is None else (_end, _breaks)
    lines, number, i = [], 1, 0
    while i < len(found):
        kind, at, end = found[i]
        mark_end = None
        if kind in heading:
            mark_end = end
            if i + 1 < len(found) and found[i + 1][0] == heading[kind]:
                i += 1
                end = found[i][2]
        i += 1
        stop = line_end(normalized, at, end)  # the first break ends the line's text
        text = normalized[at:stop]
        if text.strip():
            marker = None
            if mark_end is not None:
                numeral = markers.numeral(normalized[at:mark_end])
                marker = Marker(_LEVEL[kind], numeral, markers.value(numeral), mark_end)
            lines.append(Line(marker.level if marker else kind.lower(), number, at, text, marker))
        if stop < end:
            number += breaks(normalized, stop, end)
    return tuple(lines)
