"""Realistic edits of the real reports: defects injected into seed text, and rewordings that must not matter."""

import re

import pytest
from conftest import ROOT, seed_files

import fazhi_check

SEED = {p.name[:3]: p.read_text("utf-8") for p in seed_files()}
SAMPLES = {p.name.split("_")[0]: p.read_text("utf-8") for p in (ROOT / "tests" / "samples").glob("*.txt")}


def _codes(text, **kwargs):
    return sorted((f.code, f.line) for f in fazhi_check.check_text(text, **kwargs).findings if f.severity != "info")


def _kinds(text):
    return [s.kind for s in fazhi_check.check_text(text).sections]


def test_numbering_the_bare_heading_clears_fz303():
    text = SEED["001"].replace("\n推进法治政府建设的主要举措和成效\n", "\n二、推进法治政府建设的主要举措和成效\n")
    assert _codes(text) == [("FZ201", 36), ("FZ205", 3), ("FZ304", 45)]


def test_wrong_plan_year_injected_into_000():
    text = SEED["000"].replace("四、2025 年度推进", "四、2024 年度推进")
    assert ("FZ201", 41) in _codes(text)


def test_last_years_template_in_measures_heading():
    text = SEED["003"].replace("二、推进法治政府建设的主要举措和成效", "二、2023年推进法治政府建设的主要举措和成效")
    assert ("FZ202", 7) in _codes(text)


def test_dropping_the_shortcomings_part_of_003():
    lines = SEED["003"].split("\n")
    text = "\n".join(lines[:13] + lines[15:])
    found = fazhi_check.check_text(text).findings
    assert [(f.code, f.section) for f in found if f.code == "FZ101"] == [("FZ101", "shortcomings")]


def test_dropping_the_plan_heading_of_004_keeps_body_out_of_plan():
    text = SEED["004"].replace("四、2024年度推进法治政府建设工作的初步安排\n", "")
    found = fazhi_check.check_text(text).findings
    assert [(f.code, f.section) for f in found if f.code == "FZ101"] == [("FZ101", "plan")]


def test_giving_002_a_leadership_part_clears_fz106():
    text = (
        SEED["002"]
        .replace(
            "二、2022年度推进法治政府建设存在问题及原因",
            "二、党政主要负责人履行推进法治建设第一责任人职责情况\n局主要负责人带头学法。\n三、2022年度推进法治政府建设存在问题及原因",
        )
        .replace("三、2023年度推进", "四、2023年度推进")
    )
    codes = _codes(text)
    assert "FZ106" not in {code for code, _ in codes}
    assert ("FZ104", 20) in codes  # the new part is one sentence long


@pytest.mark.parametrize(
    "old, new",
    [
        ("推进法治政府存在的不足", "工作中存在的问题和困难"),
        ("推进法治政府存在的不足", "当前存在的短板弱项"),
        ("2024年度推进法治政府建设工作的初步安排", "2024年工作思路"),
        ("2024年度推进法治政府建设工作的初步安排", "下一步工作打算"),
        ("2023年推进法治政府建设的主要举措和成效", "2023年主要工作开展情况"),
        (
            "党政主要负责人履行推进法治建设第一责任人职责加强法治政府建设的有关情况",
            "主要负责人履行法治建设第一责任人职责情况",
        ),
    ],
)
def test_other_heading_wordings_give_the_same_sections(old, new):
    assert old in SEED["004"]
    assert _kinds(SEED["004"].replace(old, new)) == ["leadership", "measures", "shortcomings", "plan"]


def test_web_spacing_damage_does_not_change_the_outline():
    damaged = re.sub(r"(\d{4})年", r"\1 年", SEED["001"]).replace("一、", "一、 ").replace("（", "(").replace("）", ")")
    assert _kinds(damaged) == _kinds(SEED["001"])
    assert _codes(damaged) == _codes(SEED["001"])


