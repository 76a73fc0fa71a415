"""Word drafts as the clerk sees them: paragraphs in order, automatic numbering rebuilt, hostile files refused."""

import io
import json
import shutil
import subprocess
import time
import zipfile

import docx_fixtures
import pytest
from conftest import seed_files
from docx import Document
from docx.oxml import parse_xml
from docx_fixtures import W_NS, abstract_num, add_numbering, num, number, report_docx, with_part, zip_bomb

import fazhi_check
from fazhi_check.cli import main
from fazhi_check.read.word import read_docx

SEEDS = {p.name[:3]: p for p in seed_files()}


def _check(data: bytes, name="draft.docx", **kwargs):
    return fazhi_check.check_bytes(data, path=name, **kwargs)


def _errors(result):
    return [(f.code, f.line, f.column) for f in result.findings if f.severity == "error"]


@pytest.mark.parametrize("auto", [False, True], ids=["typed", "auto-numbered"])
@pytest.mark.parametrize("name", sorted(SEEDS))
def test_seed_as_docx_gives_the_sections_and_errors_of_its_txt(name, auto):
    text = SEEDS[name].read_text("utf-8")
    original = fazhi_check.check_text(text)
    result = _check(report_docx(text, auto=auto))
    assert [s.kind for s in result.sections] == [s.kind for s in original.sections]
    assert [s.numeral for s in result.sections] == [s.numeral for s in original.sections]
    assert _errors(result) == _errors(original)
    assert result.encoding == "docx"


def test_auto_numbered_headings_read_as_the_reader_sees_them():
    text = SEEDS["001"].read_text("utf-8")
    data = report_docx(text, auto=True)
    paragraphs = [p.text for p in Document(io.BytesIO(data)).paragraphs]
    assert paragraphs[5].startswith("深入学习贯彻")  # the numeral is not in the paragraph's text …
    assert read_docx(data).split("\n") == text.split("\n")  # … but the reader sees it, 三、 after the gap too


def test_docx_findings_quote_the_paragraph_and_count_paragraphs_as_lines(capsys, tmp_path):
    path = tmp_path / "湖滨区.docx"
    path.write_bytes(report_docx(SEEDS["001"].read_text("utf-8"), auto=True))
    code = main(["--format", "json", str(path)])
    data = json.loads(capsys.readouterr().out)
    fz201 = next(f for f in data["files"][0]["findings"] if f["code"] == "FZ201")
    assert (fz201["line"], fz201["column"], fz201["evidence"]) == (36, 3, "2024年")
    assert fz201["paragraph"] == "四、2024年推进法治政府建设的…"
    assert code == 1
    main([str(path)])
    assert (
        ":36:3: FZ201 [错误] 下一年度安排的年份应为2025年，此处写作2024年 (plan-year) «四、2024年推进法治政府建设的…»"
        in (capsys.readouterr().out)
    )


# -- numbering.xml as Word draws it ---------------------------------------------------------------------


def _numbered(paragraphs, *definitions):
    """A document whose paragraphs are (text, numId or None, ilvl)."""
    document = Document()
    for text, num_id, ilvl in paragraphs:
        p = document.add_paragraph(text)
        if num_id is not None:
            number(p, num_id, ilvl)
    add_numbering(document, *definitions)
    out = io.BytesIO()
    document.save(out)
    return read_docx(out.getvalue()).split("\n")


def test_level_two_restarts_under_each_level_one():
    lines = _numbered(
        [("甲", 1, 0), ("乙", 1, 1), ("丙", 1, 1), ("丁", 1, 0), ("戊", 1, 1)],
        abstract_num(abstract_id="1"),
        num(1, abstract_id="1"),
    )
    assert lines == ["一、甲", "（一）乙", "（二）丙", "二、丁", "（一）戊"]


def test_start_override_and_lists_sharing_one_definition():
    lines = _numbered(
        [("甲", 1, 0), ("乙", 2, 0), ("丙", 3, 0)],
        abstract_num(abstract_id="1"),
        num(1, abstract_id="1"),
        num(2, abstract_id="1"),  # same definition, no override: the list goes on
        num(3, {0: 5}, abstract_id="1"),  # restarts at 五
    )
    assert lines == ["一、甲", "二、乙", "五、丙"]


