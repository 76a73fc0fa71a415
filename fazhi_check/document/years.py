"""The years a report names: in its title, its opening sentence, its parts' headings and its plan; and the
report year Y they give, with where it came from."""

from __future__ import annotations

import datetime
import re

from .. import markers
from ..numerals import YearMention, years
from ..outline import Line
from ..vocabulary import Vocabulary
from .lines import SENTENCE_END, first_sentence, locate, paragraphs
from .model import Part, Title

_SENTENCES = re.compile(r"[^。！？；!?;]+")
OPENING_WINDOW = 40  # a report or plan year must be named this early in the opening sentence


def first_year(text: str, base: int) -> YearMention | None:
    """The first year ``text`` names, its offsets shifted by ``base``."""
    found = years(text, base)
    return found[0] if found else None


_BRACKETED_YEAR = re.compile(r"\([ \t]*((?:19|20)\d\d)[ \t]*年度?[ \t]*\)[ \t]*$")


def title_year(title: Title | None) -> YearMention | None:
    """The first year the title names, or the year in a bracket that ends it ("……情况报告（2024年度）")."""
    if title is None:
        return None
    found = next((y for ln in title.lines if (y := first_year(ln.text, ln.start))), None)
    if found is None and (m := _BRACKETED_YEAR.search(title.lines[-1].text)):
        found = YearMention(int(m.group(1)), title.lines[-1].start + m.start(1), title.lines[-1].start + m.end(1) + 1)
    return found


def sentence_year(line: Line | None) -> YearMention | None:
    """A year named early in the first sentence of ``line`` ("2024年以来，…", "2025年，市司法局将…")."""
    if line is None:
        return None
    found = years(first_sentence(line)[:OPENING_WINDOW], line.start)
    return found[0] if found else None


def with_plan_year(part: Part, vocabulary: Vocabulary) -> Part:
    """A plan without a year in its heading takes the year its first paragraph plans for: in its first
    sentence that looks ahead, the year written nearest before the word that looks ahead ("2025年，市司
    法局将…"; "巩固2024年工作成果，2025年将…" plans for 2025), else the first after it ("将于2025年底
    前…"); none from a sentence that does not look ahead ("2024年，我局虽然取得…"). Else the coming
    year a first sentence states ("2026年是…之年"), else the year an item starts with ("（一）2025年持续
    深化…"). In a part that is also another kind ("存在问题及下一
    步打算"), the first sentence that looks ahead and names a year says it."""
    if part.year or not part.covers("plan") or not part.body:
        return part
    if part.kind == "plan":
        year = _opening_plan(part, vocabulary) or _stated(part, vocabulary) or _first_item_year(part, vocabulary)
        return part.with_year(year) if year else part
    for text, pieces in part.paragraphs:
        for sentence in _SENTENCES.finditer(text):  # a sub-heading's run-in body too: "（二）下一步打算。2025年，…"
            year = _planned(sentence.group(), [(at - sentence.start(), line) for at, line in pieces], vocabulary)
            if year:
                return part.with_year(year)
    return part


def _opening_plan(part: Part, vocabulary: Vocabulary) -> YearMention | None:
    """The year the plan's first paragraph plans for: its first sentence that looks ahead and names a
    year ("新的一年，我局将……。2025年，我局将重点做好以下工作：" plans for 2025)."""
    text, pieces = next(paragraphs(part.body))
    for sentence in _SENTENCES.finditer(text):
        year = _planned(sentence.group(), [(at - sentence.start(), line) for at, line in pieces], vocabulary)
        if year:
            return year
    return None


def _first_item_year(part: Part, vocabulary: Vocabulary) -> YearMention | None:
    """The year an item of the plan starts with, right after its numeral ("（一）2025年持续深化……",
    "二是2025年，全面推进……"): the first such item's, none where the year looks back ("2024年以来")."""
    enumeration = markers.pattern("ENUMERATION")
    for line in part.body:
        if line.marker is not None:
            at = line.marker.end - line.start
        elif m := enumeration.match(line.text.lstrip()):
            at = line.indent + m.end()
        else:
            continue
        rest = line.text[at:]
        lead = len(rest) - len(rest.lstrip(" \t、,，:："))
        found = years(rest[lead:], line.start + at + lead)
        starts = found and found[0].start == line.start + at + lead
        if starts and not vocabulary.pattern("looking_back").match(line.text, found[0].end - line.start):
            return found[0]
    return None


def _stated(part: Part, vocabulary: Vocabulary) -> YearMention | None:
    """The year of a first sentence that says what the coming year is ("2026年是“十五五”开局之年"),
    where the sentence after it looks ahead ("我局将…")."""
    text, pieces = next(iter(part.paragraphs))
    sentences = list(_SENTENCES.finditer(text))
    if len(sentences) < 2 or not vocabulary.pattern("plan_year_statement").match(sentences[0].group()):
        return None
    if not vocabulary.pattern("plan_sentence").search(sentences[1].group()):
        return None
    found = years(sentences[0].group())
    if not found:
        return None
    start = locate(pieces, sentences[0].start() + found[0].start)[1]
    return YearMention(found[0].value, start, start + found[0].end - found[0].start)


def _planned(text: str, pieces, vocabulary: Vocabulary) -> YearMention | None:
    """The year the first sentence of ``text`` (a paragraph of ``pieces``) plans for, if it looks ahead."""
    stop = SENTENCE_END.search(text)
    sentence = text[: stop.start() if stop else len(text)]
    ahead = vocabulary.pattern("plan_sentence").search(sentence)
    if not ahead:
        return None
    back = vocabulary.pattern("looking_back")
    found = [y for y in years(sentence) if not back.match(sentence, y.end)]  # "2024年以来" looks back
    before = [y for y in found if y.end <= ahead.start()]
    year = before[-1] if before else next((y for y in found if y.start >= ahead.start()), None)
    if year is None:
        return None
    start = locate(pieces, year.start)[1]
    return YearMention(year.value, start, start + year.end - year.start)


def formula_year(lines: tuple[Line, ...], start: int, end: int, vocabulary: Vocabulary) -> YearMention | None:
    """The year of the formal sentence "现将……2023年度……情况报告如下" wherever it stands in the opening
    (``lines[start:end]``, joined as paragraphs): the first year inside it, not in a cited name."""
    formula = vocabulary.pattern("formula")
    for text, pieces in paragraphs(lines[start:end]):
        for m in formula.finditer(text):
            found = years(m.group(), m.start())
            if found:
                line, at = locate(pieces, found[0].start)
                return YearMention(found[0].value, at, at + found[0].end - found[0].start)
    return None


def report_year(
    option: int | None,
    title: YearMention | None,
    formula: YearMention | None,
    opening: YearMention | None,
    parts: tuple[Part, ...],
    plan: YearMention | None,
    date: datetime.date | None,
) -> tuple[int | None, str | None]:
    """Y and its source: the option, the title, the opening's formal sentence, its first sentence, a
    measures or shortcomings heading, the plan's year − 1, the date's year − 1; else (None, None)."""
    if option is not None:
        return option, "option"
    if title:
        return title.value, "title"
    if formula:
        return formula.value, "formula"
    if opening:
        return opening.value, "opening"
    for part in parts:
        if part.year and part.kind in ("measures", "shortcomings"):
            return part.year.value, "heading"
    if plan:
        return plan.value - 1, "plan"
    if date:
        return date.year - 1, "date"
    return None, None
