"""Command line: parse argv, gather inputs, print a report, exit 0/1/2. No checking logic lives here."""

from __future__ import annotations

import argparse
import codecs
import datetime
import fnmatch
import os
import sys
from typing import Sequence

from . import __version__
from .api import Result, check_bytes, check_file
from .engine import SelectionError, select_rules
from .rulebook import Rule, RuleFileError, load_rules
from .source import MAX_BYTES, SUPPORTED_SUFFIXES

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
FORMATS = ("text", "json", "sarif", "github", "summary", "csv", "html")
PROGRESS_FROM = 5  # batches with more files than this show a progress bar on a terminal


def _codes(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


def _megabytes(value: str) -> int:
    try:
        size = float(value)
    except ValueError:
        size = -1
    if size <= 0:
        raise argparse.ArgumentTypeError(f"not a size in MB: '{value}'")
    return int(size * 1024 * 1024)


def _iso_date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in YYYY-MM-DD form: '{value}'") from None


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="fazhi-check",
        description="检查法治政府建设年度报告是否符合规定 / Check 法治政府建设 annual reports.",
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="files or folders; - reads stdin")
    p.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help="text (default), json, sarif, github (Actions annotations), summary (one row per file), csv, "
        "html (one self-contained page with a verdict; use -o)",
    )
    p.add_argument("--outline", action="store_true", help="print the outline as fazhi-check understood it")
    p.add_argument("--statistics", action="store_true", help="print how often each rule fired instead of findings")
    p.add_argument(
        "--select", type=_codes, action="extend", help="replace the default rules: codes, prefixes, names, groups"
    )
    p.add_argument("--extend-select", type=_codes, action="extend", default=[], help="add rules to the selection")
    p.add_argument("--ignore", type=_codes, action="extend", default=[], help="leave rules out (FZ001 cannot be)")
    p.add_argument("--encoding", help="read text files in this encoding instead of detecting it (e.g. big5)")
    p.add_argument(
        "--exclude", action="append", default=[], metavar="GLOB", help="skip files and folders matching GLOB"
    )
    p.add_argument("--stdin-filename", metavar="NAME", help="the name shown for - (its suffix tells the format)")
    p.add_argument(
        "--max-size", type=_megabytes, default=MAX_BYTES, metavar="MB", help="skip larger files (default 50 MB)"
    )
    p.add_argument("--rules", action="append", default=[], metavar="DIR", help="an extra rule pack (YAML files)")
    p.add_argument("--year", type=int, help="the report year, overriding what the text says")
    p.add_argument(
        "--published", type=_iso_date, metavar="YYYY-MM-DD", help="the date the report was made public (FZ208)"
    )
    p.add_argument("--lang", choices=("zh", "en"), default="zh", help="language of messages")
    p.add_argument("--strict", action="store_true", help="warnings fail too")
    p.add_argument("--quiet", action="store_true", help="print only the summary line")
    p.add_argument("--exit-zero", action="store_true", help="always exit 0")
    p.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE")
    p.add_argument("--list-rules", action="store_true", help="list the rules and exit")
    p.add_argument("--explain", metavar="CODE", help="show a rule's page and exit")
    p.add_argument("--version", action="version", version=f"fazhi-check {__version__}")
    return p


def expand(paths: Sequence[str], exclude: Sequence[str] = ()) -> list[str]:
    """Files as given; folders become their supported files (hidden entries and ``exclude`` globs
    skipped; symbolic links to folders not followed, so a link loop cannot trap the walk)."""
    out = []
    for path in paths:
        if path != "-" and os.path.isdir(path):
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not _excluded(root, d, exclude))
                out += [
                    os.path.join(root, f)
                    for f in sorted(files)
                    if not f.startswith(".")
                    and f.lower().endswith(SUPPORTED_SUFFIXES)
                    and not _excluded(root, f, exclude)
                ]
        elif not _excluded("", path, exclude):
            out.append(path)
    return out


def _excluded(root: str, name: str, globs: Sequence[str]) -> bool:
    """Whether a glob matches the entry's name or its path ("drafts/old/*", "*.bak.txt", "old")."""
    path = os.path.join(root, name).replace(os.sep, "/")
    return any(fnmatch.fnmatch(name, g) or fnmatch.fnmatch(path, g) or fnmatch.fnmatch(path, "*/" + g) for g in globs)


