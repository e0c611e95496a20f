"""The site navigation, built from the catalogue: sections and small fixed sets only.

Large collections (case studies, clauses, indicators) are reached from their index pages, never
listed here: MkDocs renders the whole navigation into every page, so listing them would make the
build quadratic in the number of items.
"""

from __future__ import annotations

import html
from typing import Any

from generator.model import Catalog
from generator.render.guidance import SECTIONS

NavItem = dict[str, Any]


def render_nav(catalog: Catalog) -> list[NavItem]:
    """The nav structure MkDocs receives as its ``nav`` setting (titles escaped: the theme prints them raw)."""
    return _escape(_nav(catalog))


def _escape(items: list[Any]) -> list[Any]:
    out: list[Any] = []
    for item in items:
        if isinstance(item, dict):
            out.append({html.escape(k, quote=True): _escape(v) if isinstance(v, list) else v for k, v in item.items()})
        else:
            out.append(item)
    return out


def _nav(catalog: Catalog) -> list[NavItem]:
    guidance = catalog.guidance("guidance")
    nav: list[NavItem] = [{"Home": "index.md"}]
    main = [key for key, _ in SECTIONS if key in {"law", "framework"}]
    for key, label in SECTIONS:
        pages = [{p.title: p.dest_path} for p in guidance if p.section == key]
        if pages and key in main:
            nav.append({label: pages})
    stages = {p.id: p for p in catalog.guidance("stage")}
    if stages:
        nav.append({"Commissioning cycle": ["stages/index.md", *({t.label: stages[t.id].dest_path} for t in catalog.taxonomy.terms("stages") if t.id in stages)]})
    nav.append({"Themes": ["themes/index.md", *({t.label: f"themes/{t.id}.md"} for t in catalog.taxonomy.terms("themes"))]})
    nav.append({"Case studies": "case-studies/index.md"})
    if catalog.clauses:
        nav.append({"Clause library": "clauses/index.md"})
        nav.append({"Build your own pack": "pack-builder.md"})
    if catalog.indicators:
        nav.append({"Indicators": "indicators/index.md"})
    if any(p.id == "measurement-worked-examples" for p in guidance):
        nav.append({"Measurement calculators": "calculators/index.md"})  # rendered only with the worked examples (render/calculators.py)
    if catalog.courses:
        nav.append({"Courses": "courses/index.md"})
    for key, label in SECTIONS:
        pages = [{p.title: p.dest_path} for p in guidance if p.section == key]
        if pages and key not in main:
            nav.append({label: pages})
    if guidance:
        nav.append({"All guidance": "guidance/index.md"})
    nav += [{"What changed": "changes.md"}, {"Open data": "open-data.md"}, {"Cookies and privacy": "privacy.md"}]  # the review dashboard and tags page: linked from the home page, not the menu
    return nav
