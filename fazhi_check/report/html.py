"""One self-contained HTML page for a clerk: a verdict (通过 / 需修改 / 不合格), the required parts
present, folded or missing, then the report's text with every finding marked at its span, the findings
grouped by part, and each rule's explanation and legal basis a click away. No network, no external
asset; every piece of report text is escaped."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from html import escape
from typing import Any

from ..messages import say
from ..results import Result
from ..rulebook import Rule
from .escape import shown
from .tables import part_state, verdict
from .text import fix_hint

_RANK = {"error": 3, "warning": 2, "info": 1}
SPOOL = 8 * 1024**2  # the files' sections are kept in memory up to this size, then on disk
_LAYOUT = " layout"  # the group key of layout findings (no part kind)
__all__ = ["format_html", "verdict"]
_WORDS: dict[str, dict[str, Any]] = {
    "zh": {
        "title": "法治政府建设年度报告检查结果",
        "verdict": {"fail": "不合格", "revise": "需修改", "pass": "通过"},
        "verdict_note": {
            "fail": "有错误，须改正后再报送",
            "revise": "没有错误，但有警告，建议修改",
            "pass": "未发现错误或警告",
        },
        "counts": "错误 {error} 条 · 警告 {warning} 条 · 提示 {info} 条",
        "part": "部分",
        "state": "情况",
        "where": "位置",
        "present": "有",
        "folded": "并入其他部分",
        "missing": "缺少",
        "unjudged": "无法判断",
        "other": "其他部分",
        "findings": "问题清单",
        "text": "报告原文（问题处已标出）",
        "rule": "规则说明与依据",
        "general": "全文",
        "line": "第{line}行：",
        "none": "没有发现问题。",
        "meta": "标题：{title} · 发文机关：{issuer} · 报告年度：{year}（依据：{source}） · 成文日期：{date}",
        "unknown": "未知",
        "files": "共 {n} 个文件",
        "fix": "建议：",
        "layout": "版式（公文格式 GB/T 9704-2012）",
    },
    "en": {
        "title": "Rule-of-law government annual report check",
        "verdict": {"fail": "Fails", "revise": "Needs changes", "pass": "Passes"},
        "verdict_note": {
            "fail": "errors: correct them before submitting",
            "revise": "no errors, but warnings worth fixing",
            "pass": "no errors or warnings found",
        },
        "counts": "{error} error(s) · {warning} warning(s) · {info} info",
        "part": "Part",
        "state": "State",
        "where": "Where",
        "present": "present",
        "folded": "folded into another part",
        "missing": "missing",
        "unjudged": "cannot tell",
        "other": "Other parts",
        "findings": "Findings",
        "text": "The report's text, findings marked",
        "rule": "The rule and its basis",
        "general": "Whole report",
        "line": "line {line}: ",
        "none": "No findings.",
        "meta": "Title: {title} · Issuer: {issuer} · Report year: {year} ({source}) · Date: {date}",
        "unknown": "unknown",
        "files": "{n} file(s)",
        "fix": "Suggested: ",
        "layout": "Layout (GB/T 9704-2012)",
    },
}

_STYLE = """
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","PingFang SC",sans-serif;margin:0;
 color:#1d1d1f;background:#f5f5f7;line-height:1.6}
