"""Render clause pages and the filterable clause library index."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from markupsafe import Markup, escape

from generator.clausedoc import ClauseBlock, ClauseDocument, copy_text, document_for
from generator.forms import form_files
from generator.model import Catalog, Clause
from generator.packs import all_packs, pack_files
from generator.render.environment import render_template
from generator.render.facets import facet_options, facet_values
from generator.render.pages import Page
from generator.render.paging import full_list, paginate
from generator.render.versions import render_versions

FOLDER = "clauses"
FACETS = (
    ("stage", "Stage", "stages", lambda c: (c.stage,)),
    ("theme", "Theme", "themes", lambda c: c.themes),
    ("type", "Clause type", "clause_types", lambda c: (c.type,)),
    ("regime", "Regime", "regimes", lambda c: c.regimes),
)


def clause_values(clause: Clause, profile: Mapping[str, Any]) -> dict[str, Any]:
    """The profile's values for the variables this clause declares."""
    return {v.name: profile[v.name] for v in clause.variables if v.name in profile}


def clause_doc(clause: Clause, profile: Mapping[str, Any]) -> ClauseDocument:
    """The clause as blocks, filled with the profile's values; placeholders and options elsewhere."""
    return document_for(clause.body, clause.variables, profile)


def clause_text(clause: Clause, profile: Mapping[str, Any]) -> str:
    """The clause as the copy button copies it."""
    return copy_text(clause_doc(clause, profile))


_RUN_TAGS = {"placeholder": '<mark class="svkb-placeholder">{}</mark>', "option": '<mark class="svkb-option">{}</mark>', "": "{}"}


def _runs_html(block: ClauseBlock) -> str:
    html = "".join(_RUN_TAGS[style].format(escape(piece)) for piece, style in block.runs)
    if block.marker:
        html = f'<span class="svkb-item__marker">{escape(block.marker)}</span> <span class="svkb-item__text">{html}</span>'
    return html


def _block_class(block: ClauseBlock) -> str:
    classes = {"item": f"svkb-item svkb-item--l{block.level}", "choice": "svkb-choice", "option": "svkb-choice", "end": "svkb-choice", "heading": "svkb-clause__heading"}
    names = [classes.get(block.kind, "")] + ([f"svkb-depth-{min(block.depth, 4)}"] if block.depth else [])
    return " ".join(n for n in names if n)


def blocks_html(doc: ClauseDocument, anchor: str = "") -> Markup:
    """The clause's blocks as HTML, placeholders and options highlighted; given an anchor prefix, a
    permanent anchor and copy-link control on every block."""
    out = []
    for number, block in enumerate(doc.blocks, start=1):
        tag = "h3" if block.kind == "heading" else "p"
        attributes = f' data-block="{block.kind}"' + (" data-search-exclude" if tag == "h3" else "")
        css = _block_class(block)
        attributes += f' class="{css}"' if css else ""
        content = _runs_html(block)
        if anchor:
            ident = f"{anchor}-p{number}"
            attributes = f' id="{ident}"' + attributes
            content += f' <a class="headerlink svkb-para-link" href="#{ident}" aria-label="Copy link to paragraph {number}">¶</a>'
        out.append(f"<{tag}{attributes}>{content}</{tag}>")
    return Markup("\n".join(out))


def used_in_index(catalog: Catalog) -> dict[str, list[Any]]:
    """Case studies by the clause ids they name, built once so each clause page is a lookup."""
    index: dict[str, list[Any]] = {}
    for case in catalog.case_studies:
        for clause_id in case.clauses_used:
            index.setdefault(clause_id, []).append(case)
    return index


def packs_index(catalog: Catalog) -> dict[str, list[Any]]:
    """The packs each clause is in, built once (the complete library, its themes, its stage)."""
    index: dict[str, list[Any]] = {}
    for pack in all_packs(catalog):
        for clause in pack.clauses:
            index.setdefault(clause.id, []).append(pack)
    return index


