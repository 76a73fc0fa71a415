"""Texts written as real ones are, each with what a careful reviewer says of it (tests/corpus/realistic/:
NAME.txt beside NAME.yaml). Compliant reports of every head, title and numbering form must give no
error and be read right; each defective report gives its one defect; the other documents that land
in the same folders give FZ003 and nothing of structure, dates or outline. Nothing here is keyed to a
file: every expectation is the sidecar's."""

import datetime
import re
from pathlib import Path

import pytest
import yaml

import fazhi_check

ROOT = Path(__file__).parent / "corpus" / "realistic"
PACK = fazhi_check.load_rules()


def _cases(folder):
    for path in sorted((ROOT / folder).glob("*.txt")):
        yield pytest.param(path, yaml.safe_load(path.with_suffix(".yaml").read_text("utf-8")), id=path.stem[:24])


def _check(path):
    result = fazhi_check.check_file(path, rules=PACK)  # read as the command line reads it: GB18030, Big5, BOM
    assert result.encoding is not None, result.findings
    return result


def _squash(text):
    return re.sub(r"[\s*]", "", text or "")


@pytest.mark.parametrize("path, expected", list(_cases("reports")))
def test_a_compliant_report_gives_no_error_and_is_read_right(path, expected):
    result = _check(path)
    facts = result.to_dict()
    assert [f"{f.code}:{f.line}" for f in result.findings if f.severity == "error" or f.code == "FZ003"] == []
    assert facts["report_year"] == expected["report_year"]
    assert _squash(facts["title"]) == _squash(expected["title"])
    assert facts["issuer"] == expected["issuer"]
    date = expected["date"]
    assert facts["date"] == (date.isoformat() if isinstance(date, datetime.date) else date)
    assert result.facts.plan_year == expected["plan_year"]
    kinds = {k for s in result.sections for k in (s.kind, *s.also)}
    required = set(PACK.vocabulary.required)
    assert kinds & required == set(expected["parts"]) & required
    assert {k for k, state in result.facts.parts.items() if state == "folded"} == set(expected["folded"])


@pytest.mark.parametrize("path, expected", list(_cases("defective")))
def test_a_defective_report_gives_its_defect(path, expected):
    result = _check(path)
    want = expected["expect"]
    found = [f for f in result.findings if f.code == want["code"]]
    assert found, [f"{f.code}:{f.line}" for f in result.findings]
    assert all(f.line == (want.get("line") or f.line) and f.section == want.get("section", f.section) for f in found)
    others = [f"{f.code}:{f.line}" for f in result.findings if f.severity == "error" and f.code != want["code"]]
    assert others == [] and "FZ003" not in {f.code for f in result.findings}


@pytest.mark.parametrize("path, expected", list(_cases("not_reports")))
def test_another_document_gives_fz003_and_no_structure_date_or_outline_finding(path, expected):
    codes = [f.code for f in _check(path).findings]
    assert codes.count("FZ003") == 1
    assert [c for c in codes if c[2] in "123"] == []
