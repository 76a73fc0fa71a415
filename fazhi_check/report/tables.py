"""The reviewer's view of a folder: one row per file (its verdict, issuer, title, year, each required
part present / folded / missing, counts, codes, and why an unreadable file could not be read), then a
totals row; as an aligned table or as CSV for Excel."""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Iterable

from ..messages import say
from ..results import Result
from ..vocabulary import Vocabulary
from .escape import shown

_BEFORE = {"zh": ("文件", "发文机关", "标题", "报告年度"), "en": ("file", "issuer", "title", "report year")}
_AFTER = {
    "zh": ("安排年份", "错误", "警告", "提示", "规则"),
    "en": ("plan year", "errors", "warnings", "info", "codes"),
}
_RANK = {"error": 3, "warning": 2, "info": 1}


def verdict(result: Result) -> str:
    """fail (an error), revise (a warning), or pass: the HTML report's verdict too."""
    worst = max((_RANK[f.severity] for f in result.findings), default=0)
    return "fail" if worst == 3 else "revise" if worst == 2 else "pass"


STATES = {
    "zh": {"present": "有", "folded": "并入", "missing": "缺", None: "—"},
    "en": {"present": "present", "folded": "folded", "missing": "missing", None: "—"},
}


def part_state(result: Result, kind: str) -> str | None:
    """present / folded / missing, or None where the file is no report that can be judged."""
    return result.facts.parts.get(kind) if result.facts else None


def headers(vocabulary: Vocabulary, lang: str = "zh") -> tuple[str, ...]:
    """The columns: the file, its verdict and what it says about itself, one column per required part
    (its short label in the vocabulary), the plan year, the counts, the codes and why it was unreadable."""
    parts = tuple(vocabulary.short_label(kind, lang) for kind in vocabulary.required)
    file, *about = _BEFORE[lang]
    return (file, say("table.verdict", lang), *about, *parts, *_AFTER[lang], say("table.reason", lang))


def rows(results: Iterable[Result], vocabulary: Vocabulary, lang: str = "zh") -> list[tuple[str, ...]]:
    """The header, one row per file, and the totals row (``results`` may be given as they come: each
    is let go once its row is made)."""
    out: list[tuple[str, ...]] = [headers(vocabulary, lang)]
    totals = {"error": 0, "warning": 0, "info": 0}
    verdicts = {"fail": 0, "revise": 0, "pass": 0}
    for r in results:
        facts = r.facts
        count = {s: sum(1 for f in r.findings if f.severity == s) for s in ("error", "warning", "info")}
        plan_year = facts.plan_year if facts else None
        state = verdict(r)
        verdicts[state] += 1
        for severity, n in count.items():
            totals[severity] += n
        unreadable = next((f.message for f in r.findings if f.code == "FZ001"), "")
        out.append(
            (
                r.path,
                say(f"verdict.{state}", lang),
                (facts.issuer if facts else None) or "",
                r.title or "",
                str(r.report_year or ""),
                *(STATES[lang][part_state(r, kind)] for kind in vocabulary.required),
                str(plan_year or ""),
                str(count["error"]),
                str(count["warning"]),
                str(count["info"]),
                " ".join(sorted({f.code for f in r.findings if f.severity != "info"})),
                unreadable,
            )
        )
    shown_verdicts = " ".join(f"{say(f'verdict.{v}', lang)} {n}" for v, n in verdicts.items())
    parts = [""] * (len(vocabulary.required) + 2)  # report year, the parts, plan year
    files = say("table.files", lang, count=len(out) - 1)
    totals_row = (say("table.totals", lang), shown_verdicts, "", files, *parts, *map(str, totals.values()))
    out.append((*totals_row, "", ""))
    return out


def _width(text: str) -> int:
    """Columns a terminal gives ``text``: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def format_summary(results: Iterable[Result], vocabulary: Vocabulary, lang: str = "zh") -> str:
    table = [tuple(map(shown, row)) for row in rows(results, vocabulary, lang)]
    widths = [max(_width(row[i]) for row in table) for i in range(len(table[0]))]
    lines = ["  ".join(cell + " " * (w - _width(cell)) for cell, w in zip(row, widths)).rstrip() for row in table]
    return "\n".join(lines) + "\n"


def format_csv(results: Iterable[Result], vocabulary: Vocabulary, lang: str = "zh") -> str:
    """CSV that Excel opens correctly: a UTF-8 BOM first (the caller writes UTF-8), CRLF line ends."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(
        tuple(map(_cell, row)) for row in rows(results, vocabulary, lang)
    )
    return "\ufeff" + buffer.getvalue()


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(text: str) -> str:
    """A CSV cell Excel shows as text: one starting like a formula gets a leading ' (OWASP's advice),
    control characters and undecodable bytes of a file name visible escapes."""
    text = shown(text)
    return "'" + text if text.startswith(_FORMULA_START) else text
