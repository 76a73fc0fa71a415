"""Builds .docx test files the way clerks' drafts are made: a report's lines as paragraphs, its heading
numerals either typed or drawn by Word's automatic numbering. python-docx writes the paragraphs; the
numbering definitions are written into numbering.xml directly, since python-docx has no API for them.

    python tests/docx_fixtures.py OUT_DIR     # every seed as NAME.typed.docx and NAME.auto.docx
"""

from __future__ import annotations

import io
import re
import struct
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


def report_docx(text: str, auto: bool = False, suffix: str = "nothing") -> bytes:
    """``text`` as a .docx, one paragraph per line (blank lines too, so paragraph index = line number).
    With ``auto``, 一、 and （一） headings lose their typed numeral and get Word's numbering instead,
    showing the same numerals (a list restarts where the typed numbering jumps)."""
    document = Document()
    definitions = [abstract_num(suffix=suffix)]
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


# -- Word's own structures, built into a draft -----------------------------------------------------------

MC_NS = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
DRAWING_NS = (
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml"'
)
#: a compliant report: as .txt it gives no finding
DRAFT = """关于2024年法治政府建设情况的报告
区人民政府：
2024年，区司法局在区委、区政府的坚强领导下，深入学习贯彻习近平法治思想，扎实推进法治政府建设。现将有关情况报告如下。
一、推进法治政府建设的主要举措和成效
（一）加强组织领导。区司法局召开专题会议研究部署法治政府建设工作，制定年度工作要点，明确责任分工。
（二）深化执法监督。全年审查规范性文件12件，办理行政复议案件85件，组织行政执法人员培训6场次。
二、党政主要负责人履行推进法治建设第一责任人职责情况
局主要负责人认真履行推进法治建设第一责任人职责，亲自部署重要工作，亲自协调重大问题，全年主持召开专题会议4次。
三、推进法治政府建设存在的不足和原因
一是行政执法规范化水平有待提高，部分执法人员程序意识不强；二是法治宣传的针对性不强，群众参与度不高；三是基层法治力量薄弱。究其原因，主要是执法力量不足，培训覆盖面不够，经费保障有限，考核机制有待完善。
四、2025年推进法治政府建设的主要安排
一是持续加强执法监督，二是深入开展法治宣传，三是加强执法队伍建设，不断提升法治政府建设水平。
湖滨区司法局
2025年2月14日"""


def draft_lines() -> list[str]:
    return DRAFT.split("\n")


def xml(fragment: str, *namespaces: str):
    """An element from a fragment whose root declares the w: namespace (and ``namespaces``)."""
    head, _, rest = fragment.partition(">")
    closing = head.endswith("/")
    head = head[:-1] if closing else head
    return parse_xml(f"{head} {' '.join((W_NS, *namespaces))}{'/' if closing else ''}>{rest}")


