"""FZ003 on texts that land in a folder of reports but are other documents: a table of figures, a list
of duties, a web page that lists reports, a department's summary of all its work. Each kind in three
variants built here; each gives FZ003 and nothing of the structure rules, while real reports that
resemble them stay reports."""

import pytest
from report_builder import TITLES, report

import fazhi_check
from fazhi_check.checks.genre import why_not
from fazhi_check.document import build_document

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


SPEECHES = [
    "在全县依法行政工作会议上的讲话\n县长　某某\n（2025年2月21日）\n同志们：\n"
    "今天召开全县依法行政工作会议，主要任务是部署今年工作。\n"
    "一、肯定成绩，充分认识依法行政取得的新进展\n过去一年，全县法治政府建设取得新成效，审查重大行政决策15件。\n"
    "二、正视问题，切实增强紧迫感\n一些干部法治意识还不强，执法不规范问题仍然存在。\n"
    "三、突出重点，全面推进法治政府建设\n（一）深入推进依法决策。\n（二）严格规范执法。\n",
    "某市市长在2025年法治政府建设推进会上的发言\n一、2024年主要工作\n全市审查规范性文件40件，办理行政复议案件300件。\n"
    "二、存在的不足\n基层执法力量薄弱。\n三、2025年工作打算\n持续深化法治政府建设。\n",
    "在全区法治政府建设工作会议上的讲话稿\n同志们：\n一、总结成绩\n2024年全区法治政府建设扎实推进。\n二、查找不足\n执法规范化有待提升。\n"
    "三、部署任务\n（一）强化依法决策。\n（二）深化普法宣传。\n",
]
SURVEYS = [
    "某区2024年度法治政府建设群众满意度测评报告\n受托单位：某调查咨询有限公司\n委托单位：某区司法局\n一、测评概况\n采用电话访问方式，"
    "有效样本1200份。\n二、测评指标\n测评设置依法决策、严格执法等6项指标。\n三、测评结果\n综合得分88.6分。\n四、问题与建议\n执法规范化得分偏低。\n",
    "某县法治政府建设第三方评估报告（2024年度）\n一、评估概况\n评估组查阅资料，走访部门。\n二、评估结果\n总分86分。\n三、存在问题\n"
    "部分部门合法性审查不到位。\n四、意见建议\n加强合法性审查。\n",
    "某市2024年法治政府建设社会满意度调查报告\n一、调查方法\n随机抽样调查市民2000人。\n二、调查结果\n满意度为90.2%。\n三、主要问题\n"
    "群众对执法公正性评价偏低。\n",
]
APPLICATIONS = [
    "第四批某省法治政府建设示范地区申报书\n申报地区：某市某县\n申报类别：综合示范地区\n申报单位（盖章）：某县人民政府\n一、基本情况\n"
    "某县辖9镇3乡。\n二、对照示范指标体系自评情况\n自评总分92分。\n三、主要做法和成效\n建成县乡村三级公共法律服务平台。\n",
    "某县法治政府建设示范项目申请书\n项目名称：行政执法“三项制度”全覆盖\n一、项目基本情况\n2023年启动。\n二、主要做法\n"
    "统一执法文书。\n三、取得成效\n执法案卷合格率98%。\n",
    "某区党政主要负责人推进法治建设第一责任人职责承诺书\n本人作为某区党政主要负责人，郑重承诺：\n一、带头尊法学法守法用法。\n"
    "二、每年专题研究法治建设工作不少于2次。\n三、带头出庭应诉。\n",
]


OTHERS = {"table": TABLES, "duties": DUTIES, "list": LISTS, "summary": SUMMARIES}
OTHERS.update(speech=SPEECHES, survey=SURVEYS, application=APPLICATIONS)


@pytest.mark.parametrize(
    "text", [t for texts in OTHERS.values() for t in texts],
    ids=[f"{kind}{i}" for kind, texts in OTHERS.items() for i in range(len(texts))],
)  # fmt: skip
def test_another_document_gets_fz003_and_no_structure_finding(text):
    result = fazhi_check.check_text(text)
    codes = [f.code for f in result.findings]
    assert result.facts.is_report is False and codes.count("FZ003") == 1
    assert [c for c in codes if c.startswith(STRUCTURE)] == []


def _fz003(text: str, lang: str = "zh") -> str:
    (finding,) = [f for f in fazhi_check.check_text(text, lang=lang).findings if f.code == "FZ003"]
    return finding.message


@pytest.mark.parametrize(
    "text, reason",
    [
        (SPEECHES[0], "标题“在全县依法行政工作会议上的讲话”写明是另一种文件"),
        (TABLES[2], "标题“2024年度依法行政考核指标完成情况汇总表”写明是另一种文件"),
        ("关于印发《2025年法治政府建设工作要点》的通知\n一、总体要求\n坚持依法行政。\n",
         "标题“关于印发《2025年法治政府建设工作要点》的通知”写明是另一种文件"),
        ("某县2025年法治政府建设工作方案\n一、总体要求\n坚持依法行政。\n二、主要任务\n深化执法改革。\n",
         "标题“某县2025年法治政府建设工作方案”表明这是今后工作的方案或计划，不是对上一年度的报告"),
        ("近日，某区召开法治政府建设推进会。会议总结了2024年工作，部署了2025年任务。\n",
         "像一篇新闻报道（以“近日”等开头或带有记者署名，没有编号的部分）"),
        ("各乡镇人民政府，县政府各部门：\n现将有关事项通知如下。\n一、提高认识\n二、压实责任\n",
         "主送“各……”，是发给下级执行的文件，而年度报告是报给上级的"),
        (SUMMARIES[1], "标题“某县司法局2024年度工作总结”未提及法治政府建设，也未识别出规定的各部分"),
        ("今天天气很好。\n我们去公园散步。\n", "没有提及法治政府建设的标题，也未识别出规定的各部分"),
    ],
    ids=["speech", "table", "notice-title", "plan", "news", "downward", "summary", "untitled"],
)  # fmt: skip
def test_fz003_says_why_the_text_is_no_annual_report(text, reason):
    assert _fz003(text) == f"全文看不出是法治政府建设年度报告：{reason}，请确认文件是否放错"


