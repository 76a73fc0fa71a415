"""The document model on constructed reports, one behaviour each: the title and its year, the parts and their
kinds, repaired extraction damage; asserted as exact parts, years and findings (code, line, column)."""

import datetime

import pytest

import fazhi_check
from fazhi_check.document import build_document

PACK = fazhi_check.load_rules()
TITLE = "关于2024年法治政府建设情况的报告\n"


def _check(text, *codes, **options):
    return fazhi_check.check_text(text, rules=PACK, select=list(codes) or None, **options)


def _found(result):
    return [(f.code, f.line, f.column, f.end_line, f.end_column, f.section) for f in result.findings]


def _parts(result):
    return [(p.heading.line.number, p.kind, p.also, p.kind_source) for p in result.document.parts]


# --- the title ----------------------------------------------------------------------------------------------


def test_a_finding_on_the_whole_file_spans_a_two_line_title_to_its_second_line():
    result = _check("关于2024年度法治政府建设\n情况的报告\n一、主要举措和成效\n审查文件12件。\n", "FZ101")
    assert _found(result) == [("FZ101", 1, 1, 2, 6, kind) for kind in ("shortcomings", "leadership", "plan")]


def test_a_year_in_a_bracket_ending_the_second_line_of_a_title_is_the_report_year():
    result = _check("某区人民政府法治政府建设\n情况报告（2024年度）\n一、主要举措和成效\n审查文件12件。\n")
    assert result.document.title.text == "某区人民政府法治政府建设情况报告(2024年度)"
    assert (result.report_year, result.document.report_year_source) == (2024, "title")


@pytest.mark.parametrize(
    "title, read",
    [
        ("法治 政府 建设 情况 报告", "法治 政府 建设 情况 报告"),  # five pieces: words, not letter-spacing
        ("区 法治 政府 建设 情况 报告", "区法治政府建设情况报告"),  # six short pieces: letter-spaced
        # eight pieces, six of them short: three in four are enough
        ("某区 法治 政府 建设 工作 报告 2024年度 情况说明", "某区法治政府建设工作报告2024年度情况说明"),
        # six pieces, three of them short: words
        ("关于 2024年度 法治政府建设 工作情况的 综合 报告", "关于 2024年度 法治政府建设 工作情况的 综合 报告"),
    ],
)
def test_letter_spacing_is_closed_up_only_where_six_or_more_short_pieces_make_the_line(title, read):
    result = _check(title + "\n一、主要举措和成效\n审查文件12件。\n")
    assert result.document.title.text == read


def test_a_title_broken_after_its_first_half_is_the_title_after_another_title_line():
    text = "某区司法局工作报告\n关于2024年度法治政府建\n设情况的报告\n一、主要举措和成效\n审查文件12件。\n"
    result = _check(text, "FZ101")
    assert result.document.title.text == "关于2024年度法治政府建设情况的报告"
    assert _found(result)[0] == ("FZ101", 2, 1, 3, 7, "shortcomings")


def test_a_title_broken_right_after_fazhi_zhengfu_is_no_organ_line():
    """ "关于2024年度法治政府" ends in 政府 but names no organ: it is the first half of the title."""
    result = _check("关于2024年度法治政府\n建设情况的报告\n一、主要举措和成效\n审查文件12件。\n", "FZ003", "FZ207")
    assert result.document.title.text == "关于2024年度法治政府建设情况的报告"
    assert result.document.issuer is None
    assert _found(result) == [("FZ207", 1, 1, 2, 8, None)]


def test_behind_a_cover_letter_the_reports_own_title_is_searched_after_the_letter_only():
    text = (
        "某区法治政府建设工作总结\n关于报送2024年度法治政府建设情况报告的函\n市人民政府：\n"
        "现将我区2024年度法治政府建设情况报告报送你们。\n某区人民政府法治政府建设情况报告\n"
        "一、主要举措和成效\n审查文件12件。\n"
    )
    assert _check(text).document.title.text == "某区人民政府法治政府建设情况报告"


def test_a_doc_number_written_in_front_of_the_title_is_no_part_of_it():
    result = _check(
        "[某政发〔2025〕7号]某区人民政府关于2024年法治政府建设情况的报告\n一、主要举措和成效\n审查文件12件。\n"
    )
    assert result.document.title.text == "某区人民政府关于2024年法治政府建设情况的报告"


