"""The head of a report as a reviewer reads it: cover letters, web page lines, 文号, addressees and
speakers, titles in every form, and the report year wherever the report states it. The texts are built
here from parts (hypothesis draws how they combine); every expectation is exact."""

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from report_builder import ADDRESSEES, PAGE_LINES, TITLES, report

import fazhi_check
from fazhi_check.fixes import fix_bytes

PACK = fazhi_check.load_rules()


def _states_year(title, formula, opening_year):
    return (title is not None and "{y}" in title) or formula != "none" or opening_year


@settings(max_examples=150, deadline=None)
@given(
    year=st.integers(2019, 2025),
    title=st.sampled_from(TITLES),
    addressee=st.sampled_from(ADDRESSEES),
    page=st.lists(st.sampled_from(PAGE_LINES), unique=True, max_size=4),
    formula=st.sampled_from(["end", "line", "basis", "none"]),
    opening_year=st.booleans(),
    cited=st.booleans(),
)
def test_any_head_gives_the_report_year_and_a_wrong_plan_year_fz201(
    year, title, addressee, page, formula, opening_year, cited
):
    if not _states_year(title, formula, opening_year):
        opening_year = True
    text = report(
        year, title=title, addressee=addressee, page=page, formula=formula, opening_year=opening_year, cited=cited
    )
    result = fazhi_check.check_text(text, rules=PACK)
    assert result.report_year == year, (result.document.report_year_source, text)
    assert [f.code for f in result.findings if f.severity == "error"] == []
    wrong = fazhi_check.check_text(
        report(
            year,
            title=title,
            addressee=addressee,
            page=page,
            formula=formula,
            opening_year=opening_year,
            cited=cited,
            plan=year,
        ),
        rules=PACK,
    )
    plan_line = next(s.line for s in wrong.sections if s.kind == "plan")
    assert [(f.code, f.line, f.column) for f in wrong.findings if f.severity == "error"] == [("FZ201", plan_line, 3)]


def test_the_year_stated_only_in_the_formula_at_the_end_of_a_long_opening_behind_an_addressee():
    text = report(
        2023, title="某区司法局法治政府建设工作报告", addressee="区委、区政府：", formula="end", plan=2023, cited=True
    )
    result = fazhi_check.check_text(text)
    assert (result.report_year, result.document.report_year_source) == (2023, "formula")
    assert [(f.code, f.line, f.column) for f in result.findings if f.severity == "error"] == [("FZ201", 10, 3)]
    message = next(f.message for f in result.findings if f.code == "FZ201")
    assert message == "下一年度安排的年份应为2024年，此处写作2023年"


@pytest.mark.parametrize("formula", ["end", "line", "basis"])
def test_a_title_and_a_formula_that_disagree_give_fz204_at_the_formula(formula):
    text = report(2024, title="关于2024年法治政府建设情况的报告", addressee="市人民政府：", formula=formula)
    text = text.replace("现将2024年度", "现将2023年度")
    result = fazhi_check.check_text(text)
    found = [f for f in result.findings if f.code == "FZ204"]
    assert [(f.evidence, f.message) for f in found] == [("2023年", "开头写的是2023年，与标题中的2024年不一致")]
    assert (
        result.document.lines[
            [ln.start for ln in result.document.lines].index(
                next(ln.start for ln in result.document.lines if ln.number == found[0].line)
            )
        ].text.count("现将")
        == 1
    )


def test_a_year_inside_a_cited_name_or_a_doc_number_is_never_the_report_year():
    text = report(2024, title="[某政发〔2025〕7号]某区人民政府法治政府建设情况报告", formula="none", cited=True)
    result = fazhi_check.check_text(text)
    assert (result.report_year, result.document.report_year_source) == (2024, "plan")  # only the plan says it
    assert result.title == "某区人民政府法治政府建设情况报告"


def test_page_lines_are_never_report_text_and_their_date_is_the_publication_date():
    page = [
        "来源：某区司法局　　时间：2025-04-12 10:21:33",
        "浏览次数：1287",
        "字号：大 中 小",
        "分享到：",
        "【打印】【关闭】",
    ]
    text = report(2024, title=TITLES[0], page=page)
    result = fazhi_check.check_text(text)
    facts = result.to_dict()
    assert (facts["published"], facts["published_source"]) == ("2025-04-12", "page")
    assert [f.code for f in result.findings if f.line in (2, 3, 4, 5, 6)] == ["FZ208"] or all(
        f.code == "FZ208" for f in result.findings if 2 <= f.line <= 6
    )
    assert [(f.code, f.line) for f in result.findings if f.code == "FZ208"] == [("FZ208", 1)]
    assert not [f for f in result.findings if f.code in ("FZ501", "FZ502", "FZ503") and 2 <= f.line <= 6]


def test_fix_never_joins_or_edits_a_page_line():
    page = ["来源：某区司法局  时间：2025-03-12 10:21:33", "浏览次数：1287", "分享到"]
    text = report(2024, title=TITLES[0], page=page).replace("审查规范性文件12件", "审查规范性文件 12 件")
    fixed = fix_bytes(text.encode("utf-8"), "draft.txt")
    out = fixed.data.decode("utf-8").split("\n")
    assert out[1:4] == page and "12件" in out[6] and fixed.applied == {"FZ502": 2}


