"""Read the spreadsheet forms back as users' spreadsheet programs see them: each cell's value, formula,
lock, fill and validation, in one shape for XLSX (openpyxl) and ODS (content.xml), so tests can compare them."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass

import openpyxl
from lxml import etree
from openpyxl.utils import get_column_letter

NS = {
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
}


def q(name: str) -> str:
    prefix, local = name.split(":")
    return f"{{{NS[prefix]}}}{local}"


@dataclass(frozen=True)
class Check:
    """A cell's validation, format-neutral: kind (whole, decimal, date, list, text), bounds, choices, help and stop message."""

    kind: str
    low: str = ""
    high: str = ""
    choices: tuple[str, ...] = ()
    prompt: str = ""
    error: str = ""
    stop: bool = False


@dataclass(frozen=True)
class FormCell:
    text: str
    formula: str
    locked: bool
    fill: str
    check: Check | None


Grid = dict[tuple[str, str], FormCell]  # (sheet, A1 address) -> cell


def _xlsx_check(dv: object) -> Check:
    kind = {"textLength": "text"}.get(dv.type, dv.type)  # type: ignore[attr-defined]
    choices: tuple[str, ...] = ()
    low, high = dv.formula1 or "", dv.formula2 or ""  # type: ignore[attr-defined]
    if kind == "list":
        choices, low = tuple(low.strip('"').split(",")), ""
    if kind == "text":
        low, high = "", low
    return Check(kind, low.replace(",", ";"), high, choices, dv.prompt or "", dv.error or "", dv.errorStyle in (None, "stop") and bool(dv.showErrorMessage))  # type: ignore[attr-defined]


def xlsx_grid(data: bytes) -> Grid:
    """Every non-empty, styled or validated cell of every sheet of an XLSX file."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    grid: Grid = {}
    for ws in book.worksheets:
        checks = {}
        for dv in ws.data_validations.dataValidation:
            for cell_range in dv.sqref.ranges:
                for row in ws.iter_rows(min_row=cell_range.min_row, max_row=cell_range.max_row, min_col=cell_range.min_col, max_col=cell_range.max_col):
                    for cell in row:
                        checks[cell.coordinate] = _xlsx_check(dv)
        for row in ws.iter_rows():
            for cell in row:
                if type(cell).__name__ == "MergedCell":
                    continue
                value = cell.value
                formula = value[1:] if isinstance(value, str) and value.startswith("=") else ""
                fill = (cell.fill.fgColor.rgb or "")[-6:].upper() if cell.fill and cell.fill.fill_type == "solid" else ""
                grid[(ws.title, cell.coordinate)] = FormCell("" if formula or value is None else str(value), formula, bool(cell.protection.locked), fill, checks.get(cell.coordinate))
    return grid


_BETWEEN = re.compile(r"^of:cell-content-is-(whole-number|decimal-number|date)\(\) and cell-content-is-between\((.*),([^,]*)\)$")


def _ods_check(validation: etree._Element) -> Check:
    condition = validation.get(q("table:condition"))
    help_text = "".join(validation.find("table:help-message", NS).itertext())
    error = validation.find("table:error-message", NS)
    stop = error.get(q("table:message-type")) == "stop" and error.get(q("table:display")) == "true"
    common = {"prompt": help_text, "error": "".join(error.itertext()), "stop": stop}
    if m := _BETWEEN.match(condition):
        kind = {"whole-number": "whole", "decimal-number": "decimal", "date": "date"}[m[1]]
        return Check(kind, m[2].replace("[.", "").replace("]", ""), m[3], **common)
    if m := re.match(r"^of:cell-content-is-in-list\((.*)\)$", condition):
        return Check("list", choices=tuple(c.strip('"') for c in m[1].split(";")), **common)
    if m := re.match(r"^of:cell-content-text-length\(\)<=(\d+)$", condition):
        return Check("text", high=m[1], **common)
    raise AssertionError(f"unexpected condition {condition}")


def _ods_styles(root: etree._Element) -> dict[str, tuple[bool, str]]:
    out = {}
    for style in root.iterfind(".//office:automatic-styles/style:style", NS):
        props = style.find("style:table-cell-properties", NS)
        if props is not None:
            out[style.get(q("style:name"))] = (props.get(q("style:cell-protect"), "protected") != "none", (props.get(q("fo:background-color")) or "").lstrip("#").upper())
    return out


def _ods_rows(table: etree._Element) -> list[etree._Element]:
    return [r for r in table.iter(q("table:table-row"))]


def ods_grid(data: bytes) -> Grid:
    """The same view of an ODS file, read from content.xml."""
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("content.xml"))
    styles = _ods_styles(root)
    checks = {v.get(q("table:name")): _ods_check(v) for v in root.iterfind(".//table:content-validation", NS)}
    grid: Grid = {}
    for table in root.iterfind(".//table:table", NS):
        name = table.get(q("table:name"))
        for r, row in enumerate(_ods_rows(table), start=1):
            column = 0
            for cell in row:
                repeat = int(cell.get(q("table:number-columns-repeated"), "1"))
                if cell.tag == q("table:table-cell"):
                    locked, fill = styles.get(cell.get(q("table:style-name"), ""), (True, ""))
                    formula = cell.get(q("table:formula"), "")
                    text = "" if formula else "\n".join("".join(p.itertext()) for p in cell.iterfind("text:p", NS))
                    grid[(name, f"{get_column_letter(column + 1)}{r}")] = FormCell(text, formula, locked, fill, checks.get(cell.get(q("table:content-validation-name"))))
                column += repeat
    return grid


def ods_root(data: bytes, part: str) -> etree._Element:
    return etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read(part))
