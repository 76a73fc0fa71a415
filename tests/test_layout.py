"""The layout of a Word draft (GB/T 9704-2012): three correct templates give no layout finding, also
after LibreOffice saves them as .odt and .doc; each fault alone gives exactly its finding; many
paragraphs with one fault give one finding."""

import io
import shutil
import subprocess
import zipfile

import docx_fixtures
import pytest
from docx_fixtures import DRAFT, edit_parts
from layout_fixtures import VIAS, gbt_docx
from lxml import etree

import fazhi_check
from fazhi_check.cli import main
from fazhi_check.read.word import read_word
from fazhi_check.report.docx import annotate
from fazhi_check.report.html import format_html

RULES = fazhi_check.load_rules()


def _layout(result):
    return [(f.code, f.line, f.message) for f in result.findings if RULES.get(f.code).group == "layout"]


def _check(data: bytes, name="draft.docx", **kwargs):
    return fazhi_check.check_bytes(data, path=name, **kwargs)


@pytest.mark.parametrize("via", VIAS)
def test_a_correct_template_gives_no_layout_finding(via):
    result = _check(gbt_docx(DRAFT, via=via))
    assert _layout(result) == []
    assert result.findings == ()  # and the draft's text is clean too


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_correct_templates_saved_by_libreoffice_stay_correct(tmp_path):
    sources = []
    for via in VIAS:
        (tmp_path / f"{via}.docx").write_bytes(gbt_docx(DRAFT, via=via))
        sources.append(str(tmp_path / f"{via}.docx"))
    for target in ("odt", "doc"):
        subprocess.run(
            ["soffice", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless", "--convert-to",
             target, "--outdir", str(tmp_path), *sources],
            capture_output=True, timeout=300, check=True,
        )  # fmt: skip
    for via in VIAS:
        for target in ("odt", "doc"):
            result = fazhi_check.check_file(tmp_path / f"{via}.{target}")
            assert result.encoding == "docx", (via, target)
            assert _layout(result) == [], (via, target)


FAULTS = {
    "letter-paper": (
        {"page": {"width": 215.9, "height": 279.4, "top": 25.4, "bottom": 25.4, "left": 31.8, "right": 31.8}},
        "FZ601",
        1,
    ),
    "top-margin": ({"page": {"top": 30, "bottom": 42}}, "FZ601", 1),
    "title-face": ({"title": {"font": "宋体"}}, "FZ602", 1),
    "title-size": ({"title": {"size": 18}}, "FZ602", 1),
    "title-alignment": ({"title": {"align": "left"}}, "FZ602", 1),
    "body-face": ({"body": {"font": "宋体"}}, "FZ603", 3),
    "body-size": ({"body": {"size": 14}}, "FZ603", 3),
    "body-indent": ({"body": {"indent": 0}}, "FZ603", 3),
    "no-grid": ({"grid": False}, "FZ604", 1),
    "level-1-face": ({"h1": {"font": "宋体"}}, "FZ605", 4),
    "level-2-face": ({"h2": {"font": "仿宋_GB2312"}}, "FZ605", 5),
    "no-page-numbers": ({"page_number": {"none": True}}, "FZ606", 1),
    "page-number-face": ({"page_number": {"font": "Times New Roman"}}, "FZ606", 1),
    "page-numbers-alike": ({"page_number": {"odd_even": False}}, "FZ606", 1),
}


@pytest.mark.parametrize("via", VIAS)
@pytest.mark.parametrize("fault", sorted(FAULTS))
def test_each_fault_alone_gives_exactly_its_finding(fault, via):
    faults, code, line = FAULTS[fault]
    found = _layout(_check(gbt_docx(DRAFT, via=via, **faults)))
    assert [(c, n) for c, n, _ in found] == [(code, line)], found


def test_the_message_says_what_was_found_and_what_is_due():
    (finding,) = [f for f in _check(gbt_docx(DRAFT, body={"font": "宋体"})).findings if f.code == "FZ603"]
    assert finding.message == "正文字体为宋体，应为仿宋_GB2312（3号）（共4段，如第3、8、10段）"
    assert finding.paragraph.startswith("2024年，区司法局")
    assert finding.severity == "warning" and finding.fix is None  # --fix never changes layout


def test_two_hundred_paragraphs_in_the_wrong_face_give_one_finding():
    lines = docx_fixtures.draft_lines()
    body = [
        f"第{i + 1}项工作：审查规范性文件{i + 1}件，全部按期办结，做到有件必备、有备必审、有错必纠。"
        for i in range(200)
    ]
    text = "\n".join(lines[:8] + body + lines[8:])
    found = [f for f in _check(gbt_docx(text, body={"font": "宋体"})).findings if f.code == "FZ603"]
    assert len(found) == 1
    assert "（共204段，如第3、8、9段）" in found[0].message  # the draft's own four and the 200


def test_theme_fonts_follow_the_themes_language():
    """docDefaults name the theme's minor East Asian font; which face that is depends on the theme font
    language (settings.xml): the defaults template under a Japanese one is no longer 仿宋."""
    data = gbt_docx(DRAFT, via="defaults")
    japanese = edit_parts(
        data, {"word/settings.xml": lambda b: b.replace(b'w:eastAsia="zh-CN"', b'w:eastAsia="ja-JP"')}
    )
    body = read_word(japanese).layout.paragraphs[2]
    assert body.spans[0].east_asian == "ＭＳ 明朝"
    assert [c for c, _, _ in _layout(_check(japanese))] == ["FZ602", "FZ603"]


