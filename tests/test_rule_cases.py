"""Rule cases as data: tests/rule_cases/FZxxx.yaml and each rule's own examples, one rule enabled at a time."""

import json
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator
from layout_fixtures import gbt_docx

import fazhi_check
from fazhi_check.examples import findings_of

CASES = Path(__file__).parent / "rule_cases"
CASE_SCHEMA = Draft202012Validator(json.loads((CASES / "case.schema.json").read_text("utf-8")))
RULES = fazhi_check.load_rules()


def _load_cases():
    for path in sorted(CASES.glob("*.yaml")):
        data = yaml.safe_load(path.read_text("utf-8"))
        CASE_SCHEMA.validate(data)
        for name, case in data["cases"].items():
            yield pytest.param(data["rule"], case, id=f"{data['rule']}::{name}")


def _load_examples():
    for rule in RULES:
        for key in ("pass", "fail"):
            for i, example in enumerate(rule.examples[key]):
                config = {k: example[k] for k in ("year", "published") if k in example}
                case = {f"{key}_str": example["text"], "config": config}
                if "waivers" in example:
                    case["waivers"] = example["waivers"]
                if "format" in example:
                    case["format"] = example["format"]
                yield pytest.param(rule.code, case, id=f"{rule.code}::example_{key}_{i}")


def _run(code, case):
    key = next(k for k in ("pass_str", "fail_str", "pass_hex", "fail_hex") if k in case)
    raw = case[key]
    data = bytes.fromhex(raw) if key.endswith("_hex") else raw.encode(case.get("encoding", "utf-8"))
    path = "case.txt"
    if "format" in case:  # a layout case: the text as a Word draft laid out so
        data, path = gbt_docx(raw.rstrip("\n"), via=case.get("via", "styles"), **case["format"]), "case.docx"
    config = case.get("config", {})
    found = findings_of(RULES.get(code), "", RULES, data=data, path=path, waivers=case.get("waivers"), **config)
    return key.startswith("pass"), found


@pytest.mark.parametrize("code, case", list(_load_cases()))
def test_rule_case(code, case):
    passing, found = _run(code, case)
    if passing:
        assert found == [], [f.to_dict() for f in found]
        return
    assert found, f"{code} did not fire"
    if "violations" in case:
        assert len(found) == len(case["violations"]), [f.to_dict() for f in found]
        for finding, expected in zip(found, case["violations"]):
            actual = finding.to_dict()
            for key, value in expected.items():
                assert actual[key] == value, (key, actual)


@pytest.mark.parametrize("code, case", list(_load_examples()))
def test_rule_example(code, case):
    passing, found = _run(code, case)
    assert (found == []) == passing, [f.to_dict() for f in found]


def test_every_rule_has_a_case_file():
    assert {r.code for r in RULES} == {p.stem for p in CASES.glob("FZ*.yaml")}
