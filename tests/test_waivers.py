"""Waivers: accepted findings leave the report (and are counted), stale ones are reported as FZ004."""

import json
import re
import shutil
import textwrap

import pytest
import yaml
from conftest import ROOT, run, seed_files
from docx_fixtures import report_docx
from jsonschema import Draft202012Validator

OUTPUT_SCHEMA = Draft202012Validator(json.loads((ROOT / "fazhi_check/schemas/output.schema.json").read_text("utf-8")))


def _findings(out):
    return re.findall(r"([^\s:]+):(\d+):\d+: (FZ\d{3}) \[(\w+)\]", out)


def _write(path, text):
    path.write_text(textwrap.dedent(text), "utf-8")
    return path


@pytest.fixture
def folder(tmp_path):
    """Copies of the five seeds, as a reviewer receives them."""
    reports = tmp_path / "reports"
    reports.mkdir()
    for seed in seed_files():
        shutil.copy(seed, reports / seed.name)
    return reports


def test_a_waived_finding_leaves_the_output_and_is_counted(capsys, folder):
    hubin = next(folder.glob("001_*.txt"))
    waivers = _write(
        folder.parent / "waivers.yaml",
        f"""\
        waivers:
          - code: FZ201
            file: reports/{hubin.name}
            evidence: 2024年
            reason: 经复核，本单位按自然年编排安排
        """,
    )
    code, out, _ = run(capsys, "--waivers", str(waivers), str(hubin))
    assert code == 0 and "FZ201" not in out and "另有 1 条已豁免" in out
    code, out, _ = run(capsys, "--waivers", str(waivers), "--format", "json", str(hubin))
    data = json.loads(out)
    OUTPUT_SCHEMA.validate(data)
    assert data["summary"]["waived"] == 1 and data["files"][0]["waived"] == 1 and data["summary"]["files"] == 1


def test_an_expired_waiver_is_reported_and_the_finding_comes_back(capsys, folder):
    hubin = next(folder.glob("001_*.txt"))
    waivers = _write(
        folder.parent / "waivers.yaml",
        """\
        # 审核组接受的问题
        waivers:
          - code: FZ201
            file: "reports/001_*.txt"
            reason: 已接受
            expires: 2025-03-31
        """,
    )
    code, out, _ = run(capsys, "--waivers", str(waivers), str(folder))
    found = _findings(out)
    assert (str(waivers), "3", "FZ004", "警告") in found
    assert (str(hubin), "36", "FZ201", "错误") in found and code == 1
    assert "豁免条目（FZ201，reports/001_*.txt）已于2025-03-31过期，请复核后续期或删除" in out
    assert "共检查 5 个文件" in out  # the waiver file is no checked report
    run(capsys, "--waivers", str(waivers), "--add-waivers", str(waivers), "--select", "FZ201", str(hubin))
    code, out, _ = run(capsys, "--waivers", str(waivers), "--select", "FZ201,FZ004", str(hubin))
    assert _findings(out) == [(str(waivers), "3", "FZ004", "警告")]  # accepted anew; the old entry still stale


def test_a_waiver_for_a_word_file_matches_by_evidence_not_by_line(capsys, tmp_path):
    docx = tmp_path / "甲区.docx"
    docx.write_bytes(report_docx(seed_files()[1].read_text("utf-8")))
    waivers = _write(
        tmp_path / ".fazhi-check-waivers.yaml",
        "waivers:\n  - {code: FZ201, file: '*.docx', evidence: 2024年, reason: 已复核}\n",
    )
    code, out, _ = run(capsys, "--waivers", str(waivers), "--select", "FZ201", str(docx))
    assert (code, _findings(out)) == (0, [])
    docx.write_bytes(report_docx("补充说明\n" + seed_files()[1].read_text("utf-8")))  # every line moves down
    code, out, _ = run(capsys, "--waivers", str(waivers), "--select", "FZ201", str(docx))
    assert (code, _findings(out)) == (0, [])


