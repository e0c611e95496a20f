"""Rendering: catalogue in, pages out, with no file-system writes."""

from __future__ import annotations

from generator.model import Catalog
from generator.packs import build_packs
from generator.profile import Profile
from generator.render.casestudies import render_case_studies
from generator.render.changes import render_changes
from generator.render.clauses import render_clauses
from generator.render.courses import render_courses
from generator.render.exports import render_exports
from generator.render.guidance import render_guidance
from generator.render.indicators import render_indicators
from generator.render.nav import render_nav
from generator.render.pages import Page
from generator.render.redirects import add_anchor_aliases, all_redirects, render_redirects
from generator.render.review import render_review
from generator.render.site import render_assets, render_site_pages
from generator.render.themes import render_themes


def render_pages(catalog: Catalog, profile: Profile | None = None, epoch: int = 0, packs: bool = True) -> list[Page]:
    """Render every page, pack and asset of the docs tree, sorted by destination."""
    profile = profile or Profile()
    pages = [
        *render_site_pages(catalog, profile),
        *render_case_studies(catalog),
        *render_clauses(catalog, profile.values),
        *render_guidance(catalog),
        *render_themes(catalog),
        *render_indicators(catalog),
        *render_review(catalog),
        *render_changes(catalog),
        *render_courses(catalog, epoch),
        *render_exports(catalog),
        *(build_packs(catalog, profile, epoch) if packs else []),
        *render_assets(),
        *render_redirects(all_redirects(catalog)),
    ]
    return sorted(add_anchor_aliases(pages, catalog.redirect_anchors))


__all__ = ["Page", "render_nav", "render_pages"]
