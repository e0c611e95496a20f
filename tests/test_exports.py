"""Open data exports: every item valid against its published schema; CSV safe for spreadsheets."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import jsonschema

from generator.render.exports import cell
from generator.validate import FORMATS


def test_json_exports_validate_against_their_schemas(built_real: Path) -> None:
    site = built_real / "site"
    index = json.loads((site / "data/index.json").read_text())
    names = {c["name"] for c in index["collections"]}
    assert {"casestudies", "clauses", "indicators", "taxonomy"} <= names
    for entry in index["collections"]:
        data = json.loads((site / "data" / entry["json"]).read_text())
        schema = json.loads((site / "data" / entry["schema"]).resolve().read_text())
        validator = jsonschema.Draft202012Validator(schema, format_checker=FORMATS)
        items = data.get("items", [data.get("vocabularies")])
        assert items and all(item for item in items)
        for item in items:
            errors = [e.message for e in validator.iter_errors(item)]
            assert errors == [], (entry["name"], errors[:3])
        if "count" in entry:
            assert entry["count"] == len(data["items"])


def test_case_study_csv_has_a_row_per_figure_with_its_source(built_real: Path) -> None:
    rows = list(csv.DictReader(io.StringIO((built_real / "site/data/casestudies.csv").read_text())))
    data = json.loads((built_real / "site/data/casestudies.json").read_text())
    figures = sum(max(1, len(item["outcomes"])) for item in data["items"])
    assert len(rows) == figures
    for row in rows:
        if row["metric"]:
            assert row["source_url"].startswith("http") and row["source_title"]


def test_csv_cells_never_start_a_formula() -> None:
    assert cell("=HYPERLINK(\"http://evil\")") == "'=HYPERLINK(\"http://evil\")"
    assert cell("+1") == "'+1" and cell("@SUM(A1)") == "'@SUM(A1)" and cell("-2") == "'-2"
    assert cell(["a", "b"]) == "a; b" and cell(None) == "" and cell(12.5) == "12.5"