def test_thematic_report_without_part_level_heading():
    text = (
        "某某市人民政府关于2023年法治政府建设情况的报告\n"
        "2023年，市政府坚持以习近平法治思想为指导，扎实推进法治政府建设。现将有关情况报告如下：\n"
        "一、坚持党的领导，压实法治建设责任\n市政府主要负责人切实履行推进法治建设第一责任人职责，专题研究法治工作5次。\n"
        "二、深化“放管服”改革，优化法治化营商环境\n取消行政许可事项12项。\n"
        "三、严格规范公正文明执法\n开展执法案卷评查2次。\n"
        "四、存在的不足和原因\n执法力量不足，原因是编制紧张。\n"
        "五、2024年工作安排\n将加强执法监督。\n"
        "某某市人民政府\n2024年3月1日\n"
    )
    result = fazhi_check.check_text(text, ignore=["FZ104"])  # one-sentence parts, by construction
    assert [s.kind for s in result.sections] == ["leadership", "measures", "measures", "shortcomings", "plan"]
    assert [f.code for f in result.findings if f.severity != "info"] == []
    assert result.document.issuer == "某某市人民政府"
    assert result.document.date.isoformat() == "2024-03-01"


def test_web_copy_with_header_broken_title_and_level2_parts():
    text = (
        "发布时间：2024-03-28  来源：某某区司法局\n"
        "某某区人民政府关于2023年度法治政府建设\n情况的报告\n"
        "2023年，区政府坚持以习近平法治思想为指导，扎实推进法治政府建设。现将有关情况报告如下：\n"
        "（一）主要举措和成效\n审查规范性文件12件。\n"
        "（二）存在的不足和原因\n执法力量不足，原因是编制紧张。\n"
        "（三）党政主要负责人履行推进法治建设第一责任人职责情况\n区长带头学法。\n"
        "（四）2024年工作安排\n1.加强执法监督。\n2.深化普法。\n"
        "某某区人民政府\n2024年2月1日\n"
    )
    result = fazhi_check.check_text(text, ignore=["FZ104", "FZ4", "FZ5"])  # one-sentence parts, by construction
    data = result.to_dict()
    assert data["title"] == "某某区人民政府关于2023年度法治政府建设情况的报告"
    assert (data["report_year"], data["report_year_source"]) == (2023, "title")
    assert (data["issuer"], data["date"]) == ("某某区人民政府", "2024-02-01")
    assert [s["kind"] for s in data["sections"]] == ["measures", "shortcomings", "leadership", "plan"]
    assert data["findings"] == []


def test_samples_with_cut_openings_still_find_year_issuer_and_date():
    """Real Shenzhen reports whose title and opening were cut (see the samples README)."""
    samples = {
        "guangming": ("深圳市光明区人民政府", "2022-01-05", 2021, ["measures", "shortcomings", "plan"]),
        "longhua": ("深圳市龙华区人民政府", "2019-12-18", 2019, ["measures"] * 7 + ["plan"]),
    }
    for name, (issuer, date, year, kinds) in samples.items():
        text = SAMPLES[name]
        result = fazhi_check.check_text(text)
        assert (result.document.issuer, result.document.date.isoformat(), result.report_year) == (issuer, date, year)
        assert [s.kind for s in result.sections] == kinds


def test_web_page_header_and_repeated_title():
    text = (
        "今天是:2024年3月5日 星期二\n工作报告\n\n您所在的位置:政务公开 > 工作报告\n\n"
        "2023年某某区法治政府建设情况报告\n文章来源:司法局 更新时间:2024/03/05 11:30:01\n\n\n"
        "2023年某某区法治政府建设情况报告\n\n\n"
        "2023年,某某区坚持以习近平法治思想为指导,按照《法治政府建设实施纲要(2021-2025年)》要求,依法全面履行政府职能。\n\n"
        "一、2023年推进法治政府建设的主要举措和成效\n\n(一)加强组织领导\n\n1.加强党对法治政府建设的领导。\n"
    )
    result = fazhi_check.check_text(text)
    assert result.document.title.lines[0].number == 10
    assert (result.report_year, result.document.report_year_source) == (2023, "title")
    assert (result.document.opening.number, result.document.opening_year.value) == (13, 2023)
    assert [f.code for f in result.findings if f.code in ("FZ301", "FZ203", "FZ303")] == []


