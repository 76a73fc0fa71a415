"""Builds reports the way they are published: PDFs (reportlab, its built-in CJK font STSong-Light) with
margins, a running header, page numbers "- n -" and paragraphs wrapped at the right margin; and HTML pages
shaped like government sites' article pages (navigation, breadcrumb, title, 发布时间 line, article body,
footer, scripts).

    python tests/publish_fixtures.py OUT_DIR     # every seed as NAME.pdf and NAME.html
"""

from __future__ import annotations

import html
import io
import re
import sys
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

FONT = "STSong-Light"
SIZE = 14
_HEADING = re.compile(r"^(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[)）])")
pdfmetrics.registerFont(UnicodeCIDFont(FONT))


def _wrap(text: str, width: float) -> list[str]:
    lines, current = [], ""
    for ch in text:
        if current and pdfmetrics.stringWidth(current + ch, FONT, SIZE) > width:
            lines.append(current)
            current = ""
        current += ch
    return [*lines, current] if current else lines


def report_pdf(text: str, header: str = "法治政府建设年度报告", encrypt: str | None = None) -> bytes:
    """``text`` set on A4 pages: body paragraphs indented two characters and wrapped at the margin,
    headings and short lines as they are, a running header and "- n -" at the foot of every page."""
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4, encrypt=encrypt)
    width, height = A4
    left, right, top, bottom = 80, width - 80, height - 90, 90
    page, y = 1, top

    def furniture() -> None:
        pdf.setFont(FONT, 9)
        pdf.drawCentredString(width / 2, height - 50, header)
        pdf.drawCentredString(width / 2, 50, f"- {page} -")
        pdf.setFont(FONT, SIZE)

    furniture()
    for paragraph in text.split("\n"):
        paragraph = paragraph.strip()
        if not paragraph:
            continue
        body = not _HEADING.match(paragraph) and len(paragraph) > 30
        indent = 2 * SIZE if body else 0
        first, *rest = _wrap(paragraph, right - left - indent) or [""]
        rest = _wrap("".join(rest), right - left) if rest else []
        for i, line in enumerate([first, *rest]):
            if y < bottom:
                pdf.showPage()
                page, y = page + 1, top
                furniture()
            pdf.drawString(left + (indent if i == 0 else 0), y, line)
            y -= SIZE * 1.8
    pdf.save()
    return out.getvalue()


def scanned_pdf() -> bytes:
    """A page that is only a picture (what a scanner makes): no text layer."""
    from PIL import Image  # reportlab's own dependency
    from reportlab.lib.utils import ImageReader

    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4)
    pdf.drawImage(ImageReader(Image.new("L", (210, 297), 200)), 50, 50, 500, 700)
    pdf.save()
    return out.getvalue()


def report_html(text: str, published: str = "2025-03-20", lost_breaks: bool = False, charset: str = "utf-8") -> bytes:
    """``text`` as a government site's article page. The title goes into the page's h1, the rest into
    the article body, one <p> per line (with ``lost_breaks``: one <p> whose lines run together)."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    title_at = next((i for i, line in enumerate(lines) if line.endswith("报告")), None)
    title = lines[title_at] if title_at is not None else "政务公开"
    body_lines = lines if title_at is None else lines[:title_at] + lines[title_at + 1 :]
    if lost_breaks:
        article = "<p>" + "".join(html.escape(line) for line in body_lines) + "</p>"
    else:
        article = "\n".join(
            f"<p><strong>{html.escape(line)}</strong></p>" if _HEADING.match(line) else f"<p>{html.escape(line)}</p>"
            for line in body_lines
        )
    page = f"""<!DOCTYPE html>
<html><head><meta charset="{charset}"><title>{html.escape(title)}_某某区人民政府</title>
<meta name="PubDate" content="{published} 09:30">
<script>var _hmt = _hmt || []; document.write("统计代码");</script>
<style>.nav {{ color: red }}</style></head>
<body>
<div class="header"><div class="logo">某某区人民政府门户网站</div>
<ul class="nav"><li>首页</li><li>政务公开</li><li>政务服务</li><li>互动交流</li></ul></div>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; 法治政府建设</div>
<div class="main">
<h1 class="article-title">{html.escape(title)}</h1>
<div class="article-info">发布时间：{published} 09:30　来源：某某区司法局　浏览次数：1024　字号：【大 中 小】</div>
<div id="zoom" class="article-content TRS_Editor">
{article}
</div>
<div class="share">分享到：微信 微博</div>
<div class="related"><h3>相关文章</h3><ul><li>关于2023年法治政府建设情况的报告</li></ul></div>
</div>
<div class="footer">主办：某某区人民政府办公室　网站标识码：1234567890　ICP备案号：豫ICP备00000000号</div>
<script>console.log("footer")</script>
</body></html>
"""
    return page.encode(charset)


if __name__ == "__main__":
    target = Path(sys.argv[1])
    target.mkdir(parents=True, exist_ok=True)
    for seed in sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt")):
        text = seed.read_text("utf-8")
        (target / f"{seed.stem}.pdf").write_bytes(report_pdf(text))
        (target / f"{seed.stem}.html").write_bytes(report_html(text))
