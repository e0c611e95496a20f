"""Long listings come in small pages or bounded selections; filters still find every match, over http and from file://.

The case-study index and the clause library come in pages with filters; the review dashboard and
'What changed' in pages; theme hubs show a bounded selection and link to the filtered indexes; the
tags page lists each theme with counts and links, keeping Material's `tag:<slug>` anchors.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from bench.run import make_corpus
from generator.build import Project, generate
from generator.render import casestudies, changes, clauses, indicators, review, themes
from generator.render.casestudies import PER_PAGE
from tests.browser import serve
from tests.conftest import run_process

pytestmark = pytest.mark.browser
CASES = 2 * PER_PAGE + 20  # three pages
CLAUSES = clauses.PER_PAGE + 10  # two pages of the clause library; with the case studies, two of the review dashboard
LIMIT = 300_000


@pytest.fixture(scope="module")
def paged(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("paged") / "project"
    make_corpus(project, CASES, CLAUSES, 0)
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
        from playwright.sync_api import expect

        expect(page.locator("[data-svkb-list] > [role=listitem]:visible")).to_have_count(CASES - 2 * PER_PAGE)  # retries: clearing re-renders after the click returns
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


def listing_sizes(project: Path) -> dict[str, int]:
    """The Markdown size of each listing page, by its family (the pages of one listing count as one)."""
    result = generate(Project(project), packs=False)
    assert result.exit_code == 0 and result.pages is not None
    sizes: dict[str, int] = {}
    for page in result.pages:
        path = page.dest_path
        if path.endswith(".md") and (path in ("tags.md", "changes.md") or path.startswith(("themes/", "changes/pages/", "review/"))
                                     or path in ("clauses/index.md", "case-studies/index.md", "indicators/index.md") or "/pages/" in path):
            family = re.sub(r"/pages/\d+\.md$|/index\.md$|\.md$", "", path)
            family = re.sub(r"^(themes|review/instruments)/.*", r"\1", family)
            text = re.sub(r'data-svkb-pack-clauses="[^"]*"', "", str(page.content))  # the hub's clause ids for the pack builder
            sizes[family] = max(sizes.get(family, 0), len(text))
    return sizes


def test_listing_pages_do_not_grow_with_the_content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Four times the content: no listing page's Markdown grows, beyond its counts (the theme hubs' list of clause
    ids for the pack builder, about 11 bytes a clause, is left out). Small page sizes, so that both corpora fill them."""
    for module, name, value in ((casestudies, "PER_PAGE", 10), (clauses, "PER_PAGE", 10), (changes, "PER_PAGE", 20), (review, "PER_PAGE", 20),
                                (review, "PER_INSTRUMENT_PAGE", 20), (indicators, "PER_PAGE", 10), (review, "SHOWN", 5), (themes, "SHOWN", {"clauses": 3, "indicators": 3, "cases": 3})):
        monkeypatch.setattr(module, name, value)
    small, large = tmp_path / "small", tmp_path / "large"
    make_corpus(small, 60, 60, 40)
    make_corpus(large, 240, 240, 160)
    before, after = listing_sizes(small), listing_sizes(large)
    assert {"tags", "themes", "changes", "review", "clauses", "case-studies", "indicators"} <= set(before), sorted(before)
    grown = {k: (before[k], after[k]) for k in before if after[k] > before[k] * 1.1 + 200}  # rows vary in length
    assert not grown, grown


def test_tags_page_lists_counts_and_keeps_every_chips_anchor(paged: Path) -> None:
    site = paged / "site"
    tags = (site / "tags/index.html").read_text(encoding="utf-8")
    assert len(tags.encode()) < LIMIT / 3
    assert "/case-studies/synthetic-case" not in tags and "/clauses/sv-" not in tags.lower()  # counts and links, not every page
    anchors = set(re.findall(r'id="(tag:[^"]+)"', tags))
    chips = {m for p in (site / "case-studies").glob("*/index.html") for m in re.findall(r'href="../../tags/#(tag:[^"]+)"', p.read_text(encoding="utf-8"))}
    assert chips and chips <= anchors, chips - anchors
    assert re.search(r'<a href="../case-studies/\?theme=[a-z-]+">\d+ case studies</a>', tags)


def test_review_changes_and_hubs_are_bounded(paged: Path) -> None:
    site = paged / "site"
    catalog = generate(Project(paged), packs=False).catalog
    assert (site / "review/pages/2/index.html").is_file()
    for page in [site / "review/index.html", site / "changes/index.html", site / "clauses/index.html", *(site / "themes").glob("*/index.html")]:
        assert page.stat().st_size < LIMIT, page
    rows = (site / "review/index.html").read_text(encoding="utf-8").count('data-svkb-review-by="')
    assert rows == review.PER_PAGE
    for term in catalog.taxonomy.terms("themes"):
        hub = (site / f"themes/{term.id}/index.html").read_text(encoding="utf-8")
        cases = sum(term.id in c.themes for c in catalog.case_studies)
        assert len(re.findall(r'href="../../case-studies/[a-z0-9-]+/"', hub)) == min(cases, themes.SHOWN["cases"])
        if cases > themes.SHOWN["cases"]:
            assert f'href="../../case-studies/?theme={term.id}">see all {cases}, with filters</a>' in hub
    assert changes.PER_PAGE == 200


