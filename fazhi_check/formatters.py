"""Turn results into text: the line-per-finding text format and JSON."""

from __future__ import annotations

import json
from collections import Counter
from typing import Sequence

from .api import Result
from .findings import SEVERITIES

SCHEMA_VERSION = 1


def summary(results: Sequence[Result]) -> dict:
    by_severity = Counter(f.severity for r in results for f in r.findings)
    by_code = Counter(f.code for r in results for f in r.findings)
    return {
        "files": sum(1 for r in results if not r.waiver_file),
        **{s: by_severity.get(s, 0) for s in SEVERITIES},
        "by_code": dict(sorted(by_code.items())),
        "waived": sum(len(r.waived) for r in results),
    }


def summary_line(results: Sequence[Result], lang: str = "zh") -> str:
    s = summary(results)
    if lang == "en":
        waived = f" ({s['waived']} waived)" if s["waived"] else ""
        return (
            f"{s['files']} file(s) checked: {s['error']} error(s), {s['warning']} warning(s), {s['info']} info{waived}"
        )
    waived = f"（另有 {s['waived']} 条已豁免）" if s["waived"] else ""
    return f"共检查 {s['files']} 个文件：错误 {s['error']} 条，警告 {s['warning']} 条，提示 {s['info']} 条{waived}"


def format_text(results: Sequence[Result], lang: str = "zh", quiet: bool = False) -> str:
    lines = []
    if not quiet:
        for result in results:
            for f in result.findings:
                quote = f" «{f.paragraph}»" if f.paragraph else ""
                lines.append(
                    f"{result.path}:{f.line}:{f.column}: {f.code} [{f.severity}] {f.message} ({f.name}){quote}"
                )
    lines.append(summary_line(results, lang))
    return "\n".join(lines) + "\n"


def format_json(results: Sequence[Result], version: str) -> str:
    """The JSON report, one file per line: readable, easy to grep, and written by json's C encoder
    (an indented dump goes through its Python one, several times slower)."""
    tool = {"name": "fazhi-check", "version": version, "schema_version": SCHEMA_VERSION}
    files = ",\n    ".join(json.dumps(r.to_dict(), ensure_ascii=False) for r in results)
    files = f"\n    {files}\n  " if files else ""
    totals = json.dumps(summary(results), ensure_ascii=False)
    return f'{{\n  "tool": {json.dumps(tool)},\n  "files": [{files}],\n  "summary": {totals}\n}}\n'


_GITHUB_LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(results: Sequence[Result]) -> str:
    """GitHub Actions workflow commands, one per finding, escaped as GitHub requires."""
    lines = []
    for result in results:
        for f in result.findings:
            props = {
                "file": result.path,
                "line": f.line,
                "col": f.column,
                "endLine": f.end_line,
                "endColumn": f.end_column,
                "title": f"{f.code} {f.name}",
            }
            joined = ",".join(f"{k}={_escape_property(str(v))}" for k, v in props.items())
            lines.append(f"::{_GITHUB_LEVELS[f.severity]} {joined}::{_escape_data(f.message)}")
    return "".join(line + "\n" for line in lines)


def format_statistics(results: Sequence[Result]) -> str:
    """How often each rule fired, most frequent first (like ruff --statistics)."""
    counts = Counter((f.code, f.name, f.severity) for r in results for f in r.findings)
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0][0]))
    width = max((len(str(n)) for _, n in rows), default=1)
    return "".join(f"{n:>{width}}  {code}  {name} [{severity}]\n" for (code, name, severity), n in rows)


def format_outline(results: Sequence[Result], lang: str = "zh") -> str:
    """The outline as fazhi-check understood it: title, issuer, date, report year and where it came
    from, then each level-1 part (numeral, kind and how it was recognised, year, sub-headings) and
    each folded part, so a clerk or rule author can see why a part was or was not recognised."""
    zh = lang == "zh"
    how = {
        "heading": ("标题写明", "named by its heading"),
        "body": ("标题提示、正文确认", "heading hint confirmed by the body"),
        "position": ("按位置推定", "from its position"),
        None: ("未识别", "not recognised"),
    }
    out = []
    for result in results:
        doc = result.document
        out.append(f"== {result.path}")
        if doc is None or not doc.lines:
            out.append("   " + (result.findings[0].message if result.findings else "(empty)"))
            continue
        source = doc.report_year_source or "-"
        fields = (
            ("标题", "title", result.title),
            ("发文机关", "issuer", doc.issuer),
            ("成文日期", "date", doc.date.isoformat() if doc.date else None),
            ("公开日期", "published", doc.published.isoformat() if doc.published else None),
            ("报告年度", "report year", f"{doc.report_year}（{source}）" if doc.report_year else None),
            ("安排年份", "plan year", doc.plan_year.value if doc.plan_year else None),
            ("年度报告", "annual report", ("是" if zh else "yes") if doc.is_annual_report else ("否" if zh else "no")),
        )
        for name_zh, name_en, value in fields:
            out.append(f"   {name_zh if zh else name_en}: {value if value is not None else '-'}")
        for part in doc.parts:
            h = part.heading
            kinds = "+".join(k for k in (part.kind, *part.also) if k) or "-"
            recognised = how[part.kind_source][0 if zh else 1]
            year = f" {part.year.value}" if part.year else ""
            heading = doc.heading_text(h)
            out.append(f"   {h.line.number:>4}  [{h.numeral or '·'}] {kinds} ({recognised}){year}  {heading}")
            for sub in part.subheadings:
                out.append(f"   {sub.line.number:>4}      [{sub.numeral or '·'}] {doc.heading_text(sub)}")
        for fold in doc.folds:
            where = doc.text[fold.start : fold.end]
            out.append(f"   {fold.line:>4}  {'并入' if zh else 'folded'}: {fold.kind} ({fold.via})  {where}")
    return "\n".join(out) + "\n"
