"""Run one task over many files: in this process, or in worker processes with the results coming back
in input order, so a parallel run reports exactly what a serial one does."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator

PARALLEL_FROM = 16  # with no --jobs given, batches with more files than this use every core

_task: Callable | None = None  # each worker's task, set once when it starts


def cores() -> int:
    """The cores this process may run on (a container's or taskset's limit, not the machine's)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def jobs_for(requested: int | None, count: int) -> int:
    """Processes to use for ``count`` files: as requested (0: every core), else every core for a
    batch of more than PARALLEL_FROM files, never more than there are files."""
    if requested is None:
        requested = 0 if count > PARALLEL_FROM else 1
    return max(1, min(requested or cores(), count))


def run_all(task: Callable[[str], object], items: list[str], jobs: int, start: str | None = None) -> Iterator:
    """``task(item)`` for each item, in order; ``jobs`` > 1 runs them in that many worker processes.
    On Linux the workers are forked, so they start with the rules and parser already loaded; elsewhere
    (or with ``start="spawn"``) each gets ``task`` pickled and loads them itself."""
    if jobs <= 1:
        yield from map(task, items)
        return
    import gc
    import multiprocessing

    method = start or ("fork" if sys.platform.startswith("linux") else None)
    context = multiprocessing.get_context(method)
    gc.freeze()  # forked workers then share the loaded rules instead of copying them when gc runs
    chunk = max(1, min(64, len(items) // (jobs * 4)))  # big enough that passing results costs little
    with context.Pool(jobs, initializer=_start, initargs=(task,)) as pool:
        yield from pool.imap(_call, items, chunksize=chunk)


def _start(task: Callable) -> None:
    global _task
    _task = task


def _call(item):
    return _task(item)
