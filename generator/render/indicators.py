"""Render indicator pages, each listing the clauses and case studies that use it."""

from __future__ import annotations

from generator.model import Catalog, Indicator
from generator.render.environment import render_template
from generator.render.pages import Page

UNITS = {"count": "Number", "percent": "Percentage", "GBP": "Pounds (£)", "hours": "Hours", "weeks": "Weeks", "tonnes-co2e": "Tonnes of CO2 equivalent", "yes-no": "Yes or no"}


def render_indicator(catalog: Catalog, indicator: Indicator) -> Page:
    """Render one indicator page."""
    text = render_template(
        "indicator.md.j2",
        i=indicator,
        tax=catalog.taxonomy,
        unit=UNITS[indicator.unit],
        clauses=[c for c in catalog.clauses if indicator.id in c.indicators],
        cases=[c for c in catalog.case_studies if any(o.indicator == indicator.id for o in c.outcomes)],
        tags=[catalog.taxonomy.label("themes", t) for t in indicator.themes],
    )
    return Page(f"indicators/{indicator.id}.md", text)


def render_indicators(catalog: Catalog) -> list[Page]:
    """Render the indicator library index and every indicator page."""
    if not catalog.indicators:
        return []
    index = Page("indicators/index.md", render_template("indicator_index.md.j2", indicators=catalog.indicators, tax=catalog.taxonomy, units=UNITS))
    return [index, *(render_indicator(catalog, i) for i in catalog.indicators)]
