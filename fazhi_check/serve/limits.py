"""What an upload may be: how many files, how large, and what a .zip may hold. Uploads are bytes in
memory with a name that is only shown, never used as a path; a .zip is opened in memory with limits of
its own (members, expanded size, ratio, no archive inside) on top of the per-file guards of the readers."""

from __future__ import annotations

import io
import os
import re
import zipfile
from dataclasses import dataclass

from ..read import MAX_BYTES, SUPPORTED_SUFFIXES

MB = 1024 * 1024
ARCHIVE_SUFFIXES = (".zip", ".rar", ".7z", ".tar", ".gz", ".tgz", ".bz2", ".xz", ".zst", ".cab", ".arj", ".lzh")
_SMALL_MEMBER = MB  # a member this small cannot make a bomb whatever its ratio (a page of repeated spaces packs 100x)
_UNSAFE_NAME = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True)
class Limits:
    """The service's bounds; each can be set on the command line."""

    upload: int = 100 * MB  # the whole request body
    files: int = 100  # files checked for one request, members of a .zip included
    file_size: int = MAX_BYTES  # one file, as --max-size: a larger one is checked as FZ001 (too large)
    members: int = 500  # entries in one .zip, folders included
    expanded: int = 200 * MB  # what one .zip holds once unpacked
    ratio: int = 200  # unpacked / packed size of one member (over 1 MB); real reports pack 2-20x


class Refused(Exception):
    """The upload is refused as a whole, with the reason in Chinese and English and an HTTP status."""

    def __init__(self, reason: str, reason_en: str, status: int = 400) -> None:
        super().__init__(reason)
        self.reason, self.reason_en, self.status = reason, reason_en, status


@dataclass(frozen=True)
class Upload:
    """One file to check: the name shown for it, its bytes, which uploaded file it came from (its
    index among the form's files) and, for a .zip, its member's name there."""

    name: str
    data: bytes
    upload: int
    member: str | None = None


def shown_name(filename: str | None, fallback: str = "上传文件.txt") -> str:
    """The last part of an uploaded file's name, without control characters: a label, never a path."""
    name = _UNSAFE_NAME.sub("", re.split(r"[\\/]", filename or "")[-1]).strip()
    return name[:200] or fallback


def unique(names: list[str]) -> list[str]:
    """The names with repeats told apart ("报告.txt", "报告(2).txt"), so each file's entry is its own."""
    seen: set[str] = set()
    out = []
    for name in names:
        candidate, n = name, 1
        stem, suffix = os.path.splitext(name)
        while candidate in seen:
            n += 1
            candidate = f"{stem}({n}){suffix}"
        seen.add(candidate)
        out.append(candidate)
    return out


def size(count: int) -> str:
    """A size as a clerk reads it: 30.0 MB, 29.9 KB."""
    return f"{count / MB:.1f} MB" if count >= MB else f"{count / 1024:.1f} KB"


def too_many(files: int) -> tuple[str, str]:
    return (
        f"文件太多：一次最多检查 {files} 个文件（压缩包内的文件也计算在内），请分几次检查",
        f"too many files: at most {files} per upload, members of a .zip included",
    )


def is_zip(name: str) -> bool:
    return name.lower().endswith(".zip")


def expand(files: list[tuple[str, bytes]], limits: Limits) -> tuple[list[Upload], list[str]]:
    """The files to check (a .zip's supported members in its place, named "archive.zip/folder/name"),
    and the names skipped (members of other kinds). Raises Refused for what breaks a limit."""
    uploads: list[Upload] = []
    skipped: list[str] = []
    for index, (name, data) in enumerate(files):
        if not is_zip(name):
            uploads.append(Upload(name, data, index))
            continue
        members, passed = unzip(name, data, limits)
        uploads += [Upload(f"{name}/{member}", content, index, member) for member, content in members]
        skipped += [f"{name}/{member}" for member in passed]
    if len(uploads) > limits.files:
        raise Refused(*too_many(limits.files), 413)
    names = unique([u.name for u in uploads])
    return [Upload(n, u.data, u.upload, u.member) for n, u in zip(names, uploads)], skipped


