"""What a user waits for: `svkb build` in a fresh process against plain MkDocs on the same Markdown.

Runs alternate (A, B, A, B, ...) so that load from other users of the machine falls on both sides
of each pair; the figure is the median of the pair ratios. Peak memory is each child process's own
maximum resident set (from wait4), the largest over the runs.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Runs:
    """Wall times (s) and peak resident memory (MB) of repeated runs of one command."""

    seconds: list[float] = field(default_factory=list)
    peaks: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def peak(self) -> float:
        return max(self.peaks)


def timed(argv: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float]:
    """Run a command to completion; return its wall time and the peak memory of its largest process (MB)."""
    start = time.perf_counter()
    child = subprocess.Popen(argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert child.stderr is not None
    err = child.stderr.read()  # read before waiting, so a chatty child cannot block on a full pipe
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        raise SystemExit(f"{' '.join(argv)} failed ({child.returncode}):\n{err.decode(errors='replace')[-3000:]}")
    return seconds, usage.ru_maxrss / 1024


def svkb_build(project: Path, epoch: int) -> tuple[float, float]:
    """`svkb build` as `make site` runs it: a fresh interpreter, imports and all."""
    return timed([sys.executable, "-m", "generator", "build"], project, {**os.environ, "SOURCE_DATE_EPOCH": str(epoch)})


def plain_build(config: Path, epoch: int) -> tuple[float, float]:
    """MkDocs + Material alone on the Markdown `svkb build` generated, with the same configuration and navigation."""
    return timed([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)], config.parent, {**os.environ, "SOURCE_DATE_EPOCH": str(epoch)})


def paired(project: Path, plain_config: Path, epoch: int, pairs: int) -> tuple[Runs, Runs, list[float]]:
    """Alternate `svkb build` (A) and plain MkDocs (B); return both and the ratio A/B of each pair."""
    a, b, ratios = Runs(), Runs(), []
    for _ in range(pairs):
        for runs, run in ((a, lambda: svkb_build(project, epoch)), (b, lambda: plain_build(plain_config, epoch))):
            seconds, peak = run()
            runs.seconds.append(seconds)
            runs.peaks.append(peak)
        ratios.append(a.seconds[-1] / b.seconds[-1])
    return a, b, ratios


def rows(a: Runs, b: Runs, ratios: list[float]) -> list[str]:
    """Report lines for the paired runs."""
    return [
        f"- end to end, {len(ratios)} pairs (A = `svkb build` in a fresh process, B = plain `mkdocs build` of its Markdown):",
        f"  A {' / '.join(f'{s:,.2f}' for s in a.seconds)} s (median {a.median:,.2f} s); B {' / '.join(f'{s:,.2f}' for s in b.seconds)} s (median {b.median:,.2f} s)",
        f"  pair ratios A/B {' / '.join(f'{r:.2f}' for r in ratios)}: **median {statistics.median(ratios):.2f}x** (target: at most 1.15x)",
        f"- peak memory, largest single process: `svkb build` {a.peak:,.0f} MB, plain MkDocs {b.peak:,.0f} MB (target: under 2,048 MB)",
    ]
