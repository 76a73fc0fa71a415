"""Rule packs a user can really extend: their own rules in any group, a vocabulary that extends (or with
``replace: true`` replaces) the built-in lists, placeholders checked at load, and ``--test-rules``."""

import json
import textwrap

import pytest
from conftest import ROOT, run
from jsonschema import Draft202012Validator

import fazhi_check
from fazhi_check.checks import PARAMS
from fazhi_check.datafiles import parse_yaml
from fazhi_check.rulebook import RuleFileError, builtin_files, check_placeholders

REPORT = """关于2024年法治政府建设情况的报告
一、推进法治政府建设的主要举措和成效
审查规范性文件12件，办理行政复议案件30件。
二、存在的不足和原因
一是法治宣传不够深入，原因是基层力量不足。
三、党政主要负责人履行推进法治建设第一责任人职责情况
主要负责人带头学法，专题研究法治工作4次。
四、展望未来
继续深化法治政府建设，力争新成效。
"""

RULE = """code: FZ901
name: local-term
group: local-style
severity: warning
summary: 本单位要求写“全面依法治区”
rationale: 本单位文风要求。
references: [本单位公文写作要求]
message: 请改写“{found}”
check: pattern
options:
  patterns: [依法治县]
examples:
  pass:
    - text: |
        推进全面依法治区。
  fail:
    - text: |
        推进全面依法治县。
"""


def _pack(tmp_path, rule=RULE, vocabulary=None, name="pack"):
    folder = tmp_path / name
    folder.mkdir()
    (folder / "FZ901.yaml").write_text(rule, "utf-8")
    if vocabulary is not None:
        (folder / "vocabulary.yaml").write_text(textwrap.dedent(vocabulary), "utf-8")
    return folder


def _kinds(result):
    return [s.kind for s in result.sections]


def test_a_pack_vocabulary_extends_a_kind(tmp_path):
    plain = fazhi_check.check_text(REPORT)
    assert [f.section for f in plain.findings if f.code == "FZ101"] == ["plan"]
    pack = fazhi_check.load_rules([str(_pack(tmp_path, vocabulary="kinds:\n  plan:\n    heading: [展望未来]\n"))])
    extended = fazhi_check.check_text(REPORT, rules=pack)
    assert _kinds(extended) == ["measures", "shortcomings", "leadership", "plan"]
    assert not [f for f in extended.findings if f.code == "FZ101"]
    assert pack.vocabulary.heading_kinds("下一年度工作安排") == ("plan",)  # the built-in words still count


def test_replace_true_replaces_a_kinds_lists(tmp_path):
    words = "kinds:\n  shortcomings:\n    replace: true\n    heading: [短板清单]\n"
    pack = fazhi_check.load_rules([str(_pack(tmp_path, vocabulary=words))])
    assert pack.vocabulary.heading_kinds("存在的不足和原因") == ()
    assert pack.vocabulary.heading_kinds("短板清单") == ("shortcomings",)
    assert fazhi_check.load_rules().vocabulary.heading_kinds("存在的不足和原因") == ("shortcomings",)


def test_a_head_list_is_extended_too(tmp_path):
    pack = fazhi_check.load_rules([str(_pack(tmp_path, vocabulary="organ: [(?:服务站)$]\n"))])
    text = REPORT + "某某街道法律服务站\n2025年1月20日\n"
    assert fazhi_check.check_text(text, rules=pack).to_dict()["issuer"] == "某某街道法律服务站"
    assert fazhi_check.check_text(text).to_dict()["issuer"] is None


def test_a_pack_rule_in_a_group_of_its_own_is_selected_by_its_group(tmp_path, capsys):
    folder = _pack(tmp_path)
    draft = tmp_path / "draft.txt"
    draft.write_text(REPORT.replace("继续深化", "推进全面依法治县，继续深化"), "utf-8")
    code, out, _ = run(capsys, "--isolated", "--rules", str(folder), "--select", "local-style", str(draft))
    assert f"{draft}:9:5: FZ901" in out and "FZ1" not in out and code == 0


