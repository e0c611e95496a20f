"""The orchestrator: discover, load, validate, model, render, write, build the site."""

from __future__ import annotations

import datetime as dt
import gc
import os
import shutil
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from generator import forked, outfiles, rendercache
from generator.catalog import ModelMemo, build_catalog
from generator.clausecheck import check_clause_templates
from generator.crossref import check_overdue, check_references
from generator.diagnostics import Diagnostic, has_errors
from generator.discover import SourceFile, discover
from generator.headers import FILE as HEADERS
from generator.headers import headers_file
from generator.load import LoadedSource, LoadMemo, cycle_collector_paused, load_source, load_sources
from generator.model import Catalog
from generator.offline import offline_zip
from generator.packs import build_date
from generator.parallel import run_each
from generator.profile import Profile, check_profile, load_profile
from generator.publishing import publishing_diagnostics, site_url
from generator.render import render_nav, render_pages
from generator.render.pages import Page
from generator.render.redirects import all_redirects
from generator.renderwrite import write_rendered
from generator.siteaudit import audit_site, locate
from generator.sitebuild import build_site, epoch_problem, source_date_epoch
from generator.sourcemap import Outline, outline
from generator.textcheck import check_texts
from generator.urlcheck import check_addresses, site_addresses, write_manifest
from generator.validate import find_placeholders, validate
from generator.validate import prepare as prepare_validators
from generator.write import OutputError, check_output_folder, move_files, place, publish, staging_folder, write_pages

OFFLINE_ZIP = "downloads/svkb-offline-site.zip"


@dataclass(frozen=True)
class Project:
    """Where a project's sources and outputs live."""

    abs_root: Path
    abs_site: Path | None = None
    abs_profile: Path | None = None
    strict: bool = False
    today: dt.date | None = None
    check_urls: bool = True
    offline: bool = True
    cache: bool = True  # use and keep caches in build/cache (rendered tree, parsed pages for the audit)

    @property
    def abs_build(self) -> Path:
        return self.abs_root / "build"

    @property
    def abs_docs(self) -> Path:
        return self.abs_build / "docs"

    @property
    def abs_output(self) -> Path:
        return self.abs_site or self.abs_root / "site"

    @property
    def abs_config(self) -> Path:
        return self.abs_root / "mkdocs.yml"


@dataclass
class Result:
    """What a run found and made; the exit code follows from it."""

    diagnostics: list[Diagnostic] = field(default_factory=list)
    catalog: Catalog | None = None
    profile: Profile = field(default_factory=Profile)
    pages: list[Page] = field(default_factory=list)  # generate(): every page in memory; build() writes them as rendered
    usage_error: str = ""
    files: int = 0  # files a build wrote into the site besides MkDocs' own

    @property
    def exit_code(self) -> int:
        if self.usage_error:
            return 2
        return 1 if has_errors(self.diagnostics) else 0


CheckMemo = dict[str, tuple[LoadedSource, bool, list[Diagnostic]]]  # src_path: (the loaded file, valid, its own problems)


@dataclass
class ClauseRulesMemo:
    """The problems the clause rules found (they read only the clauses), and the clause files as read."""

    sources: tuple[object, ...] = ()
    found: list[Diagnostic] = field(default_factory=list)


def check(
    project: Project, memo: LoadMemo | None = None, checked: CheckMemo | None = None, rules: ClauseRulesMemo | None = None, models: ModelMemo | None = None
) -> Result:
    """Read and validate all content and build the catalogue; write nothing. ``memo``: see
    load_sources; ``checked`` (the live preview): each file's own checks are remembered while
    ``memo`` gives back the same loaded file, so only changed files are checked again; ``rules``
    (the live preview) likewise keeps the clause rules' problems while no clause file changed, and
    ``models`` each file's model object (see build_catalog)."""
    sources, diagnostics = discover(project.abs_root)
    valid = []
    if memo is None and checked is None and len(sources) >= READ_ON_CORES_FROM:
        for item, ok, own in _read_on_cores(sources):
            diagnostics += own
            valid += [item] if ok and item is not None else []
    else:
        loaded, problems = load_sources(sources, memo)
        diagnostics += problems
        for item in loaded:
            ok, own = _file_checks(item, checked)
            diagnostics += own
            valid += [item] if ok else []
    if not any(item.source.kind == "taxonomy" for item in valid):
        diagnostics.append(Diagnostic("content/taxonomy.yml", 1, 1, "R000", "", "the shared vocabulary file is missing or invalid"))
        return Result(sorted(diagnostics))
    catalog = build_catalog(valid, models)
    diagnostics += check_references(catalog, _clause_rules(catalog, rules))
    diagnostics += check_overdue(catalog, project.today or dt.date.today(), project.strict)
    profile = Profile()
    if project.abs_profile:
        profile, problems = load_profile(project.abs_profile, project.abs_root)
        diagnostics += problems + check_profile(profile, catalog)
    return Result(sorted(diagnostics), catalog, profile)


