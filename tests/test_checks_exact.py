"""The check kinds on constructed input, one behaviour each, where a rule case (tests/rule_cases) cannot say it:
a message in English, a text built to a length, the pattern search that stands in for a union of patterns."""

import re

import pytest

import fazhi_check
from fazhi_check import markers
from fazhi_check.checks.patterns import union_matches

PACK = fazhi_check.load_rules()
TITLE = "关于2024年法治政府建设情况的报告\n"


def _found(text, *codes, **options):
    result = fazhi_check.check_text(text, rules=PACK, select=list(codes), **options)
    return [(f.code, f.line, f.column, f.message) for f in result.findings]


def test_an_inline_item_out_of_sequence_is_reported_with_the_number_that_belongs_in_english():
    text = TITLE + "一、主要举措和成效\n审查文件12件，一是健全制度；三是规范执法。\n"
    assert _found(text, "FZ304", lang="en") == [("FZ304", 3, 16, "The inline enumeration should be 2, but it is 3")]


@pytest.mark.parametrize(
    "above, formula, year",
    [(8, "现将2024年度法治政府建设情况报告如下：", 2024), (7, "现将有关情况报告如下：", None)],
    ids=["ninth-line-with-year", "eighth-line-without"],
)
def test_an_untitled_text_that_states_its_report_late_in_a_long_opening_is_a_report(above, formula, year):
    """No title, its parts name one required part, its words are seldom about the subject: the formal
    sentence "现将……报告如下" late in the opening (its eighth or ninth line) still says it is a report."""
    filler = "今年以来，我们围绕中心工作，扎实开展各项工作，取得了较好的成效。"
    text = "\n".join([filler] * above) + f"\n{formula}\n一、重点工作\n" + "\n".join([filler] * 20)
    text += "\n二、其他事项\n" + filler + "\n"
    result = fazhi_check.check_text(text, rules=PACK, select=["FZ003"])
    formula_year = result.document.formula_year
    assert (formula_year and formula_year.value, result.findings) == (year, ())


@pytest.mark.parametrize(
    "pattern, text, spans",
    [
        # a pattern whose alternatives stand at its top is searched whole: split by its leading class, the
        # piece "b|…" would win the tie at 0 with the shorter match
        (r"[ab]cd|b", "bcd", [(0, 3)]),
        (r"[ab]\.|b", "b.", [(0, 2)]),  # an escaped character is one character
        (r"[ab](c)d|b", "bcd", [(0, 3)]),  # after a group the | is at the top again
        # a leading class is split into its characters only, never its brackets
        (r"[ab]c", "[c ac bc ]c", [(3, 5), (6, 8)]),
        (r"[X\t]月", "X月 \t月 [月", [(0, 2), (3, 5)]),
    ],
)
def test_patterns_searched_one_by_one_give_the_spans_of_their_union(pattern, text, spans):
    assert [m.span() for m in re.finditer(pattern, text)] == spans
    assert union_matches((pattern,), text) == spans


@pytest.mark.parametrize(
    "numeral, value",
    [
        ("㈠", 1),
        ("㈩", 10),
        ("①", 1),
        ("⑳", 20),
        ("Ⅰ", 1),
        ("Ⅹ", 10),  # the ends of each range
        ("\u321f", None),
        ("\u322a", None),
        ("\u245f", None),
        ("\u215f", None),
        ("\u216a", None),  # just outside
        ("十二", 12),
        ("12", 12),
        ("", None),
    ],
)
def test_a_numeral_gives_its_number_at_both_ends_of_each_enclosed_range(numeral, value):
    assert markers.value(numeral) == value


def test_an_unreadable_file_says_why_in_english():
    result = fazhi_check.check_bytes(bytes.fromhex("e6b3950000000102"), path="x.txt", rules=PACK, lang="en")
    assert [(f.code, f.line, f.column, f.message) for f in result.findings] == [
        ("FZ001", 1, 1, "Cannot read the file: a binary file (it contains NUL bytes), not text")
    ]


def test_an_item_after_one_whose_numeral_reads_past_ninety_nine_is_reported_in_arabic_digits():
    """An item "一二三是" reads as 123 (digit by digit, as a year does): the item after it is expected as 124, which
    has no numeral of the 一…九十九 kind, so the message gives it in digits (it once raised IndexError)."""
    text = TITLE + "一、主要举措和成效\n（一）法治。一二三是；十是\n"
    assert _found(text, "FZ304", lang="en") == [
        ("FZ304", 3, 7, "The inline enumeration should be 1, but it is 123"),
        ("FZ304", 3, 12, "The inline enumeration should be 124, but it is 10"),
    ]
