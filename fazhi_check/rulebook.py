"""The rule pack: rule YAML files and the section vocabulary, validated against packaged JSON Schemas."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path

from . import literals
from .datafiles import DataFileError, fault, parse_yaml, validate
from .vocabulary import Vocabulary, merge

TYPE_CHECKING = False  # typing costs a run's start-up 2 ms: its names are for the type checker only
if TYPE_CHECKING:
    from typing import Any


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


_VOCABULARY_FILES = ("sections.yaml", "head.yaml", "genres.yaml")


def _parse(path: str, data: bytes):
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise RuleFileError(path, "$", "not UTF-8 text") from None
    return parse_yaml(text, path, RuleFileError)


def _checked(path: str, data: bytes, schema_name: str) -> dict:
    """A user's rule or vocabulary file, parsed and validated against its schema."""
    parsed = _parse(path, data)
    validate(parsed, schema_name, path, RuleFileError)
    return parsed


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


def check_placeholders(rule: Rule) -> None:
    """Every {placeholder} of the rule's messages must name a parameter its check kind gives (or a
    part's label); raises RuleFileError at the message otherwise."""
    import string

    from .checks import PARAMS, PART_PARAMS

    known = PARAMS.get(rule.check, frozenset()) | PART_PARAMS
    for key, template in (("message", rule.message), ("message_en", rule.message_en)):
        try:
            names = {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}
        except ValueError as e:
            raise RuleFileError(rule.source, f"$.{key}", f"not a valid message template: {e}") from None
        unknown = sorted(names - known)
        if unknown:
            gives = ", ".join(sorted(known))
            raise RuleFileError(
                rule.source,
                f"$.{key}",
                f"placeholder {{{unknown[0]}}} names no parameter of check kind '{rule.check}' (it gives: {gives})",
            )


def validate_rule(rule: Rule) -> tuple[str, str] | None:
    """Whether ``rule`` (its options changed by a configuration) still fits the rule schema: None, or
    the JSON path and message of the fault."""
    return fault({**rule.to_dict(), "examples": rule.examples}, "rule.schema.json")


def _read_dir(folder: Path | str, label: str) -> list[tuple[str, bytes]]:
    """(path, bytes) of each YAML file in ``folder``, in name order (os.scandir: every run reads the
    built-in rules to know its cache entry, and pathlib costs it a millisecond)."""
    files = []
    with os.scandir(folder) as entries:
        found = sorted((e for e in entries if e.name.endswith((".yaml", ".yml")) and e.is_file()), key=lambda e: e.name)
    for entry in found:
        path = f"{label}/{entry.name}"
        try:
            with open(entry.path, "rb") as f:
                files.append((path, f.read()))
        except OSError as e:
            raise RuleFileError(path, "$", f"cannot read: {e.strerror or e}") from None
    return files


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


def builtin_files() -> list[tuple[str, bytes]]:
    """(path, bytes) of every built-in rule file, then the vocabulary files (tests validate them all)."""
    from . import rules as packaged  # type: ignore[attr-defined]  # rules/, mapped in by setuptools' package-dir

    root = os.path.dirname(packaged.__file__)
    vocabulary = []
    for name in _VOCABULARY_FILES:
        with open(os.path.join(root, "vocabulary", name), "rb") as f:
            vocabulary.append((f"rules/vocabulary/{name}", f.read()))
    return _read_dir(root, "rules") + vocabulary


@lru_cache(maxsize=1)
def _builtin() -> tuple[RulePack, dict]:
    """The built-in pack and its vocabulary's data: from the per-user cache (JSON) when an earlier run
    stored it for the same files, else parsed from the YAML. The built-in pack is not validated at run
    time: the tests validate it against the schemas, as they do every change to it."""
    from . import cache

    files = _builtin_files()
    sources = [data for _, data in files]
    literals.learn(cache.load("literals", _literal_sources()))
    stored = cache.load("rules", sources)
    if stored is not None:
        try:
            return _pack(stored), stored["vocabulary"]
        except (KeyError, TypeError, ValueError, AttributeError, IndexError, re.error):
            pass  # not what this version stores: build it again
    data: dict[str, Any] = {
        "rules": [(path, _parse(path, raw)) for path, raw in files if "/vocabulary/" not in path],
        "vocabulary": {},
    }
    for path, raw in files:
        if "/vocabulary/" in path:
            data["vocabulary"].update(_parse(path, raw))
    cache.store("rules", sources, data)
    return _pack(data), data["vocabulary"]


@lru_cache(maxsize=1)
def _builtin_files() -> tuple[tuple[str, bytes], ...]:
    return tuple(builtin_files())


def keep_literals() -> None:
    """Keep what this run read of its patterns' literals for the next (the per-user cache, with the
    built-in rules'), so that a run of one file parses no pattern an earlier run has read."""
    entries = literals.unsaved()
    if entries is not None:
        from . import cache

        cache.store("literals", _literal_sources(), entries)


def _literal_sources() -> list[bytes]:
    """What the kept literals come from: the built-in rules, and the code that reads them (an edit of
    either reads them anew)."""
    with open(literals.__file__, "rb") as f:
        return [*(data for _, data in _builtin_files()), f.read()]


def _pack(data: dict) -> RulePack:
    rules = tuple(_rule(path, rule) for path, rule in data["rules"])
    return RulePack(rules, Vocabulary.from_dict(data["vocabulary"]))


def load_rules(extra_dirs: tuple[str, ...] | list[str] = ()) -> RulePack:
    """The built-in rule pack, plus each folder of ``extra_dirs``: its rule files, and its vocabulary
    (``vocabulary.yaml``, or the files of a ``vocabulary/`` folder), which extends the built-in one.
    A user's files are validated: a fault raises RuleFileError naming the file and the JSON path."""
    builtin, builtin_words = _builtin()
    if not extra_dirs:
        return builtin
    extra: list[Rule] = []
    vocabulary = None
    for d in extra_dirs:
        folder = Path(d)
        if not folder.is_dir():
            raise RuleFileError(str(d), "$", "not a folder of rule files")
        words = [(p, b) for p, b in _read_dir(folder, str(folder)) if Path(p).stem == "vocabulary"]
        if (folder / "vocabulary").is_dir():
            words += _read_dir(folder / "vocabulary", str(folder / "vocabulary"))
        for path, data in _read_dir(folder, str(folder)):
            if Path(path).stem != "vocabulary":
                rule = _rule(path, _checked(path, data, "rule.schema.json"))
                check_placeholders(rule)
                extra.append(rule)
        for path, data in words:
            vocabulary = merge(vocabulary or builtin_words, _checked(path, data, "vocabulary.schema.json"))
    words_now = Vocabulary.from_dict(vocabulary) if vocabulary is not None else builtin.vocabulary
    return RulePack(_merge(list(builtin.rules), extra), words_now)
