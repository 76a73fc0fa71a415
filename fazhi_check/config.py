"""Project configuration: ``.fazhi-check.yaml`` or ``[tool.fazhi-check]`` in pyproject.toml, found by
walking up from the checked file (the closest wins; ``extend`` inherits), validated by a JSON Schema."""

from __future__ import annotations

import dataclasses
import fnmatch
import os
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field

from .datafiles import DataFileError, parse_yaml, read_data_file, validate
from .engine import SelectionError, select_rules
from .rulebook import Rule, RulePack, validate_rule

CONFIG_FILES = (".fazhi-check.yaml", ".fazhi-check.yml", "pyproject.toml")  # in one folder, the first wins
TABLE = "tool.fazhi-check"
# where a TOML file can hold that table: a line starting with "tool" (quoted or not) dotted to "fazhi-check",
# or a [tool] table or tool key that may hold it; a pyproject.toml naming us only as its project, a
# dependency or in a comment is not parsed (a run then imports no TOML parser)
_MAY_HOLD_TABLE = re.compile(
    r"""^\s*\[{0,2}\s*["']?tool["']?\s*\.\s*["']?fazhi-check"""  # [tool.fazhi-check], tool."fazhi-check".x =
    r"""|^\s*(?:\[{1,2}\s*["']?tool["']?\s*\]|["']?tool["']?\s*=)""",  # [tool], tool = {…}
    re.M,
)


class ConfigError(DataFileError):
    """A configuration file is malformed; names the file and the JSON path of the fault."""

    label = "bad configuration"


@dataclass(frozen=True)
class Config:
    """The settings that apply to one file: merged along ``extend``, paths made absolute.

    ``sources`` lists the files read, closest first; empty means the defaults."""

    sources: tuple[str, ...] = ()
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: dict = field(default_factory=dict)
    options: dict = field(default_factory=dict)
    per_file_ignores: tuple[tuple[str, str, tuple[str, ...]], ...] = ()  # (folder, glob, codes)
    waivers: str | None = None

    def ignores_for(self, path: str) -> list[str]:
        """Codes that ``per-file-ignores`` leaves out for ``path``: each glob matches the path relative to
        the folder of the file that set it, or the file's name."""
        return [
            code
            for folder, glob, codes in self.per_file_ignores
            if glob_matches(glob, relative_to(path, folder))
            for code in codes
        ]

    def to_dict(self) -> dict:
        """The merged settings as the configuration file spells them (``--show-config``)."""
        return {
            "sources": list(self.sources),
            "select": list(self.select) if self.select is not None else None,
            "extend-select": list(self.extend_select),
            "ignore": list(self.ignore),
            "severity": dict(self.severity),
            "options": dict(self.options),
            "per-file-ignores": {
                os.path.join(folder, glob).replace(os.sep, "/"): list(codes)
                for folder, glob, codes in self.per_file_ignores
            },
            "waivers": self.waivers,
        }


def relative_to(path: str, folder: str) -> str:
    """``path`` relative to ``folder`` (where a glob was written), with forward slashes."""
    return os.path.relpath(os.path.abspath(path), folder).replace(os.sep, "/")


def glob_matches(pattern: str, relative: str) -> bool:
    """A glob against a path relative to the folder the glob was written in, or against its file name."""
    return fnmatch.fnmatchcase(relative, pattern) or fnmatch.fnmatchcase(relative.rsplit("/", 1)[-1], pattern)


def find_config(folder: str) -> str | None:
    """The configuration file closest to ``folder``, walking up to the root; a pyproject.toml counts
    only where it holds a ``[tool.fazhi-check]`` table."""
    folder = os.path.abspath(folder)
    while True:
        for name in CONFIG_FILES:
            candidate = os.path.join(folder, name)
            if os.path.isfile(candidate) and (name != "pyproject.toml" or _read(candidate) is not None):
                return candidate
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def config_for(path: str, pack: RulePack) -> Config:
    """The configuration that applies to a checked file or folder (the working folder for stdin)."""
    found = find_config(_folder(path))
    return load_config(found, pack) if found else Config()


