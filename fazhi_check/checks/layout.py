"""Check kinds that judge a Word draft's layout (GB/T 9704-2012): the page, the faces, sizes, alignment
and indent of the title, body and headings, the line grid and the page numbers. They read the Subject's
layout (only Word drafts have one) and the document model's roles (title, headings, body lines); many
paragraphs with one fault give one hit with their count."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from ..numerals import strip_trailing_date
from .base import Hit, Subject, check, whole_file

TYPE_CHECKING = False  # typing costs a run's start-up 2 ms: its names are for the type checker only
if TYPE_CHECKING:
    from typing import Any

# 号 names of the sizes Chinese Word offers, for messages ("四号（14磅）")
_SIZE_NAMES: dict[float, str]
_SIZE_NAMES = {42: "初号", 36: "小初", 26: "一号", 24: "小一", 22: "二号", 18: "小二", 16: "三号", 15: "小三"}
_SIZE_NAMES |= {14: "四号", 12: "小四", 10.5: "五号", 9: "小五", 7.5: "六号"}
_ALIGN_NAMES = {"left": ("左对齐", "left-aligned"), "center": ("居中", "centred"), "right": ("右对齐", "right-aligned")}
_ALIGN_NAMES |= {"both": ("两端对齐", "justified"), "distribute": ("分散对齐", "distributed")}
_WHERE = ("（共{count}段，如第{places}段）", " ({count} paragraphs, e.g. paragraphs {places})")
_PAGE_NUMBER_LINE = re.compile(r"\s*[-—–－]?\s*\d{1,4}\s*[-—–－]?\s*$")


def _size_name(size: float | None, lang: str) -> str:
    if size is None:
        return "未设置" if lang == "zh" else "not set"
    points = f"{size:g}"
    name = _SIZE_NAMES.get(size)
    if lang == "en":
        return f"{points} pt"
    return f"{name}（{points}磅）" if name else f"{points}磅"


def _same_face(face: str | None, faces: list[str]) -> bool:
    def key(name: str) -> str:
        return re.sub(r"[\s_\-]", "", name).lower()

    return face is not None and key(face) in {key(f) for f in faces}


def _majority(spans, start: int, end: int, attribute: str, weight) -> Any:
    counts: dict = {}
    for span in spans:
        if span.end > start and span.start < end and weight(span) > 0:
            value = getattr(span, attribute)
            counts[value] = counts.get(value, 0) + weight(span)
    return max(counts, key=counts.__getitem__) if counts else None


def _typed_indent(text: str) -> float:
    """Characters of indent typed as spaces ("　　" counts two, two half-width spaces one)."""
    lead = text[: len(text) - len(text.lstrip(" \u3000\t"))]
    return lead.count("\u3000") + lead.count(" ") / 2 + lead.count("\t") * 2


def _roles(doc, options: dict) -> dict[str, list[tuple[int, int, int]]]:
    """Paragraphs by role -> (line number, start, end) offsets of the text to judge."""
    roles: dict[str, list[tuple[int, int, int]]] = {r: [] for r in ("title", "body", "h1", "h2", "h3", "h4")}
    taken: set[int] = set()
    for line in doc.title.lines if doc.title else ():
        roles["title"].append((line.number, line.start + line.indent, line.end))
        taken.add(line.number)
    part_level = next((p.heading.line.kind for p in doc.parts if p.heading.line.kind in roles), "h1")
    for part in doc.parts:
        for heading in (part.heading, *part.subheadings):
            kind = heading.line.kind if heading.line.kind in ("h1", "h2", "h3", "h4") else part_level
            if heading is part.heading and heading.line.kind not in ("h1", "h2", "h3", "h4"):
                kind = part_level
            roles[kind].append((heading.line.number, heading.marker_start, heading.end))
            taken.add(heading.line.number)
    closing = {
        ln.number
        for ln in doc.lines[-4:]
        if ln is doc.date_line or (doc.issuer and strip_trailing_date(ln.text.strip()) == doc.issuer)
    }
    addressee = re.compile(options.get("addressee", r"$^"))
    for i, line in enumerate(doc.lines[doc.body_start :]):
        if line.number in taken or line.number in closing or _PAGE_NUMBER_LINE.match(line.text):
            continue
        if line.kind in ("h3", "h4"):
            roles[line.kind].append((line.number, line.start + line.indent, line.end))
        elif line.kind == "text" and not (i == 0 and addressee.search(line.text.strip())):
            roles["body"].append((line.number, line.start, line.end))
    return roles


_FORMAT_PARAMS = ("what", "what_en", "count", "where", "where_en", "found", "found_en", "due", "due_en")


@check("paragraph-format", text_level=True, params=_FORMAT_PARAMS)
def paragraph_format(subject: Subject, options: dict) -> Iterator[Hit]:
    """The title, body or headings not in their face, size, alignment or first-line indent; one hit
    per fault and found value, at its first paragraph, with the count."""
    doc, layout = subject.document, subject.layout
    if layout is None or doc is None:
        return
    roles = _roles(doc, options)
    tolerance, indent_tolerance = options.get("size_tolerance", 0.5), options.get("indent_tolerance", 0.3)
    groups: dict[tuple, list[int]] = {}
    for entry_at, entry in enumerate(options["formats"]):
        for number, start, end in roles[entry["paragraphs"]]:
            fmt = layout.paragraphs[number - 1] if number <= len(layout.paragraphs) else None
            if fmt is None or fmt.table or fmt.boxed or not fmt.spans:
                continue
            base = doc.index.line_span(number)[0]
            a, b = start - base, end - base
            face = _majority(fmt.spans, a, b, "east_asian", lambda s: s.east_asian_chars)
            if face is not None and not _same_face(face, entry["fonts"]):
                groups.setdefault((entry_at, "font", face), []).append(number)
            size = _majority(fmt.spans, a, b, "size", lambda s: s.end - s.start)
            if size is not None and abs(size - entry["size"]) > tolerance:
                groups.setdefault((entry_at, "size", size), []).append(number)
            if "align" in entry and fmt.align != entry["align"]:
                groups.setdefault((entry_at, "align", fmt.align), []).append(number)
            if "first_line_chars" in entry:
                indent = round(fmt.first_line + _typed_indent(doc.text[base + a : base + b]), 1)
                if abs(indent - entry["first_line_chars"]) > indent_tolerance:
                    groups.setdefault((entry_at, "indent", indent), []).append(number)
    places = options.get("places", 3)
    for (entry_at, fault, found), numbers in sorted(groups.items(), key=lambda g: (g[1][0], g[0][0], g[0][1])):
        entry = options["formats"][entry_at]
        start, end = doc.index.line_span(numbers[0])
        yield Hit(start, end, _format_params(entry, fault, found, numbers, places))


def _format_params(entry: dict, fault: str, found, numbers: list[int], places: int) -> dict:
    shown = "、".join(str(n) for n in numbers[:places])
    params = {
        "what": entry["label"],
        "what_en": entry.get("label_en", entry["label"]),
        "count": len(numbers),
        "where": _WHERE[0].format(count=len(numbers), places=shown) if len(numbers) > 1 else "",
        "where_en": _WHERE[1].format(count=len(numbers), places=", ".join(map(str, numbers[:places])))
        if len(numbers) > 1
        else "",
    }
    face_size = f"{entry['font_label']}（{entry['size_label']}）"
    face_size_en = f"{entry.get('font_label_en', entry['font_label'])} ({entry['size']:g} pt)"
    if fault == "font":
        params.update(found=f"字体为{found}", found_en=f"is set in {found}", due=face_size, due_en=face_size_en)
    elif fault == "size":
        params.update(found=f"字号为{_size_name(found, 'zh')}", found_en=f"is set at {_size_name(found, 'en')}")
        params.update(due=f"{entry['size_label']}（{entry['size']:g}磅）", due_en=f"{entry['size']:g} pt")
    elif fault == "align":
        zh, en = _ALIGN_NAMES.get(found, (found, found))
        due_zh, due_en = _ALIGN_NAMES.get(entry["align"], (entry["align"], entry["align"]))
        params.update(found=f"为{zh}", found_en=f"is {en}", due=due_zh, due_en=due_en)
    else:
        due = entry["first_line_chars"]
        params.update(found=f"首行缩进{found:g}字符", found_en=f"has a first-line indent of {found:g} characters")
        params.update(due=f"首行缩进{due:g}字符", due_en=f"a first-line indent of {due:g} characters")
    return params


@check("page-setup", text_level=True, params=("found", "found_en", "due", "due_en"))
def page_setup(subject: Subject, options: dict) -> Iterator[Hit]:
    """A section whose paper, top or left margin or text block differ from the standard's; sections
    with the same faults give one hit."""
    doc, layout = subject.document, subject.layout
    if layout is None or doc is None:
        return
    tolerance = options.get("tolerance", 1)
    groups: dict[tuple, list] = {}
    faults: Sequence[tuple[str, str]]  # a page's, then a group's
    for page in layout.pages:
        faults = _page_faults(page, options, tolerance)
        if faults:
            groups.setdefault(tuple(faults), []).append(page)
    due = options["due"]
    for faults, pages in groups.items():
        first = pages[0].first_line
        start, end = whole_file(doc) if first <= 1 else doc.index.line_span(first)
        sections = f"（共{len(pages)}节）" if len(pages) > 1 else ""
        yield Hit(
            start, end,
            {"found": "；".join(f[0] for f in faults) + sections, "found_en": "; ".join(f[1] for f in faults),
             "due": due, "due_en": options.get("due_en", due)},
        )  # fmt: skip


def _page_faults(page, options: dict, tolerance: float) -> list[tuple[str, str]]:
    def off(value, due) -> bool:
        return value is None or abs(value - due) > tolerance

    def mm(value) -> str:
        return "未设置" if value is None else f"{value:g} mm"

    faults = []
    if off(page.width, options["width"]) or off(page.height, options["height"]):
        faults.append(
            (f"纸张为{mm(page.width)} × {mm(page.height)}", f"the paper is {mm(page.width)} × {mm(page.height)}")
        )
    if off(page.top, options["top"]):
        faults.append((f"上边距为{mm(page.top)}", f"the top margin is {mm(page.top)}"))
    if off(page.left, options["left"]):
        faults.append((f"左边距为{mm(page.left)}", f"the left margin is {mm(page.left)}"))
    known = None not in (page.width, page.height, page.top, page.bottom, page.left, page.right)
    if known:
        width = round(page.width - page.left - page.right, 1)
        height = round(page.height - page.top - page.bottom, 1)
        if off(width, options["text_width"]) or off(height, options["text_height"]):
            faults.append((f"版心为{width:g} mm × {height:g} mm", f"the text block is {width:g} × {height:g} mm"))
    return faults


@check("line-grid", text_level=True, params=("found", "found_en", "lines"))
def line_grid(subject: Subject, options: dict) -> Iterator[Hit]:
    """Neither a document grid of ``lines`` lines a page nor fixed body line spacing in [min, max] pt."""
    doc, layout = subject.document, subject.layout
    if layout is None or doc is None or not layout.pages:
        return
    page = layout.pages[0]
    lines = None
    if page.grid and page.line_pitch and page.height is not None and page.top is not None and page.bottom is not None:
        lines = int((page.height - page.top - page.bottom) * 72 / 25.4 / page.line_pitch + 0.05)
        if lines == options["lines"]:
            return
    body = [layout.paragraphs[n - 1] for n, _, _ in _roles(doc, options)["body"] if n <= len(layout.paragraphs)]
    spacings = [(p.line_rule, round(p.line, 1)) for p in body if p.spans]
    spacing = max(set(spacings), key=spacings.count) if spacings else None
    if spacing and spacing[0] == "exact" and options["spacing_min"] <= spacing[1] <= options["spacing_max"]:
        return
    grid = f"文档网格为每页{lines}行" if lines else "未设置文档网格"
    grid_en = f"the document grid has {lines} lines a page" if lines else "there is no document grid"
    if spacing is None:
        said, said_en = "", ""
    elif spacing[0] == "exact":
        said, said_en = f"，正文行距为固定值{spacing[1]:g}磅", f", body lines are exactly {spacing[1]:g} pt apart"
    elif spacing[0] == "atLeast":
        said, said_en = f"，正文行距为最小值{spacing[1]:g}磅", f", body lines are at least {spacing[1]:g} pt apart"
    else:
        said, said_en = f"，正文行距为{spacing[1]:g}倍行距", f", body lines are {spacing[1]:g} times single spacing"
    yield Hit(*whole_file(doc), {"found": grid + said, "found_en": grid_en + said_en, "lines": options["lines"]})


@check("page-number", text_level=True, params=("found", "found_en"))
def page_number(subject: Subject, options: dict) -> Iterator[Hit]:
    """Page numbers missing, not Arabic, without a dash each side, not in the face and size asked, or
    not odd right / even left, one character in; one hit naming every fault."""
    doc, layout = subject.document, subject.layout
    if layout is None or doc is None:
        return
    faults = _page_number_faults(layout, options)
    if faults:
        found = "；".join(f[0] for f in faults)
        yield Hit(*whole_file(doc), {"found": found, "found_en": "; ".join(f[1] for f in faults)})


def _page_number_faults(layout, options: dict) -> list[tuple[str, str]]:
    numbers = layout.page_numbers
    if not numbers:
        return [("没有页码", "there are no page numbers")]
    faults = []
    formats = {p.number_format for p in layout.pages[:1]}
    if not formats <= {"decimal"} or any(re.search(r"\\\*\s*(?!arabic)\w+", n.instruction, re.I) for n in numbers):
        faults.append(("页码不是阿拉伯数字", "the page numbers are not Arabic numerals"))
    dashes = tuple(options["dashes"])
    if any(
        not n.before.rstrip(" \u3000").endswith(dashes) or not n.after.lstrip(" \u3000").startswith(dashes)
        for n in numbers
    ):
        shown = next(
            n
            for n in numbers
            if not n.before.rstrip(" \u3000").endswith(dashes) or not n.after.lstrip(" \u3000").startswith(dashes)
        )
        text = (shown.before + shown.number + shown.after).strip()
        faults.append((f"页码“{text}”两侧没有一字线", f"the page number “{text}” has no dash on each side"))
    face = next((n.font for n in numbers if not _same_face(n.font, options["fonts"])), "ok")
    if face != "ok":
        faults.append((f"页码字体为{face or '未设置'}", f"the page numbers are set in {face or 'no font'}"))
    size = next(
        (
            n.size
            for n in numbers
            if n.size is None or abs(n.size - options["size"]) > options.get("size_tolerance", 0.5)
        ),
        None,
    )
    if size is not None:
        faults.append((f"页码字号为{_size_name(size, 'zh')}", f"the page numbers are set at {_size_name(size, 'en')}"))
    if not layout.odd_even or {n.pages for n in numbers} != {"odd", "even"}:
        faults.append(
            ("单双页页码位置相同（未设置奇偶页不同）", "odd and even pages number alike (no odd/even footers)")
        )
        return faults
    one = options.get("indent_chars", 1) * options["size"]
    slack = options.get("indent_tolerance", 0.5) * options["size"]
    for n in numbers:
        side, inset = ("right", n.right) if n.pages == "odd" else ("left", n.left)
        typed = n.after if side == "right" else n.before
        typed_in = _typed_indent(typed[::-1] if side == "right" else typed) * options["size"]
        if n.align != side or abs(inset + typed_in - one) > slack:
            zh = "单页码" if n.pages == "odd" else "双页码"
            en = "odd" if n.pages == "odd" else "even"
            where, where_en = _ALIGN_NAMES.get(n.align, (n.align, n.align))
            faults.append(
                (
                    f"{zh}{where}、缩进{(inset + typed_in) / options['size']:.1f}字",
                    f"{en} page numbers are {where_en}, {(inset + typed_in) / options['size']:.1f} characters in",
                )
            )
    return faults
