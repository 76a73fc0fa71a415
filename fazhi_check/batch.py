"""Run one task over many files: in this process, or in worker processes with the results coming back
in input order, so a parallel run reports exactly what a serial one does.

The workers are supervised (pool.py): a worker that dies or overruns its file's time gives that file
``lost(item, reason)`` and is replaced, and the batch goes on."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator

PARALLEL_FROM = 16  # with no --jobs given, batches with more files than this use every core


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


def start_method() -> str:
    """Pinned, not left to Python's default (3.14 moves Linux to forkserver): fork on Linux, where
    the supervisor is single-threaded when it forks and the workers start with the rules and parser
    loaded; spawn elsewhere."""
    return "fork" if sys.platform.startswith("linux") else "spawn"


def run_all(
    task: Callable[[str], object],
    items: list[str],
    jobs: int,
    lost: Callable[[str, str], object] | None = None,
    timeout: float | None = None,
    start: str | None = None,
) -> Iterator:
    """``task(item)`` for each item, in order; ``jobs`` > 1 runs them in that many worker processes.
    Where a worker dies or runs past ``timeout`` (plus a grace) on an item, ``lost(item, reason)``
    stands in for its result, reason "died" or "timeout". ``start`` overrides the start method."""
    if jobs <= 1:
        import gc

        gc.freeze()  # what is loaded (rules, patterns) is never garbage: collections pass over it
        try:
            yield from map(task, items)
        finally:
            gc.unfreeze()
        return
    from .pool import Supervisor  # its modules (selectors, multiprocessing) only for a parallel run

    yield from Supervisor(task, items, jobs, lost or _raise, timeout, start or start_method()).run()


def _raise(item: str, reason: str):
    raise RuntimeError(f"worker {reason} on {item}")
