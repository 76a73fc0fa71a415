"""Word drafts laid out as GB/T 9704-2012 asks, for the layout rules' examples: built three ways
(formatting through styles and basedOn, through direct formatting, through docDefaults and the theme),
with any one fault put in on request (an example's ``format``):

    gbt_docx(text, via="styles", body={"font": "宋体"})
"""

from __future__ import annotations

import io
import re
import zipfile
from html import escape

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
VIAS = ("styles", "direct", "defaults")
FACES = {
    "title": "方正小标宋简体",
    "body": "仿宋_GB2312",
    "h1": "黑体",
    "h2": "楷体_GB2312",
    "h3": "仿宋_GB2312",
    "h4": "仿宋_GB2312",
}
SIZES = {"title": 22, "body": 16, "h1": 16, "h2": 16, "h3": 16, "h4": 16}
TWIPS_PER_MM = 1440 / 25.4
PAGE = {"width": 210, "height": 297, "top": 37, "bottom": 35, "left": 28, "right": 26}


def role(number: int, line: str, count: int) -> str:
    """What a line of an example is: the title (the first), the closing 落款 and date (the last two), a
    heading by its marker (markers.lark), the addressee (a second line ending in a colon) or body text."""
    from .markers import pattern
    from .positions import normalize

    if number == 0:
        return "title"
    if number >= count - 2:
        return "closing"
    folded = normalize(line)
    level = next((n for n in range(1, 5) if pattern(f"H{n}_MARK").match(folded)), None)
    if level is not None:
        return f"h{level}"
    return "addressee" if number == 1 and folded.rstrip().endswith(":") else "body"


def _rpr(face: str | None = None, size: float | None = None, theme: str | None = None, ascii_face=None) -> str:
    fonts = ""
    if theme:
        fonts = f'<w:rFonts w:eastAsiaTheme="{theme}" w:hint="eastAsia"/>'
    elif face:
        latin = ascii_face or "Times New Roman"
        fonts = f'<w:rFonts w:ascii="{latin}" w:hAnsi="{latin}" w:eastAsia="{face}" w:hint="eastAsia"/>'
    sz = f'<w:sz w:val="{int(size * 2)}"/><w:szCs w:val="{int(size * 2)}"/>' if size else ""
    return f"<w:rPr>{fonts}{sz}</w:rPr>" if fonts or sz else ""


def _ppr(style=None, jc=None, first_chars=None, spacing=None, right=None, left=None) -> str:
    parts = f'<w:pStyle w:val="{style}"/>' if style else ""
    if spacing:
        parts += f'<w:spacing w:line="{round(spacing * 20)}" w:lineRule="exact"/>'
    if first_chars is not None or right is not None or left is not None:
        ind = (
            f' w:firstLineChars="{round(first_chars * 100)}" w:firstLine="{round(first_chars * 320)}"'
            if first_chars is not None
            else ""
        )
        ind += f' w:right="{right}"' if right is not None else ""
        ind += f' w:left="{left}"' if left is not None else ""
        parts += f"<w:ind{ind}/>"
    if jc:
        parts += f'<w:jc w:val="{jc}"/>'
    return f"<w:pPr>{parts}</w:pPr>" if parts else ""


def _run(text: str, rpr: str = "") -> str:
    return f'<w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def _styles(document) -> None:
    """The "styles" template's styles: Normal is the body, the rest based on it."""
    from docx.oxml import parse_xml

    root = document.styles.element
    style_id = "{" + W_NS.split('"')[1] + "}styleId"
    normal = next(s for s in root.iter("{*}style") if s.get(style_id) == "Normal")
    for child in list(normal):
        if child.tag.endswith(("}pPr", "}rPr")):
            normal.remove(child)
    normal.append(parse_xml(f'<w:pPr {W_NS}><w:ind w:firstLineChars="200" w:firstLine="640"/></w:pPr>'))
    normal.append(parse_xml(f"<w:rPr {W_NS}>" + _rpr(FACES["body"], 16)[7:]))
    for sid, name, ppr, face, size in (
        (
            "FZTitle",
            "FZ 标题",
            '<w:jc w:val="center"/><w:ind w:firstLineChars="0" w:firstLine="0"/>',
            FACES["title"],
            22,
        ),
        ("FZH1Base", "FZ 标题底", "", FACES["h1"], None),
        ("FZH1", "FZ 一级标题", "", None, None),
    ):
        based = "FZH1Base" if sid == "FZH1" else "Normal"
        root.append(
            parse_xml(
                f'<w:style {W_NS} w:type="paragraph" w:styleId="{sid}"><w:name w:val="{name}"/>'
                f'<w:basedOn w:val="{based}"/><w:pPr>{ppr}</w:pPr>{_rpr(face, size)}</w:style>'
            )
        )
    root.append(
        parse_xml(
            f'<w:style {W_NS} w:type="character" w:styleId="FZH2Char"><w:name w:val="FZ 二级标题字符"/>'
            f"{_rpr(FACES['h2'])}</w:style>"
        )
    )


