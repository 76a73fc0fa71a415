"""Reading inputs: bytes -> text with the encoding that decoded it, by the file's suffix (text, Markdown,
Word, old office files, PDF, web pages). Nothing downstream sees bytes."""

from __future__ import annotations

import os

from .encodings import byte_order_mark, decode
from .errors import ReadError
from .files import MAX_BYTES, read_bytes
from .source import Source

MARKDOWN_SUFFIXES = (".md", ".markdown")
WEB_SUFFIXES = (".html", ".htm")
# Office formats that LibreOffice converts to .docx where it is installed.
CONVERTIBLE = {".doc": "Word 97-2003 文档", ".wps": "WPS 文档", ".odt": "OpenDocument 文档", ".rtf": "RTF 文档"}
SUPPORTED_SUFFIXES = (".txt", ".docx", *MARKDOWN_SUFFIXES, *CONVERTIBLE, ".pdf", *WEB_SUFFIXES)
EDITABLE_SUFFIXES = (".txt", *MARKDOWN_SUFFIXES)  # what --fix rewrites; a Word file gets --annotate's copy

__all__ = [
    "CONVERTIBLE",
    "EDITABLE_SUFFIXES",
    "MARKDOWN_SUFFIXES",
    "MAX_BYTES",
    "SUPPORTED_SUFFIXES",
    "WEB_SUFFIXES",
    "ReadError",
    "Source",
    "byte_order_mark",
    "decode",
    "decode_source",
    "editable",
    "read_bytes",
    "read_path",
]


def editable(path: str) -> bool:
    """Whether --fix may rewrite the file at ``path``: plain text and Markdown only; a Word document,
    a PDF or a web page is not ours to rewrite."""
    return path.lower().endswith(EDITABLE_SUFFIXES)


def decode_source(data: bytes, path: str, encoding: str | None = None, vocabulary=None) -> Source:
    """Bytes of the file at ``path`` as text: a Word document by its paragraphs, else decoded text.
    ``vocabulary`` (the rule pack's) tells a web page's title and publication date."""
    suffix = os.path.splitext(path)[1].lower()
    if suffix == ".docx" or suffix in CONVERTIBLE:
        from .convert import word_bytes
        from .word import read_word

        return read_word(word_bytes(data, suffix))
    if suffix == ".pdf":
        from .pdf import read_pdf

        pdf = read_pdf(data)
        return Source(pdf.text, "pdf", pages=pdf.pages)
    if suffix in WEB_SUFFIXES:
        from .web import read_html

        page = read_html(data, encoding, vocabulary)
        return Source(page.text, page.encoding, published=page.published, published_source=page.published_source)
    source = decode(data, encoding)
    if suffix in MARKDOWN_SUFFIXES:
        from .markdown import strip_markdown

        text, offsets = strip_markdown(source.text)
        return Source(text, source.encoding, original=source.text, offsets=offsets)
    return source


def read_path(path: str, encoding: str | None = None, max_bytes: int = MAX_BYTES, vocabulary=None) -> Source:
    """Read and decode a file; every failure becomes a ReadError with a reason."""
    return decode_source(read_bytes(path, max_bytes), path, encoding, vocabulary)
