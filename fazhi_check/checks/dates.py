"""Check kinds that judge a report's years and dates: part years, the report year's sources, date windows
and fields that must be there."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator

from ..literals import may_match
from .base import Hit, Subject, check, whole_file
from .patterns import search


@check("section-year", params=("expected", "found"))
def section_year(subject: Subject, options: dict) -> Iterator[Hit]:
    doc = subject.doc
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
    doc = subject.doc
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


@check("year-conflict", params=("title_year", "opening_year"))
def year_conflict(subject: Subject, options: dict) -> Iterator[Hit]:
    """The title names another report year than the opening: its formal sentence ("现将……2023年度……
    报告如下"), else its first sentence (silent under --year)."""
    doc = subject.doc
    title, opening = doc.title_year, doc.formula_year or doc.opening_year
    if doc.report_year_source != "option" and title and opening and title.value != opening.value:
        yield Hit(opening.start, opening.end, {"title_year": title.value, "opening_year": opening.value})


@check("date-window", params=("date", "date_iso", "earliest", "earliest_iso", "deadline", "deadline_iso"))
def date_window(subject: Subject, options: dict) -> Iterator[Hit]:
    """The date (成文日期 or publication date) falls outside [earliest, deadline] of the year after Y."""
    doc = subject.doc
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


_WRITTEN_DATE = re.compile(
    r"(\d{2,4}|[〇○零一二三四五六七八九]{2,4})[ \t]*年[ \t]*(\d{1,2}|[一二三四五六七八九十]{1,3})[ \t]*月"
    r"[ \t]*(\d{1,2}|[一二三四五六七八九十]{1,3})[ \t]*日"
)


def _written_date(text: str) -> re.Match | None:
    """The first written date in ``text``, not searched for where 年, 月 or 日 is missing (most lines)."""
    return _WRITTEN_DATE.search(text) if may_match(_WRITTEN_DATE, text) else None


@check("date-form", params=("found", "due", "due_en"))
def date_form(subject: Subject, options: dict) -> Iterator[Hit]:
    """The 成文日期 not in Arabic numerals, with a short year or a leading zero; fixed where the date is
    certain (a two-digit year is not)."""
    doc = subject.doc
    line = doc.date_line or next((ln for ln in reversed(doc.lines[-4:]) if _written_date(ln.text)), None)
    m = _written_date(line.text) if line else None
    if m is None or line is None or not (doc.date_line or len(line.text.strip()) <= 40):
        return
    year, month, day = m.groups()
    start, end = line.start + m.start(), line.start + m.end()
    written = doc.text[start:end]
    if len(year) < 4:
        params = {"found": written, "due": "年份应写全称（如“2025年”）", "due_en": "write the year in full (2025)"}
        yield Hit(start, end, params, replacement=None)
        return
    from ..numerals import chinese_number

    digits = year if year.isdigit() else "".join(str(chinese_number(c)) for c in year)
    values = (chinese_number(month), chinese_number(day))
    if None in values or not digits.isdigit():
        return
    expected = f"{int(digits)}年{values[0]}月{values[1]}日"
    arabic = year.isdigit() and month.isdigit() and day.isdigit()
    if not arabic or month.startswith("0") or day.startswith("0"):
        params = {"found": written, "due": f"应写作“{expected}”", "due_en": f"write {expected}"}
        yield Hit(start, end, params, replacement=expected)
