"""Benchmark: build a synthetic corpus at two sizes and report time and memory per stage.

Usage (from the project folder, after `make site` has created .venv):
    .venv/bin/python bench/run.py                 # N = 500 case studies, 125 clauses, 75 indicators, and 4N
    .venv/bin/python bench/run.py --scale 100     # a quicker run
    .venv/bin/python bench/run.py --no-browser    # skip the search timing in Chromium

The corpus is the real content plus clones of the real case studies, clauses and indicators with
new ids and their prose varied (same length), so items have realistic size and shape and no cache
can serve a clone from its original. Each size is built twice: once by the generator's
stages (timed one by one), and once by plain MkDocs + Material on the same generated Markdown,
so the generator's own cost shows as a share of the whole.
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
from itertools import product
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

from generator.catalog import build_catalog  # noqa: E402
from generator.crossref import check_references  # noqa: E402
from generator.discover import discover  # noqa: E402
from generator.load import load_sources  # noqa: E402
from generator.profile import Profile  # noqa: E402
from generator.render import render_nav, render_pages  # noqa: E402
from generator.sitebuild import build_site  # noqa: E402
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


def run_generator(project: Path, out: Path) -> tuple[Stages, Path]:
    """Run every stage of a build, timing each."""
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
    docs = out / "docs"
    with s.stage("write"):
        write_pages([p for p in pages if not p.site_only], docs)
    with s.stage("site build"):
        problems = build_site(project / "mkdocs.yml", docs, out / "site", nav)
        write_pages([p for p in pages if p.site_only], out / "site")
    if problems:
        raise SystemExit("site build failed:\n" + "\n".join(p.format() for p in problems[:20]))
    config = dict(yaml.safe_load((project / "mkdocs.yml").read_text()))
    config.update(docs_dir=str(docs), site_dir=str(out / "plain-site"), nav=nav)
    (out / "plain-mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False))
    return s, out / "plain-mkdocs.yml"


def plain_mkdocs(config: Path) -> tuple[float, float]:
    """Build the same Markdown with MkDocs and Material alone; return seconds and peak memory."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)], check=True, env={**os.environ, "SOURCE_DATE_EPOCH": str(EPOCH)})
    return time.perf_counter() - start, peak_mb(resource.RUSAGE_CHILDREN)


