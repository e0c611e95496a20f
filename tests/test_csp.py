"""The security headers of a deployed copy (robustness issue 12): the site is served with the
headers of its own ``_headers`` file, Content-Security-Policy enforced, and every page type is
loaded and used in Chromium with 0 policy violations."""

from __future__ import annotations

import contextlib
import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.headers import parse_headers_file
from tests.browser import chromium
from tests.report import record
from tests.test_accessibility import PAGE_TYPES

pytestmark = pytest.mark.browser

MORE_PAGES = {
    "course index": "courses/",
    "course": "courses/social-value-for-commissioners/",
    "course module": "courses/social-value-for-commissioners/evaluation-and-award/",
    "changes": "changes/",
    "tags": "tags/",
    "open data": "open-data/",
    "privacy": "privacy/",
    "indicator index": "indicators/",
    "themes index": "themes/",
    "stages index": "stages/",
    "guidance index": "guidance/",
}
LISTEN = "window.__csp = []; document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sourceFile || '') + ':' + e.lineNumber));"


class _WithHeaders(http.server.SimpleHTTPRequestHandler):
    headers_to_send: dict[str, str] = {}

    def end_headers(self) -> None:
        for name, value in self.headers_to_send.items():
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve_with_headers(folder: Path) -> Iterator[str]:
    """Serve ``folder`` with the headers its ``_headers`` file lists for every path."""
    headers = parse_headers_file((folder / "_headers").read_text(encoding="utf-8"))
    handler = functools.partial(type("Handler", (_WithHeaders,), {"headers_to_send": headers}), directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


def test_headers_file_lists_the_policy(built_real: Path) -> None:
    headers = parse_headers_file((built_real / "site/_headers").read_text(encoding="utf-8"))
    policy = headers["Content-Security-Policy"]
    for directive in ("script-src 'self' 'sha256-", "object-src 'none'", "frame-ancestors 'none'", "default-src 'self'"):
        assert directive in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert headers["X-Content-Type-Options"] == "nosniff" and headers["Referrer-Policy"] == "no-referrer"


def test_every_page_type_runs_with_the_policy_enforced(built_real: Path) -> None:
    found: dict[str, list[str]] = {}
    broken = built_real / "site/csp-broken-fixture/index.html"  # proves the check sees violations
    broken.parent.mkdir(exist_ok=True)
    home = (built_real / "site/index.html").read_text(encoding="utf-8").replace('href="', 'href="../').replace('src="', 'src="../')
    broken.write_text(home.replace("</body>", "<script>document.title = 'injected';</script></body>"), encoding="utf-8")
    try:
        caught = _visit_every_page(built_real / "site", found)
    finally:
        shutil.rmtree(broken.parent)  # the built site is shared with other test modules
    assert any(v.startswith("script-src") for v in caught), caught
    record("CSP violations (page types loaded with the policy enforced)", f"{sum(map(len, found.values()))} ({len(found)})")
    assert {k: v for k, v in found.items() if v} == {}


def _visit_every_page(folder: Path, found: dict[str, list[str]]) -> list[str]:
    """Load and use every page type, filling ``found``; return the violations on the broken page."""
    with serve_with_headers(folder) as url, chromium() as browser:
        context = browser.new_context(base_url=url)
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=url.rstrip("/"))
        context.add_init_script(LISTEN)
        page = context.new_page()
        console: list[str] = []
        page.on("console", lambda m: console.append(m.text) if "Content Security Policy" in m.text else None)
        response = page.goto("")
        assert response is not None and "script-src" in (response.headers.get("content-security-policy") or "")
        for kind, path in sorted({**PAGE_TYPES, **MORE_PAGES}.items()):
            page.goto(path)
            page.wait_for_load_state("networkidle")
            if kind == "clause page":
                page.get_by_role("button", name="Copy clause text").click()
            if kind == "home":
                page.locator("form[data-md-component=palette] label:visible").first.click()
                page.keyboard.press("/")
                page.keyboard.type("social value act")
                page.locator(".md-search-result__item").first.wait_for(timeout=15000)
            found[kind] = page.evaluate("window.__csp") + console
            console.clear()
        page.goto("csp-broken-fixture/")
        page.wait_for_load_state("networkidle")
        return page.evaluate("window.__csp")  # type: ignore[no-any-return]


def test_headers_hash_every_inline_script_and_nothing_else(tmp_path: Path) -> None:
    from generator.headers import inline_script_hashes

    (tmp_path / "a.html").write_text('<script>var a=1</script><script src="x.js"></script><script id="__config" type="application/json">{}</script>', encoding="utf-8")
    (tmp_path / "b.html").write_text("<script>var a=1</script><SCRIPT>\nvar b=2\n</SCRIPT>", encoding="utf-8")
    assert inline_script_hashes(tmp_path) == sorted(["'sha256-WazVQOu5lmXfSreSrMJd1CsaQ4c00fUQpJfBYCuMSIw='", "'sha256-y3PGoYcI2rcSxLC9SPuig3PbXzEevX5bG3q6dDZLLY8='"])