def test_behind_a_cover_letter_the_first_title_after_it_is_the_reports():
    text = (
        "关于报送2024年度法治政府建设情况报告的函\n市人民政府：\n现将我区2024年度法治政府建设情况报告报送你们。\n"
        "某区人民政府2024年度法治政府建设情况报告\n某区司法局2024年度法治政府建设工作报告\n一、主要举措和成效\n审查文件12件。\n"
    )
    assert _check(text).document.title.text == "某区人民政府2024年度法治政府建设情况报告"


@pytest.mark.parametrize("length, is_title", [(80, True), (81, False)])
def test_a_title_line_holds_at_most_eighty_characters(length, is_title):
    title = "关于" + "某" * (length - 18) + "2024年法治政府建设情况的报告"
    assert len(title) == length
    result = _check(title + "\n一、主要举措和成效\n审查文件12件。\n")
    assert (result.document.title is not None) == is_title


def test_the_publication_date_a_caller_gives_is_said_to_come_from_the_option():
    text = TITLE + "一、主要举措和成效\n审查文件12件。\n"
    doc = build_document(text, PACK.vocabulary, published=datetime.date(2025, 3, 1))
    assert (doc.published, doc.published_source) == (datetime.date(2025, 3, 1), "option")


def test_a_formal_sentence_inside_a_part_is_not_the_openings():
    text = (
        TITLE + "一年来，区政府扎实推进法治政府建设。\n一、主要举措和成效\n"
        "本部分引用原文：现将2023年度法治政府建设情况报告如下。\n二、存在的不足和原因\n执法力量不足。\n"
    )
    result = _check(text, "FZ204")
    assert result.document.formula_year is None
    assert _found(result) == []


# --- the parts and their kinds ----------------------------------------------------------------------------


def test_an_unnamed_part_after_the_plan_is_other():
    text = (
        TITLE + "一、主要举措和成效\n审查文件12件。\n二、存在的不足和原因\n执法力量不足。\n"
        "三、2025年工作安排\n将加强培训。\n四、附件说明\n附件一份。\n"
    )
    assert _parts(_check(text, "FZ101")) == [
        (2, "measures", (), "heading"),
        (4, "shortcomings", (), "heading"),
        (6, "plan", (), "heading"),
        (8, "other", (), "position"),
    ]


def test_a_heading_naming_three_kinds_covers_the_first_two():
    heading = "二、存在的不足、党政主要负责人履行第一责任人职责情况及2025年工作安排"
    text = TITLE + "一、主要举措和成效\n审查文件12件。\n" + heading + "\n执法力量不足。\n"
    result = _check(text, "FZ101")
    assert _parts(result)[1] == (4, "shortcomings", ("leadership",), "heading")
    assert _found(result) == [("FZ101", 1, 1, 1, 19, "plan")]


def test_the_part_after_the_last_shortcomings_part_is_the_plan_when_none_is_named():
    text = (
        TITLE + "一、主要举措和成效\n审查文件12件。\n二、存在的不足和原因\n执法力量不足。\n三、其他工作\n开展调研。\n"
        "四、存在的问题\n培训不够。\n五、继续推进各项工作\n将加强培训。\n"
    )
    assert [kind for _, kind, _, _ in _parts(_check(text, "FZ101"))] == [
        "measures",
        "shortcomings",
        None,
        "shortcomings",
        "plan",
    ]


def test_two_level1_headings_run_into_one_line_each_start_a_part_of_their_own():
    text = (
        TITLE + "一、主要举措和成效\n审查文件12件。二、存在的不足和原因执法力量不足。"
        "三、党政主要负责人履行推进法治建设第一责任人职责情况区长带头学法。\n四、2025年工作安排\n将加强培训。\n"
    )
    result = _check(text, "FZ101")
    assert [(p.heading.line.number, p.kind, p.heading.numeral) for p in result.document.parts] == [
        (2, "measures", "一"),
        (3, "shortcomings", "二"),
        (3, "leadership", "三"),
        (4, "plan", "四"),
    ]
    assert result.document.parts[0].body_text == "审查文件12件。"
    assert _found(result) == []


def test_a_second_title_line_naming_the_subject_is_the_title_unless_it_names_a_part():
    result = _check("法治政府建设年度报告\n某区2024年法治政府建设情况\n一、主要举措和成效\n审查文件12件。\n", "FZ101")
    assert result.document.title.text == "某区2024年法治政府建设情况"
    assert _found(result)[0] == ("FZ101", 2, 1, 2, 16, "shortcomings")


