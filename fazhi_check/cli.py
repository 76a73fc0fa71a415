"""Command line: parse argv, gather inputs, print a report, exit 0/1/2 (3: an internal error, 130: an
interrupt). No checking logic lives here; the options and their help are arguments.py's."""

from __future__ import annotations

import argparse
import codecs
import fnmatch
import gc
import os
import sys
from collections.abc import Iterable, Iterator, Sequence

from . import runner
from .arguments import UsageError, parse, told_data_file_error
from .datafiles import DataFileError
from .engine import SelectionError, select_rules
from .messages import say
from .read import SUPPORTED_SUFFIXES
from .report.escape import shown as shown_path
from .report.text import STREAMED, Tally, format_github, format_json, format_text, streamed
from .results import Result
from .rulebook import Rule, keep_literals, load_rules
from .version import __version__

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL, EXIT_INTERRUPTED = 0, 1, 2, 3, 130
EXIT_BROKEN_PIPE = 141  # as a process killed by SIGPIPE (128 + 13): the reader went away
PROGRESS_FROM = 5  # batches with more files than this show a progress bar on a terminal
# what each option that is not a report of findings can print; any other --format is refused
LISTINGS = {
    "--list-rules": ("text", "json"),
    "--explain": ("text", "json"),
    "--show-config": ("text", "json"),
    "--statistics": ("text", "json"),
    "--outline": ("text",),
    "--diff": ("text",),
    "--add-waivers": ("text",),
}


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


def command() -> int:
    """The ``fazhi-check`` program (and ``python -m fazhi_check``): main(), in a process that ends right
    after. What it read of its patterns' literals is kept for the next run; its objects are freed at
    exit either way, and frozen first, they are not walked by the last garbage collection as well (a
    few milliseconds of a run of one file)."""
    code = main()
    keep_literals()
    gc.freeze()
    return code


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):  # a terminal that cannot show Chinese gets escapes, not a traceback
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    argv = sys.argv[1:] if argv is None else list(argv)
    lang_first = argv[:2] if argv[:1] == ["--lang"] else argv[:1] if argv[:1] and argv[0].startswith("--lang=") else []
    if argv[len(lang_first) : len(lang_first) + 1] == ["serve"]:  # the web page for clerks: its own options
        from .serve.command import main as serve

        return serve([*lang_first, *argv[len(lang_first) + 1 :]])
    try:
        args = parse(argv)
    except UsageError as e:
        return _fail(str(e))
    except SystemExit as e:  # --help, --version
        return int(e.code or 0)
    lang = args.lang
    try:
        return _run(args)
    except DataFileError as e:  # a rule, configuration or waiver file
        return _fail(told_data_file_error(e, lang))
    except SelectionError as e:
        return _fail(_no_such_rule(e.selector, args.rules, lang))
    except KeyboardInterrupt:
        return _fail(say("interrupted", lang), EXIT_INTERRUPTED)
    except BrokenPipeError:  # `fazhi-check … | head`: the reader has what it wanted
        _silence_stdout()
        return EXIT_BROKEN_PIPE
    except Exception as e:  # a bug: exit 3 (also under --exit-zero), the traceback only with --debug
        if args.debug:
            import traceback

            traceback.print_exc()
        return _fail(say("internal", lang, error=f"{type(e).__name__}: {e}"), EXIT_INTERNAL)


def _no_such_rule(selector: str, packs: Sequence[str], lang: str) -> str:
    """The refusal of a selector that names no rule, with the closest rule name or group."""
    import difflib

    from .datafiles import did_you_mean

    pack = load_rules(list(packs))
    known = sorted({n for r in pack.rules for n in (r.name, r.group)})  # a code or prefix (FZ9) has no near miss
    close = difflib.get_close_matches(selector, known, n=1, cutoff=0.6)
    en = f" (did you mean {close[0]}?)" if close else ""
    return say("selection", lang, selector=selector, suggestion=did_you_mean(selector, known), suggestion_en=en)


