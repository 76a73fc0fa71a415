"""A per-user cache of what is slow to build and the same on every run: the built-in rule pack and the
literals its patterns need, as JSON data. Nothing is imported, executed or unpickled from it: an entry is
read with ``json`` and rebuilt into plain objects. An entry's name carries a digest of its sources, the
package version and the Python version, so editing a rule, or upgrading, builds anew.

Where: ``$FAZHI_CHECK_CACHE_DIR``, else ``$XDG_CACHE_HOME/fazhi-check``, else ``~/.cache/fazhi-check``;
``FAZHI_CHECK_NO_CACHE=1`` turns it off. Entries are read only from a folder this user owns with mode
0700 (it is made so; one of the user's own that is open to others is closed before anything is written
into it); otherwise the cache is passed over, as it is when it
cannot be read or written: it only ever saves time."""

from __future__ import annotations

import json
import os
import stat
import sys
import zlib
from collections.abc import Iterable

from .version import __version__


def directory() -> str | None:
    """The cache folder, or None when caching is off."""
    if os.environ.get("FAZHI_CHECK_NO_CACHE"):
        return None
    if os.environ.get("FAZHI_CHECK_CACHE_DIR"):
        return os.environ["FAZHI_CHECK_CACHE_DIR"]
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "fazhi-check")


def _trusted(folder: str) -> bool:
    """The folder is this user's own and closed to everyone else (mode 0700)."""
    try:
        info = os.stat(folder, follow_symlinks=False)
    except OSError:
        return False
    owner = os.getuid() if hasattr(os, "getuid") else info.st_uid
    return stat.S_ISDIR(info.st_mode) and info.st_uid == owner and not info.st_mode & 0o077


def _own(folder: str) -> bool:
    try:
        return os.stat(folder, follow_symlinks=False).st_uid == os.getuid()
    except (OSError, AttributeError):
        return False


def entry(name: str, sources: Iterable[bytes]) -> str | None:
    """The path of entry ``name`` built from ``sources`` (None when caching is off)."""
    folder = directory()
    if folder is None:
        return None
    # CRC-32 and Adler-32 of every source: 64 bits that any edit changes (hashlib would cost
    # more start-up than the whole cache lookup)
    key = f"{__version__} {sys.version_info[:2]}".encode()
    crc, adler = zlib.crc32(key), zlib.adler32(key)
    for source in sources:
        crc, adler = zlib.crc32(source, crc), zlib.adler32(source, adler)
        crc = zlib.crc32(len(source).to_bytes(8, "little"), crc)
    python = "py{}{}".format(*sys.version_info[:2])  # in the name, so Pythons sharing the folder keep theirs
    return os.path.join(folder, f"{name}_{python}_{crc:08x}{adler:08x}.json")


def load(name: str, sources: Iterable[bytes]):
    """What an earlier run stored for the same ``sources`` (plain data), or None."""
    path = entry(name, sources)
    if path is None or not _trusted(os.path.dirname(path)):
        return None
    try:
        with open(path, "rb") as f:
            return _revive(json.loads(f.read()))
    except (OSError, ValueError, TypeError, KeyError):  # missing, cut short or foreign: build it again
        return None


def store(name: str, sources: Iterable[bytes], data) -> None:
    """Keep ``data`` (dicts, lists, tuples, strings, numbers; dict keys of any of these) for later runs:
    written atomically (a temporary file, then a rename), so parallel runs never read half an entry,
    replacing the entries it supersedes (same name, other sources). A folder that cannot be made or
    written, or that is not this user's own, is passed over."""
    import tempfile

    path = entry(name, sources)
    if path is None:
        return
    folder, own = os.path.split(path)
    text = json.dumps(_flatten(data), ensure_ascii=False, separators=(",", ":"))
    temporary = None
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
        if not _trusted(folder) and _own(folder):
            os.chmod(folder, 0o700)  # an older version made it open to others: close it, then use it
        if not _trusted(folder):
            return
        fd, temporary = tempfile.mkstemp(dir=folder, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(temporary, path)
        temporary = None
        stem = own.rsplit("_", 1)[0] + "_"
        for old in os.listdir(folder):
            if old.startswith(stem) and old != own and not old.endswith(".tmp"):
                os.unlink(os.path.join(folder, old))
    except OSError:
        if temporary is not None and os.path.exists(temporary):
            os.unlink(temporary)


# JSON has no tuples and only string keys: both are written as tagged lists and read back.
_TUPLE, _ITEMS = "~tuple", "~items"


def _flatten(value):
    if isinstance(value, dict):
        if all(isinstance(k, str) for k in value):
            return {k: _flatten(v) for k, v in value.items()}
        return {_ITEMS: [[_flatten(k), _flatten(v)] for k, v in value.items()]}
    if isinstance(value, tuple):
        return {_TUPLE: [_flatten(v) for v in value]}
    if isinstance(value, list):
        return [_flatten(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise TypeError(f"not plain data: {type(value).__name__}")


def _revive(value):
    if isinstance(value, dict):
        if _ITEMS in value:
            return {_revive(k): _revive(v) for k, v in value[_ITEMS]}
        if _TUPLE in value:
            return tuple(_revive(v) for v in value[_TUPLE])
        return {k: _revive(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_revive(v) for v in value]
    return value
