"""The clerk's language (issue 22): every human-facing surface in Chinese by default and in English with
--lang en; each refusal's exit code and message; the library's options keyword-only, typed, validated."""

import inspect
import json
import re
import shutil
import subprocess
import sys

import pytest
from conftest import ROOT, SEEDS, run
from publish_fixtures import report_pdf

import fazhi_check
from fazhi_check.messages import MESSAGES

HUBIN = SEEDS / "001_83ddae5d562b680b.txt"
KAIFENG = SEEDS / "000_d9def57696391e1a.txt"

# what may stand in Chinese text in Latin letters: option and format names, codes, units, product names
_ALLOWED = {
    "fazhi", "check", "text", "json", "sarif", "github", "summary", "csv", "html", "zh", "en", "txt", "md",
    "docx", "doc", "wps", "odt", "rtf", "pdf", "htm", "markdown", "gb18030", "big5", "utf", "MB", "GitHub",
    "YAML", "TOML", "PDF", "Word", "Unicode", "YYYY", "MM", "DD", "plan", "year", "FZ", "tool", "LibreOffice", "serve",
}  # fmt: skip
_ENGLISH_WORD = re.compile(r"(?<![-\w.])[A-Za-z]{2,}(?![\w])")


def _english_words(text: str) -> list[str]:
    """Latin words in ``text`` that are not an option (--year), a placeholder ({path}), a code (FZ201)
    or an allowed name."""
    text = re.sub(r"--?[a-z][a-z-]*|\{[^}]*\}|FZ\d*|\.[a-z]+\b|fazhi-check", " ", text)
    return [w for w in _ENGLISH_WORD.findall(text) if w not in _ALLOWED]


def test_every_chinese_message_template_is_free_of_english_words():
    found = {key: _english_words(zh) for key, (zh, _) in MESSAGES.items()}
    assert {key: words for key, words in found.items() if words} == {}


def test_help_is_chinese_by_default_and_english_with_lang_en(capsys):
    code, out, _ = run(capsys, "--help")
    assert code == 0 and out.startswith("用法：fazhi-check ")
    assert "检查法治政府建设年度报告是否符合规定" in out and "退出码：0 没有错误" in out
    assert "  --year 年份" in out and "指定报告年度（四位年份）" in out
    assert _english_words(out) == [], _english_words(out)
    code, out, _ = run(capsys, "--lang", "en", "--help")
    assert code == 0 and out.startswith("usage: fazhi-check ") and "the report year, overriding" in out
    assert "--year YYYY" in out and not re.search(r"[\u4e00-\u9fff]", out.replace("法治政府建设", ""))


@pytest.mark.parametrize(
    "argv, zh, en",
    [
        (["--year"], "选项 --year 后面需要一个值（见 --help）", "option --year needs a value (see --help)"),
        (["--strict=yes", "x.txt"], "选项 --strict 不带值（见 --help）", "option --strict takes no value (see --help)"),
        (
            ["--format", "xml", "x.txt"],
            "选项 --format：不支持的格式“xml”，可用：text, json, sarif, github, summary, csv, html",
            "option --format: no format 'xml'; use one of text, json, sarif, github, summary, csv, html",
        ),
        (["--nope", "x.txt"], "不认识的选项或参数：--nope（见 --help）", "unrecognised arguments: --nope (see --help)"),
        (
            ["--select", "plan-yr", "x.txt"],
            "没有与 plan-yr 相符的规则（是否指 plan-year？）（见 --list-rules）",
            "no rule matches 'plan-yr' (did you mean plan-year?) (see --list-rules)",
        ),
        (["--ignore", "zzzz", "x.txt"], "没有与 zzzz 相符的规则（见 --list-rules）", "no rule matches 'zzzz' (see"),
        (
            ["--stric", "x.txt"],
            "不认识的选项或参数：--stric（见 --help）",
            "unrecognised arguments: --stric (see --help)",
        ),
        (
            ["--year", "24", "x.txt"],
            "选项 --year：“24”不是报告年度：应为 1990—2099 之间的四位年份",
            "option --year: not a report year: '24' (four digits, 1990 to 2099)",
        ),
        (["--year", "20244", "x.txt"], "选项 --year：“20244”不是报告年度", "option --year: not a report year: '20244'"),
        (["--timeout", "soon", "x.txt"], "选项 --timeout：“soon”不是秒数", "option --timeout: not a number of seconds"),
        (["--published", "3/20", "x.txt"], "选项 --published：“3/20”不是有效的日期", "option --published: not a valid"),
        (
            ["--published", "2025-02-30", "x.txt"],
            "选项 --published：“2025-02-30”不是有效的日期",
            "option --published: not a valid date",
        ),
        ([], "没有给出要检查的文件或文件夹", "no PATH given"),
        (
            ["--explain", "FZ999"],
            "没有编号或名称为 FZ999 的规则（见 --list-rules）",
            "no rule 'FZ999' (see --list-rules)",
        ),
        (["--select", "FZ9", str(HUBIN)], "没有与 FZ9 相符的规则（见 --list-rules）", "no rule matches 'FZ9'"),
        (["--encoding", "nosuch", str(HUBIN)], "不认识的编码名称：nosuch", "unknown encoding 'nosuch'"),
        (
            ["--list-rules", "--format", "csv"],
            "--list-rules 不支持 --format csv（可用：text、json）",
            "--list-rules does not",
        ),
        (
            ["--statistics", "--format", "sarif", str(HUBIN)],
            "--statistics 不支持 --format sarif",
            "--statistics does not",
        ),
    ],
)
def test_each_refusal_exits_2_with_its_message_in_both_languages(capsys, argv, zh, en):
    code, out, err = run(capsys, *argv)
    assert (code, out) == (2, "") and err.startswith(f"fazhi-check: {zh}"), err
    lang = ["--lang", "en"] if "--year" not in argv[:1] else []
    code, out, err = run(capsys, *lang, *argv, *([] if lang else ["--lang", "en"]))
    assert (code, out) == (2, "") and err.startswith(f"fazhi-check: {en}"), err


