"""The mutation run (benchmarks/mutation.py) tests the code it mutates, not the installed package: a mutant
planted by hand in a copy made as the script makes its copies is caught by the suite run as the script runs it.
The package is installed editable, so a copy is imported only because the script puts it first on the path."""

import importlib.util
import subprocess
import sys

from conftest import ROOT

spec = importlib.util.spec_from_file_location("mutation_script", ROOT / "benchmarks" / "mutation.py")
mutation = importlib.util.module_from_spec(spec)
spec.loader.exec_module(mutation)

GENRE = "fazhi_check/checks/genre.py"
ORIGINAL = '    return None if len(named) >= 2 or about or _states_a_report(doc) else "no_subject"\n'
# the case where exactly two parts are named by headings: two is enough for a report
CASE = "tests/test_rule_cases.py::test_rule_case[FZ003::title_cut_but_headings_name_two_parts]"


def _where_imported(copy, env, cwd):
    probe = "import fazhi_check.checks.genre as g; print(g.__file__)"
    return subprocess.run([sys.executable, "-c", probe], env=env, cwd=cwd, capture_output=True, text=True).stdout


def _suite(copy):
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", CASE],
        cwd=copy,
        env=mutation.copy_env(copy),
        capture_output=True,
        text=True,
    )


def test_a_planted_mutant_in_a_copy_is_caught_and_the_copy_alone_is_what_runs(tmp_path):
    copy = mutation.make_copy(tmp_path / "copy")
    # the trap: without the script's environment the editable install still serves the original
    assert str(ROOT / GENRE) in _where_imported(
        copy, {k: v for k, v in mutation.copy_env(copy).items() if k != "PYTHONPATH"}, tmp_path
    )
    assert str(copy / GENRE) in _where_imported(copy, mutation.copy_env(copy), tmp_path)

    assert _suite(copy).returncode == 0, "the unmutated copy passes"
    source = (copy / GENRE).read_text("utf-8")
    assert source.count(ORIGINAL) == 1
    (copy / GENRE).write_text(source.replace(ORIGINAL, ORIGINAL.replace(">= 2", "> 2")), "utf-8")
    caught = _suite(copy)
    assert caught.returncode == 1, caught.stdout
    assert "1 failed" in caught.stdout


def test_the_tests_chosen_for_a_mutant_are_those_that_run_its_statement():
    source = (ROOT / GENRE).read_text("utf-8")
    mutated = source.replace(ORIGINAL, ORIGINAL.replace(">= 2", "> 2"))
    line = source.splitlines().index(ORIGINAL.rstrip("\n")) + 1
    covmap = {"tests": ["t::a", "t::b", "t::c"], "lines": {GENRE: {str(line): [0, 2], str(line - 1): [1]}}}
    assert mutation.changed_lines(source, mutated) == [line]
    assert mutation.tests_for(GENRE, source, mutated, covmap) == ["t::a", "t::c"]
    # a change at import time (a decorator's argument) runs every test
    decorated = source.replace('@check("not-annual-report"', '@check("not-annual-reports"')
    assert decorated != source
    assert mutation.tests_for(GENRE, source, decorated, covmap) is None


def test_the_planted_mutant_stands_on_one_line_that_holds_its_comparison():
    """[tool.cosmic-ray.selection] planted names its line by the source on it: one line, with the operator."""
    planted = mutation.settings()["selection"]["planted"]
    symbol = {"GtE": ">=", "Gt": ">", "LtE": "<=", "Lt": "<", "Eq": "==", "NotEq": "!="}
    operator = planted["operator"].removeprefix("core/ReplaceComparisonOperator_").split("_")[0]
    line = (ROOT / planted["module"]).read_text("utf-8").splitlines()[mutation.planted_line(planted) - 1]
    assert f" {symbol[operator]} " in line, line
