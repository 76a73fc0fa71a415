"""Every text the way users have it: encodings, Markdown drafts, folders and stdin, old office files,
and hostile files that must give FZ001 with a reason, never a traceback or a hang."""

import json
import os
import shutil
import subprocess
import sys

import pytest
from conftest import run, seed_files
from docx_fixtures import report_docx

import fazhi_check
from fazhi_check import read as source
from fazhi_check.read import files as read_files

SEEDS = {p.name[:3]: p for p in seed_files()}
SOFFICE = shutil.which("soffice")


def _json(capsys, *argv):
    code, out, _ = run(capsys, "--format", "json", *argv)
    return code, {os.path.basename(f["path"]): f for f in json.loads(out)["files"]}


def _errors_and_warnings(result):
    """Errors and warnings of the text (a Word file's layout, FZ6xx, aside: a .txt has none)."""
    kept = [f for f in result.findings if f.severity != "info" and not f.code.startswith("FZ6")]
    return [(f.code, f.line, f.column) for f in kept]


# -- encodings --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_bom_gives_the_same_findings(encoding, tmp_path):
    text = SEEDS["001"].read_text("utf-8")
    data = text.encode(encoding)
    if encoding != "utf-16":
        data = ("\ufeff" + text).encode(encoding)
    path = tmp_path / "draft.txt"
    path.write_bytes(data)
    result = fazhi_check.check_file(path)
    assert result.encoding == "utf-16"
    assert _errors_and_warnings(result) == _errors_and_warnings(fazhi_check.check_text(text))


def test_big5_when_the_user_says_so(capsys, tmp_path):
    text = SEEDS["004"].read_text("utf-8")
    traditional = text.replace("法治政府建设", "法治政府建設").replace("报告", "報告")
    path = tmp_path / "big5.txt"
    path.write_bytes(traditional.encode("big5", errors="replace"))
    code, files = _json(capsys, "--encoding", "big5", str(path))
    assert files["big5.txt"]["encoding"] == "big5"
    assert files["big5.txt"]["report_year"] == 2023


def test_bytes_that_neither_gb18030_nor_big5_decode_name_both():
    with pytest.raises(source.ReadError) as e:
        source.decode(b"\xa1\x40\x80\xff" * 10)
    assert "GB18030" in e.value.reason and "Big5" in e.value.reason


def test_json_names_the_encoding_of_each_file(capsys, tmp_path):
    text = SEEDS["003"].read_text("utf-8")
    (tmp_path / "a.txt").write_bytes(text.encode("utf-8"))
    (tmp_path / "b.txt").write_bytes(text.encode("gb18030"))
    (tmp_path / "c.txt").write_bytes(text.encode("utf-16"))
    (tmp_path / "d.txt").write_bytes(text.encode("utf-8-sig"))
    _, files = _json(capsys, str(tmp_path))
    assert {name: f["encoding"] for name, f in files.items()} == {
        "a.txt": "utf-8",
        "b.txt": "gb18030",
        "c.txt": "utf-16",
        "d.txt": "utf-8",
    }


# -- Markdown drafts ----------------------------------------------------------------------------------------


def _as_markdown(text: str) -> str:
    """A seed as a team keeps it in git: # headings, bold sub-headings, emphasis, lists, links."""
    out = []
    for line in text.split("\n"):
        if "法治政府建设情况的报告" in line:
            out.append("# " + line)
        elif line[:2] in ("一、", "二、", "三、", "四、", "五、"):
            out.append("## " + line + " ##")
        elif line.startswith("（"):
            out.append("### **" + line + "**")
        elif line.startswith("一是"):
            out.append("- " + line.replace("习近平法治思想", "*习近平法治思想*"))
        else:
            out.append(line.replace("《法治政府建设实施纲要》", "[《法治政府建设实施纲要》](https://example.org/gy)"))
    return "\n".join(out)


def test_markdown_draft_keeps_its_outline_and_positions(tmp_path):
    text = SEEDS["001"].read_text("utf-8")
    markdown = _as_markdown(text)
    path = tmp_path / "draft.md"
    path.write_text(markdown, "utf-8")
    result = fazhi_check.check_file(path)
    original = fazhi_check.check_text(text)
    assert [s.kind for s in result.sections] == [s.kind for s in original.sections]
    assert [(f.code, f.line) for f in result.findings if f.severity != "info"] == [
        (f.code, f.line) for f in original.findings if f.severity != "info"
    ]
    fz201 = next(f for f in result.findings if f.code == "FZ201")
    line = markdown.split("\n")[fz201.line - 1]
    assert line.startswith("## 四、2024年")
    assert line[fz201.column - 1 : fz201.end_column - 1] == "2024年"  # the column counts the "## " too
    assert result.sections[0].heading.startswith("一、")


