"""Live preview: regenerate the docs tree when content changes; MkDocs serves and reloads.

Only what changed is redone where that is safe: files whose modification time and size are
unchanged are not parsed or checked again, the clause packs are kept when only case studies
changed (packs hold no case studies), and when only case studies were edited (the same case
studies, in the same files) only the pages that show them are rendered again: the edited case
studies' own pages, the pages of case studies that list them as similar (before or after the
edit), the case-study index, and those other parts of the site (clause, theme, indicator, guidance
and export pages, ...) that show a field the edit changed (CASE_FIELDS says which fields each
renderer shows). Only changed files are written to build/docs, and MkDocs rebuilds "dirty": it
renders only the pages whose Markdown changed.
"""

from __future__ import annotations

import dataclasses
import gc
import logging
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2

from generator.build import CheckMemo, ClauseRulesMemo, Project, Result, check
from generator.catalog import ModelMemo
from generator.load import LoadMemo
from generator.model import Catalog
from generator.parallel import run_all
from generator.profile import Profile
from generator.publishing import site_url
from generator.render import render_jobs, render_nav, render_parts
from generator.render.casestudies import FOLDER, render_case_studies, render_case_study, render_index, similar_cases
from generator.render.pages import Page
from generator.render.redirects import add_anchor_aliases
from generator.sitebuild import HOOKS, epoch_problem, source_date_epoch
from generator.write import sync_changes, sync_tree

WATCHED = ("content", "casestudies", "templates", "generator/pagetemplates", "generator/assets")
POLL_SECONDS = 0.5
SERVE_HOOK = str(Path(__file__).with_name("servehooks.py"))  # MkDocs hands its live-reload server to REBUILDS
PACKLESS = ("casestudies/",)  # changes only here leave the clause packs as they were

# The case-study fields each renderer of the other parts of the site reads. After an edit to case
# studies that changes none of a renderer's fields, and nothing but case studies, its pages are kept
# from the last run. "origin" (the file as read) changes with every edit, and a renderer not named
# here is rendered again after every edit. tests/test_serve.py changes every field a renderer is
# said not to read, in every case study, and checks that its pages stay the same.
CASE_FIELDS: dict[str, frozenset[str]] = {
    "render_pack_builder": frozenset(),
    "render_forms": frozenset(),
    "render_clauses": frozenset({"clauses_used", "title"}),
    "render_check": frozenset(),
    "render_calculators": frozenset(),
    "render_exports": frozenset(),
    "render_case_study_exports": frozenset({"origin"}),
    "render_courses": frozenset({"title"}),
    "render_review": frozenset({"instruments", "last_reviewed", "owner", "review_by", "title"}),
    "render_indicators": frozenset({"outcomes", "title"}),
    "render_guidance": frozenset({"period_from", "period_to", "stages", "title"}),
    "render_themes": frozenset({"period_from", "period_to", "themes", "title"}),
    "render_changes": frozenset(),
    "render_site_pages": frozenset(),
    "render_assets": frozenset(),
    "render_redirects": frozenset({"origin"}),
}


@dataclass
class Preview:
    """What the live preview keeps between regenerations."""

    memo: LoadMemo = field(default_factory=dict)
    checked: CheckMemo = field(default_factory=dict)
    rules: ClauseRulesMemo = field(default_factory=ClauseRulesMemo)
    models: ModelMemo = field(default_factory=dict)
    packs: list[Page] = field(default_factory=list)
    catalog: Catalog | None = None  # the catalogue the pages below were rendered from
    pages: dict[str, Page] = field(default_factory=dict)  # the docs tree's pages (packs aside), by destination
    parts: dict[str, list[Page]] = field(default_factory=dict)  # the pages of each renderer but the case studies', by its name
    stamp: tuple[int, str] = (0, "")  # the build time and site address the pages were rendered with


def snapshot(abs_root: Path) -> dict[str, float]:
    """Modification times of every watched file (os.scandir: a third of pathlib's time over the
    thousands of files at 4N, polled every half second in the process that serves)."""
    stamps: dict[str, float] = {}
    folders = [str(abs_root / folder) for folder in WATCHED]
    while folders:
        try:
            entries = list(os.scandir(folders.pop()))
        except OSError:  # not there (yet), or removed while polling
            continue
        for entry in entries:
            try:
                if entry.is_dir():
                    folders.append(entry.path)
                elif entry.is_file():
                    stamps[entry.path] = entry.stat().st_mtime
            except OSError:
                continue
    return stamps