def save(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def draft_document(lines=None):
    """A python-docx Document with one paragraph per line of DRAFT (or ``lines``)."""
    document = Document()
    for line in draft_lines() if lines is None else lines:
        document.add_paragraph(line)
    return document


def paragraph_at(document, text: str):
    """The w:p whose text starts with ``text``."""
    return next(p for p in document.paragraphs if p.text.startswith(text))._p


def _runs_of(p):
    return [child for child in p if child.tag.endswith("}r")]


def moved_paragraph() -> tuple[bytes, str]:
    """The leaders' paragraph moved (tracked) from the end of the plan to its place in part 二: Word shows
    it once, at its new place; and the plain text it reads as (an empty line where it was)."""
    lines = draft_lines()
    document = draft_document()
    moved = paragraph_at(document, "局主要负责人")
    by = 'w:author="张三" w:date="2025-02-10T09:00:00Z"'
    wrapper = xml(f'<w:moveTo w:id="1" {by}/>')
    for run in _runs_of(moved):
        wrapper.append(run)
    moved.append(xml('<w:moveToRangeStart w:id="2" w:name="move1" w:author="张三"/>'))
    moved.append(wrapper)
    moved.append(xml('<w:moveToRangeEnd w:id="2"/>'))
    old = xml(
        f'<w:p><w:pPr><w:rPr><w:moveFrom w:id="3" {by}/></w:rPr></w:pPr>'
        '<w:moveFromRangeStart w:id="4" w:name="move1" w:author="张三"/>'
        f'<w:moveFrom w:id="5" {by}><w:r><w:t>{lines[7]}</w:t></w:r></w:moveFrom>'
        '<w:moveFromRangeEnd w:id="4"/></w:p>'
    )
    paragraph_at(document, "一是持续").addnext(old)
    return save(document), "\n".join(lines[:12] + [""] + lines[12:])


def tracked_edits() -> bytes:
    """A reviewer's insertion and deletion: Word shows the inserted words, not the deleted ones."""
    return save(tracked_edits_into(draft_document()))


def tracked_edits_into(document):
    """``document`` (DRAFT) with a reviewer's deletion and insertion in the leaders' paragraph."""
    p = paragraph_at(document, "局主要负责人")
    text = draft_lines()[7]
    p.remove(_runs_of(p)[0])
    by = 'w:author="李四" w:date="2025-02-10T09:00:00Z"'
    p.append(xml(f"<w:r><w:t>{text[:-4]}</w:t></w:r>"))
    p.append(xml(f'<w:del w:id="7" {by}><w:r><w:delText>（删去的话）</w:delText></w:r></w:del>'))
    p.append(xml(f'<w:ins w:id="8" {by}><w:r><w:t>{text[-4:]}</w:t></w:r></w:ins>'))
    return document


def numbered_headings(definitions: list[str], num_ids: list[int], styles: list[str] = ()) -> bytes:
    """DRAFT with its 一、 headings numbered by Word (the numeral typed in none), the k-th heading in list
    ``num_ids[k]``, numbering from ``definitions`` and extra styles from ``styles``."""
    document = Document()
    headings = 0
    for line in draft_lines():
        level, match = _heading(line)
        if level != 0:
            document.add_paragraph(line)
            continue
        p = document.add_paragraph(line[match.end() :])
        number(p, num_ids[headings], 0)
        headings += 1
    add_numbering(document, *definitions)
    root = document.styles.element
    for style in styles:
        root.append(parse_xml(style))
    return save(document)


def list_style_numbering() -> bytes:
    """Numbering through a list style: the headings' num points at an abstractNum that only links the
    list style (numStyleLink); the style's num points at the abstractNum with the levels (styleLink)."""
    link = f'<w:abstractNum {W_NS} w:abstractNumId="10"><w:numStyleLink w:val="FZList"/></w:abstractNum>'
    carrier = abstract_num(abstract_id="11").replace("<w:lvl ", '<w:styleLink w:val="FZList"/><w:lvl ', 1)
    style = (
        f'<w:style {W_NS} w:type="numbering" w:customStyle="1" w:styleId="FZList"><w:name w:val="FZ List"/>'
        '<w:pPr><w:numPr><w:numId w:val="20"/></w:numPr></w:pPr></w:style>'
    )
    return numbered_headings([link, carrier, num(20, abstract_id="11"), num(21, abstract_id="10")], [21] * 4, [style])


def level_override_numbering() -> bytes:
    """Word's "set numbering value": the abstract numbers 1. 2. …, but each num's lvlOverride carries a
    whole w:lvl (一、 from 1; the second list from 3 with a startOverride too)."""
    decimal = abstract_num((("decimal", "%1."),), suffix="nothing", abstract_id="12")

    def override(num_id: int, start: int) -> str:
        lvl = (
            f'<w:lvl w:ilvl="0"><w:start w:val="{start}"/><w:numFmt w:val="chineseCounting"/>'
            '<w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl>'
        )
        return (
            f'<w:num {W_NS} w:numId="{num_id}"><w:abstractNumId w:val="12"/><w:lvlOverride w:ilvl="0">'
            f'<w:startOverride w:val="{start}"/>{lvl}</w:lvlOverride></w:num>'
        )

    return numbered_headings([decimal, override(22, 1), override(23, 3)], [22, 22, 23, 23])


def _toc_paragraph(style: str, text: str, page: int, begin: bool = False, end: bool = False) -> str:
    runs = ""
    if begin:
        runs += (
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            '<w:r><w:instrText xml:space="preserve"> TOC \\o "1-3" \\h \\z \\u </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        )
    runs += (
        f'<w:hyperlink w:anchor="_Toc{page}"><w:r><w:t>{text}</w:t></w:r><w:r><w:tab/></w:r>'
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> PAGEREF _Toc{page} \\h </w:instrText></w:r>'
        f'<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>{page}</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:hyperlink>'
    )
    if end:
        runs += '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    return f'<w:p {W_NS}><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{runs}</w:p>'


def table_of_contents(control: bool = False) -> bytes:
    """DRAFT with a table of contents under the title, made as Word makes one: a TOC field whose result
    is one paragraph per heading in the TOC styles (Chinese Word's style ids "10" and "20"), under a
    目录 heading; with ``control``, inside a content control of the Table of Contents gallery."""
    document = draft_document()
    styles = document.styles.element
    for sid, name in (("10", "toc 1"), ("20", "toc 2")):
        styles.append(
            parse_xml(f'<w:style {W_NS} w:type="paragraph" w:styleId="{sid}"><w:name w:val="{name}"/></w:style>')
        )
    entries = [line for line in draft_lines() if _heading(line)[0] is not None]
    paragraphs = [f'<w:p {W_NS}><w:pPr><w:pStyle w:val="TOCHeading"/></w:pPr><w:r><w:t>目录</w:t></w:r></w:p>']
    for i, line in enumerate(entries):
        style = "10" if _heading(line)[0] == 0 else "20"
        paragraphs.append(_toc_paragraph(style, line, i + 1, begin=i == 0, end=i == len(entries) - 1))
    anchor = paragraph_at(document, "区人民政府")
    if control:
        sdt = parse_xml(
            f'<w:sdt {W_NS}><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/>'
            "<w:docPartUnique/></w:docPartObj></w:sdtPr><w:sdtContent/></w:sdt>"
        )
        content = sdt[1]
        for fragment in paragraphs:
            content.append(parse_xml(fragment))
        anchor.addprevious(sdt)
    else:
        for fragment in paragraphs:
            anchor.addprevious(parse_xml(fragment))
    return save(document)


def hidden_text() -> bytes:
    """Hidden words (w:vanish, directly and through a character style), one run that unhides
    (w:vanish w:val="0"), and a paragraph that is hidden as a whole."""
    document = draft_document()
    styles = document.styles.element
    styles.append(
        parse_xml(
            f'<w:style {W_NS} w:type="character" w:styleId="Secret"><w:name w:val="Secret"/>'
            "<w:rPr><w:vanish/></w:rPr></w:style>"
        )
    )
    p = paragraph_at(document, "局主要负责人")
    p.append(xml("<w:r><w:rPr><w:vanish/></w:rPr><w:t>（内部意见：一、此处待核实）</w:t></w:r>"))
    p.append(xml('<w:r><w:rPr><w:rStyle w:val="Secret"/></w:rPr><w:t>二、内部备注。</w:t></w:r>'))
    p.append(xml('<w:r><w:rPr><w:rStyle w:val="Secret"/><w:vanish w:val="0"/></w:rPr><w:t></w:t></w:r>'))
    whole = xml("<w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>三、推进法治政府建设存在的不足和原因</w:t></w:r></w:p>")
    paragraph_at(document, "四、2025年").addprevious(whole)
    return save(document)


def fields() -> bytes:
    """Fields show their result, never their instruction: a HYPERLINK field, a nested field, a simple
    field and the date as a DATE field."""
    document = draft_document()
    p = paragraph_at(document, "局主要负责人")
    for run in _runs_of(p):
        p.remove(run)
    begin = '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
    separate, end = '<w:r><w:fldChar w:fldCharType="separate"/></w:r>', '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    head, tail = draft_lines()[7][:6], draft_lines()[7][6:]
    for fragment in (
        begin,
        '<w:r><w:instrText xml:space="preserve"> HYPERLINK "http://example.invalid/一、" </w:instrText></w:r>',
        separate,
        f"<w:r><w:t>{head[:3]}</w:t></w:r>",
        begin,
        '<w:r><w:instrText xml:space="preserve"> QUOTE "2023年" </w:instrText></w:r>',
        separate,
        f"<w:r><w:t>{head[3:]}</w:t></w:r>",
        end,
        end,
        f'<w:fldSimple w:instr=" MERGEFIELD 二、 "><w:r><w:t>{tail}</w:t></w:r></w:fldSimple>',
    ):
        p.append(xml(fragment))
    date = paragraph_at(document, "2025年2月14日")
    for run in _runs_of(date):
        date.remove(run)
    for fragment in (begin, '<w:r><w:instrText> DATE \\@ "yyyy年M月d日" </w:instrText></w:r>', separate):
        date.append(xml(fragment))
    date.append(xml("<w:r><w:t>2025年2月14日</w:t></w:r>"))
    date.append(xml(end))
    return save(document)


def content_controls() -> bytes:
    """A heading inside a block-level content control, the issuer in a run-level one."""
    document = draft_document()
    heading = paragraph_at(document, "三、推进")
    sdt = xml('<w:sdt><w:sdtPr><w:alias w:val="不足"/></w:sdtPr><w:sdtContent/></w:sdt>')
    heading.addprevious(sdt)
    sdt[1].append(heading)
    issuer = paragraph_at(document, "湖滨区司法局")
    runs = _runs_of(issuer)
    control = xml("<w:sdt><w:sdtPr><w:text/></w:sdtPr><w:sdtContent/></w:sdt>")
    for run in runs:
        control[1].append(run)
    issuer.append(control)
    return save(document)


def text_box() -> tuple[bytes, str]:
    """The 落款 and date in a text box (DrawingML with its VML fallback, the same text in both) anchored
    in an empty paragraph where they stood; and the plain text that reads the same."""
    lines = draft_lines()
    issuer, date = lines[-2], lines[-1]
    document = draft_document(lines[:-2] + [""])
    paragraphs = "".join(f"<w:p><w:r><w:t>{line}</w:t></w:r></w:p>" for line in (issuer, date))
    content = f"<w:txbxContent>{paragraphs}</w:txbxContent>"
    run = xml(
        f'<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData>'
        f"<wps:wsp><wps:txbx>{content}</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>"
        f"</mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>{content}</v:textbox></v:shape></w:pict>"
        "</mc:Fallback></mc:AlternateContent></w:r>",
        MC_NS,
        DRAWING_NS,
    )
    document.paragraphs[-1]._p.append(run)
    return save(document), "\n".join(lines[:-2] + [f"{issuer} {date}"])


def footnotes() -> bytes:
    """A footnote on a body sentence: the reference mark is in the body, the note's text in footnotes.xml."""
    document = draft_document()
    p = paragraph_at(document, "（二）深化")
    p.append(xml('<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="1"/></w:r>'))
    notes = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes {W_NS}>'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r>'
        "<w:r><w:t>一、数据来源：2023年统计年报。</w:t></w:r></w:p>"
        "</w:footnote></w:footnotes>"
    )
    data = save(document)
    rel = (
        '<Relationship Id="rIdFootnotes" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'footnotes" Target="footnotes.xml"/></Relationships>'
    )
    override = (
        '<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        'wordprocessingml.footnotes+xml"/></Types>'
    )
    return edit_parts(
        data,
        {
            "word/footnotes.xml": lambda _: notes.encode(),
            "word/_rels/document.xml.rels": lambda b: b.replace(b"</Relationships>", rel.encode()),
            "[Content_Types].xml": lambda b: b.replace(b"</Types>", override.encode()),
        },
    )


def edit_parts(docx: bytes, edits: dict) -> bytes:
    """``docx`` with parts changed (name -> function of the old bytes, b"" for a new part)."""
    source, out = zipfile.ZipFile(io.BytesIO(docx)), io.BytesIO()
    names = source.namelist()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in names:
            data = source.read(name)
            archive.writestr(name, edits[name](data) if name in edits else data)
        for name, edit in edits.items():
            if name not in names:
                archive.writestr(name, edit(b""))
    return out.getvalue()


def ole_file(streams: dict[str, bytes]) -> bytes:
    """A minimal OLE compound file (version 3, 512-byte sectors) holding ``streams`` at its root, each
    padded to 4096 bytes so that it lives in ordinary sectors: what an encrypted .docx or a .doc is made of."""
    free, end, fat_sector = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
    names = sorted(streams, key=lambda n: (len(n), n.upper()))
    datas = [streams[n].ljust(4096, b"\0") for n in names]
    fat = [fat_sector, end]  # sector 0: the FAT, sector 1: the directory
    starts = []
    for data in datas:
        count = len(data) // 512
        starts.append(len(fat))
        fat += [len(fat) + i + 1 for i in range(count - 1)] + [end]
    fat += [free] * (128 - len(fat))

    def entry(name: str, kind: int, child: int, right: int, start: int, size: int) -> bytes:
        encoded = (name + "\0").encode("utf-16-le")
        return (
            encoded.ljust(64, b"\0")
            + struct.pack("<HBB", len(encoded), kind, 1)
            + struct.pack("<III", free, right, child)
            + b"\0" * 36
            + struct.pack("<IQ", start, size)
        )

    directory = entry("Root Entry", 5, 1, free, end, 0)
    for i, (name, data) in enumerate(zip(names, datas)):
        directory += entry(name, 2, free, i + 2 if i + 1 < len(names) else free, starts[i], len(data))
    directory = directory.ljust(512, b"\0")
    header = (
        bytes.fromhex("d0cf11e0a1b11ae1")
        + b"\0" * 16
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + b"\0" * 6
        + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, end, 0, end, 0)
        + struct.pack("<109I", 0, *[free] * 108)
    )
    return header + struct.pack("<128I", *fat) + directory + b"".join(datas)