def _folder(path: str) -> str:
    if path == "-" or os.path.isdir(path):
        return os.path.abspath(path if path != "-" else os.curdir)
    return os.path.dirname(os.path.abspath(path))


class Resolver:
    """Each checked file's settings: its configuration (found once per folder), with the command line's
    selection over it. ``--select`` replaces the configuration's select, extend-select and ignore;
    ``--extend-select`` and ``--ignore`` add to them; per-file ignores always apply."""

    def __init__(
        self,
        pack: RulePack,
        config_file: str | None = None,
        isolated: bool = False,
        select: list[str] | None = None,
        extend_select: Sequence[str] = (),
        ignore: Sequence[str] = (),
    ) -> None:
        self.pack, self.config_file, self.isolated = pack, config_file, isolated
        self.select, self.extend_select, self.ignore = select, list(extend_select), list(ignore)
        self._packs: dict[tuple[str, ...], RulePack] = {}
        self._configs: dict[str, Config] = {}  # by folder: a batch reads each configuration once

    def config(self, path: str) -> Config:
        if self.isolated:
            return Config()
        folder = "" if self.config_file else _folder(path)
        if folder not in self._configs:
            self._configs[folder] = (
                load_config(self.config_file, self.pack) if self.config_file else config_for(path, self.pack)
            )
        return self._configs[folder]

    def options(self, path: str) -> dict:
        """check_file's rule options for ``path``: the configured pack and the selection."""
        config = self.config(path)
        if config.sources not in self._packs:
            self._packs[config.sources] = configured(self.pack, config)
        per_file = config.ignores_for(path) if path != "-" else []
        select: list[str] | None
        if self.select is not None:
            select, extend, ignore = self.select, self.extend_select, per_file + self.ignore
        else:
            select = list(config.select) if config.select is not None else None
            extend = [*config.extend_select, *self.extend_select]
            ignore = [*config.ignore, *per_file, *self.ignore]
        return dict(rules=self._packs[config.sources], select=select, extend_select=extend, ignore=ignore)

    def show(self, path: str) -> dict:
        """The merged settings for ``path`` with the command line applied (``--show-config``)."""
        config, options = self.config(path), self.options(path)
        return {
            **config.to_dict(),
            "select": options["select"],
            "extend-select": options["extend_select"],
            "ignore": options["ignore"],
        }


def load_config(path: str, pack: RulePack) -> Config:
    """Read, validate and merge one configuration file and every file it extends."""
    return _load(os.path.abspath(path), pack)


def _load(path: str, pack: RulePack, chain: tuple[str, ...] = ()) -> Config:
    if path in chain:
        chained = " -> ".join((*chain, path))
        raise ConfigError(path, "$.extend", f"extends itself: {chained}", f"循环继承自身：{chained}")
    data = _read(path)
    if data is None:
        raise ConfigError(path, "$", f"no [{TABLE}] table", f"没有 [{TABLE}] 表")
    validate(data, "config.schema.json", path, ConfigError, _prefix(path))
    folder = os.path.dirname(path)
    parent = Config()
    if "extend" in data:
        base = os.path.normpath(os.path.join(folder, os.path.expanduser(data["extend"])))
        if not os.path.isfile(base):
            raise ConfigError(path, "$.extend", f"no such file: {base}", f"要继承的文件不存在：{base}")
        parent = _load(base, pack, (*chain, path))
    own = _settings(path, folder, data, pack)
    merged = {
        **{f.name: getattr(parent, f.name) for f in dataclasses.fields(Config)},
        **{k: v for k, v in own.items() if k not in ("severity", "options", "per_file_ignores")},
    }
    merged["severity"] = {**parent.severity, **own.get("severity", {})}
    merged["options"] = {
        code: {**parent.options.get(code, {}), **own.get("options", {}).get(code, {})}
        for code in {**parent.options, **own.get("options", {})}
    }
    merged["per_file_ignores"] = parent.per_file_ignores + own.get("per_file_ignores", ())
    merged["sources"] = (path, *parent.sources)
    return Config(**merged)


