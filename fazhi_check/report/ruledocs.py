"""Documentation made from the rule files: the --list-rules table, README's table, one page per rule."""

from __future__ import annotations

from collections.abc import Sequence

import yaml

from ..results import Finding
from ..rulebook import Rule

#: the sections every rule page has, in order (a test checks that none is empty)
SECTIONS = (
    "检查什么 What it finds",
    "为什么 Why it matters",
    "依据 Legal basis",
    "例子 Example",
    "改为 Use instead",
    "选项 Options",
    "修复 Fix",
)


def format_rule_table(rules: Sequence[Rule], lang: str = "zh") -> str:
    """--list-rules: code, name, group, default severity (in ``lang``), summary."""
    from ..messages import say

    rows = [tuple(say(f"rules.{key}", lang) for key in ("code", "name", "group", "severity", "summary"))]
    for r in rules:
        severity = say(f"severity.{r.severity}", lang) + ("" if r.enabled else say("rules.off", lang))
        rows.append((r.code, r.name, r.group, severity, r.summary_en if lang == "en" and r.summary_en else r.summary))
    widths = [max(_width(row[i]) for row in rows) for i in range(4)]
    return "".join(
        "  ".join(c + " " * (w - _width(c)) for c, w in zip(row[:4], widths)) + "  " + row[4] + "\n" for row in rows
    )


def _width(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def format_rule_markdown(rules: Sequence[Rule]) -> str:
    """The rule table of README.md, each code linking to its page."""
    rows = ["| code | name | group | default | summary |", "|---|---|---|---|---|"]
    for r in rules:
        severity = r.severity if r.enabled else f"{r.severity}, off by default"
        rows.append(f"| [{r.code}](docs/rules/{r.code}.md) | {r.name} | {r.group} | {severity} | {r.summary} |")
    return "\n".join(rows) + "\n"


def format_rule_page(rule: Rule, gives: Sequence[Finding]) -> str:
    """A rule's page (Markdown; also what --explain prints): what it finds, why, its legal basis, a
    failing example with the findings it ``gives`` (examples.example_findings), the corrected text,
    options, and its fix."""
    failing, passing = rule.examples["fail"][0], rule.examples["pass"][0]
    state = "on" if rule.enabled else "off by default (turn on with --extend-select " + rule.code + ")"
    body = {
        SECTIONS[0]: f"{rule.summary}\n\n{rule.summary_en}\n\n"
        f"Group `{rule.group}`, default severity `{rule.severity}`, {state}; check kind `{rule.check}`.\n\n"
        f"提示信息 / Message: {rule.message}\n\n{rule.message_en}",
        SECTIONS[1]: rule.rationale,
        SECTIONS[2]: "\n".join(f"- {ref}" for ref in rule.references),
        SECTIONS[3]: _text_block(failing) + "\n\n" + _gives(gives),
        SECTIONS[4]: _text_block(passing),
        SECTIONS[5]: "```yaml\n" + yaml.safe_dump(rule.options, allow_unicode=True, sort_keys=False).strip() + "\n```"
        if rule.options
        else "无 / None.",
        SECTIONS[6]: _fix_note(rule),
    }
    out = [f"# {rule.code} {rule.name}"]
    for heading, text in body.items():
        out += ["", f"## {heading}", "", text.strip()]
    return "\n".join(out) + "\n"


def _fix_note(rule: Rule) -> str:
    if not rule.fixable:
        return "无：需人工修改。 / No: fix it by hand."
    if rule.fix_safety == "unsafe":
        return (
            "有，但不自动应用：修改会改变报告的内容，`--fix` 不应用，请核对后手工修改；`--format json` 输出中可见"
            "（`safe: false`）。 / Shown, never applied: the fix changes what the report says, so `--fix` leaves it."
        )
    return (
        "有：每条提示附带可直接应用的修改（fix），`fazhi-check --fix` 应用，`--diff` 预览。"
        " / Yes: each finding carries a safe fix; `--fix` applies it, `--diff` previews it."
    )


def _text_block(example: dict) -> str:
    notes = [f"Word 文稿（.docx），{example['note']}：" if "format" in example else ""]
    if "year" in example:
        notes.append(f"`--year {example['year']}`")
    if "published" in example:
        notes.append(f"`--published {example['published']}`")
    text = "```text\n" + example["text"].rstrip("\n") + "\n```"
    if "waivers" in example:
        text += "\n\n`--waivers waivers.yaml`:\n\n```yaml\n" + example["waivers"].rstrip("\n") + "\n```"
    notes = [n for n in notes if n]
    return (" ".join(notes) + "\n\n" + text) if notes else text


def _gives(findings: Sequence[Finding]) -> str:
    lines = ["给出 / Gives:", ""]
    for f in findings:
        fix = f" → `{f.fix.replacement}`" if f.fix else ""
        lines.append(f"- `{f.line}:{f.column}` {f.code} {f.message}{fix}")
    return "\n".join(lines)
