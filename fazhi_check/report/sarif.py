"""SARIF 2.1.0, shaped as GitHub code scanning accepts it (OUTPUT.md): one run, the rules that were
run in ``tool.driver.rules``, one result per finding with a physical location and fingerprints."""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import quote

from ..read import editable
from ..results import Result
from ..rulebook import Rule
from .escape import json_safe, name_bytes

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://fazhi-check.invalid/"  # no public home page yet; .invalid is reserved for that
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def format_sarif(results: Sequence[Result], rules: Sequence[Rule], version: str) -> str:
    index = {rule.code: i for i, rule in enumerate(rules)}
    run = {
        "tool": {
            "driver": {
                "name": "fazhi-check",
                "version": version,
                "semanticVersion": version,
                "informationUri": INFORMATION_URI,
                "rules": [_rule(rule) for rule in rules],
            }
        },
        "columnKind": "unicodeCodePoints",
        "results": [_result(r, f, n, index) for r in results for f, n in _numbered(r)],
    }
    log = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
    return json_safe(json.dumps(log, ensure_ascii=False, indent=2)) + "\n"


def _rule(rule: Rule) -> dict:
    references = "\n".join(f"- {ref}" for ref in rule.references)
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.rationale},
        "help": {
            "text": f"{rule.summary}\n\n{rule.rationale}\n\n依据 / References:\n{references}",
            "markdown": f"**{rule.summary}**\n\n{rule.rationale}\n\n依据 / References:\n\n{references}",
        },
        "defaultConfiguration": {"level": LEVELS[rule.severity], "enabled": rule.enabled},
        "properties": {"tags": [rule.group], "summary_en": rule.summary_en},
    }


def _numbered(result: Result):
    """Each finding with its rank among the file's findings of the same code and evidence, so that a
    fingerprint survives lines being added above it."""
    seen: Counter = Counter()
    for finding in result.findings:
        key = (finding.code, finding.evidence)
        yield finding, seen[key]
        seen[key] += 1


def _result(result: Result, finding, rank: int, index: dict) -> dict:
    uri = artifact_uri(result.path)
    key = f"{finding.code}\0{uri}\0{finding.evidence or ''}\0{rank}"
    fingerprint = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()
    out = {
        "ruleId": finding.code,
        "level": LEVELS[finding.severity],
        "message": {"text": finding.message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": uri},
                    "region": {
                        "startLine": finding.line,
                        "startColumn": finding.column,
                        "endLine": finding.end_line,
                        "endColumn": finding.end_column,
                    },
                }
            }
        ],
        "partialFingerprints": {"fazhiCheck/v1": fingerprint},
    }
    if finding.code in index:
        out["ruleIndex"] = index[finding.code]
    if finding.fix is not None and editable(result.path):  # a Word file's "line" is a paragraph: no text edit
        fix = finding.fix
        region = {
            "startLine": fix.line,
            "startColumn": fix.column,
            "endLine": fix.end_line,
            "endColumn": fix.end_column,
        }
        change = {"deletedRegion": region, "insertedContent": {"text": fix.replacement}}
        out["fixes"] = [{"artifactChanges": [{"artifactLocation": {"uri": uri}, "replacements": [change]}]}]
    return out


def artifact_uri(path: str) -> str:
    """The path relative to the working directory, as a percent-encoded URI reference ("-" stays
    "stdin"); a file outside the working directory gets an absolute file: URI. Every byte of the name
    is kept: one that is no UTF-8 is percent-encoded as itself."""
    if path == "-":
        return "stdin"
    absolute = Path(path).resolve()
    try:
        relative = absolute.relative_to(Path(os.getcwd()).resolve())
    except ValueError:
        return "file://" + quote(name_bytes(absolute.as_posix()))
    return quote(name_bytes(relative.as_posix()))