def changed_files(before: dict[str, float], after: dict[str, float], abs_root: Path) -> set[str]:
    """Project-relative paths added, removed or modified between two snapshots."""
    paths = {p for p in after if before.get(p) != after[p]} | (before.keys() - after.keys())
    return {Path(p).relative_to(abs_root).as_posix() for p in paths}


def generate_pages(project: Project, preview: Preview, changed: set[str] | None) -> Result:
    """Generate the docs tree's pages; the packs are rebuilt unless only case studies changed, and
    only the pages that show an edited case study are rendered again (see the module's notes)."""
    if epoch_problem():
        return Result(usage_error=epoch_problem())
    keep_packs = bool(changed) and bool(preview.packs) and all(p.startswith(PACKLESS) for p in changed)
    result = check(project, preview.memo, preview.checked, preview.rules, preview.models)
    if result.exit_code or result.catalog is None:
        return result
    epoch, site = int(source_date_epoch(project.abs_root)), site_url(project.abs_config)
    if not keep_packs:
        from generator.packs import build_packs

        preview.packs = [p for p in build_packs(result.catalog, result.profile, epoch) if not p.site_only]
    edited = edited_case_studies(preview.catalog, result.catalog, changed) if preview.stamp == (epoch, site) else None
    if edited is None:
        pages = _render_all(preview, result.catalog, result.profile, epoch, site)
    else:
        pages = _rerender(preview, result.catalog, result.profile, epoch, edited, site)
    preview.catalog, preview.pages, preview.stamp = result.catalog, {p.dest_path: p for p in pages}, (epoch, site)
    result.pages = pages + preview.packs
    return result


def edited_case_studies(before: Catalog | None, after: Catalog, changed: set[str] | None) -> set[str] | None:
    """The ids of the case studies edited, when nothing else changed: the same case studies, from
    the same files, and no other file. None when the whole site must be rendered again."""
    if before is None or not changed or not all(p.startswith(PACKLESS) for p in changed):
        return None
    files = {c.src_path: c.id for c in after.case_studies}
    if files != {c.src_path: c.id for c in before.case_studies} or not changed <= files.keys():
        return None
    return {files[p] for p in changed}


def _shown_on(catalog: Catalog, edited: set[str]) -> set[str]:
    """The case studies whose own page shows one of ``edited``: themselves, and those that list one as similar."""
    shown = set(edited)
    group_themes = {c.themes[0] for c in catalog.case_studies if c.id in edited and c.themes}
    for case in catalog.case_studies:
        if case.themes and case.themes[0] in group_themes and any(s.id in edited for s in similar_cases(catalog, case)):
            shown.add(case.id)
    return shown


def _name(job: Callable[[], list[Page]]) -> str:
    return getattr(getattr(job, "func", job), "__name__", "")


def _render_all(preview: Preview, catalog: Catalog, profile: Profile, epoch: int, site: str) -> list[Page]:
    """Every page of the docs tree (packs aside); each renderer's pages but the case studies' are kept by its name."""
    names = [_name(job) for job in render_jobs(catalog, profile, epoch, packs=False, site=site)]
    parts = [[p for p in part if not p.site_only] for part in render_parts(catalog, profile, epoch, packs=False, site=site)]
    preview.parts = {name: part for name, part in zip(names, parts, strict=True) if name != render_case_studies.__name__}
    return sorted(page for part in parts for page in part)


def changed_fields(before: Catalog, after: Catalog, edited: set[str]) -> set[str] | None:
    """The fields that differ in the edited case studies ("origin" always: the files changed), or
    None when anything else in the catalogue differs (a renderer may show it)."""
    if dataclasses.replace(before, case_studies=after.case_studies) != after or any(
        getattr(before, f) != getattr(after, f) for f in ("redirect_pages", "redirect_anchors", "taxonomy_data")
    ):
        return None
    old = {c.id: c for c in before.case_studies if c.id in edited}
    return {"origin"} | {f.name for c in after.case_studies if c.id in edited for f in dataclasses.fields(c) if getattr(c, f.name) != getattr(old[c.id], f.name)}


