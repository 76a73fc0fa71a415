"""Project configuration: found by walking up from each file, closest wins, `extend` inherits, flags override."""

import re
import textwrap

import pytest
import yaml
from conftest import run, seed_files

NO_DATE = "关于2024年法治政府建设情况的报告\n一、主要举措和成效\n审查规范性文件12件。\n"


def _findings(out):
    return re.findall(r":(\d+):\d+: (FZ\d{3}) \[(\w+)\]", out)


def _write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), "utf-8")
    return path


@pytest.fixture
def project(tmp_path):
    """A reviewer's folder: a draft without a date two folders below the project root."""
    draft = _write(tmp_path / "proj" / "区县" / "甲区" / "draft.txt", NO_DATE)
    return tmp_path / "proj", draft


def test_a_configuration_two_folders_up_changes_a_severity(capsys, project):
    root, draft = project
    code, out, _ = run(capsys, "--select", "FZ205", str(draft))
    assert (code, _findings(out)) == (0, [("1", "FZ205", "警告")])
    _write(root / ".fazhi-check.yaml", "severity:\n  FZ205: error\n")
    code, out, _ = run(capsys, "--select", "FZ205", str(draft))
    assert (code, _findings(out)) == (1, [("1", "FZ205", "错误")])


def test_pyproject_table_is_read_and_a_pyproject_without_it_is_passed_over(capsys, project):
    root, draft = project
    _write(root / "pyproject.toml", '[tool.fazhi-check]\nseverity = { missing-date = "error" }\n')
    _write(root / "区县" / "pyproject.toml", '[project]\nname = "drafts"\n')
    code, out, _ = run(capsys, str(draft))
    assert ("1", "FZ205", "错误") in _findings(out)


@pytest.mark.parametrize(
    "toml",
    [
        '[tool.fazhi-check]\nseverity = { missing-date = "error" }\n',
        '[ tool . "fazhi-check" ]\nseverity = { missing-date = "error" }\n',
        '[tool.fazhi-check.severity]\nmissing-date = "error"\n',
        '[tool]\nfazhi-check = { severity = { missing-date = "error" } }\n',
        'tool = { fazhi-check = { severity = { missing-date = "error" } } }\n',
        '"tool".fazhi-check.severity.missing-date = "error"\n',
    ],
)
def test_every_toml_spelling_of_the_table_is_read(capsys, project, toml):
    root, draft = project
    _write(root / "pyproject.toml", toml + '[project]\nname = "drafts"\n')
    code, out, _ = run(capsys, "--select", "FZ205", str(draft))
    assert (code, _findings(out)) == (1, [("1", "FZ205", "错误")])


def test_a_pyproject_naming_fazhi_check_only_as_a_dependency_or_in_a_comment_is_not_parsed(capsys, project):
    root, draft = project
    toml = '[project]\nname = "drafts"\ndependencies = ["fazhi-check"]  # [tool.fazhi-check]\n[broken\n'
    _write(root / "pyproject.toml", toml)
    code, out, _ = run(capsys, "--select", "FZ205", str(draft))
    assert (code, _findings(out)) == (0, [("1", "FZ205", "警告")])


def test_the_closest_configuration_wins_and_extend_inherits(capsys, project):
    root, draft = project
    _write(root / ".fazhi-check.yaml", "severity:\n  FZ205: error\nignore: [FZ104]\n")
    inner = _write(root / "区县" / ".fazhi-check.yaml", "ignore: [FZ303]\n")
    code, out, _ = run(capsys, str(draft))
    assert ("1", "FZ205", "警告") in _findings(out)  # the closest file alone applies
    _write(inner, "extend: ../.fazhi-check.yaml\nseverity:\n  FZ101: info\n")
    code, out, _ = run(capsys, "--show-config", str(draft))
    shown = yaml.safe_load(out)
    assert shown["severity"] == {"FZ205": "error", "FZ101": "info"} and shown["ignore"] == ["FZ104"]
    assert shown["sources"] == [str(inner), str(root / ".fazhi-check.yaml")]
    code, out, _ = run(capsys, str(draft))
    assert ("1", "FZ205", "错误") in _findings(out) and ("1", "FZ101", "提示") in _findings(out)


def test_options_change_a_rule_threshold_and_fz206_deadline(capsys, tmp_path):
    draft = _write(
        tmp_path / "draft.txt",
        "关于2024年法治政府建设情况的报告\n一、主要举措和成效\n审查规范性文件12件。\n2025年3月15日\n",
    )
    code, out, _ = run(capsys, "--select", "FZ206", str(draft))
    assert _findings(out) == []
    _write(tmp_path / ".fazhi-check.yaml", "options:\n  FZ206: {deadline: '03-01'}\n")
    code, out, _ = run(capsys, "--select", "FZ206", str(draft))
    assert _findings(out) == [("4", "FZ206", "警告")] and "2025年3月1日" in out


def test_section_order_is_configurable(capsys, tmp_path):
    draft = _write(
        tmp_path / "draft.txt",
        "关于2024年法治政府建设情况的报告\n一、主要举措和成效\n二、存在的不足和原因\n三、2025年工作安排\n",
    )
    code, out, _ = run(capsys, "--select", "FZ105", str(draft))
    before = _findings(out)
    _write(tmp_path / ".fazhi-check.yaml", "options:\n  section-order: {order: [plan, shortcomings, measures]}\n")
    code, out, _ = run(capsys, "--select", "FZ105", "--show-info", str(draft))
    assert before == [] and _findings(out) == [("3", "FZ105", "提示"), ("4", "FZ105", "提示")]
    code, out, _ = run(capsys, "--select", "FZ105", str(draft))  # one rule's info findings in a file: one line
    assert _findings(out) == [("3", "FZ105", "提示")] and "（共2处）" in out


