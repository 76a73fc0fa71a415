"""Check kinds that judge a report's numbering: headings without their numeral, numerals that skip or step
back, and marker styles mixed."""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterator

from ..numerals import to_chinese_number as chinese_numeral
from .base import Hit, Subject, check, section_at


@check("heading-without-numeral", params=("ordinal", "expected_arabic", "marker"))
def heading_without_numeral(subject: Subject, options: dict) -> Iterator[Hit]:
    """Parts whose heading lacks its numeral, with the marker that belongs, written as the report
    writes its other part numerals; where no part has one but their sub-parts are numbered, the
    numerals were lost and GB/T 9704's own marker (``lost_marker``) belongs."""
    doc = subject.doc
    numbered = next((p.heading for p in doc.parts if p.heading.numeral), None)
    if numbered is not None:
        assert numbered.numeral is not None  # it was chosen for its numeral
        style = doc.text[numbered.marker_start : numbered.marker_end].strip()
        arabic = numbered.numeral.isdigit()
    elif any(p.subheadings for p in doc.parts):
        style, arabic = None, False
    else:
        return  # a report that numbers no part or sub-part has a style of its own, not a missing numeral
    previous = 0
    for part in doc.parts:
        value = part.heading.value
        if part.heading.numeral is None:
            value = previous + 1
            numeral = str(value) if arabic else chinese_numeral(value)
            if style is None:
                marker = options["lost_marker"].format(numeral=numeral)
            else:  # "二、", "（二）" or "2.", as the report writes them
                assert numbered is not None and numbered.numeral is not None  # the style is its marker's
                marker = style.replace(numbered.numeral, numeral, 1)
            params = {"ordinal": chinese_numeral(value), "expected_arabic": value, "marker": marker}
            yield Hit(part.heading.marker_start, part.heading.end, params, section=part.kind)
        previous = value or previous + 1


@check("numbering-sequence", params=("what", "what_en", "expected", "found", "expected_arabic", "found_arabic"))
def numbering_sequence(subject: Subject, options: dict) -> Iterator[Hit]:
    parts = subject.doc.parts

    def what(level) -> dict:
        return {"what": options["what"][str(level)], "what_en": options["what_en"][str(level)]}

    if 1 in options["levels"]:
        yield from _sequence([(p.heading, p.kind) for p in parts], what(1))
    if 2 in options["levels"]:
        for part in parts:
            yield from _sequence([(s, part.kind) for s in part.subheadings], what(2))
    if "inline" in options["levels"]:
        for part in parts:
            yield from _inline_sequence(subject.doc.text, part, what("inline"))


def _inline_sequence(text: str, part, what: dict) -> Iterator[Hit]:
    """一是/二是… within one level-2 part (or a level-1 part without any) run on across paragraphs;
    a list may start again at 一是, but never skip or step back ("五是" then "二是")."""
    bounds = [s.marker_start for s in part.subheadings]
    previous, group = 0, 0
    for item in part.enumerations:
        at = bisect.bisect_right(bounds, item.start)
        if at != group:
            previous, group = 0, at
        if item.value not in (previous + 1, 1):
            found = text[item.start : item.end]
            params = {
                **what,
                "expected": chinese_numeral(previous + 1) + found[len(item.numeral) :],  # "二" + "是"
                "found": found,
                "expected_arabic": previous + 1,
                "found_arabic": item.value,
            }
            yield Hit(item.start, item.end, params, section=part.kind)
        previous = item.value


def _sequence(headings, what: dict) -> Iterator[Hit]:
    """Numerals must run 1, 2, 3…; after a fault the count resumes from what was written."""
    expected = 1
    for h, section in headings:
        if h.value is not None and h.value != expected:
            params = {
                **what,
                "expected": chinese_numeral(expected),
                "found": h.numeral,
                "expected_arabic": expected,
                "found_arabic": h.value,
            }
            yield Hit(h.marker_start, h.marker_end, params, section=section)
            expected = h.value
        expected += 1


@check("mixed-marker-style", params=("found", "expected", "found_style", "expected_style"))
def mixed_marker_style(subject: Subject, options: dict) -> Iterator[Hit]:
    """Level-2 markers typed two ways ("（一）" and "(一)"): those in the minority style, fixed to the
    majority's."""
    doc = subject.doc
    headings = [h for p in doc.parts for h in (p.heading, *p.subheadings)]
    markers = [h for h in headings if h.numeral and h.line.kind == "h2"]
    styles = [_marker_style(doc.text[h.marker_start : h.marker_end], h.numeral or "") for h in markers]
    if len(set(styles)) < 2:
        return
    counts = Counter(styles)
    majority = max(counts, key=counts.__getitem__)  # most_common(1): the first of the most, without heapq
    for heading, style in zip(markers, styles):
        if style != majority:
            assert heading.numeral is not None  # markers are the numbered headings
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