def test_report_whose_headings_lost_their_numerals():
    """Web copies of ministry reports often keep headings as short lines with no numerals at all."""
    text = (
        "某某部2023年法治政府建设年度报告\n"
        "2023年，某某部坚持以习近平法治思想为指导，扎实推进法治政府建设。\n"
        "坚持党的全面领导\n部党组书记、部长切实履行推进法治建设第一责任人职责，专题研究法治工作5次。\n"
        "- 2 -\n"
        "深化行政审批制度改革\n取消行政许可事项12项。\n"
        "存在的不足和原因\n执法力量不足，原因是编制紧张。\n"
        "2024年工作安排\n将加强执法监督。\n"
        "特此报告\n某某部\n2024年3月20日\n"
    )
    result = fazhi_check.check_text(text, ignore=["FZ104", "FZ4"])  # one-sentence parts, by construction
    assert [s.kind for s in result.sections] == ["leadership", "measures", "shortcomings", "plan"]
    assert [f.code for f in result.findings] == []


@pytest.mark.parametrize("name", ["000", "002", "003", "004"])
def test_web_copy_that_lost_every_line_break_keeps_its_parts(name):
    text = SEED[name].replace("\n", "")
    assert _kinds(text) == _kinds(SEED[name])
    original = {f.code for f in fazhi_check.check_text(SEED[name]).findings}
    # the title ran into the text (FZ301), the issuer and date into the last sentence (FZ205, FZ207),
    # and a part heading without punctuation into its first sentence, which leaves a short part short
    added = {f.code for f in fazhi_check.check_text(text).findings if f.severity != "info"} - original
    assert added <= {"FZ301", "FZ205", "FZ207", "FZ104"}


def test_run_in_body_of_a_part_heading_is_body():
    text = (
        "关于2024年法治政府建设情况的报告\n一、存在的不足。执法力量不足，究其原因是编制紧张。\n"
        "二、2025年工作安排\n将加强执法监督。\n"
    )
    assert [f.code for f in fazhi_check.check_text(text, select=["FZ102"]).findings] == []


def test_issuer_and_date_on_one_closing_line():
    text = SEED["004"].rstrip() + "　2024年1月10日\n"
    doc = fazhi_check.check_text(text).document
    assert (doc.issuer, doc.date.isoformat()) == ("许昌市魏都区司法局", "2024-01-10")
    body_end = "截至2024年12月31日\n"
    assert fazhi_check.check_text(SEED["004"] + body_end).document.date is None


@pytest.mark.parametrize(
    "heading, kind",
    [
        ("区政府主要负责同志履行推进法治建设第一责任人职责情况", "leadership"),
        ("局主要领导履行法治建设职责情况", "leadership"),
        ("2023年法治政府建设工作开展情况", "measures"),
        ("主要做法及成效", "measures"),
        ("工作中存在的问题", "shortcomings"),
        ("问题与不足", "shortcomings"),
        ("面临的困难和挑战", "shortcomings"),
        ("短板和不足", "shortcomings"),
        ("2024年法治政府建设工作要点", "plan"),
        ("2024年工作计划", "plan"),
        ("今后工作打算", "plan"),
        ("明年工作安排", "plan"),
        ("其他需要报告的事项", "other"),
    ],
)
def test_heading_wordings_of_other_agencies(heading, kind):
    text = f"关于2023年法治政府建设情况的报告\n一、{heading}\n有关情况如下。\n"
    assert [s.kind for s in fazhi_check.check_text(text).sections] == [kind]


# -- drafting and date defects injected into real reports ------------------------------------------


def _at(text, code, **kwargs):
    return [f.line for f in fazhi_check.check_text(text, **kwargs).findings if f.code == code]


