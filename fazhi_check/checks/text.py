"""Check kinds that judge the text as text: whether it can be read, what it says, how it is typed."""

from __future__ import annotations

import bisect
import itertools
import operator
from itertools import compress
import re
from collections import Counter
from functools import lru_cache
from collections.abc import Iterator

from ..numerals import chinese_number
from .base import Hit, Subject, check, section_at, whole_file

_WHITESPACE = re.compile(r"\s+")
_SENTENCE = re.compile(r"[^。！？；!?;]+")
_COUNT = re.compile(r"(\d+)[ \t]*([个件起次人家项名场份所条户篇宗])")
_FILLER = "了达共计为有"
_RATE = re.compile(
    r"([\u4e00-\u9fff]{2})率[^\d%。,；;]{0,6}?(?:(\d+(?:\.\d+)?)[ \t]*%|(百分之[〇零一二三四五六七八九十百点]+))"
)
_LEADING_CLASS = re.compile(r"\[((?:[^\\\[\]^-]|\\t){1,4})\](?![*+?{])")  # [Xx×] or [ \t], not repeated
_BACKREFERENCE = re.compile(r"\\[1-9]|\(\?P=")
_PARENTHESIS = re.compile(r"[()]")
_NON_SPACE = re.compile(r"\S+")
_ANCHOR = re.compile(r"[,.;:!?。、的]")  # in normalised text: ，；： are folded to ASCII
_HALFWIDTH = {",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "?": "？", "!": "！"}
# a half-width mark touching Chinese text or Chinese punctuation (not quotes: they wrap Latin too)
_MARKS, _CJK = "[" + re.escape("".join(_HALFWIDTH)) + "]", "[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef《》…—]"
_HALFWIDTH_TOUCHING = re.compile(f"{_MARKS}(?:(?<={_CJK}.)|(?={_CJK}))")  # the mark first: a fast scan


@lru_cache(maxsize=64)
def _compiled(patterns: tuple[str, ...]) -> re.Pattern:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.MULTILINE)


@lru_cache(maxsize=64)
def _compiled_each(patterns: tuple[str, ...]) -> list[re.Pattern] | None:
    """Each pattern compiled on its own, in order; None where one refers to a group by number or name
    (its numbering differs inside the union). A pattern that starts with a class of a few plain
    characters ("[Xx×]…") becomes one pattern per character ("X…", "x…", "×…"): the search for a
    literal start runs several times faster than the test of every character against a class, and
    the pieces cannot tie, as no two start alike."""
    if any(_BACKREFERENCE.search(p) for p in patterns):
        return None
    return [re.compile(piece, re.MULTILINE) for p in patterns for piece in _by_first_character(p)]


def _by_first_character(pattern: str) -> list[str]:
    m = _LEADING_CLASS.match(pattern)
    if m is None or _alternatives_at_top(pattern) or "(?x" in pattern or "(?#" in pattern:
        return [pattern]  # "[ab]c|d" is "([ab]c)|d": the class does not start every match
    characters = dict.fromkeys(m.group(1).replace("\\t", "\t"))  # in order, once each
    return [re.escape(c) + pattern[m.end() :] for c in characters]


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


@check("unreadable", text_level=True)
def unreadable(subject: Subject, options: dict) -> Iterator[Hit]:
    if subject.error is not None:
        yield Hit(0, 0, {"reason": subject.error, "reason_en": subject.error_en or subject.error})


@check("empty", text_level=True)
def empty(subject: Subject, options: dict) -> Iterator[Hit]:
    if subject.error is None and subject.document is not None and not subject.document.lines:
        yield Hit(0, 0)


@check("not-annual-report", text_level=True)
def not_annual_report(subject: Subject, options: dict) -> Iterator[Hit]:
    if not subject.document.is_annual_report:
        yield Hit(*whole_file(subject.document))


