"""Every outline real reports use: level-1 numerals of any style above （一） sub-parts, 第一部分 above
一、, bold marks and 【】 around a heading, numerals lost on copy, and the traps (一、二季度 in a body, a
short 1./2. list in the opening). Each shape gives the four parts and no false error; exact findings
where one is due."""

import pytest
from report_builder import STYLES, numbered

import fazhi_check

PACK = fazhi_check.load_rules()
REQUIRED = ["measures", "shortcomings", "leadership", "plan"]


def _read(text):
    result = fazhi_check.check_text(text, rules=PACK)
    return result, [(f.code, f.line, f.column) for f in result.findings if f.severity != "info"]


@pytest.mark.parametrize("style", [s for s in STYLES if s != "lost_level1"])
def test_each_numbering_style_gives_the_four_parts_and_no_finding(style):
    text, heads = numbered(2024, style)
    result, found = _read(text)
    assert [(s.line, s.kind) for s in result.sections] == list(zip(heads, REQUIRED))
    assert found == []
    subs = [len(p.subheadings) for p in result.document.parts]
    assert subs == [3, 0, 0, 0]  # the （一） headings stay sub-parts


@pytest.mark.parametrize("style", [s for s in STYLES if s != "lost_level1"])
def test_a_wrong_plan_year_is_found_under_each_style(style):
    text, heads = numbered(2024, style, plan=2024)
    result, found = _read(text)
    marker_end = next(h.marker_end for p in result.document.parts[3:] for h in [p.heading])
    column = marker_end - result.document.parts[3].heading.line.start + 1
    assert found == [("FZ201", heads[3], column)]


def test_lost_level1_numerals_give_fz303_with_the_numerals_that_belong_and_keep_the_sub_parts():
    text, heads = numbered(2024, "lost_level1")
    result, found = _read(text)
    assert [(s.line, s.kind) for s in result.sections] == list(zip(heads, REQUIRED))
    assert [len(p.subheadings) for p in result.document.parts] == [3, 0, 0, 0]
    assert found == [("FZ303", line, 1) for line in heads]
    markers = [f.message for f in result.findings if f.code == "FZ303"]
    assert markers == [f"此行像是第{n}部分的标题，但缺少序号“{n}、”" for n in "一二三四"]


def test_part_above_level1():
    text, heads = numbered(2024, "gbt9704")
    text = text.replace(
        "一、推进法治政府建设的主要举措和成效", "第一部分 推进法治政府建设的主要举措和成效\n一、健全制度"
    )
    for k, word in ((1, "存在的不足和原因"), (2, "党政主要负责人"), (3, "2025年推进")):
        text = text.replace(f"{'一二三四'[k]}、{word}", f"第{'一二三四'[k]}部分 {word}")
    result, found = _read(text)
    assert [s.kind for s in result.sections] == REQUIRED
    assert [s.numeral for s in result.sections] == list("一二三四")
    assert found == []


def test_a_time_after_a_numeral_is_no_heading():
    text, heads = numbered(2024, "gbt9704")
    text = text.replace("审查规范性文件12件", "一、二季度，审查规范性文件12件")
    result, found = _read(text)
    assert [s.kind for s in result.sections] == REQUIRED and found == []


def test_a_short_list_in_the_opening_does_not_make_its_numerals_the_parts():
    opening = "2024年，区政府重点做好三项工作：\n1.健全制度；\n2.规范执法。"
    text, _ = numbered(2024, "gbt9704", opening=opening)
    short = text.replace("一、推进", "（一）推进").replace("二、存在", "（二）存在").replace("三、党政", "（三）党政")
    short = short.replace("四、2025", "（四）2025")
    result, found = _read(
        "\n".join(ln for ln in short.split("\n") if not ln.startswith(("（一）健全", "（二）严格", "（三）深化")))
    )
    assert [s.kind for s in result.sections] == REQUIRED and found == []


def test_level1_parts_that_name_the_required_parts_over_one_sub_part_run():
    text, heads = numbered(2024, "arabic_fullwidth")
    result, _ = _read(text)
    assert [s.numeral for s in result.sections] == ["1", "2", "3", "4"]
    assert [p.heading.line.kind for p in result.document.parts] == ["h3"] * 4
