"""Bytes -> text: a byte order mark, else strict UTF-8, else strict GB18030, else Big5."""

from __future__ import annotations

import codecs
import re

from .errors import ReadError
from .source import Source

# A byte order mark, the codec of the bytes after it, and the encoding's name; UTF-32 LE's mark starts
# with UTF-16 LE's, so it is tried first.
_BOMS = (
    (codecs.BOM_UTF8, "utf-8", "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
)
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f]")  # C0 controls but tab, line feed, form feed, CR


def decode(data: bytes, encoding: str | None = None) -> Source:
    """Decode ``data``: a BOM, else strict UTF-8, else strict GB18030 (a superset of GBK/GB2312)."""
    if encoding:
        try:
            return Source(_strip_bom(data.decode(encoding)), codecs.lookup(encoding).name)
        except LookupError:
            raise ReadError(f"未知的编码“{encoding}”", f"unknown encoding '{encoding}'") from None
        except UnicodeDecodeError as e:
            raise ReadError(
                f"无法按 {encoding} 解码（第 {e.start + 1} 个字节起）",
                f"not valid {encoding} (from byte {e.start + 1})",
            ) from None
    bom, codec, name = byte_order_mark(data)
    if bom:
        try:
            return Source(data[len(bom) :].decode(codec), name)
        except UnicodeDecodeError as e:
            at = len(bom) + e.start + 1
            raise ReadError(
                f"文件以 {name} 字节顺序标记开头，但第 {at} 个字节起无法解码",
                f"starts with a {name} byte order mark but is not valid {name} (from byte {at})",
            ) from None
    if b"\x00" in data:
        raise ReadError("二进制文件（含 NUL 字节），不是文本", "a binary file (it contains NUL bytes), not text")
    try:
        text, name = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as e:
        if _damaged_utf8(data):
            raise ReadError(
                f"UTF-8 文件已损坏：第 {e.start + 1} 个字节起有无法解码的字节",
                f"damaged UTF-8: undecodable bytes from byte {e.start + 1}",
            ) from None
        text, name = _legacy_chinese(data, e.start)
    if _mostly_control(text):
        raise ReadError("二进制文件（含大量控制字符），不是文本", "a binary file (many control characters), not text")
    return Source(text, name)


def byte_order_mark(data: bytes) -> tuple[bytes, str | None, str | None]:
    """The byte order mark ``data`` starts with, the codec of the bytes after it and the encoding's name;
    (b"", None, None) without one."""
    return next(((bom, codec, name) for bom, codec, name in _BOMS if data.startswith(bom)), (b"", None, None))


def _legacy_chinese(data: bytes, utf8_error_at: int) -> tuple[str, str]:
    """GB18030 (a superset of GBK and GB2312), else Big5 (Traditional Chinese) where the bytes are not
    valid GB18030. Nothing is guessed from statistics: strict decoding decides."""
    for name in ("gb18030", "big5"):
        try:
            return data.decode(name), name
        except UnicodeDecodeError:
            continue
    raise ReadError(
        f"无法识别编码：不是 UTF-8、GB18030 或 Big5（第 {utf8_error_at + 1} 个字节起无法解码）；可用 --encoding 指定",
        f"unknown encoding: not UTF-8, GB18030 or Big5 (from byte {utf8_error_at + 1}); name it with --encoding",
    )


def _damaged_utf8(data: bytes) -> bool:
    """UTF-8 text with a few bad bytes (a cut or corrupted file), not text in another encoding:
    GBK/GB18030 Chinese fails UTF-8 at nearly every character, damaged UTF-8 only here and there."""
    bad = data.decode("utf-8", "replace").count("\ufffd")
    multibyte = sum(1 for b in data if b >= 0xE0)  # lead bytes of 3- and 4-byte UTF-8 sequences
    return multibyte >= 20 and bad * 20 <= multibyte


def _strip_bom(text: str) -> str:
    return text.removeprefix("\ufeff")


def _mostly_control(text: str) -> bool:
    sample = text[:4096]
    bad = len(_CONTROL.findall(sample))
    return bad > max(8, len(sample) // 100)
