"""Writing a file atomically: the bytes go to a file no one sees (an unnamed O_TMPFILE where the system
has it, else a hidden temporary file), are flushed to disk, and replace the target in one rename. A
reader sees the old file or the new one, never half of it; an interrupted run leaves the old one and,
with O_TMPFILE, nothing behind even when it is killed. The target keeps its mode, owner and group."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Iterator

TYPE_CHECKING = False  # typing costs a run's start-up 2 ms: its names are for the type checker only
if TYPE_CHECKING:
    from typing import BinaryIO


class WriteError(Exception):
    """The file cannot be written: the reason in Chinese (the message) and in English."""

    def __init__(self, reason: str, reason_en: str) -> None:
        super().__init__(reason)
        self.reason, self.reason_en = reason, reason_en


_WHY = {
    errno.ENOENT: "文件夹 {folder} 不存在",
    errno.ENOTDIR: "{folder} 不是文件夹",
    errno.EACCES: "没有在 {folder} 写入的权限",
    errno.EPERM: "没有在 {folder} 写入的权限",
    errno.EROFS: "{folder} 所在的磁盘是只读的",
    errno.ENOSPC: "磁盘空间不足",
    errno.EDQUOT: "磁盘配额已用完",
    errno.EISDIR: "这是一个文件夹",
}


def _why(e: OSError, folder: str = "") -> str:
    """Why the system refused, in words a clerk reads (the system's own words for a rare case)."""
    return _WHY[e.errno].format(folder=folder or "该位置") if e.errno in _WHY else (e.strerror or str(e))


def _unnamed(folder: str) -> int | None:
    """A file in ``folder`` with no name yet (Linux O_TMPFILE), or None where it is not supported."""
    flag = getattr(os, "O_TMPFILE", None)
    if flag is None or not os.path.exists("/proc/self/fd"):
        return None
    try:
        return os.open(folder, flag | os.O_WRONLY, 0o600)
    except OSError:
        return None


@contextlib.contextmanager
def replacing(path: str) -> Iterator[BinaryIO]:
    """A binary file to write; when the block ends normally it replaces ``path`` (a symbolic link stays a
    link: the file it points to is replaced). On any exception, ``path`` is left as it was."""
    path = os.path.realpath(path)
    folder = os.path.dirname(path)
    try:
        before = os.stat(path)
    except FileNotFoundError:
        before = None
    except OSError as e:
        raise WriteError(f"无法读取 {path} 的属性：{_why(e)}", f"cannot stat {path}: {e.strerror or e}") from None
    if before is not None and not stat.S_ISREG(before.st_mode):  # a terminal, a pipe, /dev/null: write through
        with open(path, "wb") as f:
            yield f
        return
    fd = _unnamed(folder)
    named = None
    try:
        if fd is None:
            fd, named = tempfile.mkstemp(prefix=".fazhi-check-", suffix=".tmp", dir=folder)
    except OSError as e:
        why = _why(e, folder)
        raise WriteError(f"无法写入 {path}：{why}", f"cannot write in {folder}: {e.strerror or e}") from None
    try:
        with os.fdopen(fd, "wb") as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
            _keep_metadata(f.fileno(), before)
            if named is None:  # give the unnamed file a name for the moment of the rename
                named = os.path.join(folder, f".fazhi-check-{os.getpid()}-{id(f):x}.tmp")
                _link(f.fileno(), folder, os.path.basename(named))
        os.replace(named, path)
        named = None
    except OSError as e:
        raise WriteError(f"无法写入 {path}：{_why(e, folder)}", f"cannot write {path}: {e.strerror or e}") from None
    finally:
        if named is not None:
            with contextlib.suppress(OSError):
                os.unlink(named)


def _link(fd: int, folder: str, name: str) -> None:
    """Name the unnamed file ``fd`` as ``folder/name`` (linkat with AT_SYMLINK_FOLLOW, which os.link
    uses when given a folder descriptor)."""
    folder_fd = os.open(folder, os.O_RDONLY)
    try:
        os.link(f"/proc/self/fd/{fd}", name, dst_dir_fd=folder_fd, follow_symlinks=True)
    finally:
        os.close(folder_fd)


def _keep_metadata(fd: int, before: os.stat_result | None) -> None:
    """The new file gets the old one's mode, owner and group (a new file: mode as open() gives it)."""
    if before is None:
        umask = os.umask(0)
        os.umask(umask)
        os.fchmod(fd, 0o666 & ~umask)
        return
    if hasattr(os, "fchown"):
        now = os.fstat(fd)
        if (now.st_uid, now.st_gid) != (before.st_uid, before.st_gid):
            try:
                os.fchown(fd, before.st_uid, before.st_gid)
            except PermissionError:
                raise WriteError(
                    "无法保留文件的所有者和用户组，未写入", "cannot keep the file's owner and group; not written"
                ) from None
    os.fchmod(fd, stat.S_IMODE(before.st_mode))


def write_atomically(path: str, data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically (see replacing)."""
    with replacing(path) as f:
        f.write(data)
