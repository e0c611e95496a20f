"""Accessibility gate: axe-core (WCAG 2.0, 2.1 and 2.2, A and AA, and axe's best-practice rules)
finds nothing on any page type, in light and dark palettes, at phone width with the menu open, and with search open."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser import serve
from tests.report import record

pytestmark = pytest.mark.browser

WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"]}, "resultTypes": ["violations"]}
PAGE_TYPES = {
    "home": "",
    "guidance page": "guidance/the-act/",
    "stage page": "stages/award/",
    "theme hub": "themes/fair-work/",
    "case-study index, filtered": "case-studies/?nation=england&theme=fair-work",
    "case study": "case-studies/manchester-city-council-social-value-weighting/",
    "clause library, filtered": "clauses/?stage=award",
    "clause page": "clauses/sv-emp-02/",
    "indicator page": "indicators/local-jobs-created/",
    "review dashboard": "review/",
    "404": "404.html",
    "accessibility statement": "guidance/accessibility/",
    "pack builder with an error shown": "pack-builder/#clauses=SV-FW-01,SV-GEN-07&v.weighting=150",
    "check a clause": "check/",
    "course": "courses/writing-and-scoring-award-criteria/",
    "course module": "courses/writing-and-scoring-award-criteria/choosing-measures-and-weighting/",
    "frozen clause version": "clauses/sv-emp-01/v1/",
}
AXE = Axe()
RESULTS: dict[str, int] = {}


def violations(page) -> list[str]:  # type: ignore[no-untyped-def]
    found = AXE.run(page, options=WCAG).response["violations"]
    return [f"{v['id']} ({v['impact']}): {v['nodes'][0]['target']} {v['help']}" for v in found]


@pytest.fixture(scope="module")
def site(built_real: Path) -> Iterator[str]:
    folder = built_real / "site"
    broken = folder / "broken-fixture" / "index.html"
    broken.parent.mkdir(exist_ok=True)
    html = (folder / "guidance/the-act/index.html").read_text()
    broken.write_text(html.replace("<h1", '<img src="nothing.png"><p style="color:#ccc;background:#fff">faint text</p><h1', 1))
    try:
        with serve(folder) as url:
            yield url
    finally:
        shutil.rmtree(broken.parent)  # the site is shared with other test modules


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", sorted(PAGE_TYPES))
def test_no_axe_violations(browser, site: str, kind: str, scheme: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(base_url=site, color_scheme=scheme)
    page = context.new_page()
    page.goto(PAGE_TYPES[kind])
    page.wait_for_load_state("networkidle")
    if kind.startswith("pack builder"):
        page.wait_for_selector(".svkb-builder__count")
    found = violations(page)
    RESULTS[f"{kind} ({scheme})"] = len(found)
    context.close()
    assert found == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violations_on_a_phone_with_the_menu_open(browser, site: str, scheme: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(base_url=site, color_scheme=scheme, viewport={"width": 375, "height": 740}, is_mobile=True)
    page = context.new_page()
    page.goto("guidance/the-act/")
    page.locator("label.md-header__button[for='__drawer']").click()
    page.wait_for_timeout(400)
    assert page.locator("nav.md-nav--primary").first.is_visible()
    found = violations(page)
    RESULTS[f"phone with menu open ({scheme})"] = len(found)
    context.close()
    assert found == []


def test_no_axe_violations_with_search_open(browser, site: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(base_url=site)
    page = context.new_page()
    page.goto("")
    page.keyboard.press("/")
    page.keyboard.type("living wage")
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    found = violations(page)
    RESULTS["search open with results"] = len(found)
    context.close()
    assert found == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violations_with_a_clause_check_result(browser, site: str, built_real: Path, scheme: str) -> None:  # type: ignore[no-untyped-def]
    import random

    from generator.build import Project, generate
    from tests.checkvariants import filled_text, reworded

    clause = generate(Project(built_real)).catalog.clause("SV-EMP-01")
    context = browser.new_context(base_url=site, color_scheme=scheme)
    page = context.new_page()
    page.goto("check/")
    page.fill("#svkb-check-text", " ".join(reworded(filled_text(clause), random.Random(3)).split(" ")[5:]))
    page.click("button[type=submit]")
    page.wait_for_selector("[data-svkb-check-clause] ins")
    page.wait_for_selector(".svkb-check__diff del")
    found = violations(page)
    RESULTS[f"clause check with a result ({scheme})"] = len(found)
    context.close()
    assert found == []


def test_the_gate_catches_a_broken_page(browser, site: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(base_url=site)
    page = context.new_page()
    page.goto("broken-fixture/")
    found = " ".join(violations(page))
    context.close()
    assert "image-alt" in found and "color-contrast" in found


def test_report_violations_per_page_type() -> None:
    """Record the figures for the end-of-run summary (runs last in this module)."""
    assert RESULTS, "the axe tests above did not run"
    total = sum(RESULTS.values())
    record("axe-core violations", f"{total} in {len(RESULTS)} page type/palette/width combinations")
    for name, count in sorted(RESULTS.items()):
        record(f"axe-core violations: {name}", str(count))
