"""Runs of text said twice: the scan behind FZ402, linear in the text's length."""

from __future__ import annotations

import operator
import re
from collections import Counter
from collections.abc import Iterator
from itertools import compress

_ANCHOR = re.compile(r"[,.;:!?。、的]")  # in normalised text: ，；： are folded to ASCII


def find_repeats(chars: str, size: int) -> Iterator[tuple[int, int, int]]:
    """(at, first, length) for each run of ``size`` or more characters said before at ``first``: a scan
    from left to right looks each window up among the windows it has seen, and goes on after each
    repeat it reports. Linear: only windows near an anchor (punctuation, 的) whose neighbouring
    half-window occurs twice, or inside a long anchor-free stretch, can repeat, so only they are seen."""
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
