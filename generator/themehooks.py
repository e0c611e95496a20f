"""MkDocs hook: add our theme overrides (generator/theme/overrides: breadcrumbs, the 404 page) in
front of Material's templates, so every copy of the site gets them without a custom_dir setting;
and give the Atom feed the canonical address when `site_url` is set."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

from generator import outfiles

OVERRIDES = str(resources.files("generator") / "theme/overrides")


def on_config(config: Any) -> None:
    """Put the overrides first in the theme's template folders."""
    if OVERRIDES not in config.theme.dirs:
        config.theme.dirs.insert(0, OVERRIDES)


def on_post_build(config: Any, **kwargs: Any) -> None:
    """The feed's links at the canonical address (`site_url`, see generator/publishing.py)."""
    from generator.render.changes import canonical_feed

    feed = Path(config.site_dir) / "changes.xml"
    if config.site_url and feed.is_file():
        outfiles.write(feed, canonical_feed(feed.read_text(encoding="utf-8"), str(config.site_url)).encode("utf-8"))  # linked to the docs tree's copy: never in place
