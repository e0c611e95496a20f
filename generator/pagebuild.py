"""MkDocs' build, with its two loops over pages run on every core.

``mkdocs.commands.build.build`` converts every page's Markdown to HTML, then renders every page
through the theme's templates, one page after another on one core. Both loops treat each page on
its own, so this module runs MkDocs' own steps in the same order, and hands the per-page work to
forked workers (``generator/parallel.py``) in runs of consecutive pages:

- reading each page and the ``page_markdown`` event stay in this process (cheap, and the tags
  plugin collects its tags there); converting the Markdown (``Page.render``) and the
  ``page_content`` event run in workers, which send back what MkDocs keeps of each page (its
  HTML, table of contents, title, anchors and links to anchors);
- the template loop (``page_context``, the template, ``post_page``, writing the file) runs in
  workers, which send back the search plugin's entries for their pages, appended here in page
  order, so the search index is the same as MkDocs' own; each worker also parses the page it
  wrote for the site audit, into the audit's cache (``generator/siteaudit.py``), so the audit
  after the build reads instead of parsing.

Warnings a worker logs are logged again here in page order, so strict mode counts them as MkDocs
would. Where forking is unsafe (threads, as in the live preview), on one core, or with a plugin
whose per-page events this module does not know (it could keep state a worker would lose), it
runs MkDocs' own build unchanged. Pages are the same bytes either way (tests/test_pagebuild.py).
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Any

from generator.parallel import can_fork, cores, run_each

log = logging.getLogger("mkdocs.commands.build")

# Handlers of the per-page events whose state a worker may hold without loss: our hooks (pure, or
# keeping per-page notes), Material's search (its entries are sent back) and tags (read only there).
KNOWN_HANDLERS = ("generator.", "searchhooks", "themehooks", "material.plugins.search.", "material.plugins.tags.")
PER_PAGE_EVENTS = ("pre_page", "page_content", "page_context", "post_page")
PAGES_PER_JOB = 24  # small runs balance the cores; each job costs one round trip


def build(config: Any, abs_audit_cache: Path | None = None) -> None:
    """Build the site as ``mkdocs.commands.build.build(config)`` does, on every core when safe."""
    from mkdocs.commands.build import build as mkdocs_build

    if not parallel_safe(config):
        mkdocs_build(config)
        return
    _build(config, abs_audit_cache)


def parallel_safe(config: Any) -> bool:
    """Whether the pages can be built in forked workers (see the module's docstring)."""
    if not can_fork() or cores() < 2:
        return False
    for event in PER_PAGE_EVENTS:
        for handler in config.plugins.events[event]:
            owner = f"{getattr(handler, '__module__', '')}.{getattr(handler, '__qualname__', '')}"
            if not any(name in owner for name in KNOWN_HANDLERS):
                return False
    return True


def _build(config: Any, abs_audit_cache: Path | None) -> None:
    """MkDocs 1.6's build(), step by step (mkdocs/commands/build.py), with the page loops in workers."""
    from mkdocs import utils
    from mkdocs.commands.build import _build_extra_template, _build_theme_template
    from mkdocs.exceptions import Abort, BuildError
    from mkdocs.structure.files import InclusionLevel, get_files, set_exclusions
    from mkdocs.structure.nav import get_navigation
    from mkdocs.structure.pages import Page

    warning_counter = utils.CountHandler()
    warning_counter.setLevel(logging.WARNING)
    if config.strict:
        logging.getLogger("mkdocs").addHandler(warning_counter)
    inclusion = InclusionLevel.is_included
    try:
        start = time.monotonic()
        config = config.plugins.on_config(config)
        config.plugins.on_pre_build(config=config)
        utils.clean_directory(config.site_dir)
        files = get_files(config)
        env = config.theme.get_env()
        files.add_files_from_theme(env, config)
        files = config.plugins.on_files(files, config=config)
        set_exclusions(files, config)
        nav = get_navigation(files, config)
        nav = config.plugins.on_nav(nav, config=config, files=files)

        pages = []
        for file in files.documentation_pages(inclusion=inclusion):
            if file.page is None and file.inclusion.is_not_in_nav():
                Page(None, file, config)
            assert file.page is not None
            pages.append(_read_page(file.page, config, files))
        jobs = [partial(_render_pages, run, config, files) for run in _runs(pages)]
        for run, rendered in zip(_runs(pages), run_each(jobs), strict=True):
            _keep_rendered(run, rendered, files)

        env = config.plugins.on_env(env, config=config, files=files)
        files.copy_static_files(inclusion=inclusion)
        for template in config.theme.static_templates:
            _build_theme_template(template, env, files, config, nav)
        for template in config.extra_templates:
            _build_extra_template(template, files, config, nav)

        doc_files = files.documentation_pages(inclusion=inclusion)
        entries = _search_entries(config)
        remember = _audit_parser(abs_audit_cache)
        built = [file.page for file in doc_files]
        jobs = [partial(_write_pages, run, config, doc_files, nav, env, remember) for run in _runs(built)]
        for written in run_each(jobs):
            _replay(written.records)
            if entries is not None:
                entries += written.entries

        for file in doc_files:
            assert file.page is not None
            file.page.validate_anchor_links(files=files, log_level=config.validation.links.anchors)
        config.plugins.on_post_build(config=config)
        if counts := warning_counter.get_counts():
            raise Abort(f"Aborted with {', '.join(f'{v} {k.lower()}s' for k, v in counts)} in strict mode!")
        log.info(f"Documentation built in {time.monotonic() - start:.2f} seconds")
    except Exception as e:
        config.plugins.on_build_error(error=e)
        if isinstance(e, BuildError):
            log.error(str(e))
            raise Abort("Aborted with a BuildError!") from e
        raise
    finally:
        logging.getLogger("mkdocs").removeHandler(warning_counter)


def _runs(pages: Sequence[Any]) -> list[Sequence[Any]]:
    """Consecutive runs of pages, one job each."""
    return [pages[i : i + PAGES_PER_JOB] for i in range(0, len(pages), PAGES_PER_JOB)]


def _read_page(page: Any, config: Any, files: Any) -> Any:
    """MkDocs' _populate_page up to the Markdown: the pre_page and page_markdown events, here."""
    config._current_page = page
    try:
        page = config.plugins.on_pre_page(page, config=config, files=files)
        page.read_source(config)
        page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
        return page
    except Exception as e:
        _log_page_error("Error reading page", page, e)
        raise
    finally:
        config._current_page = None


class _Records(logging.Handler):
    """Keeps what a worker logs, to be logged again in the parent."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))


def _capturing(job: Callable[[_Records], Any]) -> Any:
    """Run ``job`` with MkDocs' log kept (in a worker: instead of the handlers copied from the parent)."""
    logger = logging.getLogger("mkdocs")
    handlers, propagate = logger.handlers[:], logger.propagate
    records = _Records()
    logger.handlers, logger.propagate = [records], False
    try:
        return job(records)
    except BaseException:
        logger.handlers, logger.propagate = handlers, propagate
        _replay(records.records)  # what led up to the error (the parent runs a failed job again to raise it)
        raise
    finally:
        logger.handlers, logger.propagate = handlers, propagate


def _replay(records: list[tuple[str, int, str]]) -> None:
    for name, level, message in records:
        logging.getLogger(name).log(level, message)


def _log_page_error(what: str, page: Any, e: Exception) -> None:
    from mkdocs.exceptions import BuildError

    log.error(f"{what} '{page.file.src_uri}':" + ("" if isinstance(e, BuildError) else f" {e}"))


def _render_pages(run: Sequence[Any], config: Any, files: Any) -> list[tuple[Any, ...]]:
    """In a worker: convert each page's Markdown (Page.render, then page_content); return what MkDocs keeps."""

    def job(records: _Records) -> list[tuple[Any, ...]]:
        out = []
        for page in run:
            config._current_page = page
            try:
                page.render(config, files)
                page.content = config.plugins.on_page_content(page.content, page=page, config=config, files=files)
            except Exception as e:
                _log_page_error("Error reading page", page, e)
                raise
            finally:
                config._current_page = None
            links = {target.src_uri: found for target, found in (page.links_to_anchors or {}).items()}
            out.append((page.content, page.toc, page._title_from_render, page.present_anchor_ids, links, records.records[:]))
            records.records.clear()
        return out

    return _capturing(job)


def _keep_rendered(run: Sequence[Any], rendered: list[tuple[Any, ...]], files: Any) -> None:
    """Give each page what its worker made of it, and log its warnings, in page order."""
    for page, (content, toc, title, anchors, links, records) in zip(run, rendered, strict=True):
        page.content, page.toc, page._title_from_render, page.present_anchor_ids = content, toc, title, anchors
        page.links_to_anchors = {files.get_file_from_path(uri): found for uri, found in links.items()}
        _replay(records)


class _Written:
    """What a worker sends back for the pages it built."""

    def __init__(self, entries: list[dict[str, Any]], records: list[tuple[str, int, str]]) -> None:
        self.entries = entries
        self.records = records


def _write_pages(run: Sequence[Any], config: Any, doc_files: Any, nav: Any, env: Any, remember: Callable[[bytes], None] | None) -> _Written:
    """In a worker: MkDocs' _build_page for each page; return the search entries they added."""
    from mkdocs.commands.build import _build_page

    def job(records: _Records) -> _Written:
        entries = _search_entries(config)
        start = len(entries) if entries is not None else 0
        for page in run:
            _build_page(page, config, doc_files, nav, env, excluded=page.file.inclusion.is_excluded())
            if remember is not None and os.path.isfile(page.file.abs_dest_path):
                remember(Path(page.file.abs_dest_path).read_bytes())
        if entries is None:
            return _Written([], records.records)
        added = entries[start:]
        del entries[start:]  # a worker builds many runs: keep only what it has not sent back
        return _Written(added, records.records)

    return _capturing(job)


def _search_entries(config: Any) -> list[dict[str, Any]] | None:
    """The search plugin's list of index entries, when it is on."""
    search = config.plugins.get("material/search")
    if search is None or not search.config.enabled or not hasattr(search, "search_index"):
        return None
    return search.search_index.entries


def _audit_parser(abs_cache: Path | None) -> Callable[[bytes], None] | None:
    """Parse a written page into the site audit's cache (nothing without a cache folder)."""
    if abs_cache is None:
        return None
    from generator.siteaudit import ParseCache

    return ParseCache(abs_cache, values=False).remember