def test_markdown_fix_across_markup_is_withdrawn(tmp_path):
    path = tmp_path / "draft.md"
    path.write_text("# 关于2024年法治政府建设情况的报告\n\n全年审查**规范性文件**12件,办理复议案件85件。\n", "utf-8")
    (fz501,) = [f for f in fazhi_check.check_file(path).findings if f.code == "FZ501"]
    assert fz501.line == 3 and fz501.fix is None  # its line holds ** that a retyped line would drop
    path.write_text("# 关于2024年法治政府建设情况的报告\n\n全年审查规范性文件12件,办理复议案件85件。\n", "utf-8")
    (fz501,) = [f for f in fazhi_check.check_file(path).findings if f.code == "FZ501"]
    assert fz501.fix is not None and fz501.fix.replacement.count("，") == 1


def test_markdown_code_tables_and_rules_are_not_report_text():
    from fazhi_check.read.markdown import strip_markdown

    text = (
        "---\ntitle: 草稿\n---\n# 标题\n```\n一、代码\n```\n"
        "| 指标 | 数值 |\n|---|---|\n| 案件 | 12件 |\n***\n\\*不是强调\\*"
    )
    clean, offsets = strip_markdown(text)
    assert clean.split("\n") == ["", "", "", "标题", "", "", "", " 指标  数值 ", "", " 案件  12件 ", "", "*不是强调*"]
    assert all(text[o] == c for o, c in zip(offsets, clean))
    assert len(offsets) == len(clean) + 1


# -- folders, exclusions, stdin ------------------------------------------------------------------------------


