"""Render indicator pages, each listing the clauses and case studies that use it."""

from __future__ import annotations

from typing import Any

from generator.forms import form_files
from generator.model import Catalog, Indicator
from generator.render.environment import render_template
from generator.render.pages import Page
from generator.render.paging import full_list, paginate

PER_PAGE = 200  # rows on one page of the indicators index
SHOWN = {"clauses": 30, "cases": 12}  # on an indicator's page; the rest on its full lists (indicator.md.j2 has the same numbers)
UNITS = {"count": "Number", "percent": "Percentage", "GBP": "Pounds (£)", "hours": "Hours", "weeks": "Weeks", "tonnes-co2e": "Tonnes of CO2 equivalent", "yes-no": "Yes or no"}


def render_indicator(catalog: Catalog, indicator: Indicator, users: dict[str, tuple[list[Any], list[Any]]]) -> Page:
    """Render one indicator page."""
    text = render_template(
        "indicator.md.j2", abbreviations=catalog.abbreviations,
        i=indicator,
        tax=catalog.taxonomy,
        unit=UNITS[indicator.unit],
        clauses=users.get(indicator.id, ([], []))[0],
        cases=users.get(indicator.id, ([], []))[1],
        tags=[catalog.taxonomy.label("themes", t) for t in indicator.themes],
    )
    return Page(f"indicators/{indicator.id}.md", text)


def render_indicators(catalog: Catalog) -> list[Page]:
    """Render the indicator library index and every indicator page."""
    if not catalog.indicators:
        return []
    forms = form_files(catalog)
    index = [Page(paging.path, render_template("indicator_index.md.j2", indicators=chunk, total=len(catalog.indicators), tax=catalog.taxonomy, units=UNITS, forms=forms,
                                               paging=paging, per_page=PER_PAGE))
             for paging, chunk in paginate(catalog.indicators, PER_PAGE, "indicators/index.md", "indicators")]
    users: dict[str, tuple[list[Any], list[Any]]] = {}
    for clause in catalog.clauses:
        for indicator_id in clause.indicators:
            users.setdefault(indicator_id, ([], []))[0].append(clause)
    for case in catalog.case_studies:
        for indicator_id in dict.fromkeys(o.indicator for o in case.outcomes if o.indicator):
            users.setdefault(indicator_id, ([], []))[1].append(case)
    return [*index, *(render_indicator(catalog, i, users) for i in catalog.indicators), *render_full_lists(catalog, users)]


def render_full_lists(catalog: Catalog, users: dict[str, tuple[list[Any], list[Any]]]) -> list[Page]:
    """An indicator's full lists of clauses and case studies, where its page shows only some."""
    pages = []
    for i in catalog.indicators:
        clauses, cases = users.get(i.id, ([], []))
        owner = (i.name, f"indicators/{i.id}.md")
        if len(clauses) > SHOWN["clauses"]:
            pages += full_list(f"indicators/{i.id}/clauses.md", f"Clauses that use {i.name}", owner, [(f"{c.id}: {c.title}", f"clauses/{c.slug}.md") for c in clauses])
        if len(cases) > SHOWN["cases"]:
            pages += full_list(f"indicators/{i.id}/case-studies.md", f"Case studies that report {i.name}", owner, [(c.title, f"case-studies/{c.id}.md") for c in cases])
    return pages
