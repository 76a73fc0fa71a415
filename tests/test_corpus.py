"""Reports written in the shapes real ones take (tests/corpus/): other agencies, wordings, numbering styles."""

from collections import Counter
from pathlib import Path

import pytest
import yaml

import fazhi_check

CORPUS = sorted((Path(__file__).parent / "corpus").glob("*.txt"))


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.stem)
def test_corpus_report(path):
    expected = yaml.safe_load(path.with_suffix(".expected.yaml").read_text("utf-8"))
    result = fazhi_check.check_file(path)
    found = sorted((f.code, f.line) for f in result.findings if f.severity != "info")
    assert found == sorted((f["code"], f["line"]) for f in expected["findings"]), [f.message for f in result.findings]
    assert Counter(f.code for f in result.findings if f.severity == "info") == Counter(expected["info"])
    assert [s.kind for s in result.sections] == expected["sections"]
    assert result.document.issuer == expected["issuer"]
    assert result.document.date == expected["date"]
    assert (result.report_year, result.document.report_year_source) == (
        expected["report_year"],
        expected["report_year_source"],
    )
