"""A per-user cache of what is slow to build and the same on every run: the validated built-in rule
pack and the analysed outline grammar. Each entry's name carries a digest of its sources, the package
version and the Python version, so editing a rule or the grammar, or upgrading, builds it anew. A cache
that cannot be read or written is passed over: it only ever saves time.

Where: ``$FAZHI_CHECK_CACHE_DIR``, else ``$XDG_CACHE_HOME/fazhi-check``, else ``~/.cache/fazhi-check``;
``FAZHI_CHECK_NO_CACHE=1`` turns it off."""

from __future__ import annotations

import os
import pickle
import sys
import zlib
from collections.abc import Callable, Iterable


def directory() -> str | None:
    """The cache folder, or None when caching is off."""
    if os.environ.get("FAZHI_CHECK_NO_CACHE"):
        return None
    if os.environ.get("FAZHI_CHECK_CACHE_DIR"):
        return os.environ["FAZHI_CHECK_CACHE_DIR"]
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "fazhi-check")


def entry(name: str, sources: Iterable[bytes], suffix: str = ".pickle") -> str | None:
    """The path of entry ``name`` built from ``sources`` (None when caching is off)."""
    folder = directory()
    if folder is None:
        return None
    from . import __version__

    # CRC-32 and Adler-32 of every source: 64 bits that any edit changes (hashlib would cost
    # more start-up than the whole cache lookup)
    key = f"{__version__} {sys.version_info[:2]}".encode()
    crc, adler = zlib.crc32(key), zlib.adler32(key)
    for source in sources:
        crc, adler = zlib.crc32(source, crc), zlib.adler32(source, adler)
        crc = zlib.crc32(len(source).to_bytes(8, "little"), crc)
    python = "py{}{}".format(*sys.version_info[:2])  # in the name, so Pythons sharing the folder keep theirs
    return os.path.join(folder, f"{name}_{python}_{crc:08x}{adler:08x}{suffix}")


def cached(name: str, sources: Iterable[bytes], build: Callable[[], object]):
    """``build()``, or what an earlier run stored for the same ``sources``."""
    path = entry(name, sources)
    if path is not None:
        try:
            with open(path, "rb") as f:
                return pickle.load(f)
        except Exception:  # missing, cut short, or from an incompatible build: build it again
            pass
    value = build()
    if path is not None:
        store(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    return value


def store(path: str, data: bytes) -> None:
    """Write atomically (a temporary file, then a rename), so parallel runs never read half an entry,
    and remove the entries it replaces (same name, other sources); a folder that cannot be written is
    passed over."""
    import tempfile

    temporary = None
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=os.path.dirname(path), suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(temporary, path)
        folder, entry = os.path.split(path)
        name = entry.rsplit("_", 1)[0] + "_"
        for old in os.listdir(folder):
            if old.startswith(name) and old != entry and not old.endswith(".tmp"):
                os.unlink(os.path.join(folder, old))
    except OSError:
        if temporary is not None and os.path.exists(temporary):
            os.unlink(temporary)