def test_a_valid_year_is_accepted(capsys):
    code, out, _ = run(capsys, "--year", "2023", "--format", "json", str(HUBIN))
    assert json.loads(out)["files"][0]["report_year_source"] == "option"


def test_list_rules_speaks_chinese_and_has_a_json_form(capsys, pack):
    code, out, _ = run(capsys, "--list-rules")
    header = out.splitlines()[0].split()
    assert code == 0 and header == ["编号", "名称", "分组", "级别", "说明"]
    assert re.search(r"^FZ105 +section-order +structure +提示（默认关闭） +", out, re.M)
    code, out, _ = run(capsys, "--list-rules", "--lang", "en")
    assert out.splitlines()[0].split() == ["code", "name", "group", "severity", "summary"]
    code, out, _ = run(capsys, "--list-rules", "--format", "json")
    assert [r["code"] for r in json.loads(out)["rules"]] == [r.code for r in pack]
    code, out, _ = run(capsys, "--explain", "FZ201", "--format", "json")
    assert json.loads(out)["name"] == "plan-year"


def test_show_config_as_json(capsys):
    code, out, _ = run(capsys, "--show-config", "--isolated", "--format", "json", str(HUBIN))
    assert code == 0 and json.loads(out)["sources"] == []


def test_the_severity_words_follow_the_language(capsys):
    _, out, _ = run(capsys, str(HUBIN))
    assert (
        ":36:3: FZ201 [错误] 下一年度安排的年份应为2025年，此处写作2024年 (plan-year) «四、2024年推进法治政府建设的工»"
        in out
    )
    _, out, _ = run(capsys, "--lang", "en", str(HUBIN))
    assert ":36:3: FZ201 [error] The plan should be for 2025, but it says 2024 (plan-year)" in out
    assert out.splitlines()[-1].startswith("1 file(s) checked: 1 error(s), 3 warning(s), 0 info")


def test_info_findings_collapse_per_rule_and_file_unless_show_info(capsys):
    _, out, _ = run(capsys, "--select", "FZ502", str(KAIFENG))
    (line,) = [line for line in out.splitlines() if " FZ502 " in line]
    assert line.startswith(
        f"{KAIFENG}:5:5: FZ502 [提示] 数字与汉字之间有多余空格（共34处） (digit-cjk-space) «2024 年法治"
    )
    assert out.splitlines()[-1] == "共检查 1 个文件：错误 0 条，警告 0 条，提示 34 条；其中 34 条可用 --fix 自动修复"
    _, out, _ = run(capsys, "--select", "FZ502", "--show-info", str(KAIFENG))
    assert len([line for line in out.splitlines() if " FZ502 " in line]) == 34
    _, out, _ = run(capsys, "--select", "FZ502", "--lang", "en", str(KAIFENG))
    assert " (34 places) (digit-cjk-space)" in out and out.splitlines()[-1].endswith("; 34 fixable with --fix")


def test_pdf_findings_show_their_page(capsys, tmp_path):
    text = HUBIN.read_text("utf-8")
    (tmp_path / "r.pdf").write_bytes(report_pdf(text))
    _, out, _ = run(capsys, str(tmp_path / "r.pdf"))
    (line,) = [line for line in out.splitlines() if " FZ201 [" in line]
    assert " (plan-year) 第" in line and re.search(r"\(plan-year\) 第\d+页 «", line)
    _, out, _ = run(capsys, "--lang", "en", str(tmp_path / "r.pdf"))
    assert re.search(r"\(plan-year\) page \d+ «", out)