def test_the_hint_decides_the_face_of_shared_punctuation():
    document = docx_fixtures.draft_document(["关于2024年法治政府建设情况的报告", "“”“”……"])
    run = document.paragraphs[1].runs[0]._r
    run.insert(0, docx_fixtures.xml('<w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:eastAsia="仿宋"/></w:rPr>'))
    plain = read_word(docx_fixtures.save(document)).layout.paragraphs[1].spans[0]
    run[0][0].set(f"{{{docx_fixtures.W_NS.split(chr(34))[1]}}}hint", "eastAsia")
    hinted = read_word(docx_fixtures.save(document)).layout.paragraphs[1].spans[0]
    assert (plain.east_asian_chars, hinted.east_asian_chars) == (0, 6)


def test_text_pdf_and_web_inputs_get_no_layout_rules():
    assert _layout(fazhi_check.check_text(DRAFT, select=["layout"])) == []
    page = f"<html><body><h1>{DRAFT.splitlines()[0]}</h1><p>{'</p><p>'.join(DRAFT.splitlines()[1:])}</p></body></html>"
    assert _layout(fazhi_check.check_bytes(page.encode("utf-8"), path="page.html", select=["layout"])) == []


def test_an_agency_template_is_configured(tmp_path):
    (tmp_path / ".fazhi-check.yaml").write_text(
        "options:\n  FZ603:\n    formats:\n      - {paragraphs: body, label: 正文, fonts: [宋体], font_label: 宋体,"
        " size: 16, size_label: 3号, first_line_chars: 2}\n",
        "utf-8",
    )
    (tmp_path / "draft.docx").write_bytes(gbt_docx(DRAFT, body={"font": "宋体"}))
    (tmp_path / "good.docx").write_bytes(gbt_docx(DRAFT))
    assert main([str(tmp_path / "draft.docx"), "--select", "FZ603"]) == 0
    assert main([str(tmp_path / "good.docx"), "--select", "FZ603", "--strict"]) == 1


def test_layout_warnings_count_toward_the_verdict():
    result = _check(gbt_docx(DRAFT, title={"font": "宋体"}))
    page = format_html([result], RULES.rules, "0", "zh")
    assert 'id="verdict-1">需修改' in page
    assert "版式（公文格式 GB/T 9704-2012）" in page


def test_the_reviewed_copy_carries_layout_findings_as_comments():
    data = gbt_docx(DRAFT, body={"font": "宋体"}, grid=False)
    result = _check(data)
    copy = annotate(data, result)
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(copy)).read("word/comments.xml"))
    texts = ["".join(t.text for t in c.iter("{*}t")) for c in root.iter("{*}comment")]
    assert any(t.startswith("【FZ603 警告】正文字体为宋体") for t in texts)
    assert any(t.startswith("【FZ604 提示】") for t in texts)


def test_list_rules_and_explain_know_the_layout_rules(capsys):
    main(["--list-rules"])
    listed = capsys.readouterr().out
    assert all(code in listed for code in ("FZ601", "FZ602", "FZ603", "FZ604", "FZ605", "FZ606", "FZ209"))
    main(["--explain", "FZ606"])
    assert "单页码居右空一字，双页码居左空一字" in capsys.readouterr().out


def _one_run_page_field(footer: bytes) -> bytes:
    """The footer's PAGE field as the common python-docx recipe writes it: begin, instruction and end in
    one run, no separator and no result kept (Word and LibreOffice show the page they compute)."""
    import re

    run = re.search(rb'<w:r>(<w:rPr>.*?</w:rPr>)<w:fldChar w:fldCharType="begin"/></w:r>.*?'
                    rb'<w:fldChar w:fldCharType="end"/></w:r>', footer, re.S)  # fmt: skip
    rpr = run.group(1)
    single = (b"<w:r>" + rpr + b'<w:fldChar w:fldCharType="begin"/><w:instrText xml:space="preserve"> PAGE '
              b'</w:instrText><w:fldChar w:fldCharType="end"/></w:r>')  # fmt: skip
    return footer[: run.start()] + single + footer[run.end() :]


def test_a_page_field_without_a_kept_result_is_a_page_number():
    data = gbt_docx(DRAFT)
    footers = [n for n in zipfile.ZipFile(io.BytesIO(data)).namelist() if n.startswith("word/footer")]
    assert len(footers) == 2
    bare = edit_parts(data, dict.fromkeys(footers, _one_run_page_field))
    assert b"separate" not in zipfile.ZipFile(io.BytesIO(bare)).read(footers[0])
    assert _layout(_check(bare)) == []
    times = edit_parts(
        gbt_docx(DRAFT, page_number={"font": "Times New Roman"}), dict.fromkeys(footers, _one_run_page_field)
    )
    assert [c for c, _, _ in _layout(_check(times))] == ["FZ606"]  # it is still judged


def test_a_body_field_without_a_kept_result_adds_no_text():
    document = docx_fixtures.draft_document(["关于2024年法治政府建设情况的报告", "印发日期："])
    document.paragraphs[1]._p.append(
        docx_fixtures.xml(
            '<w:r><w:fldChar w:fldCharType="begin"/><w:instrText> DATE </w:instrText>'
            '<w:fldChar w:fldCharType="end"/></w:r>'
        )  # fmt: skip
    )
    assert read_word(docx_fixtures.save(document)).text.split("\n")[1] == "印发日期："