READ_ON_CORES_FROM = 60  # source files; fewer are read and checked here (forking workers would cost more than it saves)
FILES_PER_JOB = 20


def _read_on_cores(sources: list[SourceFile]) -> list[tuple[LoadedSource | None, bool, list[Diagnostic]]]:
    """Each file loaded and given its own checks (as check does one by one), in runs of files on
    every core (generator/parallel.py); the loaded files come back pickled, in the order given."""
    prepare_validators({source.kind for source in sources})
    runs = [sources[i : i + FILES_PER_JOB] for i in range(0, len(sources), FILES_PER_JOB)]
    return [read for part in run_each([partial(_read_files, run) for run in runs]) for read in part]


def _read_files(sources: list[SourceFile]) -> list[tuple[LoadedSource | None, bool, list[Diagnostic]]]:
    """Load and check some files: (the loaded file or None, whether it is valid, its problems)."""
    out = []
    with cycle_collector_paused():
        for source in sources:
            item, problems = load_source(source)
            ok, own = _file_checks(item, None) if item is not None else (False, [])
            out.append((item, ok, problems + own))
    return out


def _clause_rules(catalog: Catalog, rules: ClauseRulesMemo | None) -> list[Diagnostic] | None:
    """The clause rules' problems kept in ``rules``, found again when a clause file was read again."""
    if rules is None:
        return None
    sources = tuple(c.origin for c in catalog.clauses)
    if len(sources) != len(rules.sources) or any(a is not b for a, b in zip(sources, rules.sources, strict=True)):
        rules.sources, rules.found = sources, check_clause_templates(catalog.clauses)
    return rules.found


def _file_checks(item: LoadedSource, checked: CheckMemo | None) -> tuple[bool, list[Diagnostic]]:
    """One file's own checks (schema, leftover scaffold text, texts and ids): whether it is valid, and its problems."""
    remembered = checked.get(item.src_path) if checked is not None else None
    if remembered is not None and remembered[0] is item:
        return remembered[1], remembered[2]
    valid, invalid = validate([item])
    own = invalid + find_placeholders([item]) + check_texts([item])  # check_texts composes NFC text in place: once per file
    if checked is not None:
        checked[item.src_path] = (item, bool(valid), own)
    return bool(valid), own


def generate(project: Project, memo: LoadMemo | None = None, packs: bool = True, checked: CheckMemo | None = None) -> Result:
    """Check the content and render every page in memory (the clause packs too, unless ``packs`` is false)."""
    if epoch_problem():
        return Result(usage_error=epoch_problem())
    result = check(project, memo, checked)
    if result.exit_code == 0 and result.catalog is not None:
        result.pages = render_pages(result.catalog, result.profile, int(source_date_epoch(project.abs_root)), packs, site=site_url(project.abs_config))
    return result


def make_pack(project: Project, clause_ids: list[str], title: str, abs_out: Path) -> Result:
    """Write one pack of the chosen clauses (as the pack builder's page does) into ``abs_out``."""
    from generator.packs import pack_files, render_pack
    from generator.packs.builder import custom_pack

    result = check(project)
    if result.exit_code or result.catalog is None:
        return result
    try:
        pack = custom_pack(result.catalog, clause_ids, title)
    except KeyError as e:
        result.usage_error = f"no clause has the id {e.args[0]!r}"
        return result
    abs_out.mkdir(parents=True, exist_ok=True)
    for fmt, data in render_pack(result.catalog, pack, result.profile, int(source_date_epoch(project.abs_root))).items():
        outfiles.write(abs_out / Path(pack_files(pack)[fmt]).name, data)
    return result


def build(project: Project) -> Result:
    """Build the whole site into a staging folder; publish it only if every step passed.

    Checking and rendering run in a forked child where that is safe (generator/forked.py): the
    child writes the docs tree and sends back only what the rest needs, so MkDocs' memory does
    not come on top of the catalogue's and the renderer's."""
    problem = check_output_folder(project.abs_output)
    if problem:
        return Result(usage_error=problem)
    if epoch_problem():
        return Result(usage_error=epoch_problem())
    result = Result()
    staging = staging_folder(project.abs_build)
    zipping: forked.Pending[None] | None = None
    try:
        ready = forked.call(partial(_prepare, project, staging))
        result = Result(ready.diagnostics, files=ready.files)
        if ready.outline is None:  # the content has errors: nothing was rendered
            return result
        zipping = _build_into(project, result, ready, staging)
        if result.exit_code == 0:  # the whole site as it would be published (generator/siteaudit.py)
            result.diagnostics += audit_site(staging / "site", urlsplit(site_url(project.abs_config)).path or "/", project.abs_build / "cache/audit" if project.cache else None)
        if zipping is not None and result.exit_code == 0:
            _finish_offline_zip(zipping, staging)
            result.files += 1
        if result.exit_code == 0:
            write_pages([Page(HEADERS, headers_file(staging / "site"))], staging / "site", may_exist=False)
        result.diagnostics = locate(result.diagnostics, ready.outline, project.abs_root)  # at the source line
        if result.exit_code == 0:
            publish(staging / "docs", project.abs_docs)
            publish(staging / "site", project.abs_output)
    except (OutputError, OSError) as e:  # an error from the system may name no path: say where
        result.usage_error = str(e) if isinstance(e, OutputError) or getattr(e, "filename", None) else f"{e} (while building in {staging})"
    finally:
        if zipping is not None:
            zipping.cancel()  # a no-op once its result was taken
        shutil.rmtree(staging, ignore_errors=True)
    return result