def test_require_separate_parts_raises_a_folded_part_to_error(capsys, tmp_path):
    draft = tmp_path / "report.txt"
    draft.write_text(seed_files()[2].read_text("utf-8"), "utf-8")  # folds the leaders' duty into the measures
    code, out, _ = run(capsys, str(draft))
    assert ("11", "FZ106", "警告") in _findings(out)
    _write(tmp_path / "pyproject.toml", "[tool.fazhi-check]\nrequire-separate-parts = true\n")
    code, out, _ = run(capsys, str(draft))
    assert code == 1 and ("11", "FZ106", "错误") in _findings(out)


def test_per_file_ignores_match_globs_relative_to_the_configuration(capsys, project):
    root, draft = project
    other = _write(root / "市直" / "draft.txt", NO_DATE)
    _write(root / ".fazhi-check.yaml", "per-file-ignores:\n  '区县/*': [missing-date]\n")
    code, out, _ = run(capsys, str(root))
    assert f"{other}:1:1: FZ205" in out and f"{draft}:1:1: FZ205" not in out


def test_command_line_flags_override_the_configuration(capsys, project):
    root, draft = project
    _write(root / ".fazhi-check.yaml", "ignore: [FZ2]\nseverity:\n  FZ205: error\n")
    code, out, _ = run(capsys, str(draft))
    assert "FZ205" not in out
    code, out, _ = run(capsys, "--select", "FZ205", str(draft))
    assert _findings(out) == [("1", "FZ205", "错误")]  # --select replaces the selection, not the severity
    code, out, _ = run(capsys, "--isolated", str(draft))
    assert ("1", "FZ205", "警告") in _findings(out)
    other = _write(root.parent / "strict.yaml", "severity:\n  FZ205: info\n")
    code, out, _ = run(capsys, "--config", str(other), str(draft))
    assert ("1", "FZ205", "提示") in _findings(out)


@pytest.mark.parametrize(
    "name, content, where, where_zh",
    [
        (".fazhi-check.yaml", "selct: [FZ2]\n", "'selct' was unexpected", "$：不认识的键：selct（是否指 select？）"),
        (
            ".fazhi-check.yaml",
            "severity:\n  FZ999: error\n",
            "at $.severity.FZ999: no rule 'FZ999'",
            "$.severity.FZ999：没有编号或名称为 FZ999 的规则（见 --list-rules）",
        ),
        (
            ".fazhi-check.yaml",
            "severity:\n  FZ205: fatal\n",
            "at $.severity.FZ205: 'fatal' is not one of",
            '$.severity.FZ205：应为以下之一：error、warning、info，此处是 "fatal"',
        ),
        (
            ".fazhi-check.yaml",
            "options:\n  FZ104: {min_chars: many}\n",
            "at $.options.FZ104.min_chars: 'many'",
            '$.options.FZ104.min_chars：应为整数，此处是 "many"',
        ),
        (
            ".fazhi-check.yaml",
            "options:\n  FZ104: {min_char: 5}\n",
            "at $.options.FZ104: Additional properties",
            "$.options.FZ104：不认识的键：min_char（是否指 min_chars？）",
        ),
        (
            ".fazhi-check.yaml",
            "ignore: [FZ9]\n",
            "at $.ignore: no rule matches 'FZ9'",
            "$.ignore：没有与 FZ9 相符的规则（见 --list-rules）",
        ),
        (
            ".fazhi-check.yaml",
            "per-file-ignores:\n  '*.txt': FZ205\n",
            "at $['per-file-ignores']['*.txt']: 'FZ205'",
            """$['per-file-ignores']['*.txt']：应为列表，此处是 "FZ205\"""",
        ),
        (".fazhi-check.yaml", "ignore: [FZ2\n", "not valid YAML", "第2行第1列：不是有效的 YAML"),
        (".fazhi-check.yaml", "extend: missing.yaml\n", "at $.extend: no such file", "$.extend：要继承的文件不存在："),
        (".fazhi-check.yaml", "extend: .fazhi-check.yaml\n", "at $.extend: extends itself", "$.extend：循环继承自身："),
        (
            "pyproject.toml",
            "[tool.fazhi-check]\nstrict = true\n",
            "at [tool.fazhi-check] $: Additional properties",
            "[tool.fazhi-check] $：不认识的键：strict",
        ),
        ("pyproject.toml", "[tool.fazhi-check\n", "not valid TOML", "$：不是有效的 TOML"),
    ],
)
def test_bad_configuration_fails_loudly_naming_file_and_key(capsys, project, name, content, where, where_zh):
    root, draft = project
    config = _write(root / name, content)
    code, out, err = run(capsys, "--lang", "en", str(draft))
    assert code == 2 and out == ""
    assert err.startswith(f"fazhi-check: bad configuration {config}: ") and where in err, err
    code, out, err = run(capsys, str(draft))
    assert code == 2 and out == ""
    assert err.startswith(f"fazhi-check: 配置文件有误 {config}：{where_zh}"), err


def test_show_config_prints_the_merged_settings_with_the_command_line(capsys, project):
    root, draft = project
    _write(root / ".fazhi-check.yaml", "extend-select: [FZ105]\nwaivers: accepted.yaml\n")
    code, out, _ = run(capsys, "--show-config", "--ignore", "FZ5", str(draft.parent))
    shown = yaml.safe_load(out)
    assert code == 0 and shown["extend-select"] == ["FZ105"] and shown["ignore"] == ["FZ5"]
    assert shown["waivers"] == str(root / "accepted.yaml") and shown["select"] is None
    code, out, _ = run(capsys, "--show-config", "--isolated", str(draft))
    assert yaml.safe_load(out)["sources"] == []
