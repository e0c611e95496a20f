"""Render the site-wide pages and copy the static assets into the docs tree."""

from __future__ import annotations

from importlib import resources

from generator.model import Catalog
from generator.profile import Profile
from generator.render.environment import render_template
from generator.render.pages import Page

ASSET_FOLDER = "assets/svkb"


def _copy_folder(package_folder: str, dest: str, suffix: str = "") -> list[Page]:
    folder = resources.files("generator") / package_folder
    files = sorted((f for f in folder.iterdir() if f.is_file() and f.name.endswith(suffix)), key=lambda f: f.name)
    return [Page(f"{dest}/{f.name}", f.read_bytes()) for f in files]


def render_assets() -> list[Page]:
    """Copy our stylesheet and scripts, and publish the JSON Schemas for editors and tools."""
    return _copy_folder("assets", ASSET_FOLDER) + _copy_folder("schemas", "schemas", ".json")


def render_site_pages(catalog: Catalog, profile: Profile) -> list[Page]:
    """Render the home page, the tags page (which maps each tag, a theme's label, to its id) and the privacy page."""
    return [
        Page("index.md", render_template(
            "home.md.j2", catalog=catalog, edition=profile.edition,
            has=lambda page_id: any(p.id == page_id and p.kind == "guidance" for p in catalog.pages),
            has_stages=bool(catalog.guidance("stage")),
            has_stage=lambda stage_id: any(p.id == stage_id and p.kind == "stage" for p in catalog.pages),
        )),
        Page("tags.md", render_template("tags.md.j2", themes={t.label: t.id for t in catalog.taxonomy.terms("themes")})),
        Page("privacy.md", render_template("privacy.md.j2")),
    ]
