"""The offline copy: a zip of the whole site that works from the file system, search included."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from tests.browser import chromium

pytestmark = pytest.mark.browser


def test_offline_zip_searches_and_follows_links_from_file(built_real: Path, tmp_path: Path) -> None:
    archive = built_real / "site/downloads/svkb-offline-site.zip"
    with zipfile.ZipFile(archive) as z:
        names = z.namelist()
        assert all(n.startswith("svkb-offline-site/") for n in names)
        z.extractall(tmp_path)
    root = tmp_path / "svkb-offline-site"
    assert (root / "search/search_index.js").is_file()
    for page in root.rglob("*.html"):
        assert "unpkg.com" not in page.read_text(encoding="utf-8"), page
    with chromium() as browser:
        context = browser.new_context()
        page = context.new_page()
        outside: list[str] = []
        page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(("file:", "data:", "blob:")) else None)
        page.goto((root / "index.html").as_uri())
        page.keyboard.press("/")
        page.keyboard.type("living wage")
        page.wait_for_selector(".md-search-result__item", timeout=30000)
        first = page.locator(".md-search-result__list > .md-search-result__item > a.md-search-result__link").first
        first.click()
        page.wait_for_load_state()
        assert page.url.startswith("file://") and page.url.split("#")[0].split("?")[0].endswith(".html")
        assert page.locator("article h1").count() == 1
        page.goto((root / "guidance/the-act.html").as_uri())
        page.locator("article a[href$='needs-engagement.html']").first.click()
        page.wait_for_load_state()
        assert page.url.endswith("stages/needs-engagement.html")
        assert page.locator("article h1").inner_text().strip().startswith("Identifying need")
        page.goto((root / "clauses/sv-emp-01.html").as_uri())
        for href in page.eval_on_selector_all("a[data-svkb-root-href]", "els => els.map(e => e.href)"):
            assert href.startswith("file://") and Path(href.removeprefix("file://")).is_file(), href
        context.close()
    assert outside == []
