"""Properties over generated text: never crash, positions always valid, cosmetic variants keep the outline."""

import os
import re
import tempfile

import yaml
from conftest import seed_files
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import fazhi_check
from fazhi_check.config import ConfigError, load_config
from fazhi_check.fixes import apply_fixes, fix_bytes
from fazhi_check.numerals import chinese_number, to_chinese_number
from fazhi_check.positions import LineIndex, normalize
from fazhi_check.waivers import WaiverFileError, parse_waivers

RULES = fazhi_check.load_rules()

SEEDS = [p.read_text("utf-8") for p in seed_files()]

_HEADINGS = [
    "一、",
    "二、",
    "三、",
    "四、",
    "五、",
    "十一、",
    "(一)",
    "（二）",
    "(三)",
    "1.",
    "2、",
    "（1）",
    "一是",
    "二是",
    "党政主要负责人履行推进法治建设第一责任人职责情况",
    "主要举措和成效",
    "存在的不足和原因",
    "存在问题及下一步打算",
    "2025年工作安排",
    "2024 年",
    "二〇二四年",
    "关于2024年法治政府建设情况的报告",
    "某某区司法局",
    "2025年2月14日",
    "第一责任人职责",
    "《纲要（2021—2025年）》",
    "。",
    "，",
    "：",
    "XX",
    "\u3000",
    " ",
    "\t",
]
_LINE = st.lists(st.one_of(st.sampled_from(_HEADINGS), st.text(max_size=12)), max_size=6).map("".join)
REPORTISH = st.lists(_LINE, max_size=30).flatmap(
    lambda lines: st.sampled_from(["\n", "\r\n", "\r"]).map(lambda nl: nl.join(lines))
)


def _lines(text):
    index = LineIndex(text)
    return [text[s:e] for s, e in zip(index.starts, index.ends)]


def _assert_positions_valid(text, result):
    lines = _lines(text)
    for f in result.findings:
        assert 1 <= f.line <= f.end_line <= len(lines), f
        assert 1 <= f.column <= len(lines[f.line - 1]) + 1, f
        assert 1 <= f.end_column <= len(lines[f.end_line - 1]) + 1, f
        assert (f.line, f.column) <= (f.end_line, f.end_column), f
        if f.evidence is not None and f.line == f.end_line:
            assert lines[f.line - 1][f.column - 1 : f.end_column - 1] == f.evidence, f


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_text_checks_without_error(text):
    result = fazhi_check.check_text(text)
    _assert_positions_valid(text, result)
    result.to_dict()


@settings(max_examples=300, deadline=None)
@given(REPORTISH)
def test_report_like_text_gives_valid_positions(text):
    _assert_positions_valid(text, fazhi_check.check_text(text))


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_check_without_error(data):
    result = fazhi_check.check_bytes(data)
    if result.document is None:
        assert [f.code for f in result.findings] == ["FZ001"]


_WIDTH = str.maketrans({"（": "(", "）": ")", "(": "（", ")": "）", "，": ",", ",": "，", "：": ":", ":": "："})


def _outline(text):
    return [(s.kind, s.also, s.numeral, s.year) for s in fazhi_check.check_text(text).sections]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(range(len(SEEDS))), st.data())
def test_width_indent_and_blank_line_variants_keep_the_sections(i, data):
    lines = SEEDS[i].split("\n")
    flip = data.draw(st.lists(st.booleans(), min_size=len(lines), max_size=len(lines)))
    blanks = data.draw(st.lists(st.integers(0, 2), min_size=len(lines), max_size=len(lines)))
    indents = data.draw(
        st.lists(st.sampled_from(["", "\u3000\u3000", "  ", "\t"]), min_size=len(lines), max_size=len(lines))
    )
    spaced = data.draw(st.booleans())
    out = []
    for line, f, b, indent in zip(lines, flip, blanks, indents):
        if f:
            line = line.translate(_WIDTH)
        line = indent + line
        if spaced:
            line = re.sub(r"(\d{4})年", r"\1 年", line)
        out += [""] * b + [line]
    assert _outline("\n".join(out)) == _outline(SEEDS[i])


def _hard_wrap(text, width, page_every):
    """What PDF extraction does: every paragraph cut into lines of ``width``, page numbers between."""
    out, count = [], 0
    for para in text.split("\n"):
        while len(para) > width:
            out.append(para[:width])
            para = para[width:]
            count += 1
            if count % page_every == 0:
                out.append(f"- {count // page_every} -")
        out.append(para)
    return "\n".join(out)


def _codes(result):
    return sorted(f.code for f in result.findings if f.severity != "info")


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(range(len(SEEDS))), st.integers(24, 48), st.integers(20, 60))
def test_pdf_hard_wrapped_seeds_keep_sections_and_findings(i, width, page_every):
    original = fazhi_check.check_text(SEEDS[i])
    wrapped = fazhi_check.check_text(_hard_wrap(SEEDS[i], width, page_every))
    assert [s.kind for s in wrapped.sections] == [s.kind for s in original.sections]
    assert _codes(wrapped) == _codes(original)
    assert wrapped.report_year == original.report_year