@pytest.mark.parametrize(
    "message, at",
    [("请改写“{fuond}”", "$.message"), ("请改写“{found”", "$.message")],
)
def test_a_placeholder_that_names_no_parameter_fails_at_load(tmp_path, capsys, message, at):
    folder = _pack(tmp_path, RULE.replace("请改写“{found}”", message))
    with pytest.raises(RuleFileError) as e:
        fazhi_check.load_rules([str(folder)])
    assert e.value.path.endswith("FZ901.yaml") and e.value.json_path == at
    code, _, err = run(capsys, "--rules", str(folder), "--list-rules")
    assert code == 2 and "FZ901.yaml" in err and at in err


def test_test_rules_says_which_examples_do_not_behave(tmp_path, capsys):
    good = _pack(tmp_path, name="good")
    assert run(capsys, "--test-rules", str(good))[0] == 0
    bad = _pack(tmp_path, RULE.replace("推进全面依法治县。", "推进全面依法治市。"), name="bad")
    code, out, _ = run(capsys, "--test-rules", str(bad))
    assert code == 1 and "bad/FZ901.yaml：FZ901 的第 1 个 fail 示例没有给出 FZ901" in out
    code, out, _ = run(capsys, "--lang", "en", "--test-rules", str(bad))
    assert "fail example 1 gives no FZ901 finding" in out
    wrong_pass = _pack(tmp_path, RULE.replace("推进全面依法治区。", "推进依法治县。"), name="wrong_pass")
    code, out, _ = run(capsys, "--test-rules", str(wrong_pass))
    assert code == 1 and "FZ901 的第 1 个 pass 示例给出了 FZ901（1:3）" in out
    invalid = _pack(tmp_path, RULE.replace("severity: warning", "severity: loud"), name="invalid")
    assert run(capsys, "--test-rules", str(invalid))[0] == 2


def _indented(text):
    return "        " + text.replace("\n", "\n        ").rstrip() + "\n"


def test_a_pack_rule_uses_the_packs_vocabulary_in_its_examples(tmp_path, capsys):
    rule = RULE.replace("check: pattern\noptions:\n  patterns: [依法治县]\n", "check: missing-section\noptions:\n")
    rule = rule.replace("options:\n", "options:\n  kinds: [plan]\n").replace("请改写“{found}”", "缺少{label}")
    rule = rule.replace("        推进全面依法治区。\n", _indented(REPORT))
    rule = rule.replace("        推进全面依法治县。\n", _indented(REPORT.replace("四、展望未来", "四、其他")))
    folder = _pack(tmp_path, rule, vocabulary="kinds:\n  plan:\n    heading: [展望未来]\n")
    code, out, _ = run(capsys, "--test-rules", str(folder))
    assert code == 0, out
    assert run(capsys, "--test-rules", str(_pack(tmp_path, rule, name="no_words")))[0] == 1  # needs its words


# -- the built-in pack, which is not validated at run time ---------------------------------------


def _schema(name):
    return Draft202012Validator(json.loads((ROOT / "fazhi_check" / "schemas" / name).read_text("utf-8")))


@pytest.mark.parametrize("path, data", builtin_files(), ids=[p for p, _ in builtin_files()])
def test_every_builtin_file_fits_its_schema(path, data):
    schema = _schema("vocabulary.schema.json" if "/vocabulary/" in path else "rule.schema.json")
    errors = list(schema.iter_errors(parse_yaml(data.decode("utf-8"), path, RuleFileError)))
    assert not errors, [e.message for e in errors]


def test_every_builtin_message_names_only_its_kinds_parameters(pack):
    for rule in pack:
        check_placeholders(rule)
        assert rule.check in PARAMS


def test_the_builtin_vocabulary_holds_every_list_and_kind(pack):
    vocabulary = pack.vocabulary
    assert set(vocabulary.kinds) == {"leadership", "measures", "shortcomings", "plan", "other"}
    assert all(p.pattern != "(?!)" for p in vocabulary.patterns.values())
    assert vocabulary.required == ("measures", "shortcomings", "leadership", "plan")
