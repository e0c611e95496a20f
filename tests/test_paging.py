"""A long case-study index comes in small pages; its filters still find every match, over http and from file://."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from bench.run import make_corpus
from generator.build import Project, generate
from generator.render.casestudies import PER_PAGE
from tests.browser import serve
from tests.conftest import run_process

pytestmark = pytest.mark.browser
CASES = 2 * PER_PAGE + 20  # three pages
LIMIT = 300_000


@pytest.fixture(scope="module")
def paged(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("paged") / "project"
    make_corpus(project, CASES, 0, 0)
    proc = run_process("--root", str(project), "build")
    assert proc.returncode == 0, proc.stderr
    return project


def titles(page) -> list[str]:  # type: ignore[no-untyped-def]
    return sorted(t.strip() for t in page.locator("[data-svkb-list] > [role=listitem]:visible h2 > a:not(.headerlink)").all_inner_texts())


def test_index_pages_are_small_and_link_to_each_other(paged: Path) -> None:
    site = paged / "site/case-studies"
    pages = [site / "index.html", site / "pages/2/index.html", site / "pages/3/index.html"]
    assert all(p.stat().st_size < LIMIT for p in pages), [p.stat().st_size for p in pages]
    assert not (site / "pages/4").exists()
    assert 'href="../3/">Next</a>' in pages[1].read_text(encoding="utf-8")


def test_filters_find_matches_on_every_page(browser, paged: Path) -> None:  # type: ignore[no-untyped-def]
    catalog = generate(Project(paged)).catalog
    by_nation = {n: sorted(c.title for c in catalog.case_studies if c.authority.nation == n) for n in ("scotland", "england")}
    assert 0 < len(by_nation["scotland"]) <= PER_PAGE < len(by_nation["england"])
    with serve(paged / "site") as url:
        page = browser.new_page(base_url=url)  # type: ignore[attr-defined]
        page.goto("case-studies/")
        assert len(titles(page)) == PER_PAGE
        page.select_option("#filter-nation", "scotland")
        page.wait_for_function("!document.querySelector('[data-svkb-pager]').checkVisibility()")
        assert titles(page) == by_nation["scotland"]
        assert page.locator("[data-svkb-status]").inner_text() == f"Showing {len(by_nation['scotland'])} of {CASES} case studies."
        page.goto("case-studies/pages/3/?nation=england")
        page.wait_for_selector("text=Show more")
        assert len(titles(page)) == PER_PAGE
        page.click("text=Show more")
        assert titles(page) == by_nation["england"]
        page.click("text=Clear filters")
        assert len(titles(page)) == CASES - 2 * PER_PAGE
        assert page.locator("[data-svkb-pager]").is_visible()
        page.close()


def test_filters_work_from_the_offline_copy(browser, paged: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with zipfile.ZipFile(paged / "site/downloads/svkb-offline-site.zip") as z:
        z.extractall(tmp_path)
    root = tmp_path / "svkb-offline-site"
    catalog = generate(Project(paged)).catalog
    expected = sorted(c.title for c in catalog.case_studies if c.authority.nation == "scotland")
    page = browser.new_page()  # type: ignore[attr-defined]
    page.goto((root / "case-studies/pages/2/index.html").as_uri())
    page.select_option("#filter-nation", "scotland")
    page.wait_for_function("!document.querySelector('[data-svkb-pager]').checkVisibility()")
    assert titles(page) == expected
    page.locator("[data-svkb-list] > [role=listitem]:visible h2 > a").first.click()
    page.wait_for_load_state()
    assert page.url.startswith("file://") and page.url.endswith("/index.html")
    assert page.locator("article h1").inner_text().replace("¶", "").strip() in expected
    page.close()


def test_without_javascript_a_page_of_cards_and_the_page_links_show(browser, paged: Path) -> None:  # type: ignore[no-untyped-def]
    with serve(paged / "site") as url:
        context = browser.new_context(base_url=url, java_script_enabled=False)  # type: ignore[attr-defined]
        page = context.new_page()
        page.goto("case-studies/pages/2/")
        assert len(titles(page)) == PER_PAGE
        assert page.locator("[data-svkb-pager] a", has_text="Next").is_visible()
        context.close()
