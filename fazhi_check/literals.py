"""What text every match of a regular expression contains: groups of literal strings, a string of each of
which must occur in a text for the pattern to match in it at all. Most patterns find nothing in most
reports (a placeholder, a secrecy mark), and telling that by ``str`` searches (C's fast search for a
literal) is much cheaper than running the pattern, which may have to try every position. The pattern is
read with Python's own regular expression parser; anything this module does not know (a case-insensitive
part, a back-reference, a large character class) gives no literals, and the pattern is simply run.
A pattern that cannot match need not even be compiled (``Lazy``), and what a run reads of its patterns'
literals is kept for the next (``unsaved``/``learn``, through the per-user cache)."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from functools import lru_cache

try:  # the parser behind re.compile (re._parser from Python 3.11, sre_parse before)
    from re import _constants as _c  # type: ignore[attr-defined]
    from re import _parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _parser  # type: ignore[no-redef]

MAX_STRINGS = 12  # more alternatives than this are not worth a search each
MAX_CLASS = 6  # a character class of more characters than this gives no literals
MAX_GROUPS = 4  # groups looked for in a text, the likeliest to be missing first
MEMO_FROM = 2000  # characters from which a text's answers are kept for the next pattern asked about it
_REPEATS = {_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", _c.MAX_REPEAT)}


class _Unknown(Exception):
    """Something the reading does not follow (then the pattern gives no literals)."""


Groups = tuple[tuple[str, ...], ...]
_known: dict[tuple[str, int], Groups | None] = {}  # (pattern, flags) -> groups: read here, or by an earlier run
_unsaved = False  # groups were read here that the per-user cache does not hold yet


@lru_cache(maxsize=512)
def required(pattern: str, flags: int = 0) -> Groups | None:
    """Groups of literal strings such that every match of ``pattern`` contains a string of each group,
    or None where none can be told (the pattern is then always run)."""
    global _unsaved
    key = (pattern, flags)
    if key not in _known:
        _known[key], _unsaved = _read(pattern, flags), True
    return _known[key]


def _read(pattern: str, flags: int) -> Groups | None:
    try:
        parsed = _parser.parse(pattern, flags)
        if parsed.state.flags & re.IGNORECASE:
            return None
        groups = _needs(list(parsed))
    except (_Unknown, re.error, RecursionError, AttributeError, TypeError, ValueError):
        return None
    unique = {tuple(group) for group in groups}
    return tuple(sorted(unique, key=_rank)[:MAX_GROUPS]) or None


def learn(entries) -> None:
    """Take the groups an earlier run read (``unsaved()``'s list, from the per-user cache as plain
    data), so that this one need not parse those patterns again; an entry of any other shape is passed
    over."""
    for entry in entries if isinstance(entries, list) else ():
        if isinstance(entry, tuple) and len(entry) == 3 and _is_groups(entry[2]):
            pattern, flags, groups = entry
            if isinstance(pattern, str) and isinstance(flags, int):
                _known.setdefault((pattern, flags), groups)


def _is_groups(groups) -> bool:
    return groups is None or (
        isinstance(groups, tuple)
        and all(isinstance(g, tuple) and g and all(isinstance(s, str) and s for s in g) for g in groups)
    )


def unsaved() -> list[tuple[str, int, Groups | None]] | None:
    """Every pattern's groups known here, where this run read some the cache does not hold (else None)."""
    global _unsaved
    if not _unsaved:
        return None
    _unsaved = False
    return [(pattern, flags, groups) for (pattern, flags), groups in _known.items()]


_last: tuple[str | None, dict[str, bool]] = (None, {})  # the text last asked about, and its answers


def may_match(pattern: re.Pattern | Lazy, text: str) -> bool:
    """False only where ``pattern`` cannot match anywhere in ``text`` (a group of its literals of which
    none occurs). Many patterns are asked about one text (a report's): each literal is looked for in it
    once."""
    return not isinstance(pattern.pattern, str) or may_find(pattern.pattern, pattern.flags, text)


def may_find(pattern: str, flags: int, text: str) -> bool:
    """``may_match`` for a pattern not compiled yet (it need not be, where this is False)."""
    global _last
    groups = required(pattern, flags)
    if groups is None:
        return True
    if len(text) < MEMO_FROM:  # a line: looked at directly, and the report's answers are kept
        for group in groups:
            for s in group:
                if s in text:
                    break
            else:
                return False
        return True
    last = _last
    if last[0] is not text:
        _last = last = (text, {})
    found = last[1]
    for group in groups:
        unknown = []
        for s in group:
            here = _told(s, text, found)
            if here:
                break
            if here is None:
                unknown.append(s)
        else:
            if not unknown:
                return False
            if len(unknown) >= 3:  # one scan for all of them
                m = _any_of(group).search(text)
                if m is None:
                    found.update(dict.fromkeys(unknown, False))
                    return False
                found[m.group()] = True
                continue
            for s in unknown:
                here = found[s] = s in text
                if here:
                    break
            else:
                return False
    return True


