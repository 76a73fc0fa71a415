"""The rule pack: rule YAML files and the section vocabulary, validated against packaged JSON Schemas."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path

from .datafiles import DataFileError, fault, package_file, parse_yaml, validate
from .vocabulary import Vocabulary


class RuleFileError(DataFileError):
    """A rule or vocabulary file is malformed; names the file and the JSON path of the fault."""

    label = "bad rule file"


@dataclass(frozen=True)
class Rule:
    """One rule as its YAML file declares it: code, name, severity, message, check kind, options."""

    code: str
    name: str
    group: str
    severity: str
    summary: str
    rationale: str
    references: tuple[str, ...]
    message: str
    check: str
    options: dict = field(hash=False, compare=False)
    examples: dict = field(hash=False, compare=False)
    enabled: bool = True
    fixable: bool = False
    fix_safety: str = "safe"
    summary_en: str = ""
    message_en: str = ""
    source: str = ""

    def to_dict(self) -> dict:
        """Everything but the examples and the source file, as plain data."""
        data = asdict(self)
        del data["examples"], data["source"]
        return {**data, "references": list(self.references)}


@dataclass(frozen=True)
class RulePack:
    """Rules in code order, plus the vocabulary that recognises sections."""

    rules: tuple[Rule, ...]
    vocabulary: Vocabulary = field(hash=False, compare=False)

    def __iter__(self) -> Iterator[Rule]:
        return iter(self.rules)

    def __len__(self) -> int:
        return len(self.rules)

    def to_dict(self) -> dict:
        return {"rules": [r.to_dict() for r in self.rules]}

    def get(self, code: str) -> Rule | None:
        return next((r for r in self.rules if r.code == code.upper() or r.name == code), None)


_SCHEMAS = ("rule.schema.json", "vocabulary.schema.json")


def _load_yaml(path: str, text: str, schema_name: str) -> dict:
    data = parse_yaml(text, path, RuleFileError)
    validate(data, schema_name, path, RuleFileError)
    return data


def _rule(path: str, data: dict) -> Rule:
    return Rule(
        code=data["code"],
        name=data["name"],
        group=data["group"],
        severity=data["severity"],
        summary=data["summary"],
        rationale=data["rationale"].strip(),
        references=tuple(data["references"]),
        message=data["message"],
        check=data["check"],
        options=data.get("options", {}),
        examples=data["examples"],
        enabled=data.get("enabled", True),
        fixable=data.get("fixable", False),
        fix_safety=data.get("fix_safety", "safe"),
        summary_en=data.get("summary_en", ""),
        message_en=data.get("message_en", ""),
        source=path,
    )


def validate_rule(rule: Rule) -> tuple[str, str] | None:
    """Whether ``rule`` (its options changed by a configuration) still fits the rule schema: None, or
    the JSON path and message of the fault."""
    return fault({**rule.to_dict(), "examples": rule.examples}, "rule.schema.json")


def _read_dir(entries, label) -> list[tuple[str, bytes]]:
    """(path, bytes) of each rule file among ``entries``, in name order."""
    files = []
    for entry in sorted(entries, key=lambda e: e.name):
        if entry.name.endswith((".yaml", ".yml")) and entry.is_file():
            path = f"{label}/{entry.name}"
            try:
                files.append((path, entry.read_bytes()))
            except OSError as e:
                raise RuleFileError(path, "$", f"cannot read: {e.strerror or e}") from None
    return files


def _rules(files: list[tuple[str, bytes]]) -> list[Rule]:
    rules = []
    for path, data in files:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            raise RuleFileError(path, "$", "not UTF-8 text") from None
        rules.append(_rule(path, _load_yaml(path, text, "rule.schema.json")))
    return rules


def _merge(builtin: list[Rule], extra: list[Rule]) -> tuple[Rule, ...]:
    seen: dict[str, Rule] = {}
    for rule in builtin + extra:
        for key in (rule.code, rule.name):
            if key in seen:
                raise RuleFileError(
                    rule.source,
                    "$.code" if key == rule.code else "$.name",
                    f"'{key}' is already defined in {seen[key].source}",
                )
            seen[key] = rule
    return tuple(sorted(builtin + extra, key=lambda r: r.code))


@lru_cache(maxsize=1)
def _builtin() -> tuple[list[Rule], Vocabulary]:
    """The built-in rules and vocabulary, validated; cached between runs (see cache.py), so a run
    reads no YAML and imports no JSON Schema validator unless a rule file changed."""
    from . import cache
    from . import rules as packaged

    root = Path(packaged.__file__).parent
    files = _read_dir(root.iterdir(), "rules")
    vocabulary = (root / "vocabulary" / "sections.yaml").read_bytes()
    schemas = [package_file("schemas", name) for name in _SCHEMAS]

    def build() -> tuple[list[Rule], Vocabulary]:
        path = "rules/vocabulary/sections.yaml"
        data = _load_yaml(path, vocabulary.decode("utf-8"), "vocabulary.schema.json")
        return _rules(files), Vocabulary.from_dict(data)

    return cache.cached("rules", [vocabulary, *schemas, *(data for _, data in files)], build)


def load_rules(extra_dirs: tuple[str, ...] | list[str] = ()) -> RulePack:
    """The built-in rule pack, plus rule files from ``extra_dirs``; raises RuleFileError."""
    rules, vocabulary = _builtin()
    extra: list[Rule] = []
    for d in extra_dirs:
        folder = Path(d)
        if not folder.is_dir():
            raise RuleFileError(str(d), "$", "not a folder of rule files")
        extra += _rules(_read_dir(folder.iterdir(), str(folder)))
    return RulePack(_merge(rules, extra), vocabulary)
