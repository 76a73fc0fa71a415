"""A rule's patterns searched as their union ("p1|p2|…") would be, but faster: each pattern on its own,
so that one starting with a character class or a literal is searched in C, the matches merged as the
union's finditer gives them (leftmost first, the first pattern on a tie, going on from each end)."""

from __future__ import annotations

import re
from functools import lru_cache

from ..budget import deadline
from ..literals import may_find, may_match, required
from ..literals import prepare as prepare_literals
from ..script import simplified

PATTERN_SECONDS = 10.0  # one rule's patterns over one file: a user's pattern that backtracks is stopped


class PatternTimeout(BaseException):
    """A rule's patterns ran past PATTERN_SECONDS on a file (a pattern that backtracks, such as
    "(a+)+$"): the engine reports it as that rule's finding, and the batch goes on."""

    def __init__(self, patterns: tuple[str, ...], seconds: float) -> None:
        super().__init__(patterns, seconds)
        self.patterns, self.seconds = patterns, seconds


def search(pattern: str, text: str) -> re.Match | None:
    """``re.search`` under the pattern time limit (not run where none of its literals occurs)."""
    groups = required(pattern)
    if groups is not None and not all(any(s in text for s in group) for group in groups):
        return None
    with deadline(PATTERN_SECONDS, lambda: PatternTimeout((pattern,), PATTERN_SECONDS)):
        return re.search(pattern, text)


def prepare(options: dict, kind: str) -> None:
    """Compile a rule's patterns and read their literals now, as a check would the first time (a batch
    does this before any file's budget starts)."""
    given = options.get("patterns")
    patterns = list(given) if isinstance(given, list) else []
    patterns += [options["pattern"]] if isinstance(options.get("pattern"), str) else []
    if kind == "pattern":  # searched as their pieces (union_matches)
        for piece in (_compiled_each(tuple(patterns)) or [union(tuple(patterns))]) if patterns else []:
            prepare_literals(piece)
        return
    for pattern in patterns:  # searched one by one (search)
        prepare_literals(re.compile(pattern))


_LITERAL = r"(?:[^\\\[\](){}|.*+?^$]|\\[^\w\s])"  # a character that stands for itself, or one escaped
_LEADING_CLASS = re.compile(r"\[((?:[^\\\[\]^-]|\\t|\\[^\w\s]){1,4})\](?![*+?{])")  # [Xx×], [ \t], [\[(]: not repeated
_LEADING_GROUP = re.compile(rf"\(\?:({_LITERAL}+(?:\|{_LITERAL}+)*)\)(?![*+?{{])")  # (?:19|20), not repeated
_WORD = re.compile(f"{_LITERAL}+")  # one of the group's words: the bars between them are not escaped
_ESCAPED = re.compile(r"\\(.)")
_BACKREFERENCE = re.compile(r"\\[1-9]|\(\?P=")


def union_matches(patterns: tuple[str, ...], text: str) -> list[tuple[int, int]]:
    """(start, end) of each match of "p1|p2|…", exactly as its finditer gives them (3x faster on the
    built-in rules than the union itself), within the pattern time limit."""
    with deadline(PATTERN_SECONDS, lambda: PatternTimeout(patterns, PATTERN_SECONDS)):
        return _union_matches(patterns, text)


def _union_matches(patterns: tuple[str, ...], text: str) -> list[tuple[int, int]]:
    pieces = _pieces(patterns)
    if pieces is None:
        whole = union(patterns)
        return [m.span() for m in whole.finditer(text)] if may_match(whole, text) else []
    # a piece none of whose literals occurs finds nothing: it is not even compiled (a run of one file
    # compiles only the pieces its text may hold)
    single = [_piece(p) for p in pieces if may_find(p, _PIECE_FLAGS, text)]
    found: list[tuple[int, int]]
    found, at = [], 0
    upcoming = [p.search(text) for p in single]
    while True:
        best = None
        for k, m in enumerate(upcoming):
            if m is not None and m.start() < at:
                upcoming[k] = m = single[k].search(text, at)
            if m is not None and (best is None or m.start() < best.start()):
                best = m
        if best is None:
            return found
        if best.end() == best.start():  # after an empty match finditer has its own rules: let it decide
            return [m.span() for m in union(patterns).finditer(text)]
        found.append(best.span())
        at = best.end()


@lru_cache(maxsize=64)
def union(patterns: tuple[str, ...]) -> re.Pattern:
    """The patterns as one: "(?:p1)|(?:p2)|…", multi-line, read as simplified like the text they search."""
    return re.compile("|".join(f"(?:{simplified(p)})" for p in patterns), re.MULTILINE)


def _compiled_each(patterns: tuple[str, ...]) -> list[re.Pattern] | None:
    """Each of the ``_pieces`` compiled, in order (None where the patterns are searched as a union)."""
    pieces = _pieces(patterns)
    return None if pieces is None else [_piece(p) for p in pieces]


@lru_cache(maxsize=64)
def _pieces(patterns: tuple[str, ...]) -> tuple[str, ...] | None:
    """Each pattern on its own, in order; None where one refers to a group by number or name (its
    numbering differs inside the union). A pattern that starts with a class of a few plain characters
    ("[Xx×]…") becomes one pattern per character ("X…", "x…", "×…"): the search for a literal start
    runs several times faster than the test of every character against a class; so does one that starts
    with a group of words ("(?:19|20)…"). Where two pieces tie, the first wins, as in the pattern."""
    if any(_BACKREFERENCE.search(p) for p in patterns):
        return None
    return tuple(piece for p in map(simplified, patterns) for piece in _by_first_character(p))


_PIECE_FLAGS = re.MULTILINE | re.UNICODE  # as a compiled piece's flags read (its literals are read once)


@lru_cache(maxsize=512)
def _piece(pattern: str) -> re.Pattern:
    return re.compile(pattern, _PIECE_FLAGS)


def _by_first_character(pattern: str) -> list[str]:
    """The pattern as one piece per way it starts: per character of a leading class ("[Xx×]…"), per
    word of a leading group of words ("(?:19|20)…", tried in order as the group tries them)."""
    m = _LEADING_CLASS.match(pattern) or _LEADING_GROUP.match(pattern)
    if m is None or _alternatives_at_top(pattern) or "(?x" in pattern or "(?#" in pattern:
        return [pattern]  # "[ab]c|d" is "([ab]c)|d": the class does not start every match
    if m.re is _LEADING_GROUP:
        starts = [_unescaped(word) for word in _WORD.findall(m.group(1))]
    else:  # each character once, in order
        starts = list(dict.fromkeys(_unescaped(m.group(1))))
    return [re.escape(start) + pattern[m.end() :] for start in starts]


def _unescaped(text: str) -> str:
    return _ESCAPED.sub(lambda m: "\t" if m[1] == "t" else m[1], text)


def _alternatives_at_top(pattern: str) -> bool:
    """Whether ``pattern`` has a | outside every group and class."""
    depth, in_class, i = 0, False, 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 1  # the escaped character is literal
        elif in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
            i += pattern.startswith("^", i + 1)
            i += pattern.startswith("]", i + 1)  # a ] first in a class is literal
        elif c in "()":
            depth += 1 if c == "(" else -1
        elif c == "|" and depth == 0:
            return True
        i += 1
    return False