_MARKUP = st.sampled_from(["# ", "## ", "**", "*", "- ", "> ", "`", "[链接](http://x)", "![图](a.png)", "| ", "\\*"])
MARKDOWNISH = st.lists(
    st.lists(st.one_of(st.sampled_from(_HEADINGS), _MARKUP, st.text(max_size=8)), max_size=6).map("".join), max_size=20
).map("\n".join)


@settings(max_examples=200, deadline=None)
@given(MARKDOWNISH)
def test_markdown_positions_point_into_the_file(text):
    result = fazhi_check.check_bytes(text.encode("utf-8"), path="draft.md")
    lines = _lines(text)
    for f in result.findings:
        assert 1 <= f.line <= f.end_line <= len(lines), f
        assert 1 <= f.column <= len(lines[f.line - 1]) + 1 and 1 <= f.end_column <= len(lines[f.end_line - 1]) + 1, f
        if f.fix is not None and f.line == f.end_line:  # a fix is kept only where no markup lies in its span
            assert lines[f.line - 1][f.column - 1 : f.end_column - 1] == f.evidence, f


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(range(len(SEEDS))), st.sampled_from([None, 24, 31, 40]), st.sampled_from(["", " ", "\u3000"]))
def test_fixes_never_change_the_outline(i, width, space):
    """On real reports, hard-wrapped as PDFs wrap them or spaced as web pages space "2024 年": every part,
    its kind, numeral and year stay (a year fix, FZ201/FZ202, is unsafe and --fix leaves it)."""
    text = re.sub(r"(\d{4})年", lambda m: m.group(1) + space + "年", SEEDS[i])
    text = _hard_wrap(text, width, 20) if width else text
    fixed, _ = apply_fixes(text, fazhi_check.check_text(text).findings)
    assert _outline(fixed) == _outline(text)


def _damaged(data, text):
    """A real report as extraction and hurried typing leave it: wrapped, "2024 年", half-width commas."""
    width = data.draw(st.sampled_from([None, 24, 33]))
    space = data.draw(st.sampled_from(["", " ", "\u3000"]))
    text = re.sub(r"(\d{4})年", lambda m: m.group(1) + space + "年", text)
    if data.draw(st.booleans()):
        text = text.replace("，", ",", data.draw(st.integers(0, 40)))
    return _hard_wrap(text, width, 20) if width else text


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(range(len(SEEDS))), st.sampled_from(["utf-8", "gb18030", "utf-8-sig"]), st.data())
def test_fixing_twice_changes_nothing_the_second_time(i, encoding, data):
    original = _damaged(data, SEEDS[i]).encode(encoding)
    once = fix_bytes(original, "draft.txt")
    twice = fix_bytes(once.data, "draft.txt")
    assert twice.data == once.data and not twice.applied
    assert once.data.startswith(b"\xef\xbb\xbf") == (encoding == "utf-8-sig")
    assert once.result.encoding == fazhi_check.check_bytes(original, path="draft.txt").encoding


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(range(len(SEEDS))), st.data())
def test_fixes_change_only_spacing_and_punctuation_width(i, data):
    """No fix removes text other than the span it names: apart from whitespace and full-/half-width
    forms, the text stays the same, and the outline too."""
    text = _damaged(data, SEEDS[i])
    fixed = fix_bytes(text.encode("utf-8"), "draft.txt")
    after = fixed.data.decode("utf-8")
    assert re.sub(r"\s", "", normalize(after)) == re.sub(r"\s", "", normalize(text))
    assert _outline(after) == _outline(text)
    assert not any(f.fix and f.fix.safe for f in fixed.result.findings)


_YAML_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=6) | st.sampled_from(["FZ205", "2025-03-31", "*.txt"]),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(
            st.sampled_from(
                ["waivers", "code", "file", "reason", "expires", "evidence", "severity", "options", "FZ104"]
            )
            | st.sampled_from(["select", "ignore", "extend", "per-file-ignores", "min_chars", "waiver", "x"]),
            inner,
            max_size=4,
        )
    ),
    max_leaves=12,
)


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.text(max_size=60), _YAML_VALUES.map(lambda v: yaml.safe_dump(v, allow_unicode=True))))
def test_any_waiver_or_configuration_text_is_read_or_refused_with_a_path(text):
    """Whatever a reviewer types, reading it gives waivers/settings or one error naming a JSON path."""
    try:
        parse_waivers(text, "waivers.yaml")
    except WaiverFileError as e:
        assert e.path == "waivers.yaml" and e.json_path
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, ".fazhi-check.yaml")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        try:
            load_config(path, RULES)
        except ConfigError as e:
            assert e.path == path and e.json_path


@given(st.integers(min_value=-(10**6), max_value=10**6))
def test_a_number_is_written_as_a_chinese_numeral_below_a_hundred_and_in_digits_otherwise(n):
    written = to_chinese_number(n)
    assert chinese_number(written) == n if 0 < n < 100 else written == (str(n) if n else "〇")