@dataclass
class Prepared:
    """What the rest of a build needs from checking and rendering: small, and picklable (a forked child sends it)."""

    diagnostics: list[Diagnostic]
    files: int = 0
    nav: list[Any] = field(default_factory=list)
    redirects: set[str] = field(default_factory=set)
    outline: Outline | None = None  # None: the content has errors and nothing was rendered


def _prepare(project: Project, staging: Path) -> Prepared:
    """Check the content and, when it has no errors, write the rendered tree into ``staging``."""
    result = check(project)
    if result.exit_code or result.catalog is None:
        return Prepared(result.diagnostics)
    result.diagnostics += publishing_diagnostics(project.abs_config)
    for part in rendercache.PARTS:  # left by a child that failed before this run (generator/forked.py)
        shutil.rmtree(staging / part, ignore_errors=True)
    with outfiles.linking({staging / "docs": project.abs_docs, staging / "extra": project.abs_output}):  # extra/ goes into the site
        _write_rendered(project, result, staging)
    catalog = result.catalog
    return Prepared(result.diagnostics, result.files, render_nav(catalog), set(all_redirects(catalog)), outline(catalog))


def _write_rendered(project: Project, result: Result, staging: Path) -> None:
    """Render the pages part by part, each part written where it was rendered (the docs tree, and
    files for the built site beside it: generator/renderwrite.py), so memory never holds the whole
    site; or copy the last build's rendered tree when no input of rendering changed (generator/rendercache.py)."""
    epoch, site = int(source_date_epoch(project.abs_root)), site_url(project.abs_config)
    abs_cache = project.abs_build / "cache/render"
    key = rendercache.render_key(project.abs_root, project.abs_profile, result.profile, epoch, site) if project.cache else ""
    restored = rendercache.restore(abs_cache, key, staging) if key else None
    if restored is not None:
        result.files = restored
        return
    assert result.catalog is not None
    result.files = write_rendered(result.catalog, result.profile, epoch, site, staging)
    if key:
        rendercache.store(abs_cache, key, staging, result.files)


def _build_into(project: Project, result: Result, ready: Prepared, staging: Path) -> forked.Pending[None] | None:
    """Build the site from the docs tree, start deriving the offline copy from it, and check its
    addresses; stop at the first failing step. Returns the offline copy being written, if started."""
    gc.collect()  # without a child, the catalogue is gone now: MkDocs may reuse its memory
    # MkDocs holds every page until it ends: in a child of its own, that memory goes with it,
    # and the offline copy and the audit (and its forked workers) start from this small process
    audit_cache = project.abs_build / "cache/audit" if project.cache else None  # pages are parsed for the audit as MkDocs writes them
    result.diagnostics += forked.call(partial(build_site, project.abs_config, staging / "docs", staging / "site", ready.nav, audit_cache, project.abs_output))
    forked.trim()  # without a child, MkDocs' pages are gone now: hand their memory back
    if result.exit_code:
        return
    move_files(staging / "extra", staging / "site")
    zipping = _start_offline_zip(project, staging) if project.offline else None  # beside the checks that follow
    if project.check_urls:
        result.diagnostics += check_addresses(project.abs_root, staging / "site", ready.redirects)
    return zipping


def _start_offline_zip(project: Project, staging: Path) -> forked.Pending[None]:
    """Start writing the offline copy (staging/offline.zip) in a forked child, and hold its address
    in the site with an empty file, so the address check and the audit can run beside it."""
    zipping = forked.start(partial(offline_zip, staging / "site", "svkb-offline-site", build_date(int(source_date_epoch(project.abs_root))),
                                   staging / "offline.zip", project.abs_build / "cache/offline" if project.cache else None, frozenset({OFFLINE_ZIP})))
    placeholder = staging / "offline-placeholder"
    placeholder.touch()
    place(placeholder, staging / "site", OFFLINE_ZIP)  # refuses if another output has the address
    return zipping


def _finish_offline_zip(zipping: forked.Pending[None], staging: Path) -> None:
    """Wait for the offline copy and put it in its place (over the placeholder)."""
    zipping.result()
    os.replace(staging / "offline.zip", staging / "site" / OFFLINE_ZIP)


def record_urls(project: Project) -> Result:
    """Build the site into a scratch folder and record its addresses in published-urls.txt."""
    scratch = staging_folder(project.abs_build)
    try:
        result = build(Project(project.abs_root, scratch / "site", project.abs_profile, check_urls=False, offline=project.offline))
        if result.exit_code == 0:
            write_manifest(project.abs_root, site_addresses(scratch / "site"))
        return result
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
