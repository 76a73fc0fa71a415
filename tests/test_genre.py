"""FZ003 on texts that land in a folder of reports but are other documents: a table of figures, a list
of duties, a web page that lists reports, a department's summary of all its work. Each kind in three
variants built here; each gives FZ003 and nothing of the structure rules, while real reports that
resemble them stay reports."""

import pytest
from report_builder import TITLES, report

import fazhi_check

STRUCTURE = ("FZ1", "FZ2", "FZ3")


def _judged(text: str) -> tuple[bool, list[str]]:
    result = fazhi_check.check_text(text)
    return result.facts.is_report, [f.code for f in result.findings if f.code.startswith(STRUCTURE)]


_ROWS = "\n".join(
    f"{i}\t{name}\t{a}\t{b}\t{a - b}"
    for i, (name, a, b) in enumerate(
        [("制发行政规范性文件（件）", 14, 17), ("重大行政决策事项（件）", 6, 5), ("行政复议案件（件）", 85, 70),
         ("行政应诉案件（件）", 37, 41), ("负责人出庭应诉（次）", 35, 30), ("普法宣传活动（场）", 40, 36)],
        1,
    )
)  # fmt: skip
TABLES = [
    "某县2024年度法治政府建设主要指标统计表\n填报单位：某县司法局　　填报日期：2025年1月31日\n"
    f"序号\t指标\t2024年\t2023年\t增减\n{_ROWS}\n",
    f"某区法治政府建设工作情况一览表（2024年度）\n序号\t项目\t本年\t上年\t增减\n{_ROWS}\n"
    "制表人：王某　　审核人：李某\n",
    f"2024年度依法行政考核指标完成情况汇总表\n{_ROWS}\n",
]
DUTIES = [
    "某县党政主要负责人履行推进法治建设第一责任人职责清单\n为推动全县各级党政主要负责人切实履行推进法治建设第一责任人职责，"
    "制定本清单。\n一、县委主要负责人职责\n1．每年主持县委常委会会议专题研究法治建设工作不少于2次。\n"
    "2．督促领导班子其他成员和下级党政主要负责人依法办事。\n二、县政府主要负责人职责\n1．每年听取法治政府建设工作汇报不少于2次。\n"
    "2．带头出庭应诉，带头述法。\n",
    "某区司法局法治建设权责清单\n一、主要负责人\n1．履行推进法治建设第一责任人职责，部署法治政府建设工作。\n"
    "二、分管负责人\n1．协助主要负责人推进依法行政，组织合法性审查。\n三、各科室\n1．按职责开展行政执法和普法工作。\n",
    "某市法治政府建设重点任务责任分工清单\n1．健全依法决策机制。牵头单位：市司法局。完成时限：2025年12月。\n"
    "2．深化行政执法体制改革。牵头单位：市委编办。完成时限：2025年10月。\n3．推进普法宣传。牵头单位：市委宣传部。\n",
]
_ENTRIES = "\n".join(
    f"· 某区{unit}2024年度法治政府建设情况报告　　2025-03-{day:02d}"
    for unit, day in (("人民政府", 28), ("司法局", 27), ("城市管理局", 27), ("市场监督管理局", 26), ("教育局", 25))
)
LISTS = [
    "某区人民政府门户网站\n首页 > 政务公开 > 法治政府建设 > 年度报告\n法治政府建设年度报告\n"
    f"{_ENTRIES}\n共5条　1/1页\n",
    f"法治政府建设情况报告\n{_ENTRIES}\n",  # the page's own heading only: no genre word of a list
    _ENTRIES.replace("· ", "") + "\n",
]
SUMMARIES = [
    "某市司法局2024年工作总结和2025年工作计划\n2024年，市司法局坚持以习近平法治思想为指导，全面履行职能，各项工作取得新成效。"
    "现将全年工作总结如下：\n一、2024年工作总结\n（一）全面从严治党持续深化。召开党组会议28次。\n"
    "（二）社区矫正和安置帮教安全稳定。在册社区矫正对象312人，无脱管漏管。\n（三）公共法律服务提档升级。办理法律援助案件620件。\n"
    "二、存在的问题\n基层司法所人员不足，公共法律服务供给不均衡。\n三、2025年工作计划\n（一）持续深化党建引领。\n（二）推进公共法律服务体系建设。\n",
    "某县司法局2024年度工作总结\n一、主要工作\n全年办理公证2300件，人民调解纠纷1800件，法律援助案件420件。\n"
    "二、存在的困难\n人员编制少，经费紧张。\n三、2025年工作打算\n做好公证、调解、法律援助工作。\n",
    "某区司法局2024年度工作总结\n一、党建工作\n召开党组会议20次，开展主题党日12次。\n二、业务工作\n开展法治宣传活动60场，"
    "调解矛盾纠纷900件，办理公证1100件。\n三、队伍建设\n组织业务培训8期。\n四、2025年工作思路\n加强队伍建设，提升服务水平。\n",
]


@pytest.mark.parametrize(
    "text", TABLES + DUTIES + LISTS + SUMMARIES, ids=[f"table{i}" for i in range(3)] + [f"duties{i}" for i in range(3)]
    + [f"list{i}" for i in range(3)] + [f"summary{i}" for i in range(3)],
)  # fmt: skip
def test_another_document_gets_fz003_and_no_structure_finding(text):
    result = fazhi_check.check_text(text)
    codes = [f.code for f in result.findings]
    assert result.facts.is_report is False and codes.count("FZ003") == 1
    assert [c for c in codes if c.startswith(STRUCTURE)] == []


@pytest.mark.parametrize(
    "title",
    [
        "某区司法局关于2024年工作情况的报告",  # a general title, but the report's own parts and the leaders' duty
        "某县2024年度工作报告",
        "某区人民政府2024年度法治政府建设情况报告（附主要指标统计表）",  # names a table, but is the report
    ],
)
def test_a_real_report_with_a_plain_title_or_a_table_stays_a_report(title):
    text = report(2024, title=TITLES[0]).replace("关于2024年法治政府建设情况的报告", title)
    text += "附表：\n序号\t指标\t2024年\n" + "\n".join(f"{i}\t指标{i}\t{i * 3}" for i in range(1, 6)) + "\n"
    result = fazhi_check.check_text(text)
    assert result.facts.is_report and [f.code for f in result.findings if f.severity == "error"] == []


def test_the_marks_of_a_head_above_the_title_are_no_title():
    """份号, 密级, 紧急程度 and a 文号 with its 签发人 (GB/T 9704's 版头) stand above the title."""
    for marks in (
        ["000123", "秘密★1年", "特急"],
        ["加急", "某建报〔2025〕5号　　　　签发人：林某某"],
        ["某建报〔2025〕5号　签发人：林某某"],
    ):
        text = "\n".join(marks) + "\n" + report(2024, title=TITLES[1])
        result = fazhi_check.check_text(text)
        assert (result.title, result.report_year) == ("某区2024年度法治政府建设工作报告", 2024), marks
        title_line = len(marks) + 1
        assert [(f.code, f.line) for f in result.findings if f.code in ("FZ301", "FZ302")] == [], marks
        assert result.sections[0].line == title_line + 2
