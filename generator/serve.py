"""Live preview: regenerate the docs tree when content changes; MkDocs serves and reloads."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from generator.build import Project, Result, generate
from generator.render import render_nav
from generator.sitebuild import HOOKS
from generator.write import sync_tree

WATCHED = ("content", "casestudies", "templates", "generator/pagetemplates", "generator/assets")
POLL_SECONDS = 0.5


def snapshot(abs_root: Path) -> dict[str, float]:
    """Modification times of every watched file."""
    stamps: dict[str, float] = {}
    for folder in WATCHED:
        for path in (abs_root / folder).rglob("*"):
            if path.is_file():
                stamps[str(path)] = path.stat().st_mtime
    return stamps


def regenerate(project: Project, report: Callable[[Result, str, str], int]) -> None:
    """Generate into build/docs in place, so the MkDocs watcher sees only changed files."""
    result = generate(project)
    if result.exit_code == 0:
        changed = sync_tree([p for p in result.pages if not p.site_only], project.abs_docs)
        report(result, "text", f"Regenerated: {changed} file(s) changed")
    else:
        report(result, "text", "")


def watch(project: Project, report: Callable[[Result, str, str], int], stop: threading.Event) -> None:
    """Poll the sources and regenerate on any change until ``stop`` is set."""
    seen = snapshot(project.abs_root)
    while not stop.wait(POLL_SECONDS):
        now = snapshot(project.abs_root)
        if now != seen:
            seen = now
            regenerate(project, report)


def serve(project: Project, port: int, report: Callable[[Result, str, str], int]) -> int:
    """Generate once, then serve with live reload until interrupted."""
    from mkdocs.commands.serve import serve as mkdocs_serve

    project.abs_docs.mkdir(parents=True, exist_ok=True)
    result = generate(project)
    if result.exit_code:
        return report(result, "text", "")
    sync_tree([p for p in result.pages if not p.site_only], project.abs_docs)
    stop = threading.Event()
    thread = threading.Thread(target=watch, args=(project, report, stop), daemon=True)
    thread.start()
    try:
        mkdocs_serve(str(project.abs_config), livereload=True, dev_addr=f"127.0.0.1:{port}", docs_dir=str(project.abs_docs), strict=False, nav=render_nav(result.catalog), hooks=HOOKS)
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
    return 0