def _fail(message: str) -> int:
    print(f"fazhi-check: {message}", file=sys.stderr)
    return EXIT_USAGE


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):  # a terminal that cannot show Chinese gets "?", not a traceback
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    args = _parser().parse_args(argv)
    try:
        pack = load_rules(args.rules)
        selected = select_rules(pack, args.select, args.extend_select, args.ignore)
    except RuleFileError as e:
        return _fail(f"bad rule file {e.path}: at {e.json_path}: {e.message}")
    except SelectionError as e:
        return _fail(str(e))
    if args.encoding:
        try:
            codecs.lookup(args.encoding)
        except LookupError:
            return _fail(f"unknown encoding '{args.encoding}'")

    if args.list_rules or args.explain:
        from . import ruledocs

        if args.list_rules:
            return _emit(ruledocs.format_rule_table(pack.rules, args.lang), args.output)
        rule = pack.get(args.explain)
        if rule is None:
            return _fail(f"no rule '{args.explain}' (see --list-rules)")
        return _emit(ruledocs.format_rule_page(rule, pack), args.output)

    if not args.paths:
        return _fail("no PATH given (try: fazhi-check seeds/)")

    files = expand(args.paths, args.exclude)
    if not files:
        print(f"fazhi-check: no supported files found ({', '.join(SUPPORTED_SUFFIXES)})", file=sys.stderr)
    options = dict(
        year=args.year,
        published=args.published,
        select=args.select,
        extend_select=args.extend_select,
        ignore=args.ignore,
        rules=pack,
        lang=args.lang,
        encoding=args.encoding,
    )
    shown_stdin = args.stdin_filename or "-"
    paths = sorted(set(files))  # sorted by file, once each
    results = [_check(path, shown_stdin, args.max_size, options) for path in _with_progress(paths, sys.stderr)]
    if args.outline:  # a look at how the report was read, not a check: it does not fail
        from .formatters import format_outline

        return _emit(format_outline(results, args.lang), args.output)
    status = _emit(_report(results, args, selected), args.output)
    if status != EXIT_OK or args.exit_zero:
        return status
    failing = ("error", "warning") if args.strict else ("error",)
    return EXIT_FINDINGS if any(f.severity in failing for r in results for f in r.findings) else EXIT_OK


def _report(results: list[Result], args: argparse.Namespace, rules: tuple[Rule, ...]) -> str:
    """The report in the chosen format; formatters that are not used are not imported."""
    if args.statistics:
        from .formatters import format_statistics

        return format_statistics(results)
    if args.format == "html":
        from .htmlreport import format_html

        return format_html(results, rules, __version__, args.lang)
    if args.format == "sarif":
        from .sarif import format_sarif

        return format_sarif(results, rules, __version__)
    if args.format in ("summary", "csv"):
        from . import tables

        return (tables.format_csv if args.format == "csv" else tables.format_summary)(results, args.lang)
    from . import formatters

    if args.format == "json":
        return formatters.format_json(results, __version__)
    if args.format == "github":
        return formatters.format_github(results)
    return formatters.format_text(results, args.lang, args.quiet)


def _with_progress(paths: list[str], stream):
    """``paths``, with a progress bar on ``stream`` for a batch on a terminal (tqdm)."""
    if len(paths) <= PROGRESS_FROM or not stream.isatty():
        return paths
    from tqdm import tqdm

    return tqdm(paths, file=stream, unit="file", leave=False)


def _check(path: str, shown_stdin: str, max_bytes: int, options: dict) -> Result:
    if path == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
        return check_bytes(data, path=shown_stdin, max_bytes=max_bytes, **options)
    return check_file(path, max_bytes=max_bytes, **options)


def _emit(text: str, output: str | None) -> int:
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return EXIT_OK
    try:
        with open(output, "w", encoding="utf-8", newline="") as f:
            f.write(text)
    except OSError as e:
        return _fail(f"cannot write {output}: {e.strerror or e}")
    return EXIT_OK
