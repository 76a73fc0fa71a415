"""The outline: the Lark grammar (outline.lark, LALR) turns text into typed lines, each heading with its
marker's numeral, value and span. No Lark type leaves this module."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from . import markers

_BREAK = re.compile(r"\r\n|\r|\n")  # what ends a line for positions (OUTPUT.md)
_PARAGRAPH_BREAK = re.compile("\r\n|[\r\n\u2028\u2029\x85]")  # what ends a line of the outline
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

    @property
    def indent(self) -> int:
        return len(self.text) - len(self.text.lstrip())


class _Lines:
    """Collects the tokens in one list (a heading's as a pair), then numbers them by line (each line's
    last token ends with its line break and the blank lines after it), dropping blank lines."""

    def heading(self, children: list) -> tuple:
        return tuple(children)

    def lines(self, children: list) -> list:
        if not children:
            return []
        collected, item = children
        collected.append(item)
        return collected

    def start(self, children: list) -> tuple[Line, ...]:
        lines, number = [], 1
        for item in children[0]:
            mark, tail = (item + (None,))[:2] if isinstance(item, tuple) else (None, item)
            whole = (mark or "") + (tail or "")
            at = (mark or tail).start_pos
            brk = _PARAGRAPH_BREAK.search(whole)
            text = whole[: brk.start()] if brk else whole
            if text.strip():
                marker = None
                if mark is not None:
                    numeral = markers.numeral(str(mark))
                    marker = Marker(_LEVEL[mark.type], numeral, markers.value(numeral), at + len(mark))
                kind = marker.level if marker is not None else str(item.type).lower()
                lines.append(Line(kind, number, at, text, marker))
            if brk:
                number += len(_BREAK.findall(whole, brk.start()))
        return tuple(lines)


@lru_cache(maxsize=1)
def _parser():
    """The LALR parser Lark builds from outline.lark, once per process, and Lark's error class. The
    built tables are kept in the per-user cache as JSON data (cache.py), so later runs load them
    instead of analysing the grammar again; only data is read from there."""
    import lark
    from lark.exceptions import LarkError

    from . import cache
    from .datafiles import package_file

    sources = [package_file("outline.lark"), package_file("markers.lark"), lark.__version__.encode()]
    data = cache.load("outline", sources)
    if data is not None:
        try:
            return _with_transformer(data), LarkError
        except Exception:  # damaged, or written by another Lark: build it again  # noqa: BLE001
            pass
    data = _tables()
    cache.store("outline", sources, data)
    return _with_transformer(data), LarkError


def _tables() -> dict:
    """The parser's tables as plain data (Lark's own serialisation of a built parser)."""
    from lark import Lark
    from lark.grammar import Rule
    from lark.lexer import TerminalDef

    built = Lark.open_from_package("fazhi_check", "outline.lark", parser="lalr", lexer="contextual")
    tables, memo = built.memo_serialize([TerminalDef, Rule])
    tables["options"] = {k: v for k, v in tables["options"].items() if k != "import_paths"}  # a loader object
    return {"data": tables, "memo": memo}


def _with_transformer(data: dict):
    """A parser rebuilt from its tables with the transformer that makes Lines as it parses (what
    ``Lark.load`` does with a dict, with the transformer Lark.load cannot pass)."""
    from lark import Lark

    return Lark.__new__(Lark)._load(data, transformer=_Lines())


def parse_outline(normalized: str) -> tuple[Line, ...]:
    """The typed lines of ``normalized`` text (see positions.normalize); never raises on well-formed str."""
    parser, error = _parser()
    try:
        return parser.parse(normalized)
    except error as e:
        line, column = getattr(e, "line", 0), getattr(e, "column", 0)
        pos = getattr(e, "pos_in_stream", 0) or 0
        raise OutlineError(line, column, normalized[pos : pos + 20]) from e
