"""The years a report names: in its title, its opening sentence, its parts' headings and its plan; and the
report year Y they give, with where it came from."""

from __future__ import annotations

import datetime
from dataclasses import replace

from ..numerals import YearMention, years
from ..outline import Line
from ..vocabulary import Vocabulary
from .lines import first_sentence
from .model import Part, Title

OPENING_WINDOW = 40  # a report or plan year must be named this early in the opening sentence


def first_year(text: str, base: int) -> YearMention | None:
    """The first year ``text`` names, its offsets shifted by ``base``."""
    found = years(text, base)
    return found[0] if found else None


def title_year(title: Title | None) -> YearMention | None:
    return next((y for ln in title.lines if (y := first_year(ln.text, ln.start))), None) if title else None


def sentence_year(line: Line | None) -> YearMention | None:
    """A year named early in the first sentence of ``line`` ("2024年以来，…", "2025年，市司法局将…")."""
    if line is None:
        return None
    found = years(first_sentence(line)[:OPENING_WINDOW], line.start)
    return found[0] if found else None


def with_plan_year(part: Part, vocabulary: Vocabulary) -> Part:
    """A plan without a year in its heading takes the year its first sentence names, when that
    sentence looks ahead ("2025年，市司法局将…"; not "2024年，我局虽然取得…")."""
    if part.year or not part.covers("plan") or not part.body:
        return part
    if not vocabulary.pattern("plan_sentence").search(first_sentence(part.body[0])):
        return part
    year = sentence_year(part.body[0])
    return replace(part, year=year) if year else part


def report_year(
    option: int | None,
    title: YearMention | None,
    opening: YearMention | None,
    parts: tuple[Part, ...],
    plan: YearMention | None,
    date: datetime.date | None,
) -> tuple[int | None, str | None]:
    """Y and its source: the option, the title, the opening sentence, a measures or shortcomings
    heading, the plan's year − 1, the date's year − 1; else (None, None)."""
    if option is not None:
        return option, "option"
    if title:
        return title.value, "title"
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
