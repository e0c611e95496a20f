"""Live preview: regenerate the docs tree when content changes; MkDocs serves and reloads.

Only what changed is redone where that is safe: files whose modification time and size are
unchanged are not parsed again, the clause packs are kept when only case studies changed (packs
hold no case studies), only changed files are written to build/docs, and MkDocs rebuilds "dirty":
it renders only the pages whose Markdown changed. Every page is still rendered from the whole
catalogue, since one case study shows on index, theme and tag pages too.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from generator.build import Project, Result, generate
from generator.load import LoadMemo
from generator.render import render_nav
from generator.render.pages import Page
from generator.sitebuild import HOOKS, source_date_epoch
from generator.write import sync_tree

WATCHED = ("content", "casestudies", "templates", "generator/pagetemplates", "generator/assets")
POLL_SECONDS = 0.5
PACKLESS = ("casestudies/",)  # changes only here leave the clause packs as they were


@dataclass
class Preview:
    """What the live preview keeps between regenerations."""

    memo: LoadMemo = field(default_factory=dict)
    packs: list[Page] = field(default_factory=list)


def snapshot(abs_root: Path) -> dict[str, float]:
    """Modification times of every watched file."""
    stamps: dict[str, float] = {}
    for folder in WATCHED:
        for path in (abs_root / folder).rglob("*"):
            if path.is_file():
                stamps[str(path)] = path.stat().st_mtime
    return stamps


def changed_files(before: dict[str, float], after: dict[str, float], abs_root: Path) -> set[str]:
    """Project-relative paths added, removed or modified between two snapshots."""
    paths = {p for p in after if before.get(p) != after[p]} | (before.keys() - after.keys())
    return {Path(p).relative_to(abs_root).as_posix() for p in paths}


def generate_pages(project: Project, preview: Preview, changed: set[str] | None) -> Result:
    """Generate the docs tree's pages; the packs are rebuilt unless only case studies changed."""
    keep_packs = bool(changed) and bool(preview.packs) and all(p.startswith(PACKLESS) for p in changed)
    result = generate(project, preview.memo, packs=False)
    if result.exit_code == 0 and result.catalog is not None:
        if not keep_packs:
            from generator.packs import build_packs

            preview.packs = [p for p in build_packs(result.catalog, result.profile, int(source_date_epoch(project.abs_root))) if not p.site_only]
        result.pages = [p for p in result.pages if not p.site_only] + preview.packs
    return result


def regenerate(project: Project, report: Callable[[Result, str, str], int], preview: Preview, changed: set[str]) -> None:
    """Generate into build/docs in place, so the MkDocs watcher sees only changed files."""
    start = time.perf_counter()
    result = generate_pages(project, preview, changed)
    if result.exit_code == 0:
        count = sync_tree(result.pages, project.abs_docs)
        report(result, "text", f"Regenerated: {count} file(s) changed in {time.perf_counter() - start:.2f} s")
    else:
        report(result, "text", "")


def watch(project: Project, report: Callable[[Result, str, str], int], stop: threading.Event, preview: Preview) -> None:
    """Poll the sources and regenerate on any change until ``stop`` is set."""
    seen = snapshot(project.abs_root)
    while not stop.wait(POLL_SECONDS):
        now = snapshot(project.abs_root)
        if now != seen:
            changed = changed_files(seen, now, project.abs_root)
            seen = now
            regenerate(project, report, preview, changed)


class _DropDirtyWarning(logging.Filter):
    """MkDocs warns on every dirty build; the preview chose it, so the warning is noise."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "'dirty' build" not in record.getMessage()


def _show_progress() -> None:
    """Print MkDocs' own progress lines (changes seen, build time, reload), as `mkdocs serve` does."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("INFO    -  [%(asctime)s] %(message)s", "%H:%M:%S"))
    handler.addFilter(lambda record: record.levelno == logging.INFO)
    for name in ("mkdocs.commands.build", "mkdocs.livereload"):
        logger = logging.getLogger(name)
        logger.setLevel(logging.INFO)
        logger.addHandler(handler)


def serve(project: Project, port: int, report: Callable[[Result, str, str], int]) -> int:
    """Generate once, then serve with live reload until interrupted."""
    from mkdocs.commands.serve import serve as mkdocs_serve

    project.abs_docs.mkdir(parents=True, exist_ok=True)
    preview = Preview()
    result = generate_pages(project, preview, None)
    if result.exit_code:
        return report(result, "text", "")
    sync_tree(result.pages, project.abs_docs)
    stop = threading.Event()
    thread = threading.Thread(target=watch, args=(project, report, stop, preview), daemon=True)
    thread.start()
    logging.getLogger("mkdocs.commands.build").addFilter(_DropDirtyWarning())
    _show_progress()
    try:
        mkdocs_serve(str(project.abs_config), livereload=True, build_type="dirty", dev_addr=f"127.0.0.1:{port}", docs_dir=str(project.abs_docs), strict=False, nav=render_nav(result.catalog), hooks=HOOKS)
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
    return 0
