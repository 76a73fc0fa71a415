"""Word .docx -> the text the reader sees: one line per body paragraph, in document order (tables'
paragraphs included, headers and footers not), with the numerals of automatic numbering rebuilt from
numbering.xml ("一、", "（一）", "1." that Word draws but the paragraph's text lacks)."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field

from ..numerals import to_chinese_number
from .errors import ReadError

MAX_UNPACKED = 200 * 1024 * 1024  # a report is a few hundred KB unpacked; more is a zip bomb
MAX_RATIO = 200  # deflate packs real XML 5-20x; a member packed more than this (and large) is a bomb
_LARGE_MEMBER = 5 * 1024 * 1024
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word 97-2003 (.doc) and WPS files
_XML_PARTS = ("word/document.xml", "word/numbering.xml", "word/styles.xml")
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_STEMS = "甲乙丙丁戊己庚辛壬癸"
# numFmts that count 一 二 … 十 十一 (Word and LibreOffice write different ones for the same numerals)
_COUNTING = {
    "chineseCounting",
    "chineseCountingThousand",
    "taiwaneseCounting",
    "taiwaneseCountingThousand",
    "japaneseCounting",
}
_UPPER_CN = "零壹贰叁肆伍陆柒捌玖"


def read_docx(data: bytes) -> str:
    """The document's paragraphs as lines; a file that is no sound .docx raises ReadError."""
    _check_archive(data)
    try:
        from docx import Document

        document = Document(io.BytesIO(data))
        numbering = _Numbering(_part_element(document, "numbering_part"), _styles(document))
        lines = [numbering.marker(p) + _text(p) for p in _body_paragraphs(document.element.body)]
    except ReadError:
        raise
    except Exception as e:  # python-docx and lxml raise many kinds on a damaged package
        raise ReadError(
            f"Word 文档已损坏，无法读取（{type(e).__name__}）", f"a damaged Word document ({type(e).__name__})"
        ) from None
    return "\n".join(lines)


def _check_archive(data: bytes) -> None:
    """Refuse what is no .docx, or would cost too much to open, before any XML is parsed."""
    if data.startswith(_OLE):
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
    names = {m.filename for m in members}
    if "word/document.xml" not in names:
        raise ReadError(
            "不是 Word 文档：压缩包中没有正文（word/document.xml）", "not a Word document: no word/document.xml"
        )
    for name in _XML_PARTS:
        if name in names:
            try:
                head = archive.read(name)
            except (zipfile.BadZipFile, OSError, EOFError, zipfile.LargeZipFile):
                raise ReadError(f"Word 文档已损坏（{name} 无法解压）", f"a damaged Word document ({name})") from None
            if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                raise ReadError(
                    f"Word 文档中含有 DTD 或实体声明（{name}），可能是恶意文件，未打开",
                    f"{name} declares a DTD or entities (an XML entity attack?), not opened",
                )


def _part_element(document, name: str):
    try:
        return getattr(document.part, name).element
    except (KeyError, NotImplementedError, AttributeError):
        return None


def _body_paragraphs(body):
    """Every w:p of the body in document order, inside tables and content controls too; paragraphs of
    text boxes inside another paragraph are not body paragraphs."""
    for child in body:
        if child.tag == _W + "p":
            yield child
        elif child.tag in (_W + "tbl", _W + "tr", _W + "tc", _W + "sdt", _W + "sdtContent", _W + "customXml"):
            yield from _body_paragraphs(child)


def _text(paragraph) -> str:
    """What the reader sees of a paragraph: its text, tabs as tabs, line breaks as spaces (a paragraph
    is one line), deleted and hidden runs and text boxes left out."""
    out = []
    for el in _visible(paragraph):
        tag = el.tag
        if tag == _W + "t":
            out.append(el.text or "")
        elif tag == _W + "tab":
            out.append("\t")
        elif tag in (_W + "br", _W + "cr"):
            out.append(" ")
        elif tag == _W + "noBreakHyphen":
            out.append("-")
    return "".join(out).replace("\n", " ").replace("\r", " ")


def _visible(element):
    for child in element:
        tag = child.tag
        if tag in (_W + "del", _W + "pPr", _W + "rPr", _W + "txbxContent", _W + "p") or not isinstance(tag, str):
            continue
        if tag == _W + "r" and child.find(f"{_W}rPr/{_W}vanish") is not None:
            continue
        yield child
        yield from _visible(child)


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = ""
    suffix: str = "\t"
    style: str | None = None


@dataclass
class _List:
    levels: dict[int, _Level]
    counters: list[int | None] = field(default_factory=lambda: [None] * 9)


def _styles(document) -> dict[str, tuple[str | None, int | None, str | None]]:
    """styleId -> (numId, ilvl, basedOn) from styles.xml."""
    root = _part_element(document, "_styles_part")
    out = {}
    for style in root.iter(_W + "style") if root is not None else ():
        num = style.find(f"{_W}pPr/{_W}numPr")
        based = style.find(_W + "basedOn")
        out[style.get(_W + "styleId")] = (
            _val(num, "numId") if num is not None else None,
            _int(_val(num, "ilvl")) if num is not None else None,
            based.get(_W + "val") if based is not None else None,
        )
    return out


