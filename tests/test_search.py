"""Search relevance: realistic queries from each kind of user find the right page in the top 3,
in a real browser against the built site. Prints the hit rate."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.browser import chromium, serve
from tests.conftest import ROOT
from tests.report import record

pytestmark = pytest.mark.browser
QUERIES = yaml.safe_load((ROOT / "tests/search_queries.yml").read_text(encoding="utf-8"))


def top_pages(page, site: str, query: str, n: int = 3) -> list[str]:  # type: ignore[no-untyped-def]
    """Type a query into the site's search box and return the first n result pages."""
    page.goto("")
    page.keyboard.press("/")
    page.keyboard.type(query)
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    page.wait_for_timeout(500)  # let the worker settle on the full query
    hrefs = page.eval_on_selector_all(".md-search-result__list > .md-search-result__item > a.md-search-result__link", "els => els.map(e => e.href)")
    pages: list[str] = []
    for href in hrefs:
        path = href.replace(site, "").split("#")[0].split("?")[0]
        if path not in pages:
            pages.append(path)
    return pages[:n]


def test_suite_is_large_and_covers_every_user() -> None:
    assert len(QUERIES) >= 40
    assert {q["who"] for q in QUERIES} == {"commissioner", "procurer", "trainer", "supplier"}


def test_every_query_finds_its_page_in_the_top_three(built_real: Path) -> None:
    misses = []
    with serve(built_real / "site") as site, chromium() as browser:
        page = browser.new_page(base_url=site)
        for q in QUERIES:
            found = top_pages(page, site, str(q["query"]))
            if q["expect"] not in found:
                misses.append(f"{q['query']!r}: expected {q['expect']}, got {found}")
    hits = len(QUERIES) - len(misses)
    record("search hit rate (expected page in top 3)", f"{hits}/{len(QUERIES)} = {hits / len(QUERIES):.0%}")
    assert misses == []
