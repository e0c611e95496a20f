"""Render clause pages and the filterable clause library index."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from markupsafe import Markup, escape

from generator.clausetext import render_body, split_marks, strip_marks
from generator.model import Catalog, Clause
from generator.packs import all_packs, pack_files
from generator.render.environment import render_template
from generator.render.facets import facet_options, facet_values
from generator.render.pages import Page
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


def clause_text(clause: Clause, profile: Mapping[str, Any], mark: bool = False) -> str:
    """The clause body filled with the profile's values; placeholders elsewhere."""
    return render_body(clause.body, list(clause.variables), clause_values(clause, profile), mark=mark)


def text_to_html(marked: str, anchor: str = "") -> Markup:
    """Paragraphs of clause text as HTML, with placeholders highlighted and, given an anchor
    prefix, a permanent anchor and copy-link control on every paragraph."""
    paragraphs = []
    for block in marked.split("\n\n"):
        pieces = []
        for piece, is_placeholder in split_marks(block.strip("\n")):
            html = str(escape(piece)).replace("\n", "<br>\n")
            pieces.append(f'<mark class="svkb-placeholder">{html}</mark>' if is_placeholder else html)
        if pieces and anchor:
            ident = f"{anchor}-p{len(paragraphs) + 1}"
            link = f'<a class="headerlink svkb-para-link" href="#{ident}" aria-label="Copy link to paragraph {len(paragraphs) + 1}">¶</a>'
            paragraphs.append(f'<p id="{ident}">{"".join(pieces)} {link}</p>')
        elif pieces:
            paragraphs.append(f"<p>{''.join(pieces)}</p>")
    return Markup("\n".join(paragraphs))


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


def render_clause(catalog: Catalog, clause: Clause, profile: Mapping[str, Any], used: dict[str, list[Any]], packs: dict[str, list[Any]]) -> Page:
    """Render one clause page."""
    marked = clause_text(clause, profile, mark=True)
    text = render_template(
        "clause.md.j2",
        c=clause,
        tax=catalog.taxonomy,
        html=text_to_html(marked, clause.slug),
        plain=strip_marks(marked),
        used_in=used.get(clause.id, []),
        packs=packs.get(clause.id, []),
        files=pack_files,
        lighter=catalog.clause(clause.proportionality.lighter_alternative),
        successor=catalog.clause(clause.superseded_by),
        tags=[catalog.taxonomy.label("themes", t) for t in clause.themes],
        indicator=catalog.indicator,
        majors=sorted({h.major for h in clause.history} | {clause.major}),
    )
    return Page(f"{FOLDER}/{clause.slug}.md", text)


def render_index(catalog: Catalog) -> Page:
    """Render the clause library index with filters."""
    cards = [{"c": c, "facets": facet_values(FACETS, c)} for c in catalog.clauses]
    text = render_template("clause_index.md.j2", cards=cards, facets=facet_options(catalog.taxonomy, FACETS, catalog.clauses), tax=catalog.taxonomy, files=pack_files)
    return Page(f"{FOLDER}/index.md", text)


def render_clauses(catalog: Catalog, profile: Mapping[str, Any]) -> list[Page]:
    """Render the library index and one page per clause."""
    if not catalog.clauses:
        return []
    used, packs = used_in_index(catalog), packs_index(catalog)
    pages = [render_index(catalog), *(render_clause(catalog, c, profile, used, packs) for c in catalog.clauses)]
    for clause in catalog.clauses:
        pages += render_versions(catalog, clause, profile)
    return pages
