"""What a person sees, in headless Chromium: index filters, copy buttons, keyboard use."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.build import Project, generate
from generator.render.clauses import clause_text

pytestmark = pytest.mark.browser


@pytest.fixture
def page(browser, site):  # type: ignore[no-untyped-def]
    context = browser.new_context(base_url=site)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site.rstrip("/"))
    page = context.new_page()
    yield page
    context.close()


def visible_titles(page) -> list[str]:  # type: ignore[no-untyped-def]
    return page.locator("[data-svkb-list] > [role=listitem]:visible h2 > a:not(.headerlink)").all_inner_texts()


def test_case_study_filters_show_exactly_the_matching_items_and_survive_reload(page, built_real: Path) -> None:  # type: ignore[no-untyped-def]
    catalog = generate(Project(built_real)).catalog
    page.goto("case-studies/")
    assert len(visible_titles(page)) == len(catalog.case_studies)
    page.select_option("#filter-nation", "scotland")
    expected = sorted(c.title for c in catalog.case_studies if c.authority.nation == "scotland")
    assert sorted(t.strip() for t in visible_titles(page)) == expected
    assert "nation=scotland" in page.url
    page.select_option("#filter-theme", "fair-work")
    expected = sorted(c.title for c in catalog.case_studies if c.authority.nation == "scotland" and "fair-work" in c.themes)
    assert sorted(t.strip() for t in visible_titles(page)) == expected
    page.reload()
    assert page.input_value("#filter-nation") == "scotland"
    assert sorted(t.strip() for t in visible_titles(page)) == expected
    status = page.locator("[data-svkb-status]").inner_text()
    assert status == f"Showing {len(expected)} of {len(catalog.case_studies)} case studies."
    page.click("text=Clear filters")
    from playwright.sync_api import expect

    expect(page.locator("[data-svkb-list] > [role=listitem]:visible")).to_have_count(len(catalog.case_studies))  # retries: clearing may re-render after the click returns
    assert len(visible_titles(page)) == len(catalog.case_studies)
    assert "nation=" not in page.url


def test_clause_filters_by_stage_and_theme(page, built_real: Path) -> None:  # type: ignore[no-untyped-def]
    catalog = generate(Project(built_real)).catalog
    page.goto("clauses/?stage=award&theme=fair-work")
    expected = sorted(f"{c.id}: {c.title}" for c in catalog.clauses if c.stage == "award" and "fair-work" in c.themes)
    assert expected, "the real library has a fair-work award criterion"
    assert sorted(t.strip() for t in visible_titles(page)) == expected


def test_full_lists_work_without_javascript(browser, site, built_real: Path) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(base_url=site, java_script_enabled=False)
    page = context.new_page()
    page.goto("case-studies/?nation=scotland")
    catalog = generate(Project(built_real)).catalog
    assert len(visible_titles(page)) == len(catalog.case_studies)
    assert not page.locator("form[data-svkb-filters]").is_visible()
    context.close()


def test_copy_buttons_put_the_exact_clause_text_on_the_clipboard(page, built_real: Path) -> None:  # type: ignore[no-untyped-def]
    catalog = generate(Project(built_real)).catalog
    clause = catalog.clause("SV-EMP-02") or catalog.clauses[0]
    expected = clause_text(clause, {})
    page.goto(f"clauses/{clause.slug}/")
    page.get_by_role("button", name="Copy clause text").click()
    assert page.evaluate("navigator.clipboard.readText()") == expected
    assert page.locator("[data-svkb-status]").inner_text() == "Copied the clause text."
    page.get_by_role("button", name="Copy with citation").click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith(expected + "\n\nSource: " + f"{clause.id} version {clause.version}, {clause.title}, Social Value Knowledge Base. ")
    assert copied.endswith(f"/clauses/{clause.slug}/")
    for note in clause.drafting_notes:
        assert note[:40] not in copied


def test_copy_works_by_keyboard_with_visible_focus(page, built_real: Path) -> None:  # type: ignore[no-untyped-def]
    catalog = generate(Project(built_real)).catalog
    clause = catalog.clauses[0]
    page.goto(f"clauses/{clause.slug}/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Skip to content"
    page.keyboard.press("Enter")
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('data-svkb-copy')") == "text":
            break
    else:
        pytest.fail("the copy button cannot be reached with Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Enter")
    assert page.evaluate("navigator.clipboard.readText()") == clause_text(clause, {})
    assert page.locator("[data-svkb-status]").inner_text() == "Copied the clause text."


def test_theme_pack_downloads_from_a_clause_page(page, built_real: Path) -> None:  # type: ignore[no-untyped-def]
    catalog = generate(Project(built_real)).catalog
    clause = catalog.clauses[0]
    page.goto(f"clauses/{clause.slug}/")
    theme = clause.themes[0]
    link = page.locator(f'a[href$="svkb-clauses-theme-{theme}.docx"]')
    with page.expect_download() as info:
        link.first.click()
    download = info.value
    assert download.suggested_filename == f"svkb-clauses-theme-{theme}.docx"
    assert Path(download.path()).read_bytes()[:2] == b"PK"
    markdown = page.locator(f'a[data-svkb-root-href$="svkb-clauses-theme-{theme}.md"]').first
    with page.expect_download() as info:
        markdown.click()
    assert info.value.suggested_filename == f"svkb-clauses-theme-{theme}.md"
    assert Path(info.value.path()).read_text(encoding="utf-8").startswith("# Social value clauses:")


def test_review_notice_appears_once_the_date_has_passed(browser, site, built_real: Path) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    catalog = generate(Project(built_real)).catalog
    page_item = next(p for p in catalog.pages if p.id == "the-act")
    due = dt.date.fromisoformat(page_item.review_by)
    for when, visible in ((due - dt.timedelta(days=1), False), (due + dt.timedelta(days=1), True)):
        context = browser.new_context(base_url=site)
        page = context.new_page()
        page.clock.install(time=dt.datetime(when.year, when.month, when.day, 12, 0))
        page.goto("guidance/the-act/")
        notice = page.locator(".svkb-review-notice")
        assert notice.is_visible() is visible, when
        if visible:
            assert "due for review on" in notice.inner_text()
        page.goto("review/")
        overdue = page.locator(f'.svkb-due[data-svkb-review-by="{page_item.review_by}"]').first
        assert overdue.inner_text() == ("Overdue" if visible else "Due")
        context.close()


def test_cite_this_page_and_copy_link_to_a_heading(page, built_real: Path) -> None:  # type: ignore[no-untyped-def]
    page.goto("guidance/the-act/")
    citation = page.locator("[data-svkb-cite-output]").inner_text()
    assert citation.startswith("The Public Services (Social Value) Act 2012. Social Value Knowledge Base, last reviewed ")
    assert citation.endswith("/guidance/the-act/")
    page.get_by_role("button", name="Copy citation").click()
    assert page.evaluate("navigator.clipboard.readText()") == citation
    link = page.locator("h2 a.headerlink").first
    assert link.get_attribute("aria-label").startswith("Copy link to the section: ")
    link.focus()
    page.keyboard.press("Enter")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.split("#")[0].endswith("/guidance/the-act/") and "#" in copied
    page.wait_for_function("(document.getElementById('svkb-announce') || {}).textContent?.includes('copied')", timeout=5000)


def test_pages_print_without_navigation_or_buttons(page, built_real: Path) -> None:  # type: ignore[no-untyped-def]
    page.goto("clauses/sv-emp-02/")
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".md-search", "[data-svkb-copy]"):
        assert not page.locator(selector).first.is_visible(), selector
    assert page.locator("h1").inner_text().startswith("SV-EMP-02")
    assert "Version" in page.locator(".svkb-clause-meta").inner_text()
    pdf = page.pdf()
    assert pdf[:4] == b"%PDF" and len(pdf) > 10_000


def test_filters_work_by_keyboard(page, built_real: Path) -> None:  # type: ignore[no-untyped-def]
    catalog = generate(Project(built_real)).catalog
    page.goto("case-studies/")
    page.focus("#filter-nation")
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    for _ in range(len(catalog.taxonomy.terms("nations")) + 1):
        page.keyboard.press("ArrowDown")
        if page.input_value("#filter-nation") == "wales":
            break
    assert page.input_value("#filter-nation") == "wales"
    expected = sorted(c.title for c in catalog.case_studies if c.authority.nation == "wales")
    assert sorted(t.strip() for t in visible_titles(page)) == expected
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "filter-type"
