"""Turn results into text: the line-per-finding text format, JSON, GitHub annotations, statistics and
the outline. The first three stream: each file is written as its result arrives."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence

from ..results import SEVERITIES, Result
from .escape import json_safe, shown

SCHEMA_VERSION = 1


STREAMED = ("text", "json", "github")  # formats written file by file


class Tally:
    """The counts of a run, kept as results go by (a streamed report prints them at its end)."""

    def __init__(self, results: Iterable[Result] = ()) -> None:
        self.files, self.waived = 0, 0
        self.by_severity: Counter = Counter()
        self.by_code: Counter = Counter()
        for result in results:
            self.add(result)

    def add(self, result: Result) -> None:
        self.files += not result.waiver_file
        self.waived += len(result.waived)
        self.by_severity.update(f.severity for f in result.findings)
        self.by_code.update(f.code for f in result.findings)

    def merge(self, other: Tally) -> None:
        self.files += other.files
        self.waived += other.waived
        self.by_severity.update(other.by_severity)
        self.by_code.update(other.by_code)

    def to_dict(self) -> dict:
        return {
            "files": self.files,
            **{s: self.by_severity.get(s, 0) for s in SEVERITIES},
            "by_code": dict(sorted(self.by_code.items())),
            "waived": self.waived,
        }


def summary_line(tally: Tally, lang: str = "zh") -> str:
    s = tally.to_dict()
    if lang == "en":
        waived = f" ({s['waived']} waived)" if s["waived"] else ""
        return (
            f"{s['files']} file(s) checked: {s['error']} error(s), {s['warning']} warning(s), {s['info']} info{waived}"
        )
    waived = f"（另有 {s['waived']} 条已豁免）" if s["waived"] else ""
    return f"共检查 {s['files']} 个文件：错误 {s['error']} 条，警告 {s['warning']} 条，提示 {s['info']} 条{waived}"


def entry(result: Result, fmt: str, lang: str = "zh", quiet: bool = False) -> str:
    """One file's part of a streamed report (``fmt`` in STREAMED): its text lines, its JSON object
    or its GitHub annotations. A worker process can make it, so the main one only writes."""
    if fmt == "json":
        return json_safe(json.dumps(result.to_dict(), ensure_ascii=False))
    if fmt == "github":
        return "".join(_annotation(result.path, f) for f in result.findings)
    if quiet:
        return ""
    path = shown(result.path)
    return "".join(
        f"{path}:{f.line}:{f.column}: {f.code} [{f.severity}] {shown(f.message)} ({f.name})"
        + (f" «{shown(f.paragraph)}»" if f.paragraph else "")
        + "\n"
        for f in result.findings
    )


def streamed(
    entries: Iterable[tuple[str, Tally]], fmt: str, version: str, lang: str = "zh", tally: Tally | None = None
) -> Iterator[str]:
    """A report in ``fmt`` from each file's entry and counts, written as they arrive; ``tally`` (if
    given) holds the run's counts at the end. JSON gets one file per line: readable, easy to grep, and
    written by json's C encoder (an indented dump goes through its Python one, several times slower)."""
    tally = tally if tally is not None else Tally()
    if fmt == "json":
        tool = {"name": "fazhi-check", "version": version, "schema_version": SCHEMA_VERSION}
        yield f'{{\n  "tool": {json.dumps(tool)},\n  "files": ['
    separator = "\n    "
    for piece, counts in entries:
        tally.merge(counts)
        if fmt == "json":
            yield separator + piece
            separator = ",\n    "
        elif piece:
            yield piece
    if fmt == "json":
        closing = "" if separator == "\n    " else "\n  "  # an empty list stays []
        yield f'{closing}],\n  "summary": {json.dumps(tally.to_dict(), ensure_ascii=False)}\n}}\n'
    elif fmt == "text":
        yield summary_line(tally, lang) + "\n"


def _entries(results: Iterable[Result], fmt: str, lang: str = "zh", quiet: bool = False):
    return ((entry(r, fmt, lang, quiet), Tally((r,))) for r in results)


def format_text(results: Iterable[Result], lang: str = "zh", quiet: bool = False) -> str:
    """One line per finding, then the summary line."""
    return "".join(streamed(_entries(results, "text", lang, quiet), "text", "", lang))


def format_json(results: Iterable[Result], version: str) -> str:
    return "".join(streamed(_entries(results, "json"), "json", version))


def format_github(results: Iterable[Result]) -> str:
    """GitHub Actions workflow commands, one per finding, escaped as GitHub requires."""
    return "".join(streamed(_entries(results, "github"), "github", ""))


_GITHUB_LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def _annotation(path: str, f) -> str:
    props = {
        "file": path,
        "line": f.line,
        "col": f.column,
        "endLine": f.end_line,
        "endColumn": f.end_column,
        "title": f"{f.code} {f.name}",
    }
    joined = ",".join(f"{k}={shown(_escape_property(str(v)))}" for k, v in props.items())
    return f"::{_GITHUB_LEVELS[f.severity]} {joined}::{shown(_escape_data(f.message))}\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_statistics(results: Sequence[Result]) -> str:
    """How often each rule fired, most frequent first (like ruff --statistics)."""
    counts = Counter((f.code, f.name, f.severity) for r in results for f in r.findings)
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0][0]))
    width = max((len(str(n)) for _, n in rows), default=1)
    return "".join(f"{n:>{width}}  {code}  {name} [{severity}]\n" for (code, name, severity), n in rows)


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
            out.append("   " + shown(result.findings[0].message if result.findings else "(empty)"))
            continue
        source = doc.report_year_source or "-"
        fields = (
            ("标题", "title", result.title),
            ("发文机关", "issuer", doc.issuer),
            ("成文日期", "date", doc.date.isoformat() if doc.date else None),
            ("公开日期", "published", doc.published.isoformat() if doc.published else None),
            ("报告年度", "report year", f"{doc.report_year}（{source}）" if doc.report_year else None),
            ("安排年份", "plan year", doc.plan_year.value if doc.plan_year else None),
            ("年度报告", "annual report", ("是" if zh else "yes") if doc.is_annual_report else ("否" if zh else "no")),
        )
        for name_zh, name_en, value in fields:
            out.append(f"   {name_zh if zh else name_en}: {shown(str(value)) if value is not None else '-'}")
        for part in doc.parts:
            h = part.heading
            kinds = "+".join(k for k in (part.kind, *part.also) if k) or "-"
            recognised = how[part.kind_source][0 if zh else 1]
            year = f" {part.year.value}" if part.year else ""
            heading = shown(doc.heading_text(h))
            out.append(f"   {h.line.number:>4}  [{h.numeral or '·'}] {kinds} ({recognised}){year}  {heading}")
            for sub in part.subheadings:
                out.append(f"   {sub.line.number:>4}      [{sub.numeral or '·'}] {shown(doc.heading_text(sub))}")
        for fold in doc.folds:
            where = shown(doc.text[fold.start : fold.end])
            out.append(f"   {fold.line:>4}  {'并入' if zh else 'folded'}: {fold.kind} ({fold.via})  {where}")
    return "\n".join(out) + "\n"
