"""Position-keeping normalisation: a 1:1 character map and an offset -> line:column index."""

from __future__ import annotations

import bisect
import operator
import re
from itertools import accumulate

from .script import simplified

# Full-width ASCII (U+FF01..U+FF5E) folds to ASCII; ideographic and no-break spaces to a space.
# Every entry maps one code point to one code point, so offsets survive normalisation.
_FOLD = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_FOLD.update({0x3000: 0x20, 0x00A0: 0x20, 0x2002: 0x20, 0x2003: 0x20, 0x2009: 0x20, 0x200B: 0x20})

_BREAK = re.compile(r"\r\n|\r|\n")


_FOLDABLE = re.compile("[" + "".join(map(chr, _FOLD)) + "]")


def normalize(text: str) -> str:
    """Fold full-width ASCII and odd spaces, and read traditional characters as simplified ones; the
    result has exactly the length of ``text``. A report uses a handful of foldable characters many times:
    replacing each in one C pass is 5x faster than ``str.translate``, and each is found by one search
    from where the last was (none folds into another), not by listing every occurrence."""
    at = 0
    while found := _FOLDABLE.search(text, at):
        ch, at = found.group(), found.start()
        text = text.replace(ch, chr(_FOLD[ord(ch)]))
    return simplified(text)


class LineIndex:
    """Maps offsets of a text to 1-based (line, column) in code points; LF, CRLF and CR end lines."""

    __slots__ = ("ends", "length", "starts")

    def __init__(self, text: str) -> None:
        if "\r" in text:
            starts, ends = [0], []
            for m in _BREAK.finditer(text):
                ends.append(m.start())
                starts.append(m.end())
            ends.append(len(text))
        else:  # LF only (most files): each line's end from the lengths of the lines before it, in C
            lengths = list(map(len, text.split("\n")))
            ends = list(map(operator.add, accumulate(lengths), range(len(lengths))))
            starts = [0, *map((1).__add__, ends[:-1])]
        self.starts, self.ends, self.length = starts, ends, len(text)

    def position(self, offset: int) -> tuple[int, int]:
        """The (line, column) of ``offset``; an offset inside a line break sticks to its line's end.
        (Bounds by comparison, not max()/min(): every finding asks twice.)"""
        if offset < 0:
            offset = 0
        elif offset > self.length:
            offset = self.length
        i = bisect.bisect_right(self.starts, offset) - 1
        end = self.ends[i]
        return i + 1, (offset if offset < end else end) - self.starts[i] + 1

    def line_span(self, number: int) -> tuple[int, int]:
        """Start and end offsets (line break excluded) of 1-based line ``number``."""
        i = max(1, min(number, len(self.starts))) - 1
        return self.starts[i], self.ends[i]

    end_position = position  # the (line, column) just after a span that ends (exclusive) at ``offset``

    def verbatim(self, start: int, end: int) -> bool:
        """Whether the span stands unchanged in the file (so a fix may replace it as it is)."""
        return True


class MappedIndex(LineIndex):
    """The index of a text made from another by deleting characters (Markdown markup): it takes
    offsets of the made text and gives positions in the original, whose line breaks it kept."""

    __slots__ = ("offsets", "original", "original_text")

    def __init__(self, text: str, original: str, offsets: list[int]) -> None:
        super().__init__(text)
        self.original, self.original_text, self.offsets = LineIndex(original), original, offsets

    def position(self, offset: int) -> tuple[int, int]:
        return self.original.position(self.offsets[max(0, min(offset, self.length))])

    def end_position(self, offset: int) -> tuple[int, int]:
        offset = max(1, min(offset, self.length))
        return self.original.position(self.offsets[offset - 1] + 1)

    def verbatim(self, start: int, end: int) -> bool:
        """No markup was deleted inside the span: a fix across it would delete the markup too."""
        return end <= start or self.offsets[end - 1] - self.offsets[start] == end - start - 1