def test_placeholder_left_in_a_real_report():
    text = SEED["000"].replace("专题学习7次", "专题学习X次", 1)
    assert _at(text, "FZ401") == [17]
    assert _at(SEED["000"], "FZ401") == []


def test_classified_marking_on_top_of_a_real_report():
    assert _at("秘密★1年\n" + SEED["003"], "FZ406") == [1]
    assert _at("内部资料 注意保密\n" + SEED["003"], "FZ406") == [1]


def test_date_written_after_the_first_quarter():
    assert _at(SEED["000"].replace("2025年2月14日", "2025年4月10日"), "FZ206") == [47]
    assert _at(SEED["000"], "FZ206") == []


def test_opening_year_left_from_last_years_template():
    assert _at(SEED["000"].replace("2024 年以来", "2023 年以来", 1), "FZ204") == [7]


def test_title_that_lost_its_year():
    text = SEED["001"].replace("关于2024年法治政府建设情况的报告", "关于法治政府建设情况的报告", 1)
    assert _at(text, "FZ302") == [3]
    assert fazhi_check.check_text(text).report_year == 2024  # from the opening sentence


def test_clause_copied_into_another_part():
    lines = SEED["003"].split("\n")
    clause = next(ln for ln in lines if len(ln) > 80 and "。" in ln).split("。")[0]
    last = max(i for i, ln in enumerate(lines) if ln.strip())
    lines[last - 1] += "同时，" + clause + "。"
    assert _at("\n".join(lines), "FZ402") == [last]


def test_corrected_rate_clears_fz403():
    assert _at(SEED["004"], "FZ403") == [14]
    assert _at(SEED["004"].replace("95.3%", "94.6%"), "FZ403") == []


def test_one_half_width_level2_marker_among_full_width_ones():
    text = SEED["000"].replace("（三）持续", "(三)持续", 1)
    assert _at(text, "FZ305") == [23]
    assert _at(SEED["000"], "FZ305") == []


def test_text_copied_from_a_web_page_with_its_clock_and_publication_line():
    """A county's page copied as text: the site's clock is no date of writing; 发布时间 is the publication
    date (late here: FZ208); a title that starts with a region names the issuer."""
    body = SEED["003"].split("\n", 2)[2]  # the seed without its issuer and title lines
    text = (
        "某某县人民政府 2019年12月3日星期二\n\n无障碍 简体| 繁体\n\n"
        "某某县2024年度法治政府建设情况报告\n来源:某某县司法局 发布时间:2025-04-08 09:18\n\n"
        "某某县2024年度法治政府建设情况报告\n\n" + body
    )
    result = fazhi_check.check_text(text)
    assert result.document.date is None and result.document.published.isoformat() == "2025-04-08"
    assert result.document.issuer == "某某县" and result.report_year == 2024
    assert _at(text, "FZ208") == [8] and _at(text, "FZ206") == [] and _at(text, "FZ207") == []  # 8: the title


def test_a_title_starting_with_our_district_names_no_issuer():
    text = "全区2024年法治政府建设情况报告\n" + SEED["003"].split("\n", 2)[2]
    assert fazhi_check.check_text(text).document.issuer is None


def test_web_copy_whose_title_runs_into_the_opening():
    text = "某某县2024年度法治政府建设情况报告" + SEED["003"].split("\n", 2)[2].replace("\n", "")
    result = fazhi_check.check_text(text)
    assert result.title == "某某县2024年度法治政府建设情况报告" and result.document.issuer == "某某县"
    assert (result.report_year, result.document.report_year_source) == (2024, "title")
    assert "FZ301" not in {f.code for f in result.findings}
    assert [s.kind for s in result.sections] == [s.kind for s in fazhi_check.check_text(SEED["003"]).sections]


def test_title_that_starts_with_the_year_then_the_region():
    text = "2020年某某区法治政府建设情况报告\n" + SEED["003"].split("\n", 2)[2]
    assert fazhi_check.check_text(text).document.issuer == "某某区"
