"""MkDocs hook for `svkb serve` only: hand MkDocs' live-reload server to the preview, which asks it
to rebuild once the docs tree is written (generator/serve.py, Rebuilds)."""

from __future__ import annotations

from typing import Any


def on_serve(server: Any, config: Any, builder: Any) -> Any:
    from generator.serve import REBUILDS

    REBUILDS.attach(server, config.docs_dir)
    return server
