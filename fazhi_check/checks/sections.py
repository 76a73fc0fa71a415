"""Check kinds that judge a report's parts: missing, folded, duplicate, short and misordered parts, and what
a part must mention."""

from __future__ import annotations

from collections.abc import Iterator

from ..document.lines import is_page_number, visible
from .base import Hit, Subject, check, whole_file
from .patterns import search


@check("missing-section")
def missing_section(subject: Subject, options: dict) -> Iterator[Hit]:
    doc = subject.doc
    folded = {f.kind for f in doc.folds}
    start, end = whole_file(doc)
    for kind in options["kinds"]:
        if doc.part_of(kind) is None and kind not in folded:
            yield Hit(start, end, section=kind)


@check("folded-section", params=("where", "where_en"))
def folded_section(subject: Subject, options: dict) -> Iterator[Hit]:
    for fold in subject.doc.folds:
        if fold.kind in options["kinds"]:
            params = {"where": options["where"][fold.via], "where_en": options["where_en"][fold.via]}
            yield Hit(fold.start, fold.end, params, section=fold.kind)


@check("section-mentions")
def section_mentions(subject: Subject, options: dict) -> Iterator[Hit]:
    """The parts of a kind (thematic measures parts together) say none of the patterns."""
    parts = [p for p in subject.doc.parts if p.covers(options["section"])]
    if not parts:
        return
    text = "\n".join(p.heading.title + "\n" + p.body_text for p in parts)
    if not any(search(p, text) for p in options["patterns"]):
        yield Hit(parts[0].heading.marker_start, parts[0].heading.end, section=options["section"])


@check("duplicate-section", params=("first_line",))
def duplicate_section(subject: Subject, options: dict) -> Iterator[Hit]:
    """A kind named by the headings of two level-1 parts with other parts between them."""
    parts = subject.doc.parts
    for kind in options["kinds"]:
        first = last = None
        for i, part in enumerate(parts):
            if part.kind_source != "heading" or not part.covers(kind):
                continue
            if last is not None and any(not p.covers(kind) for p in parts[last + 1 : i]):
                assert first is not None  # set with last
                params = {"first_line": parts[first].heading.line.number}
                yield Hit(part.heading.marker_start, part.heading.end, params, section=kind)
            first = i if first is None else first
            last = i


@check("short-section", params=("chars", "min_chars"))
def short_section(subject: Subject, options: dict) -> Iterator[Hit]:
    """A required kind whose parts hold fewer than ``min_chars`` characters of body (whitespace aside)."""
    doc = subject.doc
    for kind in options["sections"]:
        parts = [p for p in doc.parts if p.covers(kind)]
        if not parts:
            continue
        size = _body_size(parts, options["min_chars"])
        if size < options["min_chars"]:
            heading = parts[0].heading
            yield Hit(heading.marker_start, heading.end, {"chars": size, "min_chars": options["min_chars"]}, kind)


@check("section-order", params=("after", "after_en"))
def section_order(subject: Subject, options: dict) -> Iterator[Hit]:
    """A part whose kind comes before that of an earlier part in the configured order."""
    doc = subject.doc
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


def _body_size(parts, enough: int) -> int:
    """Characters of the parts' bodies, whitespace and page numbers aside, counted until there are
    ``enough`` (a long part is not read to its end)."""
    size = 0
    for part in parts:
        for line in part.body:
            if not is_page_number(line.text):
                size += visible(line.text)
                if size >= enough:
                    return size
    return size