def accept_all(docx: bytes) -> bytes:
    """``docx`` with every tracked change accepted, as Word's "accept all" does: insertions and moves
    kept, deletions and moved-away text dropped, a paragraph whose mark is deleted joined to the next."""
    from lxml import etree

    source = zipfile.ZipFile(io.BytesIO(docx))
    root = etree.fromstring(source.read("word/document.xml"))
    w = W_NS.split('"')[1]
    mark = f"{{{w}}}pPr/{{{w}}}rPr/{{{w}}}del"
    for p in list(root.iter(f"{{{w}}}p")):
        if p.getparent() is None:
            continue  # merged into the paragraph before it
        while p.find(mark) is not None:  # joined to the next, and on while that one's mark is deleted too
            p.find(mark).getparent().remove(p.find(mark))
            following = p.getnext()
            if following is None or following.tag != p.tag:
                break
            if following.find(mark) is not None:
                p.find(f"{{{w}}}pPr/{{{w}}}rPr").append(following.find(mark))
            for child in list(following):
                if child.tag != f"{{{w}}}pPr":
                    p.append(child)
            following.getparent().remove(following)
    for tag in ("del", "moveFrom"):
        for el in list(root.iter(f"{{{w}}}{tag}")):
            el.getparent().remove(el)
    for tag in ("ins", "moveTo"):
        for el in list(root.iter(f"{{{w}}}{tag}")):
            parent = el.getparent()
            if parent.tag == f"{{{w}}}rPr":
                parent.remove(el)
                continue
            at = parent.index(el)
            for i, child in enumerate(list(el)):
                parent.insert(at + i, child)
            parent.remove(el)
    return edit_parts(docx, {"word/document.xml": lambda _: etree.tostring(root)})


