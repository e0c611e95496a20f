"""A small, format-neutral model of a spreadsheet form, which the XLSX and ODS writers both walk.

A form is sheets of rows of cells. Each cell has a look (``style``), an optional number format, an
optional validation rule (what a form field would check) and, for worked-out cells, a formula in
spreadsheet A1 syntax that each writer turns into its own dialect.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

# Styles: "title", "note", "label", "heading", "fixed", "input", "formula", "section", "text", "link", "strong".
INPUT_STYLES = frozenset({"input"})
LOCKED_STYLES = frozenset({"title", "note", "label", "heading", "fixed", "formula", "section", "text", "link", "strong"})
EPOCH = dt.date(1899, 12, 30)  # day 0 of spreadsheet date serials (both formats, 1900 date system)


def date_serial(day: dt.date) -> int:
    """The spreadsheet serial number of a date."""
    return (day - EPOCH).days


@dataclass(frozen=True)
class Rule:
    """What an input cell accepts, with the help shown on entering it and the stop message on a wrong value.

    kind: "whole" or "decimal" (between ``minimum`` and ``maximum``), "date" (a real date between
    ``minimum`` and ``maximum`` serials, and not before the date in cell ``after`` when given),
    "list" (one of ``choices``) or "text" (at most ``max_length`` characters).
    """

    kind: str
    title: str
    prompt: str
    error: str
    minimum: float = 0
    maximum: float = 0
    choices: tuple[str, ...] = ()
    max_length: int = 0
    after: str = ""  # A1 address on the same sheet


@dataclass(frozen=True)
class Cell:
    """One cell: a fixed value, an input (empty, validated) or a formula."""

    value: str | float | int | dt.date | None = None
    style: str = "fixed"
    number: str = ""  # "", "count", "decimal", "percent", "money", "date"
    rule: Rule | None = None
    formula: str = ""  # A1 syntax without the leading "=", for example 'IF(E10="","",F10-E10)'
    span: int = 1  # columns this cell covers (merged)
    link: str = ""

    @property
    def locked(self) -> bool:
        return self.style not in INPUT_STYLES


@dataclass(frozen=True)
class Row:
    """A row of cells from column A; ``lines`` is how many lines of text its tallest cell needs."""

    cells: tuple[Cell, ...]
    lines: int = 1


@dataclass(frozen=True)
class Sheet:
    """One sheet: column widths (characters), rows, the rows frozen at the top and repeated on every printed page."""

    name: str
    widths: tuple[float, ...]
    rows: tuple[Row, ...]
    freeze_rows: int = 0
    repeat_rows: tuple[int, int] | None = None  # first and last row (1-based) printed on every page
    protected: bool = True


@dataclass(frozen=True)
class Workbook:
    """A whole form with its document properties; ``created`` is fixed so the bytes are reproducible."""

    title: str
    subject: str
    description: str
    keywords: str
    language: str
    creator: str
    created: dt.datetime
    sheets: tuple[Sheet, ...]


def column_letter(index: int) -> str:
    """A1 column letters of a 0-based column index."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def address(row: int, column: int) -> str:
    """The A1 address of a 1-based row and 0-based column."""
    return f"{column_letter(column)}{row}"


_REFERENCE = re.compile(r"\$?[A-Z]{1,3}\$?[0-9]+")


def odf_formula(formula: str) -> str:
    """An A1 formula in OpenFormula: cell references in [.A1] brackets and ';' between arguments (outside strings)."""
    parts = formula.split('"')
    for i in range(0, len(parts), 2):  # even parts are outside string literals
        parts[i] = _REFERENCE.sub(lambda m: f"[.{m.group(0)}]", parts[i]).replace(",", ";")
    return "of:=" + '"'.join(parts)


def cells_in(sheet: Sheet) -> list[tuple[int, int, Cell]]:
    """Every cell with its 1-based row and 0-based column, spans taken into account."""
    out = []
    for r, row in enumerate(sheet.rows, start=1):
        column = 0
        for cell in row.cells:
            out.append((r, column, cell))
            column += cell.span
    return out
