"""A file's bytes, with every way of failing to get them turned into a reason."""

from __future__ import annotations

import errno
import os
import stat

from .errors import ReadError

MAX_BYTES = 50 * 1024 * 1024


def read_bytes(path: str, max_bytes: int = MAX_BYTES) -> bytes:
    """A regular file's bytes; every failure becomes a ReadError with a reason."""
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise ReadError("这是一个文件夹，不是文件", "a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise ReadError(
                "不是普通文件（设备、管道或套接字），未读取", "not a regular file (a device, pipe or socket)"
            )
        if info.st_size > max_bytes:
            raise ReadError(
                f"文件过大（{info.st_size} 字节，上限 {max_bytes} 字节，可用 --max-size 调整）",
                f"too large ({info.st_size} bytes, limit {max_bytes}; see --max-size)",
            )
        with open(path, "rb") as f:
            data = f.read(info.st_size + 1)  # not read(max_bytes): that allocates max_bytes first
            if len(data) > info.st_size:  # it grew since stat
                data += f.read(max_bytes + 1 - len(data))
    except FileNotFoundError:
        if os.path.islink(path):
            raise ReadError("符号链接指向的文件不存在", "a symbolic link to a file that does not exist") from None
        raise ReadError("文件不存在", "no such file") from None
    except PermissionError:
        raise ReadError("没有读取权限", "permission denied") from None
    except OSError as e:
        if e.errno == errno.ELOOP:
            raise ReadError("符号链接循环（链接最终指向自身），未读取", "a symbolic link loop") from None
        raise ReadError(f"无法读取：{e.strerror or e}", f"cannot read: {e.strerror or e}") from None
    if len(data) > max_bytes:  # it grew while being read
        raise ReadError(f"文件过大（上限 {max_bytes} 字节）", f"too large (limit {max_bytes} bytes)")
    return data
