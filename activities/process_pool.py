"""Processes for CPU-bound domain steps: one step per process at a time, each stoppable.

``concurrent.futures.ProcessPoolExecutor`` is unusable for good once one of its processes
dies (the OOM killer, a SIGKILL), and it cannot stop a single step. Here a dead process
fails only the step it ran and is replaced; a step that is cancelled or runs past its limit
is stopped by killing its process; and the processes end with the worker that spawned them,
however it ends.
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from multiprocessing.connection import Connection
from typing import Any, TypeVar

T = TypeVar("T")

# How often a pool process looks whether the worker that spawned it is still there.
PARENT_CHECK_SECONDS = 1.0


class PoolProcessDied(RuntimeError):
    """The process running a step ended before answering."""


class StepOverran(TimeoutError):
    """A step ran past its limit and was stopped."""


class _Process:
    """One spawned process and our end of the pipe it reads steps from."""

    def __init__(self, context: Any) -> None:
        ours, theirs = context.Pipe()
        self.process = context.Process(
            target=serve, args=(theirs, os.getpid()), name="cpg2pvg-cpu", daemon=True
        )
        self.process.start()
        theirs.close()  # only the child holds its end: our death is its end of file
        self.conn: Connection = ours

    def exchange(self, fn: Callable[..., Any], args: tuple[Any, ...]) -> tuple[bool, Any]:
        """Send one step and wait for its answer (in a thread: both may block)."""
        try:
            self.conn.send((fn, args))
            answer: tuple[bool, Any] = self.conn.recv()
        except (EOFError, OSError):
            raise PoolProcessDied("the process running the step ended unexpectedly") from None
        return answer

    def alive(self) -> bool:
        alive: bool = self.process.is_alive()
        return alive

    def kill(self) -> None:
        with contextlib.suppress(OSError, ValueError):
            self.process.kill()
        with contextlib.suppress(OSError):
            self.conn.close()

    def stop(self, timeout: float) -> None:
        """Close the pipe (the process exits when idle), then make sure it has gone."""
        with contextlib.suppress(OSError):
            self.conn.close()
        self.process.join(timeout)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(timeout)


class ProcessPool:
    def __init__(self, processes: int) -> None:
        # spawn, not fork: the worker process runs threads (the Temporal core) already.
        self._context = multiprocessing.get_context("spawn")
        self._size = max(1, processes)
        self._free = asyncio.Semaphore(self._size)
        self._idle: list[_Process] = []
        self._all: set[_Process] = set()
        # Waiting for an answer blocks; a killed process's thread returns at once.
        self._threads = ThreadPoolExecutor(2 * self._size, thread_name_prefix="cpg2pvg-cpu")
        self._closed = False
        self._spawn_error: str | None = None

    async def run(self, fn: Callable[..., T], *args: Any, limit: float | None = None) -> T:
        """``fn(*args)`` in a pool process; stopped (process killed) when cancelled or after
        ``limit`` seconds. Raises ``PoolProcessDied`` if its process dies meanwhile."""
        async with self._free:
            process = self._take()
            loop = asyncio.get_running_loop()
            try:
                async with asyncio.timeout(limit):
                    ok, value = await loop.run_in_executor(
                        self._threads, process.exchange, fn, args
                    )
            except TimeoutError:
                self._discard(process)
                raise StepOverran(f"the step ran longer than {limit:.0f} s") from None
            except BaseException:
                self._discard(process)  # cancelled or dead: it must not go on working
                raise
            self._idle.append(process)
        if not ok:
            raise value
        result: T = value
        return result

    def _take(self) -> _Process:
        if self._closed:
            raise RuntimeError("the process pool is closed")
        while self._idle:
            process = self._idle.pop()
            if process.alive():
                return process
            self._discard(process)  # killed while idle: replace it before it fails a step
        try:
            process = _Process(self._context)
        except Exception as error:
            self._spawn_error = type(error).__name__
            raise
        self._spawn_error = None
        self._all.add(process)
        return process

    def broken(self) -> str | None:
        """Why no step can run here (the worker's liveness), or None while steps can."""
        if self._closed:
            return "the process pool is closed"
        if self._spawn_error is not None:
            return f"the process pool cannot start a process ({self._spawn_error})"
        return None

    def _discard(self, process: _Process) -> None:
        process.kill()
        self._all.discard(process)
        self._reap()

    def _reap(self) -> None:
        """Collect the exit status of killed processes, so none is left a zombie."""
        multiprocessing.active_children()

    def close(self, timeout: float = 5.0) -> None:
        """End every process: idle ones when their pipe closes, busy ones by force."""
        self._closed = True
        for process in list(self._all):
            if process in self._idle:
                process.stop(timeout)
            else:
                process.kill()
                process.process.join(timeout)
        self._all.clear()
        self._idle.clear()
        self._threads.shutdown(wait=False, cancel_futures=True)


def serve(conn: Connection, parent_pid: int) -> None:
    """A pool process: run steps from the pipe until it closes or the worker is gone."""
    # Ctrl-C reaches the whole process group; the worker decides when its pool stops.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_with_parent, args=(parent_pid,), daemon=True).start()
    while True:
        try:
            fn, args = conn.recv()
        except (EOFError, OSError):
            return
        try:
            answer: tuple[bool, Any] = (True, fn(*args))
        except Exception as error:
            answer = (False, error)
        try:
            conn.send(answer)
        except (EOFError, OSError):
            return
        except Exception as error:  # an answer that does not pickle
            conn.send((False, RuntimeError(f"the step's answer could not be sent: {error!r}")))


def _exit_with_parent(parent_pid: int) -> None:
    """A worker killed while this process is busy would otherwise leave it running."""
    while os.getppid() == parent_pid:
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(1)