header.page{background:#1f3b63;color:#fff;padding:14px 24px}header.page h1{margin:0;font-size:20px}
main{padding:16px 24px}section.file{background:#fff;border-radius:8px;padding:16px 20px;margin-bottom:24px;
 box-shadow:0 1px 3px rgba(0,0,0,.12)}
.verdict{display:inline-block;font-size:22px;font-weight:700;padding:4px 18px;border-radius:6px;color:#fff}
.verdict.fail{background:#b3261e}.verdict.revise{background:#b26a00}.verdict.pass{background:#1b7f3b}
.small{font-size:13px;color:#555}
table.coverage{border-collapse:collapse;margin:12px 0}table.coverage td,table.coverage th{border:1px solid #ddd;
 padding:4px 10px;text-align:left}tr.missing td{background:#fde0dd;color:#8c1d18;font-weight:700}
tr.folded td{background:#fff4d6}tr.present td.state{color:#1b7f3b}
.columns{display:flex;gap:20px;align-items:flex-start}.findings{flex:0 0 34%;max-height:80vh;overflow:auto}
.text{flex:1;min-width:0}
pre.report{white-space:pre-wrap;word-break:break-all;font-family:inherit;background:#fcfcfd;border:1px solid #eee;
 padding:10px;margin:0}
.ln{display:inline-block;width:3.2em;color:#999;user-select:none;text-align:right;margin-right:.8em}
mark{padding:0 1px;border-radius:2px}mark.error{background:#ff9d9d}mark.warning{background:#ffd86b}
mark.info{background:#bfe3ff}
ul.list{list-style:none;padding:0;margin:0 0 10px}ul.list li{border-left:4px solid #ccc;padding:4px 8px;
 margin:4px 0;background:#fafafa}ul.list li.error{border-color:#b3261e}ul.list li.warning{border-color:#d39a00}
ul.list li.info{border-color:#2f7fc1}.code{font-weight:700;font-family:monospace}
details summary{cursor:pointer;color:#1f3b63;font-size:13px}details div{font-size:13px;color:#333}
nav.toc{background:#fff;padding:10px 20px;border-radius:8px;margin-bottom:20px}
"""


def format_html(results: Iterable[Result], rules: Sequence[Rule], version: str, lang: str = "zh") -> str:
    return "".join(html_pieces(results, rules, version, lang))


def html_pieces(results: Iterable[Result], rules: Sequence[Rule], version: str, lang: str = "zh") -> Iterator[str]:
    """The page in pieces. Each file's section is written to a temporary file as the file arrives (and
    its document let go), as the page's head counts the files and its contents list them first."""
    import tempfile

    words = _WORDS[lang]
    by_code = {rule.code: rule for rule in rules}
    listed: list[tuple[str, str]] = []  # each file's name and verdict, for the contents
    with tempfile.SpooledTemporaryFile(SPOOL, "w+", encoding="utf-8", newline="", errors="surrogatepass") as sections:
        for n, result in enumerate(results, 1):
            listed.append((result.path, verdict(result)))
            sections.write(_file(n, result, by_code, words, lang) + "\n")
        yield "\n".join(_head(listed, words, version, lang)) + "\n"
        sections.seek(0)
        while chunk := sections.read(1 << 20):
            yield chunk
    yield "</main></body></html>\n"


def _head(listed: list[tuple[str, str]], words: dict, version: str, lang: str) -> list[str]:
    """The page's lines before the files' sections: its head, and the contents where there are several."""
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{"zh-CN" if lang == "zh" else "en"}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(words['title'])}</title><style>{_STYLE}</style></head><body>",
        f'<header class="page"><h1>{escape(words["title"])}</h1>',
        f'<div class="small" style="color:#dde">fazhi-check {escape(version)} · '
        f"{escape(words['files'].format(n=len(listed)))}</div></header><main>",
    ]
    if len(listed) > 1:
        out.append('<nav class="toc"><ol>')
        for n, (path, state) in enumerate(listed, 1):
            out.append(
                f'<li><a href="#file-{n}">{escape(shown(path))}</a> '
                f'<span class="verdict {state}" style="font-size:13px;padding:0 8px">'
                f"{escape(words['verdict'][state])}</span></li>"
            )
        out.append("</ol></nav>")
    return out


def _file(n: int, result: Result, rules: dict, words: dict, lang: str) -> str:
    state = verdict(result)
    counts = {s: sum(1 for f in result.findings if f.severity == s) for s in _RANK}
    doc = result.document
    parts = [
        f'<section class="file" id="file-{n}"><h2>{escape(shown(result.path))}</h2>',
        f'<div><span class="verdict {state}" id="verdict-{n}">{escape(words["verdict"][state])}</span> '
        f'<span class="small">{escape(words["verdict_note"][state])} · {escape(words["counts"].format(**counts))}'
        "</span></div>",
    ]
    if doc is not None and doc.lines:
        parts.append(f'<p class="small">{escape(_meta(result, words, lang))}</p>')
        parts.append(_coverage(result, words, lang))
    parts.append('<div class="columns"><div class="findings">')
    parts.append(f"<h3>{escape(words['findings'])}</h3>")
    parts.append(_finding_list(n, result, rules, words, lang))
    parts.append('</div><div class="text">')
    if doc is not None and doc.lines:
        parts.append(f"<h3>{escape(words['text'])}</h3>")
        parts.append(_marked_text(n, result))
    parts.append("</div></div></section>")
    return "\n".join(parts)


def _meta(result: Result, words: dict, lang: str) -> str:
    doc = result.document
    assert doc is not None  # shown only for a document
    unknown = words["unknown"]
    return words["meta"].format(
        title=result.title or unknown,
        issuer=doc.issuer or unknown,
        year=result.report_year or unknown,
        source=say(f"source.{doc.report_year_source}", lang) if doc.report_year_source else unknown,
        date=doc.date.isoformat() if doc.date else unknown,
    )


def _coverage(result: Result, words: dict, lang: str) -> str:
    doc = result.document
    assert doc is not None  # shown only for a document
    vocab = doc.vocabulary
    rows = [
        f'<table class="coverage"><tr><th>{words["part"]}</th><th>{words["state"]}</th><th>{words["where"]}</th></tr>'
    ]
    for kind in vocab.required:
        state = part_state(result, kind)
        label = escape(vocab.label(kind, lang))
        if state == "present":
            part = doc.part_of(kind)
            assert part is not None  # it is present
            where = words["line"].format(line=part.heading.line.number) + doc.heading_text(part.heading)
        elif state == "folded":
            fold = next(f for f in doc.folds if f.kind == kind)
            where = words["line"].format(line=fold.line) + doc.text[fold.start : fold.end]
        else:
            where = ""
        state_word = words.get(state or "unjudged", words["unjudged"])
        rows.append(
            f'<tr class="{state or "unjudged"}"><td>{label}</td><td class="state">{escape(state_word)}</td>'
            f"<td>{escape(where)}</td></tr>"
        )
    rows.append("</table>")
    others = [p for p in doc.parts if p.kind == "other"]
    if others:
        listed = "；".join(doc.heading_text(p.heading) for p in others)
        rows.append(f'<p class="small">{escape(words["other"])}：{escape(listed)}</p>')
    return "\n".join(rows)


def _finding_list(n: int, result: Result, rules: dict, words: dict, lang: str) -> str:
    if not result.findings:
        return f"<p>{escape(words['none'])}</p>"
    vocab = result.document.vocabulary if result.document else None
    groups: dict[str | None, list] = {}
    for i, finding in enumerate(result.findings):
        rule = rules.get(finding.code)
        key = _LAYOUT if rule is not None and rule.group == "layout" else finding.section  # a 版式 section of its own
        groups.setdefault(key, []).append((i, finding))
    known = (*vocab.required, "other") if vocab else ("other",)
    order = [k for k in known if k in groups] + [k for k in groups if k not in known and k != _LAYOUT]
    order += [_LAYOUT] if _LAYOUT in groups else []
    out = []
    for kind in order:
        title = words["layout"] if kind == _LAYOUT else vocab.label(kind, lang) if kind and vocab else words["general"]
        out.append(f'<h4>{escape(title)}</h4><ul class="list">')
        for i, f in groups[kind]:
            rule = rules.get(f.code)
            fix = f'<div class="small">{escape(words["fix"])}{escape(fix_hint(f, lang))}</div>' if f.fix else ""
            page = f' <span class="small">{escape(say("report.page", lang, page=f.page))}</span>' if f.page else ""
            out.append(
                f'<li class="{f.severity}"><a href="#f{n}-{i}">{f.line}:{f.column}</a>{page} '
                f'<span class="code">{escape(f.code)}</span> {escape(f.message)}{fix}'
                + (_explanation(rule, words, lang) if rule else "")
                + "</li>"
            )
        out.append("</ul>")
    return "\n".join(out)


def _explanation(rule: Rule, words: dict, lang: str) -> str:
    references = "".join(f"<li>{escape(ref)}</li>" for ref in rule.references)
    summary = rule.summary_en if lang == "en" and rule.summary_en else rule.summary
    return (
        f"<details><summary>{escape(words['rule'])}</summary><div>"
        f"<p><b>{escape(rule.code)} {escape(rule.name)}</b>: {escape(summary)}</p>"
        f"<p>{escape(rule.rationale)}</p><ul>{references}</ul></div></details>"
    )


def _marked_text(n: int, result: Result) -> str:
    """The text, line by line, each finding's span marked in its severity's colour, an anchor at its start."""
    assert result.text is not None  # shown only for a document
    lines = result.text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    spans: dict[int, list[tuple[int, int, int, str]]] = {}
    for i, f in enumerate(result.findings):
        for line in range(f.line, f.end_line + 1):
            if 1 <= line <= len(lines):
                start = f.column - 1 if line == f.line else 0
                end = f.end_column - 1 if line == f.end_line else len(lines[line - 1])
                spans.setdefault(line, []).append((start, max(end, start), i if line == f.line else -1, f.severity))
    out = ['<pre class="report">']
    for number, text in enumerate(lines, 1):
        out.append(f'<span class="ln">{number}</span>{_marked_line(n, text, spans.get(number, []))}')
    out.append("</pre>")
    return "\n".join(out)


def _marked_line(n: int, text: str, spans: list[tuple[int, int, int, str]]) -> str:
    cuts = sorted({0, len(text), *(s for s, _, _, _ in spans), *(e for _, e, _, _ in spans)})
    anchors: dict[int, list[int]] = {}
    for start, _, index, _ in spans:
        if index >= 0:
            anchors.setdefault(start, []).append(index)
    pieces = []
    for a, b in zip(cuts, cuts[1:] or [len(text)]):
        pieces += [f'<span id="f{n}-{i}"></span>' for i in anchors.pop(a, [])]
        covering = [sev for s, e, _, sev in spans if s <= a and e >= b > a]
        piece = escape(text[a:b])
        if covering:
            severity = max(covering, key=_RANK.__getitem__)
            piece = f'<mark class="{severity}">{piece}</mark>'
        pieces.append(piece)
    for rest in anchors.values():  # anchors past the end of the line (an empty span at its end)
        pieces += [f'<span id="f{n}-{i}"></span>' for i in rest]
    return "".join(pieces)
