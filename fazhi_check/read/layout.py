"""What a Word draft's layout is, as plain data (no XML): each body paragraph's effective formatting,
aligned with the lines of the text, each section's page, and the page numbers in the footers."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Span:
    """Columns [start, end) of a line set in one East Asian face, Latin face and size."""

    start: int
    end: int
    east_asian: str | None
    latin: str | None
    size: float | None  # points
    east_asian_chars: int  # characters set in the East Asian face


@dataclass(frozen=True)
class ParagraphFormat:
    """A body paragraph's formatting as Word applies it (defaults, styles, numbering, direct)."""

    spans: tuple[Span, ...] = ()
    align: str = "left"  # left, center, right, both, distribute
    first_line: float = 0.0  # first-line indent in characters (negative: hanging)
    left: float = 0.0  # indents in points
    right: float = 0.0
    line_rule: str = "auto"  # auto (a multiple of single spacing), exact, atLeast
    line: float = 1.0  # the multiple, or points
    table: bool = False
    boxed: bool = False


@dataclass(frozen=True)
class PageSetup:
    """One section: the lines it holds and its page, in millimetres (None where the file says nothing)."""

    first_line: int
    last_line: int
    width: float | None
    height: float | None
    top: float | None
    bottom: float | None
    left: float | None
    right: float | None
    grid: str | None  # w:docGrid type: lines, linesAndChars, snapToChars, or None
    line_pitch: float | None  # points
    number_format: str  # the page numbers' w:pgNumType format (decimal unless set)


@dataclass(frozen=True)
class PageNumber:
    """A footer's page number: the text around it, where it stands and how it is set."""

    pages: str  # odd, even, or all (the same footer on every page)
    before: str
    number: str
    after: str
    align: str
    left: float  # indents in points
    right: float
    font: str | None  # the face of its digits
    size: float | None
    instruction: str  # the field's instruction ("PAGE \\* Arabic")


@dataclass(frozen=True)
class Layout:
    paragraphs: tuple[ParagraphFormat, ...]  # one per line of the text
    pages: tuple[PageSetup, ...]
    page_numbers: tuple[PageNumber, ...]
    odd_even: bool  # odd and even pages have their own headers and footers
