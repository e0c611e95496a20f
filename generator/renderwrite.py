"""Render the docs tree and write each part where it was rendered.

On a large catalogue the parts of rendering run in forked workers (generator/parallel.py). Each
worker used to send its part's pages back to be written here, which cost a pickled copy of the
part in the worker and another, with the pages, in this process: the clause packs and the
exports alone are hundreds of megabytes at 10,000 case studies. Each part is now written where
it was rendered, and only the addresses it wrote come back; they are claimed here in the order
of the parts, so two parts sharing an address fail the build with the message one Writer gives.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import partial
from pathlib import Path

from generator.model import Catalog
from generator.parallel import run_each
from generator.profile import Profile
from generator.render import render_jobs, worth_workers
from generator.render.pages import Page
from generator.render.redirects import add_anchor_aliases
from generator.write import Writer

Written = list[tuple[bool, str]]  # (copied into the built site after MkDocs, address) of each file, in order


def write_rendered(catalog: Catalog, profile: Profile, epoch: int, site: str, abs_staging: Path, parallel: bool | None = None) -> int:
    """Render every page, pack and asset (as render.render_parts does) into ``abs_staging``: the
    docs tree in docs/, files for the built site in extra/. Return how many files were written."""
    if parallel is None:
        parallel = worth_workers(catalog)
    jobs = [partial(_write_part, job, catalog.redirect_anchors, abs_staging) for job in render_jobs(catalog, profile, epoch, True, site)]
    docs, extra = Writer(abs_staging / "docs"), Writer(abs_staging / "extra")
    for written in run_each(jobs, parallel):
        for site_only, dest_path in written:
            (extra if site_only else docs).claim(dest_path)
    return len(docs.written) + len(extra.written)


def _write_part(job: Callable[[], list[Page]], anchors: Mapping[str, str], abs_staging: Path) -> Written:
    """Render one part and write it; return what it wrote."""
    docs, extra = Writer(abs_staging / "docs"), Writer(abs_staging / "extra")
    written: Written = []
    for page in add_anchor_aliases(job(), anchors):
        (extra if page.site_only else docs).write(page.dest_path, page.data())
        written.append((page.site_only, page.dest_path))
    return written