def hub_with_more(paged: Path) -> tuple[str, list[str]]:
    """A theme whose hub lists only some of its case studies, and the titles of all of them."""
    catalog = generate(Project(paged), packs=False).catalog
    for term in catalog.taxonomy.terms("themes"):
        found = sorted(c.title for c in catalog.case_studies if term.id in c.themes)
        if themes.SHOWN["cases"] < len(found) <= PER_PAGE:
            return term.id, found
    raise AssertionError("no theme with between 13 and 50 case studies")


def follow_see_all(page, value: str, expected: list[str], facet: str = "theme") -> None:  # type: ignore[no-untyped-def]
    page.click(f"text=see all {len(expected)}, with filters")
    page.wait_for_url(lambda url: f"{facet}={value}" in url)  # else the wait below may read the hub, which has no pager
    page.wait_for_function("(pager => pager !== null && !pager.checkVisibility())(document.querySelector('[data-svkb-pager]'))")
    assert f"{facet}={value}" in page.url
    assert page.locator(f"#filter-{facet}").input_value() == value
    assert titles(page) == expected


def test_hub_links_to_the_filtered_index(browser, paged: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    theme, expected = hub_with_more(paged)
    with serve(paged / "site") as url:
        page = browser.new_page(base_url=url)  # type: ignore[attr-defined]
        page.goto(f"themes/{theme}/")
        follow_see_all(page, theme, expected)
        page.close()
    with zipfile.ZipFile(paged / "site/downloads/svkb-offline-site.zip") as z:
        z.extractall(tmp_path)
    page = browser.new_page()  # type: ignore[attr-defined]
    page.goto((tmp_path / f"svkb-offline-site/themes/{theme}/index.html").as_uri())
    follow_see_all(page, theme, expected)
    assert page.url.startswith("file://") and "/case-studies/index.html?theme=" in page.url
    page.close()


def test_clause_filters_find_matches_on_every_page(browser, paged: Path) -> None:  # type: ignore[no-untyped-def]
    catalog = generate(Project(paged), packs=False).catalog
    theme = catalog.taxonomy.terms("themes")[0].id
    expected = sorted(f"{c.id}: {c.title}" for c in catalog.clauses if theme in c.themes)
    assert 0 < len(expected) <= clauses.PER_PAGE
    with serve(paged / "site") as url:
        page = browser.new_page(base_url=url)  # type: ignore[attr-defined]
        page.goto(f"clauses/pages/2/?theme={theme}")
        page.wait_for_function("!document.querySelector('[data-svkb-pager]').checkVisibility()")
        assert titles(page) == expected
        assert page.locator("[data-svkb-status]").inner_text() == f"Showing {len(expected)} of {len(catalog.clauses)} clauses."
        page.locator("[data-svkb-list] > [role=listitem]:visible h2 > a").first.click()
        page.wait_for_load_state()
        assert page.locator("article h1").inner_text().replace("¶", "").strip() == expected[0]
        page.close()


def test_stage_and_clause_pages_are_bounded(browser, paged: Path) -> None:  # type: ignore[no-untyped-def]
    """A stage page lists the latest 12 case studies and links to the index filtered by the stage; a clause page
    and an indicator page list 12 of the case studies that name them and link to the full list."""
    site = paged / "site"
    catalog = generate(Project(paged), packs=False).catalog
    stage = next(p.id for p in catalog.pages if p.kind == "stage" and sum(p.id in c.stages for c in catalog.case_studies) > 12)
    expected = sorted(c.title for c in catalog.case_studies if stage in c.stages)
    text = (site / f"stages/{stage}/index.html").read_text(encoding="utf-8")
    assert len(re.findall(r'href="../../case-studies/[a-z0-9-]+/"', text)) == 12
    used = [c for c in catalog.case_studies if "SV-GEN-01" in c.clauses_used]
    assert len(used) > clauses.USED_IN_SHOWN
    clause = (site / "clauses/sv-gen-01/index.html").read_text(encoding="utf-8")
    assert f'<a href="case-studies/">See all {len(used)}</a>' in clause
    full = (site / "clauses/sv-gen-01/case-studies/index.html").read_text(encoding="utf-8")
    assert len(re.findall(r'href="../../../case-studies/[a-z0-9-]+/"', full)) == len(used)
    reporting = [c for c in catalog.case_studies if any(o.indicator == "apprenticeship-starts" for o in c.outcomes)]
    assert len(reporting) > indicators.SHOWN["cases"]
    text = (site / "indicators/apprenticeship-starts/index.html").read_text(encoding="utf-8")
    assert len(re.findall(r'href="../../case-studies/[a-z0-9-]+/"', text)) == indicators.SHOWN["cases"]
    full = (site / "indicators/apprenticeship-starts/case-studies/index.html").read_text(encoding="utf-8")
    assert len(re.findall(r'href="../../../case-studies/[a-z0-9-]+/"', full)) == len(reporting)
    with serve(site) as url:
        page = browser.new_page(base_url=url)  # type: ignore[attr-defined]
        page.goto(f"stages/{stage}/")
        if len(expected) <= PER_PAGE:
            follow_see_all(page, stage, expected, "stage")
        else:
            page.click(f"text=see all {len(expected)}, with filters")
            page.wait_for_selector("text=Show more")
            assert page.locator("#filter-stage").input_value() == stage
        page.close()
