"""Phone and polish: no page scrolls sideways at 320 px, filters fold away on phones, permanent-link
marks show on hover and focus only, abbreviations are explained on every page type."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser import chromium, serve

pytestmark = pytest.mark.browser
WIDEST = """() => [...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > 321 && !e.closest('.md-typeset__scrollwrap, .md-sidebar, .md-search, .md-nav'))
  .slice(-1).map(e => e.tagName + '.' + e.className)[0]"""
PHONE = {"viewport": {"width": 320, "height": 640}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}


def content_pages(site: Path) -> list[str]:
    """Every page's address, except redirect stubs."""
    found = []
    for page in sorted(site.rglob("*.html")):
        if 'http-equiv="refresh"' in page.read_text(encoding="utf-8")[:2000]:
            continue
        found.append(page.relative_to(site).as_posix().removesuffix("index.html"))
    return found


def test_no_page_scrolls_sideways_at_320_px(built_real: Path) -> None:
    wide = []
    with serve(built_real / "site") as site, chromium() as browser:
        page = browser.new_page(**PHONE)
        for path in content_pages(built_real / "site"):
            page.goto(site + path, wait_until="load")
            width = page.evaluate("() => document.documentElement.scrollWidth")
            if width > 320:
                culprit = page.evaluate(WIDEST)
                wide.append(f"{path}: {width} px ({culprit})")
    assert wide == []


def test_filters_fold_away_on_a_phone(built_real: Path) -> None:
    with serve(built_real / "site") as site, chromium() as browser:
        page = browser.new_page(**PHONE)
        page.goto(site + "case-studies/")
        toggle = page.locator(".svkb-filters-toggle")
        assert toggle.is_visible() and toggle.get_attribute("aria-expanded") == "false"
        assert not page.locator("form[data-svkb-filters]").is_visible()
        toggle.click()
        assert toggle.get_attribute("aria-expanded") == "true" and page.locator("form[data-svkb-filters]").is_visible()
        page.goto(site + "case-studies/?theme=fair-work")  # a filter in use stays in view
        assert page.locator("form[data-svkb-filters]").is_visible()
        desktop = browser.new_page(viewport={"width": 1280, "height": 800})
        desktop.goto(site + "case-studies/")
        assert desktop.locator("form[data-svkb-filters]").is_visible() and not desktop.locator(".svkb-filters-toggle").is_visible()


def test_permanent_link_marks_show_on_hover_and_focus_only(built_real: Path) -> None:
    with serve(built_real / "site") as site, chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.goto(site + "guidance/the-act/")
        mark = page.locator("h2 .headerlink").first
        assert mark.evaluate("e => getComputedStyle(e).opacity") == "0"
        mark.focus()
        page.wait_for_timeout(400)  # Material fades it in
        assert mark.evaluate("e => getComputedStyle(e).opacity") == "1"


ABBREVIATED = [
    "case-studies/birmingham-jobs-and-skills-construction/index.html",
    "indicators/local-jobs-created/index.html",
    "courses/writing-and-scoring-award-criteria/from-commitments-to-kpis/index.html",
    "guidance/measuring-social-value/index.html",
]


@pytest.mark.parametrize("path", ABBREVIATED)
def test_abbreviations_explained_on_every_page_type(built_real: Path, path: str) -> None:
    assert '<abbr title="' in (built_real / "site" / path).read_text(encoding="utf-8")