def _refused_format(args: argparse.Namespace) -> str | None:
    """The message for an option given with a --format it cannot honour (or --fix with --diff)."""
    if args.fix and args.diff:
        return say("fix-and-diff", args.lang)
    for option, formats in LISTINGS.items():
        given = getattr(args, option.lstrip("-").replace("-", "_"))
        if given and args.format not in formats:
            return say("format-not-for", args.lang, option=option, format=args.format, formats="、".join(formats))
    return None


def _silence_stdout() -> None:
    """Standard output's reader is gone: point it at /dev/null so the interpreter's final flush is quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _run(args: argparse.Namespace) -> int:
    from .config import Resolver

    lang = args.lang
    refused = _refused_format(args)
    if refused:
        return _fail(refused)
    if args.test_rules:
        return _test_rules(args.test_rules, lang)
    pack = load_rules(args.rules)
    selected = select_rules(pack, args.select, args.extend_select, args.ignore)
    if args.encoding:
        try:
            codecs.lookup(args.encoding)
        except LookupError:
            return _fail(say("unknown-encoding", lang, name=args.encoding))

    if args.list_rules or args.explain:
        return _rule_pages(args, pack)

    resolver = Resolver(pack, args.config, args.isolated, args.select, args.extend_select, args.ignore)
    if args.show_config:
        import yaml

        settings = resolver.show(args.paths[0] if args.paths else os.curdir)
        if args.format == "json":
            return _emit(_json(settings), args.output)
        return _emit(yaml.safe_dump(settings, allow_unicode=True, sort_keys=False), args.output)
    if not args.paths:
        return _fail(say("no-path", lang))
    if (args.fix or args.diff or args.annotate) and "-" in args.paths:
        return _fail(say("fix-needs-files", lang))

    files = expand(args.paths, args.exclude)
    if not files:
        named = ("、" if args.lang != "en" else ", ").join(map(shown_path, args.paths))
        return _fail(say("nothing-to-check", args.lang, paths=named, suffixes=" ".join(SUPPORTED_SUFFIXES)))
    paths = sorted(set(files))  # sorted by file, once each
    reviewed = None
    if args.annotate:
        from .review import ReviewError, destinations

        try:
            reviewed = destinations(args.paths, files, args.annotate)
        except ReviewError as e:
            return _fail(say(e.key, lang, **{k: shown_path(v) for k, v in e.params.items()}))
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
        show_info=args.show_info,
        timeout=args.timeout,
        max_memory=args.max_memory,
        annotate=reviewed,
    )
    checked = _printing_notes(_with_progress(runner.run(paths, job, resolver, args.jobs), paths))
    if args.diff:
        diffs = [diff for _, diff in checked]
        _emit("".join(diffs), args.output)
        return EXIT_FINDINGS if any(diffs) and not args.exit_zero else EXIT_OK
    if streaming:  # each file is written as it arrives: a batch holds one file at a time
        tally = Tally()
        status = _emit(
            streamed((entry for entry, _ in checked), args.format, __version__, lang, tally, args.quiet), args.output
        )
        severities = {s for s, n in tally.by_severity.items() if n}
    elif whole_run or args.add_waivers or args.outline:
        results = [result for result, _ in checked]
        if whole_run:  # waivers are judged over the whole run
            results = runner.waive(results, args.waivers, resolver, args.lang)
        if args.add_waivers:
            return _add_waivers(results, args.add_waivers, args.lang)
        if args.outline:  # a look at how the report was read, not a check: it does not fail
            from .report.outline import format_outline

            return _emit(format_outline(results, args.lang), args.output)
        status = _emit(_report(results, args, selected, pack.vocabulary), args.output)
        severities = {f.severity for r in results for f in r.findings}
    else:  # SARIF, HTML, the tables, statistics: made as the files arrive, each let go once it is in
        severities = set()
        arriving = _noting_severities((result for result, _ in checked), severities)
        status = _emit(_report(arriving, args, selected, pack.vocabulary), args.output)
    if status != EXIT_OK or args.exit_zero:
        return status
    if args.strict and "warning" in severities and "error" not in severities:  # say why a clean-looking run fails
        print(f"fazhi-check: {say('strict-fails', lang)}", file=sys.stderr)
    failing = {"error", "warning"} if args.strict else {"error"}
    return EXIT_FINDINGS if severities & failing else EXIT_OK


def _json(data) -> str:
    import json

    return json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n"


def _rule_pages(args: argparse.Namespace, pack) -> int:
    """--list-rules and --explain, as text or JSON."""
    from .report import ruledocs

    if args.list_rules:
        if args.format == "json":
            return _emit(_json(pack.to_dict()), args.output)
        return _emit(ruledocs.format_rule_table(pack.rules, args.lang), args.output)
    rule = pack.get(args.explain)
    if rule is None:
        return _fail(say("no-rule", args.lang, code=args.explain))
    if args.format == "json":
        return _emit(_json(rule.to_dict()), args.output)
    from .examples import example_findings

    gives = example_findings(rule, rule.examples["fail"][0], pack)
    return _emit(ruledocs.format_rule_page(rule, gives), args.output)


def _test_rules(folder: str, lang: str) -> int:
    """Run a rule pack's own examples (its vocabulary applies); say which do not behave."""
    from .examples import misbehaving

    pack = load_rules([folder])
    own = [rule for rule in pack.rules if rule.source.startswith(str(folder).rstrip("/") + "/")]
    wrong = misbehaving(own, pack)
    for problem in wrong:
        print(problem.describe(lang))
    examples = sum(len(r.examples.get("pass", ())) + len(r.examples.get("fail", ())) for r in own)
    print(say("test-rules", lang, rules=len(own), examples=examples, wrong=len(wrong)))
    return EXIT_FINDINGS if wrong else EXIT_OK


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


