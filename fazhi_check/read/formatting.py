"""Effective formatting as Word applies it, read into a Layout: run properties from the document
defaults, the paragraph style and its basedOn chain, the character style and the run (the East Asian
font for Chinese text, theme fonts through the theme, w:hint for characters either font may set);
paragraph properties from the defaults, the style chain, the numbering level and the paragraph; each
section's page; the page numbers in the footers."""

from __future__ import annotations

from .layout import Layout, PageNumber, PageSetup, ParagraphFormat, Span
from .styles import Styles, W, is_on, small_int, val
from .word import Paragraph, WordText

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
TWIPS_PER_MM = 1440 / 25.4
DEFAULT_SIZE = 10.0  # points, where nothing sets w:sz
_SCRIPTS = {"zh-cn": "Hans", "zh-sg": "Hans", "zh-tw": "Hant", "zh-hk": "Hant", "zh-mo": "Hant", "ja-jp": "Jpan"}
_SLOTS = ("ascii", "hAnsi", "eastAsia", "cs")
_ALIGN = {"start": "left", "end": "right", "justify": "both", "lowKashida": "both", "mediumKashida": "both"}


def _east_asian(ch: str, hint: str | None) -> bool:
    """Whether Word sets ``ch`` in the East Asian font: CJK always, shared punctuation (“ ” — …) with
    w:hint="eastAsia"."""
    code = ord(ch)
    if 0x2E80 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or 0xFE30 <= code <= 0xFE4F:
        return True
    if 0xFF00 <= code <= 0xFFEF or 0x20000 <= code <= 0x3FFFF or 0xAC00 <= code <= 0xD7AF:
        return True
    shared = 0x2000 <= code <= 0x27BF or 0x00A1 <= code <= 0x00FF
    return shared and hint == "eastAsia"


class _Theme:
    """theme1.xml's major and minor fonts: Latin, East Asian, and the East Asian face by script."""

    def __init__(self, root, script: str) -> None:
        self.fonts: dict[str, str | None] = {}
        scheme = root.find(f"{A}themeElements/{A}fontScheme") if root is not None else None
        for kind in ("major", "minor"):
            node = scheme.find(A + kind + "Font") if scheme is not None else None
            if node is None:
                continue
            by_script = {f.get("script"): f.get("typeface") for f in node.findall(A + "font")}
            latin, ea = node.find(A + "latin"), node.find(A + "ea")
            self.fonts[kind + "HAnsi"] = self.fonts[kind + "Ascii"] = (
                latin.get("typeface") if latin is not None else None
            )
            east = ea.get("typeface") if ea is not None else None
            self.fonts[kind + "EastAsia"] = east or by_script.get(script)
            cs = node.find(A + "cs")
            self.fonts[kind + "Bidi"] = cs.get("typeface") if cs is not None else None

    def font(self, name: str) -> str | None:
        return self.fonts.get(name) or None


class Formatting:
    """Run and paragraph properties of one document, the inherited part of each cached."""

    def __init__(self, reader: WordText) -> None:
        package = reader.package
        self.styles: Styles = reader.styles
        settings = package.part("settings", "word/settings.xml")
        self.odd_even = bool(is_on(settings.find(W + "evenAndOddHeaders"))) if settings is not None else False
        lang = settings.find(W + "themeFontLang") if settings is not None else None
        script = _SCRIPTS.get(((lang.get(W + "eastAsia") if lang is not None else None) or "zh-CN").lower(), "Hans")
        self.theme = _Theme(package.part("theme"), script)
        self._inherited: dict[tuple, dict] = {}
        self._inherited_paragraph: dict[tuple, dict] = {}

    def run(self, paragraph_style: str | None, rpr) -> dict:
        """The run's properties: eastAsia, ascii, hAnsi (font names), hint, size (points)."""
        key = (paragraph_style, val(rpr, "rStyle"))
        if key not in self._inherited:
            props: dict = {}
            for el in self.styles.rpr_chain(*key):
                _merge_run(props, el)
            self._inherited[key] = props
        props = dict(self._inherited[key])
        if rpr is not None:
            _merge_run(props, rpr)
        for slot in _SLOTS:
            if isinstance(props.get(slot), tuple):
                props[slot] = self.theme.font(props[slot][1])
        return props

    def paragraph(self, paragraph: Paragraph) -> dict:
        """jc, the indents (twips and hundredths of a character) and the line spacing."""
        level = paragraph.level.ppr if paragraph.level is not None else None
        key = (paragraph.style, id(level))
        if key not in self._inherited_paragraph:
            props: dict = {}
            for el in (self.styles.doc_ppr, *(s.ppr for s in self.styles.chain(paragraph.style)), level):
                _merge_paragraph(props, el)
            self._inherited_paragraph[key] = props
        props = dict(self._inherited_paragraph[key])
        _merge_paragraph(props, paragraph.element.find(W + "pPr"))
        return props


