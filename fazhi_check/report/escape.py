"""File names and report text made safe to show: a file system may give any bytes (Python keeps the
undecodable ones as lone surrogates), and a name or a title may hold control characters that a
terminal would obey. Text formats show them as visible escapes; JSON keeps them losslessly."""

from __future__ import annotations

import re

# C0 and C1 controls, DEL, the bidirectional overrides and isolates (which reorder what a reader sees),
# and lone surrogates (an undecodable byte of a file name)
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _visible(m: re.Match) -> str:
    n = ord(m.group())
    if 0xDC80 <= n <= 0xDCFF:  # a byte the file system gave that is no UTF-8: show the byte
        return f"\\x{n - 0xDC00:02x}"
    return f"\\x{n:02x}" if n < 0x100 else f"\\u{n:04x}"


def shown(text: str) -> str:
    """``text`` with every control character and undecodable byte as a visible escape (\\x1b, \\xc4)."""
    return _UNSAFE.sub(_visible, text) if _UNSAFE.search(text) else text


def json_safe(dumped: str) -> str:
    """JSON text (from json.dumps with ensure_ascii=False) with each lone surrogate written as its JSON
    escape: valid UTF-8, and json.loads gives back the same string (os.fsencode the same bytes). Strict
    UTF-8 encodes every code point but a surrogate: what it takes holds none (told 4x faster than by
    searching for one)."""
    try:
        dumped.encode("utf-8")
    except UnicodeEncodeError:
        return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", dumped)
    return dumped


def name_bytes(path: str) -> bytes:
    """The bytes a file name stands for (undecodable bytes as they were)."""
    return path.encode("utf-8", "surrogateescape")
