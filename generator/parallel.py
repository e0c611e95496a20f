"""Run independent jobs on every core (forked workers), or in this process when that would not pay."""

from __future__ import annotations

import gc
import multiprocessing
import os
import sys
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import Any

_jobs: list[Callable[[], Any]] = []


def _run(index: int) -> tuple[bool, Any]:
    try:
        return True, _jobs[index]()
    except Exception:  # noqa: BLE001 - not every exception survives pickling; the parent re-runs the job to raise it
        return False, None


def cores() -> int:
    """The cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def can_fork() -> bool:
    """Forking is safe only on Linux and only while this process runs a single thread (the live
    preview's server threads, for one, rule it out)."""
    return sys.platform.startswith("linux") and threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods()


def run_all(jobs: list[Callable[[], Any]], parallel: bool = True) -> list[Any]:
    """Return each job's result, in the order given (see run_each)."""
    return list(run_each(jobs, parallel))


def run_each(jobs: list[Callable[[], Any]], parallel: bool = True) -> Iterator[Any]:
    """Yield each job's result, in the order given, as soon as it and those before it are done.

    Workers are forked, so they inherit the jobs (and the catalogue they close over) without
    copying; only results travel back. Give the largest jobs first: they are handed out in order.
    A job that fails in a worker is run again here, so its exception is raised as it would be
    without workers.
    """
    global _jobs
    workers = min(len(jobs), cores())
    if not parallel or workers < 2 or not can_fork():
        yield from (job() for job in jobs)
        return
    _jobs = jobs
    gc.freeze()  # as Python's documentation advises before fork: workers' collections then skip the inherited heap
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            results = pool.map(_run, range(len(jobs)))  # all forked and handed out now; read in order
            _jobs = []
            gc.unfreeze()
            for job, (ok, value) in zip(jobs, results, strict=True):
                yield value if ok else job()
    finally:
        gc.unfreeze()
        _jobs = []
