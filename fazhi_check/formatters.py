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
