"""Rendering: catalogue in, pages out, with no file-system writes."""

from __future__ import annotations

from generator.model import Catalog
from generator.render.casestudies import render_case_studies
from generator.render.pages import Page
from generator.render.site import render_assets, render_site_pages


def render_pages(catalog: Catalog) -> list[Page]:
    """Render every page and asset of the docs tree, sorted by destination."""
    pages = [*render_site_pages(catalog), *render_case_studies(catalog), *render_assets()]
    return sorted(pages)
