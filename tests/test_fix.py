"""--fix and --diff on files: encodings, byte order marks and line ends kept; refused where not text."""

import codecs
import json
import re

import pytest
from conftest import ROOT, run, seed_files
from docx_fixtures import report_docx

from fazhi_check.read import decode

KAIFENG = seed_files()[0].read_text("utf-8")  # a PDF copy: "2024 年" and sentences broken across lines
HUBIN = seed_files()[1].read_text("utf-8")  # plans for 2024 in a report on 2024 (FZ201)


def _codes(out):
    return re.findall(r": (FZ\d{3}) \[", out)


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_fix_removes_year_spacing_and_joins_broken_lines_keeping_the_encoding(capsys, tmp_path, encoding):
    draft = tmp_path / "draft.txt"
    draft.write_bytes(KAIFENG.encode(encoding))
    code, out, err = run(capsys, "--fix", str(draft))
    assert "已修复" in err and "FZ502 ×34" in err and "FZ503 ×4" in err
    data = draft.read_bytes()
    assert decode(data).encoding == encoding
    text = data.decode(encoding)
    assert "2024 年" not in text and "不断深化。落实" in text
    assert "FZ502" not in out and "FZ503" not in out and _codes(out) == ["FZ102", "FZ404"]
    code, out, err = run(capsys, "--fix", str(draft))  # a second --fix changes nothing
    assert draft.read_bytes() == data and "已修复" not in err


