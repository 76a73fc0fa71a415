"""SARIF 2.1.0, shaped as GitHub code scanning accepts it (OUTPUT.md): one run, the rules that were
run in ``tool.driver.rules``, one result per finding with a physical location and fingerprints.
Written as the files' results arrive (a run holds one file's at a time), indented as ``json.dumps(log,
indent=2)`` indents it, by a small writer whose strings and numbers come from json's C encoder."""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from json.encoder import encode_basestring
from pathlib import Path
from urllib.parse import quote

from ..read import editable
from ..results import Result
from ..rulebook import Rule
from .escape import json_safe, name_bytes

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://fazhi-check.invalid/"  # no public home page yet; .invalid is reserved for that
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def format_sarif(results: Iterable[Result], rules: Sequence[Rule], version: str) -> str:
    return "".join(sarif_pieces(results, rules, version))


_RESULTS = "\0results\0"  # stands for the results list while the rest of the log is written


def sarif_pieces(results: Iterable[Result], rules: Sequence[Rule], version: str) -> Iterator[str]:
    """The SARIF log in pieces, each file's results written as the file arrives: exactly the text of
    ``json.dumps(log, ensure_ascii=False, indent=2)`` plus a line break, lone surrogates escaped."""
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
        "results": [_RESULTS],
    }
    log = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
    head, tail = json_safe(json.dumps(log, ensure_ascii=False, indent=2)).split(json.dumps(_RESULTS))
    indent = head[head.rindex("\n") + 1 :]  # where the results stand
    first = True
    for result in results:
        uri = artifact_uri(result.path)  # once a file: resolving a path is slow
        fixable = editable(result.path)  # a Word file's "line" is a paragraph: no text edit
        for finding, rank in _numbered(result):
            item = json_safe(_indented(_result(finding, rank, index, uri, fixable), indent))
            yield (head if first else ",\n" + indent) + item
            first = False
    if first:  # no results: "results": []
        yield head[: head.rindex("\n")] + "]" + tail.split("]", 1)[1] + "\n"
    else:
        yield tail + "\n"


def _indented(value, indent: str) -> str:
    """``value`` as ``json.dumps(value, ensure_ascii=False, indent=2)`` writes it where a line is
    indented by ``indent`` (its strings by json's C encoder: the indenting one is Python's, and slow)."""
    if isinstance(value, dict):
        if not value:
            return "{}"
        inner = indent + "  "
        items = [f"{inner}{encode_basestring(key)}: {_indented(item, inner)}" for key, item in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + indent + "}"
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        inner = indent + "  "
        return "[\n" + ",\n".join(inner + _indented(item, inner) for item in value) + "\n" + indent + "]"
    if isinstance(value, str):
        return encode_basestring(value)
    if value is None or isinstance(value, bool):
        return "null" if value is None else "true" if value else "false"
    if isinstance(value, int):
        return int.__repr__(value)
    return json.dumps(value)


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


def _result(finding, rank: int, index: dict, uri: str, fixable: bool) -> dict:
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
    if finding.fix is not None and fixable:
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
