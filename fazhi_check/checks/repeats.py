"""Runs of text said twice: the scan behind FZ402, linear in the text's length."""

from __future__ import annotations

import operator
import re
from collections import Counter
from collections.abc import Iterator
from itertools import compress

SPLIT_ABOVE = 8  # offsets in a group of windows above which the group is split, with longer keys
_ANCHOR = re.compile(r"[,.;:!?。、的]")  # in normalised text: ，；： are folded to ASCII


def find_repeats(chars: str, size: int) -> Iterator[tuple[int, int, int]]:
    """(at, first, length) for each run of ``size`` or more characters said before at ``first``: a scan
    from left to right looks each window up among the windows it has seen, and goes on after each
    repeat it reports. Linear: only windows whose first anchor (punctuation, 的) has keys around it
    that occur twice, or inside a long anchor-free stretch, can repeat, so only they are seen."""
    first_seen = dict[str, int]().setdefault  # window -> where the scan first saw it
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
    """Sorted ranges of window starts that may repeat. Two equal windows have their first
    anchor p at the same offset from their start; the windows whose first anchor is p at an offset
    lo … hi all hold the key ``chars[p - lo : p + size - hi]``, so where it occurs at one anchor of a
    group only, none of them can repeat. The groups begin with the offsets up to ``behind`` (key: the
    characters from the anchor) and from it (the characters before it), and the groups left are split
    in two, with longer keys, till they are small. Windows without an anchor lie in anchor-free
    stretches."""
    ahead = size // 2
    behind = size - ahead
    anchors = [m.start() for m in _ANCHOR.finditer(chars)]
    previous = [-1, *anchors]
    # (lo, hi, the anchors before, the anchors): the anchor is first in the windows at lo … hi
    groups = [(0, behind, previous, anchors), (behind, size - 1, *_roomy(previous, anchors, behind))]
    ranges = []
    while groups:
        lo, hi, qs, ps = groups.pop()
        end = size - hi
        keys = [chars[p - lo : p + end] for p in ps]
        counts = Counter(keys)
        if len(counts) == len(keys):
            continue  # no key is said twice (most reports' groups): none is kept
        twice = list(map((1).__lt__, map(counts.__getitem__, keys)))  # in C: few anchors are kept
        qs, ps = list(compress(qs, twice)), list(compress(ps, twice))
        if hi - lo < max(SPLIT_ABOVE, 1) or not ps:
            ranges += [(p - hi if p - hi > q else q + 1, p - lo + 1 if p - lo < last else last) for q, p in zip(qs, ps)]
        else:
            mid = (lo + hi) // 2
            groups += [(lo, mid, qs, ps), (mid + 1, hi, *_roomy(qs, ps, mid + 1))]
    ranges += [(a + 1, min(b - size + 1, last)) for a, b in zip(previous, [*anchors, len(chars)]) if b - a > size]
    ranges.sort()  # overlapping: the scan goes on from where it is
    return ranges


def _roomy(qs: list[int], ps: list[int], offset: int) -> tuple[list[int], list[int]]:
    """The anchors ``ps`` (and those before them, ``qs``) that can be first at ``offset`` in a window:
    no anchor stands in the ``offset`` characters before them."""
    room = list(map(offset.__lt__, map(operator.sub, ps, qs)))
    return list(compress(qs, room)), list(compress(ps, room))


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