@check("pattern", text_level=True)
def pattern(subject: Subject, options: dict) -> Iterator[Hit]:
    """Every match of the patterns in the normalised text (full-width ASCII folded), with an optional
    literal replacement as its fix."""
    doc = subject.document
    for start, end in _union_matches(tuple(options["patterns"]), doc.normalized):
        if end > start or options.get("replacement") is not None:
            found = doc.text[start:end]
            yield Hit(start, end, {"found": found}, section_at(doc, start), options.get("replacement"))


def _union_matches(patterns: tuple[str, ...], text: str) -> list[tuple[int, int]]:
    """(start, end) of each match of "p1|p2|…", exactly as its finditer gives them, found by searching
    each pattern on its own: one that starts with a character class is then searched in C, which
    the union of patterns that start differently is not (3x faster on the built-in rules). The
    leftmost match wins, the first pattern on a tie, and the search goes on from its end."""
    single = _compiled_each(patterns)
    if single is None:
        return [m.span() for m in _compiled(patterns).finditer(text)]
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
            return [m.span() for m in _compiled(patterns).finditer(text)]
        found.append(best.span())
        at = best.end()


@check("repeated-passage", text_level=True)
def repeated_passage(subject: Subject, options: dict) -> Iterator[Hit]:
    """A run of ``min_chars`` or more characters (whitespace, line breaks and page numbers ignored)
    that the body has said before, verbatim; reported once, at the repeat, as long as the copies agree."""
    doc = subject.document
    chars, origin = _body_chars(doc)
    for i, j, length in _repeats(chars, options["min_chars"]):
        start, end = origin(i), origin(i + length - 1) + 1
        first_line = doc.index.position(origin(j))[0]
        yield Hit(start, end, {"chars": length, "first_line": first_line}, section_at(doc, start))


def _body_chars(doc):
    """The body's characters without whitespace, and a map from their indexes to offsets in the text
    (built on first use: most reports repeat nothing)."""
    lines = doc.body_lines()
    chars = "".join("".join(line.text.split()) for line in lines)
    table: list = []

    def origin(index: int) -> int:
        if not table:
            pieces = [m for line in lines for m in _NON_SPACE.finditer(doc.normalized, line.start, line.end)]
            table.extend((pieces, list(itertools.accumulate((m.end() - m.start() for m in pieces), initial=0))))
        pieces, starts = table
        k = bisect.bisect_right(starts, index) - 1
        return pieces[k].start() + index - starts[k]

    return chars, origin


def _repeats(chars: str, size: int) -> Iterator[tuple[int, int, int]]:
    """(at, first, length) for each run of ``size`` or more characters said before at ``first``: a scan
    from left to right looks each window up among the windows it has seen, and goes on after each
    repeat it reports. Linear: only windows near an anchor (punctuation, 的) whose neighbouring
    half-window occurs twice, or inside a long anchor-free stretch, can repeat, so only they are seen."""
    first_seen = {}.setdefault  # window -> where the scan first saw it
    i = 0
    for lo, hi in _candidate_windows(chars, size, len(chars) - size + 1):
        i = max(i, lo)
        while i < hi:
            j = first_seen(chars[i : i + size], i)
            if j + size > i:
                i += 1
                continue
            length = size + _common_prefix(chars, j + size, i + size, min(len(chars) - i, i - j) - size)
            yield i, j, length
            i += length


