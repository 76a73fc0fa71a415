"""The outline: the Lark grammar (LALR, built once) turns text into typed lines. No Lark type leaves here."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache

from lark import Lark, Transformer
from lark.exceptions import LarkError

KINDS = ("h1", "h2", "h3", "h4", "date", "title", "text")
_BREAK = re.compile(r"\r\n|\r|\n")


class OutlineError(Exception):
    """The grammar failed on some text (should not happen: the grammar accepts any text)."""

    def __init__(self, line: int, column: int, context: str) -> None:
        super().__init__(f"outline parse failed at {line}:{column}: {context!r}")
        self.line, self.column, self.context = line, column, context


@dataclass(frozen=True)
class Line:
    """One non-blank physical line: its kind, 1-based number, start offset and normalised text."""

    kind: str
    number: int
    start: int
    text: str

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    @property
    def indent(self) -> int:
        return len(self.text) - len(self.text.lstrip())


class _Lines(Transformer):
    """Collects the tokens in one list, then numbers them by line (each token ends with its line
    break and the blank lines after it), dropping blank lines."""

    def lines(self, children: list) -> list:
        if not children:
            return []
        collected, token = children
        collected.append(token)
        return collected

    def start(self, children: list) -> tuple[Line, ...]:
        lines, number = [], 1
        for tok in children[0]:
            brk = _BREAK.search(tok.value)
            text = tok.value[: brk.start()] if brk else str(tok.value)
            if text.strip():
                lines.append(Line(tok.type.lower(), number, tok.start_pos, text))
            if brk:
                number += len(_BREAK.findall(tok.value, brk.start()))
        return tuple(lines)


@lru_cache(maxsize=1)
def _parser() -> Lark:
    """The LALR parser, built once per process; Lark keeps the analysed grammar in the cache folder
    (cache.py) and checks it against the grammar, its options and its own version on loading."""
    from importlib import resources

    from . import cache

    grammar = resources.files("fazhi_check").joinpath("outline.lark").read_bytes()
    stored = cache.entry("outline", [grammar])
    if stored is not None:
        try:
            os.makedirs(os.path.dirname(stored), exist_ok=True)
        except OSError:
            stored = None
    return Lark(
        grammar.decode("utf-8"), parser="lalr", lexer="contextual", transformer=_Lines(), cache=stored or False
    )


def parse_outline(normalized: str) -> tuple[Line, ...]:
    """The typed lines of ``normalized`` text (see text.normalize); never raises on well-formed str."""
    try:
        return _parser().parse(normalized)
    except LarkError as e:
        line, column = getattr(e, "line", 0), getattr(e, "column", 0)
        pos = getattr(e, "pos_in_stream", 0) or 0
        raise OutlineError(line, column, normalized[pos : pos + 20]) from e
