"""Check kinds that judge a report's years and dates: part years, the report year's sources, date windows
and fields that must be there."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from .base import Hit, Subject, check, whole_file
from .patterns import search


@check("section-year")
def section_year(subject: Subject, options: dict) -> Iterator[Hit]:
    doc = subject.document
    if doc.report_year is None:
        return
    expected = doc.report_year + options["offset"]
    for part in doc.parts:
        if part.also:
            continue  # a heading naming two kinds ("存在问题及2025年工作打算"): whose year it is, is unclear
        if part.kind in options["sections"] and part.year and part.year.value != expected:
            written = doc.text[part.year.start : part.year.end]
            digits = written[:4] if written[:4].isdigit() else None
            replacement = str(expected) + written[4:] if digits else f"{expected}年"
            params = {"expected": expected, "found": part.year.value}
            yield Hit(part.year.start, part.year.end, params, section=part.kind, replacement=replacement)


@check("missing-field")
def missing_field(subject: Subject, options: dict) -> Iterator[Hit]:
    """A field of the document is absent (or fails ``pattern``); with ``when``, only if that field is there."""
    doc = subject.document
    if options.get("when") and _field(doc, options["when"]) is None:
        return
    value = _field(doc, options["field"])
    pattern = options.get("pattern")
    if value is None or (pattern and not search(pattern, str(value))):
        yield Hit(*whole_file(doc))


def _field(doc, name: str):
    if name == "title":
        return doc.title.text if doc.title else None
    return getattr(doc, name)


@check("year-conflict")
def year_conflict(subject: Subject, options: dict) -> Iterator[Hit]:
    """The title and the opening sentence name different report years (silent under --year)."""
    doc = subject.document
    title, opening = doc.title_year, doc.opening_year
    if doc.report_year_source != "option" and title and opening and title.value != opening.value:
        yield Hit(opening.start, opening.end, {"title_year": title.value, "opening_year": opening.value})


@check("date-window")
def date_window(subject: Subject, options: dict) -> Iterator[Hit]:
    """The date (成文日期 or publication date) falls outside [earliest, deadline] of the year after Y."""
    doc = subject.document
    value = getattr(doc, options["field"])
    if value is None or doc.report_year is None:
        return
    due = doc.report_year + 1
    earliest = datetime.date(due, *_month_day(options.get("earliest", "01-01")))
    deadline = datetime.date(due, *_month_day(options["deadline"]))
    if earliest <= value <= deadline:
        return
    if options["field"] == "date" and doc.date_line is not None:
        span = doc.date_line.start + doc.date_line.indent, doc.date_line.end
    else:
        span = whole_file(doc)
    params = {}
    for name, day in (("date", value), ("earliest", earliest), ("deadline", deadline)):
        params[name], params[name + "_iso"] = f"{day.year}年{day.month}月{day.day}日", day.isoformat()
    yield Hit(*span, params)


def _month_day(text: str) -> tuple[int, int]:
    month, day = text.split("-")
    return int(month), int(day)
