"""The project's own data files (rules, vocabulary, configuration, waivers): YAML read and checked against a
packaged JSON Schema, every fault raised as one error naming the file and the JSON path."""

from __future__ import annotations

import json
import os
import stat
from functools import cache

MAX_DATA_BYTES = 4 * 1024 * 1024  # a configuration, waiver or rule file larger than this is refused


def package_file(*parts: str) -> bytes:
    """A file shipped in the package (schemas, the grammar), read from beside this module."""
    with open(os.path.join(os.path.dirname(__file__), *parts), "rb") as f:
        return f.read()


def loader():
    """The YAML loader: libyaml's when present (5-10x faster)."""
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class DataFileError(Exception):
    """A data file is malformed: its path, the JSON path of the fault, and what is wrong."""

    label = "bad file"  # how the command line introduces the fault

    def __init__(self, path: str, json_path: str, message: str, message_zh: str | None = None) -> None:
        super().__init__(f"{path}: {json_path}: {message}")
        self.path, self.json_path, self.message = path, json_path, message
        self.message_zh = message_zh or message  # what the command line shows a Chinese user


@cache
def schema(name: str):
    """The packaged JSON Schema ``schemas/NAME`` as a validator, built once."""
    from jsonschema import Draft202012Validator

    data = json.loads(package_file("schemas", name))
    return Draft202012Validator(data, format_checker=Draft202012Validator.FORMAT_CHECKER)


def read_data_file(path: str, error: type[DataFileError], max_bytes: int = MAX_DATA_BYTES) -> bytes:
    """A data file's bytes: only a regular file (a pipe, a device such as /dev/zero or a folder is
    refused without waiting on it) of at most ``max_bytes``."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))  # a FIFO opens at once, then is refused
    except FileNotFoundError:
        raise error(path, "$", "no such file", "文件不存在") from None
    except OSError as e:
        raise error(path, "$", f"cannot read: {e.strerror or e}", f"无法读取：{e.strerror or e}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            folder = stat.S_ISDIR(info.st_mode)
            kind = ("a folder", "文件夹") if folder else ("a pipe, device or socket", "管道、设备或套接字")
            raise error(path, "$", f"not a regular file ({kind[0]})", f"不是普通文件（{kind[1]}），未读取")
        if info.st_size > max_bytes:
            raise error(
                path,
                "$",
                f"too large ({info.st_size} bytes; the limit is {max_bytes})",
                f"文件过大（{info.st_size} 字节，上限 {max_bytes} 字节）",
            )
        with os.fdopen(fd, "rb", closefd=False) as f:
            data = f.read(max_bytes + 1)
    except OSError as e:
        raise error(path, "$", f"cannot read: {e.strerror or e}", f"无法读取：{e.strerror or e}") from None
    finally:
        os.close(fd)
    if len(data) > max_bytes:
        raise error(path, "$", f"too large (over {max_bytes} bytes)", f"文件过大（超过 {max_bytes} 字节）")
    return data


def parse_yaml(text: str, path: str, error: type[DataFileError]):
    """YAML text as data; a syntax error names its line and column. Anchors and aliases are refused
    before anything is built: nested aliases expand exponentially (a "billion laughs" file), and no
    file of ours needs them."""
    import yaml  # imported when first needed: a run on cached rules reads no YAML

    try:
        _refuse_aliases(yaml, text, path, error)
        return yaml.load(text, Loader=loader())
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "$"
        problem = getattr(e, "problem", e)
        raise error(path, where, f"not valid YAML: {problem}", f"不是有效的 YAML（{problem}）") from None


def _refuse_aliases(yaml, text: str, path: str, error: type[DataFileError]) -> None:
    """Raise ``error`` at the first anchor (&a) or alias (*a): the events are read, nothing is built."""
    for event in yaml.parse(text, Loader=loader()):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            mark = event.start_mark
            where = f"line {mark.line + 1}, column {mark.column + 1}"
            raise error(
                path,
                where,
                "YAML anchors and aliases (&name, *name) are not allowed",
                "不允许使用 YAML 锚点和别名（&名称、*名称）",
            )


class Fault(tuple):
    """(JSON path, message) of a schema fault, and ``message_zh``, the same in Chinese."""

    message_zh: str

    def __new__(cls, json_path: str, message: str, message_zh: str):
        fault = super().__new__(cls, (json_path, message))
        fault.message_zh = message_zh
        return fault


def fault(data, schema_name: str) -> Fault | None:
    """The most telling fault of ``data`` against the schema: its JSON path and message; None if valid."""
    from jsonschema.exceptions import best_match

    found = best_match(schema(schema_name).iter_errors(data))
    return None if found is None else Fault(found.json_path, found.message, _in_chinese(found))


_TYPES = {"object": "键值映射", "array": "列表", "string": "文字", "integer": "整数", "number": "数字",
          "boolean": "true 或 false", "null": "空值"}  # fmt: skip


def _in_chinese(error) -> str:
    """A jsonschema error told in Chinese, from its kind and values (not its English wording)."""
    kind, value, instance = error.validator, error.validator_value, error.instance
    shown = json.dumps(instance, ensure_ascii=False, default=str)
    if kind == "additionalProperties" and isinstance(instance, dict):
        known = list(error.schema.get("properties", {}))
        extra = [str(k) for k in instance if k not in known]
        return "不认识的键：" + "、".join(extra) + did_you_mean(extra[0] if extra else "", known)
    if kind == "required" and isinstance(instance, dict):
        return "缺少必填的键：" + "、".join(k for k in value if k not in instance)
    if kind == "type":
        wanted = "或".join(str(_TYPES.get(t, t)) for t in (value if isinstance(value, list) else [value]))
        return f"应为{wanted}，此处是 {shown}"
    if kind == "enum":
        return f"应为以下之一：{'、'.join(map(str, value))}，此处是 {shown}"
    if kind == "pattern":
        return f"{shown} 不符合规定的写法（{value}）"
    if kind in ("minLength", "minItems"):
        return "不能为空"
    if kind == "format" and value == "regex":
        return f"不是有效的正则表达式：{shown}"
    if kind in ("minimum", "exclusiveMinimum"):
        return f"应不小于 {value}，此处是 {shown}"
    if kind in ("maximum", "exclusiveMaximum"):
        return f"应不大于 {value}，此处是 {shown}"
    if kind == "const":
        return f"应为 {json.dumps(value, ensure_ascii=False)}"
    return f"不符合规定（{error.message}）"


def did_you_mean(given: str, known: list[str]) -> str:
    """The hint "（是否指 X？）" for the known name closest to a misspelt one, else nothing."""
    import difflib

    close = difflib.get_close_matches(given, known, n=1, cutoff=0.6)
    return f"（是否指 {close[0]}？）" if close else ""


def validate(data, schema_name: str, path: str, error: type[DataFileError], prefix: str = "") -> None:
    """Raise ``error`` at the most telling fault of ``data`` against the schema, if any."""
    found = fault(data, schema_name)
    if found is not None:
        raise error(path, prefix + found[0], found[1], found.message_zh)