def check_time(project: Path) -> float:
    """`svkb check` as an editor runs it: a fresh process, imports included."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "generator", "check"], cwd=project, check=True, capture_output=True)
    return time.perf_counter() - start


def site_figures(site: Path) -> dict[str, str]:
    html = sorted(site.rglob("*.html"), key=lambda p: p.stat().st_size)
    files = [p for p in site.rglob("*") if p.is_file()]
    index = (site / "search/search_index.json").read_bytes()
    gz = len(gzip.compress(index, 9))
    return {
        "pages (HTML)": f"{len(html):,}",
        "files / bytes written": f"{len(files):,} / {sum(p.stat().st_size for p in files) / 1e6:,.1f} MB",
        "search index raw / gzipped": f"{len(index) / 1e6:,.2f} MB / {gz / 1e6:,.2f} MB",
        "search index download at 1.6 Mbit/s (slow 3G)": f"{gz * 8 / 1.6e6:,.1f} s",
        "largest page raw / gzipped": f"{html[-1].relative_to(site).as_posix()} ({html[-1].stat().st_size / 1e3:,.0f} kB / {len(gzip.compress(html[-1].read_bytes(), 9)) / 1e3:,.0f} kB)",
    }


COMPRESSIBLE = (".html", ".js", ".json", ".css", ".xml", ".svg", ".txt")
PHONE = {"latency": 150, "downloadThroughput": 1.6e6 / 8, "uploadThroughput": 750e3 / 8}  # a slow mobile connection


@contextmanager
def serve_gzipped(site: Path):  # type: ignore[no-untyped-def]
    """Serve the site as a static host would: text files gzipped when the browser accepts it."""
    import functools
    import http.server
    import threading

    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802
            path = Path(self.translate_path(self.path))
            if path.is_dir() and self.path.split("?")[0].endswith("/"):
                path = path / "index.html"
            if path.suffix not in COMPRESSIBLE or "gzip" not in self.headers.get("Accept-Encoding", "") or not path.is_file():
                return super().do_GET()
            body = gzip.compress(path.read_bytes(), 6)
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


def first_results(browser: object, url: str, phone: bool) -> float:
    """Seconds from opening the home page to the first search results for a query typed at once."""
    context = browser.new_context(base_url=url)  # type: ignore[attr-defined]
    page = context.new_page()
    if phone:
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", {"offline": False, **PHONE})
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
    start = time.perf_counter()
    page.goto("")
    page.keyboard.press("/")
    page.keyboard.type("living wage")
    page.wait_for_selector(".md-search-result__item", timeout=300000)
    seconds = time.perf_counter() - start
    context.close()
    return seconds


def search_timing(site: Path) -> dict[str, str]:
    """Time to the first results in headless Chromium: on this machine, and as a phone on a slow connection."""
    from tests.browser import chromium

    with serve_gzipped(site) as url, chromium() as browser:
        here = first_results(browser, url, phone=False)
        phone = first_results(browser, url, phone=True)
    return {"first search results in Chromium, this machine (gzip, no throttling)": f"{here:,.1f} s",
            "first search results as a phone (1.6 Mbit/s, 150 ms latency, CPU 4x slower)": f"{phone:,.1f} s"}


def measure(size: str, cases: int, clauses: int, indicators: int, browser: bool) -> dict[str, object]:
    work = Path(tempfile.mkdtemp(prefix=f"svkb-bench-{size}-"))
    try:
        make_corpus(work / "project", cases, clauses, indicators)
        stages, config = run_generator(work / "project", work / "out")
        plain_seconds, plain_peak = plain_mkdocs(config)
        figures = site_figures(work / "out/site")
        figures["svkb check"] = f"{check_time(work / 'project'):,.2f} s"
        if browser and shutil.which("chromium"):
            figures.update(search_timing(work / "out/site"))
        return {"size": size, "items": f"{cases} case studies, {clauses} clauses, {indicators} indicators", "stages": stages,
                "plain": plain_seconds, "plain_peak": plain_peak, "figures": figures}
    finally:
        shutil.rmtree(work, ignore_errors=True)


def report(results: list[dict[str, object]]) -> str:
    lines = []
    generator_stages = {"load", "validate", "model", "render pages and packs", "write"}
    for r in results:
        stages: Stages = r["stages"]  # type: ignore[assignment]
        lines += [f"\n## {r['size']}: {r['items']}", "", "| Stage | Seconds | Peak memory after (MB) |", "| --- | ---: | ---: |"]
        lines += [f"| {name} | {seconds:,.2f} | {peak:,.0f} |" for name, seconds, peak in stages.rows]
        own = stages.total(generator_stages)
        lines += [f"| **generator stages (all but site build)** | **{own:,.2f}** | |",
                  f"| plain MkDocs + Material, same Markdown | {r['plain']:,.2f} | {r['plain_peak']:,.0f} |", "",
                  f"- generator's own stages as a share of the plain MkDocs build: {own / r['plain']:.0%} (target: at most 15%)"]
        lines += [f"- {k}: {v}" for k, v in r["figures"].items()]  # type: ignore[union-attr]
    small, large = results[0]["stages"], results[-1]["stages"]  # type: ignore[index]
    growth = large.total() / small.total()  # type: ignore[union-attr]
    lines += ["", f"Growth from N to 4N: {growth:.2f}x the total time (target: at most 4.4x)"]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=int, default=500, help="N, the number of case studies at the smaller size (default 500)")
    parser.add_argument("--no-browser", action="store_true", help="skip the search timing in headless Chromium")
    args = parser.parse_args()
    n = args.scale
    results = [measure("N", n, n // 4, max(21, n * 3 // 20), not args.no_browser),
               measure("4N", 4 * n, n, max(21, n * 3 // 5), not args.no_browser)]
    print(f"# svkb benchmark ({os.cpu_count()} cores)")
    print(report(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
