"""The worker processes that check uploads, so one large file does not hold up the others: each worker
loads the rules and the server's configuration once, then checks bytes as ``fazhi-check -`` checks
standard input. Nothing here knows about HTTP."""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import signal
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace

from .. import runner
from ..config import Resolver
from ..read import CONVERTIBLE, ReadError
from ..results import Result
from ..rulebook import load_rules

_resolver: Resolver | None = None  # each worker's, made when it starts


def start(config_file: str | None) -> None:
    """A worker's start: the rules and the configuration (``config_file``, else the working folder's).
    Ctrl+C is the server's to handle: it stops the workers itself."""
    global _resolver
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _resolver = Resolver(load_rules(), config_file)


def ready() -> int:
    return os.getpid()


def _settings() -> Resolver:
    assert _resolver is not None, "start() runs first in every worker"
    return _resolver


def check(job: runner.Job, data: bytes) -> Result:
    """One upload checked; its document kept only where ``job.keep_document`` (the page shows its text)."""
    result = runner.check_data(data, job, _settings())
    return result if job.keep_document else result.detached()


def reviewed(job: runner.Job, data: bytes) -> tuple[bytes | None, tuple[str, str] | None]:
    """The reviewed Word copy of one upload (a .docx, or an office file LibreOffice converts to one)
    with its findings as comments and tracked changes; or why there is none (Chinese, English)."""
    from ..report.docx import annotate as annotate_docx

    stem, suffix = os.path.splitext(job.stdin_name)
    try:
        if suffix.lower() in CONVERTIBLE:
            from ..read.convert import convert_to_docx

            data = convert_to_docx(data, suffix.lower(), CONVERTIBLE[suffix.lower()])
            job = replace(job, stdin_name=stem + ".docx")
    except ReadError as e:
        return None, (e.reason, e.reason_en)
    result = runner.check_data(data, job, _settings())
    unread = next((f for f in result.findings if f.code == "FZ001"), None)
    if unread is not None:
        return None, (unread.message, unread.message)
    return annotate_docx(data, result, job.lang), None


class WorkerLost(Exception):
    """A worker died while checking (killed, or out of memory); the pool has been made anew."""


class Checker:
    """A pool of ``count`` worker processes, started fresh (not forked from the server, whose event
    loop and threads they must not share), each ready before the first request."""

    def __init__(self, count: int, config_file: str | None) -> None:
        self.count, self.config_file = count, config_file
        self._pool: ProcessPoolExecutor | None = None

    def _new_pool(self) -> ProcessPoolExecutor:
        context = multiprocessing.get_context("spawn")
        return ProcessPoolExecutor(self.count, mp_context=context, initializer=start, initargs=(self.config_file,))

    async def start(self) -> None:
        self._pool = self._new_pool()
        await asyncio.gather(*(self.call(ready) for _ in range(self.count)))

    async def call(self, task, *args):
        """``task(*args)`` in a worker; WorkerLost where the worker died on it."""
        pool = self._pool
        try:
            return await asyncio.get_running_loop().run_in_executor(pool, task, *args)
        except BrokenProcessPool:
            if self._pool is pool:  # the first request to notice makes the new pool
                assert pool is not None  # only a process pool breaks
                pool.shutdown(wait=False, cancel_futures=True)
                self._pool = self._new_pool()
            raise WorkerLost from None

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
