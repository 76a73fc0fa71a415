"""The command line: formats, exit codes, bad input and bad rule files, as a user meets them."""

import json
import re
import subprocess
import sys

import pytest
import yaml
from conftest import ROOT, SEEDS, run
from jsonschema import Draft202012Validator

import fazhi_check

SCHEMA = json.loads((ROOT / "fazhi_check" / "schemas" / "output.schema.json").read_text("utf-8"))


def test_seeds_folder_text_report(capsys):
    code, out, _ = run(capsys, str(SEEDS))
    assert code == 1
    assert (
        f"{SEEDS / '001_83ddae5d562b680b.txt'}:36:3: FZ201 [错误] "
        "下一年度安排的年份应为2025年，此处写作2024年 (plan-year)" in out
    )
    summary = _expected_summary()
    fixable = json.loads(run(capsys, "--format", "json", str(SEEDS))[1])["summary"]["fixable"]
    assert fixable > 0 and out.splitlines()[-3:] == [  # the error again, then the counts a clerk acts on
        "须改正的错误（1 条）：",
        f"  {SEEDS / '001_83ddae5d562b680b.txt'}:36:3: FZ201 下一年度安排的年份应为2025年，此处写作2024年",
        f"共检查 5 个文件：错误 {summary['error']} 条，警告 {summary['warning']} 条，提示 {summary['info']} 条；"
        f"其中 {fixable} 条可用 --fix 自动修复",
    ]
    infos = [line for line in out.splitlines() if " [提示] " in line]
    assert len(infos) == len({(line.split(":")[0], line.split()[1]) for line in infos})  # one per rule and file
    assert len(infos) < summary["info"]


def _expected_summary():
    """Totals of the seeds' expected findings (seeds/*.expected.yaml)."""
    totals = {"error": 0, "warning": 0, "info": 0}
    pack = fazhi_check.load_rules()
    for path in sorted(SEEDS.glob("*.expected.yaml")):
        expected = yaml.safe_load(path.read_text("utf-8"))
        for f in expected["findings"]:
            totals[pack.get(f["code"]).severity] += 1
        totals["info"] += sum(expected["info"].values())
    return totals


def test_json_output_validates_against_the_shipped_schema(capsys):
    code, out, _ = run(capsys, "--format", "json", str(SEEDS))
    data = json.loads(out)
    Draft202012Validator(SCHEMA).validate(data)
    assert data["summary"]["files"] == 5
    assert data["summary"]["by_code"]["FZ201"] == 1
    kaifeng = next(f for f in data["files"] if f["path"].endswith("002_be5cd676ec83a10e.txt"))
    fz106 = next(f for f in kaifeng["findings"] if f["code"] == "FZ106")
    assert (fz106["section"], fz106["line"]) == ("leadership", 11)


def test_exit_codes(capsys, tmp_path):
    clean = str(SEEDS / "003_1867eea4f21729fd.txt")
    assert run(capsys, clean)[0] == 0
    assert run(capsys, str(SEEDS / "001_83ddae5d562b680b.txt"))[0] == 1
    assert run(capsys, "--exit-zero", str(SEEDS / "001_83ddae5d562b680b.txt"))[0] == 0
    code, _, err = run(capsys, "--strict", str(SEEDS / "000_d9def57696391e1a.txt"))
    assert code == 1 and err == "fazhi-check: 没有错误，但有警告：按 --strict 警告也算不通过（退出码 1）\n"
    assert run(capsys, "--strict", str(SEEDS / "001_83ddae5d562b680b.txt"))[2] == ""  # an error says it itself
    assert run(capsys, "--ignore", "FZ201", str(SEEDS / "001_83ddae5d562b680b.txt"))[0] == 0
    assert run(capsys, "--select", "NOPE", clean)[0] == 2
    assert run(capsys, "--encoding", "no-such-codec", clean)[0] == 2
    assert run(capsys, "--explain", "FZ999")[0] == 2
    assert run(capsys)[0] == 2


def test_select_by_prefix_name_and_group(capsys):
    path = str(SEEDS / "001_83ddae5d562b680b.txt")
    for selector in ("FZ2", "plan-year", "dates", "FZ201"):
        code, out, _ = run(capsys, "--select", selector, path)
        assert " FZ201 " in out and " FZ303 " not in out, selector