def _val(parent, name: str) -> str | None:
    el = parent.find(_W + name) if parent is not None else None
    return el.get(_W + "val") if el is not None else None


def _int(value: str | None) -> int | None:
    return int(value) if value is not None and re.fullmatch(r"-?\d{1,4}", value) else None


class _Numbering:
    """numbering.xml: which list and level a paragraph is in, and the counters as Word keeps them."""

    def __init__(self, root, styles) -> None:
        self.styles = styles
        abstract = {}
        for node in root.iter(_W + "abstractNum") if root is not None else ():
            levels = {}
            for lvl in node.iter(_W + "lvl"):
                suffix = {"space": " ", "nothing": ""}.get(_val(lvl, "suff"), "\t")
                start = _int(_val(lvl, "start"))
                levels[_int(lvl.get(_W + "ilvl")) or 0] = _Level(
                    start if start is not None else 1,
                    _val(lvl, "numFmt") or "decimal",
                    _val(lvl, "lvlText") or "",
                    suffix,
                    _val(lvl, "pStyle"),
                )
            abstract[node.get(_W + "abstractNumId")] = levels
        self.lists: dict[str, _List] = {}
        shared: dict[str, _List] = {}
        for num in root.iter(_W + "num") if root is not None else ():
            levels = dict(abstract.get(_val(num, "abstractNumId"), {}))
            overrides = num.findall(_W + "lvlOverride")
            for override in overrides:
                ilvl = _int(override.get(_W + "ilvl")) or 0
                start = _int(_val(override, "startOverride"))
                if ilvl in levels and start is not None:
                    levels[ilvl] = _Level(start, levels[ilvl].fmt, levels[ilvl].text, levels[ilvl].suffix)
            key = _val(num, "abstractNumId")
            # lists of one abstract definition share their counters unless they restart them
            self.lists[num.get(_W + "numId")] = _List(levels) if overrides else shared.setdefault(key, _List(levels))

    def marker(self, paragraph) -> str:
        """The numeral Word draws before ``paragraph`` ("一、", "（二）"), or ""."""
        num_id, ilvl = self._numbering_of(paragraph)
        target = self.lists.get(num_id) if num_id else None
        if target is None or ilvl not in target.levels:
            return ""
        level = target.levels[ilvl]
        counters = target.counters
        counters[ilvl] = level.start if counters[ilvl] is None else counters[ilvl] + 1
        for deeper in range(ilvl + 1, len(counters)):
            counters[deeper] = None
        if level.fmt in ("bullet", "none"):
            return ""

        def numeral(m: re.Match) -> str:
            k = int(m.group(1)) - 1
            shown = target.levels.get(k, level)
            value = counters[k] if k < len(counters) and counters[k] is not None else shown.start
            return _format(value, shown.fmt)

        return re.sub(r"%([1-9])", numeral, level.text) + level.suffix

    def _numbering_of(self, paragraph) -> tuple[str | None, int]:
        ppr = paragraph.find(_W + "pPr")
        num = ppr.find(_W + "numPr") if ppr is not None else None
        if num is not None:
            return _val(num, "numId"), _int(_val(num, "ilvl")) or 0
        style = _val(ppr, "pStyle") if ppr is not None else None
        for _ in range(10):  # follow basedOn, but never round a loop for ever
            if style is None or style not in self.styles:
                return None, 0
            num_id, ilvl, based = self.styles[style]
            if num_id is not None:
                return num_id, ilvl if ilvl is not None else self._level_of_style(num_id, style)
            style = based
        return None, 0

    def _level_of_style(self, num_id: str, style: str) -> int:
        target = self.lists.get(num_id)
        levels = target.levels.items() if target else ()
        return next((ilvl for ilvl, level in levels if level.style == style), 0)


def _format(n: int, fmt: str) -> str:
    """A counter in a numFmt of WordprocessingML."""
    if fmt in _COUNTING:
        return to_chinese_number(n) if 0 <= n < 100 else str(n)
    if fmt == "ideographEnclosedCircle" and 1 <= n <= 10:
        return chr(0x3220 + n - 1)  # ㈠
    if fmt == "ideographDigital":
        return "".join("〇一二三四五六七八九"[int(d)] for d in str(n))
    if fmt == "chineseLegalSimplified" and 0 <= n < 10:
        return _UPPER_CN[n]
    if fmt in ("ideographTraditional",) and 1 <= n <= 10:
        return _STEMS[n - 1]
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    if fmt == "decimalEnclosedParen" and 1 <= n <= 20:
        return chr(0x2474 + n - 1)
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return "".join(chr(0xFF10 + int(d)) for d in str(n))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("lowerLetter", "upperLetter") and n >= 1:
        letter = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter if fmt == "lowerLetter" else letter.upper()
    if fmt in ("lowerRoman", "upperRoman") and 1 <= n < 4000:
        roman = _roman(n)
        return roman.lower() if fmt == "lowerRoman" else roman
    return str(n)


def _roman(n: int) -> str:
    out = ""
    for value, letters in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        while n >= value:
            out, n = out + letters, n - value
    return out