def _candidate_windows(chars: str, size: int, last: int) -> list[tuple[int, int]]:
    """Sorted, merged ranges of window starts that may repeat. Two equal windows have their first
    anchor at the same offset: when it is at most ``behind``, the ``ahead`` characters from the anchor
    lie inside both windows, else the ``behind`` characters before it do; so that key of the anchor
    occurs twice, and the window starts after the anchor before. Windows without an anchor lie in
    anchor-free stretches."""
    ahead = size // 2
    behind = size - ahead
    anchors = [m.start() for m in _ANCHOR.finditer(chars)]
    previous = [-1, *anchors]
    after = [chars[p : p + ahead] for p in anchors]
    # the characters before an anchor are a key only where no anchor stands among them
    far = list(compress(zip(previous, anchors), map(behind.__lt__, map(operator.sub, anchors, previous))))
    before = [chars[p - behind : p] for _, p in far]
    # which keys occur twice is tested in C (map, compress): few anchors are kept, and only they
    # reach Python
    twice_after = map((1).__lt__, map(Counter(after).__getitem__, after))
    twice_before = map((1).__lt__, map(Counter(before).__getitem__, before))
    ranges = [(max(p - behind, q + 1), min(p + 1, last)) for q, p in compress(zip(previous, anchors), twice_after)]
    ranges += [(max(p - size + 1, q + 1), min(p - behind + 1, last)) for q, p in compress(far, twice_before)]
    ranges += [(a + 1, min(b - size + 1, last)) for a, b in zip([-1, *anchors], [*anchors, len(chars)]) if b - a > size]
    merged: list[tuple[int, int]] = []
    for lo, hi in sorted(ranges):
        if merged and lo <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], hi))
        elif lo < hi:
            merged.append((lo, hi))
    return merged


def _common_prefix(chars: str, a: int, b: int, limit: int) -> int:
    """How many characters from ``a`` and from ``b`` agree, at most ``limit``."""
    n, step = 0, 64
    while n < limit:
        k = min(step, limit - n)
        if chars[a + n : a + n + k] == chars[b + n : b + n + k]:
            n += k
        elif step > 1:
            step //= 8
        else:
            break
    return n


@check("rate-mismatch", text_level=True)
def rate_mismatch(subject: Subject, options: dict) -> Iterator[Hit]:
    """A rate named "<stem>率" whose stem labels exactly one count in the sentence ("出庭35个") and
    whose base is the only other count of the same unit ("开庭37个"); anything looser stays silent."""
    doc = subject.document
    if "率" not in doc.normalized:
        return
    for text, pieces in doc.paragraphs():
        if "率" not in text:
            continue  # every rate names one
        for sentence in _SENTENCE.finditer(text):
            if "率" not in sentence.group():
                continue
            for rate, numerator, denominator in _rates(sentence.group()):
                stated, decimals = _percent(rate)
                if stated is None or not denominator:
                    continue
                computed = numerator * 100 / denominator
                if abs(computed - stated) >= options["tolerance"] * 10**-decimals:
                    start = doc.locate(pieces, sentence.start() + rate.start(2 if rate.group(2) else 3))
                    end = doc.locate(pieces, sentence.start() + rate.end() - 1) + 1
                    params = {
                        "stated": f"{stated:g}",
                        "computed": f"{computed:.{max(decimals, 1)}f}",
                        "numerator": numerator,
                        "denominator": denominator,
                    }
                    yield Hit(start, end, params, section_at(doc, start))


def _rates(sentence: str):
    """(rate match, numerator, denominator) for each rate whose counts can be told apart."""
    counts = []
    for m in _COUNT.finditer(sentence):
        before = sentence[: m.start()].rstrip(" \t")
        if before[-1:] and before[-1] in _FILLER:
            before = before[:-1]
        counts.append((before[-2:], int(m.group(1)), m.group(2)))
    for rate in _RATE.finditer(sentence):
        labelled = [c for c in counts if c[0] == rate.group(1)]
        if len(labelled) != 1:
            continue
        _, numerator, unit = labelled[0]
        bases = [c for c in counts if c is not labelled[0] and c[2] == unit and c[1] >= numerator]
        if len(bases) == 1:
            yield rate, numerator, bases[0][1]


def _percent(rate: re.Match) -> tuple[float | None, int]:
    """The stated percentage and its number of decimals: 95.3% -> (95.3, 1), 百分之九十五 -> (95.0, 0)."""
    if rate.group(2):
        digits = rate.group(2)
        return float(digits), len(digits.partition(".")[2])
    whole, _, fraction = rate.group(3).removeprefix("百分之").partition("点")
    value = 100 if whole in ("百", "一百") else chinese_number(whole)
    decimals = [chinese_number(c) for c in fraction]
    if value is None or None in decimals:
        return None, 0
    return value + sum(d * 10 ** -(k + 1) for k, d in enumerate(decimals)), len(decimals)


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