@pytest.mark.parametrize(
    "content, reason",
    [
        (b"", "FZ002"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "二进制"),
        (b"\x80\x81\x30\xff" * 10, "无法识别编码"),
    ],
)
def test_bad_input_is_a_finding_not_a_traceback(capsys, tmp_path, content, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    code, out, err = run(capsys, str(path))
    assert code == 1 and err == ""
    assert reason in out


def test_missing_file_and_the_batch_goes_on(capsys, tmp_path):
    code, out, _ = run(capsys, str(tmp_path / "nope.txt"), str(SEEDS / "003_1867eea4f21729fd.txt"))
    assert code == 1
    assert "nope.txt:1:1: FZ001 [错误] 无法读取文件：文件不存在 (unreadable-input)" in out
    assert "共检查 2 个文件" in out


def test_fz001_cannot_be_ignored(capsys, tmp_path):
    code, out, _ = run(capsys, "--ignore", "FZ001,input", str(tmp_path / "nope.txt"))
    assert "FZ001" in out and code == 1


def test_bad_rule_file_names_file_and_json_path(capsys, tmp_path):
    (tmp_path / "FZ900.yaml").write_text(
        (ROOT / "rules" / "FZ201.yaml")
        .read_text("utf-8")
        .replace("code: FZ201", "code: FZ900")
        .replace("name: plan-year", "name: my-plan-year")
        .replace("offset: 1", "offset: 1\n  colour: red"),
        "utf-8",
    )
    code, _, err = run(capsys, "--rules", str(tmp_path), str(SEEDS))
    assert code == 2
    assert "FZ900.yaml" in err and "$.options" in err and "colour" in err


def test_rule_clashing_with_a_builtin_code(capsys, tmp_path):
    (tmp_path / "mine.yaml").write_text((ROOT / "rules" / "FZ201.yaml").read_text("utf-8"), "utf-8")
    code, _, err = run(capsys, "--rules", str(tmp_path), str(SEEDS))
    assert code == 2 and "mine.yaml" in err and "$.code" in err and "FZ201" in err


def test_malformed_yaml_rule_file(capsys, tmp_path):
    (tmp_path / "broken.yaml").write_text("code: [FZ900\n", "utf-8")
    code, _, err = run(capsys, "--rules", str(tmp_path), str(SEEDS))
    assert code == 2 and "broken.yaml" in err and "第2行第1列：不是有效的 YAML" in err


def test_extra_rule_pack_adds_a_rule_without_python(capsys, tmp_path):
    text = (ROOT / "rules" / "FZ203.yaml").read_text("utf-8")
    text = text.replace("code: FZ203", "code: FZ900").replace("name: unknown-report-year", "name: missing-issuer-local")
    text = text.replace("field: report_year", "field: issuer")
    (tmp_path / "FZ900.yaml").write_text(text, "utf-8")
    code, out, _ = run(capsys, "--rules", str(tmp_path), "--select", "FZ900", str(SEEDS))
    assert code == 0 and "002_be5cd676ec83a10e.txt:1:1: FZ900 [警告]" in out
    assert out.count("FZ900") == 1  # the only seed without an issuer


def test_list_rules_and_explain(capsys, pack):
    code, out, _ = run(capsys, "--list-rules")
    assert code == 0 and all(r.code in out for r in pack)
    code, out, _ = run(capsys, "--explain", "plan-year")
    assert code == 0 and out.startswith("# FZ201 plan-year\n") and "厅字〔2019〕28号" in out
    assert (
        "- `4:3` FZ201 下一年度安排的年份应为2025年，此处写作2024年 → `2025年`" in out
    )  # the failing example's finding


def test_quiet_output_file_and_year_option(capsys, tmp_path):
    target = tmp_path / "out.json"
    code, out, _ = run(
        capsys, "--format", "json", "-o", str(target), "--year", "2023", str(SEEDS / "001_83ddae5d562b680b.txt")
    )
    assert out == "" and code == 0
    data = json.loads(target.read_text("utf-8"))
    assert data["files"][0]["report_year_source"] == "option"
    code, out, _ = run(capsys, "--quiet", str(SEEDS))
    assert out.count("\n") == 1


def test_english_messages(capsys):
    code, out, _ = run(capsys, "--lang", "en", str(SEEDS / "001_83ddae5d562b680b.txt"))
    assert "FZ201 [error] The plan should be for 2025, but it says 2024 (plan-year)" in out


def test_stdin_and_module_entry_point():
    text = (SEEDS / "001_83ddae5d562b680b.txt").read_bytes().decode("utf-8").encode("gb18030")
    proc = subprocess.run(
        [sys.executable, "-m", "fazhi_check", "-", "--format", "json"], input=text, capture_output=True, cwd=ROOT
    )
    assert proc.returncode == 1, proc.stderr
    data = json.loads(proc.stdout)
    assert data["files"][0]["encoding"] == "gb18030"
    assert data["files"][0]["path"] == "-"


def test_the_program_returns_mains_code_and_leaves_its_objects_to_the_exit(capsys, monkeypatch):
    import gc

    from fazhi_check.cli import command

    monkeypatch.setattr(sys, "argv", ["fazhi-check", str(SEEDS / "001_83ddae5d562b680b.txt")])
    gc.unfreeze()
    try:
        assert command() == 1  # seed 001's plan year
        assert gc.get_freeze_count() > 0  # no last collection walks them
    finally:
        gc.unfreeze()
    assert "FZ201" in capsys.readouterr().out


def test_invalid_regex_in_a_rule_names_its_path(capsys, tmp_path):
    text = (ROOT / "rules" / "FZ102.yaml").read_text("utf-8").replace("code: FZ102", "code: FZ901")
    text = text.replace("name: missing-causes", "name: my-causes").replace("    - 原因\n", "    - 原因(\n")
    (tmp_path / "FZ901.yaml").write_text(text, "utf-8")
    code, _, err = run(capsys, "--rules", str(tmp_path), str(SEEDS))
    assert code == 2 and "FZ901.yaml" in err and "$.options.patterns[0]" in err


def test_rule_pack_is_data(pack):
    data = pack.to_dict()
    fz201 = next(r for r in data["rules"] if r["code"] == "FZ201")
    assert fz201["check"] == "section-year" and fz201["options"] == {"sections": ["plan"], "offset": 1}
    json.dumps(data, ensure_ascii=False)


@pytest.mark.parametrize(
    "content, where",
    [
        (b"\xff\xfe\x00bad", "not UTF-8"),
        (b"", "$: None is not of type 'object'"),
        (b"- a\n- b\n", "is not of type 'object'"),
    ],
)
def test_unusable_rule_files(capsys, tmp_path, content, where):
    (tmp_path / "odd.yaml").write_bytes(content)
    code, _, err = run(capsys, "--lang", "en", "--rules", str(tmp_path), str(SEEDS))
    assert code == 2 and "odd.yaml" in err and where in err


@pytest.mark.parametrize(
    "name, data, reason",
    [
        ("草稿.pdf", b"%PDF-1.7\n", "PDF 文件已损坏，无法读取"),
        ("草稿.docx", b"PK\x03\x04\x00\x00", "不是有效的 Word 文档：文件已损坏、不完整，或其实是其他格式"),
    ],
)
def test_a_cut_file_says_it_is_damaged(capsys, tmp_path, name, data, reason):
    path = tmp_path / name
    path.write_bytes(data)
    code, out, _ = run(capsys, str(path))
    assert code == 1
    assert f"FZ001 [错误] 无法读取文件：{reason}" in out


def test_huge_blank_and_single_line_inputs(capsys, tmp_path):
    blank = tmp_path / "blank.txt"
    blank.write_text("\n" * 1_000_000 + "　 \t\r\n" * 1000, "utf-8")
    line = tmp_path / "line.txt"
    line.write_text("关于2024年法治政府建设情况的报告" * 60_000, "utf-8")
    code, out, _ = run(capsys, "--format", "json", str(blank), str(line))
    files = json.loads(out)["files"]
    assert [f["code"] for f in files[0]["findings"]] == ["FZ002"]
    assert {f["line"] for f in files[1]["findings"]} == {1}


def test_files_are_reported_sorted_and_once(capsys):
    b, a = str(SEEDS / "001_83ddae5d562b680b.txt"), str(SEEDS / "000_d9def57696391e1a.txt")
    code, out, _ = run(capsys, "--format", "json", b, a, b)
    assert [f["path"] for f in json.loads(out)["files"]] == [a, b]


def test_english_output_has_no_chinese_message_text(capsys, tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01")
    (tmp_path / "draft.docx").write_bytes(b"PK")
    variants = tmp_path / "variants.txt"
    variants.write_text(
        "某某局工作报告\n一、主要举措和成效\n（一）推进依法行政\n（三）规范行政执法\n存在的不足\n三、2024年工作安排\n",
        "utf-8",
    )
    code, out, _ = run(capsys, "--lang", "en", "--format", "json", str(SEEDS), str(tmp_path))
    messages = [f["message"] for file in json.loads(out)["files"] for f in file["findings"]]
    codes = {f["code"] for file in json.loads(out)["files"] for f in file["findings"]}
    assert {"FZ001", "FZ002", "FZ101", "FZ106", "FZ201", "FZ301", "FZ303", "FZ304"} <= codes
    assert [m for m in messages if re.search(r"[\u4e00-\u9fff]", m)] == []


def test_an_output_in_a_folder_that_does_not_exist_is_refused_in_a_clerks_words(capsys, tmp_path):
    target = tmp_path / "没有的文件夹" / "结果.json"
    code, _, err = run(capsys, str(SEEDS / "003_1867eea4f21729fd.txt"), "-o", str(target))
    assert code == 2
    assert err == f"fazhi-check: 无法写入 {target}：文件夹 {target.parent} 不存在\n"
