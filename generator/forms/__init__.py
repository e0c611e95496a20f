"""Spreadsheet forms people download and fill in (the KPI return), as XLSX and ODS from one sheet model."""

from __future__ import annotations

from generator.model import Catalog
from generator.packs import build_date
from generator.render.pages import Page

FOLDER = "downloads/forms"
KPI_RETURN = "svkb-kpi-return"
FORMATS = ("xlsx", "ods")


def form_files(catalog: Catalog) -> dict[str, str]:
    """Download paths of the KPI return by format, or {} when the catalogue has nothing to report under."""
    from generator.forms.kpireturn import SCHEDULE, kpi_rows

    if catalog.clause(SCHEDULE) is None or not kpi_rows(catalog):
        return {}
    return {fmt: f"{FOLDER}/{KPI_RETURN}.{fmt}" for fmt in FORMATS}


def render_forms(catalog: Catalog, epoch: int, base_url: str = "") -> list[Page]:
    """The KPI return as XLSX and ODS (the same bytes for the same catalogue, time and site address)."""
    from generator.forms.kpireturn import kpi_return
    from generator.forms.ods import render_ods
    from generator.forms.xlsx import render_xlsx

    book = kpi_return(catalog, build_date(epoch), base_url)
    if book is None:
        return []
    files = form_files(catalog)
    return [Page(files["xlsx"], render_xlsx(book)), Page(files["ods"], render_ods(book))]
