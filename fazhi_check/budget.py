"""Limits on one piece of work in this process: a deadline (SIGALRM through setitimer, which interrupts
Python code and a running regular expression alike) and an address-space ceiling (RLIMIT_AS, so that
an allocation past it raises MemoryError). Deadlines nest: a rule's pattern search runs inside a file's
budget, and whichever expires first ends its own block.

Where a limit cannot be set (no setitimer or RLIMIT_AS on this platform, or not the main thread) the
block runs without it; the batch supervisor (pool.py) still stops a worker that overruns."""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Callable, Iterator

DEFAULT_SECONDS = 60.0
DEFAULT_MEMORY = 2 * 1024**3


class Exceeded(BaseException):
    """A budget ran out. A BaseException, so that a reader's broad ``except Exception`` cannot turn it
    into "damaged file": it unwinds to the block that set the budget."""

    def __init__(self, what: str, limit: float) -> None:
        super().__init__(what, limit)
        self.what, self.limit = what, limit  # "time" (seconds) or "memory" (bytes)


TICK = 0.25  # seconds between the checks of the clock while a deadline is set

_deadlines: list[tuple[float, Callable[[], BaseException]]] = []  # (monotonic end, error), outermost first
_previous_handler = None
_ticking = 0  # blocks that keep the clock ticking with no deadline of their own (see ticking())


_MAIN = threading.main_thread().ident
_HAS_TIMER = hasattr(__import__("signal"), "setitimer")


def _can_time() -> bool:
    return _HAS_TIMER and threading.get_ident() == _MAIN


def _on_tick(signum, frame) -> None:
    """Raise the error of the outermost block whose deadline has passed (it ends every block inside
    it). The clock keeps ticking until that block is left, so a clean-up that runs on (a library's
    close() that loops too) is interrupted again."""
    now = time.monotonic()
    for end, error in _deadlines:
        if end <= now:
            raise error()


@contextlib.contextmanager
def deadline(seconds: float | None, error: Callable[[], BaseException]) -> Iterator[None]:
    """Run the block for at most ``seconds``; past that, ``error()`` is raised inside it. None or 0:
    no limit. One interval timer ticks while any deadline is set, so a deadline inside another (a
    pattern's inside a file's) costs no system call."""
    if not seconds or not _can_time():
        yield
        return
    entry = (time.monotonic() + seconds, error)
    if not _deadlines and not _ticking:
        _start(min(TICK, seconds))
    _deadlines.append(entry)
    try:
        yield
    finally:
        _deadlines.remove(entry)
        if not _deadlines and not _ticking:
            _stop()


@contextlib.contextmanager
def ticking() -> Iterator[None]:
    """Keep the clock ticking through the block, so that the many short deadlines set inside it (each
    rule's patterns on a file) cost no system call each."""
    global _ticking
    if not _can_time():
        yield
        return
    if not _deadlines and not _ticking:
        _start(TICK)
    _ticking += 1
    try:
        yield
    finally:
        _ticking -= 1
        if not _deadlines and not _ticking:
            _stop()


def _start(first: float) -> None:
    global _previous_handler
    import signal

    _previous_handler = signal.signal(signal.SIGALRM, _on_tick)
    signal.setitimer(signal.ITIMER_REAL, first, TICK)


def _stop() -> None:
    import signal

    signal.setitimer(signal.ITIMER_REAL, 0)
    signal.signal(signal.SIGALRM, _previous_handler if _previous_handler is not None else signal.SIG_DFL)


def _address_space() -> int | None:
    """This process's mapped address space in bytes (Linux), or None where it cannot be read."""
    try:
        with open("/proc/self/statm", "rb") as f:
            return int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None


@contextlib.contextmanager
def memory(limit: int | None) -> Iterator[None]:
    """Let the block map at most ``limit`` bytes more than the process holds now; past that an
    allocation fails and the block raises Exceeded("memory"). None or 0: no limit."""
    try:
        import resource
    except ImportError:  # not on this platform: no limit
        yield
        return
    used = _address_space() if limit and hasattr(resource, "RLIMIT_AS") else None
    if used is None or not limit:
        yield
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    ceiling = used + limit if hard == resource.RLIM_INFINITY else min(used + limit, hard)
    if soft != resource.RLIM_INFINITY and soft < ceiling:
        ceiling = soft  # a tighter limit set from outside stays
    resource.setrlimit(resource.RLIMIT_AS, (ceiling, hard))
    try:
        yield
    except MemoryError:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
        raise Exceeded("memory", limit) from None
    except (ImportError, OSError):  # a library that could not be mapped at the ceiling: the same
        near = (_address_space() or 0) + 64 * 1024**2 >= ceiling
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
        if near:
            raise Exceeded("memory", limit) from None
        raise
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


@contextlib.contextmanager
def limits(seconds: float | None, memory_bytes: int | None) -> Iterator[None]:
    """One file's budget: at most ``seconds`` and ``memory_bytes`` more memory; Exceeded when either
    runs out."""
    with memory(memory_bytes), deadline(seconds, lambda: Exceeded("time", seconds or 0)):
        yield
