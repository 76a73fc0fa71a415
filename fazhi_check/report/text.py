"""Turn results into text: the line-per-finding text format (info findings of a rule collapsed per file,
the errors listed again at the end), JSON and GitHub annotations, all streamed: each file is written
as its result arrives; and --statistics."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence

from ..messages import say
from ..read import editable
from ..results import SEVERITIES, Finding, Result
from .escape import json_safe, shown

SCHEMA_VERSION = 1
ERRORS_LISTED = 20  # errors repeated in the closing summary; the rest are counted


STREAMED = ("text", "json", "github")  # formats written file by file


class Tally:
    """The counts of a run, kept as results go by (a streamed report prints them at its end), and the
    error lines the text summary repeats."""

    def __init__(self, results: Iterable[Result] = (), lang: str = "zh") -> None:
        self.files, self.waived, self.fixable = 0, 0, 0
        self.by_severity: Counter = Counter()
        self.by_code: Counter = Counter()
        self.errors: list[str] = []  # the first ERRORS_LISTED errors, as the summary lists them
        for result in results:
            self.add(result, lang)

    def add(self, result: Result, lang: str = "zh") -> None:
        self.files += not result.waiver_file
        self.waived += len(result.waived)
        self.by_severity.update(f.severity for f in result.findings)
        self.by_code.update(f.code for f in result.findings)
        if editable(result.path):  # what --fix can apply: not in a Word file, a PDF or a web page
            self.fixable += sum(1 for f in result.findings if f.fix is not None and f.fix.safe)
        path = shown(result.path)
        for f in result.findings:
            if f.severity == "error" and len(self.errors) < ERRORS_LISTED:
                self.errors.append(f"  {path}:{f.line}:{f.column}: {f.code} {shown(f.message)}")

    def __getstate__(self) -> tuple:  # what a worker sends with each file: plain data, pickled fast
        return (self.files, self.waived, self.fixable, dict(self.by_severity), dict(self.by_code), self.errors)

    def __setstate__(self, state: tuple) -> None:
        self.files, self.waived, self.fixable, by_severity, by_code, self.errors = state
        self.by_severity, self.by_code = Counter(by_severity), Counter(by_code)

    def merge(self, other: Tally) -> None:
        self.files += other.files
        self.waived += other.waived
        self.fixable += other.fixable
        self.by_severity.update(other.by_severity)
        self.by_code.update(other.by_code)
        self.errors += other.errors[: max(0, ERRORS_LISTED - len(self.errors))]

    def to_dict(self) -> dict:
        return {
            "files": self.files,
            **{s: self.by_severity.get(s, 0) for s in SEVERITIES},
            "by_code": dict(sorted(self.by_code.items())),
            "waived": self.waived,
            "fixable": self.fixable,
        }


def summary_line(tally: Tally, lang: str = "zh") -> str:
    s = tally.to_dict()
    waived = say("report.waived", lang, count=s["waived"]) if s["waived"] else ""
    fixable = say("report.fixable", lang, count=s["fixable"]) if s["fixable"] else ""
    counts = {key: s[key] for key in ("files", *SEVERITIES)}
    return say("report.summary", lang, waived=waived, fixable=fixable, **counts)


def summary(tally: Tally, lang: str = "zh", quiet: bool = False) -> str:
    """What a clerk acts on, after the finding lines: the errors again, then the counts."""
    lines = []
    errors = tally.by_severity.get("error", 0)
    if errors and not quiet:
        lines += [say("report.errors-first", lang, count=errors), *tally.errors]
        if errors > len(tally.errors):
            lines.append("  " + say("report.more-errors", lang, count=errors - len(tally.errors)))
    return "".join(line + "\n" for line in [*lines, summary_line(tally, lang)])


def severity_word(severity: str, lang: str = "zh") -> str:
    return say(f"severity.{severity}", lang)


def collapsed(findings: Sequence[Finding], show_info: bool = False) -> list[tuple[Finding, int]]:
    """Each finding with how many it stands for: a rule's info findings in one file are one, at the
    first place (unless ``show_info``); errors and warnings always stand for themselves."""
    if show_info:
        return [(f, 1) for f in findings]
    counts = Counter(f.code for f in findings if f.severity == "info")
    seen: set[str] = set()
    out = []
    for f in findings:
        if f.severity != "info":
            out.append((f, 1))
        elif f.code not in seen:
            seen.add(f.code)
            out.append((f, counts[f.code]))
    return out


QUOTE_CHARS = 30  # at most this much of a finding's context is quoted on its line


def finding_line(path: str, f: Finding, count: int = 1, lang: str = "zh") -> str:
    """``path:line:col: CODE [severity] message (name)``, then the page of a PDF and the text it is about
    (a Word paragraph's first characters, else the finding's context)."""
    message = shown(f.message) + (say("report.collapsed", lang, count=count) if count > 1 else "")
    page = f" {say('report.page', lang, page=f.page)}" if f.page else ""
    quote = (f.paragraph or f.context or "").strip().replace("\n", "⏎")
    quote = quote if len(quote) <= QUOTE_CHARS else quote[:QUOTE_CHARS] + "…"  # a whole line is no short quote
    quoted = f" «{shown(quote)}»" if quote else ""
    return (
        f"{path}:{f.line}:{f.column}: {f.code} [{severity_word(f.severity, lang)}] {message} ({f.name}){page}{quoted}\n"
    )


def fix_hint(f: Finding, lang: str = "zh") -> str:
    """What the finding's fix does, said plainly ("删除空格", "改为“2025年”")."""
    if f.fix is None:
        return ""
    if f.fix.replacement:
        hint = say("fix.replace", lang, text=f.fix.replacement)
    elif (f.evidence or "").strip():
        hint = say("fix.delete", lang, text=f.evidence)
    else:
        hint = say("fix.delete-space", lang)
    return hint + ("" if f.fix.safe else say("fix.unsafe", lang))