def render_clause(catalog: Catalog, clause: Clause, profile: Mapping[str, Any], used: dict[str, list[Any]], packs: dict[str, list[Any]], forms: Mapping[str, str]) -> Page:
    """Render one clause page."""
    stage_pages = {p.id: p for p in catalog.guidance("stage")}
    doc = clause_doc(clause, profile)
    text = render_template(
        "clause.md.j2",
        c=clause,
        tax=catalog.taxonomy,
        html=blocks_html(doc, clause.slug),
        plain=copy_text(doc),
        open_choices=doc.open_choices,
        stage_page=stage_pages.get(clause.stage),
        abbreviations=catalog.abbreviations,
        used_in=used.get(clause.id, []),
        packs=packs.get(clause.id, []),
        files=pack_files,
        lighter=catalog.clause(clause.proportionality.lighter_alternative),
        successor=catalog.clause(clause.superseded_by),
        tags=[catalog.taxonomy.label("themes", t) for t in clause.themes],
        indicator=catalog.indicator,
        majors=sorted({h.major for h in clause.history} | {clause.major}),
        forms=forms if clause.type == "kpi" else {},
    )
    return Page(f"{FOLDER}/{clause.slug}.md", text)


PER_PAGE = 50  # cards on one clause library page: keeps the page small at any size
DATA = f"{FOLDER}/cards.js"  # every clause card's filter data, loaded by the filters only when the library has several pages


def render_index(catalog: Catalog) -> list[Page]:
    """Render the clause library index with filters, in pages of PER_PAGE cards (as the case-study index)."""
    clauses = catalog.clauses
    packs = {p.slug: pack_files(p) for p in all_packs(catalog)}
    facets = facet_options(catalog.taxonomy, FACETS, clauses)
    pages = []
    for paging, chunk in paginate(clauses, PER_PAGE, f"{FOLDER}/index.md", "the clause library"):
        cards = [{"c": c, "facets": facet_values(FACETS, c)} for c in chunk]
        text = render_template("clause_index.md.j2", cards=cards, total=len(clauses), facets=facets, tax=catalog.taxonomy, files=pack_files,
                               packs=packs, paging=paging, data=DATA)
        pages.append(Page(paging.path, text))
    if len(pages) > 1:
        pages.append(Page(DATA, card_data(catalog)))
    return pages


def card_data(catalog: Catalog) -> str:
    """Each clause as [slug, 'id: title', 'type · stage · version', facet term numbers...], with the facets' terms (read by filters.js)."""
    tax = catalog.taxonomy
    terms = {param: [t.id for t in tax.terms(vocab)] for param, _, vocab, _ in FACETS}
    numbers = {param: {term: i for i, term in enumerate(ids)} for param, ids in terms.items()}
    items = []
    for c in catalog.clauses:
        meta = f"{tax.label('clause_types', c.type)} · {tax.label('stages', c.stage)} · version {c.version}" + ("" if c.status == "current" else f" · {c.status}")
        items.append([c.slug, f"{c.id}: {c.title}", meta, *[[numbers[param][v] for v in read(c) if v in numbers[param]] for param, _, _, read in FACETS]])
    data = {"folder": FOLDER, "facets": [param for param, *_ in FACETS], "terms": terms, "items": items}
    return f"window.svkbCards = {json.dumps(data, ensure_ascii=False, separators=(',', ':'))};\n"


USED_IN_SHOWN = 12  # case studies listed on a clause's page; more are on its own list (clause.md.j2 has the same number)


def render_used_in(catalog: Catalog, used: Mapping[str, list[Any]]) -> list[Page]:
    """The full list of case studies that name a clause, in pages, for clauses whose page shows only some."""
    pages = []
    for clause in catalog.clauses:
        cases = used.get(clause.id, [])
        if len(cases) > USED_IN_SHOWN:
            pages += full_list(f"{FOLDER}/{clause.slug}/case-studies.md", f"Case studies that name {clause.id}", (f"{clause.id}: {clause.title}", f"{FOLDER}/{clause.slug}.md"),
                               [(c.title, f"case-studies/{c.id}.md") for c in cases])
    return pages


def render_clauses(catalog: Catalog, profile: Mapping[str, Any]) -> list[Page]:
    """Render the library index and one page per clause."""
    if not catalog.clauses:
        return []
    used, packs, forms = used_in_index(catalog), packs_index(catalog), form_files(catalog)
    pages = [*render_index(catalog), *(render_clause(catalog, c, profile, used, packs, forms) for c in catalog.clauses)]
    for clause in catalog.clauses:
        pages += render_versions(catalog, clause, profile)
    return pages + render_used_in(catalog, used)
