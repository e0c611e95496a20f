"""What a user waits for: `svkb build` in a fresh process against plain MkDocs on the same Markdown.

Runs alternate (A, B, A, B, ...) so that load from other users of the machine falls on both sides
of each pair; the figure is the median of the pair ratios. Peak memory is each child process's own
maximum resident set (from wait4), the largest over the runs.
"""

from __future__ import annotations

import os
import shutil
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


# Runs the command from a fresh, small interpreter and reports its peak. A child forked straight
# from the benchmark would count the benchmark's own memory (the kernel keeps the high-water mark
# of the address space a child had before exec), which inflated earlier figures.
LAUNCHER = """
import os, sys
pid = os.fork()
if pid == 0:
    os.execvp(sys.argv[1], sys.argv[1:])
_, status, usage = os.wait4(pid, 0)
sys.stderr.write(f"\\nsvkb-bench-peak-kb {usage.ru_maxrss}\\n")
sys.exit(os.waitstatus_to_exitcode(status))
"""


def timed(argv: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float]:
    """Run a command to completion; return its wall time and the peak memory of its largest process (MB)."""
    start = time.perf_counter()
    child = subprocess.run([sys.executable, "-c", LAUNCHER, *argv], cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    seconds = time.perf_counter() - start
    err = child.stderr.decode(errors="replace")
    if child.returncode:
        raise SystemExit(f"{' '.join(argv)} failed ({child.returncode}):\n{err[-3000:]}")
    peak_kb = int(err.rsplit("svkb-bench-peak-kb ", 1)[1].split()[0])
    return seconds, peak_kb / 1024


ROOT = Path(__file__).resolve().parents[1]


def child_env(epoch: int) -> dict[str, str]:
    """The environment of a timed command: this checkout's generator first on the path (the
    editable install may point at another checkout; the command runs in the corpus's folder)."""
    path = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p)
    return {**os.environ, "SOURCE_DATE_EPOCH": str(epoch), "PYTHONPATH": path}


def svkb_build(project: Path, epoch: int) -> tuple[float, float]:
    """`svkb build` as `make site` runs it: a fresh interpreter, imports and all."""
    return timed([sys.executable, "-m", "generator", "build"], project, child_env(epoch))


def plain_build(config: Path, epoch: int) -> tuple[float, float]:
    """MkDocs + Material alone on the Markdown `svkb build` generated, with the same configuration and navigation."""
    return timed([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)], config.parent, child_env(epoch))


def paired(project: Path, plain_config: Path, epoch: int, pairs: int) -> tuple[Runs, Runs, list[float], Runs, list[float]]:
    """Alternate `svkb build` (A) and plain MkDocs (B); return both and the ratio A/B of each pair.

    A is cold: build/cache (the rendered tree and the audit's parsed pages kept from the last
    build) is removed first. After each pair, A runs again warm, with nothing changed since the
    cold run (an editor rebuilding without edits, or a rebuild in CI with the cache kept): the
    warm ratio is that run over the same pair's B."""
    a, b, ratios, warm, warm_ratios = Runs(), Runs(), [], Runs(), []
    for _ in range(pairs):
        shutil.rmtree(project / "build/cache", ignore_errors=True)
        for runs, run in ((a, lambda: svkb_build(project, epoch)), (b, lambda: plain_build(plain_config, epoch)), (warm, lambda: svkb_build(project, epoch))):
            seconds, peak = run()
            runs.seconds.append(seconds)
            runs.peaks.append(peak)
        ratios.append(a.seconds[-1] / b.seconds[-1])
        warm_ratios.append(warm.seconds[-1] / b.seconds[-1])
    return a, b, ratios, warm, warm_ratios


def rows(a: Runs, b: Runs, ratios: list[float], warm: Runs, warm_ratios: list[float]) -> list[str]:
    """Report lines for the paired runs."""
    return [
        f"- end to end, {len(ratios)} pairs (A = `svkb build` in a fresh process, cold: no build/cache; B = plain `mkdocs build` of its Markdown):",
        f"  A {' / '.join(f'{s:,.2f}' for s in a.seconds)} s (median {a.median:,.2f} s); B {' / '.join(f'{s:,.2f}' for s in b.seconds)} s (median {b.median:,.2f} s)",
        f"  pair ratios A/B {' / '.join(f'{r:.2f}' for r in ratios)}: **median {statistics.median(ratios):.2f}x** (target: at most 1.15x)",
        f"- warm (`svkb build` again after each pair, nothing changed, build/cache kept): {' / '.join(f'{s:,.2f}' for s in warm.seconds)} s,"
        f" ratios to the pair's B {' / '.join(f'{r:.2f}' for r in warm_ratios)}: **median {statistics.median(warm_ratios):.2f}x**",
        f"- peak memory, largest single process: `svkb build` {max(a.peak, warm.peak):,.0f} MB, plain MkDocs {b.peak:,.0f} MB (target: under 2,048 MB)",
    ]
