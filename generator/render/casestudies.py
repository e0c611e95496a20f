"""Render case-study pages and the filterable case-study index."""

from __future__ import annotations

import json

from generator.model import CaseStudy, Catalog, Outcome
from generator.render.environment import render_template
from generator.render.facets import facet_options, facet_values
from generator.render.pages import Page
from generator.render.text import number

FOLDER = "case-studies"
# Facets of the index filters: (URL parameter, label, vocabulary, how to read values from a case study)
FACETS = (
    ("theme", "Theme", "themes", lambda c: c.themes),
    ("stage", "Stage", "stages", lambda c: c.stages),
    ("nation", "Nation", "nations", lambda c: (c.authority.nation,)),
    ("type", "Authority type", "authority_types", lambda c: (c.authority.type,)),
    ("regime", "Regime", "regimes", lambda c: c.regimes),
)


def figure(value: float | None, unit: str) -> str:
    """Show a figure with its unit the way a reader expects: 73.6%, £445.6m, 43p per £1."""
    if value is None:
        return ""
    if unit == "percent":
        return f"{number(value)}%"
    if unit == "GBP":
        return f"£{number(value)}"
    if unit == "pence-per-pound":
        return f"{number(value)}p per £1"
    if unit in {"weeks", "hours"}:
        return f"{number(value)} {unit}"
    return number(value)


def outcome_row(case: CaseStudy, outcome: Outcome) -> dict[str, str]:
    """The cells of one outcome row."""
    baseline = figure(outcome.baseline_value, outcome.unit)
    return {
        "metric": outcome.metric,
        "value": figure(outcome.value, outcome.unit),
        "period": outcome.period,
        "baseline": f"{baseline} ({outcome.baseline_period})" if baseline else "",
        "note": outcome.note,
        "source": case.source(outcome.source),
    }


def similar_cases(catalog: Catalog, case: CaseStudy, count: int = 3) -> list[CaseStudy]:
    """Other case studies on the same first theme, the nearest in the list first (constant work per
    page, so the build stays linear with thousands of case studies)."""
    if not case.themes:
        return []
    same = [c for c in _by_theme(catalog).get(case.themes[0], ()) if c.id != case.id]
    position = next((i for i, c in enumerate(_by_theme(catalog)[case.themes[0]]) if c.id == case.id), 0)
    return (same[position:] + same[:position])[:count]


_THEMES: list[tuple[tuple[CaseStudy, ...], dict[str, list[CaseStudy]]]] = []


def _by_theme(catalog: Catalog) -> dict[str, list[CaseStudy]]:
    """Case studies by their first theme, computed once per catalogue (kept with the catalogue's
    own tuple, so a later catalogue never reuses it)."""
    if not _THEMES or _THEMES[0][0] is not catalog.case_studies:
        groups: dict[str, list[CaseStudy]] = {}
        for c in catalog.case_studies:
            if c.themes:
                groups.setdefault(c.themes[0], []).append(c)
        _THEMES[:] = [(catalog.case_studies, groups)]
    return _THEMES[0][1]


def render_case_study(catalog: Catalog, case: CaseStudy) -> Page:
    """Render one case-study page."""
    stages = {p.id: p for p in catalog.guidance("stage")}
    text = render_template(
        "casestudy.md.j2",
        abbreviations=catalog.abbreviations,
        c=case,
        clauses=[cl for cl in (catalog.clause(i) for i in case.clauses_used) if cl is not None],
        stages=[stages[s] for s in case.stages if s in stages],
        similar=similar_cases(catalog, case),
        tax=catalog.taxonomy,
        rows=[outcome_row(case, o) for o in case.outcomes],
        tags=[catalog.taxonomy.label("themes", t) for t in case.themes],
    )
    return Page(f"{FOLDER}/{case.id}.md", text)


PER_PAGE = 50  # cards on one index page: keeps the page small at any size (about 150 kB)
DATA = f"{FOLDER}/cards.js"  # every card's filter data, loaded by the filters only when the index has several pages


def index_path(number: int) -> str:
    return f"{FOLDER}/index.md" if number == 1 else f"{FOLDER}/pages/{number}.md"


def page_link(here: int, there: int) -> str:
    """The relative Markdown link from index page ``here`` to index page ``there``."""
    if here == 1:
        return f"pages/{there}.md"
    return "../index.md" if there == 1 else f"{there}.md"


def pager(here: int, count: int) -> list[tuple[str, str]]:
    """Links to the first, last and nearby index pages: (label, link); '' is this page, '…' a gap."""
    shown = sorted({1, count, *range(max(1, here - 2), min(count, here + 2) + 1)})
    links: list[tuple[str, str]] = []
    for i, n in enumerate(shown):
        if i and n - shown[i - 1] > 1:
            links.append(("…", "…"))
        links.append((str(n), "" if n == here else page_link(here, n)))
    return links


def render_index(catalog: Catalog) -> list[Page]:
    """Render the index of all case studies with client-side filters, in pages of PER_PAGE cards.

    One page needs nothing more: the filters hide cards. With several pages, the filters load
    every card's data from a script (a script tag works from file://, where fetching JSON does not).
    """
    cases = catalog.case_studies
    chunks = [cases[i : i + PER_PAGE] for i in range(0, len(cases), PER_PAGE)] or [[]]
    facets = facet_options(catalog.taxonomy, FACETS, cases)
    pages = []
    for at, chunk in enumerate(chunks, 1):
        cards = [{"c": c, "facets": facet_values(FACETS, c)} for c in chunk]
        text = render_template("casestudy_index.md.j2", cards=cards, total=len(cases), facets=facets, tax=catalog.taxonomy, at=at, count=len(chunks),
                               up="" if at == 1 else "../", pager=pager(at, len(chunks)), prev=page_link(at, at - 1) if at > 1 else "",
                               next=page_link(at, at + 1) if at < len(chunks) else "", data=DATA)
        pages.append(Page(index_path(at), text))
    if len(chunks) > 1:
        pages.append(Page(DATA, card_data(catalog)))
    return pages


def card_data(catalog: Catalog) -> str:
    """Each case study as [id, title, 'authority · nation · period', facet term numbers...], with the facets' terms."""
    terms = {param: [t.id for t in catalog.taxonomy.terms(vocab)] for param, _, vocab, _ in FACETS}
    numbers = {param: {term: i for i, term in enumerate(ids)} for param, ids in terms.items()}
    items = []
    for c in catalog.case_studies:
        meta = f"{c.authority.name} · {catalog.taxonomy.label('nations', c.authority.nation)} · {c.period}"
        items.append([c.id, c.title, meta, *[[numbers[param][v] for v in read(c) if v in numbers[param]] for param, _, _, read in FACETS]])
    data = {"folder": FOLDER, "facets": [param for param, *_ in FACETS], "terms": terms, "items": items}
    return f"window.svkbCards = {json.dumps(data, ensure_ascii=False, separators=(',', ':'))};\n"


def render_case_studies(catalog: Catalog, part: int = 0, parts: int = 1) -> list[Page]:
    """Render the index and one page per case study; or one of ``parts`` shares of them (the index with the first)."""
    index = render_index(catalog) if part == 0 else []
    return index + [render_case_study(catalog, c) for c in catalog.case_studies[part::parts]]