@pytest.mark.parametrize("length, joined", [(40, True), (41, False)])
def test_the_first_half_of_a_broken_title_holds_at_most_forty_characters(length, joined):
    above = "关于" + "某" * (length - 13) + "2024年度法治政府建"
    assert len(above) == length
    result = _check(above + "\n设情况的报告\n一、主要举措和成效\n审查文件12件。\n")
    assert (result.document.title is not None) == joined
    if joined:
        assert result.document.title.text == above + "设情况的报告"


@pytest.mark.parametrize(
    "line, dated",
    [
        ("2025年2月14日", True),
        ("（2025年2月14日下午印发稿件正文）", True),  # 20 characters: a date line under the title
        ("（2025年2月14日下午印发的稿件正文）", False),  # 21: too long for one
    ],
)
def test_a_date_under_the_title_is_the_date_where_the_closing_has_none(line, dated):
    text = (
        TITLE + line + "\n一、主要举措和成效\n审查文件12件。\n二、存在的不足和原因\n执法力量不足。\n"
        "三、其他\n无。\n某区人民政府\n"
    )
    result = _check(text, "FZ205")
    assert result.document.date == (datetime.date(2025, 2, 14) if dated else None)
    # a bracketed line under the title that is no date line is read as the title's second line
    assert _found(result) == ([] if dated else [("FZ205", 1, 1, 2, 22, None)])


@pytest.mark.parametrize("length, found", [(1, False), (2, True), (40, True), (41, False)])
def test_an_organ_line_of_the_closing_holds_two_to_forty_characters(length, found):
    organ = ("某" * (length - 3) + "司法局") if length > 2 else "某局"[2 - length :]
    result = _check(TITLE + "一、主要举措和成效\n审查文件12件。\n" + organ + "\n2025年2月14日\n", "FZ207")
    assert result.document.issuer == (organ if found else None)
    assert _found(result) == ([] if found else [("FZ207", 1, 1, 1, 19, None)])


# --- repaired extraction damage ---------------------------------------------------------------------------

WRAPPED = "审查规范性文件十二件办理行政复议案件三十件开展普法宣传活动四"  # 30 characters: a PDF's wrap width


def test_after_a_wrapped_pdf_line_the_next_numeral_still_starts_a_part_and_another_is_text():
    text = (
        TITLE + "一、主要举措和成效\n" + "\n".join([WRAPPED] * 5) + "\n一、运行高效的行政执法体系基本建立。\n"
        "二、存在的不足和原因\n执法力量不足。\n"
    )
    result = _check(text, "FZ101")
    assert _parts(result) == [(2, "measures", (), "heading"), (9, "shortcomings", (), "heading")]
    assert "一、运行高效" in result.document.parts[0].body_text


@pytest.mark.parametrize("length, joined", [(20, True), (21, False)])
def test_a_heading_reads_on_into_its_next_line_of_at_most_twenty_characters(length, joined):
    tail = "政府建设工作职责" + "某" * (length - 8)
    text = TITLE + "一、主要举措和成效\n审查文件12件。\n二、党政主要负责人履行推进\n" + tail + "\n区长带头学法。\n"
    heading = _check(text, "FZ101").document.parts[1].heading
    assert heading.title == "党政主要负责人履行推进" + (tail if joined else "")
    assert (heading.continuation.number if heading.continuation else None) == (5 if joined else None)


def test_level1_parts_numbered_1_enclose_their_restarting_sub_parts():
    text = (
        TITLE + "1.全年工作开展情况\n（一）健全制度\n审查文件12件。\n（二）规范执法\n评查案卷80卷。\n"
        "2.其他工作开展情况\n（一）加强培训\n培训3次。\n（二）加强宣传\n宣传5次。\n"
    )
    result = _check(text, "FZ101")
    assert [(p.heading.line.number, p.heading.numeral, len(p.subheadings)) for p in result.document.parts] == [
        (2, "1", 2),
        (7, "2", 2),
    ]


def test_lost_level1_numerals_above_two_restarting_sub_numberings_give_fz303_on_each_part():
    text = (
        TITLE + "全年工作开展情况\n（一）健全制度\n审查文件12件。\n（二）规范执法\n评查案卷80卷。\n"
        "其他工作开展情况\n（一）加强培训\n培训3次。\n（二）加强宣传\n宣传5次。\n"
    )
    result = _check(text, "FZ303")
    assert [(p.heading.line.number, len(p.subheadings)) for p in result.document.parts] == [(2, 2), (7, 2)]
    assert [(f.code, f.line, f.column, f.message) for f in result.findings] == [
        ("FZ303", 2, 1, "此行像是第一部分的标题，但缺少序号“一、”"),
        ("FZ303", 7, 1, "此行像是第二部分的标题，但缺少序号“二、”"),
    ]