def unzip(name: str, data: bytes, limits: Limits) -> tuple[list[tuple[str, bytes]], list[str]]:
    """A .zip's supported members as (member name, bytes), and the members skipped for their kind.
    Hidden entries and folders are left out; every limit breached refuses the whole archive."""

    def refuse(zh: str, en: str, status: int = 400) -> Refused:
        return Refused(f"压缩包 {name} 未打开：{zh}", f"{name} not opened: {en}", status)

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise refuse("不是有效的 zip 压缩包（文件已损坏或其实是其他格式）", "not a valid .zip") from None
    if len(entries) > limits.members:
        count = len(entries)
        raise refuse(f"其中有 {count} 项，超过上限 {limits.members} 项", f"{count} entries, over {limits.members}", 413)
    wanted, passed = [], []
    for entry in entries:
        member = member_name(entry)
        parts = member.split("/")
        if entry.is_dir() or any(p.startswith(".") or p == "__MACOSX" for p in parts) or not parts[-1]:
            continue
        suffix = os.path.splitext(parts[-1])[1].lower()
        if suffix in ARCHIVE_SUFFIXES:
            raise refuse(f"其中又有压缩包（{member}），请解压后直接上传其中的报告", f"an archive inside ({member})")
        if entry.flag_bits & 0x1:
            raise refuse(f"文件已加密（{member}），请上传未加密的压缩包", f"encrypted ({member})")
        if suffix not in SUPPORTED_SUFFIXES:
            passed.append(member)
            continue
        if entry.file_size > _SMALL_MEMBER and entry.file_size > limits.ratio * max(entry.compress_size, 1):
            raise refuse(
                f"{member} 的压缩比异常（{size(entry.file_size)} 压成 {size(entry.compress_size)}），疑似“压缩炸弹”",
                f"{member} packs {entry.file_size} bytes into {entry.compress_size}: a zip bomb",
                413,
            )
        wanted.append((member, entry))
    declared = sum(min(entry.file_size, limits.file_size + 1) for _, entry in wanted)
    if declared > limits.expanded:
        zh = f"解压后共 {size(declared)}，超过上限 {size(limits.expanded)}"
        raise refuse(zh, f"unpacks to over {limits.expanded} bytes", 413)
    out, budget = [], limits.expanded
    for member, entry in wanted:
        # never more than the member's declared size, the per-file limit (one byte over it tells the
        # checker the file is too large) or what is left of the budget: a lying header gains nothing
        wanted_size = min(entry.file_size, limits.file_size + 1)
        try:
            with archive.open(entry) as stream:
                content = stream.read(min(wanted_size, budget) + 1)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError, RuntimeError) as e:
            raise refuse(f"{member} 无法解压（{type(e).__name__}）", f"{member} cannot be unpacked") from None
        if len(content) > budget:
            raise refuse(f"解压后超过上限 {size(limits.expanded)}", f"unpacks to over {limits.expanded} bytes", 413)
        budget -= len(content)
        out.append((member, content[: limits.file_size + 1]))
    return out, passed


def member_name(entry: zipfile.ZipInfo) -> str:
    """A member's name as its maker wrote it, as a label: a zip from Chinese Windows stores GBK names
    without the UTF-8 flag, which zipfile reads as cp437, so those are decoded again (UTF-8 first, then
    GB18030); backslashes become slashes, control characters and leading slashes go."""
    name = entry.filename
    if not entry.flag_bits & 0x800:
        try:
            raw = name.encode("cp437")
        except UnicodeEncodeError:
            raw = b""
        for encoding in ("utf-8", "gb18030"):
            try:
                name = raw.decode(encoding) if raw else name
                break
            except UnicodeDecodeError:
                continue
    return _UNSAFE_NAME.sub("", name.replace("\\", "/")).lstrip("/")