def test_exclude_globs_skip_files_and_folders(capsys, tmp_path):
    for name in ("a.txt", "b.bak.txt", "old/c.txt", "keep/d.md"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(SEEDS["003"].read_bytes())
    _, files = _json(capsys, "--exclude", "*.bak.txt", "--exclude", "old", str(tmp_path))
    assert sorted(files) == ["a.txt", "d.md"]


def test_stdin_with_a_filename_reads_its_format(tmp_path):
    command = [sys.executable, "-m", "fazhi_check", "--format", "json", "--stdin-filename", "草稿.docx", "-"]
    data = report_docx(SEEDS["001"].read_text("utf-8"), auto=True)
    done = subprocess.run(command, input=data, capture_output=True, cwd=tmp_path, timeout=120)
    (report,) = json.loads(done.stdout)["files"]
    assert report["path"] == "草稿.docx" and report["encoding"] == "docx"
    assert "FZ201" in {f["code"] for f in report["findings"]}
    markdown = _as_markdown(SEEDS["001"].read_text("utf-8")).encode("utf-8")
    command[-2:] = ["notes.md", "-"]
    done = subprocess.run(command, input=markdown, capture_output=True, cwd=tmp_path, timeout=120)
    fz201 = next(f for f in json.loads(done.stdout)["files"][0]["findings"] if f["code"] == "FZ201")
    assert (fz201["line"], fz201["column"]) == (36, 6)


def test_one_bad_file_never_stops_the_batch(capsys, tmp_path):
    (tmp_path / "a.txt").write_bytes(b"\x00\x01binary")
    (tmp_path / "b.txt").write_bytes(SEEDS["001"].read_bytes())
    code, files = _json(capsys, str(tmp_path))
    assert [f["code"] for f in files["a.txt"]["findings"]] == ["FZ001"]
    assert "FZ201" in {f["code"] for f in files["b.txt"]["findings"]}
    assert code == 1


# -- old office formats ------------------------------------------------------------------------------------


def test_doc_without_libreoffice_says_how_to_convert(monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    result = fazhi_check.check_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, path="草稿.wps")
    (finding,) = result.findings
    assert (
        finding.code == "FZ001" and "另存为”Word 文档（.docx）" in finding.message and "LibreOffice" in finding.message
    )


def test_file_that_is_no_doc_is_not_handed_to_libreoffice():
    result = fazhi_check.check_bytes("关于2024年法治政府建设情况的报告".encode(), path="草稿.doc")
    assert [f.message for f in result.findings] == [
        "无法读取文件：不是有效的Word 97-2003 文档（文件已损坏或其实是其他格式）"
    ]


def _to_doc(docx: bytes, tmp_path) -> bytes:
    """A real Word 97 file, made by LibreOffice from a .docx."""
    source_file = tmp_path / "in.docx"
    source_file.write_bytes(docx)
    profile = (tmp_path / "profile").as_uri()
    command = [SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "doc", "--outdir"]
    subprocess.run([*command, str(tmp_path), str(source_file)], capture_output=True, timeout=300, check=True)
    return (tmp_path / "in.doc").read_bytes()


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed; .ci/run installs it")
@pytest.mark.parametrize("suffix", [".doc", ".wps"])
def test_doc_and_wps_are_converted_by_libreoffice_and_checked(suffix, tmp_path):
    text = SEEDS["003"].read_text("utf-8")
    doc = _to_doc(report_docx(text, auto=True), tmp_path)
    assert doc.startswith(b"\xd0\xcf\x11\xe0")
    result = fazhi_check.check_bytes(doc, path="draft" + suffix)
    original = fazhi_check.check_text(text)
    assert result.encoding == "docx"
    assert [s.kind for s in result.sections] == [s.kind for s in original.sections]
    assert _errors_and_warnings(result) == _errors_and_warnings(original)
    assert all(f.paragraph for f in result.findings)


# -- hostile files -----------------------------------------------------------------------------------------


def _reason(path, **kwargs):
    result = fazhi_check.check_file(path, **kwargs)
    assert [f.code for f in result.findings] == ["FZ001"], result.findings
    return result.findings[0].message


def test_size_limit_is_configurable(capsys, tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(SEEDS["002"].read_bytes())
    assert "文件过大" in _reason(path, max_bytes=1000)
    code, out, _ = run(capsys, "--max-size", "0.001", str(path))
    assert "FZ001 [错误] 无法读取文件：文件过大" in out and code == 1
    code, out, _ = run(capsys, "--max-size", "1", str(path))
    assert "FZ001" not in out


def test_truncated_utf8_file(tmp_path):
    data = SEEDS["000"].read_bytes()
    cut = len(data) // 2
    while data[:cut].decode("utf-8", "ignore").encode() == data[:cut]:
        cut += 1  # until the cut falls inside a character
    path = tmp_path / "cut.txt"
    path.write_bytes(data[:cut])
    assert "UTF-8 文件已损坏" in _reason(path)


def test_pipe_is_not_read(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert "不是普通文件" in _reason(fifo)  # opening it would wait for a writer for ever


def test_permission_denied(monkeypatch, tmp_path):
    path = tmp_path / "secret.txt"
    path.write_bytes(SEEDS["001"].read_bytes())

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(read_files, "open", denied, raising=False)  # the tests may run as root, who reads anything
    assert _reason(path) == "无法读取文件：没有读取权限"


def test_dangling_symlink_and_folder_link_loop(capsys, tmp_path):
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "up").symlink_to(tmp_path, target_is_directory=True)  # a folder loop
    (tmp_path / "sub" / "report.txt").write_bytes(SEEDS["001"].read_bytes())
    _, files = _json(capsys, str(tmp_path))
    assert sorted(files) == ["dangling.txt", "report.txt"]
    assert files["dangling.txt"]["findings"][0]["message"] == "无法读取文件：符号链接指向的文件不存在"


def test_megabyte_single_line_is_checked_in_time(tmp_path):
    import time

    path = tmp_path / "line.txt"
    path.write_text("关于2024年法治政府建设情况的报告。" + "审查规范性文件12件，办理复议案件85件。" * 50_000, "utf-8")
    started = time.perf_counter()
    result = fazhi_check.check_file(path)
    assert time.perf_counter() - started < 60
    assert result.document is not None and {line.number for line in result.document.lines} == {1}


def test_the_folder_a_new_user_tries(capsys, tmp_path):
    """Seeds in UTF-8, GB18030 and UTF-16, a Markdown draft, a .wps file, a symlink loop and an empty file."""
    text = SEEDS["001"].read_text("utf-8")
    (tmp_path / "utf8.txt").write_bytes(text.encode("utf-8"))
    (tmp_path / "gb18030.txt").write_bytes(text.encode("gb18030"))
    (tmp_path / "utf16.txt").write_bytes(text.encode("utf-16"))
    (tmp_path / "draft.md").write_text(_as_markdown(text), "utf-8")
    (tmp_path / "old.wps").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    (tmp_path / "empty.txt").write_bytes(b"")
    code, files = _json(capsys, str(tmp_path))
    assert code == 1
    usual = {(f.code, f.line) for f in fazhi_check.check_text(text).findings if f.severity != "info"}
    for name in ("utf8.txt", "gb18030.txt", "utf16.txt", "draft.md"):
        assert {(f["code"], f["line"]) for f in files[name]["findings"] if f["severity"] != "info"} == usual, name
    assert [f["code"] for f in files["old.wps"]["findings"]] == ["FZ001"]
    assert [f["message"] for f in files["loop.txt"]["findings"]] == [
        "无法读取文件：符号链接循环（链接最终指向自身），未读取"
    ]
    assert [f["code"] for f in files["empty.txt"]["findings"]] == ["FZ002"]