def _wrapped(n):
    """A line of ``n`` characters with no sentence end, as a PDF cuts a paragraph."""
    return ("审查规范性文件十二件办理行政复议案件三十件开展普法宣传活动四十场发放资料" * 2)[:n]


FALSE_HEADING = "一、运行高效的行政执法体系基本建立。\n二、存在的不足和原因\n执法力量不足。\n"


@pytest.mark.parametrize("width, parts", [(15, [2, 8, 9]), (16, [2, 9])])
def test_a_wrap_width_is_read_from_lines_of_sixteen_characters_or_more(width, parts):
    """Five lines of 16 cut alike are a PDF's wrap: the 一、 after them that breaks the count is text;
    lines of 15 are too short to tell, and the 一、 starts a part."""
    text = TITLE + "一、主要举措和成效\n" + "\n".join([_wrapped(width)] * 5) + "\n" + FALSE_HEADING
    assert [p.heading.line.number for p in _check(text, "FZ101").document.parts] == parts


@pytest.mark.parametrize("short, parts", [(3, [2, 10]), (4, [2, 9, 10])])
def test_a_line_up_to_three_characters_short_of_the_wrap_width_still_runs_on(short, parts):
    lines = [_wrapped(30)] * 5 + [_wrapped(30 - short)]
    text = TITLE + "一、主要举措和成效\n" + "\n".join(lines) + "\n" + FALSE_HEADING
    assert [p.heading.line.number for p in _check(text, "FZ101").document.parts] == parts


@pytest.mark.parametrize("width, parts", [(25, [2]), (26, [2, 9])])
def test_an_unnumbered_line_one_short_of_the_wrap_width_is_no_heading(width, parts):
    heading = "党政主要负责人履行推进法治建设第一责任人职责情况"  # 24 characters
    lines = [_wrapped(width)] * 5 + [_wrapped(width - 1) + "。"]
    text = TITLE + "一、主要举措和成效\n" + "\n".join(lines) + "\n" + heading + "\n区长带头学法。\n"
    assert [p.heading.line.number for p in _check(text, "FZ101").document.parts] == parts


def test_only_the_page_lines_that_end_the_text_are_no_report_text():
    text = (
        TITLE + "一、主要举措和成效\n审查文件12件。\n时间：2024年3月12日\n二、存在的不足和原因\n执法力量不足。\n"
        "【打印】【关闭】\n"
    )
    assert [(ln.number, ln.text) for ln in _check(text).document.page_lines] == [(7, "【打印】【关闭】")]


def test_the_date_is_found_among_the_last_four_lines():
    text = TITLE + "一、主要举措和成效\n审查文件12件。\n某区人民政府\n2025年2月14日\n附件1\n附件2\n附件3\n"
    result = _check(text, "FZ205")
    assert (result.document.date, result.findings) == (datetime.date(2025, 2, 14), ())


@pytest.mark.parametrize("length, part", [(40, True), (41, False)])
def test_an_unnumbered_heading_holds_at_most_forty_characters(length, part):
    heading = "党政主要负责人履行推进法治建设第一责任人职责情况" + "某" * (length - 24)
    text = TITLE + "一、主要举措和成效\n审查文件12件。\n" + heading + "\n区长带头学法。\n"
    assert [p.heading.line.number for p in _check(text, "FZ101").document.parts] == ([2, 4] if part else [2])


def test_an_unnumbered_line_of_three_chinese_characters_is_no_heading():
    text = TITLE + "主要举措和成效\n审查文件12件。\n其他类\n无其他。\n存在的不足和原因\n执法力量不足。\n"
    assert [(n, kind) for n, kind, _, _ in _parts(_check(text, "FZ101"))] == [(2, "measures"), (6, "shortcomings")]


# --- the years ----------------------------------------------------------------------------------------------


def test_the_opening_names_the_first_year_it_writes():
    opening = "2024年，全区在2023年工作基础上扎实推进法治政府建设。"
    result = _check("某区法治政府建设情况报告\n" + opening + "\n一、主要举措和成效\n审查文件12件。\n")
    assert result.document.opening_year.value == 2024


@pytest.mark.parametrize("before, year", [(35, 2024), (36, None)])
def test_the_opening_names_the_report_year_within_its_first_forty_characters(before, year):
    opening = "某" * before + "2024年，全区扎实推进法治政府建设。"
    result = _check("某区法治政府建设情况报告\n" + opening + "\n一、主要举措和成效\n审查文件12件。\n")
    assert (result.document.opening_year.value if result.document.opening_year else None) == year
    assert result.document.report_year_source == ("opening" if year else None)


