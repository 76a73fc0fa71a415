"""Check kinds that judge a report's structure: its parts, their kinds, years and numbering."""

from __future__ import annotations

import bisect
import datetime
import re
from collections import Counter
from collections.abc import Iterator

from ..numerals import to_chinese_number as chinese_numeral
from .base import Hit, Subject, check, section_at, whole_file


@check("missing-section")
def missing_section(subject: Subject, options: dict) -> Iterator[Hit]:
    doc = subject.document
    folded = {f.kind for f in doc.folds}
    start, end = whole_file(doc)
    for kind in options["kinds"]:
        if doc.part_of(kind) is None and kind not in folded:
            yield Hit(start, end, section=kind)


@check("folded-section")
def folded_section(subject: Subject, options: dict) -> Iterator[Hit]:
    where = {"subheading": ("作为小标题", "as a sub-heading"), "sentence": ("正文中的一句话", "in a sentence")}
    for fold in subject.document.folds:
        if fold.kind in options["kinds"]:
            zh, en = where[fold.via]
            yield Hit(fold.start, fold.end, {"where": zh, "where_en": en}, section=fold.kind)


@check("section-mentions")
def section_mentions(subject: Subject, options: dict) -> Iterator[Hit]:
    """The parts of a kind (thematic measures parts together) say none of the patterns."""
    parts = [p for p in subject.document.parts if p.covers(options["section"])]
    if not parts:
        return
    text = "\n".join(p.heading.title + "\n" + p.body_text for p in parts)
    if not any(re.search(p, text) for p in options["patterns"]):
        yield Hit(parts[0].heading.marker_start, parts[0].heading.end, section=options["section"])


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
    if value is None or (pattern and not re.search(pattern, str(value))):
        yield Hit(*whole_file(doc))


def _field(doc, name: str):
    if name == "title":
        return doc.title.text if doc.title else None
    return getattr(doc, name)


@check("heading-without-numeral")
def heading_without_numeral(subject: Subject, options: dict) -> Iterator[Hit]:
    doc = subject.document
    numbered = next((p.heading for p in doc.parts if p.heading.numeral), None)
    if numbered is None:
        return  # a report that numbers no part has a style of its own, not a missing numeral
    style = doc.text[numbered.marker_start : numbered.marker_end].strip()
    previous = 0
    for part in doc.parts:
        value = part.heading.value
        if part.heading.numeral is None:
            value = previous + 1
            numeral = chinese_numeral(value)
            marker = style.replace(numbered.numeral, numeral, 1)  # "二、" or "（二）", as the report writes them
            params = {"ordinal": numeral, "expected_arabic": value, "marker": marker}
            yield Hit(part.heading.marker_start, part.heading.end, params, section=part.kind)
        previous = value or previous + 1


@check("numbering-sequence")
def numbering_sequence(subject: Subject, options: dict) -> Iterator[Hit]:
    parts = subject.document.parts
    if 1 in options["levels"]:
        yield from _sequence([(p.heading, p.kind) for p in parts], level=1)
    if 2 in options["levels"]:
        for part in parts:
            yield from _sequence([(s, part.kind) for s in part.subheadings], level=2)
    if "inline" in options["levels"]:
        for part in parts:
            yield from _inline_sequence(part)


def _inline_sequence(part) -> Iterator[Hit]:
    """一是/二是… within one level-2 part (or a level-1 part without any) run on across paragraphs;
    a list may start again at 一是, but never skip or step back ("五是" then "二是")."""
    bounds = [s.marker_start for s in part.subheadings]
    previous, group = 0, 0
    for item in part.enumerations:
        at = bisect.bisect_right(bounds, item.start)
        if at != group:
            previous, group = 0, at
        if item.value not in (previous + 1, 1):
            params = {
                "what": "“一是、二是”列举",
                "what_en": "The inline enumeration",
                "expected": chinese_numeral(previous + 1) + "是",
                "found": item.numeral + "是",
                "expected_arabic": previous + 1,
                "found_arabic": item.value,
            }
            yield Hit(item.start, item.end, params, section=part.kind)
        previous = item.value


