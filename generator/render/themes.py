"""Render one hub page per theme, gathering guidance, clauses, indicators and case studies on it.

A hub shows a bounded selection, so that it stays small at any size: every guidance page, the first
clauses and indicators, and the latest case studies, each with its count and a link to the rest
(the clause library and the case-study index filtered by the theme, or the indicators index).
"""

from __future__ import annotations

from generator.model import CaseStudy, Catalog, Term
from generator.render.environment import render_template
from generator.render.pages import Page

SHOWN = {"clauses": 30, "indicators": 30, "cases": 12}  # at most this many of each on a hub


def latest_first(case: CaseStudy) -> tuple[int, int, str]:
    """Ongoing case studies first, then by the year they ended and began, newest first; ties by id."""
    ended = case.period_to if case.period_to is not None else 10_000
    return (-ended, -case.period_from, case.id)


def render_theme(catalog: Catalog, term: Term) -> Page:
    """Render the hub for one theme."""
    clauses = [c for c in catalog.clauses if term.id in c.themes]
    cases = sorted((c for c in catalog.case_studies if term.id in c.themes), key=latest_first)
    indicators = [i for i in catalog.indicators if term.id in i.themes]
    text = render_template(
        "theme.md.j2",
        t=term,
        tax=catalog.taxonomy,
        pages=[p for p in catalog.pages if term.id in p.themes],
        clauses=clauses[: SHOWN["clauses"]],
        clause_ids=[c.id for c in clauses],
        cases=cases[: SHOWN["cases"]],
        indicators=indicators[: SHOWN["indicators"]],
        counts={"clauses": len(clauses), "cases": len(cases), "indicators": len(indicators)},
    )
    return Page(f"themes/{term.id}.md", text)


def render_themes(catalog: Catalog) -> list[Page]:
    """Render the themes index and every theme hub."""
    terms = catalog.taxonomy.terms("themes")
    index = Page("themes/index.md", render_template("themes_index.md.j2", terms=terms))
    return [index, *(render_theme(catalog, t) for t in terms)]