def _defaults(data: bytes) -> bytes:
    """The "defaults" template: docDefaults set the body (size, indent, the theme's minor East Asian
    font, which the theme sets to 仿宋_GB2312; its major one to 方正小标宋简体)."""

    def styles(xml: bytes) -> bytes:
        xml = xml.replace(b'<w:sz w:val="22"/><w:szCs w:val="22"/>', b'<w:sz w:val="32"/><w:szCs w:val="32"/>', 1)
        return xml.replace(
            b'<w:spacing w:after="200" w:line="276" w:lineRule="auto"/>',
            b'<w:ind w:firstLineChars="200" w:firstLine="640"/>',
            1,
        )

    def theme(xml: bytes) -> bytes:
        from lxml import etree

        root = etree.fromstring(xml)
        for kind, face in (("minorFont", FACES["body"]), ("majorFont", FACES["title"])):
            for font in root.iter(_A + kind):
                for script in font.iter(_A + "font"):
                    if script.get("script") == "Hans":
                        script.set("typeface", face)
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)

    def settings(xml: bytes) -> bytes:
        return re.sub(rb"<w:themeFontLang [^>]*/>", b'<w:themeFontLang w:val="zh-CN" w:eastAsia="zh-CN"/>', xml)

    return edit_parts(data, {"word/styles.xml": styles, "word/theme/theme1.xml": theme, "word/settings.xml": settings})


def _own_rpr(via: str, kind: str, fault: dict) -> str:
    """A run's direct properties: a direct template sets every run; the others only what their styles
    or defaults do not (the title's theme font, the headings' faces); a fault is set on the run."""
    face, size, theme = fault.get("font"), fault.get("size"), None
    if via == "direct":
        face, size = face or FACES.get(kind, FACES["body"]), size or SIZES.get(kind, 16)
    elif via == "defaults" and kind == "title":
        size, theme = size or 22, None if face else "majorEastAsia"
    elif via == "defaults" and kind in ("h1", "h2"):
        face = face or FACES[kind]
    if via == "styles" and kind == "h2":
        return '<w:rPr><w:rStyle w:val="FZH2Char"/>' + _rpr(face, size)[7:-8] + "</w:rPr>"
    return _rpr(face, size, theme=theme)


def _paragraph(via: str, kind: str, line: str, faults: dict) -> str:
    fault = faults.get(kind, {})
    if kind == "closing":
        return f"<w:p>{_ppr(jc='right', first_chars=0)}{_run(line, _own_rpr(via, 'body', {}))}</w:p>"
    if kind == "title":
        style = "FZTitle" if via == "styles" else None
        jc = fault.get("align") if via == "styles" else fault.get("align", "center")
        return f"<w:p>{_ppr(style, jc, None if style else 0)}{_run(line, _own_rpr(via, kind, fault))}</w:p>"
    if kind == "h2":  # a run-in heading: "（一）加强组织领导。" then body text
        head, _, rest = line.partition("。")
        head += "。" if rest or line.endswith("。") else ""
        body = _run(rest, _own_rpr(via, "body", faults.get("body", {}))) if rest else ""
        indent = 2 if via == "direct" else None
        return f"<w:p>{_ppr(first_chars=indent)}{_run(head, _own_rpr(via, kind, fault))}{body}</w:p>"
    if kind in ("h1", "h3", "h4", "addressee"):
        style = "FZH1" if via == "styles" and kind == "h1" else None
        indent = 0 if kind == "addressee" else None
        return f"<w:p>{_ppr(style, first_chars=indent)}{_run(line, _own_rpr(via, kind, fault))}</w:p>"
    indent = fault.get("indent", 2 if via == "direct" else None)
    spacing = faults.get("line_spacing")
    return f"<w:p>{_ppr(first_chars=indent, spacing=spacing)}{_run(line, _own_rpr(via, kind, fault))}</w:p>"