@pytest.mark.parametrize(
    "title, shown",
    [
        ("某市2025年法治政府建设情况", "某市2025年法治政府建设情况"),
        ("某 区 2024 年 度 法 治 政 府 建 设 工 作 报 告", "某区2024年度法治政府建设工作报告"),
        ("》某区2024年度法治政府建设工作报告", "某区2024年度法治政府建设工作报告"),
        ("**某区2024年度法治政府建设工作报告**", "某区2024年度法治政府建设工作报告"),
        ("某区人民政府法治政府建设情况报告（2024年度）", "某区人民政府法治政府建设情况报告（2024年度）"),
        ("某区人民政府关于2024年法治政府建设情\n况的报告", "某区人民政府关于2024年法治政府建设情况的报告"),
        ("某区人民政府关于2024年法治政府建设情况的报\n告", "某区人民政府关于2024年法治政府建设情况的报告"),
    ],
)
def test_titles_as_real_reports_write_them(title, shown):
    year = 2025 if "2025" in title else 2024
    result = fazhi_check.check_text(report(year, title=title, formula="none"))
    assert (result.title, result.report_year, result.document.report_year_source) == (shown, year, "title")
    assert [f.code for f in result.findings if f.code in ("FZ301", "FZ302", "FZ003")] == (
        ["FZ301"] if "报告" not in shown else []
    )


def test_a_title_without_its_genre_word_keeps_its_issuer():
    result = fazhi_check.check_text(
        report(2025, title="南溪市2025年法治政府建设情况", formula="none").replace("某区人民政府\n", "")
    )
    assert result.to_dict()["issuer"] == "南溪市"
    assert [f.message for f in result.findings if f.code == "FZ301"] == [
        "标题缺少“报告”（文种），如“某市2024年法治政府建设情况报告”"
    ]


def test_a_cover_letter_then_the_report_is_read_from_the_reports_own_title():
    cover = (
        "某区人民政府\n关于报送2024年度法治政府建设情况报告的报告\n市人民政府：\n"
        "根据有关要求，现将《某区2024年度法治政府建设情况报告》报送你们，请审阅。\n某区人民政府\n2025年2月20日\n\n"
    )
    result = fazhi_check.check_text(cover + report(2024, title="某区2024年度法治政府建设情况报告", formula="none"))
    assert (result.title, result.report_year, result.document.title.lines[0].number) == (
        "某区2024年度法治政府建设情况报告",
        2024,
        8,
    )
    assert [f.code for f in result.findings if f.severity != "info"] == []


@pytest.mark.parametrize(
    "speaker",
    ["——在区委全面依法治区委员会第三次会议上", "区长　王某某", "——2025年2月10日在某区人民代表大会常务委员会会议上"],
)
def test_a_speaker_line_and_a_salutation_are_not_the_opening(speaker):
    text = report(2024, title="关于2024年法治政府建设情况的报告", addressee="同志们：", formula="none")
    text = text.replace("\n同志们：", "\n" + speaker + "\n同志们：")
    result = fazhi_check.check_text(text)
    assert result.document.opening.text.startswith("一年来") and result.report_year == 2024


def test_the_plan_year_is_the_year_it_plans_for():
    text = report(2024, title=TITLES[0]).replace("四、2025年推进法治政府建设的工作安排", "四、下一步工作打算")
    text = text.replace(
        "一是深化依法行政；二是加强行政执法监督。", "巩固2024年工作成果，2025年市司法局将深化依法行政。"
    )
    assert fazhi_check.check_text(text).facts.plan_year == 2025
    two_ahead = text.replace("2025年市司法局将", "2026年市司法局将")
    assert [(f.code, f.evidence) for f in fazhi_check.check_text(two_ahead).findings if f.severity == "error"] == [
        ("FZ201", "2026年")
    ]
    looks_back = text.replace(
        "巩固2024年工作成果，2025年市司法局将深化依法行政。", "2024年，我局虽然取得一定成绩，但仍有差距。"
    )
    assert fazhi_check.check_text(looks_back).facts.plan_year is None


def test_a_plan_year_range_names_no_year():
    text = report(2024, title=TITLES[0]).replace("四、2025年推进法治政府建设的工作安排", "四、下一步工作打算")
    text = text.replace("一是深化依法行政；", "2021年至2025年将持续深化依法行政；")
    assert fazhi_check.check_text(text).facts.plan_year is None


def test_a_report_whose_measures_mention_plans_and_summaries_is_still_a_report():
    text = report(2024, title=TITLES[0]).replace(
        "审查规范性文件12件", "制定《法治政府建设实施方案》和年度工作要点，完成“八五”普法中期总结，审查规范性文件12件"
    )
    text = text.replace("二、存在的不足和原因", "二、对照实施方案和工作要点存在的不足和原因")
    result = fazhi_check.check_text(text)
    assert "FZ003" not in {f.code for f in result.findings} and result.facts.is_report


