"""The outline's scan (outline.py) is Lark's: its patterns are what Lark builds from the grammar now, and
on any text it gives the tokens Lark's own LALR parse gives."""

from conftest import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st

from fazhi_check import lark_scanner, outline
from fazhi_check.datafiles import package_file
from fazhi_check.positions import normalize


def test_the_scanner_is_what_lark_builds_from_the_grammar_now():
    """Editing outline.lark or markers.lark without `python -m fazhi_check.lark_scanner` fails here."""
    assert package_file(lark_scanner.SCANNER).decode("utf-8") == lark_scanner.scanner_text()


def test_a_scanner_written_from_other_grammar_text_is_built_again_by_lark(monkeypatch):
    """Where outline.lark was edited and the scanner not written again, the run asks Lark."""
    text = "一、主要举措和成效\n（一）审查文件\n1.审查12件。\n"
    expected = outline.parse_outline(text)
    built = []

    def tables():
        built.append(True)
        return real_tables()

    real_tables = lark_scanner.scanner_tables
    monkeypatch.setattr(lark_scanner, "grammar", lambda: {"outline.lark": "// edited"})
    monkeypatch.setattr(lark_scanner, "scanner_tables", tables)
    outline._scanner.cache_clear()
    try:
        assert outline.parse_outline(text) == expected
        assert built == [True]
    finally:
        outline._scanner.cache_clear()


def test_the_scanner_knows_every_terminal_and_the_heading_rule():
    tables = lark_scanner.scanner_tables()
    assert set(tables["after"]) == {"H0_MARK", "H1_MARK", "H2_MARK", "H3_MARK", "H4_MARK", "TAIL", "DATE", "TEXT", "NL"}
    assert tables["heading"] == {f"H{level}_MARK": "TAIL" for level in range(5)}
    assert set(tables["after"].values()) == set(tables["states"]) and tables["start"] in tables["states"]


_PIECES = [
    "一、",
    "十二.",
    "一、二季度",
    "第三部分",
    "第一部分:",
    "(一)",
    "（二）",
    "( 三 )",
    "㈣",
    "1.",
    "12、",
    "1.5万",
    "4.2025年",
    "(3)",
    "（12）",
    "⑳",
    "Ⅳ、",
    "**",
    "【",
    "2024年1月10日",
    "二〇二四年二月十四日",
    "2024 年 2 月 4 日",
    "报告",
    "。",
    "，",
    " ",
    "\t",
    "\u3000",
    "\n",
    "\r\n",
    "\r",
    "\n\n",
    " \n",
]
_TEXTS = st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=4)), max_size=40).map("".join)


@settings(max_examples=600, deadline=None)
@given(_TEXTS)
def test_the_scan_gives_the_tokens_of_larks_parse(text):
    normalized = normalize(text)
    assert outline.tokens(normalized) == lark_scanner.lark_tokens(normalized)


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_the_scan_gives_the_tokens_of_larks_parse_on_any_text(text):
    normalized = normalize(text)
    assert outline.tokens(normalized) == lark_scanner.lark_tokens(normalized)


def test_the_scan_gives_the_tokens_of_larks_parse_on_every_report_here():
    paths = sorted(ROOT.glob("seeds/*.txt")) + sorted(ROOT.glob("tests/**/*.txt"))
    assert len(paths) > 100
    for path in paths:
        normalized = normalize(path.read_text("utf-8", errors="replace"))
        for text in (normalized, normalized.replace("\n", "\r\n"), normalized.replace("\n", "\r")):
            assert outline.tokens(text) == lark_scanner.lark_tokens(text), path


def test_lines_count_every_kind_of_break_and_drop_blank_ones():
    """A line's last token takes its break, the blank lines and the next line's indentation with it."""
    lines = outline.parse_outline(normalize("一、总体\r\n\r\n  （一）做法\r\r2024年1月10日\n \n正文"))
    assert [(ln.kind, ln.number, ln.start, ln.text) for ln in lines] == [
        ("h1", 1, 0, "一、总体"),
        ("h2", 3, 10, "(一)做法"),
        ("date", 5, 17, "2024年1月10日"),
        ("text", 7, 30, "正文"),
    ]
    assert [(m.level, m.numeral, m.value, m.end) for m in (lines[0].marker, lines[1].marker)] == [
        ("h1", "一", 1, 2),
        ("h2", "一", 1, 13),
    ]