def test_a_waiver_that_matches_nothing_is_reported_at_its_line(capsys, folder):
    waivers = _write(
        folder.parent / "waivers.yaml",
        """\
        waivers:
          - code: FZ201
            file: reports/*.txt
            reason: 旧问题
          - code: FZ101
            file: reports/000_*.txt
            reason: 已整改的问题
          - code: FZ101
            file: 其他单位/*.docx
            reason: 本次未检查的文件不算失效
        """,
    )
    code, out, _ = run(capsys, "--waivers", str(waivers), str(folder))
    assert [f for f in _findings(out) if f[2] == "FZ004"] == [(str(waivers), "5", "FZ004", "警告")]
    code, out, _ = run(capsys, "--waivers", str(waivers), "--ignore", "FZ004", str(folder))
    assert "FZ004" not in out


def test_add_waivers_adopts_a_folder_and_only_new_findings_fail(capsys, folder):
    waivers = folder.parent / "baseline.yaml"
    code, out, err = run(capsys, "--add-waivers", str(waivers), str(folder))
    assert code == 0 and out == "" and re.search(r"写入 \d+ 条豁免", err)
    entries = yaml.safe_load(waivers.read_text("utf-8"))["waivers"]
    assert {e["code"] for e in entries} >= {"FZ201", "FZ205", "FZ102"} and all(e["reason"] for e in entries)
    assert all(e["file"].startswith("reports/") for e in entries)
    code, out, _ = run(capsys, "--waivers", str(waivers), "--strict", str(folder))
    assert code == 0 and _findings(out) == [] and "已豁免" in out
    kaifeng = next(folder.glob("000_*.txt"))
    kaifeng.write_text(kaifeng.read_text("utf-8").replace("四、2025 年", "四、2023 年"), "utf-8")  # a new defect
    code, out, _ = run(capsys, "--waivers", str(waivers), str(folder))
    # the edited line is new: its year (FZ201) and its space (FZ502, recorded by the text around it, not
    # by a lone space that would waive every FZ502 of the file); the old line's waiver is stale (FZ004)
    assert code == 1 and [f[2] for f in _findings(out)] == ["FZ004", "FZ201", "FZ502"]
    count = len(entries)
    run(capsys, "--waivers", str(waivers), "--add-waivers", str(waivers), str(folder))  # adds only the new ones
    assert len(yaml.safe_load(waivers.read_text("utf-8"))["waivers"]) == count + 2


def test_the_configuration_names_the_waiver_file(capsys, folder):
    _write(folder.parent / ".fazhi-check.yaml", "waivers: accepted.yaml\n")
    _write(folder.parent / "accepted.yaml", "waivers:\n  - {code: FZ201, file: '*', reason: 已复核}\n")
    code, out, _ = run(capsys, str(folder))
    assert "FZ201" not in out and code == 0


@pytest.mark.parametrize(
    "content, where",
    [
        ("waivers:\n  - {code: FZ201, file: a.txt}\n", "at $.waivers[0]: 'reason' is a required property"),
        ("waivers:\n  - {code: FZ201, file: a.txt, reason: x, expires: 31/03/2025}\n", "$.waivers[0].expires"),
        ("waivers:\n  - {code: X1, file: a.txt, reason: x}\n", "at $.waivers[0].code"),
        ("waiver: []\n", "'waiver' was unexpected"),
        ("waivers: [\n", "not valid YAML"),
    ],
)
def test_a_malformed_waiver_file_fails_loudly(capsys, folder, content, where):
    waivers = _write(folder.parent / "waivers.yaml", content)
    code, out, err = run(capsys, "--lang", "en", "--waivers", str(waivers), str(folder))
    assert code == 2 and out == "" and err.startswith(f"fazhi-check: bad waiver file {waivers}: ") and where in err
    code, out, err = run(capsys, "--waivers", str(waivers), str(folder))
    assert code == 2 and out == "" and err.startswith(f"fazhi-check: 豁免清单有误 {waivers}：")


def test_a_missing_waiver_file_is_a_usage_error(capsys, folder):
    code, _, err = run(capsys, "--waivers", str(folder / "none.yaml"), str(folder))
    assert code == 2 and err == f"fazhi-check: 豁免清单有误 {folder / 'none.yaml'}：$：文件不存在\n"
