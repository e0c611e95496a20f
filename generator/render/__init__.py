"""Rendering: catalogue in, pages out, with no file-system writes."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial

from generator.model import Catalog
from generator.parallel import run_each
from generator.profile import Profile
from generator.render.nav import render_nav
from generator.render.pages import Page
from generator.render.redirects import add_anchor_aliases, all_redirects, render_redirects

PARALLEL_FROM = 50  # case studies, clauses and indicators together; the real content (about 100) renders in 1.4 s on two cores against 2.15 s on one
CASES_PER_JOB = 500  # case-study pages per job: each job's pages are written and dropped before the next arrives


def render_jobs(catalog: Catalog, profile: Profile, epoch: int, packs: bool, site: str = "") -> list[Callable[[], list[Page]]]:
    """The independent parts of rendering, roughly largest first. The renderers are imported here,
    not with this module: a build whose rendered tree comes from the cache never needs them (nor
    python-docx, odfpy and openpyxl, which they import)."""
    from generator.forms import render_forms
    from generator.packs import build_packs
    from generator.packs.builder import render_pack_builder
    from generator.render.calculators import render_calculators
    from generator.render.casestudies import render_case_studies
    from generator.render.changes import render_changes
    from generator.render.checkcopy import render_check
    from generator.render.clauses import render_clauses
    from generator.render.courses import render_courses
    from generator.render.exports import render_case_study_exports, render_exports
    from generator.render.guidance import render_guidance
    from generator.render.indicators import render_indicators
    from generator.render.review import render_review
    from generator.render.site import render_assets, render_site_pages
    from generator.render.themes import render_themes

    parts = max(2, -(-len(catalog.case_studies) // CASES_PER_JOB))
    return [  # the packs and the courses' decks and handouts are the largest single jobs at any size
        *([partial(build_packs, catalog, profile, epoch)] if packs else []),
        partial(render_courses, catalog, epoch, site),
        *(partial(render_case_studies, catalog, part, parts) for part in range(parts)),
        partial(render_case_study_exports, catalog),
        partial(render_clauses, catalog, profile.values),
        partial(render_forms, catalog, epoch, site),
        partial(render_pack_builder, catalog, epoch, profile.values),
        partial(render_check, catalog),
        partial(render_calculators, catalog),
        partial(render_exports, catalog),
        partial(render_review, catalog),
        partial(render_indicators, catalog),
        partial(render_guidance, catalog),
        partial(render_themes, catalog),
        partial(render_changes, catalog),
        partial(render_site_pages, catalog, profile),
        render_assets,
        partial(render_redirects, all_redirects(catalog)),
    ]


def worth_workers(catalog: Catalog) -> bool:
    """Whether rendering this catalogue on every core pays for starting the workers."""
    return len(catalog.case_studies) + len(catalog.clauses) + len(catalog.indicators) >= PARALLEL_FROM


def render_parts(
    catalog: Catalog, profile: Profile | None = None, epoch: int = 0, packs: bool = True, parallel: bool | None = None, site: str = ""
) -> Iterator[list[Page]]:
    """Render every page, pack and asset of the docs tree, one part at a time, so that a caller can
    write each part and drop it before the next (memory then holds a few parts, not the site).

    Large catalogues are rendered on every core; the result is the same either way (tested).
    ``site`` is the canonical address (site_url), which course handouts and decks cite.
    """
    profile = profile or Profile()
    if parallel is None:
        parallel = worth_workers(catalog)
    for part in run_each(render_jobs(catalog, profile, epoch, packs, site), parallel):
        yield add_anchor_aliases(part, catalog.redirect_anchors)


def render_pages(
    catalog: Catalog, profile: Profile | None = None, epoch: int = 0, packs: bool = True, parallel: bool | None = None, site: str = ""
) -> list[Page]:
    """Every page, pack and asset of the docs tree (see render_parts), sorted by destination."""
    return sorted(page for part in render_parts(catalog, profile, epoch, packs, parallel, site) for page in part)


__all__ = ["Page", "render_nav", "render_pages", "render_parts"]