def test_formats_and_separators():
    levels = (("ideographTraditional", "%1."), ("decimalEnclosedCircle", "%2"), ("chineseCounting", "第%3部分"))
    lines = _numbered(
        [("甲", 1, 0), ("乙", 1, 1), ("丙", 1, 2)] + [("丁", 1, 2)] * 10,
        abstract_num(levels, suffix="tab", abstract_id="1"),
        num(1, abstract_id="1"),
    )
    assert lines[:3] == ["甲.\t甲", "①\t乙", "第一部分\t丙"]
    assert lines[-1] == "第十一部分\t丁"


def test_bullets_none_and_numid_zero_draw_nothing():
    lines = _numbered(
        [("甲", 1, 0), ("乙", 1, 1), ("丙", 0, 0)],
        abstract_num((("bullet", "\uf0b7"), ("none", "")), abstract_id="1"),
        num(1, abstract_id="1"),
    )
    assert lines == ["甲", "乙", "丙"]


def test_numbering_through_the_paragraph_style():
    document = Document()
    add_numbering(document, abstract_num(abstract_id="1"), num(7, abstract_id="1"))
    style = document.styles["Heading 1"].element
    style.get_or_add_pPr().append(parse_xml(f'<w:numPr {W_NS}><w:ilvl w:val="0"/><w:numId w:val="7"/></w:numPr>'))
    document.add_paragraph("主要举措和成效", style="Heading 1")
    document.add_paragraph("正文")
    document.add_paragraph("存在的不足和原因", style="Heading 1")
    out = io.BytesIO()
    document.save(out)
    assert read_docx(out.getvalue()).split("\n") == ["一、主要举措和成效", "正文", "二、存在的不足和原因"]


# -- what counts as a paragraph --------------------------------------------------------------------------


def test_table_paragraphs_count_in_order_and_headers_do_not():
    document = Document()
    document.sections[0].header.paragraphs[0].text = "页眉：某某县司法局"
    document.add_paragraph("关于2024年法治政府建设情况的报告")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "指标"
    table.cell(0, 1).text = "完成"
    document.add_paragraph("一、主要举措和成效")
    run = document.add_paragraph("审查文件").add_run("（删除）")
    run.font.hidden = True
    out = io.BytesIO()
    document.save(out)
    assert read_docx(out.getvalue()).split("\n") == [
        "关于2024年法治政府建设情况的报告",
        "指标",
        "完成",
        "一、主要举措和成效",
        "审查文件",
    ]


def test_line_breaks_inside_a_paragraph_keep_it_one_line():
    document = Document()
    p = document.add_paragraph("关于2024年法治政府建设")
    p.add_run().add_break()
    p.add_run("情况的报告")
    out = io.BytesIO()
    document.save(out)
    assert read_docx(out.getvalue()) == "关于2024年法治政府建设 情况的报告"


# -- hostile and broken files ------------------------------------------------------------------------------


def _reason(data: bytes) -> str:
    result = _check(data)
    assert [f.code for f in result.findings] == ["FZ001"]
    return result.findings[0].message


def test_zip_bomb_is_refused_before_it_is_unpacked():
    bomb = zip_bomb()
    assert len(bomb) < 2 * 1024 * 1024
    started = time.perf_counter()
    assert "压缩炸弹" in _reason(bomb)
    assert time.perf_counter() - started < 5


def test_entity_expansion_is_refused():
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r>'
        b"<w:t>&b;</w:t></w:r></w:p></w:body></w:document>"
    )
    docx = with_part(report_docx("关于2024年法治政府建设情况的报告"), "word/document.xml", laughs)
    assert "实体声明" in _reason(docx)


