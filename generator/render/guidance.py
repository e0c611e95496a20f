"""Render guidance pages, commissioning-cycle stage pages and their index pages."""

from __future__ import annotations

import re

from generator.forms import form_files
from generator.model import Catalog, GuidancePage
from generator.packs import all_packs, pack_files
from generator.render.environment import render_template
from generator.render.pages import Page

SECTIONS = (
    ("law", "The law"),
    ("framework", "The wider framework"),
    ("suppliers", "For suppliers"),
    ("measurement", "Measuring social value"),
    ("reference", "Reference"),
    ("about", "About this site"),
)


CHECKBOX = re.compile(r"^(\s*[-*]) \[ \] ", re.MULTILINE)


def checklists(body: str) -> str:
    """Show '- [ ] item' checklists as printable boxes: form controls with no label would fail WCAG."""
    return CHECKBOX.sub("\\1 ☐ ", body)


def render_page(catalog: Catalog, page: GuidancePage) -> Page:
    """Render one guidance or stage page, with the stage's items appended."""
    stage = page.id if page.kind == "stage" else ""
    text = render_template(
        "guidance.md.j2",
        p=page,
        body=checklists(page.body),
        tax=catalog.taxonomy,
        clauses=[c for c in catalog.clauses if c.stage == stage] if stage else [],
        cases=[c for c in catalog.case_studies if stage in c.stages] if stage else [],
        indicators=[i for i in catalog.indicators if stage in i.stages] if stage else [],
        prefix="../",
        abbreviations=catalog.abbreviations,
        forms=form_files(catalog) if stage == "kpis-reporting" else {},
        pack=next((pack_files(p) for p in all_packs(catalog) if p.slug == f"stage-{stage}"), None) if stage else None,
    )
    return Page(page.dest_path, text)


def render_guidance_index(catalog: Catalog) -> Page:
    """Render the guidance index, grouped by section."""
    pages = catalog.guidance("guidance")
    groups = [(label, [p for p in pages if p.section == key]) for key, label in SECTIONS]
    text = render_template("guidance_index.md.j2", groups=[g for g in groups if g[1]])
    return Page("guidance/index.md", text)


def render_stages_index(catalog: Catalog) -> Page:
    """Render the commissioning cycle overview, stages in cycle order."""
    pages = {p.id: p for p in catalog.guidance("stage")}
    stages = [(t, pages.get(t.id)) for t in catalog.taxonomy.terms("stages")]
    return Page("stages/index.md", render_template("stages_index.md.j2", stages=stages))


def render_guidance(catalog: Catalog) -> list[Page]:
    """Render every guidance and stage page with their index pages."""
    if not catalog.pages:
        return []
    pages = [render_page(catalog, p) for p in catalog.pages]
    if catalog.guidance("guidance"):
        pages.append(render_guidance_index(catalog))
    if catalog.guidance("stage"):
        pages.append(render_stages_index(catalog))
    return pages
