"""How soon a reader gets search results: the built site served gzipped to headless Chromium."""

from __future__ import annotations

import gzip
import time
from contextlib import contextmanager
from pathlib import Path

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
