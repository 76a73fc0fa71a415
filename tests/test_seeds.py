"""The real reports in seeds/ give exactly the findings written down beside them, in every encoding."""

import re
from collections import Counter

import pytest
import yaml
from conftest import seed_files

import fazhi_check


def _expected(path):
    return yaml.safe_load(path.with_suffix(".expected.yaml").read_text("utf-8"))


def _errors_and_warnings(result):
    return sorted((f.code, f.line) for f in result.findings if f.severity != "info")


@pytest.mark.parametrize("path", seed_files(), ids=lambda p: p.name[:3])
def test_seed_findings(path):
    expected = _expected(path)
    result = fazhi_check.check_file(path)
    assert _errors_and_warnings(result) == sorted((f["code"], f["line"]) for f in expected["findings"])
    assert Counter(f.code for f in result.findings if f.severity == "info") == Counter(expected["info"])
    assert [s.kind for s in result.sections] == expected["sections"]
    assert result.document.issuer == expected["issuer"]
    assert result.document.date == expected["date"]
    assert result.report_year == expected["report_year"]
    assert result.document.report_year_source == expected["report_year_source"]


@pytest.mark.parametrize("path", seed_files(), ids=lambda p: p.name[:3])
@pytest.mark.parametrize("encoding", ["gb18030", "utf-8-sig"])
def test_encodings_give_identical_findings(path, encoding, tmp_path):
    original = fazhi_check.check_file(path)
    copy = tmp_path / path.name
    copy.write_bytes(path.read_text("utf-8").encode(encoding))
    result = fazhi_check.check_file(copy)
    assert result.encoding == encoding.replace("-sig", "")
    assert [f.to_dict() for f in result.findings] == [f.to_dict() for f in original.findings]


@pytest.mark.parametrize("path", seed_files(), ids=lambda p: p.name[:3])
@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_line_endings_give_identical_findings(path, newline):
    text = path.read_text("utf-8")
    original = fazhi_check.check_text(text)
    result = fazhi_check.check_text(text.replace("\n", newline))
    assert [_one_newline(f) for f in result.findings] == [f.to_dict() for f in original.findings]


def _one_newline(finding):
    """The finding as a dict, its evidence's line breaks as LF (FZ503's evidence spans one)."""
    data = finding.to_dict()
    data["evidence"] = re.sub(r"\r\n|\r", "\n", data["evidence"]) if data["evidence"] else data["evidence"]
    return data


def test_seed_001_plan_year_finding_matches_the_contract():
    path = next(p for p in seed_files() if p.name.startswith("001"))
    finding = next(f for f in fazhi_check.check_file(path).findings if f.code == "FZ201")
    assert finding.to_dict() == {
        "code": "FZ201",
        "name": "plan-year",
        "severity": "error",
        "message": "下一年度安排的年份应为2025年，此处写作2024年",
        "line": 36,
        "column": 3,
        "end_line": 36,
        "end_column": 8,
        "section": "plan",
        "evidence": "2024年",
        "references": [
            "《法治政府建设与责任落实督察工作规定》（厅字〔2019〕28号）：年度报告应包括下一年度推进法治政府建设的主要安排"
        ],
        "fix": {"line": 36, "column": 3, "end_line": 36, "end_column": 8, "replacement": "2025年", "safe": False},
        "paragraph": None,
        "page": None,
        "context": "四、2024年推进法治政府建设的工",
    }
