"""Bytes -> text: a byte order mark, else strict UTF-8, else strict GB18030 or Big5."""

from __future__ import annotations

import codecs
import re
from collections import Counter

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
# Big5 as Windows has it (cp950, Taiwan), else Hong Kong's superset; Python's plain big5 lacks 裏, 恒 and 碁.
_BIG5 = ("cp950", "big5hkscs")
_SAMPLE = 1 << 15  # characters (about 64 KB) that decide between GB18030 and Big5


def decode(data: bytes, encoding: str | None = None) -> Source:
    """Decode ``data``: a BOM, else strict UTF-8, else strict GB18030 (a superset of GBK/GB2312) or Big5."""
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
        assert codec is not None  # every mark has its codec
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
    """GB18030 (a superset of GBK and GB2312) or Big5, whichever decodes strictly; where both do (any Big5
    text does, and short GB18030 text often), the one that reads as characters in common use."""
    gb18030 = _strict(data, "gb18030")
    big5, codec = next(((text, name) for name in _BIG5 if (text := _strict(data, name)) is not None), (None, ""))
    if big5 is not None and (gb18030 is None or _common_share(big5, codec) > _common_share(gb18030, "gb18030")):
        return big5, codec
    if gb18030 is not None:
        return gb18030, "gb18030"
    reached = [(utf8_error_at, "UTF-8")] + [(_fails_at(data, codec), label) for codec, label in _TRIED[1:]]
    at, name = max(reached, key=lambda r: r[0])  # the first of those that read furthest
    line = data.count(b"\n", 0, at) + 1
    raise ReadError(
        f"无法识别编码：不是 UTF-8、GB18030 或 Big5（读得最远的 {name} 也在第 {line} 行、"
        f"第 {at + 1} 个字节处无法解码）；可用 --encoding 指定",
        f"unknown encoding: not UTF-8, GB18030 or Big5 ({name}, which reads furthest, fails on line {line}, "
        f"at byte {at + 1}); name it with --encoding",
    )


_TRIED = (("utf-8", "UTF-8"), ("gb18030", "GB18030"), ("cp950", "Big5"))


def _fails_at(data: bytes, codec: str) -> int:
    """The offset of the first byte ``codec`` cannot decode."""
    try:
        data.decode(codec)
    except UnicodeDecodeError as e:
        return e.start
    return len(data)


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


def _common_share(text: str, codec: str) -> float:
    """The share of the non-ASCII characters at the start of ``text`` that ``codec`` puts in its first level
    of ideographs, the characters in common use (GB2312's level 1, Big5's 常用字). Text in one encoding read
    as the other lands mostly elsewhere: Big5's commonest characters and its punctuation read as GB18030
    mostly become kana, Greek, rare or private-use characters, GB2312's read as Big5 rare (level 2) ones.
    A tie, as a line of a few characters may give, goes to GB18030, the standard these reports are
    written in."""
    counts = Counter(ch for ch in text[:_SAMPLE] if ch >= "\x80")
    common = sum(n for ch, n in counts.items() if _level_one(ch, codec))
    return common / max(1, sum(counts.values()))


def _level_one(ch: str, codec: str) -> bool:
    try:
        code = int.from_bytes(ch.encode(codec), "big")
    except UnicodeEncodeError:
        return False
    if codec == "gb18030":
        return 0xB0A1 <= code <= 0xD7FE and code & 0xFF >= 0xA1
    return 0xA440 <= code <= 0xC67E


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
