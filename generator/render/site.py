"""Render the site-wide pages and copy the static assets into the docs tree."""

from __future__ import annotations

from importlib import resources

from generator.model import Catalog
from generator.profile import Profile
from generator.render.environment import render_template
from generator.render.pages import Page

ASSET_FOLDER = "assets/svkb"


def render_assets() -> list[Page]:
    """Copy our stylesheet and scripts into the docs tree."""
    folder = resources.files("generator") / "assets"
    return [Page(f"{ASSET_FOLDER}/{f.name}", f.read_bytes()) for f in sorted(folder.iterdir(), key=lambda f: f.name) if f.is_file()]


def render_site_pages(catalog: Catalog, profile: Profile) -> list[Page]:
    """Render the home page and the tags page."""
    return [
        Page("index.md", render_template("home.md.j2", catalog=catalog, edition=profile.edition)),
        Page("tags.md", render_template("tags.md.j2")),
    ]
