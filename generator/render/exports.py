"""Open data: the catalogue as JSON (one file per collection, plus an index) and CSV."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from generator.forms import form_files
from generator.model import Catalog
from generator.render.environment import render_template
from generator.render.pages import Page

FOLDER = "data"
COLLECTIONS = (("casestudies", "casestudy", "case_studies"), ("clauses", "clause", "clauses"), ("indicators", "indicator", "indicators"))
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _json(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _collection_json(data: dict[str, Any]) -> str:
    """A collection with one item per line: readable, diffable between releases, and fast to write."""
    head = "".join(f"  {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)},\n" for key, value in data.items() if key != "items")
    items = ",\n".join("    " + json.dumps(item, ensure_ascii=False) for item in data["items"])
    return "{\n" + head + ('  "items": [\n' + items + "\n  ]\n" if items else '  "items": []\n') + "}\n"


def collection(catalog: Catalog, name: str, schema: str, attribute: str) -> dict[str, Any]:
    """One collection as published: each item exactly as its source file, valid against its schema."""
    items = [item.origin.data for item in getattr(catalog, attribute)]
    return {"schema": _schema(schema), "count": len(items), "items": items}


def _schema(schema: str) -> str:
    return f"../schemas/{schema}.schema.json"


def cell(value: Any) -> str:
    """A CSV cell that spreadsheets show as text, never run as a formula."""
    if isinstance(value, (list, tuple)):
        value = "; ".join(str(v) for v in value)
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def _csv(header: list[str], rows: list[list[Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([[cell(v) for v in row] for row in rows])
    return buffer.getvalue()


def casestudies_csv(catalog: Catalog) -> str:
    """One row per outcome figure, with its case study and source."""
    header = ["case_study_id", "title", "authority", "authority_type", "nation", "region", "period_from", "period_to", "themes", "stages", "regimes",
              "metric", "value", "unit", "period", "baseline_value", "baseline_period", "indicator", "note", "source_title", "source_publisher", "source_date", "source_url"]
    rows = []
    for c in catalog.case_studies:
        common = [c.id, c.title, c.authority.name, c.authority.type, c.authority.nation, c.authority.region, c.period_from, c.period_to, c.themes, c.stages, c.regimes]
        for o in c.outcomes:
            s = c.source(o.source)
            rows.append(common + [o.metric, o.value, o.unit, o.period, o.baseline_value, o.baseline_period, o.indicator, o.note, s.title, s.publisher, s.date, s.url])
        if not c.outcomes:
            rows.append(common + [""] * 12)
    return _csv(header, rows)


def clauses_csv(catalog: Catalog) -> str:
    """One row per clause with its metadata."""
    header = ["id", "title", "version", "status", "stage", "type", "themes", "regimes", "nations", "indicators", "sme_burden", "min_value", "page"]
    rows = [[c.id, c.title, c.version, c.status, c.stage, c.type, c.themes, c.regimes, c.nations, c.indicators, c.proportionality.sme_burden,
             c.proportionality.min_value, f"clauses/{c.slug}/"] for c in catalog.clauses]
    return _csv(header, rows)


def indicators_csv(catalog: Catalog) -> str:
    """One row per indicator."""
    header = ["id", "name", "unit", "frequency", "themes", "stages", "ppn002_outcome", "toms_code", "page"]
    rows = [[i.id, i.name, i.unit, i.frequency, i.themes, i.stages, i.ppn002_outcome, i.toms_code, f"indicators/{i.id}/"] for i in catalog.indicators]
    return _csv(header, rows)


def render_case_study_exports(catalog: Catalog) -> list[Page]:
    """The case studies as JSON and CSV (apart from the other exports: the live preview renders
    them alone after an edit to a case study)."""
    name, schema, attribute = COLLECTIONS[0]
    return [Page(f"{FOLDER}/{name}.json", _collection_json(collection(catalog, name, schema, attribute))), Page(f"{FOLDER}/casestudies.csv", casestudies_csv(catalog))]


def render_exports(catalog: Catalog) -> list[Page]:
    """Render every other export file, the index of them all and the open data page."""
    pages = []
    index = {"name": "Social Value Knowledge Base open data", "collections": []}
    for name, schema, attribute in COLLECTIONS:
        if attribute != COLLECTIONS[0][2]:
            data = collection(catalog, name, schema, attribute)
            pages.append(Page(f"{FOLDER}/{name}.json", _collection_json(data)))
        entry = {"name": name, "json": f"{name}.json", "csv": f"{name}.csv", "schema": _schema(schema), "count": len(getattr(catalog, attribute))}
        index["collections"].append(entry)
    pages.append(Page(f"{FOLDER}/taxonomy.json", _json({"schema": "../schemas/taxonomy.schema.json", "vocabularies": catalog.taxonomy_data})))
    index["collections"].append({"name": "taxonomy", "json": "taxonomy.json", "schema": "../schemas/taxonomy.schema.json"})
    pages += [
        Page(f"{FOLDER}/clauses.csv", clauses_csv(catalog)),
        Page(f"{FOLDER}/indicators.csv", indicators_csv(catalog)),
        Page(f"{FOLDER}/index.json", _json(index)),
        Page("open-data.md", render_template("open_data.md.j2", index=index, licence=any(p.id == "licence" for p in catalog.pages), forms=form_files(catalog))),
    ]
    return pages