def test_fz003_says_why_in_english_too():
    assert _fz003(SPEECHES[0], "en") == (
        'This does not read as a rule-of-law government annual report: the title "在全县依法行政工作会议上的讲话" '
        "names another kind of document; check that the right file was given"
    )


PLAN_IN_SHORTCOMINGS = (
    "关于2024年法治政府建设情况的报告\n一、推进法治政府建设的主要举措和成效\n审查规范性文件12件，办理行政复议案件30件，开展普法宣传活动40场。\n"
    "二、党政主要负责人履行推进法治建设第一责任人职责情况\n主要负责人带头学法，专题研究法治工作4次，带头出庭应诉2次。\n"
    "三、存在的不足和原因\n一是行政执法力量不足，原因是编制紧张；二是普法针对性不强，原因是调研不够。\n"
    "{opening}我们将针对上述问题，加强执法人员培训，开展精准普法。\n某区司法局\n2025年2月14日\n"
)


@pytest.mark.parametrize("opening", ["下一步，", "2025年，", "新的一年，", "下一年度，"])
def test_a_plan_written_as_the_last_paragraph_of_another_part_is_folded_not_missing(opening):
    result = fazhi_check.check_text(PLAN_IN_SHORTCOMINGS.format(opening=opening))
    found = [(f.code, f.line, f.column, f.section) for f in result.findings if f.code in ("FZ101", "FZ106")]
    assert found == [("FZ106", 8, 1, "plan")]


@pytest.mark.parametrize(
    "sentence",
    ["同时，下一步将加强执法人员培训。", "这些问题下一步我们将逐步解决。", "基层反映，2025年将面临更大压力。"],
)
def test_next_steps_inside_a_sentence_are_no_plan(sentence):
    result = fazhi_check.check_text(
        PLAN_IN_SHORTCOMINGS.format(opening="").replace(
            "我们将针对上述问题，加强执法人员培训，开展精准普法。", sentence
        )
    )
    assert [(f.code, f.section) for f in result.findings if f.code in ("FZ101", "FZ106")] == [("FZ101", "plan")]


def test_every_reason_fz003_can_give_has_its_words_in_both_languages():
    from fazhi_check.checks.genre import REASONS

    (rule,) = [r for r in fazhi_check.load_rules().rules if r.code == "FZ003"]
    assert set(rule.options["reasons"]) == set(rule.options["reasons_en"]) == set(REASONS)


# -- where the genre's tests draw their lines: at the boundary and one step past it ------------------


def _why(text: str) -> str | None:
    return why_not(build_document(text, fazhi_check.load_rules().vocabulary))


def _untitled(lines: list[str]) -> str:
    return "\n".join(lines) + "\n"


_PLAIN = [f"第{i}段：本单位按计划完成各项工作任务。" for i in range(1, 12)]  # no subject word, no part named


def test_an_untitled_text_is_about_the_subject_where_its_words_reach_their_share_exactly():
    """Untitled, no part named, no formula: a report where the subject's words are subject_per_mille
    or more per 1,000 characters of its normalised text; at the share exactly, one; a character more, none."""
    vocabulary = fazhi_check.load_rules().vocabulary
    words = int(vocabulary.subject_per_mille)
    assert words == vocabulary.subject_per_mille  # so 1,000 characters hold the share exactly
    filler = "本单位认真组织各项工作按时完成年度任务" * 60
    verdicts = {}
    for size in (1000, 1001):
        doc = build_document("法治" * words + filler[: size - 2 * words - 1] + "\n", vocabulary)
        assert len(doc.normalized) == size
        verdicts[size] = why_not(doc)
    assert verdicts == {1000: None, 1001: "no_subject"}


def test_the_formula_counts_in_the_first_eight_lines_of_the_body_only():
    """The formula ("现将有关情况报告如下") makes an untitled text a report in the body's first eight lines."""
    verdicts = [_why(_untitled([*_PLAIN[:k], "现将有关情况报告如下：", *_PLAIN[k:]])) for k in (0, 7, 8)]
    assert verdicts == [None, None, "no_subject"]


def test_a_news_byline_counts_in_the_last_three_lines_only():
    """With no numbered parts, a byline ("（通讯员 张三）") among the last three lines makes a news item."""
    news = ["市司法局召开年度工作会议", "会议听取各科室工作汇报。", "会议要求抓好落实。", "会议部署明年工作。"]
    news.append("大家表示将认真落实。")
    byline = "（通讯员 张三）"
    verdicts = [_why(_untitled([*news[: len(news) - k], byline, *news[len(news) - k :]])) for k in (0, 2, 3)]
    assert verdicts == ["news", "news", "no_subject"]
