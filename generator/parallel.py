"""Run independent jobs on every core (forked workers), or in this process when that would not pay."""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import Any

_jobs: list[Callable[[], Any]] = []


def _run(index: int) -> Any:
    return _jobs[index]()


def run_all(jobs: list[Callable[[], Any]], parallel: bool = True) -> list[Any]:
    """Return each job's result, in the order given.

    Workers are forked, so they inherit the jobs (and the catalogue they close over) without
    copying; only results travel back. Give the largest jobs first: they are handed out in order.
    """
    global _jobs
    workers = min(len(jobs), os.cpu_count() or 1)
    if not parallel or workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return [job() for job in jobs]
    _jobs = jobs
    gc.freeze()  # as Python's documentation advises before fork: workers' collections then skip the inherited heap
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            return list(pool.map(_run, range(len(jobs))))
    finally:
        gc.unfreeze()
        _jobs = []