def test_html_fix_hints_say_what_they_do(capsys, tmp_path):
    target = tmp_path / "r.html"
    run(capsys, "--format", "html", "-o", str(target), "--select", "FZ502,FZ201", str(KAIFENG), str(HUBIN))
    page = target.read_text("utf-8")
    assert "建议：删除空格</div>" in page and "建议改为：</div>" not in page
    assert "建议：改为“2025年”（会改变内容，--fix 不自动修改，请核对后手工修改）" in page


# -- the library ---------------------------------------------------------------------------------------


def test_a_misspelt_keyword_is_refused_everywhere():
    for entry, first in ((fazhi_check.check_file, HUBIN), (fazhi_check.check_bytes, b""), (fazhi_check.check_text, "")):
        with pytest.raises(TypeError, match="selct"):
            entry(first, selct=["FZ201"])
        params = inspect.signature(entry).parameters.values()
        assert not [p for p in params if p.kind is p.VAR_KEYWORD]
        assert all(p.kind is p.KEYWORD_ONLY for p in list(params)[1:])


def test_a_string_select_is_one_selector():
    result = fazhi_check.check_file(HUBIN, select="FZ201")
    assert [f.code for f in result.findings] == ["FZ201"]


def test_a_year_as_text_is_read_or_refused_naming_it():
    assert fazhi_check.check_file(HUBIN, year="2023").report_year == 2023
    for bad in ("二〇二三", "24", "20244", "1800"):
        with pytest.raises(ValueError, match=f"year: '{bad}' is not a report year"):
            fazhi_check.check_file(HUBIN, year=bad)
    with pytest.raises(TypeError, match="year"):
        fazhi_check.check_text("x", year=2023.0)


def test_unknown_lang_and_encoding_are_refused():
    with pytest.raises(ValueError, match="lang: expected 'zh' or 'en', got 'fr'"):
        fazhi_check.check_text("x", lang="fr")
    with pytest.raises(ValueError, match="encoding: unknown encoding 'nosuch'"):
        fazhi_check.check_bytes(b"x", encoding="nosuch")


def test_the_public_errors_are_exported_and_raised():
    with pytest.raises(fazhi_check.SelectionError) as error:
        fazhi_check.check_text("x", select=["FZ9"])
    assert error.value.selector == "FZ9"
    for name in ("SelectionError", "RuleFileError", "ConfigError", "WaiverFileError", "DataFileError", "ReadError"):
        assert name in fazhi_check.__all__ and isinstance(getattr(fazhi_check, name), type)


def test_help_shows_the_options_and_the_package_is_typed():
    shown = subprocess.run(
        [sys.executable, "-c", "import fazhi_check; help(fazhi_check.check_file)"],
        capture_output=True, text=True, cwd=ROOT, env={"PAGER": "cat", "TERM": "dumb", "PATH": ""},
    ).stdout  # fmt: skip
    assert "select: collections.abc.Iterable[str] | str | None = None" in shown or "select:" in shown
    assert "kwargs" not in shown and "max_bytes" in shown and "FZ001 with the reason" in shown
    assert (ROOT / "fazhi_check" / "py.typed").is_file()


# -- LibreOffice once per batch --------------------------------------------------------------------------

SOFFICE = shutil.which("soffice")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed; .ci/run installs it")
def test_old_office_files_are_converted_by_one_start_of_libreoffice(capsys, tmp_path, monkeypatch):
    from fazhi_check.read import convert

    source = tmp_path / "made"
    source.mkdir()
    (source / "r.txt").write_bytes(HUBIN.read_bytes())
    profile = (tmp_path / "profile").as_uri()
    command = [SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "doc", "--outdir"]
    subprocess.run([*command, str(source), str(source / "r.txt")], capture_output=True, timeout=300, check=True)
    folder = tmp_path / "drafts"
    folder.mkdir()
    doc = (source / "r.doc").read_bytes()
    for n in range(4):
        (folder / f"{n}.doc").write_bytes(doc + b"\0" * n)  # four files, four digests
    starts = []
    real_run = subprocess.run
    monkeypatch.setattr(convert.subprocess, "run", lambda *a, **k: starts.append(a[0]) or real_run(*a, **k))
    monkeypatch.setattr(convert, "_converted", {})
    code, out, _ = run(capsys, "--select", "FZ201", str(folder))
    assert len(starts) == 1 and sum(arg.endswith(".doc") for arg in starts[0]) == 4
    assert [line.split(":")[0] for line in out.splitlines() if " FZ201 [" in line] == [
        str(folder / f"{n}.doc") for n in range(4)
    ]


def test_statistics_speak_the_language(capsys):
    _, out, _ = run(capsys, "--statistics", str(HUBIN))
    assert "  FZ201  [错误] “下一年度主要安排”写的年份不是报告年度的下一年 (plan-year)" in out
    _, out, _ = run(capsys, "--statistics", "--lang", "en", str(HUBIN))
    assert re.search(r"^1  FZ201  \[error\] [A-Z][^\u4e00-\u9fff]+ \(plan-year\)$", out, re.M), out
