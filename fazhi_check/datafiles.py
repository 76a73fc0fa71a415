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

    def __init__(self, path: str, json_path: str, message: str) -> None:
        super().__init__(f"{path}: {json_path}: {message}")
        self.path, self.json_path, self.message = path, json_path, message


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
        raise error(path, "$", "no such file") from None
    except OSError as e:
        raise error(path, "$", f"cannot read: {e.strerror or e}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            kind = "a folder" if stat.S_ISDIR(info.st_mode) else "a pipe, device or socket"
            raise error(path, "$", f"not a regular file ({kind})")
        if info.st_size > max_bytes:
            raise error(path, "$", f"too large ({info.st_size} bytes; the limit is {max_bytes})")
        with os.fdopen(fd, "rb", closefd=False) as f:
            data = f.read(max_bytes + 1)
    except OSError as e:
        raise error(path, "$", f"cannot read: {e.strerror or e}") from None
    finally:
        os.close(fd)
    if len(data) > max_bytes:
        raise error(path, "$", f"too large (over {max_bytes} bytes)")
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
        raise error(path, where, f"not valid YAML: {getattr(e, 'problem', e)}") from None


def _refuse_aliases(yaml, text: str, path: str, error: type[DataFileError]) -> None:
    """Raise ``error`` at the first anchor (&a) or alias (*a): the events are read, nothing is built."""
    for event in yaml.parse(text, Loader=loader()):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            mark = event.start_mark
            where = f"line {mark.line + 1}, column {mark.column + 1}"
            raise error(path, where, "YAML anchors and aliases (&name, *name) are not allowed")


def fault(data, schema_name: str) -> tuple[str, str] | None:
    """The most telling fault of ``data`` against the schema: its JSON path and message; None if valid."""
    from jsonschema.exceptions import best_match

    found = best_match(schema(schema_name).iter_errors(data))
    return None if found is None else (found.json_path, found.message)


def validate(data, schema_name: str, path: str, error: type[DataFileError], prefix: str = "") -> None:
    """Raise ``error`` at the most telling fault of ``data`` against the schema, if any."""
    found = fault(data, schema_name)
    if found is not None:
        raise error(path, prefix + found[0], found[1])
