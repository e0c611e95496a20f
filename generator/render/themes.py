"""Render one hub page per theme, gathering guidance, clauses and case studies on it."""

from __future__ import annotations

from generator.model import Catalog, Term
from generator.render.environment import render_template
from generator.render.pages import Page


def render_theme(catalog: Catalog, term: Term) -> Page:
    """Render the hub for one theme."""
    text = render_template(
        "theme.md.j2",
        t=term,
        tax=catalog.taxonomy,
        pages=[p for p in catalog.pages if term.id in p.themes],
        clauses=[c for c in catalog.clauses if term.id in c.themes],
        cases=[c for c in catalog.case_studies if term.id in c.themes],
        indicators=[i for i in catalog.indicators if term.id in i.themes],
    )
    return Page(f"themes/{term.id}.md", text)


def render_themes(catalog: Catalog) -> list[Page]:
    """Render the themes index and every theme hub."""
    terms = catalog.taxonomy.terms("themes")
    index = Page("themes/index.md", render_template("themes_index.md.j2", terms=terms))
    return [index, *(render_theme(catalog, t) for t in terms)]