def _told(s: str, text: str, found: dict[str, bool]) -> bool | None:
    """Whether ``s`` occurs in ``text`` as far as its characters tell (each looked for once, at memchr
    speed): False where one is missing, True for a character that occurs, None where only a search for
    ``s`` can tell. ``found`` keeps the answers."""
    here = found.get(s)
    if here is None:
        for ch in s:
            there = found.get(ch)
            if there is None:
                there = found[ch] = ch in text
            if not there:
                found[s] = False
                return False
        return True if len(s) == 1 else None
    return here


@lru_cache(maxsize=256)
def _any_of(group: tuple[str, ...]) -> re.Pattern:
    """A pattern that finds any string of ``group`` (the longest first where one starts another)."""
    return re.compile("|".join(map(re.escape, sorted(group, key=len, reverse=True))))


class Lazy:
    """A pattern compiled the first time it is asked about a string that may hold a match of it (one
    that holds its literals): until then each search answers "no match" without compiling. A run of one
    file then compiles only the vocabulary its lines may hold: CPython's compiler spends about 0.2 ms on
    each class of Chinese punctuation and 1 ms on [\u4e00-\u9fff]. The methods are re.Pattern's."""

    __slots__ = ("pattern", "flags", "_compiled")

    def __init__(self, pattern: str) -> None:
        self.pattern, self.flags = pattern, re.UNICODE  # the flags a compiled str pattern reads
        self._compiled: re.Pattern | None = None

    def compiled(self) -> re.Pattern:
        if self._compiled is None:
            self._compiled = re.compile(self.pattern)
        return self._compiled

    @property
    def compiled_pattern(self) -> re.Pattern | None:
        """The compiled pattern, once it is."""
        return self._compiled

    def _for(self, string: str) -> re.Pattern | None:
        if self._compiled is not None or may_find(self.pattern, self.flags, string):
            return self.compiled()
        return None

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        compiled = self._for(string)
        return None if compiled is None else compiled.search(string, pos, endpos)

    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        compiled = self._for(string)
        return None if compiled is None else compiled.match(string, pos, endpos)

    def fullmatch(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        compiled = self._for(string)
        return None if compiled is None else compiled.fullmatch(string, pos, endpos)

    def finditer(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        compiled = self._for(string)
        return iter(()) if compiled is None else compiled.finditer(string, pos, endpos)

    def findall(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> list:
        compiled = self._for(string)
        return [] if compiled is None else compiled.findall(string, pos, endpos)

    def sub(self, repl, string: str, count: int = 0) -> str:
        compiled = self._for(string)
        return string if compiled is None else compiled.sub(repl, string, count)


def prepare(pattern: re.Pattern | Lazy) -> None:
    """Read ``pattern``'s literals now, and build the scans for them (a batch does this before any
    file's budget starts)."""
    for group in required(pattern.pattern, pattern.flags) or ():
        if len(group) >= 3:
            _any_of(group)


def _rank(group) -> tuple:
    """Longer strings first, fewer first: the likeliest to be missing from a text, and the cheapest."""
    return (-min(map(len, group)), len(group), group)


def _needs(items: list) -> list[list[str]]:
    """What a concatenation needs: each of its runs of literal characters, and what each of its parts
    needs (all of them, every match holds each)."""
    groups: list[list[str]] = []
    run: list[str] = []
    for op, av in items:
        if op is _c.LITERAL:
            run.append(chr(av))
            continue
        if run:
            groups.append(["".join(run)])
            run = []
        groups += _item(op, av)
    if run:
        groups.append(["".join(run)])
    return groups


def _item(op, av) -> list[list[str]]:
    if op is _c.SUBPATTERN:
        _, add_flags, _, body = av
        if add_flags & re.IGNORECASE:
            raise _Unknown  # a case-insensitive part: its literals would need a case-insensitive search
        return _needs(list(body))
    if op is getattr(_c, "ATOMIC_GROUP", None):
        return _needs(list(av))
    if op in _REPEATS:
        low, _, body = av
        return _needs(list(body)) if low >= 1 else []
    if op is _c.BRANCH:
        strings: list[str] = []
        for alternative in av[1]:
            needs = _needs(list(alternative))
            if not needs:
                return []  # an alternative that needs nothing: the branch needs nothing
            strings += [s for s in min(needs, key=_rank) if s not in strings]
        return [strings] if len(strings) <= MAX_STRINGS else []
    if op is _c.IN:
        if len(av) <= MAX_CLASS and all(kind is _c.LITERAL for kind, _ in av):
            return [[chr(code) for _, code in av]]
        return []
    if op in (_c.ASSERT, _c.ASSERT_NOT, _c.AT, _c.ANY, _c.NOT_LITERAL, _c.CATEGORY, _c.GROUPREF):
        return []  # zero-width, or any character: needs nothing in particular
    raise _Unknown(op)
