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
                quote = f" «{f.paragraph}»" if f.paragraph else ""
                lines.append(
                    f"{result.path}:{f.line}:{f.column}: {f.code} [{f.severity}] {f.message} ({f.name}){quote}"
                )
    lines.append(summary_line(results, lang))
    return "\n".join(lines) + "\n"


def format_json(results: Sequence[Result], version: str) -> str:
    data = {
        "tool": {"name": "fazhi-check", "version": version, "schema_version": SCHEMA_VERSION},
        "files": [r.to_dict() for r in results],
        "summary": summary(results),
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


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