def test_publication_date_option_overrides_the_page_and_says_so():
    text = report(2024, title=TITLES[0], page=["发布时间：2025-04-12"])
    facts = fazhi_check.check_text(text, published=datetime.date(2025, 3, 20)).to_dict()
    assert (facts["published"], facts["published_source"]) == ("2025-03-20", "option")


@pytest.mark.parametrize(
    "title, is_report",
    [
        ("某局2024年法治政府建设工作总结及2025年工作计划", True),
        ("某区2024年法治政府建设情况报告和2025年工作安排", True),
        ("某区2025年法治政府建设工作计划", False),
        ("某区法治政府建设实施方案（2021—2025年）", False),
        ("某市2025年法治政府建设工作要点", False),
    ],
)
def test_a_title_that_plans_ahead_is_a_report_only_where_it_also_reports_the_year(title, is_report):
    result = fazhi_check.check_text(report(2024, title=title, formula="none"))
    assert result.facts.is_report is is_report
    assert ("FZ003" in {f.code for f in result.findings}) is not is_report


def test_a_plan_that_first_says_what_the_coming_year_is_plans_for_that_year():
    text = report(2025, title="关于2025年法治政府建设情况的报告").replace(
        "四、2026年推进法治政府建设的工作安排", "四、下一步工作打算"
    )
    text = text.replace("一是深化依法行政；", "2026年是“十五五”开局之年。我局将重点做好以下工作：一是深化依法行政；")
    assert fazhi_check.check_text(text).facts.plan_year == 2026
    wrong = text.replace("2026年是“十五五”开局之年", "2025年是“十五五”开局之年")
    assert [(f.code, f.evidence) for f in fazhi_check.check_text(wrong).findings if f.severity == "error"] == [
        ("FZ201", "2025年")
    ]
    looks_back = text.replace("2026年是“十五五”开局之年。我局将", "2025年，我局虽然取得一定成绩。下一步，我局将")
    assert fazhi_check.check_text(looks_back).facts.plan_year is None


_PLAN = "四、下一步工作打算"


@pytest.mark.parametrize(
    "body, column",
    [
        ("（一）{y}年持续深化依法行政。\n（二）加强行政执法监督。", 4),  # an item that starts with its year
        ("（一）深化依法行政。\n（二）{y}年，全面推进严格规范公正文明执法。", 4),  # the first item that does
        ("1.{y}年持续深化依法行政。\n2.加强行政执法监督。", 3),
        ("一是{y}年持续深化依法行政；二是加强行政执法监督。", 3),  # an inline item
        ("新的一年，我局将围绕中心大局。{y}年，我局将重点做好以下工作：一是深化依法行政。", 16),
    ],
)
def test_a_plan_without_a_year_in_its_heading_takes_the_year_its_first_paragraph_or_item_plans_for(body, column):
    text = report(2024, title=TITLES[0]).replace("四、2025年推进法治政府建设的工作安排", _PLAN)
    text = text.replace("一是深化依法行政；二是加强行政执法监督。", body.format(y=2025))
    assert fazhi_check.check_text(text).facts.plan_year == 2025
    wrong = text.replace("2025年", "2024年", 1) if "{y}" in body else text
    line = next(n for n, ln in enumerate(wrong.split("\n"), 1) if "2024年" in ln and n > 3)
    found = [(f.code, f.line, f.column) for f in fazhi_check.check_text(wrong).findings if f.severity == "error"]
    assert found == [("FZ201", line, column)]


@pytest.mark.parametrize(
    "body",
    [
        "（一）2024年以来的经验要继续坚持。\n（二）加强行政执法监督。",  # the item looks back
        "（一）2024年工作回顾。\n（二）加强行政执法监督。",
        "（一）深化依法行政，巩固2024年工作成果。\n（二）加强行政执法监督。",  # the year is not where the item starts
        "2024年，我局虽然取得一定成绩，但仍有差距。（一）加强行政执法监督。",  # a recap, not a plan
    ],
)
def test_a_year_the_plan_looks_back_on_is_not_its_year(body):
    text = report(2024, title=TITLES[0]).replace("四、2025年推进法治政府建设的工作安排", _PLAN)
    text = text.replace("一是深化依法行政；二是加强行政执法监督。", body)
    result = fazhi_check.check_text(text)
    assert result.facts.plan_year is None and [f.code for f in result.findings if f.severity == "error"] == []


@pytest.mark.parametrize("number", ["某司发〔2023〕3号　", "[某司发〔2023〕3号]", "某司〔2023〕12号 "])
def test_a_doc_number_in_front_of_the_titles_second_line_is_no_part_of_the_title(number):
    text = (
        f"某市某区司法局\n{number}关于2022年度法治政府建设工作情况的报告\n一、主要举措和成效\n审查文件12件。\n"
        "二、存在的不足和原因\n执法力量不足，原因是编制紧张。\n"
    )
    result = fazhi_check.check_text(text, rules=PACK)
    assert result.title == "某市某区司法局关于2022年度法治政府建设工作情况的报告"  # as written, the issuer first
    assert result.title.endswith(result.document.title.text) and result.report_year == 2022