def _section(faults: dict) -> str:
    page = {**PAGE, **faults.get("page", {})}
    t = {k: round(v * TWIPS_PER_MM) for k, v in page.items()}
    grid = ""
    if faults.get("grid", True):
        lines = faults.get("lines", 22)
        height_pt = (page["height"] - page["top"] - page["bottom"]) * 72 / 25.4
        grid = f'<w:docGrid w:type="lines" w:linePitch="{int(height_pt / lines * 20)}"/>'
    number = f'<w:pgNumType w:fmt="{faults["number_format"]}"/>' if "number_format" in faults else ""
    return (
        f'<w:pgSz w:w="{t["width"]}" w:h="{t["height"]}"/>'
        f'<w:pgMar w:top="{t["top"]}" w:right="{t["right"]}" w:bottom="{t["bottom"]}" w:left="{t["left"]}" '
        f'w:header="851" w:footer="992" w:gutter="0"/>{number}{grid}'
    )


def _footer_paragraph(pages: str, faults: dict) -> str:
    fault = faults.get("page_number", {})
    rpr = _rpr(fault.get("font", "宋体"), fault.get("size", 14), ascii_face=fault.get("font", "宋体"))
    before, after = fault.get("dashes", ("— ", " —"))
    side = fault.get(pages + "_align", "right" if pages == "odd" else "left")
    indent = {"right": 280} if side == "right" else {"left": 280}
    field = (
        f'<w:r>{rpr}<w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r>{rpr}<w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
        f'<w:r>{rpr}<w:fldChar w:fldCharType="separate"/></w:r>{_run("1", rpr)}'
        f'<w:r>{rpr}<w:fldChar w:fldCharType="end"/></w:r>'
    )
    runs = (_run(before, rpr) if before else "") + field + (_run(after, rpr) if after else "")
    return f"<w:p {W_NS}>{_ppr(jc=side, first_chars=0, **indent)}{runs}</w:p>"


def gbt_docx(text: str, via: str = "styles", **faults) -> bytes:
    """``text`` as a Word draft laid out by GB/T 9704-2012 (made ``via`` styles, direct formatting or
    the defaults and theme), with the faults asked for: page={...} (mm), grid=False, lines=N,
    line_spacing=PT, title/body/h1..h4={"font", "size", "align", "indent"}, number_format=,
    page_number={"font", "size", "dashes", "odd_even", "odd_align", "even_align", "none"}."""
    from docx import Document
    from docx.oxml import parse_xml

    document = Document()
    if via == "styles":
        _styles(document)
    body = document.element.body
    sect = body[-1]
    for child in list(body)[:-1]:
        body.remove(child)
    lines = text.split("\n")
    for number, line in enumerate(lines):
        sect.addprevious(
            parse_xml(
                _paragraph(via, role(number, line, len(lines)), line, faults).replace("<w:p>", f"<w:p {W_NS}>", 1)
            )
        )
    for child in list(sect):
        if child.tag.endswith(("}pgSz", "}pgMar", "}docGrid", "}cols")):
            sect.remove(child)
    for element in parse_xml(f"<w:x {W_NS}>{_section(faults)}</w:x>"):
        sect.append(element)
    numbers = faults.get("page_number", {})
    if not numbers.get("none"):
        odd_even = numbers.get("odd_even", True)
        section = document.sections[0]
        document.settings.odd_and_even_pages_header_footer = odd_even
        footers = [(section.footer, "odd")] + ([(section.even_page_footer, "even")] if odd_even else [])
        for footer, pages in footers:
            root = footer._element
            for p in list(root):
                root.remove(p)
            root.append(parse_xml(_footer_paragraph(pages, faults)))
    data = save(document)
    return _defaults(data) if via == "defaults" else data


def save(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def edit_parts(docx: bytes, edits: dict) -> bytes:
    """``docx`` with parts changed (name -> function of the old bytes)."""
    source, out = zipfile.ZipFile(io.BytesIO(docx)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in source.namelist():
            data = source.read(name)
            archive.writestr(name, edits[name](data) if name in edits else data)
    return out.getvalue()
