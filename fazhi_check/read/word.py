"""Word .docx -> the text the reader sees: one line per body paragraph, in document order (tables'
paragraphs included, headers, footers, footnotes and comments not). What Word shows is read: tracked
insertions and moves in, deletions and moved-away text out; hidden text out; a field's result, never
its instruction; content controls and text boxes where they stand (a text box's paragraphs join the
line of the paragraph that holds it); the numerals of automatic numbering put back. A table of
contents is no body text: its paragraphs stay, empty, so that line N is still body paragraph N."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from .errors import ReadError
from .numbering import Level, Numbering
from .package import Package
from .source import Source
from .styles import Styles, W

MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
MAX_FIELDS = 64  # fields nested deeper than this are read as text
MAX_BOX_DEPTH = 3  # text boxes inside text boxes
_CONTAINERS = {W + t for t in ("ins", "moveTo", "hyperlink", "smartTag", "customXml", "fldSimple", "bdo", "dir")}
_LEFT_OUT = {W + t for t in ("del", "moveFrom", "pPr", "rPr", "sdtPr", "sdtEndPr")}
_BLOCKS = {W + t for t in ("tbl", "tr", "tc", "customXml")}
_CHARACTERS = {W + "tab": "\t", W + "ptab": "\t", W + "br": " ", W + "cr": " ", W + "noBreakHyphen": "-"}
_TOC_GALLERY = "table of contents"


@dataclass
class Piece:
    """Text of a paragraph and the element it comes from: a w:t, w:tab, w:br … inside the run
    ``run``; both None for text the reader adds (a space between a text box's paragraphs)."""

    text: str
    run: Any | None = None  # lxml elements
    leaf: Any | None = None
    boxed: bool = False  # inside a text box: read, but not where the reviewed copy edits
    field: str | None = None  # the instruction of the field whose result this is ("PAGE")


@dataclass
class Paragraph:
    """One body paragraph as the reader sees it."""

    element: Any  # the w:p (lxml)
    style: str | None
    marker: str = ""  # the numeral Word draws, with its suffix
    pieces: list[Piece] = field(default_factory=list)
    table: bool = False
    boxed: bool = False  # holds a text box's text
    left_out: bool = False  # a table of contents' paragraph: no body text
    level: Level | None = None  # its numbering level, if it is numbered

    @property
    def text(self) -> str:
        if self.left_out:
            return ""
        text = self.marker + "".join(p.text for p in self.pieces)
        return text.replace("\n", " ").replace("\r", " ")


@dataclass
class _Field:
    instruction: str = ""
    result: bool = False  # past its separator: what follows is shown

    @property
    def toc(self) -> bool:
        return self.instruction.lstrip().upper().startswith("TOC")


class WordText:
    """Walks a package's body as Word lays it out."""

    def __init__(self, package: Package) -> None:
        self.package = package
        self.styles = Styles(package.part("styles", "word/styles.xml"))
        self.numbering = Numbering(package.part("numbering", "word/numbering.xml"), self.styles)
        self.fields: list[_Field] = []
        self.toc = False  # a TOC field's result was shown in the paragraph being read

    def paragraphs(self, root=None) -> Iterator[Paragraph]:
        """The body's paragraphs (or those of ``root``, a header or footer)."""
        body = self.package.xml("word/document.xml").find(W + "body") if root is None else root
        if body is None:
            raise ReadError("Word 文档已损坏：没有正文（w:body）", "a damaged Word document (no w:body)")
        self.fields = []
        yield from self._blocks(body, table=False, toc=False)

    def _blocks(self, element, table: bool, toc: bool) -> Iterator[Paragraph]:
        for child in element:
            tag = child.tag
            if tag == W + "p":
                yield self._paragraph(child, table, toc)
            elif tag == W + "sdt":
                gallery = child.find(f"{W}sdtPr/{W}docPartObj/{W}docPartGallery")
                inner = toc or (gallery is not None and (gallery.get(W + "val") or "").lower() == _TOC_GALLERY)
                content = child.find(W + "sdtContent")
                yield from self._blocks(content if content is not None else (), table, inner)
            elif tag in _BLOCKS:
                yield from self._blocks(child, table or tag != W + "customXml", toc)
            elif tag == MC + "AlternateContent":
                yield from self._blocks(_chosen(child), table, toc)

    def _paragraph(self, p, table: bool, toc: bool) -> Paragraph:
        ppr = p.find(W + "pPr")
        style = self.styles.paragraph_style(ppr)
        paragraph = Paragraph(p, style, table=table)
        self.toc = toc or self.styles.name(style).lower().startswith(("toc ", "toc heading"))
        self.toc = self.toc or any(f.toc and f.result for f in self.fields)
        self._inline(p, paragraph, style, paragraph.pieces, 0)
        mark = ppr.find(f"{W}rPr") if ppr is not None else None
        gone = mark is not None and (mark.find(W + "del") is not None or mark.find(W + "moveFrom") is not None)
        paragraph.left_out = self.toc
        if not (self.toc or (gone and not paragraph.pieces)):
            found = self.numbering.numbering_of(ppr, style)
            paragraph.marker = self.numbering.marker(found)
            paragraph.level = found[1] if found else None
        return paragraph

    def _inline(self, element, paragraph: Paragraph, style, out: list[Piece], depth: int) -> None:
        for child in element:
            tag = child.tag
            if not isinstance(tag, str) or tag in _LEFT_OUT:
                continue
            if tag == W + "r":
                self._run(child, paragraph, style, out, depth)
            elif tag == W + "fldSimple":
                simple = _Field(child.get(W + "instr") or "", result=True)
                if not simple.toc and len(self.fields) < MAX_FIELDS:
                    self.fields.append(simple)
                    self._inline(child, paragraph, style, out, depth)
                    self.fields.pop()
            elif tag in _CONTAINERS:
                self._inline(child, paragraph, style, out, depth)
            elif tag == W + "sdt":
                content = child.find(W + "sdtContent")
                if content is not None:
                    self._inline(content, paragraph, style, out, depth)
            elif tag == MC + "AlternateContent":
                self._inline(_chosen(child), paragraph, style, out, depth)

    def _run(self, run, paragraph: Paragraph, style, out: list[Piece], depth: int) -> None:
        rpr = run.find(W + "rPr")
        hidden = self.styles.hidden(style, rpr)
        for child in run:
            tag = child.tag
            if tag == W + "fldChar":
                self._field_char(child.get(W + "fldCharType"), run, child, out)
            elif tag == W + "instrText":
                if self.fields and not self.fields[-1].result:
                    self.fields[-1].instruction += child.text or ""
            elif hidden or not self._shown():
                continue
            elif tag == W + "t":
                out.append(Piece(child.text or "", run, child, field=self._field()))
            elif tag in _CHARACTERS:
                out.append(Piece(_CHARACTERS[tag], run, child, field=self._field()))
            elif tag in (W + "drawing", W + "pict", W + "object", MC + "AlternateContent") and depth < MAX_BOX_DEPTH:
                self._boxes(child, paragraph, out, depth)

    def _field_char(self, kind: str | None, run, leaf, out: list[Piece]) -> None:
        if kind == "begin" and len(self.fields) < MAX_FIELDS:
            self.fields.append(_Field())
        elif kind == "separate" and self.fields:
            self.fields[-1].result = True
        elif kind == "end" and self.fields:
            ended = self.fields.pop()
            if not ended.result and self._shown():  # no result kept: Word shows what it computes (PAGE)
                out.append(Piece("", run, leaf, field=ended.instruction.strip()))

    def _field(self) -> str | None:
        return self.fields[-1].instruction.strip() if self.fields else None

    def _shown(self) -> bool:
        """Whether text here is shown: no field around it is in its instruction; a TOC's is left out."""
        if any(f.toc and f.result for f in self.fields):
            self.toc = True
        return all(f.result for f in self.fields)

    def _boxes(self, element, paragraph: Paragraph, out: list[Piece], depth: int) -> None:
        """The paragraphs of the text boxes inside ``element`` (one choice of an AlternateContent),
        each joined to the line by a space."""
        for box in _text_boxes(_chosen(element) if element.tag == MC + "AlternateContent" else element):
            for p in box.findall(W + "p"):
                style = self.styles.paragraph_style(p.find(W + "pPr"))
                pieces: list[Piece] = []
                self._inline(p, paragraph, style, pieces, depth + 1)
                for piece in pieces:
                    piece.boxed = True
                if any(piece.text.strip() for piece in pieces):
                    if any(piece.text.strip() for piece in out):
                        out.append(Piece(" "))
                    out.extend(pieces)
                    paragraph.boxed = True


def _chosen(alternate):
    """The branch of an mc:AlternateContent that Word shows: its first Choice, else its Fallback."""
    choice = alternate.find(MC + "Choice")
    if choice is None:
        choice = alternate.find(MC + "Fallback")
    return choice if choice is not None else ()


def _text_boxes(element) -> Iterator:
    """w:txbxContent elements under ``element``, outermost only, one branch of each AlternateContent."""
    for child in element:
        if not isinstance(child.tag, str):
            continue
        if child.tag == W + "txbxContent":
            yield child
        elif child.tag == MC + "AlternateContent":
            yield from _text_boxes(_chosen(child))
        else:
            yield from _text_boxes(child)


def word_paragraphs(package: Package) -> list[Paragraph]:
    """Every body paragraph, in order, as the reader sees it."""
    return list(WordText(package).paragraphs())


def read_word(data: bytes) -> Source:
    """A .docx as a Source: its paragraphs as lines (and, for the layout rules, their formatting);
    a file that is no sound .docx raises ReadError."""
    try:
        package = Package(data)
        reader = WordText(package)
        paragraphs = list(reader.paragraphs())
        text = "\n".join(p.text for p in paragraphs)
        layout = _layout(reader, paragraphs)
    except ReadError:
        raise
    except Exception as e:  # lxml raises many kinds on a damaged package
        raise ReadError(
            f"Word 文档已损坏，无法读取（{type(e).__name__}）", f"a damaged Word document ({type(e).__name__})"
        ) from None
    return Source(text, "docx", paragraphs=True, layout=layout)


def _layout(reader: WordText, paragraphs: list[Paragraph]):
    """The draft's layout, or None where its formatting cannot be made out (the text is still checked;
    only the layout rules stay silent)."""
    from .formatting import read_layout

    try:
        return read_layout(reader, paragraphs)
    except ReadError:
        return None
    except Exception:  # a formatting part too damaged to read: no layout, not an unreadable draft
        return None


def read_docx(data: bytes) -> str:
    """The document's paragraphs as lines; a file that is no sound .docx raises ReadError."""
    return read_word(data).text


__all__ = ["Paragraph", "Piece", "WordText", "read_docx", "read_word", "word_paragraphs"]
