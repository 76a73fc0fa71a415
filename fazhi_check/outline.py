"""The outline: the Lark grammar (LALR, built once) turns text into typed lines. No Lark type leaves here."""

from __future__ import annotations

import re
import types
from dataclasses import dataclass
from functools import lru_cache

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


class _Lines:
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
def _parser():
    """The LALR parser Lark builds from outline.lark, once per process, and its error class.

    Lark writes the parser out as a standalone module (lark.tools.standalone: the same tables and
    lexer, no Lark needed to run it), kept in the cache folder (cache.py) under the grammar's key, so
    later runs import that module instead of Lark itself, which halves start-up. Every run parses
    with the standalone module, cached or not."""
    from . import cache
    from .datafiles import package_file

    grammar = package_file("outline.lark")
    path = cache.entry("outline", [grammar], ".py")
    module = _load(path) if path else None
    if module is None:
        source = _standalone(grammar)
        if path:
            cache.store(path, source.encode("utf-8"))
        module = types.ModuleType("fazhi_check_outline_parser")
        exec(compile(source, "<outline parser>", "exec", dont_inherit=True), module.__dict__)
    return module.Lark_StandAlone(transformer=_Lines()), module.LarkError


def _standalone(grammar: bytes) -> str:
    """The source of a standalone parser module for ``grammar`` (the one place Lark itself is used)."""
    import io

    from lark import Lark
    from lark.tools.standalone import gen_standalone

    out = io.StringIO()
    gen_standalone(Lark(grammar.decode("utf-8"), parser="lalr", lexer="contextual"), out=out)
    return out.getvalue()


def _load(path: str):
    """The module at ``path``, or None if it is missing or does not load."""
    import importlib.util

    try:
        spec = importlib.util.spec_from_file_location("fazhi_check_outline_parser", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module if hasattr(module, "Lark_StandAlone") else None  # an empty or foreign file: rebuild
    except Exception:  # missing, cut short, or written by another Lark: build it again
        return None


def parse_outline(normalized: str) -> tuple[Line, ...]:
    """The typed lines of ``normalized`` text (see text.normalize); never raises on well-formed str."""
    parser, error = _parser()
    try:
        return parser.parse(normalized)
    except error as e:
        line, column = getattr(e, "line", 0), getattr(e, "column", 0)
        pos = getattr(e, "pos_in_stream", 0) or 0
        raise OutlineError(line, column, normalized[pos : pos + 20]) from e
