"""MkDocs hook: add our theme overrides (generator/theme/overrides: breadcrumbs, the 404 page) in
front of Material's templates, so every copy of the site gets them without a custom_dir setting."""

from __future__ import annotations

from importlib import resources
from typing import Any

OVERRIDES = str(resources.files("generator") / "theme/overrides")


def on_config(config: Any) -> None:
    """Put the overrides first in the theme's template folders."""
    if OVERRIDES not in config.theme.dirs:
        config.theme.dirs.insert(0, OVERRIDES)
