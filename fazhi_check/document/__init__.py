"""The document: what a report says about itself, read from its text in steps — the outline (typed
lines), title lines, extraction damage repaired, the head (title, opening, issuer, dates), the parts
and their kinds, the years and the report year."""

from __future__ import annotations

import datetime

from ..numerals import parse_date
from ..outline import parse_outline
from ..positions import LineIndex, normalize
from ..vocabulary import Vocabulary
from . import head, years
from .kinds import classify, folds
from .model import Document, Enumeration, Fold, Heading, Part, Title
from .parts import split_parts
from .repair import split_run_in_title

__all__ = ["Document", "Enumeration", "Fold", "Heading", "Part", "Title", "build_document"]


def build_document(
    text: str,
    vocabulary: Vocabulary,
    year: int | None = None,
    published: datetime.date | None = None,
    index: LineIndex | None = None,
) -> Document:
    """Read ``text`` (original, any line breaks) into a Document; ``index`` maps its offsets to
    positions when they are not its own (a Markdown file's text without its markup)."""
    normalized = normalize(text)
    lines = split_run_in_title(head.mark_titles(parse_outline(normalized), vocabulary), vocabulary)
    block_end, title_at = head.title_block_end(lines, vocabulary)
    title = head.title(lines, title_at, vocabulary)
    opening = head.opening(lines, block_end)
    date_line = head.date_line(lines, block_end, vocabulary)
    published = published or head.published(lines, block_end, vocabulary)
    parts = classify(split_parts(lines[block_end:], vocabulary, date_line), vocabulary)
    parts = tuple(years.with_plan_year(p, vocabulary) for p in parts)
    title_year = years.title_year(title)
    opening_year = years.sentence_year(opening)
    plan_year = next((p.year for p in parts if p.covers("plan")), None)
    date = parse_date(date_line.text) if date_line else None
    report_year, source = years.report_year(year, title_year, opening_year, parts, plan_year, date)
    return Document(
        text=text,
        normalized=normalized,
        index=index or LineIndex(text),
        lines=lines,
        body_start=block_end,
        title=title,
        title_year=title_year,
        opening=opening,
        opening_year=opening_year,
        issuer=head.issuer(text, lines, block_end, title, vocabulary),
        date=date,
        date_line=date_line,
        parts=parts,
        folds=folds(parts, vocabulary),
        plan_year=plan_year,
        report_year=report_year,
        report_year_source=source,
        published=published,
        vocabulary=vocabulary,
    )
