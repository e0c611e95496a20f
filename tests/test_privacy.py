"""Privacy: no request leaves the site, no cookie is set, and what the browser keeps is documented."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.browser import chromium
from tests.report import record
from tests.test_accessibility import PAGE_TYPES

pytestmark = pytest.mark.browser
THIRD_PARTY: dict[str, int] = {}


def test_no_third_party_requests_no_cookies_and_documented_storage(site: str) -> None:
    origin = urlsplit(site).netloc
    with chromium() as browser:
        context = browser.new_context(base_url=site)
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site.rstrip("/"))
        page = context.new_page()
        requests: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        for kind, path in sorted(PAGE_TYPES.items()):
            before = len(requests)
            page.goto(path)
            page.wait_for_load_state("networkidle")
            THIRD_PARTY[kind] = sum(1 for url in requests[before:] if urlsplit(url).netloc not in {origin, ""} and not url.startswith(("data:", "blob:")))
        page.goto("clauses/sv-emp-02/")
        page.get_by_role("button", name="Copy clause text").click()
        page.locator("form[data-md-component=palette] label:visible").first.click()
        page.keyboard.press("/")
        page.keyboard.type("living wage")
        page.wait_for_selector(".md-search-result__item")
        page.goto("case-studies/?nation=wales")
        page.select_option("#filter-theme", "")
        stored = set(page.evaluate("Object.keys(localStorage)")) | set(page.evaluate("Object.keys(sessionStorage)"))
        cookies = context.cookies()
        page.goto("privacy/")
        documented = set(page.locator("[data-svkb-storage-key]").all_inner_texts())
        context.close()
    record("third-party requests (all page types)", f"{sum(THIRD_PARTY.values())} over {len(THIRD_PARTY)} page types; cookies: {len(cookies)}")
    assert all(count == 0 for count in THIRD_PARTY.values()), THIRD_PARTY
    assert cookies == []
    assert stored, "the palette switch should have stored a setting"
    assert {key.rsplit(".", 1)[-1] for key in stored} <= documented, stored
