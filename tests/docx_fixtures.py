"""Builds .docx test files the way clerks' drafts are made: a report's lines as paragraphs, its heading
numerals either typed or drawn by Word's automatic numbering. python-docx writes the paragraphs; the
numbering definitions are written into numbering.xml directly, since python-docx has no API for them.

    python tests/docx_fixtures.py OUT_DIR     # every seed as NAME.typed.docx and NAME.auto.docx
"""

from __future__ import annotations

import io
import re
import sys
import zipfile
from pathlib import Path

from docx import Document
from docx.oxml import parse_xml

from fazhi_check.numerals import chinese_number

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
# level 0: 一、  level 1: （一）  level 2: 1.  level 3: （1）, each drawn with no tab after it
LEVELS = (("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "%3."), ("decimal", "（%4）"))
_MARKERS = (
    re.compile(r"([一二三四五六七八九十]{1,3})、"),
    re.compile(r"[（(]([一二三四五六七八九十]{1,3})[)）]"),
)
ABSTRACT_ID = "90"


def abstract_num(levels=LEVELS, suffix="nothing", abstract_id=ABSTRACT_ID) -> str:
    lvls = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>'
        f'<w:suff w:val="{suffix}"/></w:lvl>'
        for i, (fmt, text) in enumerate(levels)
    )
    return f'<w:abstractNum {W_NS} w:abstractNumId="{abstract_id}">{lvls}</w:abstractNum>'


def num(num_id: int, starts: dict[int, int] | None = None, abstract_id=ABSTRACT_ID) -> str:
    overrides = "".join(
        f'<w:lvlOverride w:ilvl="{lvl}"><w:startOverride w:val="{start}"/></w:lvlOverride>'
        for lvl, start in (starts or {}).items()
    )
    return f'<w:num {W_NS} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>{overrides}</w:num>'


def add_numbering(document, *xml: str) -> None:
    """Append abstractNum / num definitions to the document's numbering part (abstractNums first)."""
    root = document.part.numbering_part.element
    for fragment in xml:
        element = parse_xml(fragment)
        if element.tag.endswith("}abstractNum"):
            first_num = root.find(element.tag.replace("abstractNum", "num"))
            if first_num is not None:
                first_num.addprevious(element)
                continue
        root.append(element)


def number(paragraph, num_id: int, ilvl: int) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:numPr {W_NS}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'))


def report_docx(text: str, auto: bool = False) -> bytes:
    """``text`` as a .docx, one paragraph per line (blank lines too, so paragraph index = line number).
    With ``auto``, 一、 and （一） headings lose their typed numeral and get Word's numbering instead,
    showing the same numerals (a list restarts where the typed numbering jumps)."""
    document = Document()
    definitions = [abstract_num()]
    num_id, shown = 900, [0, 0]
    definitions.append(num(num_id))
    for line in text.split("\n"):
        level, match = _heading(line) if auto else (None, None)
        if level is None:
            document.add_paragraph(line)
            continue
        value = chinese_number(match.group(1))
        expected = shown[level] + 1
        if value != expected:  # the typed numbering jumps: a new list that starts where the text does
            num_id += 1
            starts = {level: value} if level == 0 else {0: shown[0] + 1, 1: value}
            definitions.append(num(num_id, starts))
        shown[level] = value
        if level == 0:
            shown[1] = 0
        paragraph = document.add_paragraph(line[match.end() :])
        number(paragraph, num_id, level)
    add_numbering(document, *definitions)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _heading(line: str):
    for level, marker in enumerate(_MARKERS):
        m = marker.match(line)
        if m:
            return level, m
    return None, None


def zip_bomb(unpacked: int = 300 * 1024 * 1024) -> bytes:
    """A .docx-shaped archive whose document.xml unpacks to ``unpacked`` bytes of zeros."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(unpacked // len(chunk)):
                member.write(chunk)
    return out.getvalue()


def with_part(docx: bytes, name: str, content: bytes) -> bytes:
    """``docx`` with one part replaced (for XML entity tricks and damaged parts)."""
    source, out = zipfile.ZipFile(io.BytesIO(docx)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in source.infolist():
            archive.writestr(item, content if item.filename == name else source.read(item.filename))
    return out.getvalue()


if __name__ == "__main__":
    target = Path(sys.argv[1])
    target.mkdir(parents=True, exist_ok=True)
    for seed in sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt")):
        text = seed.read_text("utf-8")
        (target / f"{seed.stem}.typed.docx").write_bytes(report_docx(text))
        (target / f"{seed.stem}.auto.docx").write_bytes(report_docx(text, auto=True))