def _sequence(headings, level: int) -> Iterator[Hit]:
    """Numerals must run 1, 2, 3…; after a fault the count resumes from what was written."""
    expected = 1
    for h, section in headings:
        if h.value is not None and h.value != expected:
            params = {
                "what": f"第{chinese_numeral(level)}级标题",
                "what_en": f"The level-{level} numeral",
                "expected": chinese_numeral(expected),
                "found": h.numeral,
                "expected_arabic": expected,
                "found_arabic": h.value,
            }
            yield Hit(h.marker_start, h.marker_end, params, section=section)
            expected = h.value
        expected += 1


@check("duplicate-section")
def duplicate_section(subject: Subject, options: dict) -> Iterator[Hit]:
    """A kind named by the headings of two level-1 parts with other parts between them."""
    parts = subject.document.parts
    for kind in options["kinds"]:
        first = last = None
        for i, part in enumerate(parts):
            if part.kind_source != "heading" or not part.covers(kind):
                continue
            if last is not None and any(not p.covers(kind) for p in parts[last + 1 : i]):
                params = {"first_line": parts[first].heading.line.number}
                yield Hit(part.heading.marker_start, part.heading.end, params, section=kind)
            first = i if first is None else first
            last = i


@check("short-section")
def short_section(subject: Subject, options: dict) -> Iterator[Hit]:
    """A required kind whose parts hold fewer than ``min_chars`` characters of body (whitespace aside)."""
    doc = subject.document
    for kind in options["sections"]:
        parts = [p for p in doc.parts if p.covers(kind)]
        if not parts:
            continue
        size = sum(p.body_size() for p in parts)
        if size < options["min_chars"]:
            heading = parts[0].heading
            yield Hit(heading.marker_start, heading.end, {"chars": size, "min_chars": options["min_chars"]}, kind)


@check("section-order")
def section_order(subject: Subject, options: dict) -> Iterator[Hit]:
    """A part whose kind comes before that of an earlier part in the configured order."""
    doc = subject.document
    rank = {kind: i for i, kind in enumerate(options["order"])}
    latest = None
    for part in doc.parts:
        if part.kind not in rank:
            continue
        if latest is not None and rank[part.kind] < rank[latest]:
            params = {"after": doc.vocabulary.label(latest), "after_en": doc.vocabulary.label(latest, "en")}
            yield Hit(part.heading.marker_start, part.heading.end, params, section=part.kind)
        else:
            latest = part.kind


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


@check("mixed-marker-style")
def mixed_marker_style(subject: Subject, options: dict) -> Iterator[Hit]:
    """Level-2 markers typed two ways ("（一）" and "(一)"): those in the minority style, fixed to the
    majority's."""
    doc = subject.document
    headings = [h for p in doc.parts for h in (p.heading, *p.subheadings)]
    markers = [h for h in headings if h.numeral and h.line.kind == "h2"]
    styles = [_marker_style(doc.text[h.marker_start : h.marker_end], h.numeral) for h in markers]
    if len(set(styles)) < 2:
        return
    majority = Counter(styles).most_common(1)[0][0]
    for heading, style in zip(markers, styles):
        if style != majority:
            numeral = chinese_numeral(heading.value) if heading.value else heading.numeral
            expected = majority[0] + numeral + majority[1] if len(majority) == 2 else None
            found = doc.text[heading.marker_start : heading.marker_end].strip()
            params = {
                "found": found,
                "expected": expected or majority,
                "found_style": style,
                "expected_style": majority,
            }
            kind = section_at(doc, heading.marker_start)
            yield Hit(heading.marker_start, heading.marker_start + len(found), params, kind, expected)


def _marker_style(marker: str, numeral: str) -> str:
    """ "（一）" -> "（）", "(二)" -> "()", "㈠" -> "㈠" (enclosed)."""
    if len(numeral) == 1 and "\u3220" <= numeral <= "\u3229":
        return "㈠"
    return "".join(marker.replace(numeral, "", 1).split())
