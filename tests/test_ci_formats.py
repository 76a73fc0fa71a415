"""What CI and a reviewer's desk read: SARIF (against the official schema), GitHub annotations, the folder
summary and CSV, statistics, the progress bar, and the pre-commit hook run as another repository would."""

import csv
import dataclasses
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SEEDS, run
from jsonschema.validators import validator_for

import fazhi_check
from fazhi_check.cli import _with_progress
from fazhi_check.report.text import format_github

SARIF_SCHEMA = json.loads((ROOT / "tests" / "schemas" / "sarif-2.1.0.json").read_text("utf-8"))
SEED_001 = SEEDS / "001_83ddae5d562b680b.txt"


def _sarif(capsys, *argv):
    code, out, _ = run(capsys, "--format", "sarif", *argv)
    return code, json.loads(out)


# -- SARIF ------------------------------------------------------------------------------------------


def test_sarif_of_the_seeds_validates_against_the_official_schema(capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    code, log = _sarif(capsys, "seeds")
    assert code == 1
    errors = list(validator_for(SARIF_SCHEMA)(SARIF_SCHEMA).iter_errors(log))
    assert errors == [], [e.message for e in errors[:5]]
    run_ = log["runs"][0]
    assert run_["columnKind"] == "unicodeCodePoints"
    driver = run_["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("fazhi-check", fazhi_check.__version__)
    assert driver["informationUri"].startswith("https://")
    expected = sum(len(fazhi_check.check_file(p).findings) for p in sorted(SEEDS.glob("*.txt")))
    assert len(run_["results"]) == expected


def test_sarif_has_what_github_code_scanning_requires(capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    _, log = _sarif(capsys, "seeds")
    driver = log["runs"][0]["tool"]["driver"]
    ids = [r["id"] for r in driver["rules"]]
    for rule in driver["rules"]:
        assert rule["id"] and rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
        assert rule["help"]["text"] and rule["help"]["markdown"]
    for result in log["runs"][0]["results"]:
        assert result["ruleId"] in ids and ids[result["ruleIndex"]] == result["ruleId"]
        assert result["level"] in ("error", "warning", "note") and result["message"]["text"]
        assert result["partialFingerprints"]["fazhiCheck/v1"]
        region = result["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1
    fz201 = next(r for r in log["runs"][0]["results"] if r["ruleId"] == "FZ201")
    location = fz201["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "seeds/001_83ddae5d562b680b.txt"
    assert location["region"] == {"startLine": 36, "startColumn": 3, "endLine": 36, "endColumn": 8}
    assert fz201["level"] == "error"
    replacement = fz201["fixes"][0]["artifactChanges"][0]["replacements"][0]
    assert replacement["insertedContent"]["text"] == "2025年"


def test_sarif_uri_of_a_chinese_file_name_is_percent_encoded_and_relative(capsys, monkeypatch, tmp_path):
    (tmp_path / "草稿 一.txt").write_bytes(SEED_001.read_bytes())
    monkeypatch.chdir(tmp_path)
    _, log = _sarif(capsys, "草稿 一.txt")
    uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "%E8%8D%89%E7%A8%BF%20%E4%B8%80.txt"


def test_sarif_fingerprints_survive_lines_added_above(capsys, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    Path("draft.txt").write_bytes(SEED_001.read_bytes())
    _, before = _sarif(capsys, "draft.txt")
    Path("draft.txt").write_text("\n\n" + SEED_001.read_text("utf-8"), "utf-8")
    _, after = _sarif(capsys, "draft.txt")

    def prints(log):
        return {r["partialFingerprints"]["fazhiCheck/v1"]: r["ruleId"] for r in log["runs"][0]["results"]}

    fz201 = [r for r in after["runs"][0]["results"] if r["ruleId"] == "FZ201"][0]
    assert fz201["locations"][0]["physicalLocation"]["region"]["startLine"] == 38
    assert prints(before) == prints(after)


# -- GitHub annotations --------------------------------------------------------------------------------


def test_github_annotation_of_the_plan_year_error(capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    code, out, _ = run(capsys, "--format", "github", "seeds/001_83ddae5d562b680b.txt")
    assert code == 1
    assert (
        "::error file=seeds/001_83ddae5d562b680b.txt,line=36,col=3,endLine=36,endColumn=8,"
        "title=FZ201 plan-year::下一年度安排的年份应为2025年，此处写作2024年"
    ) in out.splitlines()
    assert all(line.startswith(("::error ", "::warning ", "::notice ")) for line in out.splitlines())


def test_github_escapes_properties_and_messages(tmp_path):
    path = tmp_path / "a,b:c%d.txt"
    path.write_text("关于2023年法治政府建设情况的报告\n开庭37个，出庭35个，出庭率达95.3%。\n", "utf-8")
    result = fazhi_check.check_file(path, select=["FZ403"])
    (line,) = format_github(
        [
            dataclasses.replace(
                result, findings=tuple(dataclasses.replace(f, severity="warning") for f in result.findings)
            )
        ]
    ).splitlines()
    assert "file=" + str(tmp_path).replace(":", "%3A").replace(",", "%2C") + "/a%2Cb%3Ac%25d.txt," in line
    assert line.endswith("::比率写作95.3%25，但按同句数字35÷37应为94.6%25")
    assert line.startswith("::warning ")


def test_github_info_findings_are_one_notice_per_file(capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    code, out, _ = run(capsys, "--format", "github", "seeds/000_d9def57696391e1a.txt")
    notices = [line for line in out.splitlines() if line.startswith("::notice ")]
    assert notices == [
        "::notice file=seeds/000_d9def57696391e1a.txt,title=fazhi-check::另有提示 39 条：FZ404 ×1、FZ502 ×34、FZ503 ×4"
    ]
    assert [line.split(" ")[0] for line in out.splitlines()] == ["::warning", "::notice"]
    _, out, _ = run(capsys, "--format", "github", "--lang", "en", "seeds/000_d9def57696391e1a.txt")
    assert out.splitlines()[-1].endswith("::39 info finding(s): FZ404 ×1、FZ502 ×34、FZ503 ×4")


def test_github_message_line_breaks_are_escaped():
    finding = fazhi_check.Finding("FZ999", "x", "warning", "一行\r\n二行", 1, 1, 1, 2)
    result = fazhi_check.Result("a.txt", "utf-8", None, (finding,))
    assert (
        format_github([result])
        == "::warning file=a.txt,line=1,col=1,endLine=1,endColumn=2,title=FZ999 x::一行%0D%0A二行\n"
    )


# -- the reviewer's folder -------------------------------------------------------------------------------


def _csv_rows(capsys, *argv):
    code, out, _ = run(capsys, "--format", "csv", *argv)
    assert out.startswith("\ufeff") and "\r\n" in out
    return list(csv.reader(io.StringIO(out[1:])))


def test_csv_summary_of_the_seeds(capsys):
    rows = _csv_rows(capsys, str(SEEDS))
    header, body = rows[0], {Path(r[0]).name[:3]: dict(zip(rows[0], r)) for r in rows[1:-1]}
    assert header[:10] == [
        "文件",
        "结论",
        "发文机关",
        "标题",
        "报告年度",
        "举措成效",
        "不足原因",
        "第一责任人",
        "下年安排",
        "安排年份",
    ]
    assert len(body) == 5
    assert body["002"]["第一责任人"] == "并入" and "FZ106" in body["002"]["规则"].split()
    assert [body["002"][k] for k in ("举措成效", "不足原因", "下年安排")] == ["有", "有", "有"]
    hubin = body["001"]
    assert (hubin["发文机关"], hubin["报告年度"], hubin["安排年份"]) == ("湖滨区司法局", "2024", "2024")
    assert hubin["错误"] == "1" and "FZ201" in hubin["规则"].split()
    assert body["004"]["标题"] == "魏都区司法局法治政府建设工作报告"
    assert (hubin["结论"], body["000"]["结论"]) == ("不合格", "需修改")  # as the HTML report says
    assert header[-1] == "无法读取的原因" and hubin["无法读取的原因"] == ""
    totals = dict(zip(header, rows[-1]))
    assert (totals["文件"], totals["结论"], totals["标题"], totals["错误"]) == (
        "合计",
        "不合格 1 需修改 4 通过 0",
        "共 5 个文件",
        "1",
    )


def test_csv_gives_the_reason_an_unreadable_file_could_not_be_read(capsys, tmp_path):
    rows = _csv_rows(capsys, str(tmp_path / "missing.txt"))
    row = dict(zip(rows[0], rows[1]))
    assert (row["结论"], row["无法读取的原因"]) == ("不合格", "无法读取文件：文件不存在")


def test_csv_in_english_and_to_a_file_keeps_bom_and_crlf(capsys, tmp_path):
    target = tmp_path / "summary.csv"
    run(capsys, "--format", "csv", "--lang", "en", "-o", str(target), str(SEEDS))
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbffile,verdict,issuer,title,report year,measures,") and b"\r\n" in data
    assert data.endswith(b"total,fails 1 needs changes 4 passes 0,,5 file(s),,,,,,,1,13,81,,\r\n")
    assert b"\r\r\n" not in data
    assert ",folded," in data.decode("utf-8")


def test_summary_table_marks_missing_parts_and_unjudgeable_files(capsys, tmp_path):
    (tmp_path / "a_missing.txt").write_text(
        "关于2024年法治政府建设情况的报告\n一、主要举措和成效\n审查规范性文件12件。\n", "utf-8"
    )
    (tmp_path / "b_empty.txt").write_bytes(b"")
    code, out, _ = run(capsys, "--format", "summary", str(tmp_path))
    lines = out.splitlines()
    assert lines[0].split()[:5] == ["文件", "结论", "发文机关", "标题", "报告年度"]
    missing, empty = lines[1], lines[2]
    assert missing.split()[4:8] == ["有", "缺", "缺", "缺"] and "FZ101" in missing
    assert empty.split()[1:6] == ["不合格", "—", "—", "—", "—"] and "FZ002" in empty


def test_statistics_counts_each_rule(capsys):
    code, out, _ = run(capsys, "--statistics", str(SEEDS))
    counts = {line.split()[1]: int(line.split()[0]) for line in out.splitlines()}
    assert "  FZ201  [错误] “下一年度主要安排”写的年份不是报告年度的下一年 (plan-year)" in out
    _, as_json, _ = run(capsys, "--statistics", "--format", "json", str(SEEDS))
    assert {s["code"]: s["count"] for s in json.loads(as_json)["statistics"]} == counts
    _, json_out, _ = run(capsys, "--format", "json", str(SEEDS))
    assert counts == json.loads(json_out)["summary"]["by_code"]
    assert out.splitlines()[0].split()[1] == max(counts, key=counts.get)


# -- progress --------------------------------------------------------------------------------------------


class _Terminal(io.StringIO):
    def isatty(self):
        return True


def test_progress_bar_on_a_terminal_only_and_only_for_batches():
    paths = [f"{i}.txt" for i in range(12)]
    terminal = _Terminal()
    assert list(_with_progress(iter(paths), paths, terminal)) == paths
    assert "0/12 [" in terminal.getvalue()  # tqdm drew its bar (and cleared it: leave=False)
    pipe = io.StringIO()
    items = iter(paths)
    assert _with_progress(items, paths, pipe) is items and pipe.getvalue() == ""
    few = iter(paths[:3])
    assert _with_progress(few, paths[:3], _Terminal()) is few


def test_no_progress_bar_when_stderr_is_not_a_terminal(capsys):
    _, _, err = run(capsys, str(SEEDS), str(ROOT / "tests" / "corpus"), str(ROOT / "tests" / "samples"))
    assert err == ""


# -- pre-commit -------------------------------------------------------------------------------------------


def test_pre_commit_try_repo_finds_fz201(tmp_path):
    """Another repository uses this one as its hook source (pre-commit builds the hook from our files)."""
    repo = tmp_path / "drafts"
    repo.mkdir()
    shutil.copy(SEED_001, repo / "report.txt")
    (repo / "README.md").write_text("# 报告草稿\n\n本仓库存放年度报告草稿。\n", "utf-8")  # no report: not checked
    (repo / "docs").mkdir()
    (repo / "docs" / "说明.md").write_text("使用说明\n", "utf-8")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "GIT_CONFIG_GLOBAL": os.devnull}
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "init.defaultBranch=main"]
    subprocess.run([*git, "init", "-q"], cwd=repo, check=True, env=env)
    subprocess.run([*git, "add", "report.txt", "README.md", "docs"], cwd=repo, check=True, env=env)
    pre_commit = [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "fazhi-check", "--all-files"]
    done = subprocess.run(pre_commit, cwd=repo, env=env, capture_output=True, text=True, timeout=600)
    output = done.stdout + done.stderr
    assert done.returncode == 1, output
    assert "report.txt:36:3: FZ201 [错误]" in output, output
    assert "README.md" not in output and "说明.md" not in output, output


def test_the_hooks_exclude_pattern_passes_over_a_repositorys_own_documents():
    import yaml

    hook = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))[0]
    files, exclude = re.compile(hook["files"]), re.compile(hook["exclude"])
    checked = [
        p
        for p in (
            "README.md",
            "docs/guide.md",
            "sub/CHANGELOG.md",
            "LICENSE.txt",
            "reports/2024/区县.docx",
            "readme_draft/报告.txt",
            "drafts/2024年报告.md",
        )
        if files.search(p) and not exclude.search(p)
    ]
    assert checked == ["reports/2024/区县.docx", "readme_draft/报告.txt", "drafts/2024年报告.md"]


def test_the_actions_default_excludes_reach_the_command(tmp_path, capsys):
    import yaml

    action = yaml.safe_load((ROOT / "action.yml").read_text("utf-8"))
    (tmp_path / "README.md").write_text("# 说明\n", "utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_text("说明\n", "utf-8")
    shutil.copy(SEED_001, tmp_path / "report.txt")
    excludes = [arg for glob in action["inputs"]["exclude"]["default"].split() for arg in ("--exclude", glob)]
    code, out, _ = run(capsys, "--format", "github", *excludes, str(tmp_path))
    assert code == 1 and "README" not in out and "a.md" not in out and "report.txt" in out


@pytest.mark.parametrize("name", [".pre-commit-hooks.yaml", "action.yml"])
def test_integration_files_are_valid_yaml_naming_the_command(name):
    import yaml

    data = yaml.safe_load((ROOT / name).read_text("utf-8"))
    text = json.dumps(data, ensure_ascii=False)
    assert "fazhi-check" in text
    if name == "action.yml":
        assert data["runs"]["using"] == "composite" and "--format github" in text
    else:
        assert data[0]["id"] == "fazhi-check" and data[0]["language"] == "python"


def test_fixes_are_offered_only_where_fix_can_write_them(capsys, monkeypatch, tmp_path):
    """A Word draft's "line" is a paragraph: SARIF gives it no text replacement, and the summary counts
    no fix for it that --fix would refuse; the same text as .txt gets both."""
    from docx_fixtures import DRAFT, report_docx

    text = DRAFT.replace("，", ",", 3)  # FZ501: half-width commas beside Chinese, fixable
    (tmp_path / "草稿.docx").write_bytes(report_docx(text))
    (tmp_path / "草稿.txt").write_text(text, "utf-8")
    monkeypatch.chdir(tmp_path)
    _, sarif = _sarif(capsys, "草稿.docx", "草稿.txt")
    fixes = {}
    for r in sarif["runs"][0]["results"]:
        uri = r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        fixes.setdefault(uri, []).append("fixes" in r)
    assert set(fixes["%E8%8D%89%E7%A8%BF.docx"]) == {False} and True in fixes["%E8%8D%89%E7%A8%BF.txt"]
    _, out, _ = run(capsys, "草稿.docx")
    assert "可用 --fix 自动修复" not in out.splitlines()[-1]
    _, out, _ = run(capsys, "草稿.txt")
    assert out.splitlines()[-1].endswith("条可用 --fix 自动修复")