def _noting_severities(results: Iterable[Result], severities: set[str]) -> Iterator[Result]:
    """``results`` as they come, their findings' severities added to ``severities`` on the way."""
    for result in results:
        severities.update(f.severity for f in result.findings)
        yield result


def _report(
    results: Iterable[Result], args: argparse.Namespace, rules: tuple[Rule, ...], vocabulary
) -> str | Iterator[str]:
    """The report in the chosen format, from the run's results as they come (each is let go once the
    report holds what it needs of it); formatters not used are not imported."""
    if args.statistics:
        from .report.text import format_statistics

        summaries = {r.code: r.summary_en if args.lang == "en" and r.summary_en else r.summary for r in rules}
        return format_statistics(results, summaries, args.lang, args.format)
    if args.format == "html":
        from .report.html import html_pieces

        return html_pieces(results, rules, __version__, args.lang)
    if args.format == "sarif":
        from .report.sarif import sarif_pieces

        return sarif_pieces(results, rules, __version__)
    if args.format in ("summary", "csv"):
        from .report import tables

        return (tables.format_csv if args.format == "csv" else tables.format_summary)(results, vocabulary, args.lang)
    if args.format == "json":
        return format_json(results, __version__)
    if args.format == "github":
        return format_github(results, args.lang)
    return format_text(results, args.lang, args.quiet, args.show_info)


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
    pieces = [pieces] if isinstance(pieces, str) else pieces
    if output is None:
        for piece in pieces:
            sys.stdout.write(piece)
        sys.stdout.flush()
        return EXIT_OK
    from .writing import WriteError, replacing

    try:
        with replacing(output) as f:
            for piece in pieces:
                f.write(piece.encode("utf-8"))
    except WriteError as e:
        return _fail(shown_path(e.reason_en if lang == "en" else e.reason))
    return EXIT_OK
