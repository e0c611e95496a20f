"""Benchmark: what a user waits for, at the real content and a synthetic corpus at N and 4N.

Usage (from the project folder, after `make site` has created .venv):
    .venv/bin/python bench/run.py                 # real content, N = 500 case studies (125 clauses, 75 indicators), and 4N
    .venv/bin/python bench/run.py --quick         # the same at N = 100, fewer saves: a few minutes
    .venv/bin/python bench/run.py --sizes 20N --pairs 1 --saves 0 --no-browser   # 10,000 case studies, once
    .venv/bin/python bench/run.py --sizes real,N,4N,20N   # all four in one run: 20N once (--pairs-20n), and
                                                          # the growth from N to 4N to 20N (about 40 minutes)
    .venv/bin/python bench/run.py --no-browser    # skip Chromium (search timing and save-to-reload)
    .venv/bin/python bench/run.py --sizes real,4N --serve-only   # only save to reload in `svkb serve` (minutes)

The corpus is the real content plus clones of the real case studies, clauses and indicators with
new ids and their prose varied (same length), so items have realistic size and shape and no cache
can serve a clone from its original. At each size the benchmark
- times the generator's own stages in this process (load, validate, model, render, write);
- alternates `svkb build` in a fresh process (as `make site` runs it) with a plain `mkdocs build`
  of the same generated Markdown, configuration and navigation, and reports the median of the pair
  ratios and each command's peak memory; `svkb build` runs cold (no build/cache), and once more
  warm after each pair (nothing changed, its cache kept);
- times `svkb check` in a fresh process, and first search results in headless Chromium;
- starts `svkb serve`, opens a case study in Chromium and times each save of that case study until
  the live-reloaded page shows the edit (real content and the largest size).
The machine is shared: timings move between runs of the same code, so pairs are alternated and
medians reported.
"""

from __future__ import annotations

import argparse
import gzip
import os
import resource
import shutil
import string
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import product
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

from bench import endtoend, live  # noqa: E402
from bench.search import search_timing  # noqa: E402
from generator.catalog import build_catalog  # noqa: E402
from generator.crossref import check_references  # noqa: E402
from generator.discover import discover  # noqa: E402
from generator.load import load_sources  # noqa: E402
from generator.profile import Profile  # noqa: E402
from generator.render import render_nav, render_pages  # noqa: E402
from generator.themehooks import OVERRIDES  # noqa: E402
from generator.validate import validate  # noqa: E402
from generator.write import write_pages  # noqa: E402

EPOCH = 1767225600


def peak_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


class Stages:
    """Wall time of each stage, and the process's peak memory when it ended."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, float, float]] = []

    @contextmanager
    def stage(self, name: str):  # type: ignore[no-untyped-def]
        start = time.perf_counter()
        yield
        self.rows.append((name, time.perf_counter() - start, peak_mb()))

    def total(self, names: set[str] | None = None) -> float:
        return sum(t for n, t, _ in self.rows if names is None or n in names)


PROSE = ("summary", "context", "approach", "lessons", "purpose", "use_when", "avoid_when", "drafting_notes", "definition", "evidence", "pitfalls")


def _vary(text: str, n: int) -> str:
    """A different text of the same length, so no cache can serve a clone from its original."""
    keep = "Legacy: " if text.startswith("Legacy: ") else ""  # legacy notes must keep their label
    mark = f"{keep}Copy {n}: "
    return mark + text[len(keep) : max(len(keep), len(text) - len(mark) + len(keep))]


def clone(text: str, new_id: str, n: int) -> str:
    """A copy of a content file with a new id and its prose varied (same lengths, so still valid)."""
    from generator.yamlread import read_yaml

    doc, problems = read_yaml(text, "clone.yml")
    assert doc is not None and not problems, problems
    data = dict(doc.data, id=new_id)
    for key in PROSE:
        value = data.get(key)
        if isinstance(value, str):
            data[key] = _vary(value, n)
        elif isinstance(value, list):
            data[key] = [_vary(v, n) if isinstance(v, str) else v for v in value]
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def clause_ids(count: int) -> list[str]:
    codes = ("X" + "".join(p) for p in product(string.ascii_uppercase, repeat=2))
    ids: list[str] = []
    for code in codes:
        ids += [f"SV-{code}-{n:02d}" for n in range(1, 100)]
        if len(ids) >= count:
            return ids[:count]
    return ids


def make_corpus(target: Path, cases: int, clauses: int, indicators: int) -> None:
    """Copy the real project and add clones until the collections reach the wanted sizes."""
    for folder in ("content", "casestudies", "templates"):
        shutil.copytree(ROOT / folder, target / folder)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copy(ROOT / "published-urls.txt", target / "published-urls.txt")  # so the build checks addresses as `make site` does
    groups = (("casestudies", cases, lambda i: f"synthetic-case-{i:05d}"),
              ("templates", clauses, None),
              ("content/indicators", indicators, lambda i: f"synthetic-indicator-{i:05d}"))
    for folder, wanted, name in groups:
        originals = sorted((target / folder).glob("*.yml"))
        extra = max(0, wanted - len(originals))
        ids = clause_ids(extra) if name is None else [name(i) for i in range(extra)]
        for i, new_id in enumerate(ids):
            source = originals[i % len(originals)].read_text(encoding="utf-8")
            (target / folder / f"{new_id}.yml").write_text(clone(source, new_id, i), encoding="utf-8")


def run_generator(project: Path, out: Path) -> tuple[Stages, list[object]]:
    """Run the generator's own stages in this process, timing each; return them and the navigation."""
    s = Stages()
    with s.stage("load"):
        sources, _ = discover(project)
        loaded, problems = load_sources(sources)
    with s.stage("validate"):
        valid, invalid = validate(loaded)
        problems += invalid
    with s.stage("model"):
        catalog = build_catalog(valid)
        problems += check_references(catalog)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise SystemExit("corpus is invalid:\n" + "\n".join(p.format() for p in errors[:20]))
    with s.stage("render pages and packs"):  # as a build does it: on both cores once the catalogue is large
        pages = render_pages(catalog, Profile(), EPOCH)
        nav = render_nav(catalog)
    with s.stage("write"):
        write_pages([p for p in pages if not p.site_only], out / "docs")
    return s, nav


