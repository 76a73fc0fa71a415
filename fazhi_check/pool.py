"""The supervised worker processes of a parallel batch (batch.run_all with jobs > 1).

A worker that dies (killed, out of memory) or overruns its file's time gives that file
``lost(item, reason)`` and is replaced, and the batch goes on; an interrupt (Ctrl-C) stops every worker
at once. A small supervisor of our own rather than multiprocessing.Pool (whose imap waits for ever on a
chunk a dead worker held) or concurrent.futures (which fails every pending task when one worker dies);
pebble would do it with threads of its own, forking workers from them."""

from __future__ import annotations

import contextlib
import selectors
import signal
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

TYPE_CHECKING = False  # typing costs a run's start-up 2 ms: its names are for the type checker only
if TYPE_CHECKING:
    from typing import Any

PREFETCH = 2  # items a worker holds: it never waits for the supervisor between two files
WINDOW = 256  # items dispatched ahead of the next one to report: bounds what waits out of order
GRACE = 5.0  # seconds past its own deadline before a worker is stopped from outside


@dataclass
class _Worker:
    process: Any  # a multiprocessing Process of the pinned context
    connection: Any  # the supervisor's end of its pipe
    held: deque = field(default_factory=deque)  # (index, item) sent and not yet answered, in order
    since: float = 0.0  # when it started on the first item it holds


class Supervisor:
    def __init__(self, task, items, jobs, lost, timeout, start: str) -> None:
        import multiprocessing

        self.context: Any = multiprocessing.get_context(start)
        self.task, self.items, self.jobs, self.lost = task, items, jobs, lost
        self.hard_limit = timeout + GRACE if timeout else None
        self.waiting: deque = deque(enumerate(items))  # (index, item) not yet sent
        self.done: dict[int, object] = {}
        self.workers: list[_Worker] = []
        self.selector = selectors.DefaultSelector()

    def run(self) -> Iterator:
        import gc

        gc.freeze()  # forked workers then share the loaded rules instead of copying them when gc runs
        try:
            self.workers = [self._start() for _ in range(self.jobs)]
            for index in range(len(self.items)):
                while index not in self.done:
                    self._step(index)
                yield self.done.pop(index)
        finally:
            self._stop()
            gc.unfreeze()

    def _start(self) -> _Worker:
        ours, theirs = self.context.Pipe()
        process = self.context.Process(target=_serve, args=(theirs, self.task), daemon=True)
        process.start()
        theirs.close()
        worker = _Worker(process, ours)
        self.selector.register(ours, selectors.EVENT_READ, (worker, "answer"))
        self.selector.register(process.sentinel, selectors.EVENT_READ, (worker, "exit"))
        return worker

    def _step(self, next_index: int) -> None:
        """Send work, wait for an answer, a death or a deadline, and deal with it."""
        for worker in self.workers:
            while self.waiting and len(worker.held) < PREFETCH and self.waiting[0][0] < next_index + WINDOW:
                if not worker.held:
                    worker.since = time.monotonic()
                index, item = self.waiting.popleft()
                worker.held.append((index, item))
                try:
                    worker.connection.send((index, item))
                except OSError:
                    break  # it died: its exit is seen below
        busy = [w for w in self.workers if w.held]
        ends = [w.since + self.hard_limit for w in busy] if self.hard_limit else []
        left = max(0.0, min(ends) - time.monotonic()) if ends else None
        for key, _ in self.selector.select(left):
            worker, event = key.data
            if worker not in self.workers:
                continue  # replaced while handling an earlier event
            if event == "answer":
                self._answer(worker)
            else:
                while worker in self.workers and _pending(worker):  # what it sent before it went
                    self._answer(worker)
                if worker in self.workers:
                    self._replace(worker, "died")
        for worker in busy:
            if worker in self.workers and self.hard_limit and time.monotonic() >= worker.since + self.hard_limit:
                self._replace(worker, "timeout")

    def _answer(self, worker: _Worker) -> None:
        try:
            index, result = worker.connection.recv()
        except (EOFError, OSError):
            self._replace(worker, "died")
            return
        worker.held.popleft()
        worker.since = time.monotonic()
        if isinstance(result, WorkerError):
            raise result
        self.done[index] = result

    def _replace(self, worker: _Worker, reason: str) -> None:
        """The worker's first item (if it held one) is lost for ``reason``; the others go back."""
        self._end(worker)
        if worker.held:
            index, item = worker.held.popleft()
            self.done[index] = self.lost(item, reason)
            self.waiting.extendleft(reversed(worker.held))
        self.workers[self.workers.index(worker)] = self._start()

    def _end(self, worker: _Worker) -> None:
        for fileobj in (worker.connection, worker.process.sentinel):
            with contextlib.suppress(KeyError, ValueError):
                self.selector.unregister(fileobj)
        _end(worker)

    def _stop(self) -> None:
        for worker in self.workers:
            with contextlib.suppress(OSError):
                worker.connection.send(None)
        deadline = time.monotonic() + 1.0
        for worker in self.workers:
            worker.process.join(max(0.0, deadline - time.monotonic()))
            self._end(worker)
        self.selector.close()


def _pending(worker: _Worker) -> bool:
    try:
        return worker.connection.poll(0)
    except (EOFError, OSError):
        return False


def _end(worker: _Worker) -> None:
    process = worker.process
    if process.is_alive():
        process.kill()
    process.join()
    worker.connection.close()


class WorkerError(Exception):
    """The task raised in a worker (a bug, not a bad file): its traceback, raised again here."""


def _serve(connection, task: Callable) -> None:
    """A worker: items in, results out, until told to stop. Ctrl-C is the supervisor's to handle."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    while True:
        try:
            message = connection.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        index, item = message
        try:
            result = task(item)
        except Exception:
            import traceback

            result = WorkerError(f"{item}:\n{traceback.format_exc()}")
        connection.send((index, result))
