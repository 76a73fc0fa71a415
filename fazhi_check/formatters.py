"""Turn results into text: the line-per-finding text format, JSON, the rule table and rule pages."""

from __future__ import annotations

import json
from collections import Counter
from typing import Sequence

from .api import Result
from .findings import SEVERITIES
from .rulebook import Rule

SCHEMA_VERSION = 1


def summary(results: Sequence[Result]) -> dict:
    by_severity = Counter(f.severity for r in results for f in r.findings)
    by_code = Counter(f.code for r in results for f in r.findings)
    return {
        "files": len(results),
        **{s: by_severity.get(s, 0) for s in SEVERITIES},
        "by_code": dict(sorted(by_code.items())),
    }


def summary_line(results: Sequence[Result], lang: str = "zh") -> str:
    s = summary(results)
    if lang == "en":
        return f"{s['files']} file(s) checked: {s['error']} error(s), {s['warning']} warning(s), {s['info']} info"
    return f"共检查 {s['files']} 个文件：错误 {s['error']} 条，警告 {s['warning']} 条，提示 {s['info']} 条"


def format_text(results: Sequence[Result], lang: str = "zh", quiet: bool = False) -> str:
    lines = []
    if not quiet:
        for result in results:
            for f in result.findings:
                lines.append(f"{result.path}:{f.line}:{f.column}: {f.code} [{f.severity}] {f.message} ({f.name})")
    lines.append(summary_line(results, lang))
    return "\n".join(lines) + "\n"


def format_json(results: Sequence[Result], version: str) -> str:
    data = {
        "tool": {"name": "fazhi-check", "version": version, "schema_version": SCHEMA_VERSION},
        "files": [r.to_dict() for r in results],
        "summary": summary(results),
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def format_rule_table(rules: Sequence[Rule], lang: str = "zh") -> str:
    rows = [("code", "name", "group", "severity", "summary")]
    for r in rules:
        severity = r.severity if r.enabled else f"{r.severity} (off)"
        rows.append((r.code, r.name, r.group, severity, r.summary_en if lang == "en" and r.summary_en else r.summary))
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    return "".join("  ".join(c.ljust(w) for c, w in zip(row[:4], widths)) + "  " + row[4] + "\n" for row in rows)


def format_rule_markdown(rules: Sequence[Rule]) -> str:
    """The rule table of README.md (generated: docs/update_readme.py writes it, a test checks it)."""
    rows = ["| code | name | group | default | summary |", "|---|---|---|---|---|"]
    for r in rules:
        severity = r.severity if r.enabled else f"{r.severity}, off by default"
        rows.append(f"| {r.code} | {r.name} | {r.group} | {severity} | {r.summary} |")
    return "\n".join(rows) + "\n"


def format_rule_page(rule: Rule) -> str:
    """A rule's page for --explain: summary, rationale, references, message and examples."""
    out = [f"{rule.code} {rule.name} [{rule.severity}, {rule.group}{'' if rule.enabled else ', off by default'}]", ""]
    out += [rule.summary, "", rule.rationale, "", "依据 / References:"]
    out += [f"  - {ref}" for ref in rule.references]
    out += ["", f"提示信息 / Message: {rule.message}", f"可自动修复 / Fixable: {'是 yes' if rule.fixable else '否 no'}"]
    for label, key in (("不触发的例子 / Passing example", "pass"), ("触发的例子 / Failing example", "fail")):
        for example in rule.examples[key]:
            out += ["", f"{label}:"] + [f"    {ln}" for ln in example["text"].rstrip("\n").splitlines()]
    return "\n".join(out) + "\n"