def plain_config(project: Path, out: Path, nav: list[object]) -> Path:
    """A MkDocs configuration for the Markdown `svkb build` leaves in build/docs, with the same settings and navigation."""
    config = dict(yaml.safe_load((project / "mkdocs.yml").read_text()))
    config.update(docs_dir=str(project / "build/docs"), site_dir=str(out / "plain-site"), nav=nav)
    # the theme overrides svkb adds with a hook (generator/themehooks.py): breadcrumbs, the 404 page, the tags page's layout
    config["theme"] = {**config["theme"], "custom_dir": OVERRIDES}
    (out / "plain-mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False))
    return out / "plain-mkdocs.yml"


def check_time(project: Path) -> float:
    """`svkb check` as an editor runs it: a fresh process, imports included."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "generator", "check"], cwd=project, env=endtoend.child_env(EPOCH), check=True, capture_output=True)
    return time.perf_counter() - start


def site_figures(site: Path) -> dict[str, str]:
    html = sorted(site.rglob("*.html"), key=lambda p: p.stat().st_size)
    files = [p for p in site.rglob("*") if p.is_file()]
    return {
        "pages (HTML)": f"{len(html):,}",
        "files / bytes written": f"{len(files):,} / {sum(p.stat().st_size for p in files) / 1e6:,.1f} MB",
        "largest page raw / gzipped": f"{html[-1].relative_to(site).as_posix()} ({html[-1].stat().st_size / 1e3:,.0f} kB / {len(gzip.compress(html[-1].read_bytes(), 9)) / 1e3:,.0f} kB)",
    }


SIZES = {"real": 0, "N": 1, "4N": 4, "20N": 20}


@dataclass
class Options:
    scale: int
    pairs: int
    saves: int
    browser: bool
    live: set[str]
    pairs_20n: int = 1


def corpus(size: str, opts: Options, work: Path) -> Path:
    """The project folder at ``size``: the real content and its clones."""
    k = SIZES[size]
    cases, clauses, indicators = k * opts.scale, k * opts.scale // 4, (max(21, k * opts.scale * 3 // 20) if k else 0)
    make_corpus(work / "project", cases, clauses, indicators)
    return work / "project"


def serve_only(size: str, opts: Options) -> str:
    """Only the save-to-reload timing in `svkb serve` at ``size`` (a fresh corpus, no build before it)."""
    work = Path(tempfile.mkdtemp(prefix=f"svkb-bench-{size}-"))
    try:
        project = corpus(size, opts, work)
        startup, saves = live.save_to_reload(project, opts.saves, EPOCH)
        items = len(list((project / "casestudies").glob("*.yml")))
        return "\n".join([f"\n## {size}: {items:,} case studies", "", *live.rows(startup, saves, 2 if size == "real" else 5)])
    finally:
        shutil.rmtree(work, ignore_errors=True)


def measure(size: str, opts: Options) -> dict[str, object]:
    work = Path(tempfile.mkdtemp(prefix=f"svkb-bench-{size}-"))
    try:
        project = corpus(size, opts, work)
        stages, nav = run_generator(project, work / "out")
        config = plain_config(project, work / "out", nav)
        a, b, ratios, warm, warm_ratios = endtoend.paired(project, config, EPOCH, opts.pairs_20n if size == "20N" else opts.pairs)
        figures = site_figures(project / "site")
        figures["svkb check"] = f"{check_time(project):,.2f} s"
        lines = endtoend.rows(a, b, ratios, warm, warm_ratios)
        browser = opts.browser and shutil.which("chromium") is not None
        if browser:
            figures.update(search_timing(project / "site"))
        if browser and opts.saves and size in opts.live:
            startup, saves = live.save_to_reload(project, opts.saves, EPOCH)
            lines += live.rows(startup, saves, 2 if size == "real" else 5)
        counts = sorted(p.name for p in (project / "casestudies").glob("*.yml")), list((project / "templates").glob("*.yml")), list((project / "content/indicators").glob("*.yml"))
        return {"size": size, "items": f"{len(counts[0]):,} case studies, {len(counts[1]):,} clauses, {len(counts[2]):,} indicators", "stages": stages,
                "a": a, "b": b, "lines": lines, "figures": figures}
    finally:
        shutil.rmtree(work, ignore_errors=True)


def report(results: list[dict[str, object]]) -> str:
    """Every size's figures, then the growth between sizes."""
    return "\n".join([sections(results), "", *growth(results)])


def sections(results: list[dict[str, object]]) -> str:
    lines = []
    for r in results:
        stages: Stages = r["stages"]  # type: ignore[assignment]
        plain: endtoend.Runs = r["b"]  # type: ignore[assignment]
        lines += [f"\n## {r['size']}: {r['items']}", "", "| Generator stage (in this process) | Seconds | Peak memory after (MB) |", "| --- | ---: | ---: |"]
        lines += [f"| {name} | {seconds:,.2f} | {peak:,.0f} |" for name, seconds, peak in stages.rows]
        own = stages.total()
        lines += [f"| **generator stages** | **{own:,.2f}** | |", "",
                  f"- generator's own stages as a share of the plain MkDocs build: {own / plain.median:.0%}"]
        lines += r["lines"]  # type: ignore[arg-type]
        lines += [f"- {k}: {v}" for k, v in r["figures"].items()]  # type: ignore[union-attr]
    return "\n".join(lines)


def growth(results: list[dict[str, object]]) -> list[str]:
    """How `svkb build` time grows with size: N to 4N, and 20N against the line through N and 4N."""
    t = {r["size"]: r["a"].median for r in results}  # type: ignore[attr-defined]
    out = []
    if "N" in t and "4N" in t:
        out.append(f"Growth of `svkb build` from N to 4N: {t['4N'] / t['N']:.2f}x (linear would be at most 4x; target: at most 4.4x)")
        if "20N" in t:
            predicted = t["4N"] + (t["4N"] - t["N"]) / 3 * 16
            out.append(f"20N: {t['20N']:,.1f} s against {predicted:,.1f} s on the line through N and 4N: {t['20N'] / predicted:.2f}x (target: at most 1.1x)")
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=int, default=500, help="N, the number of case studies at the smaller synthetic size (default 500)")
    parser.add_argument("--sizes", default="real,N,4N", help="which sizes, comma-separated, from real, N, 4N, 20N (default real,N,4N)")
    parser.add_argument("--pairs", type=int, default=3, help="paired runs of `svkb build` and plain MkDocs per size (default 3)")
    parser.add_argument("--pairs-20n", type=int, default=1, help="paired runs at 20N, where one pair takes about a quarter of an hour (default 1)")
    parser.add_argument("--saves", type=int, default=3, help="saves timed in `svkb serve` at the real content and at 4N (else the largest size below 20N) (default 3; 0 to skip)")
    parser.add_argument("--quick", action="store_true", help="N = 100 and 2 saves: the whole run in a few minutes")
    parser.add_argument("--no-browser", action="store_true", help="skip Chromium: search timing and save-to-reload")
    parser.add_argument("--serve-only", action="store_true", help="only the save-to-reload timing in `svkb serve`, at each size given")
    args = parser.parse_args()
    if args.quick:
        args.scale, args.saves = 100, min(args.saves, 2)
    sizes = [s.strip() for s in args.sizes.split(",") if s.strip()]
    unknown = [s for s in sizes if s not in SIZES]
    if unknown or args.pairs < 1 or args.pairs_20n < 1:
        parser.error(f"unknown size {unknown} (choose from {', '.join(SIZES)})" if unknown else "--pairs must be at least 1")
    below_20n = [s for s in sizes if s != "20N"]
    live = {"real", "4N" if "4N" in sizes else (below_20n[-1] if below_20n else "real")}
    opts = Options(args.scale, args.pairs, args.saves, not args.no_browser, live, args.pairs_20n)
    print(f"# svkb benchmark ({os.cpu_count()} cores shared with other users; N = {args.scale}, {args.pairs} pairs)", flush=True)
    if args.serve_only:
        for size in sizes:
            print(serve_only(size, opts), flush=True)
        return 0
    results = []
    for size in sizes:  # each size's figures as soon as they are measured (20N takes a while)
        results.append(measure(size, opts))
        print(sections(results[-1:]), flush=True)
    print("\n".join([""] + growth(results)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
