"""The project keeps its promises: generated docs are fresh, CI runs the README's command, rules ship in-package."""

import re
import sys
from importlib import resources

import pytest
from conftest import ROOT

import fazhi_check

sys.path.insert(0, str(ROOT / "docs"))
import generate  # noqa: E402

from fazhi_check.report.ruledocs import SECTIONS  # noqa: E402


def test_readme_rule_table_is_fresh():
    readme = (ROOT / "README.md").read_text("utf-8")
    assert generate.rule_block() in readme, "README rule table is stale: run python docs/generate.py"


def test_rule_pages_are_fresh_one_per_rule():
    pages = generate.rule_pages()
    on_disk = {p.name: p.read_text("utf-8") for p in (ROOT / "docs" / "rules").glob("*.md")}
    assert sorted(on_disk) == sorted(pages), "docs/rules/ has a missing or extra page: run python docs/generate.py"
    for name, page in pages.items():
        assert on_disk[name] == page, f"docs/rules/{name} is stale: run python docs/generate.py"


@pytest.mark.parametrize("rule", fazhi_check.load_rules().rules, ids=lambda r: r.code)
def test_rule_page_has_every_section_filled(rule):
    page = generate.rule_pages()[f"{rule.code}.md"]
    parts = re.split(r"^## (.+)$", page, flags=re.M)
    sections = dict(zip(parts[1::2], (p.strip() for p in parts[2::2])))
    assert list(sections) == list(SECTIONS)
    assert all(sections.values()), [k for k, v in sections.items() if not v]
    assert re.search(rf"^- `\d+:\d+` {rule.code} ", sections["例子 Example"], re.M), "the failing example gives nothing"


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
