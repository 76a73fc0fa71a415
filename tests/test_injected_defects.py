"""Realistic defects injected into real and corpus reports, each at a place the outline knows:
the finding must appear there, and nothing unrelated must change."""

import re

import pytest
from conftest import ROOT

import fazhi_check
from fazhi_check.numerals import to_chinese_number

TEXTS = {
    p.stem: p.read_text("utf-8")
    for folder in ("seeds", "tests/corpus", "tests/samples")
    for p in sorted((ROOT / folder).glob("*.txt"))
}
_MARKER = re.compile(
    r"(\s*)(第[一二三四五六七八九十]+部分\s*|[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[）)])"
)


def _numbered_parts():
    for name, text in TEXTS.items():
        for part in fazhi_check.check_text(text).document.parts:
            if part.heading.numeral:
                yield pytest.param(name, part.heading.line.number, id=f"{name[:20]}:{part.heading.line.number}")


def _positions(result, *codes):
    return sorted((f.code, f.line) for f in result.findings if f.code in codes)


@pytest.mark.parametrize("name, number", list(_numbered_parts()))
def test_dropped_numeral_is_fz303_at_that_line_and_no_new_fz304(name, number):
    text = TEXTS[name]
    lines = text.split("\n")
    m = _MARKER.match(lines[number - 1])
    lines[number - 1] = m.group(1) + lines[number - 1][m.end() :]
    before = _positions(fazhi_check.check_text(text), "FZ304")
    after = fazhi_check.check_text("\n".join(lines))
    assert ("FZ303", number) in _positions(after, "FZ303")
    assert set(_positions(after, "FZ304")) <= set(before)


def _cases(select):
    """(name, part) pairs that a defect applies to, chosen at collection so that no case skips."""
    for name, text in TEXTS.items():
        doc = fazhi_check.check_text(text).document
        for case in select(doc):
            yield pytest.param(name, case, id=f"{name[:20]}:{case}")


def _first_renumberable(doc):
    return [p.heading.line.number for p in doc.parts[1:] if p.heading.numeral][:1]


def _sole_parts(doc):
    return [k for k in ("leadership", "shortcomings", "plan") if sum(p.covers(k) for p in doc.parts) == 1]


def _independent_plan_year(doc):
    plan = doc.part_of("plan")
    return ["plan"] if plan and plan.year and doc.report_year_source not in (None, "plan") else []


@pytest.mark.parametrize("name, number", list(_cases(_first_renumberable)))
def test_skipped_numeral_is_fz304_at_that_line(name, number):
    text = TEXTS[name]
    heading = next(p.heading for p in fazhi_check.check_text(text).document.parts if p.heading.line.number == number)
    lines = text.split("\n")
    lines[number - 1] = lines[number - 1].replace(heading.numeral, to_chinese_number(heading.value + 1), 1)
    assert ("FZ304", number) in _positions(fazhi_check.check_text("\n".join(lines)), "FZ304")


@pytest.mark.parametrize("name, kind", list(_cases(_sole_parts)))
def test_removed_part_is_missing_or_folded(name, kind):
    text = TEXTS[name]
    parts = fazhi_check.check_text(text).document.parts
    own = next(p for p in parts if p.covers(kind))
    i = parts.index(own)
    lines = text.split("\n")
    start = own.heading.line.number
    end = parts[i + 1].heading.line.number - 1 if i + 1 < len(parts) else start
    result = fazhi_check.check_text("\n".join(lines[: start - 1] + lines[end:]))
    assert any(f.code in ("FZ101", "FZ106") and f.section == kind for f in result.findings)


@pytest.mark.parametrize("name, kind", list(_cases(_independent_plan_year)))
def test_plan_written_for_the_report_year_is_fz201(name, kind):
    text = TEXTS[name]
    doc = fazhi_check.check_text(text).document
    year = doc.part_of(kind).year
    wrong = text[: year.start] + f"{doc.report_year}年" + text[year.end :]
    line = doc.index.position(year.start)[0]
    assert ("FZ201", line) in _positions(fazhi_check.check_text(wrong), "FZ201")