@pytest.mark.parametrize(
    "body, source",
    [
        ("一、2024年主要举措和成效\n审查文件12件。\n二、2025年工作安排\n将加强培训。\n", "heading"),
        ("一、主要举措和成效\n审查文件12件。\n二、2025年工作安排\n将加强培训。\n", "plan"),  # the plan's year − 1
        ("一、主要举措和成效\n审查文件12件。\n某区人民政府\n2025年2月14日\n", "date"),  # the date's year − 1
    ],
)
def test_without_a_year_in_title_or_opening_the_report_year_comes_from_the_parts_the_plan_or_the_date(body, source):
    result = _check("某区法治政府建设情况报告\n一年来扎实推进法治政府建设。\n" + body)
    assert (result.report_year, result.document.report_year_source) == (2024, source)


def test_after_a_wrapped_pdf_line_the_next_sub_numeral_still_starts_a_sub_part():
    text = (
        TITLE
        + "一、主要举措和成效\n（一）健全制度\n"
        + "\n".join([_wrapped(30)] * 5)
        + "\n（二）规范执法\n评查案卷80卷。\n"
    )
    assert [s.line.number for s in _check(text, "FZ101").document.parts[0].subheadings] == [3, 9]


def test_a_short_numbered_list_in_the_opening_does_not_make_the_parts():
    text = (
        TITLE + "全区扎实推进法治政府建设，重点做了两件事：\n1.学习\n2.培训\n"
        "（一）健全依法决策机制\n审查文件12件。\n（二）规范行政执法\n评查案卷80卷。\n"
    )
    parts = _check(text, "FZ101").document.parts
    assert [(p.heading.line.number, p.heading.numeral) for p in parts] == [(5, "一"), (7, "二")]


def test_a_run_in_heading_after_a_skipped_numeral_is_the_next_after_the_one_written():
    text = (
        TITLE
        + "一、主要举措和成效\n审查文件12件。\n三、存在的不足和原因\n执法力量不足。四、2025年工作安排将加强培训。\n"
    )
    parts = _check(text, "FZ101").document.parts
    assert [(p.heading.line.number, p.heading.numeral, p.kind) for p in parts] == [
        (2, "一", "measures"),
        (4, "三", "shortcomings"),
        (5, "四", "plan"),
    ]


@pytest.mark.parametrize(
    "first, second",
    [("1.主要举措和成效", "2.存在的不足和原因"), ("推进法治政府建设的主要举措和成效", "存在的不足和原因")],
    ids=["numbered-1.", "unnumbered"],
)
def test_level1_lines_that_name_two_required_parts_hold_the_thematic_sub_parts(first, second):
    text = (
        TITLE + f"{first}\n（一）健全制度\n审查文件12件。\n（二）规范执法\n评查案卷80卷。\n{second}\n执法力量不足。\n"
    )
    parts = _check(text, "FZ101").document.parts
    assert [(p.heading.line.number, p.kind, len(p.subheadings)) for p in parts] == [
        (2, "measures", 2),
        (7, "shortcomings", 0),
    ]


@pytest.mark.parametrize(
    "cut, others, parts",
    [
        (4, 0, [2, 7, 8]),  # four lines cut alike are too few to tell a wrap
        (5, 10, [2, 19]),  # five of fifteen long lines: a third is enough
        (5, 11, [2, 19, 20]),  # five of sixteen: too few
    ],
)
def test_a_wrap_width_is_the_length_of_five_or_more_lines_and_a_third_of_the_long_ones(cut, others, parts):
    other = [_wrapped(n - 1) + "。" for n in range(16, 26)] + [_wrapped(40) + "。"]
    lines = other[:others] + [_wrapped(30)] * cut
    text = TITLE + "一、主要举措和成效\n" + "\n".join(lines) + "\n" + FALSE_HEADING
    assert [p.heading.line.number for p in _check(text, "FZ101").document.parts] == parts


@pytest.mark.parametrize(
    "line, addressee",
    [
        ("某" * 55 + "人民政府：", True),  # sixty characters
        ("某" * 56 + "人民政府：", False),
        ("感谢关心。市人民政府：", False),  # a sentence ends in it
    ],
)
def test_an_addressee_line_holds_at_most_sixty_characters_and_no_sentence_end(line, addressee):
    text = TITLE + line + "\n一年来，全区扎实推进法治政府建设。\n一、主要举措和成效\n审查文件12件。\n"
    opening = _check(text).document.opening
    assert opening.number == (3 if addressee else 2)


