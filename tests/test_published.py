"""Reports as they are published: PDFs (re-flowed, pages known) and government web pages (article body,
publication date), each giving what its .txt gives; FZ208 on late publication."""

import json

import pytest
from conftest import seed_files
from publish_fixtures import report_html, report_pdf, scanned_pdf

import fazhi_check
from fazhi_check.cli import main
from fazhi_check.read.pdf import read_pdf
from fazhi_check.read.web import read_html

SEEDS = {p.name[:3]: p.read_text("utf-8") for p in seed_files()}


def _errors(result):
    return sorted((f.code, f.section, f.evidence) for f in result.findings if f.severity == "error")


def _kinds(result):
    return [s.kind for s in result.sections]


@pytest.fixture(scope="module")
def pdfs():
    return {name: report_pdf(text) for name, text in SEEDS.items()}


# -- PDF ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_seed_as_pdf_gives_the_sections_and_errors_of_its_txt(name, pdfs):
    original = fazhi_check.check_text(SEEDS[name])
    result = fazhi_check.check_bytes(pdfs[name], path=f"{name}.pdf")
    assert result.encoding == "pdf"
    assert _kinds(result) == _kinds(original)
    assert _errors(result) == _errors(original)
    assert all(f.page and f.page >= 1 for f in result.findings)


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_pdf_reflow_gives_back_the_paragraphs(name, pdfs):
    """Wrapped lines joined, running header and "- n -" gone: the .txt's paragraphs, one per line (the
    font has no "·", so that one character is missing from the PDF)."""
    pdf = read_pdf(pdfs[name])
    expected = ["".join(line.split()).replace("·", "") for line in SEEDS[name].split("\n") if line.strip()]
    assert ["".join(line.split()) for line in pdf.text.split("\n")] == expected
    assert pdf.pages == sorted(pdf.pages) and pdf.pages[-1] > 1
    assert "- 2 -" not in pdf.text and "法治政府建设年度报告\n" not in pdf.text


def test_pdf_findings_carry_their_page(pdfs):
    result = fazhi_check.check_bytes(pdfs["001"], path="001.pdf")
    fz201 = next(f for f in result.findings if f.code == "FZ201")
    pdf = read_pdf(pdfs["001"])
    assert pdf.text.split("\n")[fz201.line - 1].startswith("四、2024年")
    assert fz201.page == pdf.pages[fz201.line - 1] > 1


def test_pdf_without_first_line_indents_joins_only_unfinished_lines():
    text = SEEDS["004"]
    pdf = read_pdf(report_pdf(text.replace("\n", "\n\n")))
    result, original = fazhi_check.check_text(pdf.text), fazhi_check.check_text(text)
    assert _kinds(result) == _kinds(original) and _errors(result) == _errors(original)


def test_scanned_encrypted_and_damaged_pdfs_give_fz001(pdfs):
    def reason(data):
        (finding,) = fazhi_check.check_bytes(data, path="x.pdf").findings
        assert finding.code == "FZ001"
        return finding.message

    assert "扫描版 PDF，没有文字层" in reason(scanned_pdf())
    assert "已加密" in reason(report_pdf(SEEDS["003"], encrypt="secret"))
    assert "已损坏" in reason(pdfs["003"][:2000])
    assert "已损坏" in reason(b"%PDF-1.4 not really")


# -- web pages ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_seed_as_web_page_gives_the_sections_and_errors_of_its_txt(name):
    original = fazhi_check.check_text(SEEDS[name])
    due = original.report_year + 1
    result = fazhi_check.check_bytes(report_html(SEEDS[name], published=f"{due}-03-20"), path=f"{name}.html")
    assert _kinds(result) == _kinds(original)
    assert _errors(result) == _errors(original)
    assert sorted(f.code for f in result.findings if f.severity == "warning") == sorted(
        f.code for f in original.findings if f.severity == "warning"
    )
    assert result.document.published.isoformat() == f"{due}-03-20"
    # the page's h1 holds the title without an issuer line written above it in the text
    assert (original.title or "").endswith(result.title or "") and result.document.issuer == original.document.issuer


def test_page_furniture_is_not_report_text():
    page = read_html(report_html(SEEDS["003"]), None, fazhi_check.load_rules().vocabulary)
    for furniture in ("当前位置", "首页", "统计代码", "分享到", "相关文章", "ICP备案号", "发布时间", "浏览次数"):
        assert furniture not in page.text, furniture
    assert page.text.split("\n")[0] == "2024年度法治政府建设情况的报告"


def test_gbk_page_with_a_meta_charset():
    page = read_html(report_html(SEEDS["001"], charset="gbk"), None, fazhi_check.load_rules().vocabulary)
    assert page.encoding == "gb18030" and "湖滨区司法局" in page.text


@pytest.mark.parametrize("name", ["000", "002", "003", "004"])
def test_web_page_that_lost_its_line_breaks_keeps_its_parts(name):
    original = fazhi_check.check_text(SEEDS[name])
    result = fazhi_check.check_bytes(report_html(SEEDS[name], lost_breaks=True), path="a.html")
    assert _kinds(result) == _kinds(original)


def test_late_publication_on_the_page_is_fz208(capsys, tmp_path):
    page = tmp_path / "湖滨区.html"
    page.write_bytes(report_html(SEEDS["001"], published="2025-04-03"))
    main(["--format", "json", str(page)])
    data = json.loads(capsys.readouterr().out)["files"][0]
    assert data["published"] == "2025-04-03"
    (fz208,) = [f for f in data["findings"] if f["code"] == "FZ208"]
    assert fz208["message"] == "公开日期2025年4月3日晚于2025年3月31日，年度报告应于4月1日之前向社会公开"
    page.write_bytes(report_html(SEEDS["001"], published="2025-03-31"))
    main(["--format", "json", str(page)])
    assert "FZ208" not in {f["code"] for f in json.loads(capsys.readouterr().out)["files"][0]["findings"]}


def test_published_option_for_any_input_and_over_the_page(capsys, tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text(SEEDS["003"], "utf-8")
    main(["--format", "json", "--published", "2025-04-02", str(draft)])
    assert "FZ208" in {f["code"] for f in json.loads(capsys.readouterr().out)["files"][0]["findings"]}
    page = tmp_path / "page.html"
    page.write_bytes(report_html(SEEDS["003"], published="2025-04-20"))
    main(["--format", "json", "--published", "2025-03-01", str(page)])
    data = json.loads(capsys.readouterr().out)["files"][0]
    assert data["published"] == "2025-03-01" and "FZ208" not in {f["code"] for f in data["findings"]}
