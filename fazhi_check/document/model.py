"""The document model: frozen data for what a report says about itself. Built by document/__init__.py;
read by the checks and the reports."""

from __future__ import annotations

import bisect
import datetime
from dataclasses import dataclass
from functools import cached_property

from ..numerals import YearMention
from ..outline import Line
from ..positions import LineIndex
from ..vocabulary import Vocabulary
from .lines import is_page_number, locate, paragraphs


@dataclass(frozen=True)
class Heading:
    """A numbered (or, for FZ303, unnumbered) heading: marker, numeral and the heading's own text."""

    line: Line
    numeral: str | None
    value: int | None
    marker_start: int
    marker_end: int
    end: int  # where the heading ends: its line's end, or the first 。 of a run-in body
    title: str  # normalised heading text after the marker, up to ``end``
    continuation: Line | None = None  # the next line, when the heading reads on into it (a PDF wrap)


@dataclass(frozen=True)
class Enumeration:
    """An inline 一是/二是 item inside a body line."""

    numeral: str
    value: int
    line: int
    start: int
    end: int


@dataclass(frozen=True)
class Part:
    """A level-1 part of the report and what it was recognised as."""

    heading: Heading
    kind: str | None
    also: tuple[str, ...]
    kind_source: str | None  # heading / body / position
    year: YearMention | None
    subheadings: tuple[Heading, ...]
    body: tuple[Line, ...]
    enumerations: tuple[Enumeration, ...]
    paragraphs: tuple  # the body's paragraphs, lines broken off one by extraction joined (lines.paragraphs)

    def covers(self, kind: str) -> bool:
        return self.kind == kind or kind in self.also

    def classified(self, kind: str, source: str, also: tuple[str, ...] | None = None) -> Part:
        """The part read as ``kind`` (``source``: how it was told), ``also`` replaced where given."""
        return self._made(kind, self.also if also is None else also, source, self.year)

    def with_year(self, year: YearMention) -> Part:
        """The part with the year it names or plans for."""
        return self._made(self.kind, self.also, self.kind_source, year)

    def _made(self, kind: str | None, also: tuple[str, ...], source: str | None, year: YearMention | None) -> Part:
        """This part with the given reading and year: what dataclasses.replace gives, at a third of its
        cost (a report's every part is classified)."""
        heading, subheadings, body = self.heading, self.subheadings, self.body
        return Part(heading, kind, also, source, year, subheadings, body, self.enumerations, self.paragraphs)

    @cached_property
    def body_text(self) -> str:
        """The body, lines broken off a paragraph by extraction joined back, paragraphs on lines."""
        return "\n".join(text for text, _ in self.paragraphs)


@dataclass(frozen=True)
class Fold:
    """A required kind with no part of its own, found inside another part (FZ106)."""

    kind: str
    via: str  # subheading / sentence
    line: int
    start: int
    end: int


@dataclass(frozen=True)
class Title:
    """The title: one line, or two when extraction broke it ("关于2024年度法治政府建设" / "情况的报告"),
    and the issuer's line above it where the title starts with the issuer's name (GB/T 9704: a title
    names the issuing organ, the matter and the genre). Positions point at the matter and genre."""

    lines: tuple[Line, ...]
    text: str  # normalised, the lines joined, letter-spacing closed up, a 文号 in front left out
    written: str = ""  # the same, of the original text, issuer line first: how reports show the title
    issuer_line: Line | None = None  # the issuer's name on the line right above: the title's first line

    @property
    def start(self) -> int:
        return self.lines[0].start + self.lines[0].indent

    @property
    def end(self) -> int:
        return self.lines[-1].end


@dataclass(frozen=True)
class Document:
    """What a report says about itself. Offsets index ``text``, the original text."""

    text: str
    normalized: str  # ``text`` through positions.normalize: same length, full-width ASCII folded
    index: LineIndex
    lines: tuple[Line, ...]
    body_start: int  # index in ``lines`` of the first line after the title block
    title: Title | None
    title_year: YearMention | None
    opening: Line | None
    opening_year: YearMention | None
    formula_year: YearMention | None  # the year of "现将……2023年度……情况报告如下" in the opening
    issuer: str | None
    date: datetime.date | None
    date_line: Line | None
    parts: tuple[Part, ...]
    folds: tuple[Fold, ...]
    plan_year: YearMention | None
    report_year: int | None
    report_year_source: str | None
    published: datetime.date | None  # the publication date, when the caller or the page gives it
    published_source: str | None  # option / page / meta
    page_lines: tuple[Line, ...]  # a web page's lines copied with the report: never body text
    vocabulary: Vocabulary

    def part_of(self, kind: str) -> Part | None:
        return next((p for p in self.parts if p.covers(kind)), None)

    def paragraphs(self):
        """The body's paragraphs, lines broken off one by extraction joined: (text, pieces), see ``locate``."""
        return paragraphs(self.lines[self.body_start :])

    @staticmethod
    def locate(pieces, offset: int) -> int:
        """The offset in ``text`` of ``offset`` in a paragraph from ``paragraphs``."""
        return locate(pieces, offset)[1]

    def heading_text(self, heading: Heading) -> str:
        """A heading as the file writes it, marker included, up to a run-in body."""
        return self.text[heading.marker_start : heading.end].strip()

    def headings(self) -> list[Heading]:
        """Every part's heading and sub-headings, in order."""
        return [h for p in self.parts for h in (p.heading, *p.subheadings)]

    def part_at(self, offset: int) -> Part | None:
        """The level-1 part that holds ``offset`` (None before the first part)."""
        at = bisect.bisect_right(self._part_starts, offset)
        return self.parts[at - 1] if at else None

    @cached_property
    def _part_starts(self) -> list[int]:
        return [p.heading.marker_start for p in self.parts]

    def body_lines(self) -> list[Line]:
        """The lines after the title block, page numbers ("- 2 -") and a web page's lines left out."""
        return list(self._body_lines)

    @cached_property
    def _body_lines(self) -> tuple[Line, ...]:  # several checks ask
        page = self._page_starts
        return tuple(ln for ln in self.lines[self.body_start :] if not is_page_number(ln.text) and ln.start not in page)

    @cached_property
    def _page_starts(self) -> frozenset[int]:
        return frozenset(ln.start for ln in self.page_lines)

    def on_page_line(self, offset: int) -> bool:
        """Whether ``offset`` lies on one of a web page's lines (which no typography rule judges)."""
        return any(ln.start <= offset <= ln.end for ln in self.page_lines)