def _merge_paragraph(props: dict, ppr) -> None:
    if ppr is None:
        return
    jc = val(ppr, "jc")
    if jc:
        props["jc"] = jc
    ind = ppr.find(W + "ind")
    if ind is not None:
        _merge_indent(props, ind)
    spacing = ppr.find(W + "spacing")
    if spacing is not None:
        for name in ("line", "lineRule"):
            if spacing.get(W + name) is not None:
                props[name] = spacing.get(W + name)


def _merge_run(props: dict, rpr) -> None:
    fonts = rpr.find(W + "rFonts")
    if fonts is not None:
        for slot in _SLOTS:
            theme, name = fonts.get(W + slot + "Theme"), fonts.get(W + slot)
            if theme:
                props[slot] = ("theme", theme)
            elif name:
                props[slot] = name
        if fonts.get(W + "hint"):
            props["hint"] = fonts.get(W + "hint")
    size = small_int(val(rpr, "sz"), 1, 3276)
    if size is not None:
        props["size"] = size / 2


def _merge_indent(props: dict, ind) -> None:
    values = {name: small_int(ind.get(W + name)) for name in ("firstLine", "firstLineChars", "hanging", "hangingChars")}
    if any(v is not None for v in values.values()):
        for name in ("firstLine", "firstLineChars", "hanging", "hangingChars"):
            props.pop(name, None)  # a first-line indent and a hanging one exclude each other
        props.update({k: v for k, v in values.items() if v is not None})
    for name, alias in (("left", "start"), ("right", "end"), ("leftChars", "startChars"), ("rightChars", "endChars")):
        value = small_int(ind.get(W + name) or ind.get(W + alias))
        if value is not None:
            props[name] = value


def _paragraph_format(formatting: Formatting, paragraph: Paragraph) -> ParagraphFormat:
    spans, column = [], len(paragraph.marker)
    for piece in paragraph.pieces:
        end = column + len(piece.text)
        if piece.run is not None and not piece.boxed and piece.text:
            props = formatting.run(paragraph.style, piece.run.find(W + "rPr"))
            east = sum(1 for ch in piece.text if _east_asian(ch, props.get("hint")))
            spans.append(
                Span(column, end, props.get("eastAsia"), props.get("ascii"), props.get("size", DEFAULT_SIZE), east)
            )
        column = end
    p = formatting.paragraph(paragraph)
    size = _main_size(spans) or formatting.run(paragraph.style, None).get("size", DEFAULT_SIZE)
    if p.get("firstLineChars") is not None or p.get("hangingChars") is not None:
        first = (p.get("firstLineChars") or 0) / 100 - (p.get("hangingChars") or 0) / 100
    else:
        first = ((p.get("firstLine") or 0) - (p.get("hanging") or 0)) / 20 / size
    left = p["leftChars"] / 100 * size if p.get("leftChars") is not None else (p.get("left") or 0) / 20
    right = p["rightChars"] / 100 * size if p.get("rightChars") is not None else (p.get("right") or 0) / 20
    rule = p.get("lineRule") or "auto"
    line = small_int(p.get("line"))
    spacing = (line / 240 if rule == "auto" else line / 20) if line else 1.0
    return ParagraphFormat(
        tuple(spans), _ALIGN.get(p.get("jc", "left"), p.get("jc", "left")), first, left, right, rule, spacing,
        paragraph.table, paragraph.boxed,
    )  # fmt: skip


