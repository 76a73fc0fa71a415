"""The document: what a report says about itself, read from its text in steps — the outline (typed
lines), title lines, extraction damage repaired, the head (title, opening, issuer, dates), the parts
and their kinds, the years and the report year."""

from __future__ import annotations

import datetime
from dataclasses import replace

from ..numerals import parse_date
from ..outline import parse_outline
from ..positions import LineIndex, normalize
from ..vocabulary import Vocabulary
from . import head, years
from .kinds import classify, folds
from .model import Document, Enumeration, Fold, Heading, Part, Title
from .parts import split_parts
from .repair import split_run_in_title


def _written(text: str, title: Title, vocabulary: Vocabulary) -> str:
    """The title as the file writes it, read as the head reads it (letter-spacing, 文号, decoration), the
    issuer's line above it first."""
    shown = (title.issuer_line, *title.lines) if title.issuer_line else title.lines
    number = vocabulary.pattern("doc_number")
    written = [head.collapsed(text[ln.start : ln.end]) for ln in shown]
    return "".join(head.without_number(number, normalize(line), line) for line in written)


__all__ = ["Document", "Enumeration", "Fold", "Heading", "Part", "Title", "build_document"]


def build_document(
    text: str,
    vocabulary: Vocabulary,
    year: int | None = None,
    published: datetime.date | None = None,
    index: LineIndex | None = None,
    published_source: str | None = None,
) -> Document:
    """Read ``text`` (original, any line breaks) into a Document; ``index`` maps its offsets to
    positions when they are not its own (a Markdown file's text without its markup). ``published`` is
    the publication date a caller knows (``published_source``: option, or where a page gave it)."""
    normalized = normalize(text)
    lines = split_run_in_title(head.mark_titles(parse_outline(normalized), vocabulary), vocabulary)
    frame = head.read_head(lines, vocabulary)
    block_end = frame.body_start
    title = frame.title and replace(frame.title, written=_written(text, frame.title, vocabulary))
    opening = head.opening(lines, block_end)
    date_line = head.date_line(lines, frame, vocabulary)
    published_source = published_source or ("option" if published else None)
    if published is None and (published := head.published(frame, lines, vocabulary)):
        published_source = "page"
    body = lines[block_end:]
    if frame.page_lines:
        body = tuple(ln for ln in body if ln not in frame.page_lines)
    parts = classify(split_parts(body, vocabulary, date_line), vocabulary)
    parts = tuple(years.with_plan_year(p, vocabulary) for p in parts)
    first_part = parts[0].heading.line.start if parts else None
    opening_end = next((i for i in range(block_end, len(lines)) if lines[i].start == first_part), len(lines))
    title_year = years.title_year(title)
    formula_year = years.formula_year(lines, block_end, opening_end, vocabulary)
    opening_year = years.sentence_year(opening)
    plan_year = next((p.year for p in parts if p.covers("plan")), None)
    date = parse_date(date_line.text) if date_line else None
    report_year, source = years.report_year(year, title_year, formula_year, opening_year, parts, plan_year, date)
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
        formula_year=formula_year,
        issuer=head.issuer(text, lines, frame, vocabulary),
        date=date,
        date_line=date_line,
        parts=parts,
        folds=folds(parts, vocabulary),
        plan_year=plan_year,
        report_year=report_year,
        report_year_source=source,
        published=published,
        published_source=published_source,
        page_lines=frame.page_lines,
        vocabulary=vocabulary,
    )
