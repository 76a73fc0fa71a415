"""Command line: parse argv, gather inputs, print a report, exit 0/1/2 (3: an internal error, 130: an
interrupt). No checking logic lives here."""

from __future__ import annotations

import argparse
import codecs
import datetime
import fnmatch
import os
import sys
from collections.abc import Iterable, Iterator, Sequence

from . import __version__, batch, budget, runner
from .config import Resolver
from .datafiles import DataFileError
from .engine import SelectionError, select_rules
from .messages import say
from .read import MAX_BYTES, SUPPORTED_SUFFIXES
from .report.escape import shown as shown_path
from .report.text import STREAMED, Tally, format_github, format_json, format_text, streamed
from .results import Result
from .rulebook import Rule, load_rules

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL, EXIT_INTERRUPTED = 0, 1, 2, 3, 130
EXIT_BROKEN_PIPE = 141  # as a process killed by SIGPIPE (128 + 13): the reader went away
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


def _seconds(value: str) -> float | None:
    try:
        seconds = float(value)
    except ValueError:
        seconds = -1
    if not seconds >= 0:
        raise argparse.ArgumentTypeError(f"not a number of seconds: '{value}'")
    return seconds or None


def _memory(value: str) -> int | None:
    return None if value.strip() in ("0", "0.0") else _megabytes(value)


def _jobs(value: str) -> int:
    if not value.isdigit():
        raise argparse.ArgumentTypeError(f"not a number of processes: '{value}'")
    return int(value)


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
    p.add_argument(
        "--timeout",
        type=_seconds,
        default=budget.DEFAULT_SECONDS,
        metavar="SECONDS",
        help=f"each file's time budget (default {budget.DEFAULT_SECONDS:g}; 0: none); past it the file gets FZ001",
    )
    p.add_argument(
        "--max-memory",
        type=_memory,
        default=budget.DEFAULT_MEMORY,
        metavar="MB",
        help=f"each file's memory budget (default {budget.DEFAULT_MEMORY // 1024**2}; 0: none)",
    )
    p.add_argument("--debug", action="store_true", help="show the traceback of an internal error")
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
    p.add_argument("--fix", action="store_true", help="apply every safe fix to .txt and .md files, in place")
    p.add_argument("--diff", action="store_true", help="print the safe fixes as a unified diff; write nothing")
    p.add_argument("--config", metavar="FILE", help="use this configuration file instead of searching for one")
    p.add_argument("--isolated", action="store_true", help="ignore every configuration file")
    p.add_argument("--show-config", action="store_true", help="print the settings that apply to PATH and exit")
    p.add_argument("--waivers", metavar="FILE", help="a waiver file: findings accepted by a reviewer")
    p.add_argument("--add-waivers", metavar="FILE", help="write a waiver for every current finding to FILE")
    p.add_argument(
        "-j",
        "--jobs",
        type=_jobs,
        metavar="N",
        help=f"check files in N processes (0: one per core; default: one per core for more than "
        f"{batch.PARALLEL_FROM} files); the report is the same as with --jobs 1",
    )
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


def _fail(message: str, status: int = EXIT_USAGE) -> int:
    print(f"fazhi-check: {message}", file=sys.stderr)
    return status


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):  # a terminal that cannot show Chinese gets "?", not a traceback
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    args = _parser().parse_args(argv)
    try:
        return _run(args)
    except DataFileError as e:  # a rule, configuration or waiver file
        return _fail(f"{e.label} {e.path}: at {e.json_path}: {e.message}")
    except SelectionError as e:
        return _fail(str(e))
    except KeyboardInterrupt:
        return _fail(say("interrupted", args.lang), EXIT_INTERRUPTED)
    except BrokenPipeError:  # `fazhi-check … | head`: the reader has what it wanted
        _silence_stdout()
        return EXIT_BROKEN_PIPE
    except Exception as e:  # a bug: exit 3 (also under --exit-zero), the traceback only with --debug
        if args.debug:
            import traceback

            traceback.print_exc()
        return _fail(say("internal", args.lang, error=f"{type(e).__name__}: {e}"), EXIT_INTERNAL)


