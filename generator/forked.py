"""Run one large job in a forked child, so that the memory it used goes back to the system when it ends.

Python seldom returns freed memory to the operating system: whatever a stage once held stays in
the process, and the next stage's memory comes on top of it. A build checks and renders the
whole catalogue (hundreds of megabytes at thousands of case studies) before MkDocs holds every
page; run in one process, MkDocs' peak sat on the generator's. `call` runs the first part in a
forked child that writes its files and sends back only a small, picklable result.

The child is forked only where that is safe (`parallel.can_fork`: Linux, one thread; the live
preview's server threads rule it out), else the job runs here. If the child fails in any way
(an exception, or killed), the job runs again here, so that its exception, its traceback and the
crash report naming the file being processed are exactly what they would be without a child.

`trim` hands memory freed in this process back to the system where the C library allows it
(glibc's malloc_trim), so that a later stage, or a worker forked for it, starts smaller.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import os
import pickle
import signal
import sys
from collections.abc import Callable
from typing import Generic, TypeVar

from generator.parallel import can_fork

T = TypeVar("T")
_PR_SET_PDEATHSIG = 1


def call(job: Callable[[], T], fork: bool = True) -> T:
    """Return ``job()``, computed in a forked child when ``fork`` and forking is safe (see the module's notes)."""
    return start(job, fork).result()


class Pending(Generic[T]):
    """A job started by `start`: in a forked child, or (where forking is unsafe) not yet run."""

    def __init__(self, job: Callable[[], T], pid: int = 0, read: int = -1) -> None:
        self.job, self.pid, self.read = job, pid, read

    def result(self) -> T:
        """The job's result: the child's, once it has ended; else the job run here."""
        if not self.pid:
            return self.job()
        try:
            with os.fdopen(self.read, "rb") as pipe:
                data = pipe.read()
        except BaseException:  # interrupted (Ctrl-C): the child stops too
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
            raise
        finally:
            _, status = os.waitpid(self.pid, 0)
            self.pid = 0
        if status == 0 and data:
            value: T = pickle.loads(data)
            return value
        return self.job()  # the child failed: fail here, as without a child


    def cancel(self) -> None:
        """Stop the child, if any, and wait for it to end (its result is no longer wanted)."""
        if self.pid:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
            os.close(self.read)
            self.pid = 0


def start(job: Callable[[], T], fork: bool = True) -> Pending[T]:
    """Start ``job`` in a forked child (when ``fork`` and forking is safe) and return at once, so
    this process can work beside it; ``result()`` waits for it. Where no child can be forked, the
    job runs when its result is asked for."""
    if not fork or not can_fork():
        return Pending(job)
    for stream in (sys.stdout, sys.stderr):
        stream.flush()  # else the child would print what is buffered here a second time
    parent = os.getpid()
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        os.close(read)
        _child(job, write, parent)
    os.close(write)
    return Pending(job, pid, read)


def _child(job: Callable[[], object], write: int, parent: int) -> None:
    """Run the job, send its pickled result to the parent, and exit without running the parent's exit handlers."""
    code = 1
    try:
        _die_with(parent)
        data = pickle.dumps(job(), protocol=pickle.HIGHEST_PROTOCOL)
        with os.fdopen(write, "wb") as pipe:
            pipe.write(data)
        code = 0
    except BaseException:  # noqa: BLE001, S110 - the parent runs the job again to raise it
        pass
    finally:
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):
                stream.flush()
        os._exit(code)


def _die_with(parent: int) -> None:
    """Ask Linux to kill this child when the parent dies (a killed build must not leave it writing)."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the request was made
        os._exit(1)


def trim() -> None:
    """Free unreachable objects and return the freed heap to the system (a no-op where glibc is not used)."""
    gc.collect()
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None).malloc_trim(0)
