"""The project keeps its promises: generated docs are fresh, CI runs the README's command, rules ship in-package."""

import re
import sys
from importlib import resources

import fazhi_check
from conftest import ROOT

sys.path.insert(0, str(ROOT / "docs"))
import update_readme  # noqa: E402


def test_readme_rule_table_is_fresh():
    readme = (ROOT / "README.md").read_text("utf-8")
    assert update_readme.rule_block() in readme, "README rule table is stale: run python docs/update_readme.py"


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text("utf-8")
    blocks = re.findall(r"```sh\n(.*?)\n```", readme, re.S)
    test_command = next(b for b in blocks if "pytest" in b)
    assert test_command in (ROOT / ".ci" / "run").read_text("utf-8")


def test_rules_are_package_resources():
    folder = resources.files("fazhi_check.rules")
    names = {p.name for p in folder.iterdir() if p.name.endswith(".yaml")}
    assert {f"{r.code}.yaml" for r in fazhi_check.load_rules()} == names
    assert folder.joinpath("vocabulary", "sections.yaml").is_file()


def test_every_rule_is_documented_in_both_languages(pack):
    for rule in pack:
        assert rule.summary and rule.rationale and rule.references and rule.message, rule.code
        assert rule.summary_en and rule.message_en, rule.code
        assert re.search(r"[\u4e00-\u9fff]", rule.message_en + rule.summary_en) is None, rule.code


def test_version_is_single_sourced():
    pyproject = (ROOT / "pyproject.toml").read_text("utf-8")
    assert f'version = "{fazhi_check.__version__}"' in pyproject
