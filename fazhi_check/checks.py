"""The closed set of check kinds. Each is a small generator of Hits over a Subject; rules configure them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Iterator

from .model import Document
from .numerals import to_chinese_number as chinese_numeral


@dataclass(frozen=True)
class Subject:
    """What the checks look at: the document, or why there is none (the file could not be read)."""

    document: Document | None
    error: str | None = None
    error_en: str | None = None


@dataclass(frozen=True)
class Hit:
    """One occurrence a check found: a span of the original text, message parameters, an optional fix."""

    start: int
    end: int
    params: dict = field(default_factory=dict)
    section: str | None = None
    replacement: str | None = None


Check = Callable[[Subject, dict], Iterator[Hit]]
CHECKS: dict[str, Check] = {}
#: check kinds that run on unreadable or empty input; all others need a document with text
RUN_WITHOUT_TEXT = {"unreadable", "empty"}


def check(kind: str):
    def register(fn: Check) -> Check:
        CHECKS[kind] = fn
        return fn

    return register


def _whole_file(doc: Document) -> tuple[int, int]:
    """A finding about the whole file points at the title line, else at line 1."""
    if doc.title:
        return doc.title.start, doc.title.end
    return doc.index.line_span(1)


@check("unreadable")
def unreadable(subject: Subject, options: dict) -> Iterator[Hit]:
    if subject.error is not None:
        yield Hit(0, 0, {"reason": subject.error, "reason_en": subject.error_en or subject.error})


@check("empty")
def empty(subject: Subject, options: dict) -> Iterator[Hit]:
    if subject.error is None and subject.document is not None and not subject.document.lines:
        yield Hit(0, 0)


@check("missing-section")
def missing_section(subject: Subject, options: dict) -> Iterator[Hit]:
    doc = subject.document
    folded = {f.kind for f in doc.folds}
    start, end = _whole_file(doc)
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
    part = subject.document.part_of(options["section"])
    if part is None:
        return
    text = part.heading.title + "\n" + part.body_text
    if not any(re.search(p, text) for p in options["patterns"]):
        yield Hit(part.heading.marker_start, part.heading.end, section=options["section"])


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
    doc = subject.document
    name = options["field"]
    value = doc.title.text if name == "title" and doc.title else getattr(doc, name)
    pattern = options.get("pattern")
    if value is None or (pattern and not re.search(pattern, str(value))):
        yield Hit(*_whole_file(doc))


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


def _sequence(headings, level: int) -> Iterator[Hit]:
    """Numerals must run 1, 2, 3…; after a fault the count resumes from what was written."""
    expected = 1
    for h, section in headings:
        if h.value is not None and h.value != expected:
            params = {
                "level": level,
                "level_zh": chinese_numeral(level),
                "expected": chinese_numeral(expected),
                "found": h.numeral,
                "expected_arabic": expected,
                "found_arabic": h.value,
            }
            yield Hit(h.marker_start, h.marker_end, params, section=section)
            expected = h.value
        expected += 1
