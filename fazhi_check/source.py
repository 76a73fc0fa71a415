"""Reading inputs: bytes -> text with the encoding that decoded it. Nothing downstream sees bytes."""

from __future__ import annotations

import codecs
import os
from dataclasses import dataclass

MAX_BYTES = 50 * 1024 * 1024
SUPPORTED_SUFFIXES = (".txt", ".docx")
# Formats clerks often have that this version cannot read yet: say so instead of "binary file".
_NOT_YET = {
    ".doc": "Word 97-2003 文档",
    ".wps": "WPS 文档",
    ".pdf": "PDF 文件",
    ".html": "网页",
    ".htm": "网页",
    ".odt": "OpenDocument 文档",
    ".rtf": "RTF 文档",
}

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL = frozenset(range(0x20)) - {0x09, 0x0A, 0x0C, 0x0D}


class ReadError(Exception):
    """The input cannot be read as text: the reason in Chinese (the message) and in English."""

    def __init__(self, reason: str, reason_en: str) -> None:
        super().__init__(reason)
        self.reason, self.reason_en = reason, reason_en


@dataclass(frozen=True)
class SourceText:
    text: str
    encoding: str  # the text encoding, or "docx" for a Word document
    paragraphs: bool = False  # lines are a Word document's paragraphs (findings quote them)


def decode_source(data: bytes, path: str, encoding: str | None = None) -> SourceText:
    """Bytes of the file at ``path`` as text: a Word document by its paragraphs, else decoded text."""
    if path.lower().endswith(".docx"):
        from .wordfile import read_docx

        return SourceText(read_docx(data), "docx", paragraphs=True)
    return decode(data, encoding)


def decode(data: bytes, encoding: str | None = None) -> SourceText:
    """Decode ``data``: a BOM, else strict UTF-8, else strict GB18030 (a superset of GBK/GB2312)."""
    if encoding:
        try:
            return SourceText(_strip_bom(data.decode(encoding)), codecs.lookup(encoding).name)
        except LookupError:
            raise ReadError(f"未知的编码“{encoding}”", f"unknown encoding '{encoding}'") from None
        except UnicodeDecodeError as e:
            raise ReadError(
                f"无法按 {encoding} 解码（第 {e.start + 1} 个字节起）",
                f"not valid {encoding} (from byte {e.start + 1})",
            ) from None
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return SourceText(_strip_bom(data.decode(name)), name.replace("-sig", ""))
            except UnicodeDecodeError as e:
                raise ReadError(
                    f"文件以 {name} 字节顺序标记开头，但第 {e.start + 1} 个字节起无法解码",
                    f"starts with a {name} byte order mark but is not valid {name} (from byte {e.start + 1})",
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
        try:
            text, name = data.decode("gb18030"), "gb18030"
        except UnicodeDecodeError:
            raise ReadError(
                f"无法识别编码：既不是 UTF-8 也不是 GB18030（第 {e.start + 1} 个字节起无法解码）；可用 --encoding 指定",
                f"unknown encoding: neither UTF-8 nor GB18030 (from byte {e.start + 1}); name it with --encoding",
            ) from None
    if _mostly_control(text):
        raise ReadError("二进制文件（含大量控制字符），不是文本", "a binary file (many control characters), not text")
    return SourceText(text, name)


def _damaged_utf8(data: bytes) -> bool:
    """UTF-8 text with a few bad bytes (a cut or corrupted file), not text in another encoding:
    GBK/GB18030 Chinese fails UTF-8 at nearly every character, damaged UTF-8 only here and there."""
    bad = data.decode("utf-8", "replace").count("\ufffd")
    multibyte = sum(1 for b in data if b >= 0xE0)  # lead bytes of 3- and 4-byte UTF-8 sequences
    return multibyte >= 20 and bad * 20 <= multibyte


def read_path(path: str, encoding: str | None = None, max_bytes: int = MAX_BYTES) -> SourceText:
    """Read and decode a file; every failure becomes a ReadError with a reason."""
    suffix = os.path.splitext(path)[1]
    kind = _NOT_YET.get(suffix.lower())
    if kind:
        raise ReadError(
            f"暂不支持{kind}（{suffix}），请另存为 Word 文档（.docx）或纯文本（.txt）后再检查",
            f"{suffix} files are not read yet: save it as .docx or plain text (.txt) and check that",
        )
    try:
        if os.path.isdir(path):
            raise ReadError("这是一个文件夹，不是文件", "a folder, not a file")
        size = os.path.getsize(path)
        if size > max_bytes:
            raise ReadError(
                f"文件过大（{size} 字节，上限 {max_bytes} 字节）", f"too large ({size} bytes, limit {max_bytes})"
            )
        with open(path, "rb") as f:
            data = f.read(max_bytes + 1)
    except FileNotFoundError:
        raise ReadError("文件不存在", "no such file") from None
    except PermissionError:
        raise ReadError("没有读取权限", "permission denied") from None
    except OSError as e:
        raise ReadError(f"无法读取：{e.strerror or e}", f"cannot read: {e.strerror or e}") from None
    return decode_source(data, path, encoding)


def _strip_bom(text: str) -> str:
    return text[1:] if text.startswith("\ufeff") else text


def _mostly_control(text: str) -> bool:
    sample = text[:4096]
    bad = sum(1 for ch in sample if ord(ch) in _CONTROL)
    return bad > max(8, len(sample) // 100)