def test_fix_keeps_the_byte_order_mark_and_crlf_line_ends(capsys, tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_bytes(codecs.BOM_UTF8 + KAIFENG.replace("\n", "\r\n").encode("utf-8"))
    run(capsys, "--fix", str(draft))
    data = draft.read_bytes()
    assert data.startswith(codecs.BOM_UTF8) and not data.startswith(codecs.BOM_UTF8 * 2)
    assert b"\r\n" in data and re.search(rb"(?<!\r)\n", data) is None
    assert "2024 年" not in data.decode("utf-8-sig")


def test_fix_keeps_utf16_big_endian(capsys, tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_bytes(codecs.BOM_UTF16_BE + KAIFENG.encode("utf-16-be"))
    run(capsys, "--fix", str(draft))
    data = draft.read_bytes()
    assert data.startswith(codecs.BOM_UTF16_BE) and "2024 年" not in data[2:].decode("utf-16-be")


def test_fix_never_applies_an_unsafe_year_fix(capsys, tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text(HUBIN, "utf-8")
    code, out, _ = run(capsys, "--fix", str(draft))
    assert "四、2024年推进法治政府建设的工作安排" in draft.read_text("utf-8")
    assert code == 1 and "FZ201" in _codes(out)


def test_fix_keeps_the_file_mode_and_leaves_no_temporary_file(capsys, tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text(KAIFENG, "utf-8")
    draft.chmod(0o640)
    run(capsys, "--fix", str(draft))
    assert draft.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["draft.txt"]


def test_fix_through_a_symbolic_link_rewrites_the_file_and_keeps_the_link(capsys, tmp_path):
    target = tmp_path / "drafts" / "draft.txt"
    target.parent.mkdir()
    target.write_text(KAIFENG, "utf-8")
    link = tmp_path / "draft.txt"
    link.symlink_to(target)
    run(capsys, "--fix", str(link))
    assert link.is_symlink() and "2024 年" not in target.read_text("utf-8")


def test_fix_in_markdown_keeps_the_markup(capsys, tmp_path):
    draft = tmp_path / "draft.md"
    draft.write_text(
        "# 关于2024 年法治政府建设情况的报告\n\n## 一、主要举措和成效\n\n审查文件12件,办理复议85件。\n\n"
        "**学法 7 次**,述法全覆盖。\n",
        "utf-8",
    )
    run(capsys, "--fix", str(draft))
    assert draft.read_text("utf-8") == (  # a line-wide fix across ** markup is withheld; the spaces go
        "# 关于2024年法治政府建设情况的报告\n\n## 一、主要举措和成效\n\n审查文件12件，办理复议85件。\n\n"
        "**学法7次**,述法全覆盖。\n"
    )


def test_diff_shows_the_fixes_and_writes_nothing(capsys, tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_bytes(KAIFENG.encode("gb18030"))
    before = draft.read_bytes()
    code, out, err = run(capsys, "--diff", str(draft))
    assert code == 1 and draft.read_bytes() == before
    assert out.startswith(f"--- {draft}\n+++ {draft}\n@@ ")
    assert "\n-2024 年法治政府建设情况报告\n+2024年法治政府建设情况报告\n" in out
    run(capsys, "--fix", str(draft))
    code, out, _ = run(capsys, "--diff", str(draft))
    assert (code, out) == (0, "")


def test_fix_and_diff_refuse_word_files_and_still_check_them(capsys, tmp_path):
    docx = tmp_path / "draft.docx"
    docx.write_bytes(report_docx(KAIFENG))
    before = docx.read_bytes()
    for flag in ("--fix", "--diff"):
        code, out, err = run(capsys, flag, str(docx))
        assert "只能自动修复 .txt 和 .md 文件" in err and docx.read_bytes() == before
    code, out, err = run(capsys, "--fix", "--format", "json", str(docx))
    assert "FZ502" in {f["code"] for f in json.loads(out)["files"][0]["findings"]}
    code, out, err = run(capsys, "--fix", str(docx))
    assert "FZ502" in _codes(out)


def test_fix_refuses_standard_input(capsys):
    code, _, err = run(capsys, "--fix", "-")
    assert code == 2 and err == "fazhi-check: --fix、--diff 和 --annotate 只能用于文件，不能用于标准输入\n"


def test_diff_as_json_and_fix_with_diff_are_refused(capsys, tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text(KAIFENG, "utf-8")
    code, out, err = run(capsys, "--diff", "--format", "json", str(draft))
    assert (code, out, err) == (2, "", "fazhi-check: --diff 不支持 --format json（可用：text）\n")
    code, out, err = run(capsys, "--fix", "--diff", str(draft))
    assert (
        code == 2
        and err.startswith("fazhi-check: --fix 与 --diff 不能同时使用")
        and draft.read_text("utf-8") == KAIFENG
    )
    code, out, err = run(capsys, "--lang", "en", "--fix", "--diff", str(draft))
    assert err.startswith("fazhi-check: --fix and --diff cannot be used together")


def test_fix_reports_an_unreadable_file_as_a_finding(capsys, tmp_path):
    code, out, _ = run(capsys, "--fix", str(tmp_path / "missing.txt"))
    assert code == 1 and _codes(out) == ["FZ001"]


def test_a_fix_the_encoding_cannot_hold_is_refused_and_the_file_kept(capsys, tmp_path):
    """A team's own rule retypes 簡報 as 简报, which Big5 cannot hold: the file stays as it was."""
    rule = (ROOT / "rules" / "FZ502.yaml").read_text("utf-8")
    rule = rule.replace("code: FZ502", "code: FZ901").replace("name: digit-cjk-space", "name: simplified")
    rule = re.sub(r"  patterns:\n(    - .*\n)+  replacement: \"\"", '  patterns: ["簡報"]\n  replacement: 简报', rule)
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "FZ901.yaml").write_text(rule, "utf-8")
    draft = tmp_path / "draft.txt"
    draft.write_bytes("關於2024年法治政府建設情況的簡報\n".encode("big5"))
    before = draft.read_bytes()
    code, out, err = run(capsys, "--rules", str(rules), "--select", "FZ901", "--encoding", "big5", "--fix", str(draft))
    assert "未修复" in err and "big5" in err and "简" in err
    assert draft.read_bytes() == before and _codes(out) == ["FZ901"]


def test_a_fix_that_grows_the_file_past_max_size_is_refused_and_the_file_kept(capsys, tmp_path):
    """Half-width commas are one byte, their full-width fixes three: the fixed file would be over the limit."""
    draft = tmp_path / "a.txt"
    draft.write_text("关于2024年法治政府建设情况的报告\n完成工作,提高效率,推进建设。\n", "utf-8")
    before = draft.read_bytes()
    limit = f"{(len(before) + 2) / 1024 / 1024:.10f}"  # room for the file, not for 4 more bytes
    code, out, err = run(capsys, "--fix", "--max-size", limit, str(draft))
    assert code == 1 and "未修复" in err and "无法读回" in err and "内部错误" not in err
    assert draft.read_bytes() == before and "FZ501" in _codes(out)
