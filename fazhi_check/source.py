"""Reading inputs: bytes -> text with the encoding that decoded it. Nothing downstream sees bytes."""

from __future__ import annotations

import codecs
import datetime
import errno
import os
import re
import stat
from dataclasses import dataclass, field

MAX_BYTES = 50 * 1024 * 1024
MARKDOWN_SUFFIXES = (".md", ".markdown")
WEB_SUFFIXES = (".html", ".htm")
# Office formats that LibreOffice converts to .docx where it is installed.
CONVERTIBLE = {".doc": "Word 97-2003 文档", ".wps": "WPS 文档", ".odt": "OpenDocument 文档", ".rtf": "RTF 文档"}
SUPPORTED_SUFFIXES = (".txt", ".docx", *MARKDOWN_SUFFIXES, *CONVERTIBLE, ".pdf", *WEB_SUFFIXES)

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


class ReadError(Exception):
    """The input cannot be read as text: the reason in Chinese (the message) and in English."""

    def __init__(self, reason: str, reason_en: str) -> None:
        super().__init__(reason)
        self.reason, self.reason_en = reason, reason_en


@dataclass(frozen=True)
class SourceText:
    """The text to check, and how it maps back to the file."""

    text: str
    encoding: str | None  # the text encoding, or "docx" for a Word document
    paragraphs: bool = False  # lines are a Word document's paragraphs (findings quote them)
    original: str | None = None  # the file's text, when ``text`` was made from it by deleting markup
    offsets: list[int] | None = field(default=None, repr=False)  # text offset -> offset in ``original``
    pages: list[int] | None = field(default=None, repr=False)  # a PDF: the page of each line
    published: datetime.date | None = None  # a web page's publication date


def decode_source(data: bytes, path: str, encoding: str | None = None) -> SourceText:
    """Bytes of the file at ``path`` as text: a Word document by its paragraphs, else decoded text."""
    suffix = os.path.splitext(path)[1].lower()
    if suffix == ".docx" or suffix in CONVERTIBLE:
        from .wordfile import read_docx

        if suffix in CONVERTIBLE:
            from .convert import convert_to_docx

            data = convert_to_docx(data, suffix, CONVERTIBLE[suffix])
        return SourceText(read_docx(data), "docx", paragraphs=True)
    if suffix == ".pdf":
        from .pdffile import read_pdf

        pdf = read_pdf(data)
        return SourceText(pdf.text, "pdf", pages=pdf.pages)
    if suffix in WEB_SUFFIXES:
        from .webpage import read_html

        page = read_html(data, encoding)
        return SourceText(page.text, page.encoding, published=page.published)
    source = decode(data, encoding)
    if suffix in MARKDOWN_SUFFIXES:
        from .markdown import strip_markdown

        text, offsets = strip_markdown(source.text)
        return SourceText(text, source.encoding, original=source.text, offsets=offsets)
    return source


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
    bom, codec, name = byte_order_mark(data)
    if bom:
        try:
            return SourceText(data[len(bom) :].decode(codec), name)
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
    return SourceText(text, name)


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


def read_path(path: str, encoding: str | None = None, max_bytes: int = MAX_BYTES) -> SourceText:
    """Read and decode a file; every failure becomes a ReadError with a reason."""
    return decode_source(read_bytes(path, max_bytes), path, encoding)


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


def _strip_bom(text: str) -> str:
    return text[1:] if text.startswith("\ufeff") else text


def _mostly_control(text: str) -> bool:
    sample = text[:4096]
    bad = len(_CONTROL.findall(sample))
    return bad > max(8, len(sample) // 100)
