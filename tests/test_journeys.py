"""Journeys by role: a home page that routes each kind of user, breadcrumbs, onward links from
every case study and module, a useful 404, and no page showing raw Markdown."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest


class _Text(HTMLParser):
    """The text a reader sees (not scripts, styles, code or attribute values)."""

    SKIP = {"script", "style", "code", "pre", "textarea"}

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP and self.depth:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if not self.depth:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return "".join(parser.parts)


def pages(site: Path, folder: str, depth: int) -> list[Path]:
    """index.html files exactly ``depth`` folders below ``folder`` (collection items, not the index)."""
    return sorted(p for p in (site / folder).rglob("index.html") if len(p.relative_to(site / folder).parts) == depth + 1 and not re.search(r"/v\d+/", p.as_posix()))


def onward_links(html: str) -> list[str]:
    navs = re.findall(r'<nav[^>]*class="svkb-onward"[^>]*>(.*?)</nav>', html, re.S)
    return [href for nav in navs for href in re.findall(r'<a [^>]*href="([^"]+)"', nav)]


def test_no_built_page_shows_markdown_syntax(built_real: Path) -> None:
    shown = []
    for page in sorted((built_real / "site").rglob("*.html")):
        text = visible_text(page.read_text(encoding="utf-8"))
        for mark in ("](", "**"):
            if mark in text:
                at = text.index(mark)
                shown.append(f"{page.relative_to(built_real / 'site')}: {text[max(0, at - 60):at + 40]!r}")
    assert shown == []


@pytest.mark.parametrize(("folder", "depth"), [("case-studies", 1), ("courses", 2), ("clauses", 1)])
def test_every_case_study_and_module_leads_on(built_real: Path, folder: str, depth: int) -> None:
    found = pages(built_real / "site", folder, depth)
    assert found
    for page in found:
        links = onward_links(page.read_text(encoding="utf-8"))
        assert len(links) >= 3, (page, links)


def test_case_study_links_its_clauses_stages_themes_and_the_list(built_real: Path) -> None:
    html = (built_real / "site/case-studies/manchester-city-council-social-value-weighting/index.html").read_text(encoding="utf-8")
    links = onward_links(html)
    assert "../../clauses/sv-gen-01/" in links and "../../stages/award/" in links and "../" in links
    assert any(link.startswith("../../themes/") for link in links)
    assert any(re.fullmatch(r"\.\./[a-z0-9-]+/", link) for link in links)  # a similar case study


def test_module_links_previous_next_course_and_handouts(built_real: Path) -> None:
    html = (built_real / "site/courses/writing-and-scoring-award-criteria/choosing-measures-and-weighting/index.html").read_text(encoding="utf-8")
    links = onward_links(html)
    assert "../what-the-law-allows/" in links and "../writing-the-question-and-scoring-bands/" in links and "../" in links
    assert any(link.endswith(".docx") for link in links) and any(link.endswith(".odt") for link in links)
    assert re.search(r'<p class="svkb-clause-meta">Part of <a href="\.\./">', html)  # the meta line is links, not Markdown


def test_home_page_routes_each_kind_of_user(built_real: Path) -> None:
    html = (built_real / "site/index.html").read_text(encoding="utf-8")
    routes = html[html.index('class="grid cards svkb-routes"'):]
    for role, target in [("Commissioners", "guidance/the-act/"), ("Procurement officers", "clauses/"), ("Trainers", "courses/"), ("Suppliers", "guidance/for-suppliers/")]:
        card = routes[routes.index(f"<strong>{role}</strong>"):]
        assert f'href="{target}"' in card[:card.find("</li>")], role
    assert 'href="review/"' in html and 'href="tags/"' in html  # reachable, though not in the menu
    menu = html[html.index('class="md-nav md-nav--primary"'):html.index('class="md-content"')]
    assert "Review dashboard" not in menu and ">Tags<" not in menu.replace(" ", "").replace("\n", "")


def test_breadcrumbs_on_collection_pages(built_real: Path) -> None:
    html = (built_real / "site/clauses/sv-emp-01/index.html").read_text(encoding="utf-8")
    trail = re.search(r'<nav class="svkb-breadcrumbs" aria-label="Breadcrumb">(.*?)</nav>', html, re.S)
    assert trail and 'href="../../">Home<' in trail.group(1) and 'href="../../clauses/">Clause library<' in trail.group(1)


def test_not_found_page_offers_search_and_routes(built_real: Path) -> None:
    html = (built_real / "site/404.html").read_text(encoding="utf-8")
    assert "Page not found" in html and 'for="__search"' in html
    assert html.count('href="/') >= 6 or html.count("href=\"") >= 6
    assert "/case-studies/" in html and "/clauses/" in html and "/guidance/for-suppliers/" in html