@pytest.mark.parametrize(
    "make, words",
    [
        (lambda d: d[: len(d) // 2], "已损坏"),
        (lambda d: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "旧版 Word"),
        (lambda d: "关于2024年法治政府建设情况的报告".encode(), "不是有效的 Word 文档"),
        (lambda d: b"", "不是有效的 Word 文档"),
        (lambda d: with_part(d, "word/document.xml", b"<w:document><w:body>"), "已损坏"),
    ],
    ids=["cut-in-half", "old-doc-renamed", "text-renamed", "empty", "broken-xml"],
)
def test_broken_docx_gives_fz001_with_a_reason(make, words):
    assert words in _reason(make(report_docx(SEEDS["003"].read_text("utf-8"))))


def test_archive_without_a_document_part():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("hello.txt", "hi")
    assert "word/document.xml" in _reason(out.getvalue())


def test_folder_with_a_bomb_and_a_corrupt_docx_checks_the_rest(capsys, tmp_path):
    for name in ("000", "001"):
        (tmp_path / f"{name}.docx").write_bytes(report_docx(SEEDS[name].read_text("utf-8"), auto=True))
    (tmp_path / "002.txt").write_bytes(SEEDS["002"].read_bytes())
    (tmp_path / "bomb.docx").write_bytes(zip_bomb())
    (tmp_path / "corrupt.docx").write_bytes(report_docx("关于")[:300])
    code = main(["--format", "json", str(tmp_path)])
    files = {f["path"].rsplit("/", 1)[-1]: f for f in json.loads(capsys.readouterr().out)["files"]}
    assert sorted(files) == ["000.docx", "001.docx", "002.txt", "bomb.docx", "corrupt.docx"]
    assert [f["code"] for f in files["bomb.docx"]["findings"]] == ["FZ001"]
    assert [f["code"] for f in files["corrupt.docx"]["findings"]] == ["FZ001"]
    assert "FZ201" in {f["code"] for f in files["001.docx"]["findings"]}
    assert {f["code"] for f in files["002.txt"]["findings"]} >= {"FZ106", "FZ402"}
    assert code == 1


# -- Word's own structures read as Word shows them ------------------------------------------------------

RULES = fazhi_check.load_rules()


def _reading(result, positions=True):
    """What a check made of a draft: its parts, issuer, date and findings outside the layout group."""
    findings = sorted(
        (f.code, f.message, f.evidence) + ((f.line, f.column) if positions else ())
        for f in result.findings
        if RULES.get(f.code).group != "layout"
    )
    sections = [(s.kind, s.heading, s.numeral) for s in result.sections]
    return sections, result.facts.issuer, result.facts.date, findings


def _plain(text=docx_fixtures.DRAFT, positions=True):
    return _reading(fazhi_check.check_text(text), positions)


def test_the_draft_is_clean_as_text():
    assert fazhi_check.check_text(docx_fixtures.DRAFT).findings == ()


@pytest.mark.parametrize(
    "build",
    [
        docx_fixtures.tracked_edits,
        docx_fixtures.list_style_numbering,
        docx_fixtures.level_override_numbering,
        docx_fixtures.hidden_text,
        docx_fixtures.fields,
        docx_fixtures.content_controls,
        docx_fixtures.footnotes,
    ],
    ids=[
        "insertions-deletions",
        "list-style",
        "level-override",
        "hidden-text",
        "fields",
        "content-controls",
        "footnotes",
    ],
)
def test_word_structures_read_as_the_plain_draft(build):
    data = build()
    assert read_docx(data).replace("\n\n", "\n") == docx_fixtures.DRAFT
    assert _reading(_check(data), positions=False) == _plain(positions=False)


def test_a_tracked_move_is_read_once_where_it_now_stands():
    data, plain = docx_fixtures.moved_paragraph()
    assert read_docx(data) == plain
    assert _reading(_check(data)) == _plain(plain)


def test_a_table_of_contents_is_no_body_text_and_keeps_its_lines():
    for control in (False, True):
        data = docx_fixtures.table_of_contents(control)
        lines = read_docx(data).split("\n")
        assert lines[1:8] == [""] * 7  # 目录 and six entries, each an empty line
        assert len(lines) == len(docx_fixtures.draft_lines()) + 7
        assert _reading(_check(data), positions=False) == _plain(positions=False)


def test_a_text_box_is_read_once_where_it_stands_and_gives_issuer_and_date():
    data, plain = docx_fixtures.text_box()
    assert read_docx(data) == plain
    result = _check(data)
    assert (result.facts.issuer, str(result.facts.date)) == ("湖滨区司法局", "2025-02-14")
    assert _reading(result) == _plain(plain)


def test_hidden_paragraph_keeps_its_line():
    lines = read_docx(docx_fixtures.hidden_text()).split("\n")
    assert lines[10] == "" and lines[11].startswith("四、2025年")
    assert "内部" not in "".join(lines)


def test_an_encrypted_docx_says_so():
    data = docx_fixtures.ole_file({"EncryptionInfo": b"\x04\x00\x04\x00", "EncryptedPackage": b"\x10" * 600})
    assert "文件已加密" in _reason(data)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_an_old_doc_named_docx_is_converted(tmp_path):
    source = tmp_path / "draft.docx"
    source.write_bytes(report_docx(docx_fixtures.DRAFT))
    subprocess.run(
        ["soffice", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless", "--convert-to", "doc",
         "--outdir", str(tmp_path / "out"), str(source)],
        capture_output=True, timeout=180, check=True,
    )  # fmt: skip
    doc = (tmp_path / "out" / "draft.doc").read_bytes()
    assert doc.startswith(b"\xd0\xcf\x11\xe0")
    result = _check(doc, name="renamed.docx")
    assert _reading(result) == _plain()


# -- numerals and what follows them ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "suffix, typed",
    [("tab", None), ("space", None), (None, " "), (None, "\u3000")],
    ids=["tab", "space", "typed-space", "typed-ideographic-space"],
)
def test_the_separator_after_a_numeral_is_no_part_of_a_year(suffix, typed):
    lines = docx_fixtures.draft_lines()
    lines[11] = "四、2024年推进法治政府建设的主要安排"
    if typed:
        data = report_docx("\n".join(lines).replace("四、2024", "四、" + typed + "2024"))
    else:
        data = report_docx("\n".join(lines), auto=True, suffix=suffix)
    fz201 = next(f for f in _check(data).findings if f.code == "FZ201")
    assert fz201.evidence == "2024年"
    assert fz201.fix.replacement == "2025年"
    assert fz201.column == 4 and fz201.end_column == 9


# -- hostile numbering -----------------------------------------------------------------------------------


def _hostile(level: str, paragraphs: int, ilvl: int = 0) -> bytes:
    document = Document()
    for i in range(paragraphs):
        number(document.add_paragraph(f"第{i}段"), 1, ilvl)
    add_numbering(
        document, f'<w:abstractNum {W_NS} w:abstractNumId="1">{level}</w:abstractNum>', num(1, abstract_id="1")
    )
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    "level, paragraphs, ilvl",
    [
        ('<w:lvl w:ilvl="0"><w:numFmt w:val="decimal"/><w:lvlText w:val="' + "%1" * 2000 + '"/></w:lvl>', 20000, 0),
        (
            '<w:lvl w:ilvl="0"><w:start w:val="9999"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%1."/></w:lvl>',
            20000,
            0,
        ),
        ('<w:lvl w:ilvl="20"><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>', 200, 20),
    ],
    ids=["level-text-repeats", "start-9999-in-letters", "level-20"],
)
def test_hostile_numbering_is_bounded(level, paragraphs, ilvl):
    """As fast as a plain list of as many paragraphs (well under a second on an idle machine; the bound
    allows for a busy one), and no numeral longer than a few characters."""
    plain = _hostile('<w:lvl w:ilvl="0"><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>', paragraphs)
    started = time.perf_counter()
    read_docx(plain)
    baseline = time.perf_counter() - started
    data = _hostile(level, paragraphs, ilvl)
    started = time.perf_counter()
    lines = read_docx(data).split("\n")
    assert time.perf_counter() - started < max(0.8, 2 * baseline)
    assert len(lines) == paragraphs
    assert max(map(len, lines)) < 40


def test_level_restart_and_legal_numbering():
    levels = abstract_num((("chineseCounting", "%1、"), ("decimal", "%1.%2")), abstract_id="1")
    # level 2 never restarts (lvlRestart 0) and shows level 1 in Arabic numerals (isLgl)
    levels = levels.replace('<w:lvl w:ilvl="1">', '<w:lvl w:ilvl="1"><w:lvlRestart w:val="0"/><w:isLgl/>')
    lines = _numbered([("甲", 1, 0), ("乙", 1, 1), ("丙", 1, 0), ("丁", 1, 1)], levels, num(1, abstract_id="1"))
    assert lines == ["一、甲", "1.1乙", "二、丙", "2.2丁"]


def test_a_damaged_formatting_part_leaves_the_text_checked():
    data = with_part(report_docx(docx_fixtures.DRAFT), "word/theme/theme1.xml", b"<a:theme xmlns:a='x'><broken")
    result = _check(data)
    assert [f.code for f in result.findings] == []  # read, checked, no layout judged
