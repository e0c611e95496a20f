"""Render indicator pages, each listing the clauses and case studies that use it."""

from __future__ import annotations

from typing import Any

from generator.forms import form_files
from generator.model import Catalog, Indicator
from generator.render.environment import render_template
from generator.render.pages import Page

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
    index = Page("indicators/index.md", render_template("indicator_index.md.j2", indicators=catalog.indicators, tax=catalog.taxonomy, units=UNITS, forms=form_files(catalog)))
    users: dict[str, tuple[list[Any], list[Any]]] = {}
    for clause in catalog.clauses:
        for indicator_id in clause.indicators:
            users.setdefault(indicator_id, ([], []))[0].append(clause)
    for case in catalog.case_studies:
        for indicator_id in dict.fromkeys(o.indicator for o in case.outcomes if o.indicator):
            users.setdefault(indicator_id, ([], []))[1].append(case)
    return [index, *(render_indicator(catalog, i, users) for i in catalog.indicators)]
