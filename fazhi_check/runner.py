"""One run over many files: each file checked (or fixed) with its own configuration, in this process or
in worker processes, in input order; then the run's waivers. The command line only decides what to
run and prints what comes back."""

from __future__ import annotations

import datetime
import os
import sys
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import partial

from . import batch, budget, engine
from .api import check_bytes, check_file
from .config import Resolver
from .engine import select_rules
from .read import MAX_BYTES, ReadError
from .report.text import Tally, entry
from .results import Result


@dataclass(frozen=True)
class Job:
    """What the run does to every file: the checking options, and whether it fixes, shows a diff,
    keeps each file's document (outline and HTML reports need it) or renders a streamed format."""

    year: int | None = None
    published: datetime.date | None = None
    lang: str = "zh"
    encoding: str | None = None
    max_size: int = MAX_BYTES
    stdin_name: str = "-"
    fix: bool = False
    diff: bool = False
    keep_document: bool = False
    render: str | None = None  # a streamed format: each file's entry is made where it was checked
    quiet: bool = False
    annotate: dict[str, str] | None = None  # --annotate: Word file -> where its reviewed copy goes
    show_info: bool = False  # text: every info finding on its own line
    timeout: float | None = budget.DEFAULT_SECONDS  # each file's budget (None: no limit)
    max_memory: int | None = budget.DEFAULT_MEMORY


def run(paths: Sequence[str], job: Job, resolver: Resolver, jobs: int | None = None) -> Iterator[tuple]:
    """(item, diff, notes) for each path in order: the file's Result (or, with ``job.render``, its
    entry in the streamed report and its counts), its diff under --diff, and the notes to print (what
    --fix did). ``jobs`` as --jobs takes it; standard input is always read here."""
    count = 1 if "-" in paths else batch.jobs_for(jobs, len(paths))
    if len(paths) > 1:  # one file: what it does not need is never built (a third of the patterns)
        _warm_up(resolver, paths)
    _convert_old_office_files(paths, job.max_size)
    lost = partial(_lost, job, resolver)
    yield from batch.run_all(partial(_one, job, resolver), list(paths), count, lost, job.timeout)


def _warm_up(resolver: Resolver, paths: Sequence[str]) -> None:
    """Build the patterns and import what checking a file needs before any file's budget starts (and
    before workers fork, so that they share them): in a batch, the first file pays only for itself.
    (The reports are made after the files' budgets, and import what they need then.)"""
    from .read import CONVERTIBLE

    if any(p.lower().endswith(tuple(CONVERTIBLE)) for p in paths):
        import hashlib  # noqa: F401  (a converted file's key)

    engine.prepare(resolver.pack)
    check_bytes(
        "关于2024年法治政府建设情况的报告\n一、主要举措和成效\n".encode(), path="warm-up.txt", rules=resolver.pack
    )


def _convert_old_office_files(paths: Sequence[str], max_size: int) -> None:
    """.doc, .wps, .odt and .rtf files converted together, before the batch (LibreOffice starts once,
    not once per file; forked workers find the results). Files that cannot be read are left to their
    own check, which says why."""
    from .read import CONVERTIBLE, read_bytes

    old = [(p, os.path.splitext(p)[1].lower()) for p in paths if p.lower().endswith(tuple(CONVERTIBLE))]
    if len(old) < 2:
        return
    from .read.convert import convert_batch

    files = []
    for path, suffix in old:
        try:
            files.append((suffix, read_bytes(path, max_size)))
        except ReadError:
            continue
    convert_batch(files)


def _options(job: Job, resolver: Resolver, path: str) -> dict:
    options = dict(year=job.year, published=job.published, lang=job.lang, encoding=job.encoding)
    options.update(resolver.options(path))
    return options


def check_data(data: bytes, job: Job, resolver: Resolver) -> Result:
    """Bytes checked as standard input is: named ``job.stdin_name``, with the working folder's settings."""
    return check_bytes(data, path=job.stdin_name, max_bytes=job.max_size, **_options(job, resolver, "-"))


def _one(job: Job, resolver: Resolver, path: str) -> tuple:
    """Check (or fix, or review) one file within its budget, in this process or in a worker."""
    options = _options(job, resolver, path)
    notes: list[str] = []
    try:
        with budget.limits(job.timeout, job.max_memory):
            if job.annotate and path in job.annotate and not job.diff:
                from .review import review_file

                result, said = review_file(path, job.annotate[path], job.max_size, options)
                notes += [en if job.lang == "en" else zh for zh, en in said]
                diff = ""
            elif job.fix or job.diff:
                result, diff = _fix(path, job, options, notes)
            else:
                result, diff = _check(path, job, options), ""
    except budget.Exceeded as e:
        notes.clear()
        return _finish(job, _unreadable(job, options, path, *_over_budget(e)), "", notes)
    return _finish(job, result, diff, notes)