def _silence_stdout() -> None:
    """Standard output's reader is gone: point it at /dev/null so the interpreter's final flush is quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _run(args: argparse.Namespace) -> int:
    pack = load_rules(args.rules)
    selected = select_rules(pack, args.select, args.extend_select, args.ignore)
    if args.encoding:
        try:
            codecs.lookup(args.encoding)
        except LookupError:
            return _fail(f"unknown encoding '{args.encoding}'")

    if args.list_rules or args.explain:
        from .report import ruledocs

        if args.list_rules:
            return _emit(ruledocs.format_rule_table(pack.rules, args.lang), args.output)
        rule = pack.get(args.explain)
        if rule is None:
            return _fail(f"no rule '{args.explain}' (see --list-rules)")
        return _emit(ruledocs.format_rule_page(rule, pack), args.output)

    resolver = Resolver(pack, args.config, args.isolated, args.select, args.extend_select, args.ignore)
    if args.show_config:
        import yaml

        shown = resolver.show(args.paths[0] if args.paths else os.curdir)
        return _emit(yaml.safe_dump(shown, allow_unicode=True, sort_keys=False), args.output)
    if not args.paths:
        return _fail("no PATH given (try: fazhi-check seeds/)")
    if (args.fix or args.diff) and "-" in args.paths:
        return _fail("--fix and --diff need files, not standard input")

    files = expand(args.paths, args.exclude)
    if not files:
        named = ("、" if args.lang != "en" else ", ").join(map(shown_path, args.paths))
        return _fail(say("nothing-to-check", args.lang, paths=named, suffixes=" ".join(SUPPORTED_SUFFIXES)))
    paths = sorted(set(files))  # sorted by file, once each
    for target in (args.output, args.add_waivers):
        if target and _is_input(target, paths):
            return _fail(say("output-is-input", args.lang, output=shown_path(target)))
    whole_run = args.waivers or args.add_waivers or any(resolver.config(p).waivers for p in paths)
    streaming = args.format in STREAMED and not (whole_run or args.outline or args.statistics or args.diff)
    job = runner.Job(
        year=args.year,
        published=args.published,
        lang=args.lang,
        encoding=args.encoding,
        max_size=args.max_size,
        stdin_name=args.stdin_filename or "-",
        fix=args.fix,
        diff=args.diff,
        keep_document=args.outline or args.format == "html",
        render=args.format if streaming else None,
        quiet=args.quiet,
        timeout=args.timeout,
        max_memory=args.max_memory,
    )
    checked = _printing_notes(_with_progress(runner.run(paths, job, resolver, args.jobs), paths))
    if args.diff:
        diffs = [diff for _, diff in checked]
        _emit("".join(diffs), args.output)
        return EXIT_FINDINGS if any(diffs) and not args.exit_zero else EXIT_OK
    if streaming:  # each file is written as it arrives: a batch holds one file at a time
        tally = Tally()
        status = _emit(
            streamed((entry for entry, _ in checked), args.format, __version__, args.lang, tally), args.output
        )
        severities = {s for s, n in tally.by_severity.items() if n}
    else:
        results = [result for result, _ in checked]
        if whole_run:  # waivers are judged over the whole run
            results = runner.waive(results, args.waivers, resolver, args.lang)
        if args.add_waivers:
            return _add_waivers(results, args.add_waivers, args.lang)
        if args.outline:  # a look at how the report was read, not a check: it does not fail
            from .report.text import format_outline

            return _emit(format_outline(results, args.lang), args.output)
        status = _emit(_report(results, args, selected), args.output)
        severities = {f.severity for r in results for f in r.findings}
    if status != EXIT_OK or args.exit_zero:
        return status
    failing = {"error", "warning"} if args.strict else {"error"}
    return EXIT_FINDINGS if severities & failing else EXIT_OK


def _printing_notes(outcomes: Iterator[tuple]) -> Iterator[tuple]:
    """(item, diff) of each file, its notes (what --fix did) printed as it arrives."""
    for item, diff, notes in outcomes:
        for note in notes:
            print(f"fazhi-check: {note}", file=sys.stderr)
        yield item, diff


def _is_input(target: str, paths: Sequence[str]) -> bool:
    """Whether ``target`` is (or, through a link, is the same file as) one of the inputs."""
    try:
        out = os.stat(target)
    except OSError:
        real = os.path.realpath(target)
        return any(p != "-" and os.path.realpath(p) == real for p in paths)
    for path in paths:
        try:
            if path != "-" and os.path.samestat(out, os.stat(path)):
                return True
        except OSError:
            continue
    return False


def _add_waivers(results: list[Result], path: str, lang: str) -> int:
    from .writing import WriteError

    try:
        added = runner.add_waivers(results, path)
    except WriteError as e:
        return _fail(shown_path(e.reason_en if lang == "en" else e.reason))
    print(f"fazhi-check: {say('waivers-added', lang, path=shown_path(path), count=added)}", file=sys.stderr)
    return EXIT_OK


def _report(results: list[Result], args: argparse.Namespace, rules: tuple[Rule, ...]) -> str:
    """The report in the chosen format, from the whole run; formatters not used are not imported."""
    if args.statistics:
        from .report.text import format_statistics

        return format_statistics(results)
    if args.format == "html":
        from .report.html import format_html

        return format_html(results, rules, __version__, args.lang)
    if args.format == "sarif":
        from .report.sarif import format_sarif

        return format_sarif(results, rules, __version__)
    if args.format in ("summary", "csv"):
        from .report import tables

        return (tables.format_csv if args.format == "csv" else tables.format_summary)(results, args.lang)
    if args.format == "json":
        return format_json(results, __version__)
    if args.format == "github":
        return format_github(results)
    return format_text(results, args.lang, args.quiet)


def _with_progress(items: Iterator, paths: list[str], stream=None):
    """``items`` (one per path), with a progress bar on ``stream`` (standard error) for a batch on a
    terminal (tqdm)."""
    stream = stream or sys.stderr
    if len(paths) <= PROGRESS_FROM or not stream.isatty():
        return items
    from tqdm import tqdm

    return tqdm(items, total=len(paths), file=stream, unit="file", leave=False)


def _emit(pieces: str | Iterable[str], output: str | None, lang: str = "zh") -> int:
    """Write the report (a string, or pieces as they are made) to standard output or, atomically, to
    ``output``: an interrupted or failed run leaves the previous report as it was."""
    from .writing import WriteError, replacing

    pieces = [pieces] if isinstance(pieces, str) else pieces
    if output is None:
        for piece in pieces:
            sys.stdout.write(piece)
        sys.stdout.flush()
        return EXIT_OK
    try:
        with replacing(output) as f:
            for piece in pieces:
                f.write(piece.encode("utf-8"))
    except WriteError as e:
        return _fail(shown_path(e.reason_en if lang == "en" else e.reason))
    return EXIT_OK
