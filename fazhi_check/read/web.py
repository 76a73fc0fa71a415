"""A government site's article page (.html) -> the report's text and the page's publication date.

The article body is the element whose own paragraphs hold the most Chinese text; scripts, navigation,
breadcrumbs, headers, footers and share bars are dropped first. Block elements become lines. The title
(an h1/h2 or a "title" element before the body) leads the text when it names a 报告. The publication
date comes from a 发布时间 / 发布日期 line or a meta tag. lxml (already installed with python-docx)
parses the page."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from ..numerals import parse_published
from .encodings import decode
from .errors import ReadError

_DROP_TAGS = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "select", "button")
_DROP_NAMES = re.compile(
    r"nav|menu|breadcrumb|crumb|bread|position|location|dqwz|footer|foot|header|head-|share|sidebar|side-|"
    r"copyright|toolbar|print|search|login|related|xgwz|fenxiang",
    re.IGNORECASE,
)
_BLOCKS = {
    "p",
    "div",
    "section",
    "article",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "tr",
    "table",
    "ul",
    "ol",
    "blockquote",
    "pre",
    "center",
    "dd",
    "dt",
    "dl",
    "td",
    "th",
}
_CJK = re.compile(r"[\u4e00-\u9fff]")
_META_NAMES = ("pubdate", "publishdate", "firstpublishedtime", "article:published_time", "dc.date", "date")


@dataclass(frozen=True)
class WebText:
    text: str
    encoding: str | None
    published: datetime.date | None
    published_source: str | None = None


def read_html(data: bytes, encoding: str | None, vocabulary) -> WebText:
    """The page's article text and publication date; ``vocabulary`` (the rule pack's) tells the title
    and the date's label."""
    import lxml.html

    source = decode(data, encoding or _declared_charset(data))
    try:
        root = lxml.html.document_fromstring(source.text)
    except Exception as e:  # lxml raises ParserError and ValueError on pages with nothing in them
        raise ReadError(
            f"网页无法解析（{type(e).__name__}）", f"the page cannot be parsed ({type(e).__name__})"
        ) from None
    published_source: str | None
    published, published_source = _meta_date(root), "meta"
    if published is None:
        published = parse_published(root.text_content(), vocabulary.pattern("published_label"))
        published_source = "page" if published else None
    for element in root.xpath("//comment() | //processing-instruction()"):
        _remove(element)
    for element in list(root.iter(*_DROP_TAGS)):
        _remove(element)
    for element in list(root.iter()):
        names = f"{element.get('class', '')} {element.get('id', '')}"
        named = isinstance(element.tag, str) and element.tag not in ("html", "body") and _DROP_NAMES.search(names)
        if named and _cjk(element) < 200:  # a container named "main-head-content" can still hold the article
            _remove(element)
    body = _article(root)
    lines = _lines(body)
    title = _title(root, body, vocabulary.pattern("page_title"))
    if title and not any(title == line.strip() for line in lines[:5]):
        lines.insert(0, title)
    text = "\n".join(line.strip() for line in lines if line.strip())
    if not _CJK.search(text):
        raise ReadError("网页中没有找到正文", "no article text found on the page")
    return WebText(text, source.encoding, published, published_source)


def _declared_charset(data: bytes) -> str | None:
    m = re.search(rb"<meta[^>]+charset=[\"']?([A-Za-z0-9_-]+)", data[:4096], re.IGNORECASE)
    if not m:
        return None
    name = m.group(1).decode("ascii").lower()
    return "gb18030" if name in ("gb2312", "gbk", "gb18030") else name


def _remove(element) -> None:
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail
    if tail:  # keep the text that follows the removed element
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)


def _cjk(element) -> int:
    return len(_CJK.findall(element.text_content()))


def _article(root):
    """The element whose own lines (p children, and div children that hold no blocks of their own)
    have the most Chinese text: the innermost container of the article's paragraphs."""
    best, score = root.find("body") if root.find("body") is not None else root, 0
    for element in root.iter("div", "article", "section", "td", "main"):
        own = len(_CJK.findall(element.text or "")) + sum(
            _cjk(child) + len(_CJK.findall(child.tail or "")) for child in element if _is_line(child)
        )
        if own > score:
            best, score = element, own
    return best


def _is_line(element) -> bool:
    if not isinstance(element.tag, str):
        return False
    if element.tag in ("p", "h2", "h3", "h4", "h5", "h6", "br"):
        return True
    return element.tag == "div" and not any(
        isinstance(e.tag, str) and e.tag in _BLOCKS for e in element.iterdescendants()
    )


def _lines(element) -> list[str]:
    """Text with a line break around every block element and at every <br>."""
    parts: list[str] = []

    def walk(node) -> None:
        block = isinstance(node.tag, str) and node.tag in _BLOCKS
        if block:
            parts.append("\n")
        if node.tag == "br":
            parts.append("\n")
        parts.append(node.text or "")
        for child in node:
            if isinstance(child.tag, str):
                walk(child)
            parts.append(child.tail or "")
        if block:
            parts.append("\n")

    walk(element)
    return "".join(parts).replace("\xa0", " ").split("\n")


def _title(root, body, genre) -> str | None:
    """The page's heading for the article, when it names a report (``genre``) and stands outside the body."""
    candidates = root.xpath("//h1 | //h2 | //*[contains(@class, 'title')] | //*[contains(@id, 'title')]")
    for element in candidates:
        text = " ".join(element.text_content().split())
        if genre.search(text) and len(text) <= 80 and body not in element.iterancestors():
            return text
    title = root.find(".//title")
    if title is not None and title.text:
        text = re.split(r"[-_|—]", title.text.strip())[0].strip()
        return text if genre.search(text) else None
    return None


def _meta_date(root) -> datetime.date | None:
    for meta in root.iter("meta"):
        name = (meta.get("name") or meta.get("property") or "").lower()
        if name in _META_NAMES:
            date = parse_published(meta.get("content") or "")
            if date:
                return date
    return None
