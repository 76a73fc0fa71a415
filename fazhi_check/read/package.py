"""A .docx as a package: the zip refused when it is no .docx or would cost too much to open, its XML
parts parsed without DTDs, entities or network, and parts found through the main document's
relationships."""

from __future__ import annotations

import io
import posixpath
import zipfile

from .errors import ReadError
from .ole import ole_kind

MAX_UNPACKED = 200 * 1024 * 1024  # a report is a few hundred KB unpacked; more is a zip bomb
MAX_RATIO = 200  # deflate packs real XML 5-20x; a member packed more than this (and large) is a bomb
_LARGE_MEMBER = 5 * 1024 * 1024
DOCUMENT = "word/document.xml"
RELS = "word/_rels/document.xml.rels"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_PR = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def check_archive(data: bytes) -> zipfile.ZipFile:
    """The zip of a .docx, refused before any XML is parsed when it is none or too costly to open."""
    kind = ole_kind(data)
    if kind == "encrypted":
        raise ReadError(
            "文件已加密（设有打开密码），无法读取；请在 Word 中取消密码后另存为 .docx 再检查",
            "the file is encrypted (password-protected): remove the password in Word and save it again",
        )
    if kind is not None:
        raise ReadError(
            "这是旧版 Word（.doc）或 WPS 文件，只是扩展名为 .docx；请在 Word 或 WPS 中另存为 .docx",
            "an old Word (.doc) or WPS file named .docx: save it as .docx in Word or WPS",
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise ReadError(
            "不是有效的 Word 文档：文件已损坏、不完整，或其实是其他格式",
            "not a valid .docx: damaged, cut short, or another format",
        ) from None
    unpacked = sum(m.file_size for m in members)
    bomb = any(m.file_size > _LARGE_MEMBER and m.file_size > MAX_RATIO * max(m.compress_size, 1) for m in members)
    if unpacked > MAX_UNPACKED or bomb:
        raise ReadError(
            f"压缩包解压后过大（{unpacked} 字节），疑似“压缩炸弹”，未打开",
            f"unpacks to {unpacked} bytes: a zip bomb, not opened",
        )
    if DOCUMENT not in {m.filename for m in members}:
        raise ReadError(
            "不是 Word 文档：压缩包中没有正文（word/document.xml）", "not a Word document: no word/document.xml"
        )
    return archive


class Package:
    """The parts of a .docx, each parsed once, on first use."""

    def __init__(self, data: bytes) -> None:
        self.archive = check_archive(data)
        self.names = set(self.archive.namelist())
        self._parsed: dict[str, object] = {}
        rels = self.xml(RELS)
        self.relationships = {
            r.get("Id"): (r.get("Type", ""), self._target(r.get("Target", "")), r.get("TargetMode"))
            for r in (rels.iter(_PR + "Relationship") if rels is not None else ())
        }

    @staticmethod
    def _target(target: str) -> str:
        return target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("word", target))

    def read(self, name: str) -> bytes:
        try:
            return self.archive.read(name)
        except (zipfile.BadZipFile, OSError, EOFError, zipfile.LargeZipFile, KeyError):
            raise ReadError(f"Word 文档已损坏（{name} 无法解压）", f"a damaged Word document ({name})") from None

    def xml(self, name: str | None):
        """The root element of part ``name``, or None where there is no such part."""
        if name is None or name not in self.names:
            return None
        if name not in self._parsed:
            self._parsed[name] = parse_xml(self.read(name), name)
        return self._parsed[name]

    def related(self, kind: str) -> str | None:
        """The name of the first part the main document relates to by type ``kind`` ("styles")."""
        return next(
            (t for rid, (k, t, mode) in self.relationships.items() if k == REL + kind and mode != "External"), None
        )

    def part(self, kind: str, default: str | None = None):
        return self.xml(self.related(kind) or default)

    def by_id(self, rid: str | None):
        entry = self.relationships.get(rid or "")
        return self.xml(entry[1]) if entry and entry[2] != "External" else None


def parse_xml(data: bytes, name: str):
    """A part's XML, refusing DTDs and entity declarations (XML entity attacks)."""
    from lxml import etree

    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise ReadError(
            f"Word 文档中含有 DTD 或实体声明（{name}），可能是恶意文件，未打开",
            f"{name} declares a DTD or entities (an XML entity attack?), not opened",
        )
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_comments=False)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as e:
        raise ReadError(
            f"Word 文档已损坏，无法读取（{name}：{type(e).__name__}）", f"a damaged Word document ({name})"
        ) from None
