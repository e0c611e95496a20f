"""MkDocs hooks for `svkb serve` only: hand MkDocs' live-reload server to the preview, which asks it
to rebuild once the docs tree is written, and spare each rebuild work whose result the preview
does not need again (generator/serve.py, Rebuilds).

MkDocs loads a new configuration, theme and template environment for every rebuild, so on its own
each rebuild compiles the theme's templates again; and it renders the sitemap and the 404 page (the
whole navigation: 3,600 pages at 4N) although a save changes neither in a way the preview shows.
"""

from __future__ import annotations

from typing import Any

FIRST_BUILD_ONLY = ("404.html", "sitemap.xml")  # a rebuild keeps the first build's (as a dirty build keeps unchanged pages' navigation)


def on_config(config: Any) -> None:
    from generator.serve import REBUILDS

    if REBUILDS.server is not None:  # attached after the first build: this is a rebuild
        config.theme.static_templates.difference_update(FIRST_BUILD_ONLY)


def on_env(env: Any, config: Any, files: Any) -> Any:
    from generator.serve import REBUILDS

    env.bytecode_cache = REBUILDS.template_code  # compiled once, then reused while the template's source is unchanged
    return env


def on_serve(server: Any, config: Any, builder: Any) -> Any:
    from generator.serve import REBUILDS

    REBUILDS.attach(server, config.docs_dir)
    return server