def _read(path: str) -> dict | None:
    """The settings a file holds (None: a pyproject.toml without our table); raises ConfigError."""
    raw = read_data_file(path, ConfigError)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ConfigError(path, "$", "not UTF-8 text", "不是 UTF-8 编码的文字") from None
    if path.endswith(".toml"):
        return _read_toml(path, text)
    data = parse_yaml(text, path, ConfigError)
    return {} if data is None else data


def _read_toml(path: str, text: str) -> dict | None:
    if not _MAY_HOLD_TABLE.search(text):
        return None  # no [tool.fazhi-check] can be in it: not parsed (a run then imports no TOML parser)
    if sys.version_info >= (3, 11):
        import tomllib
    else:
        import tomli as tomllib
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(path, "$", f"not valid TOML: {e}", f"不是有效的 TOML（{e}）") from None
    return data.get("tool", {}).get("fazhi-check")


def _settings(path: str, folder: str, data: dict, pack: RulePack) -> dict:
    """One file's settings checked against the rule pack: every code, selector and option must exist."""
    prefix = _prefix(path)

    def selectors(key: str, values) -> tuple[str, ...]:
        try:
            select_rules(pack, values)
        except SelectionError as e:
            zh = f"没有与 {e.selector} 相符的规则（见 --list-rules）"
            raise ConfigError(path, f"{prefix}$.{key}", str(e), zh) from None
        return tuple(values)

    out: dict = {}
    for key, name in (("select", "select"), ("extend-select", "extend_select"), ("ignore", "ignore")):
        if key in data:
            out[name] = selectors(key, data[key])
    severity = dict(data.get("severity", {}))
    if data.get("require-separate-parts"):
        severity.setdefault("FZ106", "error")
    out["severity"] = {_rule(pack, path, f"{prefix}$.severity", code).code: level for code, level in severity.items()}
    out["options"] = {}
    for code, options in data.get("options", {}).items():
        rule = _rule(pack, path, f"{prefix}$.options", code)
        problem = validate_rule(dataclasses.replace(rule, options={**rule.options, **options}))
        if problem is not None:
            json_path, message = problem
            where = f"{prefix}$.options.{code}{json_path.removeprefix('$.options')}"
            raise ConfigError(path, where, message, getattr(problem, "message_zh", message))
        out["options"][rule.code] = dict(options)
    out["per_file_ignores"] = tuple(
        (folder, glob, selectors(f"per-file-ignores.{glob}", codes))
        for glob, codes in data.get("per-file-ignores", {}).items()
    )
    if "waivers" in data:
        out["waivers"] = os.path.normpath(os.path.join(folder, os.path.expanduser(data["waivers"])))
    return out


def _prefix(path: str) -> str:
    """Where a pyproject.toml's JSON paths start."""
    return f"[{TABLE}] " if path.endswith(".toml") else ""


def _rule(pack: RulePack, path: str, json_path: str, code: str) -> Rule:
    rule = pack.get(code)
    if rule is None:
        raise ConfigError(
            path,
            f"{json_path}.{code}",
            f"no rule '{code}' (see --list-rules)",
            f"没有编号或名称为 {code} 的规则（见 --list-rules）",
        )
    return rule


def configured(pack: RulePack, config: Config) -> RulePack:
    """The pack with the configuration's severities and options applied."""
    if not config.severity and not config.options:
        return pack
    rules = tuple(
        dataclasses.replace(
            rule,
            severity=config.severity.get(rule.code, rule.severity),
            options={**rule.options, **config.options.get(rule.code, {})},
        )
        for rule in pack.rules
    )
    return RulePack(rules, pack.vocabulary)
