"""--outline: how fazhi-check read each report (title, issuer, dates, report year and where it came from,
each level-1 part with its kind and how it was recognised, folded parts), in the user's language."""

from __future__ import annotations

from collections.abc import Sequence

from ..messages import MESSAGES, say
from ..results import Result
from .escape import shown


def _bracketed(text: str, lang: str) -> str:
    return f"（{text}）" if lang != "en" else f" ({text})"


def _colon(lang: str) -> str:
    return "：" if lang != "en" else ": "


def format_outline(results: Sequence[Result], lang: str = "zh") -> str:
    """The outline as fazhi-check understood it: title, issuer, date, report year and where it came
    from, then each level-1 part (numeral, kind and how it was recognised, year, sub-headings) and
    each folded part, so a clerk or rule author can see why a part was or was not recognised."""
    zh = lang == "zh"
    how = {
        "heading": ("标题写明", "named by its heading"),
        "body": ("标题提示、正文确认", "heading hint confirmed by the body"),
        "position": ("按位置推定", "from its position"),
        None: ("未识别", "not recognised"),
    }
    out = []
    for result in results:
        doc = result.document
        out.append(f"== {shown(result.path)}")
        if doc is None or not doc.lines:
            out.append("   " + shown(result.findings[0].message if result.findings else say("outline.empty", lang)))
            continue
        assert result.facts is not None  # a document comes with its facts
        vocab = doc.vocabulary
        source = say(f"source.{doc.report_year_source}", lang) if doc.report_year_source else "-"
        fields = (
            ("标题", "title", result.title),
            ("发文机关", "issuer", doc.issuer),
            ("成文日期", "date", doc.date.isoformat() if doc.date else None),
            ("公开日期", "published", doc.published.isoformat() if doc.published else None),
            ("报告年度", "report year", f"{doc.report_year}{_bracketed(source, lang)}" if doc.report_year else None),
            ("安排年份", "plan year", doc.plan_year.value if doc.plan_year else None),
            (
                "年度报告",
                "annual report",
                ("是" if zh else "yes") if result.facts.is_report else ("否" if zh else "no"),
            ),
        )
        for name_zh, name_en, value in fields:
            out.append(
                f"   {name_zh if zh else name_en}{_colon(lang)}{shown(str(value)) if value is not None else '-'}"
            )
        for part in doc.parts:
            h = part.heading
            kinds = "+".join(vocab.label(k, lang) for k in (part.kind, *part.also) if k) or "-"
            recognised = how[part.kind_source][0 if zh else 1]
            year = f" {part.year.value}" if part.year else ""
            heading = shown(doc.heading_text(h))
            out.append(
                f"   {h.line.number:>4}  [{h.numeral or '·'}] {kinds}{_bracketed(recognised, lang)}{year}  {heading}"
            )
            for sub in part.subheadings:
                out.append(f"   {sub.line.number:>4}      [{sub.numeral or '·'}] {shown(doc.heading_text(sub))}")
        for fold in doc.folds:
            where = shown(doc.text[fold.start : fold.end])
            via = say(f"via.{fold.via}", lang) if f"via.{fold.via}" in MESSAGES else fold.via
            kind = vocab.label(fold.kind, lang)
            out.append(
                f"   {fold.line:>4}  {say('outline.folded', lang)}{_colon(lang)}{kind}{_bracketed(via, lang)}  {where}"
            )
    return "\n".join(out) + "\n"