def test_a_part_heading_broken_over_two_lines_after_the_title_is_no_title():
    text = TITLE + "推进法治政府建设的主要举措\n和成效情况\n一、主要举措和成效\n审查文件12件。\n"
    assert _check(text).document.title.text == "关于2024年法治政府建设情况的报告"


def test_letter_spacing_counts_pieces_of_two_characters_or_fewer_as_short():
    # eight pieces, five of them short (报告书 is three): words, not letter-spacing
    title = "某区 法治 政府 建设 工作 报告书 2024年度 情况说明"
    assert _check(title + "\n一、主要举措和成效\n审查文件12件。\n").document.title.text == title


def test_h2_headings_that_name_two_parts_are_parts_with_the_unnumbered_ones_after_them():
    text = (
        TITLE + "（一）主要举措和成效\n审查文件12件。\n（二）存在的不足和原因\n执法力量不足。\n"
        "党政主要负责人履行推进法治建设第一责任人职责情况\n区长带头学法。\n2025年工作安排\n将加强培训。\n"
    )
    assert [(n, kind) for n, kind, _, _ in _parts(_check(text, "FZ101"))] == [
        (2, "measures"),
        (4, "shortcomings"),
        (6, "leadership"),
        (8, "plan"),
    ]


def test_two_restarting_sub_numberings_lose_their_level1_numerals_though_only_one_has_a_second_item():
    text = (
        TITLE + "全年工作开展情况\n（一）健全制度\n审查文件12件。\n（二）规范执法\n评查案卷80卷。\n"
        "其他工作开展情况\n（一）加强培训\n培训3次。\n"
    )
    parts = _check(text, "FZ101").document.parts
    assert [(p.heading.line.number, [s.line.number for s in p.subheadings]) for p in parts] == [(2, [3, 5]), (7, [8])]


@pytest.mark.parametrize("length, titled", [(20, True), (21, False)])
def test_a_short_stray_line_above_the_title_is_passed_over(length, titled):
    text = "某" * length + "\n\n" + TITLE + "一、主要举措和成效\n审查文件12件。\n"
    title = _check(text).document.title
    assert (title.text if title else None) == ("关于2024年法治政府建设情况的报告" if titled else None)


def test_h3_headings_above_h2_ones_that_name_two_parts_are_no_parts():
    text = (
        TITLE + "1.主要举措和成效\n（一）党政主要负责人履行推进法治建设第一责任人职责情况\n区长带头学法。\n"
        "（二）2025年工作安排\n将加强培训。\n2.存在的不足和原因\n执法力量不足。\n"
    )
    assert [(n, kind) for n, kind, _, _ in _parts(_check(text, "FZ101"))] == [(3, "leadership"), (5, "plan")]


def test_a_last_part_of_one_short_line_keeps_its_heading_as_written():
    text = TITLE + "一、主要举措和成效\n审查文件12件。\n二、党政主要负责人履行推进\n政府建设工作职责\n"
    assert _check(text, "FZ101").document.parts[1].heading.title == "党政主要负责人履行推进"


def test_a_paragraph_ends_at_the_line_that_ends_a_sentence():
    text = TITLE + "一、主要举措和成效\n审查文件，\n开展培训。\n新的段落\n"
    assert _check(text, "FZ101").document.parts[0].body_text == "审查文件,开展培训。\n新的段落"


def test_a_web_pages_line_holds_its_first_and_last_offsets_and_no_other():
    text = TITLE + "来源：某区司法局　时间：2025-03-01 10:20:31\n一、主要举措和成效\n审查文件12件。\n"
    doc = _check(text).document
    (page,) = doc.page_lines
    assert [doc.on_page_line(at) for at in (page.start - 1, page.start, page.end, page.end + 1)] == [
        False, True, True, False,
    ]  # fmt: skip


def test_the_document_and_its_pieces_are_frozen():
    import dataclasses

    from fazhi_check.document import model

    doc = _check(TITLE + "一、主要举措和成效\n审查文件12件。\n").document
    for value in (doc, doc.title, doc.parts[0], doc.parts[0].heading):
        with pytest.raises(dataclasses.FrozenInstanceError):
            value.__setattr__(dataclasses.fields(value)[0].name, None)
    assert all(c.__dataclass_params__.frozen for c in (model.Enumeration, model.Fold))