def commented_ranges(docx: bytes) -> dict[str, str]:
    """Comment id -> the original text its range holds (paragraph breaks as line breaks; a deleted run's
    text counts, a tracked insertion's does not)."""
    from lxml import etree

    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml"))
    w = "{" + W_NS.split('"')[1] + "}"
    open_ranges: dict[str, list[str]] = {}
    done: dict[str, str] = {}
    for p in root.iter(w + "p"):
        for text in open_ranges.values():
            if text:
                text.append("\n")
        for el in p.iter():
            if el.tag == w + "commentRangeStart":
                open_ranges[el.get(w + "id")] = []
            elif el.tag == w + "commentRangeEnd":
                done[el.get(w + "id")] = "".join(open_ranges.pop(el.get(w + "id"))).lstrip("\n")
            elif el.tag in (w + "t", w + "delText", w + "tab") and not any(
                a.tag == w + "ins" for a in el.iterancestors()
            ):
                for text in open_ranges.values():
                    text.append("\t" if el.tag == w + "tab" else el.text or "")
    return done


if __name__ == "__main__":
    target = Path(sys.argv[1])
    target.mkdir(parents=True, exist_ok=True)
    for seed in sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt")):
        text = seed.read_text("utf-8")
        (target / f"{seed.stem}.typed.docx").write_bytes(report_docx(text))
        (target / f"{seed.stem}.auto.docx").write_bytes(report_docx(text, auto=True))
