"""What a reader hands on: the text to check and how it maps back to the file."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

TYPE_CHECKING = False  # typing costs a run's start-up 2 ms: its names are for the type checker only
if TYPE_CHECKING:
    from .layout import Layout


@dataclass(frozen=True)
class Source:
    """The text to check, and how it maps back to the file."""

    text: str
    encoding: str | None  # the text encoding, or "docx" for a Word document
    paragraphs: bool = False  # lines are a Word document's paragraphs (findings quote them)
    original: str | None = None  # the file's text, when ``text`` was made from it by deleting markup
    offsets: list[int] | None = field(default=None, repr=False)  # text offset -> offset in ``original``
    pages: list[int] | None = field(default=None, repr=False)  # a PDF: the page of each line
    published: datetime.date | None = None  # a web page's publication date
    published_source: str | None = None  # where the page gave it: meta (a meta tag) or page (a 发布时间 line)
    layout: Layout | None = field(default=None, repr=False)  # a Word draft's layout
