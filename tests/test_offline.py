"""The offline copy: a zip of the whole site that works from the file system, search included."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from tests.browser import chromium

pytestmark = pytest.mark.browser
LINK = re.compile(r'(?<![\w-])href="([^"#?:]*)(?:[#?][^"]*)?"')


def links_to_missing_files(root: Path) -> list[str]:
    """Relative links in the offline copy's pages that do not name a file (a folder shows a listing on file://)."""
    missing = []
    for page in sorted(root.rglob("*.html")):
        if page.name == "404.html":  # served by a web server for any address; its links are root-absolute
            continue
        for path in LINK.findall(page.read_text(encoding="utf-8")):
            if path and not path.endswith("svkb-offline-site.zip") and not (page.parent / path).is_file():  # the copy cannot hold itself
                missing.append(f"{page.relative_to(root)}: {path}")
    return missing


def test_offline_zip_searches_and_follows_links_from_file(built_real: Path, tmp_path: Path) -> None:
    archive = built_real / "site/downloads/svkb-offline-site.zip"
    with zipfile.ZipFile(archive) as z:
        names = z.namelist()
        assert all(n.startswith("svkb-offline-site/") for n in names)
        z.extractall(tmp_path)
    root = tmp_path / "svkb-offline-site"
    assert (root / "search/search_index.js").is_file()
    for page in root.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "unpkg.com" not in text, page
        assert "Made with" not in text and "squidfunk" not in text, page  # the footer names the publisher, as online
    assert "Published by" in (root / "index.html").read_text(encoding="utf-8")
    assert links_to_missing_files(root) == []
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
        page.goto((root / "guidance/the-act/index.html").as_uri())
        page.locator("article a[href$='needs-engagement/index.html']").first.click()
        page.wait_for_load_state()
        assert page.url.endswith("stages/needs-engagement/index.html")
        assert page.locator("article h1").inner_text().strip().startswith("Identifying need")
        page.goto((root / "clauses/sv-emp-01/index.html").as_uri())
        for href in page.eval_on_selector_all("a[data-svkb-root-href]", "els => els.map(e => e.href)"):
            assert href.startswith("file://") and Path(href.removeprefix("file://")).is_file(), href
        context.close()
    assert outside == []