def _rerender(preview: Preview, catalog: Catalog, profile: Profile, epoch: int, edited: set[str], site: str) -> list[Page]:
    """The docs tree after an edit to some case studies: their pages, the index, and every other
    renderer's pages that may show a changed field rendered again; the rest kept from the last run."""
    assert preview.catalog is not None
    again = _shown_on(preview.catalog, edited) | _shown_on(catalog, edited)
    fields = changed_fields(preview.catalog, catalog, edited)
    others = [job for job in render_jobs(catalog, profile, epoch, packs=False, site=site) if _name(job) != render_case_studies.__name__]
    redo = [job for job in others if fields is None or _name(job) not in preview.parts or CASE_FIELDS.get(_name(job), {"origin"}) & fields]
    fresh = [*render_index(catalog), *(render_case_study(catalog, c) for c in catalog.case_studies if c.id in again)]
    for job, part in zip(redo, run_all(redo, parallel=False), strict=True):
        preview.parts[_name(job)] = [p for p in add_anchor_aliases(part, catalog.redirect_anchors) if not p.site_only]
    pages = {p.dest_path: p for p in add_anchor_aliases(fresh, catalog.redirect_anchors) if not p.site_only}
    pages.update({p.dest_path: p for job in others for p in preview.parts[_name(job)]})
    kept = {f"{FOLDER}/{c.id}.md" for c in catalog.case_studies if c.id not in again}
    pages.update({path: preview.pages[path] for path in kept})
    return sorted(pages.values())


class TemplateCode(jinja2.BytecodeCache):
    """Compiled templates kept in memory; Jinja compiles a template again when its source changed."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.code:
            bucket.bytecode_from_string(self.code[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


class Rebuilds:
    """Asks MkDocs' live-reload server to rebuild once the preview has written the docs tree.

    Left to itself, the server polls the docs tree every half second (thousands of files at 4N, in
    the process the preview regenerates in), notices a change up to half a second late, and builds
    twice when the writes straddle two polls. The server (MkDocs 1.6) offers no public call for
    this, so the request does what its own watcher does on a change; with another server the docs
    tree stays watched as before.
    """

    def __init__(self) -> None:
        self.server: Any = None
        self.pending = False  # asked before the server was attached (the tree changed during MkDocs' first build)
        self.template_code = TemplateCode()  # the theme's templates, compiled (see generator/servehooks.py)

    def attach(self, server: Any, docs_dir: str) -> None:
        if isinstance(getattr(server, "_rebuild_cond", None), threading.Condition) and hasattr(server, "_want_rebuild"):
            server.unwatch(docs_dir)
            server.build_delay = 0  # it waits this long for more changes; the tree is written when asked
            self.server = server
            if self.pending:
                self.request()
        # The catalogue, pages and MkDocs' first build stay in memory all session: frozen, no later
        # collection walks them again (at 4N the first save after startup took seconds longer)
        gc.collect()
        gc.freeze()

    def detach(self) -> None:
        """Forget the server (it stopped): the next serve in this process starts afresh."""
        self.server, self.pending = None, False

    def request(self) -> None:
        """Rebuild now (or as soon as the running rebuild ends)."""
        self.pending = self.server is None
        if self.server is not None:
            with self.server._rebuild_cond:
                self.server._want_rebuild = True
                self.server._rebuild_cond.notify_all()


REBUILDS = Rebuilds()


def regenerate(project: Project, report: Callable[[Result, str, str], int], preview: Preview, changed: set[str]) -> None:
    """Generate into build/docs in place (MkDocs then rebuilds only the changed pages) and ask MkDocs to rebuild."""
    start = time.perf_counter()
    before = {**preview.pages, **{p.dest_path: p for p in preview.packs}}
    result = generate_pages(project, preview, changed)
    if result.exit_code == 0:
        count = sync_changes(result.pages, before, project.abs_docs)
        if count:
            REBUILDS.request()
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
    handler.setFormatter(logging.Formatter("INFO    -  %(message)s"))
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
        mkdocs_serve(
            str(project.abs_config), livereload=True, build_type="dirty", dev_addr=f"127.0.0.1:{port}", docs_dir=str(project.abs_docs), strict=False,
            nav=render_nav(result.catalog), hooks=[*HOOKS, SERVE_HOOK],
        )
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        REBUILDS.detach()
    return 0