def entry(result: Result, fmt: str, lang: str = "zh", quiet: bool = False, show_info: bool = False) -> str:
    """One file's part of a streamed report (``fmt`` in STREAMED): its text lines, its JSON object
    or its GitHub annotations. A worker process can make it, so the main one only writes."""
    if fmt == "json":
        return json_safe(json.dumps(result.to_dict(), ensure_ascii=False))
    if fmt == "github":
        return _annotations(result, lang)
    if quiet:
        return ""
    path = shown(result.path)
    return "".join(finding_line(path, f, n, lang) for f, n in collapsed(result.findings, show_info))


def streamed(
    entries: Iterable[tuple[str, Tally]],
    fmt: str,
    version: str,
    lang: str = "zh",
    tally: Tally | None = None,
    quiet: bool = False,
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
        yield summary(tally, lang, quiet)


def _entries(results: Iterable[Result], fmt: str, lang: str = "zh", quiet: bool = False, show_info: bool = False):
    return ((entry(r, fmt, lang, quiet, show_info), Tally((r,), lang)) for r in results)


def format_text(results: Iterable[Result], lang: str = "zh", quiet: bool = False, show_info: bool = False) -> str:
    """One line per finding (a rule's info findings in a file collapsed), then the summary."""
    return "".join(streamed(_entries(results, "text", lang, quiet, show_info), "text", "", lang, quiet=quiet))


def format_json(results: Iterable[Result], version: str) -> str:
    return "".join(streamed(_entries(results, "json"), "json", version))


def format_github(results: Iterable[Result], lang: str = "zh") -> str:
    """GitHub Actions workflow commands: one per error or warning, the info findings of a file in one
    notice (GitHub shows only a few annotations per step), escaped as GitHub requires."""
    return "".join(streamed(_entries(results, "github", lang), "github", ""))


def _annotations(result: Result, lang: str) -> str:
    out = [_annotation(result.path, f) for f in result.findings if f.severity != "info"]
    info = Counter(f.code for f in result.findings if f.severity == "info")
    if info:
        counts = "、".join(f"{code} ×{n}" for code, n in sorted(info.items()))
        message = say("report.notice", lang, count=sum(info.values()), counts=counts)
        out.append(f"::notice file={shown(_escape_property(result.path))},title=fazhi-check::{_escape_data(message)}\n")
    return "".join(out)


_GITHUB_LEVELS = {"error": "error", "warning": "warning"}


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


def format_statistics(results: Iterable[Result], summaries: dict[str, str], lang: str = "zh", fmt: str = "text") -> str:
    """How often each rule fired, most frequent first (like ruff --statistics); ``summaries`` gives each
    code's one-line summary in ``lang``. As JSON: a list of code, name, severity, count."""
    counts = Counter((f.code, f.name, f.severity) for r in results for f in r.findings)
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0][0]))
    if fmt == "json":
        listed = [{"code": c, "name": name, "severity": sev, "count": n} for (c, name, sev), n in rows]
        return json.dumps({"statistics": listed}, ensure_ascii=False, indent=2) + "\n"
    width = max((len(str(n)) for _, n in rows), default=1)
    return "".join(
        f"{n:>{width}}  {code}  [{severity_word(severity, lang)}] {summaries.get(code, '')} ({name})\n"
        for (code, name, severity), n in rows
    )
