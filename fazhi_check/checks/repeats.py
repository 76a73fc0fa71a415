"""Runs of text said twice: the scan behind FZ402, linear in the text's length."""

from __future__ import annotations

import bisect
import operator
import re
import sys
from collections import Counter
from collections.abc import Iterator
from itertools import compress

PRUNE_FROM = 64  # windows per character of a window left that make the keys before the anchors worth counting
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
    after_counts = Counter(after)
    twice_after = map((1).__lt__, map(after_counts.__getitem__, after))
    twice_before = map((1).__lt__, map(Counter(before).__getitem__, before))
    # A window that holds an anchor and its key, where that key occurs once, cannot repeat (the other
    # copy would hold the same anchor and key): a window whose first anchor p has a key said twice ends
    # its first half before the next anchor whose key is said once (``unique``)
    unique = list(compress(anchors, map((1).__eq__, map(after_counts.__getitem__, after))))
    ranges = [
        (max(p - behind, q + 1), min(p + 1, last, _next(unique, p) - behind))
        for q, p in compress(zip(previous, anchors), twice_after)
    ]
    ranges += [(max(p - size + 1, q + 1), min(p - behind + 1, last)) for q, p in compress(far, twice_before)]
    ranges += [(a + 1, min(b - size + 1, last)) for a, b in zip([-1, *anchors], [*anchors, len(chars)]) if b - a > size]
    merged: list[tuple[int, int]] = []
    for lo, hi in sorted(ranges):
        if merged and lo <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], hi))
        elif lo < hi:
            merged.append((lo, hi))
    if sum(hi - lo for lo, hi in merged) > PRUNE_FROM * size:  # many left (a text that repeats itself): the same
        # for the key before an anchor, which the starts p - size + 1 … p - behind hold with the anchor
        late = anchors[bisect.bisect_left(anchors, behind) :]
        keys = [chars[p - behind : p] for p in late]
        before_counts = Counter(keys)
        once = compress(late, map((1).__eq__, map(before_counts.__getitem__, keys)))
        merged = _without(merged, [p - size + 1 for p in once], ahead)
    return merged


def _next(positions: list[int], at: int) -> int:
    """The first of the (sorted) ``positions`` after ``at``, or one past any text."""
    k = bisect.bisect_right(positions, at)
    return positions[k] if k < len(positions) else sys.maxsize


def _without(ranges: list[tuple[int, int]], lows: list[int], width: int) -> list[tuple[int, int]]:
    """``ranges`` without the starts low … low + width - 1 of each of the (sorted) ``lows``."""
    out = []
    for lo, hi in ranges:
        k = bisect.bisect_left(lows, lo - width + 1)  # the first that reaches into the range
        at = lo
        while k < len(lows) and lows[k] < hi:
            if lows[k] > at:
                out.append((at, lows[k]))
            at = max(at, lows[k] + width)
            k += 1
        if at < hi:
            out.append((at, hi))
    return out


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