def _over_budget(e: budget.Exceeded) -> tuple[str, str]:
    if e.what == "time":
        return f"处理超时（超过 {e.limit:g} 秒，可用 --timeout 调整）", f"timed out (over {e.limit:g} s; see --timeout)"
    megabytes = e.limit / 1024**2
    return (
        f"超出内存限制（{megabytes:g} MB，可用 --max-memory 调整）",
        f"over the memory limit ({megabytes:g} MB; see --max-memory)",
    )


def _lost(job: Job, resolver: Resolver, path: str, reason: str) -> tuple:
    """What stands for a file whose worker died or hung (pool.py)."""
    if reason == "timeout":
        why = _over_budget(budget.Exceeded("time", job.timeout or 0))
    else:
        why = (
            "检查该文件的进程意外退出（可能因内存不足被系统终止）",
            "the process checking it died (perhaps killed for lack of memory)",
        )
    return _finish(job, _unreadable(job, _options(job, resolver, path), path, *why), "", [])


def _unreadable(job: Job, options: dict, path: str, reason: str, reason_en: str) -> Result:
    """The file's FZ001 with ``reason``, under its configured selection."""
    options = {k: v for k, v in options.items() if k != "encoding"}
    pack = options.pop("rules")
    shown = job.stdin_name if path == "-" else path
    return engine.check(ReadError(reason, reason_en), shown, pack, **options)


def _finish(job: Job, result: Result, diff: str, notes: list[str]) -> tuple:
    if job.render:
        return (entry(result, job.render, job.lang, job.quiet, job.show_info), Tally((result,), job.lang)), diff, notes
    return (result if job.keep_document else result.detached()), diff, notes


def _check(path: str, job: Job, options: dict) -> Result:
    if path == "-":
        data = sys.stdin.buffer.read(job.max_size + 1)
        return check_bytes(data, path=job.stdin_name, max_bytes=job.max_size, **options)
    return check_file(path, max_bytes=job.max_size, **options)


def _fix(path: str, job: Job, options: dict, notes: list[str]) -> tuple[Result, str]:
    """Fix one file (or, with --diff, only show how); a file that is not plain text is checked as it is."""
    from .fixes import fix_file
    from .read import editable

    def note(zh: str, en: str) -> None:
        notes.append(en if job.lang == "en" else zh)

    if not editable(path):
        note(
            f"{path}：只能自动修复 .txt 和 .md 文件；Word 文件可用 --annotate 写出带修订的审阅稿，"
            "PDF、网页请在原文件中修改",
            f"{path}: only .txt and .md files can be fixed; --annotate writes a Word file's reviewed copy with tracked "
            "changes; edit PDF and web files by hand",
        )
        return check_file(path, max_bytes=job.max_size, **options), ""
    fixed = fix_file(path, write=not job.diff, max_bytes=job.max_size, **options)
    if fixed.error:
        note(f"{path}：未修复，{fixed.error}", f"{path}: not fixed: {fixed.error}")
    elif fixed.applied and not job.diff:
        counts = "、".join(f"{code} ×{n}" for code, n in sorted(fixed.applied.items()))
        total = sum(fixed.applied.values())
        note(f"已修复 {path}：{total} 处（{counts}）", f"fixed {total} in {path} ({counts})")
    return fixed.result, fixed.diff


def waive(results: list[Result], waivers: str | None, resolver: Resolver, lang: str = "zh") -> list[Result]:
    """Apply each file's waiver file (``waivers``, else its configuration's) and report stale waivers."""
    by_file: dict[str, list[Result]] = defaultdict(list)
    kept: list[Result] = []
    for result in results:
        chosen = waivers or resolver.config(result.path).waivers
        (by_file[chosen] if chosen else kept).append(result)
    if not by_file:
        return results
    from .waivers import apply_waivers, load_waivers

    for waivers_path, group in by_file.items():
        options = resolver.options(waivers_path)
        rules = select_rules(options["rules"], options["select"], options["extend_select"], options["ignore"])
        stale_rule = next((r for r in rules if r.check == "stale-waiver"), None)
        kept += apply_waivers(group, load_waivers(waivers_path), stale_rule, lang=lang)
    return sorted(kept, key=lambda r: r.path)


def add_waivers(results: list[Result], path: str) -> int:
    """Write a waiver for every finding left into ``path``, keeping the file's existing waivers; how
    many were added. Raises WriteError when the file cannot be written."""
    from .waivers import dump_waivers, load_waivers, new_waivers
    from .writing import write_atomically

    existing = load_waivers(path) if os.path.exists(path) else None
    added = new_waivers(results, path, existing, datetime.date.today())
    entries = [w.to_dict() for w in existing.waivers] if existing else []
    write_atomically(path, dump_waivers(entries + added).encode("utf-8"))
    return len(added)
