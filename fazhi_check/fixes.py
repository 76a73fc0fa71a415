"""Applying safe fixes to text files: spans replaced from the end, repeated until nothing is left to fix,
written back in the file's own encoding, byte order mark and line ends, atomically."""

from __future__ import annotations

import difflib
import os
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .api import check_bytes, check_file
from .positions import LineIndex
from .read import MAX_BYTES, ReadError, byte_order_mark, read_bytes
from .results import Finding, Result

MAX_ROUNDS = 8  # a fix can uncover another (a joined line then holds a half-width comma); never loop forever


class FixError(Exception):
    """The fixed text cannot be written back (its encoding cannot hold it, the file cannot be replaced)."""


@dataclass(frozen=True)
class Fixed:
    """One file after fixing: its bytes and findings now, what was fixed, the change as a diff, or why
    nothing was written."""

    result: Result
    applied: Counter
    data: bytes = b""
    diff: str = ""
    error: str | None = None


def fix_file(path: str, write: bool, max_bytes: int = MAX_BYTES, **options) -> Fixed:
    """Apply every safe fix to a .txt or .md file (``write``) or only show them as a diff. ``options`` are
    check_bytes's; the result holds what is left to fix by hand."""
    try:
        data = read_bytes(path, max_bytes)
    except ReadError:
        return Fixed(check_file(path, max_bytes=max_bytes, **options), Counter())
    fixed = fix_bytes(data, path, max_bytes, **options)
    if write and fixed.data != data and fixed.error is None:
        try:
            write_back(path, fixed.data)
        except FixError as e:
            return Fixed(fixed.result, Counter(), data, error=str(e))
    return fixed


def fix_bytes(data: bytes, path: str, max_bytes: int = MAX_BYTES, **options) -> Fixed:
    """``data`` (the file at ``path``) with every safe fix applied, until none is left (or MAX_ROUNDS)."""
    first = check_bytes(data, path=path, max_bytes=max_bytes, **options)
    if first.text is None:
        return Fixed(first, Counter(), data)
    assert first.encoding is not None  # bytes are read in one
    options = {**options, "encoding": first.encoding}  # read the fixed bytes as the original was read
    results = {data: first}

    def check(candidate: bytes) -> tuple[str | None, Sequence[Finding]]:
        if candidate not in results:
            results[candidate] = check_bytes(candidate, path=path, max_bytes=max_bytes, **options)
        return results[candidate].text, results[candidate].findings

    try:
        fixed, applied = fix_until_stable(data, check, first.encoding)
    except FixError as e:
        return Fixed(first, Counter(), data, error=str(e))
    check(fixed)
    after = results[fixed].text
    if after is None:  # the fixed bytes cannot be read back (the fixes grew the file past max_bytes): keep it
        reason = results[fixed].findings[0].message if results[fixed].findings else ""
        return Fixed(first, Counter(), data, error=f"修复后的文件无法读回（{reason}）")
    return Fixed(results[fixed], applied, fixed, unified_diff(path, first.text, after))


def apply_fixes(text: str, findings: Sequence[Finding]) -> tuple[str, Counter]:
    """``text`` with every safe fix applied, from the end backwards, skipping a fix that overlaps one
    already applied; and how many fixes of each code were applied."""
    index = LineIndex(text)
    spans = sorted(
        {
            (
                index.starts[f.fix.line - 1] + f.fix.column - 1,
                index.starts[f.fix.end_line - 1] + f.fix.end_column - 1,
                f.fix.replacement,
                f.code,
            )
            for f in findings
            if f.fix is not None and f.fix.safe
        },
        reverse=True,
    )
    applied: Counter = Counter()
    limit = len(text) + 1
    for start, end, replacement, code in spans:
        if end <= limit and text[start:end] != replacement:
            text, limit = text[:start] + replacement + text[end:], start
            applied[code] += 1
    return text, applied


def fix_until_stable(
    data: bytes, check: Callable[[bytes], tuple[str | None, Sequence[Finding]]], encoding: str
) -> tuple[bytes, Counter]:
    """Check, fix and check again until no safe fix is left (or MAX_ROUNDS): the bytes to write and what
    was fixed. ``check`` maps bytes to the text positions count in and the findings."""
    total: Counter = Counter()
    for _ in range(MAX_ROUNDS):
        text, findings = check(data)
        if text is None:
            break
        fixed, applied = apply_fixes(text, findings)
        if not applied:
            break
        data, total = encode_like(data, fixed, encoding), total + applied
    return data, total


def encode_like(original: bytes, text: str, encoding: str) -> bytes:
    """``text`` encoded as ``original`` was: the same codec, and its byte order mark if it had one."""
    bom, codec, _ = byte_order_mark(original)
    codec = codec or encoding
    try:
        data = text.encode(codec)
    except UnicodeEncodeError as e:
        raise FixError(f"修复后的文字无法用 {encoding} 编码：“{e.object[e.start : e.end]}”") from None
    try:
        same = data.decode(codec) == text
    except UnicodeDecodeError:
        same = False
    if not same:  # a codec that does not give back what it was given must not write the file
        raise FixError(f"修复后的文字用 {encoding} 编码后不能原样读回，未修改")
    return bom + data


def write_back(path: str, data: bytes) -> None:
    """Replace the file at ``path`` with ``data`` atomically, keeping its mode, owner and group; a
    read-only file or one with other hard links (a rename would split them) is refused."""
    from .writing import WriteError, write_atomically

    try:
        info = os.stat(path)
    except OSError as e:
        raise FixError(f"无法读取文件属性：{e.strerror or e}") from None
    if not info.st_mode & 0o222:
        raise FixError("文件是只读的，未修改（如需修复请先取消只读）")
    if info.st_nlink > 1:
        raise FixError(f"文件有 {info.st_nlink} 个硬链接，改写会使它们分开，未修改")
    try:
        write_atomically(path, data)
    except WriteError as e:
        raise FixError(e.reason) from None


def unified_diff(path: str, before: str, after: str) -> str:
    """The change as a unified diff (the file before and after, both named ``path``)."""
    lines = difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True), path, path)
    return "".join(line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n" for line in lines)