def _main_size(spans) -> float | None:
    sizes: dict[float, int] = {}
    for span in spans:
        sizes[span.size] = sizes.get(span.size, 0) + span.end - span.start
    return max(sizes, key=sizes.__getitem__) if sizes else None


def _mm(value: str | None) -> float | None:
    number = small_int(value, 0, 10**6)
    return round(number / TWIPS_PER_MM, 1) if number is not None else None


def _page(sect, first: int, last: int) -> PageSetup:
    size, margins, grid = (sect.find(W + t) if sect is not None else None for t in ("pgSz", "pgMar", "docGrid"))

    def attribute(el, name):
        return el.get(W + name) if el is not None else None

    left = _mm(attribute(margins, "left"))
    left = left + (_mm(attribute(margins, "gutter")) or 0) if left is not None else None
    pitch = small_int(attribute(grid, "linePitch"), 1, 10**5)
    number = sect.find(W + "pgNumType") if sect is not None else None
    return PageSetup(
        first, last, _mm(attribute(size, "w")), _mm(attribute(size, "h")), _mm(attribute(margins, "top")),
        _mm(attribute(margins, "bottom")), left, _mm(attribute(margins, "right")),
        attribute(grid, "type") if attribute(grid, "type") != "default" else None,
        pitch / 20 if pitch else None, attribute(number, "fmt") or "decimal",
    )  # fmt: skip


def _sections(reader: WordText, paragraphs: list[Paragraph]) -> tuple[list[PageSetup], list]:
    """Each section's page and the w:sectPr it comes from (a paragraph's ends a section; the body's last)."""
    pages, sects, first = [], [], 1
    for number, paragraph in enumerate(paragraphs, 1):
        sect = paragraph.element.find(f"{W}pPr/{W}sectPr")
        if sect is not None:
            pages.append(_page(sect, first, number))
            sects.append(sect)
            first = number + 1
    body = reader.package.xml("word/document.xml").find(W + "body")
    last = body.find(W + "sectPr") if body is not None else None
    if last is not None or not pages:
        pages.append(_page(last, first, max(len(paragraphs), first)))
        sects.append(last)
    return pages, sects


def _page_numbers(reader: WordText, formatting: Formatting, sects: list) -> tuple[PageNumber, ...]:
    """The page number of the first section's footers (odd/even, or one for all pages)."""
    references: dict[str, str] = {}
    for sect in sects[:1]:
        for ref in sect.findall(W + "footerReference") if sect is not None else ():
            references.setdefault(ref.get(W + "type", "default"), ref.get(R + "id"))
    wanted = (("default", "odd"), ("even", "even")) if formatting.odd_even else (("default", "all"),)
    out = []
    for kind, pages in wanted:
        root = reader.package.by_id(references.get(kind))
        if root is None:
            continue
        for paragraph in reader.paragraphs(root):
            found = _page_number(formatting, paragraph, pages)
            if found:
                out.append(found)
                break
    return tuple(out)


def _page_number(formatting: Formatting, paragraph: Paragraph, pages: str) -> PageNumber | None:
    pieces = paragraph.pieces
    at = [
        i for i, p in enumerate(pieces) if (p.field or "").upper().startswith("PAGE") and (p.text.strip() or not p.text)
    ]
    if not at:
        return None
    number = pieces[at[0] : at[-1] + 1]
    assert number[0].run is not None  # a field's text comes from a run
    props = formatting.run(paragraph.style, number[0].run.find(W + "rPr"))
    p = _paragraph_format(formatting, paragraph)
    return PageNumber(
        pages, "".join(x.text for x in pieces[: at[0]]), "".join(x.text for x in number),
        "".join(x.text for x in pieces[at[-1] + 1 :]), p.align, p.left, p.right, props.get("ascii"),
        props.get("size", DEFAULT_SIZE), number[0].field or "",
    )  # fmt: skip


def read_layout(reader: WordText, paragraphs: list[Paragraph]) -> Layout:
    formatting = Formatting(reader)
    formats = tuple(
        ParagraphFormat(table=p.table, boxed=p.boxed) if p.left_out else _paragraph_format(formatting, p)
        for p in paragraphs
    )
    pages, sects = _sections(reader, paragraphs)
    return Layout(formats, tuple(pages), _page_numbers(reader, formatting, sects), formatting.odd_even)
