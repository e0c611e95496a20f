"""How soon a reader gets search results: the built site served gzipped to headless Chromium.

The target (issue 14): first results within 1.5 s of typing on an emulated phone at 4N. The time is
measured from the moment the home page has loaded (its load event) to the first result shown, for
a query typed at once; the page load is reported beside it. `.venv/bin/python bench/search.py SITE`
times a built site on its own."""

from __future__ import annotations

import gzip
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

COMPRESSIBLE = (".html", ".js", ".json", ".css", ".xml", ".svg", ".txt")
LATENCY, THROUGHPUT = 0.150, 1.6e6 / 8  # a slow mobile connection: 150 ms per request, 1.6 Mbit/s shared


class Link:
    """The connection: it counts the bytes of search files sent, and if `slow`, is one slow
    connection shared by every request (the page's and the search worker's, which Chromium's
    network emulation does not slow down): each request waits the latency, then its bytes queue
    for the link's throughput."""

    def __init__(self, slow: bool) -> None:
        import threading

        self.slow = slow
        self.lock = threading.Lock()
        self.free = 0.0
        self.search_bytes = 0

    def send(self, path: str, size: int) -> None:
        if "/search/" in path:
            with self.lock:
                self.search_bytes += size
        if not self.slow:
            return
        time.sleep(LATENCY)
        with self.lock:
            start = max(time.monotonic(), self.free)
            self.free = start + size / THROUGHPUT
            wait = self.free - time.monotonic()
        time.sleep(max(0.0, wait))


@contextmanager
def serve_gzipped(site: Path, phone: bool = False):  # type: ignore[no-untyped-def]
    """Serve the site as a static host would, text files gzipped when the browser accepts it;
    as a phone's connection (`Link`) if `phone`."""
    import functools
    import http.server
    import threading

    link = Link(slow=phone)

    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802
            path = Path(self.translate_path(self.path))
            if path.is_dir() and self.path.split("?")[0].endswith("/"):
                path = path / "index.html"
            if not path.is_file():
                link.send(self.path, 0)
                return self.send_error(404)
            body = path.read_bytes()
            gzipped = path.suffix in COMPRESSIBLE and "gzip" in self.headers.get("Accept-Encoding", "")
            if gzipped:
                body = gzip.compress(body, 6)
            link.send(self.path, len(body))
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            if gzipped:
                self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the page was closed with the worker's fetches still on their way

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/", link
    finally:
        server.shutdown()
        server.server_close()


QUERY = "living wage"


@dataclass
class Timing:
    load: float  # opening the home page until its load event
    typing: float  # pressing "/" and typing the query, key by key (the worker searches as it grows)
    results: float  # from the first key until the first results are shown
    fetched: int  # bytes of search files sent (compressed) by the time the first results showed


def first_results(browser: object, url: str, link: Link, phone: bool) -> Timing:
    """Open the home page, then type a query at once: how long the page and the first results took."""
    context = browser.new_context(base_url=url)  # type: ignore[attr-defined]
    page = context.new_page()
    if phone:  # the connection is slowed by the server (`Link`); the page's CPU here (not the worker's)
        context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": 4})
    start = time.perf_counter()
    page.goto("")
    loaded = time.perf_counter()
    page.keyboard.press("/")
    page.keyboard.type(QUERY)
    typed = time.perf_counter()
    page.wait_for_selector(".md-search-result__item", timeout=300000)
    done = time.perf_counter()
    fetched = link.search_bytes
    context.close()
    return Timing(loaded - start, typed - loaded, done - loaded, fetched)


def split_figures(site: Path) -> dict[str, str]:
    """Sizes of the split search index: what every page loads, the largest file a query may need, the whole."""
    head = (site / "search/search_index.json").read_bytes()
    files = sorted((site / "search/svkb").glob("*.js"))
    gz = {p.name: len(gzip.compress(p.read_bytes(), 6)) for p in files}
    terms = max((n for k, n in gz.items() if k.startswith("t-")), default=0)
    pages = max((n for k, n in gz.items() if k.startswith("d-")), default=0)
    return {"search: index every page loads (search_index.json), gzipped": f"{len(gzip.compress(head, 6)) / 1e3:,.1f} kB",
            "search: split index files / raw / gzipped": f"{len(files):,} / {sum(p.stat().st_size for p in files) / 1e6:,.2f} MB / {sum(gz.values()) / 1e6:,.2f} MB",
            "search: largest term file / page file, gzipped": f"{terms / 1e3:,.1f} kB / {pages / 1e3:,.1f} kB"}


def search_timing(site: Path) -> dict[str, str]:
    """First results in headless Chromium, on this machine and as a phone on a slow connection."""
    from tests.browser import chromium

    with chromium() as browser:
        with serve_gzipped(site) as (url, link):
            here = first_results(browser, url, link, phone=False)
        with serve_gzipped(site, phone=True) as (url, link):
            phone = first_results(browser, url, link, phone=True)
    figures = split_figures(site) if (site / "search/svkb").is_dir() else {}
    for name, t in (("this machine (gzip, no throttling)", here), ("a phone (1.6 Mbit/s, 150 ms latency, CPU 4x slower)", phone)):
        figures[f"search as {name}: page loaded; '{QUERY}' typed key by key: last key to first results (first key to first results)"] = (
            f"{t.load:,.1f} s; **{t.results - t.typing:,.2f} s** ({t.results:,.2f} s); {t.fetched / 1e3:,.0f} kB of search files")
    return figures


if __name__ == "__main__":
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    for key, value in search_timing(Path(sys.argv[1])).items():
        print(f"- {key}: {value}")
