"""Clause packs: which packs exist, what is in them, and their files in every format."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from generator.model import Catalog, Clause

FOLDER = "downloads"
FORMATS = ("docx", "odt", "md")
BUNDLE = f"{FOLDER}/svkb-clause-library.zip"


@dataclass(frozen=True)
class Pack:
    """A named set of clauses that procurers download as one document."""

    slug: str
    title: str
    description: str
    clauses: tuple[Clause, ...]


def pack_files(pack: Pack) -> dict[str, str]:
    """The download path of each format of a pack."""
    return {fmt: f"{FOLDER}/svkb-clauses-{pack.slug}.{fmt}" for fmt in FORMATS}


def _current(clauses: tuple[Clause, ...]) -> tuple[Clause, ...]:
    return tuple(c for c in clauses if c.status in {"current", "under-review"})


def tender_order(catalog: Catalog, clauses: tuple[Clause, ...]) -> tuple[Clause, ...]:
    """Clauses in the order a tender uses them: by commissioning stage; within a stage, clauses that
    span more themes first (they frame the narrower ones, as a weighting statement frames its questions), then by id."""
    stages = {term.id: index for index, term in enumerate(catalog.taxonomy.terms("stages"))}
    return tuple(sorted(clauses, key=lambda c: (stages.get(c.stage, len(stages)), -len(c.themes), c.id)))


def all_packs(catalog: Catalog) -> list[Pack]:
    """The complete library, one pack per theme and one per stage (each only if not empty)."""
    clauses = tender_order(catalog, _current(catalog.clauses))
    packs = [Pack("complete", "Social value clause library: all clauses", "Every current clause in the library.", clauses)]
    for term in catalog.taxonomy.terms("themes"):
        chosen = tuple(c for c in clauses if term.id in c.themes)
        if chosen:
            packs.append(Pack(f"theme-{term.id}", f"Social value clauses: {term.label}", term.description, chosen))
    for term in catalog.taxonomy.terms("stages"):
        chosen = tuple(c for c in clauses if c.stage == term.id)
        if chosen:
            packs.append(Pack(f"stage-{term.id}", f"Social value clauses: {term.label}", term.description, chosen))
    return packs


def build_date(epoch: int) -> dt.datetime:
    """The build time recorded in documents, from SOURCE_DATE_EPOCH (UTC, never before 1980)."""
    return dt.datetime.fromtimestamp(max(epoch, 315532800), tz=dt.UTC)


def _render_documents(documents: list[Any]) -> list[tuple[bytes, bytes]]:
    """Write each document as DOCX and ODT.

    One process is enough: the writers cache each clause's blocks as XML text, so a clause shared
    by several packs is written once (a process pool was slower, as each worker had its own cache).
    """
    from generator.office.docx import render_docx
    from generator.office.odt import render_odt
    from generator.packs.document import office_document

    office = [office_document(d) for d in documents]
    return [(render_docx(d), render_odt(d)) for d in office]


def build_packs(catalog: Catalog, profile: Any, epoch: int) -> list[Any]:
    """Render every pack in every format, and the bundle with its manifest."""
    from generator.packs.bundle import render_bundle
    from generator.packs.document import pack_document
    from generator.packs.markdown import render_markdown
    from generator.render.pages import Page

    when = build_date(epoch)
    packs = all_packs(catalog)
    sections: dict[str, Any] = {}
    title_of = {c.id: c.title for c in catalog.clauses}
    documents = [pack_document(pack, profile.values, when, catalog.taxonomy, profile.edition, sections, title_of) for pack in packs]
    pages: list[Page] = []
    for pack, document, (docx, odt) in zip(packs, documents, _render_documents(documents), strict=True):
        files = pack_files(pack)
        pages += [Page(files["docx"], docx), Page(files["odt"], odt), Page(files["md"], render_markdown(document), site_only=True)]
    if pages:
        pages.append(Page(BUNDLE, render_bundle(catalog, profile.values, pages, when)))
    return pages


def render_pack(catalog: Catalog, pack: Pack, profile: Any, epoch: int) -> dict[str, bytes]:
    """One pack in every format, as the build writes it (the pack builder's page writes the same bytes)."""
    from generator.office.docx import render_docx
    from generator.office.odt import render_odt
    from generator.packs.document import office_document, pack_document
    from generator.packs.markdown import render_markdown

    document = pack_document(pack, profile.values, build_date(epoch), catalog.taxonomy, profile.edition, None, {c.id: c.title for c in catalog.clauses})
    office = office_document(document)
    return {"docx": render_docx(office), "odt": render_odt(office), "md": render_markdown(document)}
