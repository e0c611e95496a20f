"""Review machinery: the dashboard page, the JSON feed, and what each instrument affects."""

from __future__ import annotations

import json
from dataclasses import dataclass

from generator.model import Catalog
from generator.render.environment import render_template
from generator.render.pages import Page
from generator.render.paging import paginate

PER_PAGE = 200  # dashboard rows on one page, soonest due first: keeps each page small at any size
PER_INSTRUMENT_PAGE = 500  # items on one page of an instrument's list
SHOWN = 20  # items listed under each instrument on the dashboard's first page


@dataclass(frozen=True)
class ReviewItem:
    """Anything with an owner and a review date."""

    kind: str
    id: str
    title: str
    path: str
    owner: str
    last_reviewed: str
    review_by: str
    src_path: str
    instruments: tuple[str, ...]


def review_items(catalog: Catalog) -> list[ReviewItem]:
    """Every reviewable item, soonest due first."""
    items = [ReviewItem("Guidance" if p.kind == "guidance" else "Stage", p.id, p.title, p.dest_path, p.owner, p.last_reviewed, p.review_by, p.src_path, p.instruments) for p in catalog.pages]
    items += [ReviewItem("Clause", c.id, f"{c.id}: {c.title}", f"clauses/{c.slug}.md", c.owner, c.last_reviewed, c.review_by, c.src_path, c.instruments) for c in catalog.clauses]
    items += [ReviewItem("Case study", c.id, c.title, f"case-studies/{c.id}.md", c.owner, c.last_reviewed, c.review_by, c.src_path, c.instruments) for c in catalog.case_studies]
    items += [ReviewItem("Course", c.id, c.title, f"courses/{c.id}/index.md", c.owner, c.last_reviewed, c.review_by, c.src_path, ()) for c in catalog.courses]
    items += [ReviewItem("Indicator", i.id, i.name, f"indicators/{i.id}.md", i.owner, i.last_reviewed, i.review_by, i.src_path, i.instruments) for i in catalog.indicators]
    return sorted(items, key=lambda i: (i.review_by, i.kind, i.id))


def feed(items: list[ReviewItem]) -> str:
    """The JSON feed of review dates, for tools and for reminders."""
    entries = [
        {"kind": i.kind, "id": i.id, "title": i.title, "url": i.path.removesuffix(".md") + "/", "owner": i.owner,
         "last_reviewed": i.last_reviewed, "review_by": i.review_by, "source_file": i.src_path, "instruments": list(i.instruments)}
        for i in items
    ]
    return json.dumps({"items": entries}, indent=2, ensure_ascii=False) + "\n"


def render_review(catalog: Catalog) -> list[Page]:
    """Render the review dashboard in pages, each instrument's full list in pages, and the JSON feed."""
    items = review_items(catalog)
    by_instrument = [(t, [i for i in items if t.id in i.instruments]) for t in catalog.taxonomy.terms("instruments")]
    by_instrument = [x for x in by_instrument if x[1]]
    pages = [Page(paging.path, render_template("review.md.j2", items=chunk, total=len(items), paging=paging, shown=SHOWN, per_page=PER_PAGE,
                                               by_instrument=by_instrument if paging.at == 1 else [], tax=catalog.taxonomy))
             for paging, chunk in paginate(items, PER_PAGE, "review/index.md", "the review dashboard")]
    for term, affected in by_instrument:
        if len(affected) > SHOWN:
            pages += [Page(paging.path, render_template("review_instrument.md.j2", t=term, items=chunk, total=len(affected), paging=paging))
                      for paging, chunk in paginate(affected, PER_INSTRUMENT_PAGE, f"review/instruments/{term.id}.md", term.label)]
    return [*pages, Page("review/feed.json", feed(items))]
